"""Collectors: a configured source -> a validated mention frame, or a plain-words failure.

:func:`collect_source` is the one entry point. It never raises for a bad source: fetch and
parse failures come back as :class:`Collected` with ``error`` set, so one bad feed never sinks
a run. Only :mod:`collectors.fetch` touches the network; the parsers take bytes and headers.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Mapping
from contextlib import nullcontext
from dataclasses import dataclass
from typing import Any

import httpx
import pandas as pd

from collectors.discourse import parse_discourse
from collectors.feeds import ParseError, parse_feed
from collectors.folder import collect_folder
from collectors.hints import hint_minutes
from collectors.mastodon import parse_mastodon
from collectors.reddit import parse_reddit
from collectors.shape import json_kind
from collectors.fetch import HARD, SOFT, FetchError, Fetched, fetch, make_client, read_file
from collectors.polite import HostLimiter
from config import Settings, Source
from mention import MentionSchemaError, new_frame, validate

__all__ = ["Collected", "FetchError", "HostLimiter", "ParseError", "collect_source", "fetch_source", "make_client",
           "parse_bytes", "read_fetched"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Collected:
    """What one attempt at one source produced, and what the next attempt needs to know."""

    source: str
    frame: pd.DataFrame
    attempted_at: dt.datetime
    error: str | None = None
    error_kind: str | None = None       # temporary | hard | soft
    retry_after: float | None = None    # seconds the server asked us to wait
    unchanged: bool = False             # 304, or the same bytes as last time: nothing parsed
    etag: str | None = None
    last_modified: str | None = None
    body_hash: str | None = None
    moved_to: str | None = None         # permanent redirect target, used from now on
    hint_minutes: float | None = None   # the feed's own polling hint

    @property
    def ok(self) -> bool:
        return self.error is None


def parse_bytes(source: Source, fetched: Fetched, collected_at: dt.datetime) -> pd.DataFrame:
    """Parse fetched bytes with the parser for the source's kind, and validate the result.

    For kind "feed", a JSON body shaped like a Reddit listing or Mastodon statuses goes to that parser.
    """
    kind = (json_kind(fetched.content) or "feed") if source.kind == "feed" else source.kind
    if kind == "discourse":
        frame = parse_discourse(fetched.content, fetched.headers, source, collected_at, fetched.url)
    elif kind == "reddit":
        frame = parse_reddit(fetched.content, fetched.headers, source, collected_at)
    elif kind == "mastodon":
        frame = parse_mastodon(fetched.content, fetched.headers, source, collected_at)
    else:
        frame = parse_feed(fetched.content, fetched.headers, source, collected_at)
    return validate(frame, f"source {source.name!r}")


def collect_source(source: Source, settings: Settings, client: httpx.Client | None, now: dt.datetime,
                   state: Mapping[str, Any] | None = None, limiter: HostLimiter | None = None) -> Collected:
    """Fetch and parse one source. Failures are returned as data, never raised.

    ``state`` is what the last attempt stored (validators, body hash, moved address): an unchanged
    feed costs a 304 or a hash comparison, never a parse.
    """
    return read_fetched(source, fetch_source(source, settings, client, state, limiter), settings, now, state)


def fetch_source(source: Source, settings: Settings, client: httpx.Client | None,
                 state: Mapping[str, Any] | None = None, limiter: HostLimiter | None = None) -> Fetched | Exception:
    """The network (or disk) half of :func:`collect_source`; safe to run in many threads at once.

    Returns the fetched bytes, or the exception to report (never raises for a bad source).
    """
    try:
        if source.path is not None and source.path.is_dir():
            return Fetched(b"", {}, str(source.path))  # a folder is read by read_fetched, file by file
        return _fetch(source, settings, client, state or {}, limiter)
    except Exception as exc:  # reported by read_fetched, in plain words or as an internal error
        return exc


def read_fetched(source: Source, fetched: Fetched | Exception, settings: Settings, now: dt.datetime,
                 state: Mapping[str, Any] | None = None) -> Collected:
    """The parsing half of :func:`collect_source`: CPU work, best done on one thread."""
    state = state or {}
    try:
        if isinstance(fetched, Exception):
            raise fetched
        if source.path is not None and source.path.is_dir():
            frame, error = collect_folder(source, settings, now)
            return Collected(source.name, frame, now, error, SOFT if error else None)
        kept = {"etag": fetched.etag or state.get("etag"), "last_modified": fetched.last_modified
                or state.get("last_modified"), "moved_to": fetched.moved_to or state.get("moved_to")}
        if fetched.not_modified:
            return Collected(source.name, new_frame([]), now, unchanged=True, body_hash=state.get("body_hash"), **kept)
        digest = hashlib.sha256(fetched.content).hexdigest()
        hint = hint_minutes(fetched.content, fetched.headers)
        if digest == state.get("body_hash"):
            return Collected(source.name, new_frame([]), now, unchanged=True, body_hash=digest, hint_minutes=hint, **kept)
        frame = parse_bytes(source, fetched, now)
        return Collected(source.name, frame, now, body_hash=digest, hint_minutes=hint, **kept)
    except FetchError as exc:
        return Collected(source.name, new_frame([]), now, str(exc), exc.kind, exc.retry_after,
                         moved_to=state.get("moved_to"))
    except ParseError as exc:
        return Collected(source.name, new_frame([]), now, str(exc), SOFT, moved_to=state.get("moved_to"))
    except MentionSchemaError as exc:
        log.error("source %s produced rows that break the schema: %s", source.name, exc)
        return Collected(source.name, new_frame([]), now, f"the items could not be read: {exc.problems[0]}", SOFT)
    except Exception as exc:  # a parser bug must not stop the other sources; it is logged in full
        log.error("unexpected error collecting %s", source.name, exc_info=exc)
        return Collected(source.name, new_frame([]), now, f"internal error while reading this source: {exc!r}", SOFT)


def _fetch(source: Source, settings: Settings, client: httpx.Client | None, state: Mapping[str, Any],
           limiter: HostLimiter | None) -> Fetched:
    if not source.url:
        assert source.path is not None
        return read_file(source.path, settings.max_bytes)
    if client is None:
        raise FetchError("no HTTP client available for a web source", HARD)
    url = state.get("moved_to") or source.url
    with limiter.slot(url) if limiter else nullcontext():
        return fetch(url, client, settings.max_bytes, settings.timeout_seconds,
                     etag=state.get("etag"), last_modified=state.get("last_modified"))
