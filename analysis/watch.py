"""Tag mentions with the watched topics and voices, keep why they matched, and score sentiment toward each.

Each watchlist entry is an include query and optional exclusion queries in the query language of
:mod:`analysis.query`; the entry matches when the query does and no exclusion does. All entries'
queries run at once over a whole frame (:func:`analysis.query.evaluate_many`). For every tag the
``matches`` column keeps, as JSON, the matched stretches of the title and text (so the dashboard
can highlight why a mention matched) and the sentiment toward the tag: the mean VADER score of the
sentences holding a match (``None`` when the match is only in a field such as ``site:``).

:func:`problems` checks every query of a watchlist and names the file, the entry, the field and
the character, the way the config loader names its own problems.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from analysis import sentiment
from analysis.lexicon import Lexicon
from analysis.query import Query, QuerySyntaxError, evaluate_many, parse
from config import WatchEntry, Watchlist
from config.watchlist import KINDS, WATCHLIST_FILE

@dataclass(frozen=True)
class Compiled:
    kind: str
    entry: WatchEntry
    query: Query  # include AND NOT (exclusions): decides the tag
    include: Query  # the include query alone: its terms are the spans shown


def combined_text(entry: WatchEntry) -> str:
    """The one query an entry stands for: ``(include) AND NOT ((x1) OR (x2) ...)``."""
    if not entry.exclude:
        return entry.query
    return f"({entry.query}) AND NOT (" + " OR ".join(f"({x})" for x in entry.exclude) + ")"


def check_entry(entry: WatchEntry) -> tuple[list[str], list[str]]:
    """(errors, warnings) of one entry's queries, each starting with the field it is in."""
    errors: list[str] = []
    warnings: list[str] = []
    parts = [("query", entry.query)] + [(f"exclude[{i}]", x) for i, x in enumerate(entry.exclude, start=1)]
    for field, text in parts:
        try:
            warnings.extend(f"{field}: {w}" for w in parse(text).warnings)
        except QuerySyntaxError as exc:
            errors.append(f"{field}: {exc}")
    return errors, warnings


def _where(kind: str, index: int, entry: WatchEntry) -> str:
    return f"{WATCHLIST_FILE}: {KINDS[kind]}[{index}] ({entry.name})"


def problems(watchlist: Watchlist) -> tuple[list[str], list[str]]:
    """(errors, warnings) for every query in ``watchlist``, named 'watchlist.toml: topics[2] (Name): query: ...'."""
    errors: list[str] = []
    warnings: list[str] = []
    for kind in KINDS:
        for index, entry in enumerate(watchlist.entries(kind), start=1):
            bad, costly = check_entry(entry)
            errors.extend(f"{_where(kind, index, entry)}: {e}" for e in bad)
            warnings.extend(f"{_where(kind, index, entry)}: {w}" for w in costly)
    return errors, warnings


def compile_entry(kind: str, entry: WatchEntry) -> Compiled:
    """The parsed queries of one entry; raises QuerySyntaxError for a malformed one."""
    return Compiled(kind, entry, parse(combined_text(entry)), parse(entry.query))


@lru_cache(maxsize=16)
def compile_watchlist(watchlist: Watchlist) -> tuple[Compiled, ...]:
    """Every entry compiled, topics first, in watchlist order (cached: watchlists are frozen)."""
    return tuple(compile_entry(kind, e) for kind in KINDS for e in watchlist.entries(kind))


def match_rows(frame: pd.DataFrame, compiled: tuple[Compiled, ...],
               lexicon: Lexicon | None = None) -> tuple[list[str], list[str], list[str]]:
    """(topics, voices, matches) for each row of ``frame``: ';'-joined names and the JSON detail."""
    hits = evaluate_many({f"{c.kind}\0{c.entry.name}": c.query for c in compiled}, frame)
    found = [[] for _ in range(len(frame))]  # type: list[list[Compiled]]
    for c in compiled:
        for position in hits[f"{c.kind}\0{c.entry.name}"].to_numpy().nonzero()[0]:
            found[position].append(c)
    titles = frame["title"].fillna("").tolist()
    texts = frame["text"].fillna("").tolist()
    topics, voices, details = [], [], []
    for position, tags in enumerate(found):
        cache: dict[tuple[str, int], float] = {}
        detail = []
        for c in tags:
            spans = c.include.spans(titles[position], texts[position])
            detail.append({"kind": c.kind, "name": c.entry.name, "spans": [list(s) for s in spans],
                           "sentiment": sentiment.toward(titles[position], texts[position], spans, lexicon, cache)})
        topics.append(";".join(c.entry.name for c in tags if c.kind == "topic"))
        voices.append(";".join(c.entry.name for c in tags if c.kind == "voice"))
        details.append(json.dumps(detail, ensure_ascii=False, separators=(",", ":")) if detail else "")
    return topics, voices, details


def match(frame: pd.DataFrame, watchlist: Watchlist, lexicon: Lexicon | None = None) -> pd.DataFrame:
    """Return ``frame`` with ``topics``, ``voices`` and ``matches`` filled from the watchlist."""
    out = frame.copy()
    if frame.empty:
        for column in ("topics", "voices", "matches"):
            out[column] = pd.Series([], index=frame.index, dtype="string")
        return out
    topics, voices, details = match_rows(frame, compile_watchlist(watchlist), lexicon)
    out["topics"] = pd.Series(topics, index=frame.index, dtype="string")
    out["voices"] = pd.Series(voices, index=frame.index, dtype="string")
    out["matches"] = pd.Series(details, index=frame.index, dtype="string")
    return out
