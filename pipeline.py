"""The one ingest path: collect -> analyse -> store. The CLI and the dashboard both call it.

Each source is fetched, parsed, analysed and stored on its own, inside its own transaction, and
its health is recorded whatever happened: one bad source never stops the others, and a failure
loses nothing already stored.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpx
import pandas as pd

import alerting
from analysis import analyse
from analysis import retag as analysis_retag
from analysis.stories import StoryParams
from analysis.stories import group as group_into_stories
from collectors import Collected, HostLimiter, collect_source, fetch_source, make_client, read_fetched
from config import Config, Source
from schedule import next_poll
from storage import Store, queries, stories
from storage.store import health_row

HEALTH_BATCH = 100
#: After a run, the mentions not yet in a story published since the oldest item it analysed are grouped, at
#: most GROUP_PER_RUN (older ones, in a store from before stories existed, are grouped by `cli.py stories`).
GROUP_PER_RUN = 50_000

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SourceRun:
    source: str
    items: int
    new: int
    updated: int
    error: str | None
    unchanged: bool = False
    next_poll_at: dt.datetime | None = None
    note: str | None = None
    earliest_new: dt.datetime | None = None   # the oldest publication time among the items analysed


@dataclass
class RunReport:
    """What one collection run did, source by source."""

    started_at: dt.datetime
    sources: list[SourceRun] = field(default_factory=list)

    @property
    def new(self) -> int:
        return sum(s.new for s in self.sources)

    @property
    def failed(self) -> list[SourceRun]:
        return [s for s in self.sources if s.error]

    def summary(self) -> str:
        ok = len(self.sources) - len(self.failed)
        unchanged = sum(s.unchanged for s in self.sources)
        return (f"{len(self.sources)} source(s): {ok} ok ({unchanged} unchanged), {len(self.failed)} failed; "
                f"{self.new} new mention(s), {sum(s.updated for s in self.sources)} refreshed")


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


def collect(config: Config, store: Store, *, client: httpx.Client | None = None, now: dt.datetime | None = None,
            only: Iterable[str] | None = None, progress: Callable[[SourceRun], None] | None = None,
            stop: threading.Event | None = None) -> RunReport:
    """Collect every enabled source (or those named in ``only``), analyse and store the mentions.

    Sources are fetched concurrently (politely per host); parsing, analysis and storage run in
    this thread, one source at a time, as each fetch completes. When ``stop`` is set, fetches not
    yet started are dropped and what was already fetched is still stored.
    """
    now = now or utc_now()
    wanted = set(only) if only is not None else None
    sources = [s for s in config.sources if (s.enabled if wanted is None else s.name in wanted)]
    settings = config.settings
    own_client = client is None and any(s.url for s in sources)
    if own_client:
        client = make_client(settings.timeout_seconds, settings.user_agent,
                             allow_private=settings.allow_private_addresses)
    limiter = HostLimiter(settings.per_host_concurrency, settings.per_host_interval_seconds)
    known_states = store.fetch_states([s.name for s in sources])
    states = {s.name: known_states.get(s.name, {}) for s in sources}
    report = RunReport(now)
    try:
        with ThreadPoolExecutor(max_workers=max(1, settings.concurrency), thread_name_prefix="fetch") as pool:
            # threads do the network; parsing, analysis and storage run here, one source at a time,
            # so CPU work does not fight over the interpreter lock
            futures = {pool.submit(fetch_source, s, settings, client, states[s.name], limiter): s
                       for s in _interleave_by_host(sources, states)}
            pending: list[dict] = []  # health rows, written in batches: one statement for many sources
            try:
                for future in as_completed(futures):
                    if stop is not None and stop.is_set():
                        for waiting in futures:
                            waiting.cancel()  # only fetches not yet started can be cancelled
                    if future.cancelled():
                        continue
                    source = futures[future]
                    collected = read_fetched(source, future.result(), settings, now, states[source.name])
                    run, health = _store_one(source, collected, config, store, states[source.name], now)
                    pending.append(health)
                    if len(pending) >= HEALTH_BATCH:
                        store.record_health_many(pending)
                        pending = []
                    report.sources.append(run)
                    if progress:
                        progress(run)
            finally:
                store.record_health_many(pending)
    finally:
        if own_client and client is not None:
            client.close()
    earliest = [s.earliest_new for s in report.sources if s.earliest_new is not None]
    if earliest:
        _group_safely(config, store, now, min(earliest))
    return report


def group_stories(config: Config, store: Store, now: dt.datetime | None = None, batch_size: int = 2000,
                  limit: int | None = None, since: dt.datetime | None = None) -> int:
    """Group the mentions not yet in a story (published from ``since``, oldest first, ``batch_size`` at a
    time, at most ``limit``) with the stories near them in time; returns how many were grouped."""
    params = StoryParams.from_settings(config.settings)
    window = dt.timedelta(hours=params.window_hours)
    done = 0
    while limit is None or done < limit:
        fresh = stories.pending(store, batch_size if limit is None else min(batch_size, limit - done), since)
        if fresh.empty:
            break
        known = stories.known_near(store, fresh["published_at"].min() - window, fresh["published_at"].max() + window)
        stories.save(store, group_into_stories(fresh, known, params), now or utc_now())
        done += len(fresh)
    return done


def _group_safely(config: Config, store: Store, now: dt.datetime, earliest: dt.datetime) -> None:
    # grouping follows every run that stored something new or changed, from the oldest of those items
    # on; a failure leaves mentions ungrouped (each counted as its own story) for the next run to pick
    # up, and never loses what was collected
    try:
        group_stories(config, store, now, limit=GROUP_PER_RUN, since=earliest)
    except Exception:
        log.exception("could not group new mentions into stories")


def _interleave_by_host(sources: list[Source], states: dict[str, dict]) -> list[Source]:
    """Round-robin over hosts, so that workers waiting on one host's spacing do not hold up the others."""
    by_host: dict[str, list[Source]] = {}
    for source in sources:
        address = states[source.name].get("moved_to") or source.url or ""
        by_host.setdefault(urlsplit(address).hostname or f"file:{source.name}", []).append(source)
    queues = list(by_host.values())
    ordered: list[Source] = []
    while queues:
        ordered.extend(queue.pop(0) for queue in queues)
        queues = [queue for queue in queues if queue]
    return ordered


def _store_one(source: Source, collected: Collected, config: Config, store: Store, state: dict,
               now: dt.datetime) -> tuple[SourceRun, dict]:
    """Analyse and store one source's items; return its run and its new health row (written by the caller)."""
    error, kind, new, updated, earliest = collected.error, collected.error_kind, 0, 0, None
    if not collected.frame.empty:  # a folder with one bad file still brings its good files' rows
        try:
            fresh, known = store.split_known(collected.frame)  # unchanged items are not analysed again
            result = store.upsert_mentions(analyse(fresh, config))
            earliest = fresh["published_at"].min() if not fresh.empty else None
            new, updated = result.inserted, result.updated + store.refresh_known(known)
        except Exception as exc:  # analysis or storage failed for this source only; logged in full
            log.exception("could not analyse or store %s", source.name)
            error, kind = f"could not store this source's items: {exc}", "soft"
    failures = (state.get("consecutive_failures") or 0) + 1 if error else 0
    gap = queries.usual_gap_minutes(store, source.name) if new else state.get("usual_gap_minutes")
    due = next_poll(now, config.settings, source, failures=failures, retry_after_seconds=collected.retry_after,
                    hint=collected.hint_minutes, usual_gap_minutes=gap)
    note = (f"moved permanently to {collected.moved_to}: update its url in sources.toml"
            if collected.moved_to else None)
    keep_validators = error is None  # a failed parse must not stop the next attempt from re-reading the body
    health = health_row(
        source.name, source.location, source.kind, source.channel, now, error, len(collected.frame), new,
        state, error_kind=kind, next_poll_at=due, moved_to=collected.moved_to, note=note,
        usual_gap_minutes=gap,
        etag=collected.etag if keep_validators else None,
        last_modified=collected.last_modified if keep_validators else None,
        body_hash=collected.body_hash if keep_validators else None)
    run = SourceRun(source.name, len(collected.frame), new, updated, error, collected.unchanged, due, note,
                    None if earliest is None or pd.isna(earliest) else earliest.to_pydatetime())
    return run, health


def due_sources(config: Config, store: Store, now: dt.datetime) -> list[str]:
    """Enabled sources whose next poll time has come (or that were never polled)."""
    health = store.load_health().set_index("source")
    due = []
    for source in config.sources:
        if not source.enabled:
            continue
        when = health["next_poll_at"].get(source.name) if source.name in health.index else None
        if when is None or pd.isna(when) or when <= pd.Timestamp(now):
            due.append(source.name)
    return due


def watch(config: Config, store: Store, stop: threading.Event, *, tick_seconds: float = 30.0,
          progress: Callable[[SourceRun], None] | None = None, clock: Callable[[], dt.datetime] = utc_now) -> int:
    """Poll due sources until ``stop`` is set; returns the number of cycles run.

    A stop request lets the cycle in progress finish writing what it fetched, then returns.
    """
    cycles = 0
    while not stop.is_set():
        due = due_sources(config, store, clock())
        if due:
            collect(config, store, only=due, now=clock(), progress=progress, stop=stop)
            cycles += 1
        _alert_safely(config, store, clock())
        stop.wait(_sleep_seconds(store, clock(), tick_seconds))
    return cycles


def _alert_safely(config: Config, store: Store, now: dt.datetime) -> None:
    # alerts are evaluated every [alerts] cycle_minutes and the digest sent at its time; a failure is
    # logged and tried again on the next tick, and never stops collecting
    try:
        alerting.run_due(config, store, now)
    except Exception:
        log.exception("could not evaluate or deliver alerts")


def _sleep_seconds(store: Store, now: dt.datetime, tick_seconds: float) -> float:
    upcoming = store.load_health()["next_poll_at"].dropna()
    if upcoming.empty:
        return tick_seconds
    return min(tick_seconds, max(0.5, (upcoming.min() - pd.Timestamp(now)).total_seconds()))


def try_source(config: Config, source: Source, now: dt.datetime | None = None) -> Collected:
    """Fetch and parse a candidate source once, storing nothing: for "add a source" checks."""
    settings = config.settings
    with make_client(settings.timeout_seconds, settings.user_agent,
                     allow_private=settings.allow_private_addresses) as client:
        return collect_source(source, settings, client, now or utc_now())


def bootstrap(config: Config, store: Store) -> RunReport | None:
    """Collect the configured sources when the store is empty (first start); otherwise do nothing."""
    if store.count_mentions() > 0:
        return None
    return collect(config, store)


def reanalyse(config: Config, store: Store, batch_size: int = 5000) -> int:
    """Re-run analysis over every stored mention with the current config (after a watchlist edit)."""
    done = 0
    for batch in store.iter_mentions(batch_size):
        store.upsert_mentions(analyse(batch, config))
        done += len(batch)
    return done


def retag(config: Config, store: Store, batch_size: int = 5000,
          progress: Callable[[int], None] | None = None) -> int:
    """Re-tag every stored mention with the current watchlist, without fetching or re-scoring anything else.

    ``progress`` is called with the running count after each batch."""
    done = 0
    for batch in store.iter_mentions(batch_size):
        store.retag(analysis_retag(batch, config))
        done += len(batch)
        if progress is not None:
            progress(done)
    return done


def analyse_posts(frame: pd.DataFrame, config: Config) -> pd.DataFrame:
    """Offline analysis of posts read from a file: no store, no network."""
    return analyse(frame, config)
