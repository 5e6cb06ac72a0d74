"""Which parser a JSON body needs, told by its shape, so a pasted address works with kind "feed".

A user who adds ``https://www.reddit.com/r/NAME/new.json`` or a Mastodon ``/api/v1/timelines/tag/NAME``
address as a ``feed`` should not need to know it is not a feed. JSON Feed and anything unrecognised
stay with :mod:`collectors.feeds`, which explains what it got. Discourse JSON is not guessed: its
links need the forum's base address, so it keeps its own kind.
"""

from __future__ import annotations

import json
from typing import Any

from collectors.mastodon import is_statuses
from collectors.reddit import is_listing

_JSON_START = (b"{", b"[")


def json_kind(content: bytes) -> str | None:
    """"reddit" or "mastodon" when the bytes are JSON of that shape, else None."""
    if content.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] not in _JSON_START:
        return None
    try:
        data: Any = json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None  # the feed parser reports broken JSON in its own words
    if is_listing(data):
        return "reddit"
    if is_statuses(data):
        return "mastodon"
    return None
