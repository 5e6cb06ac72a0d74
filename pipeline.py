"""The one ingest path: collect -> analyse -> store. The CLI and the dashboard both call it.

Each source is fetched, parsed, analysed and stored on its own, inside its own transaction, and
its health is recorded whatever happened: one bad source never stops the others, and a failure
loses nothing already stored.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import httpx
import pandas as pd

from analysis import analyse
from collectors import Collected, collect_source, make_client
from config import Config, Source
from storage import Store

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SourceRun:
    source: str
    items: int
    new: int
    updated: int
    error: str | None


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
        return (f"{len(self.sources)} source(s): {ok} ok, {len(self.failed)} failed; "
                f"{self.new} new mention(s), {sum(s.updated for s in self.sources)} refreshed")


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


def collect(config: Config, store: Store, *, client: httpx.Client | None = None, now: dt.datetime | None = None,
            only: Iterable[str] | None = None, progress: Callable[[SourceRun], None] | None = None) -> RunReport:
    """Collect every enabled source (or those named in ``only``), analyse and store the mentions."""
    now = now or utc_now()
    wanted = set(only) if only is not None else None
    sources = [s for s in config.sources if (s.enabled if wanted is None else s.name in wanted)]
    own_client = client is None and any(s.url for s in sources)
    if own_client:
        client = make_client(config.settings.timeout_seconds, config.settings.user_agent)
    report = RunReport(now)
    try:
        for source in sources:
            run = _collect_one(source, config, store, client, now)
            report.sources.append(run)
            if progress:
                progress(run)
    finally:
        if own_client and client is not None:
            client.close()
    return report


def _collect_one(source: Source, config: Config, store: Store, client: httpx.Client | None,
                 now: dt.datetime) -> SourceRun:
    collected: Collected = collect_source(source, config.settings, client, now)
    error, new, updated = collected.error, 0, 0
    if collected.ok and not collected.frame.empty:
        try:
            result = store.upsert_mentions(analyse(collected.frame, config))
            new, updated = result.inserted, result.updated
        except Exception as exc:  # analysis or storage failed for this source only; logged in full
            log.exception("could not analyse or store %s", source.name)
            error = f"could not store this source's items: {exc}"
    store.record_health(source.name, source.location, source.kind, source.channel, now, error,
                        len(collected.frame), new)
    return SourceRun(source.name, len(collected.frame), new, updated, error)


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


def analyse_posts(frame: pd.DataFrame, config: Config) -> pd.DataFrame:
    """Offline analysis of posts read from a file: no store, no network."""
    return analyse(frame, config)
