"""Discourse JSON API bytes -> mention frame.

Three documents are understood, recognised by shape rather than by address:

* ``/posts.json``: ``{"latest_posts": [post, ...]}``, the forum's newest posts;
* ``/t/{id}.json`` and ``/t/{id}/posts.json``: ``{"post_stream": {"posts": [post, ...]}}``;
* ``/latest.json``: ``{"topic_list": {"topics": [topic, ...]}, "users": [...]}``, one row per topic.

Links are built from the forum's base address: the source's ``base_url``, else the fetched URL's origin.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

import pandas as pd

from collectors._html import to_text
from collectors._common import ParseError, count, iso_date, load_json, rows_to_frame
from config import Source


def parse_discourse(content: bytes, headers: Mapping[str, str], source: Source, collected_at: dt.datetime,
                    fetched_url: str = "") -> pd.DataFrame:
    """Parse a Discourse JSON document into a mention frame."""
    data = load_json(content, "Discourse", "Discourse JSON", "a .json one")
    base = _base_url(source, fetched_url)
    if not isinstance(data, dict):
        raise ParseError("not Discourse JSON: expected an object with latest_posts, post_stream or topic_list")
    if isinstance(data.get("latest_posts"), list):
        rows = [_post_row(p, base) for p in data["latest_posts"] if isinstance(p, dict)]
    elif isinstance(data.get("post_stream"), dict):
        title = data.get("title") or data.get("fancy_title")
        rows = [_post_row(p, base, title) for p in data["post_stream"].get("posts", []) if isinstance(p, dict)]
    elif isinstance(data.get("topic_list"), dict):
        users = {u.get("id"): u.get("username") for u in data.get("users", []) if isinstance(u, dict)}
        rows = [_topic_row(t, base, users) for t in data["topic_list"].get("topics", []) if isinstance(t, dict)]
    else:
        raise ParseError("not Discourse JSON: expected latest_posts, post_stream or topic_list")
    return rows_to_frame(rows, source, collected_at)


def _base_url(source: Source, fetched_url: str) -> str:
    if source.base_url:
        return source.base_url.rstrip("/")
    parts = urlsplit(fetched_url)
    if parts.scheme in ("http", "https"):
        return f"{parts.scheme}://{parts.netloc}"
    return ""


def _post_row(post: dict[str, Any], base: str, topic_title: str | None = None) -> dict[str, Any]:
    path = post.get("post_url") or _post_path(post)
    body = post.get("cooked")
    return {
        "guid": f"discourse-post-{post['id']}" if post.get("id") is not None else None,
        "url": f"{base}{path}" if base and path else None,
        "title": to_text(str(post.get("topic_title") or topic_title or _from_slug(post.get("topic_slug")))),
        "text": to_text(body) if isinstance(body, str) else str(post.get("raw") or ""),
        "author": post.get("username") or post.get("name"),
        "published_at": iso_date(post.get("created_at")),
        "replies": count(post.get("reply_count")),
        "score": _likes(post),
    }


def _from_slug(slug: Any) -> str:
    """A readable title from a topic slug, for topic documents that carry no title."""
    return str(slug).replace("-", " ").strip().capitalize() if isinstance(slug, str) else ""


def _post_path(post: dict[str, Any]) -> str | None:
    slug, topic, number = post.get("topic_slug"), post.get("topic_id"), post.get("post_number")
    if slug and topic is not None and number is not None:
        return f"/t/{slug}/{topic}/{number}"
    return None


def _likes(post: dict[str, Any]) -> int | None:
    for action in post.get("actions_summary") or []:
        if isinstance(action, dict) and action.get("id") == 2 and "count" in action:
            return count(action["count"])  # action type 2 is a like
    if "like_count" in post:
        return count(post["like_count"])
    return count(post.get("score"))


def _topic_row(topic: dict[str, Any], base: str, users: dict[Any, Any]) -> dict[str, Any]:
    author = None
    for poster in topic.get("posters") or []:
        if isinstance(poster, dict) and str(poster.get("description", "")).startswith("Original Poster"):
            author = users.get(poster.get("user_id"))
            break
    slug, tid = topic.get("slug"), topic.get("id")
    replies = topic.get("reply_count")
    if replies is None and isinstance(topic.get("posts_count"), int):
        replies = max(topic["posts_count"] - 1, 0)
    return {
        "guid": f"discourse-topic-{tid}" if tid is not None else None,
        "url": f"{base}/t/{slug}/{tid}" if base and slug and tid is not None else None,
        "title": to_text(str(topic.get("title") or topic.get("fancy_title") or "")),
        "text": to_text(str(topic.get("excerpt") or "")),
        "author": author or topic.get("last_poster_username"),
        "published_at": iso_date(topic.get("created_at")),
        "replies": count(replies),
        "score": count(topic.get("like_count")),
    }
