"""Feed bytes -> mention frame: RSS 0.9x/1.0/2.0 and Atom through feedparser, JSON Feed 1.0/1.1.

feedparser 6 does not read JSON Feed, so :mod:`collectors.jsonfeed` maps it. A feed that
feedparser marks "bozo" (not well-formed) still yields its good entries; only a document with
no entries that is not a feed at all is refused with a :class:`ParseError` in plain words.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

import feedparser
import pandas as pd

from collectors._common import ParseError, rows_to_frame
from collectors._html import to_text
from collectors.jsonfeed import looks_like_json, parse_json_feed
from config import Source


def parse_feed(content: bytes, headers: Mapping[str, str], source: Source, collected_at: dt.datetime) -> pd.DataFrame:
    """Parse feed bytes into a mention frame; rows without a link or id are dropped."""
    problem = ""
    if not content.strip():
        raise ParseError("empty response: no feed content")
    if looks_like_json(content, headers):
        rows = parse_json_feed(content)
    else:
        rows, problem = _feedparser_rows(content, headers)
    frame = rows_to_frame(rows, source, collected_at)
    if frame.empty:
        raise ParseError(f"no usable items: {len(rows)} item(s), none with a link or an id"
                         + (f" ({problem})" if problem else ""))
    return frame


def _feedparser_rows(content: bytes, headers: Mapping[str, str]) -> tuple[list[dict[str, Any]], str]:
    """Rows of every entry, and the XML problem feedparser noticed (a bozo feed keeps its good entries)."""
    parsed = feedparser.parse(content, response_headers={k.lower(): v for k, v in headers.items()},
                              sanitize_html=True, resolve_relative_uris=True)
    if not parsed.entries:
        raise ParseError(_why_not_a_feed(parsed, content))
    problem = _bozo_reason(parsed.get("bozo_exception")) if parsed.get("bozo") else ""
    return [_entry_row(entry) for entry in parsed.entries], problem


def _why_not_a_feed(parsed: Any, content: bytes) -> str:
    head = content[:2048].lstrip().lower()
    if not content.strip():
        return "empty response: no feed content"
    if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head:
        return "not a feed: got an HTML page"
    if parsed.get("version"):
        return "the feed has no items"
    if parsed.get("bozo"):
        return f"not a feed: {_bozo_reason(parsed.get('bozo_exception'))}"
    return "not a feed: no RSS, Atom or JSON Feed content found"


def _bozo_reason(exc: object) -> str:
    text = str(exc or "").strip().removeprefix("<unknown>:").strip()
    found = re.match(r"(\d+):(\d+): (.*)", text)
    if found:
        return f"broken XML at line {found.group(1)}, column {found.group(2)} ({found.group(3)})"
    return f"broken XML ({text})" if text else "unreadable XML"


def _entry_row(entry: Any) -> dict[str, Any]:
    body = ""
    if entry.get("content"):
        body = max((c.get("value", "") for c in entry.content), key=len)
    summary = entry.get("summary", "") or ""
    if len(summary) > len(body):
        body = summary
    stats = entry.get("media_statistics") or {}
    rating = entry.get("media_starrating") or {}
    return {
        "guid": entry.get("id") or entry.get("guid"),
        "url": entry.get("link"),
        "title": to_text(entry.get("title", "")),
        "text": to_text(body),
        "author": entry.get("author") or _first_author(entry),
        "published_at": _struct_time(entry.get("published_parsed") or entry.get("updated_parsed")),
        "replies": _int(entry.get("slash_comments") or entry.get("thr_total")),
        "score": _int(rating.get("count")) if rating else None,
        "views": _int(stats.get("views")) if stats else None,
    }


def _first_author(entry: Any) -> str | None:
    for author in entry.get("authors", []) or []:
        if isinstance(author, Mapping) and author.get("name"):
            return str(author["name"])
    return None


def _struct_time(value: Any) -> dt.datetime | None:
    if not value:
        return None
    try:
        return dt.datetime.fromtimestamp(calendar.timegm(value), tz=dt.timezone.utc)
    except (OverflowError, ValueError, OSError, TypeError):
        return None


def _int(value: Any) -> int | None:
    try:
        return int(float(str(value).strip()))
    except (TypeError, ValueError):
        return None
