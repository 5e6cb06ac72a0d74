"""The one ingest path end to end: the bundled sample feeds offline, and web sources on 127.0.0.1."""

from __future__ import annotations

import dataclasses
import json
import time
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pandas as pd
import pytest

import pipeline
from config import Config, load_config
from storage import Filters, Store, queries
from tests.conftest import NOW, SAMPLE_FEEDS, LocalServer, Route, write_sources


def test_sample_feeds_offline_end_to_end(config: Config, store: Store) -> None:
    report = pipeline.collect(config, store, now=NOW)
    failed = {run.source: run.error for run in report.failed}
    assert failed == {"Parish Council news (broken)": "not a feed: got an HTML page"}
    assert all(run.items > 0 for run in report.sources if not run.error)
    total = store.count_mentions()
    assert total >= 400
    options = queries.options(store)
    assert (options["last_day"] - options["first_day"]).days >= 30
    assert set(options["topics"]) == {t.name for t in config.watchlist.topics}
    assert set(options["voices"]) == {v.name for v in config.watchlist.voices}
    assert set(options["channels"]) >= {"news", "blog", "forum", "social", "government", "video"}
    totals = queries.totals(store, Filters())
    assert totals["inaccuracies"] >= 20 and totals["questions"] >= 40
    sample = queries.page(store, Filters(), limit=total)
    assert not sample["text"].str.contains("<p>", regex=False).any()
    assert set(sample["sentiment_label"]) == {"positive", "neutral", "negative"}
    assert sample["published_at"].dt.tz is not None
    flagged = sample[sample["inaccuracy_ids"] != ""]
    # a flag is answered with the correction, unless the post reached so few that a reply would spread it
    assert set(flagged["response_kind"]) <= {"correct", "do_not_engage"}
    held = flagged[flagged["response_kind"] == "do_not_engage"]
    assert held["response_reason"].str.startswith("Low reach").all() and len(held) < len(flagged) / 10
    corrected = flagged[flagged["response_kind"] == "correct"]
    assert len(corrected) >= 20 and corrected["suggested_response"].str.contains("https://www.gov.uk/").all()


def test_collecting_twice_adds_nothing(config: Config, store: Store) -> None:
    first = pipeline.collect(config, store, now=NOW)
    count = store.count_mentions()
    second = pipeline.collect(config, store, now=NOW)
    assert second.new == 0 and store.count_mentions() == count
    assert sum(r.updated for r in second.sources) == sum(r.items for r in second.sources if not r.error)
    assert first.new == count  # syndicated copies across feeds were one row from the start
    assert sum(r.items for r in first.sources) > count


def test_bootstrap_collects_only_into_an_empty_store(config: Config, store: Store) -> None:
    assert pipeline.bootstrap(config, store) is not None
    count = store.count_mentions()
    assert pipeline.bootstrap(config, store) is None and store.count_mentions() == count


def _slow(handler: BaseHTTPRequestHandler) -> None:
    time.sleep(2)
    handler.send_response(200)
    handler.end_headers()


def test_web_sources_one_bad_feed_never_stops_the_others(config_dir: Path, store: Store,
                                                         http_server: LocalServer) -> None:
    good = http_server.serve_file("/news.rss", SAMPLE_FEEDS / "national_news.rss", "application/rss+xml")
    forum = http_server.serve_file("/posts.json", SAMPLE_FEEDS / "benefits_forum_posts.json", "application/json")
    http_server.routes["/down.rss"] = Route(status=503, body=b"busy")
    http_server.routes["/slow.rss"] = Route(handler=_slow)
    http_server.routes["/page.rss"] = Route(body=b"<!DOCTYPE html><html><body>Moved</body></html>",
                                            headers={"Content-Type": "text/html"})
    write_sources(config_dir, [
        {"name": "Down", "kind": "feed", "channel": "news", "url": http_server.url("/down.rss")},
        {"name": "Good", "kind": "feed", "channel": "news", "url": good},
        {"name": "Slow", "kind": "feed", "channel": "blog", "url": http_server.url("/slow.rss")},
        {"name": "Page", "kind": "feed", "channel": "blog", "url": http_server.url("/page.rss")},
        {"name": "Forum", "kind": "discourse", "channel": "forum", "url": forum},
        {"name": "Gone", "kind": "feed", "channel": "news", "url": http_server.url("/missing.rss")},
    ])
    config = load_config(config_dir)
    config = dataclasses.replace(config, settings=dataclasses.replace(config.settings, timeout_seconds=0.5))
    report = pipeline.collect(config, store, now=NOW)
    errors = {run.source: run.error for run in report.sources}
    assert errors == {"Down": "HTTP 503 Service Unavailable", "Good": None, "Slow": "timed out after 0.5 s",
                      "Page": "not a feed: got an HTML page", "Forum": None, "Gone": "HTTP 404 Not Found"}
    stored = queries.page(store, Filters(), limit=1000)
    assert set(stored["source"]) == {"Good", "Forum"}
    forum_rows = stored[stored["source"] == "Forum"]
    assert forum_rows["url"].str.startswith(http_server.base + "/t/").all()  # links built from the fetched origin
    health = store.load_health().set_index("source")
    assert health.loc["Down", "consecutive_failures"] == 1 and pd.isna(health.loc["Down", "last_success_at"])
    assert all("ListeningPost/" in headers.get("User-Agent", "") for _, headers in http_server.requests)


def test_a_failure_after_success_loses_nothing(config_dir: Path, store: Store, http_server: LocalServer) -> None:
    url = http_server.serve_file("/news.rss", SAMPLE_FEEDS / "national_news.rss")
    write_sources(config_dir, [{"name": "News", "kind": "feed", "channel": "news", "url": url}])
    config = load_config(config_dir)
    pipeline.collect(config, store, now=NOW)
    before = store.count_mentions()
    http_server.routes["/news.rss"] = Route(body=b"<rss><channel><item><title>trunc")
    report = pipeline.collect(config, store, now=NOW + pd.Timedelta(minutes=15))
    assert report.failed[0].error == ("no usable items: 1 item(s), none with a link or an id "
                                      "(broken XML at line 2, column 32 (no element found))")
    assert store.count_mentions() == before
    row = store.load_health().iloc[0]
    assert row["consecutive_failures"] == 1 and row["last_success_at"] == pd.Timestamp(NOW)


@pytest.mark.parametrize("how", ["reanalyse", "retag"])
def test_a_watchlist_edit_retags_stored_mentions_without_fetching(config_dir: Path, store: Store, how: str) -> None:
    config = load_config(config_dir)
    pipeline.collect(config, store, now=NOW)
    assert queries.count(store, Filters(topics=("Triple lock",))) == 0
    before = queries.page(store, Filters(), limit=1000).set_index("mention_id")
    with (config_dir / "watchlist.toml").open("a", encoding="utf-8") as handle:
        handle.write('\n[[topics]]\nname = "Triple lock"\nquery = \'"triple lock" NOT "scrap*"\'\n')
    edited = dataclasses.replace(load_config(config_dir), sources=())  # nothing can be fetched
    done = getattr(pipeline, how)(edited, store, batch_size=100)
    assert done == store.count_mentions() == len(before)
    tagged = queries.page(store, Filters(topics=("Triple lock",)), limit=1000).set_index("mention_id")
    assert len(tagged) > 0
    for mention_id, row in tagged.iterrows():
        assert "triple lock" in f"{row['title']} {row['text']}".lower()
        spans = [t["spans"] for t in json.loads(row["matches"]) if t["name"] == "Triple lock"][0]
        assert spans and all(f"{row[f]}"[s:e].lower() == "triple lock" for f, s, e in spans)
        old = before.loc[mention_id]
        assert row["sentiment"] == old["sentiment"] and row["inaccuracy_ids"] == old["inaccuracy_ids"]
        assert row["topics"].startswith(old["topics"]) and "Triple lock" not in old["topics"]


@pytest.mark.parametrize("kind", ["feed", "discourse"])
def test_missing_local_file_is_health_not_a_crash(config_dir: Path, store: Store, kind: str) -> None:
    write_sources(config_dir, [{"name": "Nowhere", "kind": kind, "channel": "forum", "path": "nowhere.xml"}])
    report = pipeline.collect(load_config(config_dir), store, now=NOW)
    assert report.failed[0].error == f"file not found: {config_dir / 'nowhere.xml'}"
