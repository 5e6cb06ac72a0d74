"""The store on real SQLite (and real PostgreSQL when it is running): upserts, health, queries."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from analysis import analyse
from config import Config
from mention import MentionSchemaError, new_frame
from storage import Filters, Store, UpsertResult, queries
from storage.schema import resolve_url

DAY = dt.datetime(2025, 9, 10, 8, 30, tzinfo=dt.timezone.utc)


def mentions(config: Config, n: int = 6, start: dt.datetime = DAY) -> pd.DataFrame:
    texts = ["The full new State Pension is only £221.20 a week. What a disgrace.",
             "How much is Pension Credit now?", "Brilliant help from Age UK with my State Pension, thank you!",
             "Universal Credit queues at the Jobcentre again.", "DWP announces new Winter Fuel Payment dates.",
             "Football results from Saturday."]
    rows = [{"mention_id": f"id{i}", "source": f"src{i % 2}", "channel": ("news", "forum")[i % 2],
             "url": f"https://example.org/{i}", "title": f"Post {i}", "text": texts[i % len(texts)],
             "author": None if i == 0 else f"user{i}", "published_at": start + dt.timedelta(days=i),
             "collected_at": start, "replies": i if i % 2 else None, "score": 10 * i}
            for i in range(n)]
    return analyse(new_frame(rows), config)


def test_upsert_is_idempotent_and_round_trips(any_store: Store, config: Config) -> None:
    frame = mentions(config)
    assert any_store.upsert_mentions(frame) == UpsertResult(6, 0)
    assert any_store.upsert_mentions(frame) == UpsertResult(0, 6)
    assert any_store.count_mentions() == 6
    back = queries.page(any_store, Filters(), limit=10).sort_values("mention_id").reset_index(drop=True)
    expected = frame.sort_values("mention_id").reset_index(drop=True)
    pd.testing.assert_frame_equal(back[expected.columns], expected, check_dtype=True)


def test_upsert_refreshes_engagement_and_analysis_but_keeps_first_collection(any_store: Store, config: Config) -> None:
    frame = mentions(config)
    any_store.upsert_mentions(frame)
    later = frame.copy()
    later["score"] = later["score"] + 5
    later["collected_at"] = later["collected_at"] + pd.Timedelta(days=3)
    any_store.upsert_mentions(later)
    back = queries.page(any_store, Filters(), limit=10).set_index("mention_id")
    assert back.loc["id3", "score"] == 35
    assert back.loc["id3", "collected_at"] == frame.set_index("mention_id").loc["id3", "collected_at"]


def test_filters_select_in_sql(any_store: Store, config: Config) -> None:
    any_store.upsert_mentions(mentions(config))
    assert queries.count(any_store, Filters()) == 6
    assert queries.count(any_store, Filters(topics=("State Pension",))) == 2
    assert queries.count(any_store, Filters(voices=("Age UK",))) == 1
    assert queries.count(any_store, Filters(channels=("forum",))) == 3
    assert queries.count(any_store, Filters(sources=("src0",), channels=("forum",))) == 0
    assert queries.count(any_store, Filters(flags=("inaccuracy",))) == 1
    assert queries.count(any_store, Filters(flags=("question",))) == 1
    frame = mentions(config)
    assert queries.count(any_store, Filters(sentiments=("positive",))) == int((frame["sentiment_label"] == "positive").sum()) >= 1
    assert queries.count(any_store, Filters(date_from=dt.date(2025, 9, 11), date_to=dt.date(2025, 9, 12))) == 2
    assert queries.count(any_store, Filters(search="jobcentre")) == 1


def test_aggregates_and_options(any_store: Store, config: Config) -> None:
    any_store.upsert_mentions(mentions(config))
    daily = queries.daily(any_store, Filters(), "topic")
    pension = daily[daily["topic"] == "State Pension"]
    assert pension["mentions"].sum() == 2 and pension["inaccuracies"].sum() == 1
    assert daily["day"].min() == pd.Timestamp("2025-09-10")
    totals = queries.totals(any_store, Filters())
    assert totals == {"mentions": 6, "inaccuracies": 1, "questions": 1, "negative": totals["negative"], "sources": 2}
    options = queries.options(any_store)
    assert options["sources"] == ["src0", "src1"] and "Pension Credit" in options["topics"]
    assert options["first_day"] == dt.date(2025, 9, 10) and options["last_day"] == dt.date(2025, 9, 15)


def test_keyset_pages_cover_everything_once(any_store: Store, config: Config) -> None:
    any_store.upsert_mentions(mentions(config, n=23))
    pages = list(queries.iter_pages(any_store, Filters(), size=5))
    assert [len(p) for p in pages] == [5, 5, 5, 5, 3]
    ids = pd.concat(pages)["mention_id"]
    assert ids.is_unique and len(ids) == 23


def test_health_keeps_last_success_through_failures(any_store: Store) -> None:
    t0, t1, t2 = DAY, DAY + dt.timedelta(minutes=15), DAY + dt.timedelta(minutes=30)
    any_store.record_health("feed", "https://x", "feed", "news", t0, None, items=5, new=5)
    any_store.record_health("feed", "https://x", "feed", "news", t1, "HTTP 503 Service Unavailable", 0, 0)
    any_store.record_health("feed", "https://x", "feed", "news", t2, "timed out after 20 s", 0, 0)
    row = any_store.load_health().iloc[0]
    assert row["consecutive_failures"] == 2 and row["last_error"] == "timed out after 20 s"
    assert row["last_success_at"] == pd.Timestamp(t0) and row["last_attempt_at"] == pd.Timestamp(t2)
    any_store.record_health("feed", "https://x", "feed", "news", t2, None, items=5, new=0)
    row = any_store.load_health().iloc[0]
    assert row["consecutive_failures"] == 0 and pd.isna(row["last_error"])
    assert row["last_new_item_at"] == pd.Timestamp(t0)


def test_a_bad_frame_is_refused_and_nothing_is_lost(any_store: Store, config: Config) -> None:
    good = mentions(config)
    any_store.upsert_mentions(good)
    bad = good.copy()
    bad.loc[0, "channel"] = "television"
    with pytest.raises(MentionSchemaError):
        any_store.upsert_mentions(bad)
    assert any_store.count_mentions() == 6
    assert queries.count(any_store, Filters(channels=("news",))) == 3


def test_sqlite_uses_wal_and_relative_paths_live_under_the_project(tmp_path: Path) -> None:
    url = resolve_url("sqlite:///data/x.db", tmp_path)
    assert url == f"sqlite:///{tmp_path / 'data' / 'x.db'}" and (tmp_path / "data").is_dir()
    store = Store.open(url)
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    store.close()


def test_reanalysis_in_batches(store: Store, config: Config) -> None:
    store.upsert_mentions(mentions(config, n=12))
    batches = list(store.iter_mentions(batch_size=5))
    assert [len(b) for b in batches] == [5, 5, 2]
