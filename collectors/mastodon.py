"""Mastodon public statuses JSON -> mention frame.

Read from ``/api/v1/timelines/tag/NAME``, ``/api/v1/timelines/public`` and
``/api/v1/accounts/ID/statuses`` (an array of statuses), and ``/api/v2/search`` (``{"statuses": [...]}``).
A boost carries the boosted status in ``reblog``: the inner status is the mention, so a boost of a
post and the post itself are one row. Only ``public`` and ``unlisted`` statuses are kept: a private
or direct one in an authenticated dump is not for a monitoring tool. Tag and account RSS go through
:mod:`collectors.feeds`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import pandas as pd

from collectors._html import to_text
from collectors._common import ParseError, count, iso_date, load_json, rows_to_frame
from config import Source

_PRIVATE = {"private", "direct"}


def is_status(item: Any) -> bool:
    """True for a dict shaped like a Mastodon status (an account, HTML content, an id or address)."""
    return (isinstance(item, dict) and isinstance(item.get("account"), dict) and "content" in item
            and any(item.get(key) for key in ("id", "uri", "url")))


def is_statuses(data: Any) -> bool:
    """True for a non-empty array of statuses, or a v2 search result holding one."""
    if isinstance(data, dict) and isinstance(data.get("statuses"), list) and "accounts" in data:
        data = data["statuses"]
    return isinstance(data, list) and bool(data) and all(is_status(item) for item in data)


def parse_mastodon(content: bytes, headers: Mapping[str, str], source: Source,
                   collected_at: dt.datetime) -> pd.DataFrame:
    """Parse a Mastodon statuses document into a mention frame."""
    data = load_json(content, "Mastodon", "Mastodon statuses", "an /api/ one")
    if isinstance(data, dict) and isinstance(data.get("statuses"), list):
        data = data["statuses"]
    if not isinstance(data, list):
        raise ParseError("not Mastodon statuses: expected an array of statuses")
    if not data:
        raise ParseError("no statuses: the timeline is empty")
    statuses = [_inner(item) for item in data if is_status(item)]
    if not statuses:
        raise ParseError("not Mastodon statuses: no item has an account and content")
    rows = [_row(status) for status in statuses if status.get("visibility") not in _PRIVATE]
    frame = rows_to_frame(rows, source, collected_at)
    if frame.empty:
        raise ParseError(f"no usable items: {len(statuses)} status(es), none public with an address or id")
    return frame




def _inner(status: dict[str, Any]) -> dict[str, Any]:
    """The boosted status for a boost, else the status itself."""
    boosted = status.get("reblog")
    return boosted if is_status(boosted) else status


def _row(status: dict[str, Any]) -> dict[str, Any]:
    body = to_text(status.get("content")) if isinstance(status.get("content"), str) else ""
    warning = to_text(status.get("spoiler_text")) if isinstance(status.get("spoiler_text"), str) else ""
    url = status.get("url") if isinstance(status.get("url"), str) and status["url"].strip() else status.get("uri")
    favourites, boosts = count(status.get("favourites_count")), count(status.get("reblogs_count"))
    return {
        # the uri is the status's id across the fediverse; the local id differs on every server
        "guid": status.get("uri") or (f"mastodon-status-{status['id']}" if status.get("id") else None),
        "url": url if isinstance(url, str) else None,
        "title": "",  # statuses have no titles; the content warning, when there is one, leads the text
        "text": f"{warning}\n{body}" if warning and body else warning or body,
        "author": _author(status.get("account")),
        "published_at": iso_date(status.get("created_at")),
        "replies": count(status.get("replies_count")),
        "score": None if favourites is None and boosts is None else (favourites or 0) + (boosts or 0),
    }


def _author(account: Any) -> str | None:
    if not isinstance(account, dict):
        return None
    for key in ("acct", "username", "display_name"):  # acct is user@server for remote accounts
        if isinstance(account.get(key), str) and account[key].strip():
            return account[key].strip()
    return None
