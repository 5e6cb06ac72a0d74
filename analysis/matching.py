"""Flag which watched topics and voices each mention refers to.

Each watchlist entry's terms compile once into a single case-insensitive pattern on word
boundaries, run over the accent-folded title and text of a whole frame at a time. Exclude terms
veto a match. Matches are kept as ';'-joined names, in watchlist order.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import pandas as pd

from analysis.text import fold, full_text
from config import WatchEntry, Watchlist


def compile_terms(terms: Sequence[str]) -> re.Pattern[str] | None:
    """One pattern matching any of ``terms`` as whole words (a term's own punctuation is literal)."""
    if not terms:
        return None
    alternatives = sorted({re.escape(fold(t)) for t in terms}, key=len, reverse=True)
    return re.compile(r"(?<![\w@])(?:" + "|".join(alternatives) + r")(?![\w])")


def folded_texts(frame: pd.DataFrame) -> pd.Series:
    """The folded title + text of each row, the form every matcher reads."""
    return pd.Series(
        [fold(full_text(t, x)) for t, x in zip(frame["title"].fillna(""), frame["text"].fillna(""))],
        index=frame.index, dtype="object",
    )


def match_entries(folded: pd.Series, entries: Sequence[WatchEntry]) -> pd.Series:
    """';'-joined names of the entries each folded text matches."""
    names = pd.Series([[] for _ in range(len(folded))], index=folded.index, dtype="object")
    for entry in entries:
        include = compile_terms(entry.terms)
        if include is None:
            continue
        hit = folded.str.contains(include, regex=True)
        exclude = compile_terms(entry.exclude)
        if exclude is not None:
            hit &= ~folded.str.contains(exclude, regex=True)
        for idx in hit[hit].index:
            names[idx].append(entry.name)
    return names.map(";".join).astype("string")


def match(frame: pd.DataFrame, watchlist: Watchlist, folded: pd.Series | None = None) -> pd.DataFrame:
    """Return ``frame`` with ``topics`` and ``voices`` columns filled from the watchlist."""
    folded = folded_texts(frame) if folded is None else folded
    out = frame.copy()
    out["topics"] = match_entries(folded, watchlist.topics)
    out["voices"] = match_entries(folded, watchlist.voices)
    return out
