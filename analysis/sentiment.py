"""Sentiment with VADER: a compound score in [-1, 1] and a label with the usual +/-0.05 thresholds.

VADER's authors advise scoring longer text sentence by sentence; a mention's score is the mean of
its sentences' compound scores (the title counts as a sentence).
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from analysis.text import full_text, sentences

POSITIVE_AT = 0.05
NEGATIVE_AT = -0.05


@lru_cache(maxsize=1)
def _analyzer() -> SentimentIntensityAnalyzer:
    return SentimentIntensityAnalyzer()


def score_text(text: str) -> float:
    """Mean compound score of the sentences of ``text`` (0.0 for empty text)."""
    parts = sentences(text)
    if not parts:
        return 0.0
    analyzer = _analyzer()
    return round(sum(analyzer.polarity_scores(s)["compound"] for s in parts) / len(parts), 4)


def label(compound: float) -> str:
    """'positive', 'negative' or 'neutral' by VADER's standard thresholds."""
    if compound >= POSITIVE_AT:
        return "positive"
    if compound <= NEGATIVE_AT:
        return "negative"
    return "neutral"


def score(frame: pd.DataFrame) -> pd.DataFrame:
    """Return ``frame`` with ``sentiment`` (compound) and ``sentiment_label`` columns."""
    out = frame.copy()
    values = [score_text(full_text(t, x)) for t, x in zip(frame["title"].fillna(""), frame["text"].fillna(""))]
    out["sentiment"] = pd.Series(values, index=frame.index, dtype="float64")
    out["sentiment_label"] = out["sentiment"].map(label).astype("string")
    return out
