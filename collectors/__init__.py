"""Collectors: a configured source -> a validated mention frame, or a plain-words failure.

:func:`collect_source` is the one entry point. It never raises for a bad source: fetch and
parse failures come back as :class:`Collected` with ``error`` set, so one bad feed never sinks
a run. Only :mod:`collectors.fetch` touches the network; the parsers take bytes and headers.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

import httpx
import pandas as pd

from collectors.discourse import parse_discourse
from collectors.feeds import ParseError, parse_feed
from collectors.fetch import FetchError, Fetched, fetch, make_client, read_file
from config import Settings, Source
from mention import MentionSchemaError, new_frame, validate

__all__ = ["Collected", "FetchError", "ParseError", "collect_source", "make_client", "parse_bytes"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Collected:
    """What one attempt at one source produced."""

    source: str
    frame: pd.DataFrame
    attempted_at: dt.datetime
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def parse_bytes(source: Source, fetched: Fetched, collected_at: dt.datetime) -> pd.DataFrame:
    """Parse fetched bytes with the parser for the source's kind, and validate the result."""
    if source.kind == "discourse":
        frame = parse_discourse(fetched.content, fetched.headers, source, collected_at, fetched.url)
    else:
        frame = parse_feed(fetched.content, fetched.headers, source, collected_at)
    return validate(frame, f"source {source.name!r}")


def collect_source(source: Source, settings: Settings, client: httpx.Client | None, now: dt.datetime) -> Collected:
    """Fetch and parse one source. Failures are returned as data, never raised."""
    try:
        if source.url:
            if client is None:
                raise FetchError("no HTTP client available for a web source")
            fetched = fetch(source.url, client, settings.max_bytes, settings.timeout_seconds)
        else:
            assert source.path is not None
            fetched = read_file(source.path, settings.max_bytes)
        frame = parse_bytes(source, fetched, now)
        return Collected(source.name, frame, now)
    except (FetchError, ParseError) as exc:
        return Collected(source.name, new_frame([]), now, str(exc))
    except MentionSchemaError as exc:
        log.error("source %s produced rows that break the schema: %s", source.name, exc)
        return Collected(source.name, new_frame([]), now, f"the items could not be read: {exc.problems[0]}")
    except Exception as exc:  # a parser bug must not stop the other sources; it is logged in full
        log.exception("unexpected error collecting %s", source.name)
        return Collected(source.name, new_frame([]), now, f"internal error while reading this source: {exc!r}")
