"""The schema of a mention row, declared once.

A *mention* is one post, article, comment or video found in a source. Collectors create mention
frames with :func:`new_frame`, every layer checks them with :func:`validate`, and storage and
reports read the same column names. :func:`make_id` gives the stable id that makes collection
idempotent: the same item fetched twice, or carried by two feeds, is one row.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import pandas as pd

CHANNELS: tuple[str, ...] = ("news", "blog", "forum", "social", "government", "video")

UTC_TIMESTAMP = "datetime64[us, UTC]"

#: Columns a collector produces, with their pandas dtypes.
COLLECTED: dict[str, str] = {
    "mention_id": "string",
    "source": "string",
    "channel": "string",
    "url": "string",
    "title": "string",
    "text": "string",
    "author": "string",
    "published_at": UTC_TIMESTAMP,
    "collected_at": UTC_TIMESTAMP,
    "replies": "Int64",
    "score": "Int64",
}

#: Columns the analysis layer adds.
ANALYSED: dict[str, str] = {
    "topics": "string",
    "voices": "string",
    "matches": "string",
    "sentiment": "float64",
    "sentiment_label": "string",
    "is_question": "bool",
    "question_kind": "string",
    "inaccuracy_ids": "string",
    "inaccuracy_detail": "string",
    "inaccuracies": "string",
    "response_kind": "string",
    "suggested_response": "string",
    "response_reason": "string",
}

ALL_COLUMNS: dict[str, str] = {**COLLECTED, **ANALYSED}

SENTIMENT_LABELS: tuple[str, ...] = ("positive", "neutral", "negative")
#: "": nothing suggested; "do_not_engage" is a recommendation with its reason and no draft.
RESPONSE_KINDS: tuple[str, ...] = ("", "correct", "answer", "refer", "acknowledge", "do_not_engage")

_REQUIRED_TEXT = ("mention_id", "source", "channel", "url")
_TRACKING_PARAMS = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid", "ocid", "cmpid", "at_medium", "at_campaign",
                    "at_custom", "at_link")


class MentionSchemaError(ValueError):
    """A mention frame broke the schema. ``problems`` lists every problem found, not just the first."""

    def __init__(self, where: str, problems: list[str]) -> None:
        self.where = where
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"{where}: {len(problems)} problem(s) with mention rows:\n{lines}")


def read_matches(value: str | None) -> list[dict]:
    """The tags in a ``matches`` cell: dicts with kind, name, spans and sentiment ([] for none or unreadable).

    Also reads an ``inaccuracies`` cell: each candidate's evidence as a dict."""
    try:
        parsed = json.loads(value) if value else []
    except ValueError:
        return []
    return [t for t in parsed if isinstance(t, dict)] if isinstance(parsed, list) else []


def canonical_url(url: str) -> str:
    """Normalise a link so that trivially different spellings of one address compare equal.

    Lower-cases scheme and host, drops default ports, the fragment, tracking parameters and a
    trailing slash. (Feeds whose distinct items differ only by fragment, such as Discourse's
    ``#post_3``, are told apart by their own ids: see collectors.feeds.)
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    port = parts.port if parts.port and (scheme, parts.port) not in {("http", 80), ("https", 443)} else None
    netloc = f"{host}:{port}" if port else host
    query = urlencode(
        [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
         if not k.lower().startswith(_TRACKING_PARAMS)]
    )
    path = parts.path.rstrip("/") if parts.path not in ("", "/") else ""
    return urlunsplit((scheme, netloc, path, query, ""))


def make_id(url: str | None, guid: str | None = None) -> str | None:
    """The stable mention id: a hash of the canonical link, else of the item's own id.

    Returns None when the item has neither; such rows are dropped by collectors.
    """
    key = canonical_url(url) if url and url.strip() else (f"guid:{guid.strip()}" if guid and guid.strip() else None)
    if key is None:
        return None
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:20]


def new_frame(rows: Iterable[Mapping[str, object]]) -> pd.DataFrame:
    """Build a collected-mention frame with the schema's columns and dtypes from plain dicts."""
    rows = list(rows)
    if not rows:
        return _EMPTY.copy()  # casting every column costs ~3 ms: an unchanged feed should cost less
    return coerce(pd.DataFrame(rows, columns=list(COLLECTED)), COLLECTED)


def _empty() -> pd.DataFrame:
    return coerce(pd.DataFrame([], columns=list(COLLECTED)), COLLECTED)


def coerce(frame: pd.DataFrame, columns: Mapping[str, str] = ALL_COLUMNS) -> pd.DataFrame:
    """Return ``frame`` with each known column cast to its declared dtype (missing ones added)."""
    out = frame.copy()
    for name, dtype in columns.items():
        if name not in out.columns:
            out[name] = pd.Series(False if dtype == "bool" else None, index=out.index)
        if dtype == UTC_TIMESTAMP:
            out[name] = pd.to_datetime(out[name], utc=True, errors="coerce", format="mixed").astype(UTC_TIMESTAMP)
        elif dtype == "bool":
            out[name] = out[name].fillna(False).astype(bool)
        elif dtype == "Int64":
            out[name] = pd.to_numeric(out[name], errors="coerce").round().astype("Int64")
        elif dtype == "float64":
            out[name] = pd.to_numeric(out[name], errors="coerce").astype("float64")
        else:
            out[name] = out[name].astype("string")
    return out


def validate(frame: pd.DataFrame, where: str, columns: Mapping[str, str] = COLLECTED) -> pd.DataFrame:
    """Check ``frame`` against the schema and return it; raise MentionSchemaError listing every problem."""
    problems: list[str] = []
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        problems.append(f"missing column(s): {', '.join(missing)}")
    for name, dtype in columns.items():
        if name in frame.columns and str(frame[name].dtype) != dtype:
            problems.append(f"column {name!r} has dtype {frame[name].dtype}, expected {dtype}")
    present = [c for c in _REQUIRED_TEXT if c in frame.columns]
    for name in present:
        blank = frame[name].isna() | (frame[name].astype("string").str.strip() == "")
        if blank.any():
            problems.append(f"column {name!r} is empty in {int(blank.sum())} row(s), e.g. row {_first(blank)}")
    if "mention_id" in frame.columns:
        dup = frame["mention_id"].duplicated(keep=False) & frame["mention_id"].notna()
        if dup.any():
            problems.append(f"mention_id repeats in {int(dup.sum())} row(s), e.g. {frame.loc[dup, 'mention_id'].iloc[0]!r}")
    if "channel" in frame.columns:
        bad = frame["channel"].notna() & ~frame["channel"].isin(CHANNELS)
        if bad.any():
            problems.append(f"unknown channel {frame.loc[bad, 'channel'].iloc[0]!r} in {int(bad.sum())} row(s); "
                            f"expected one of {', '.join(CHANNELS)}")
    if "sentiment_label" in columns and "sentiment_label" in frame.columns:
        bad = frame["sentiment_label"].notna() & ~frame["sentiment_label"].isin(SENTIMENT_LABELS)
        if bad.any():
            problems.append(f"unknown sentiment_label {frame.loc[bad, 'sentiment_label'].iloc[0]!r}")
    for name in ("replies", "score"):
        if name in frame.columns and pd.api.types.is_numeric_dtype(frame[name]):
            negative = frame[name].fillna(0) < 0
            if name == "replies" and negative.any():
                problems.append(f"column 'replies' is negative in {int(negative.sum())} row(s)")
    if problems:
        raise MentionSchemaError(where, problems)
    return frame


def _first(mask: pd.Series) -> object:
    return mask[mask].index[0]


_EMPTY = _empty()
