"""bench/seed.py stores what the real pipeline would: the same mentions analysed by analyse() and written by
Store.upsert_mentions (and Store.refresh_known for a second feed) give identical rows in every table and
identical figures from storage.queries. Also: the seed is reproducible and looks like a listening store."""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa

from analysis import analyse
from config import load_config
from mention import CHANNELS, COLLECTED, coerce
from storage import Filters, Store, queries

PROJECT = Path(__file__).resolve().parent.parent
TABLES = {"mentions": "mention_id", "mention_tags": "mention_id, kind, name",
          "inaccuracy_candidates": "mention_id, inaccuracy_id", "mention_sources": "mention_id, source"}


def _load_seed():  # bench/ is scripts, not a package
    spec = importlib.util.spec_from_file_location("bench_seed", PROJECT / "bench" / "seed.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_seed"] = module
    spec.loader.exec_module(module)
    return module


bench_seed = _load_seed()
CONFIG = load_config(PROJECT / "config")


def _seeded(path: Path, count: int, **kwargs: int) -> Store:
    store = Store.open(f"sqlite:///{path}")
    bench_seed.seed(store, CONFIG, count, **kwargs)
    return store


def _raw(store: Store, table: str) -> list[tuple]:
    """Rows as stored (no type conversion by SQLAlchemy), in key order."""
    with store.engine.connect() as conn:
        return [tuple(r) for r in conn.exec_driver_sql(f"SELECT * FROM {table} ORDER BY {TABLES[table]}")]


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Store:
    return _seeded(tmp_path_factory.mktemp("seed") / "seeded.db", 2000)


@pytest.fixture(scope="module")
def piped(seeded: Store, tmp_path_factory: pytest.TempPathFactory) -> Store:
    """The seeded mentions' collected columns, analysed and stored again the way pipeline.collect does."""
    stored = pd.concat(list(queries.iter_pages(seeded, Filters())), ignore_index=True)
    collected = coerce(stored[list(COLLECTED)], COLLECTED)
    store = Store.open(f"sqlite:///{tmp_path_factory.mktemp('piped') / 'piped.db'}")
    for start in range(0, len(collected), 500):
        store.upsert_mentions(analyse(collected.iloc[start:start + 500].reset_index(drop=True), CONFIG))
    with seeded.engine.connect() as conn:  # a story carried by a second feed, collected later
        also = pd.DataFrame(conn.exec_driver_sql(
            "SELECT s.mention_id, s.source, s.first_seen_at FROM mention_sources s JOIN mentions m "
            "USING (mention_id) WHERE s.source != m.source").all(), columns=["mention_id", "source", "first_seen_at"])
    again = collected.merge(also, on="mention_id", suffixes=("_first", ""))
    again["collected_at"] = pd.to_datetime(again["first_seen_at"], utc=True)
    store.refresh_known(coerce(again.drop(columns=["source_first", "first_seen_at"]), COLLECTED))
    return store


@pytest.mark.parametrize("table", list(TABLES))
def test_every_table_holds_what_the_pipeline_stores(seeded: Store, piped: Store, table: str) -> None:
    mine, theirs = _raw(seeded, table), _raw(piped, table)
    assert len(mine) == len(theirs)
    different = [(a, b) for a, b in zip(mine, theirs) if a != b]
    assert not different, different[:3]


def test_the_figures_read_back_are_the_pipelines(seeded: Store, piped: Store) -> None:
    options = queries.options(seeded)
    assert options == queries.options(piped)
    recent = Filters(date_from=options["last_day"] - dt.timedelta(days=89), date_to=options["last_day"])
    for filters in (Filters(), recent, Filters(topics=(options["topics"][0],), channels=("social", "forum"))):
        assert queries.totals(seeded, filters) == queries.totals(piped, filters)
        pd.testing.assert_frame_equal(queries.daily(seeded, filters), queries.daily(piped, filters))
        pd.testing.assert_frame_equal(queries.voices(seeded, filters), queries.voices(piped, filters))
        pd.testing.assert_frame_equal(queries.candidates(seeded, filters, "all", 500),
                                      queries.candidates(piped, filters, "all", 500))
    pd.testing.assert_frame_equal(queries.source_counts(seeded).sort_values("source", ignore_index=True),
                                  queries.source_counts(piped).sort_values("source", ignore_index=True))


def test_it_looks_like_a_listening_store(seeded: Store) -> None:
    frame = pd.concat(list(queries.iter_pages(seeded, Filters())), ignore_index=True)
    channel_of = {s.name: s.channel for s in CONFIG.sources}
    assert set(frame["channel"]) <= set(CHANNELS) and len(set(frame["channel"])) == len(set(channel_of.values()))
    assert (frame["source"].map(channel_of) == frame["channel"]).all()
    watched = {e.name for e in CONFIG.watchlist.topics} | {e.name for e in CONFIG.watchlist.voices}
    tags = {n for cell in pd.concat([frame["topics"], frame["voices"]]) for n in cell.split(";") if n}
    assert tags <= watched and len(tags) >= len(watched) - 2
    assert 0.05 < frame["is_question"].mean() < 0.2
    assert 0.003 < (frame["inaccuracy_ids"] != "").mean() < 0.05
    assert (frame["response_kind"] != "").mean() > 0.05
    assert frame["published_at"].max() <= pd.Timestamp(bench_seed.END, tz="UTC")
    assert frame["published_at"].min() >= pd.Timestamp(bench_seed.END - dt.timedelta(days=bench_seed.DAYS), tz="UTC")
    assert frame["author"].value_counts().iloc[0] > 5 * frame["author"].value_counts().median()  # Zipf-like
    assert frame["score"].max() > 20 * frame["score"].median()  # heavy-tailed
    assert set(frame["sentiment_label"]) == {"positive", "neutral", "negative"}
    assert queries.count(seeded, Filters(search=CONFIG.watchlist.topics[0].name.lower())) > 0


def test_seeding_is_reproducible_and_records_what_people_did(tmp_path: Path) -> None:
    first = _seeded(tmp_path / "a.db", 400, reviews=3, triaged=4)
    second = _seeded(tmp_path / "b.db", 400, reviews=3, triaged=4)
    for table in TABLES:
        assert _raw(first, table) == _raw(second, table)
    assert len(first.inaccuracy_history()) == 3
    assert len(first.triage_audit()) >= 4
    assert len(first.load_health()) == len([s for s in CONFIG.sources if s.enabled])
    with first.engine.connect() as conn:
        assert conn.scalar(sa.text("SELECT count(*) FROM mention_triage")) == 4
