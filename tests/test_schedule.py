"""Scheduling: intervals, feed hints, adaptive slowing, capped backoff, Retry-After; the watch loop."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path


import pipeline
from collectors.hints import hint_minutes
from config import Config, Source, load_config
from schedule import next_poll
from storage import Store
from tests.conftest import NOW, PROJECT, SAMPLE_FEEDS, write_sources

SRC = Source("S", "feed", "news", url="https://x.example/feed")




class NoJitter(random.Random):
    def uniform(self, a: float, b: float) -> float:
        return 0.0


def due(config: Config, source: Source = SRC, **kwargs: object) -> float:
    return (next_poll(NOW, config.settings, source, rng=NoJitter(), **kwargs) - NOW).total_seconds() / 60


def test_default_and_per_source_interval(config: Config) -> None:
    assert due(config) == 15
    assert due(config, dataclasses.replace(SRC, interval_minutes=60)) == 60
    assert due(config, dataclasses.replace(SRC, interval_minutes=1)) == 5  # never below the configured floor


def test_hints_slow_polling_within_bounds(config: Config) -> None:
    assert due(config, hint=60) == 60
    assert due(config, hint=10_000) == 360
    assert due(config, hint=2) == 15  # a hint never makes polling more frequent than configured


def test_adapts_to_how_often_items_really_come(config: Config) -> None:
    assert due(config, usual_gap_minutes=20) == 15       # busy feed: the configured interval
    assert due(config, usual_gap_minutes=160) == 40      # a quarter of the usual gap
    assert due(config, usual_gap_minutes=100_000) == 60  # at most four times the interval


def test_failures_back_off_to_a_cap_and_keep_being_retried(config: Config) -> None:
    assert [due(config, failures=n) for n in (1, 2, 3, 4, 5, 6, 20)] == [15, 30, 60, 120, 240, 360, 360]


def test_retry_after_wins_when_longer(config: Config) -> None:
    assert due(config, failures=1, retry_after_seconds=3600) == 60
    assert due(config, failures=1, retry_after_seconds=10) == 15


def test_jitter_stays_within_ten_percent(config: Config) -> None:
    spread = [(next_poll(NOW, config.settings, SRC, rng=random.Random(i)) - NOW).total_seconds() / 60 for i in range(200)]
    assert 13.5 <= min(spread) < 14.5 and 15.5 < max(spread) <= 16.5


def test_feed_hints() -> None:
    assert hint_minutes(b"<rss><channel><ttl>120</ttl></channel></rss>", {}) == 120
    assert hint_minutes(b"<sy:updatePeriod>daily</sy:updatePeriod><sy:updateFrequency>4</sy:updateFrequency>", {}) == 360
    assert hint_minutes(b"<sy:updatePeriod>hourly</sy:updatePeriod>", {}) == 60
    assert hint_minutes(b"<rss/>", {"Cache-Control": "public, max-age=1800"}) == 30
    assert hint_minutes(b"<rss/>", {"cache-control": "no-cache, max-age=1800"}) is None
    assert hint_minutes(b"<rss/>", {}) is None


def test_watch_polls_due_sources_and_stops_after_finishing_the_cycle(config_dir: Path, store: Store) -> None:
    write_sources(config_dir, [{"name": n, "kind": "feed", "channel": "news", "path": str(SAMPLE_FEEDS / f)}
                               for n, f in (("National", "national_news.rss"), ("Regional", "regional_news.rss"))])
    config = load_config(config_dir)
    stop = threading.Event()
    seen: list[str] = []

    def progress(run: pipeline.SourceRun) -> None:
        seen.append(run.source)
        stop.set()  # asked to stop while the first cycle is still running

    cycles = pipeline.watch(config, store, stop, tick_seconds=0.1, progress=progress)
    assert cycles == 1 and sorted(seen) == ["National", "Regional"]  # the cycle finished writing both
    assert store.count_mentions() == 110
    assert pipeline.due_sources(config, store, pipeline.utc_now()) == []  # both have a next poll in the future


def test_due_sources(config_dir: Path, store: Store) -> None:
    write_sources(config_dir, [{"name": "A", "kind": "feed", "channel": "news", "path": str(SAMPLE_FEEDS / "national_news.rss")},
                               {"name": "B", "kind": "feed", "channel": "news", "path": str(SAMPLE_FEEDS / "money_blog.json")}])
    config = load_config(config_dir)
    assert pipeline.due_sources(config, store, NOW) == ["A", "B"]
    pipeline.collect(config, store, now=NOW, only=["A"])
    assert pipeline.due_sources(config, store, NOW + dt.timedelta(minutes=1)) == ["B"]
    assert pipeline.due_sources(config, store, NOW + dt.timedelta(days=1)) == ["A", "B"]


def test_cli_watch_stops_cleanly_on_sigterm(config_dir: Path, tmp_path: Path) -> None:
    db = tmp_path / "watch.db"
    process = subprocess.Popen([sys.executable, "cli.py", "--config", str(config_dir), "--db", f"sqlite:///{db}",
                                "watch", "--tick", "0.2"], cwd=PROJECT, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if db.exists():
            store = Store.open(f"sqlite:///{db}")
            try:
                if len(store.load_health()) == len(load_config(config_dir).sources):
                    break
            finally:
                store.close()
        time.sleep(0.3)
    process.send_signal(signal.SIGTERM)
    out, _ = process.communicate(timeout=60)
    assert process.returncode == 0, out
    assert "SIGTERM received: finishing what was fetched, then stopping" in out
    assert "stopped after 1 polling cycle(s)" in out
