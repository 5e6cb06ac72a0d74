"""Sentiment with VADER: a compound score in [-1, 1] and a label with the usual +/-0.05 thresholds.

How a text is scored (``bench/sentiment_eval.py`` prints the figures behind each choice):

* Text up to :data:`WHOLE_TEXT_CHARS` characters (a post, a short paragraph) is scored whole,
  as VADER was built and validated. On its four human-rated sets (tweets, NYT editorial
  snippets, movie and Amazon review snippets: texts of up to 450 characters bar a few Amazon
  reviews) the whole-text score beats every per-sentence combination we measured. Averaging
  sentences dilutes a feeling with the neutral sentences around it ("Yay. Another good phone
  interview.") and drops VADER's adding up of same-signed sentences: the mean of sentence scores,
  what this module did before, costs 0.056 in Pearson r on the tweets (0.816 against 0.872).
* Longer text (articles, blog posts, long forum posts) saturates: the compound is the sum of the
  words' valences squashed by x / sqrt(x^2 + 15), and the sum grows with length, so a long post
  reads as near +/-1 whatever its balance. VADER's authors advise scoring longer text in
  sentences; we split it at sentence boundaries into ceil(length / WHOLE_TEXT_CHARS) passages of
  about equal length, score each whole and average them. Passages rather than single sentences
  keep the scale continuous at the limit (a text just over it is two halves, each scored the way
  a text just under it is) and keep the gain above for the sentences inside each passage.
* The limit, 500 characters, is the shortest round figure at which every human-rated set does at
  least as well as plain VADER: 500 leaves the sets as they are but for 5 Amazon reviews, whose
  splitting raises r from 0.5896 to 0.5913; a limit of 280 costs NYT r 0.0006, 200 costs movie
  r 0.0001. On long posts built by joining 3-10 snippets (rated by the mean of their ratings, a
  proxy) it raises r over plain VADER by 0.025-0.055; the plain mean of sentences does better
  there still, but that proxy is built to favour averaging, and on real ratings it loses.
* Domain overrides (``config/lexicon.toml``, read by :mod:`analysis.lexicon`) replace VADER's
  valence for policy words and neutralise names such as "Universal Credit"; a phrase is rewritten
  to one token carrying its valence before VADER sees the text. On the general-language sets
  above they change 30 of 25,703 texts and cost nothing (the bench checks it).

:func:`toward` gives the sentiment toward a topic or voice: the mean score of the sentences in
which its query matched (:mod:`analysis.watch` calls it for every tag). One analyzer per lexicon is built and cached.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from functools import lru_cache

import pandas as pd
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from analysis.lexicon import Lexicon, default_lexicon
from analysis.query import Query, parse
from analysis.text import full_text, sentence_bounds, sentences

POSITIVE_AT = 0.05
NEGATIVE_AT = -0.05
#: Longest text scored whole; longer text is split into passages of about this length or less.
WHOLE_TEXT_CHARS = 500


class _Scorer:
    """A VADER analyzer with a lexicon's words applied, and its phrases ready to rewrite as tokens."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.analyzer = SentimentIntensityAnalyzer()
        vocabulary = dict(self.analyzer.lexicon)
        for word, valence in lexicon.words.items():
            if valence:
                vocabulary[word] = valence
            else:  # absent, not 0.0: a lexicon word also changes how VADER reads its neighbours
                vocabulary.pop(word, None)
        # (key, pattern, token), longest phrase first so "cost of living payment" wins over "cost of
        # living". The key, the phrase's longest word, is a cheap substring test that skips most phrases.
        self.phrases: list[tuple[str, re.Pattern[str], str]] = []
        for i, (phrase, valence) in enumerate(sorted(lexicon.phrases.items(), key=lambda p: -len(p[0]))):
            token = f"lpphrase{i}x"
            if valence:
                vocabulary[token] = valence
            key = max(re.findall(r"[a-z0-9]+", phrase), key=len)
            self.phrases.append((key, re.compile(r"(?<!\w)" + _phrase_pattern(phrase) + r"(?!\w)", re.IGNORECASE),
                                 token))
        self.analyzer.lexicon = vocabulary

    def compound(self, text: str) -> float:
        lowered = text.lower()
        for key, pattern, token in self.phrases:
            if key in lowered:
                text = pattern.sub(token, text)
        return self.analyzer.polarity_scores(text)["compound"]


def _phrase_pattern(phrase: str) -> str:
    """Words in order, separated by spaces or hyphens, apostrophes optional, optional plural 's'."""
    parts = [re.escape(w).replace("'", "['’]?") for w in re.split(r"[ \-]+", phrase)]
    return r"[\s\-]+".join(parts) + "s?"


@lru_cache(maxsize=8)
def _scorer(lexicon: Lexicon) -> _Scorer:
    return _Scorer(lexicon)


def passages(text: str) -> list[str]:
    """The pieces scored whole: the text itself when short, else about equal runs of its sentences."""
    text = text.strip()
    if len(text) <= WHOLE_TEXT_CHARS:
        return [text] if text else []
    parts = sentences(text)
    count = math.ceil(len(text) / WHOLE_TEXT_CHARS)
    size = sum(len(p) for p in parts) / count
    groups: list[list[str]] = [[] for _ in range(count)]
    done = 0
    for part in parts:  # each sentence goes to the passage its middle falls in
        groups[min(int((done + len(part) / 2) / size), count - 1)].append(part)
        done += len(part)
    return [" ".join(g) for g in groups if g]


def score_text(text: str, lexicon: Lexicon | None = None) -> float:
    """Compound score of ``text`` (0.0 for empty text): whole if short, else the mean over its passages."""
    scorer = _scorer(default_lexicon() if lexicon is None else lexicon)
    pieces = passages(text)
    if not pieces:
        return 0.0
    return round(sum(scorer.compound(p) for p in pieces) / len(pieces), 4)


def toward(title: str, text: str, spans: Sequence[tuple[str, int, int]], lexicon: Lexicon | None = None,
           cache: dict[tuple[str, int], float] | None = None) -> float | None:
    """Mean score of the sentences of ``title`` and ``text`` that hold one of ``spans`` (field, start, end).

    None when no sentence does (a match only in ``site:`` or ``author:``). ``cache`` shares
    sentence scores between the tags of one mention."""
    cache = {} if cache is None else cache
    scores: list[float] = []
    for field, value in (("title", title), ("text", text)):
        wanted = [(s, e) for f, s, e in spans if f == field]
        if not wanted:
            continue
        for start, end in sentence_bounds(value):
            if any(s < end and e > start for s, e in wanted):
                if (field, start) not in cache:
                    cache[(field, start)] = score_text(value[start:end], lexicon)
                scores.append(cache[(field, start)])
    return round(sum(scores) / len(scores), 4) if scores else None


def score_toward(text: str, query: str | Query, lexicon: Lexicon | None = None) -> float | None:
    """Mean score of the sentences of ``text`` in which ``query`` (a watchlist query) matches; None when none.

    This is the sentiment toward a voice: "Age UK were brilliant. The DWP lost my form." is
    positive toward Age UK and negative toward the DWP."""
    query = parse(query) if isinstance(query, str) else query
    return toward("", text, query.spans("", text), lexicon)


def label(compound: float) -> str:
    """'positive', 'negative' or 'neutral' by VADER's standard thresholds."""
    if compound >= POSITIVE_AT:
        return "positive"
    if compound <= NEGATIVE_AT:
        return "negative"
    return "neutral"


def score(frame: pd.DataFrame, lexicon: Lexicon | None = None) -> pd.DataFrame:
    """Return ``frame`` with ``sentiment`` (compound) and ``sentiment_label`` columns."""
    out = frame.copy()
    values = [score_text(full_text(t, x), lexicon)
              for t, x in zip(frame["title"].fillna(""), frame["text"].fillna(""))]
    out["sentiment"] = pd.Series(values, index=frame.index, dtype="float64")
    out["sentiment_label"] = out["sentiment"].map(label).astype("string")
    return out
