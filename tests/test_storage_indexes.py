"""The indexes for reads at scale: an existing database gets the ones it lacks when opened, on SQLite and
PostgreSQL; SQLite gathers its planner statistics once a store has mentions, and the dashboard's date-range
figures then read the covering index instead of the table (figures: bench/queries.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import sqlalchemy as sa

from storage import Filters, Store, queries
from storage.schema import analyze, mention_tags, mentions, migrate

NEW = ("ix_mentions_day_cover", "ix_mentions_source_published", "ix_mentions_question", "ix_mention_tags_name_cover")


def _indexes(store: Store) -> set[str]:
    inspector = sa.inspect(store.engine)
    return {i["name"] for t in ("mentions", "mention_tags") for i in inspector.get_indexes(t)}


def test_an_existing_database_gets_the_indexes_it_lacks(any_store: Store) -> None:
    assert set(NEW) <= _indexes(any_store)
    with any_store.engine.begin() as conn:   # a database made before these indexes existed
        for name in NEW:
            conn.exec_driver_sql(f"DROP INDEX {name}")
    assert not set(NEW) & _indexes(any_store)
    migrate(any_store.engine)
    assert set(NEW) <= _indexes(any_store)
    migrate(any_store.engine)   # and opening it again changes nothing


def _fill(store: Store, count: int) -> None:
    start = dt.datetime(2026, 1, 1)
    rows = [{"mention_id": f"m{i:05d}", "source": f"s{i % 7}", "channel": "forum", "url": f"https://x.example/{i}",
             "published_at": start + dt.timedelta(minutes=17 * i), "collected_at": start + dt.timedelta(minutes=17 * i),
             "sentiment_label": "neutral", "sentiment": 0.0, "topics": "T", "is_question": i % 9 == 0} for i in range(count)]
    with store.engine.begin() as conn:
        conn.execute(mentions.insert(), rows)
        conn.execute(mention_tags.insert(), [{"mention_id": r["mention_id"], "kind": "topic", "name": "T"} for r in rows])


def test_sqlite_gathers_statistics_once_there_are_mentions_and_again_when_they_double(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    store = Store.open(url)
    _fill(store, 1500)
    assert analyze(store.engine) is True   # never gathered
    assert analyze(store.engine) is False  # current
    with store.engine.begin() as conn:
        conn.execute(sa.text("DELETE FROM sqlite_stat1"))
    store.close()
    Store.open(url).close()                # opening the store gathers them
    store = Store.open(url)
    assert analyze(store.engine) is False
    with store.engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO mentions (mention_id, source, channel, url, published_at, collected_at) "
                             "SELECT 'x' || mention_id, source, channel, url, published_at, collected_at FROM mentions")
        conn.exec_driver_sql("INSERT INTO mentions (mention_id, source, channel, url, published_at, collected_at) "
                             "SELECT 'y' || mention_id, source, channel, url, published_at, collected_at FROM mentions")
    assert analyze(store.engine) is True   # four times as many mentions


def test_date_range_figures_read_the_covering_index(tmp_path: Path) -> None:
    store = Store.open(f"sqlite:///{tmp_path / 'db.sqlite'}")
    _fill(store, 1500)
    analyze(store.engine)
    filters = Filters(date_from=dt.date(2026, 1, 3), date_to=dt.date(2026, 1, 9))
    statements: list[tuple[str, tuple]] = []

    def record(conn, cursor, statement, parameters, context, many):  # type: ignore[no-untyped-def]
        statements.append((statement, parameters))

    sa.event.listen(store.engine, "before_cursor_execute", record)
    # the SQL over the mentions (the daily rollup answers these filters; a word or source filter falls back)
    totals = queries.totals(store, filters, use_rollup=False)
    queries.daily(store, filters, use_rollup=False)
    sa.event.remove(store.engine, "before_cursor_execute", record)
    assert totals["mentions"] == queries.count(store, filters) > 0
    with store.engine.connect() as conn:
        plans = [" ".join(r[3] for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + s, p)) for s, p in statements]
    assert all("COVERING INDEX ix_mentions_day_cover" in plan for plan in plans), plans
