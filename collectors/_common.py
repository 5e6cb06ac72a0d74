"""What every parser shares: the parse error, date and count readers, and rows -> mention frame."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pandas as pd

from config import Source
from mention import canonical_url, make_id, new_frame


class ParseError(Exception):
    """Bytes that are not a usable feed; the message is shown as the source's health."""


def load_json(content: bytes, platform: str, what: str, address_hint: str) -> Any:
    """Decode a JSON API body, or raise ParseError in plain words naming ``what`` was expected.

    ``platform`` names the empty case ("no Reddit content"); ``address_hint`` says what address an
    HTML page suggests the user meant ("a .json one").
    """
    if not content.strip():
        raise ParseError(f"empty response: no {platform} content")
    try:
        return json.loads(content.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ParseError(f"not {what}: the body is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        if content.lstrip()[:1] == b"<":
            raise ParseError(f"not {what}: got an HTML or XML page (is the address {address_hint}?)") from None
        raise ParseError(f"not {what}: broken JSON at line {exc.lineno} column {exc.colno}") from None


def iso_date(value: Any) -> dt.datetime | None:
    """An ISO 8601 / RFC 3339 string as a UTC datetime (naive times are taken as UTC); None if unreadable."""
    if not isinstance(value, str):
        return None
    try:
        parsed = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed.replace(tzinfo=dt.timezone.utc) if parsed.tzinfo is None else parsed.astimezone(dt.timezone.utc)


def count(value: Any) -> int | None:
    """A non-negative integer count, or None for anything else (booleans, strings, negatives)."""
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def rows_to_frame(rows: list[dict[str, Any]], source: Source, collected_at: dt.datetime) -> pd.DataFrame:
    """Common tail for every parser: ids, source columns, dates clamped, id-less rows dropped."""
    out = []
    latest_allowed = collected_at + dt.timedelta(days=1)
    shared = _links_shared_by_distinct_items(rows)
    for row in rows:
        url = (row.get("url") or "").strip() or None
        guid = str(row["guid"]).strip() if row.get("guid") else None
        # a link several distinct items point at (a podcast's home page, a sponsor) identifies none of
        # them: those items are told apart by their own ids instead of collapsing into one row
        if url and canonical_url(url) in shared:  # told apart by their own id, else by the link as written
            mention_id = make_id(None, guid or f"link:{url}")
        else:
            mention_id = make_id(url, guid)
        if mention_id is None:
            continue
        published = row.get("published_at")
        if published is None or published > latest_allowed:
            published = collected_at  # undated or future-dated items count from when we saw them
        out.append({
            "mention_id": mention_id, "source": source.name, "channel": source.channel,
            "url": url or guid, "title": (row.get("title") or "").strip(), "text": row.get("text") or "",
            "author": (row.get("author") or "").strip() or None, "published_at": published,
            "collected_at": collected_at, "replies": row.get("replies"), "score": row.get("score"),
        })
    frame = new_frame(out)
    return frame.drop_duplicates("mention_id", keep="first").reset_index(drop=True)


def _links_shared_by_distinct_items(rows: list[dict[str, Any]]) -> set[str]:
    """Canonical links that distinct rows point at: different ids, or (without ids) different fragments."""
    identities: dict[str, set[str]] = {}
    for row in rows:
        url = (row.get("url") or "").strip()
        if url:
            guid = str(row["guid"]).strip() if row.get("guid") else ""
            identities.setdefault(canonical_url(url), set()).add(guid or f"link:{url}")
    return {link for link, seen in identities.items() if len(seen) > 1}
