"""Reddit ``.json`` listings -> mention frame.

Reddit answers any listing address with ``.json`` appended (``/r/NAME/new.json``, ``/search.json?q=...``,
``/user/NAME/comments.json``, ``/comments/ID.json``) with a *Listing*::

    {"kind": "Listing", "data": {"children": [{"kind": "t3", "data": {...}}, ...]}}

``t3`` children are posts, ``t1`` comments (whose ``replies`` hold a nested Listing); other kinds
(``more``, subreddits) are skipped. A post's comment page is an array of two Listings: the post, then
its comments. One row per post or comment, linked by its permalink on www.reddit.com, so a post read
here and from the subreddit's RSS is one mention. Reddit's RSS and Atom go through :mod:`collectors.feeds`.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterator, Mapping
from typing import Any

import pandas as pd

from collectors._common import ParseError, count, load_json, rows_to_frame
from config import Source

REDDIT = "https://www.reddit.com"
_GONE = {"[deleted]", "[removed]"}  # what Reddit leaves in place of a deleted author or body


def is_listing(data: Any) -> bool:
    """True for a Reddit Listing, or an array of Listings (a post's comment page)."""
    if isinstance(data, list):
        return bool(data) and all(isinstance(part, dict) and is_listing(part) for part in data)
    return (isinstance(data, dict) and data.get("kind") == "Listing" and isinstance(data.get("data"), dict)
            and isinstance(data["data"].get("children"), list))


def parse_reddit(content: bytes, headers: Mapping[str, str], source: Source, collected_at: dt.datetime) -> pd.DataFrame:
    """Parse a Reddit listing into a mention frame, one row per post and comment."""
    data = load_json(content, "Reddit", "a Reddit listing", "a .json one")
    if not is_listing(data):
        raise ParseError('not a Reddit listing: expected {"kind": "Listing", "data": {"children": [...]}}')
    things = list(_things(data))
    if not things:
        raise ParseError("the Reddit listing has no posts or comments")
    titles = {t["name"]: t.get("title") for kind, t in things if kind == "t3" and t.get("name")}
    thread = isinstance(data, list)  # a post's comment page: the only listing whose comments carry their replies
    rows = [_post_row(t) if kind == "t3" else _comment_row(t, titles, thread) for kind, t in things]
    frame = rows_to_frame(rows, source, collected_at)
    if frame.empty:
        raise ParseError(f"no usable items: {len(rows)} item(s), none with a permalink or an id")
    return frame




def _things(listing: Any) -> Iterator[tuple[str, dict[str, Any]]]:
    """(kind, data) of every post and comment, depth first, comments' replies included."""
    if isinstance(listing, list):
        for part in listing:
            yield from _things(part)
        return
    if not isinstance(listing, dict) or not isinstance(listing.get("data"), dict):
        return  # a comment without replies has "replies": ""
    for child in listing["data"].get("children") or []:
        if not isinstance(child, dict) or child.get("kind") not in ("t1", "t3"):
            continue
        if not isinstance(child.get("data"), dict):
            continue
        yield child["kind"], child["data"]
        if child["kind"] == "t1":
            yield from _things(child["data"].get("replies"))


def _post_row(post: dict[str, Any]) -> dict[str, Any]:
    return {
        "guid": post.get("name") or (f"t3_{post['id']}" if post.get("id") else None),
        "url": _permalink(post),
        "title": _plain(post.get("title")),
        "text": _plain(post.get("selftext")),
        "author": _author(post),
        "published_at": _utc(post.get("created_utc")),
        "replies": count(post.get("num_comments")),
        "score": _score(post.get("score")),
    }


def _comment_row(comment: dict[str, Any], titles: dict[str, Any], thread: bool) -> dict[str, Any]:
    return {
        "guid": comment.get("name") or (f"t1_{comment['id']}" if comment.get("id") else None),
        "url": _permalink(comment),
        # user and subreddit comment listings carry the post's title; a comment page has the post beside it
        "title": _plain(comment.get("link_title") or titles.get(comment.get("link_id"))),
        "text": _plain(comment.get("body")),
        "author": _author(comment),
        "published_at": _utc(comment.get("created_utc")),
        "replies": _direct_replies(comment, thread),
        "score": _score(comment.get("score")),
    }


def _direct_replies(comment: dict[str, Any], thread: bool) -> int | None:
    """Direct replies present in the document, or None where Reddit does not include them.

    Comment listings of a user or a subreddit always say "replies": "", whatever the truth; only on a
    comment page does "" mean none. A collapsed "more" stub is not counted.
    """
    replies = comment.get("replies")
    if isinstance(replies, dict) and isinstance(replies.get("data"), dict):
        return sum(1 for c in replies["data"].get("children") or [] if isinstance(c, dict) and c.get("kind") == "t1")
    return 0 if thread and replies == "" else None


def _permalink(thing: dict[str, Any]) -> str | None:
    link = thing.get("permalink")
    if not isinstance(link, str) or not link.strip():
        return None
    link = link.strip()
    return link if link.startswith(("http://", "https://")) else REDDIT + "/" + link.lstrip("/")


def _plain(value: Any) -> str:
    """Reddit's JSON escapes &, < and > in titles and bodies (unless raw_json=1); its text is Markdown, not HTML."""
    text = html.unescape(value).strip() if isinstance(value, str) else ""
    return "" if text in _GONE else text


def _author(thing: dict[str, Any]) -> str | None:
    author = thing.get("author")
    return author if isinstance(author, str) and author.strip() and author not in _GONE else None


def _utc(value: Any) -> dt.datetime | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        return dt.datetime.fromtimestamp(value, tz=dt.timezone.utc)
    except (OverflowError, OSError, ValueError):
        return None




def _score(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None  # scores can be negative
