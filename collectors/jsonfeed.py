"""JSON Feed 1.0 and 1.1 (https://jsonfeed.org) bytes -> plain rows.

feedparser 6.0.14 does not read JSON Feed and no well-kept Python library does this small job,
so this module maps the spec's fields directly. Rows have the same keys as feedparser rows.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from collectors._common import ParseError, iso_date
from collectors._html import to_text


def looks_like_json(content: bytes, headers: Mapping[str, str]) -> bool:
    """True when the bytes are JSON rather than XML (by content type, else by first character)."""
    ctype = next((v for k, v in headers.items() if k.lower() == "content-type"), "").lower()
    if "json" in ctype:
        return True
    return content.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"[")


def parse_json_feed(content: bytes) -> list[dict[str, Any]]:
    """Rows of a JSON Feed; raise ParseError in plain words when the bytes are not one."""
    try:
        data = json.loads(content.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ParseError("not a feed: JSON that is not UTF-8") from None
    except json.JSONDecodeError as exc:
        raise ParseError(f"not a feed: broken JSON at line {exc.lineno} column {exc.colno}") from None
    if not isinstance(data, dict) or "jsonfeed.org/version" not in str(data.get("version", "")):
        raise ParseError("not a feed: JSON, but not a JSON Feed (no jsonfeed.org version)")
    items = data.get("items")
    if not isinstance(items, list):
        raise ParseError("not a feed: JSON Feed without an items list")
    if not items:
        raise ParseError("the feed has no items")
    feed_author = _author(data)
    return [_row(item, feed_author) for item in items if isinstance(item, dict)]


def _row(item: dict[str, Any], feed_author: str | None) -> dict[str, Any]:
    html = item.get("content_html")
    body = to_text(html) if isinstance(html, str) else str(item.get("content_text") or "")
    if not body:
        body = str(item.get("summary") or "")
    return {
        "guid": str(item["id"]) if item.get("id") is not None else None,
        "url": item.get("url") if isinstance(item.get("url"), str) else item.get("external_url"),
        "title": to_text(str(item.get("title") or "")),
        "text": body,
        "author": _author(item) or feed_author,
        "published_at": iso_date(item.get("date_published") or item.get("date_modified")),
        "replies": None,
        "score": None,
    }


def _author(obj: dict[str, Any]) -> str | None:
    authors = obj.get("authors")
    if isinstance(authors, list) and authors and isinstance(authors[0], dict):
        return authors[0].get("name")
    author = obj.get("author")  # JSON Feed 1.0
    if isinstance(author, dict):
        return author.get("name")
    return None
