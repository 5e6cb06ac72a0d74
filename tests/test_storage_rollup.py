"""The daily rollup (storage/rollup.py) gives the same figures as the SQL over the mentions, on SQLite and
PostgreSQL, and every write path keeps it equal to a full rebuild.

Counts are compared exactly; means (a sum of sums over a count, against ``avg()``) to 1e-9 after both are
rounded the same way, which holds unless a mean falls within the last bit of a rounding half.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import pandas as pd
import pytest
import sqlalchemy as sa

from storage import Filters, Store, aggregates, queries, rollup
from storage.schema import daily_rollup
from tests.conftest import default_filter

Read = Callable[[Store, Filters, bool], Any]
READS: dict[str, Read] = {
    "totals": lambda s, f, u: queries.totals(s, f, use_rollup=u),
    "daily by topic": lambda s, f, u: queries.daily(s, f, "topic", use_rollup=u),
    "daily by voice": lambda s, f, u: queries.daily(s, f, "voice", use_rollup=u),
    "voices": lambda s, f, u: queries.voices(s, f, use_rollup=u),
    "daily volume": lambda s, f, u: aggregates.daily_volume(s, f, use_rollup=u),
    "voice daily": lambda s, f, u: aggregates.voice_daily(s, f, use_rollup=u),
    "voice channels": lambda s, f, u: aggregates.tag_channels(s, f, "voice", use_rollup=u),
    "topic channels": lambda s, f, u: aggregates.tag_channels(s, f, "topic", use_rollup=u),
    "waiting": lambda s, f, u: aggregates.waiting(s, f, use_rollup=u),
}


def assert_same_figures(store: Store, filters: Filters) -> None:
    """Every figure read from the rollup equals the one computed from the mentions."""
    assert rollup.can_answer(filters)
    for name, read in READS.items():
        fast, slow = read(store, filters, True), read(store, filters, False)
        if isinstance(slow, dict):
            assert fast == slow, (name, filters)
        else:
            pd.testing.assert_frame_equal(fast, slow, check_exact=False, rtol=0, atol=1e-9, obj=f"{name} {filters}")


def narrowed(base: Filters, **changes: Any) -> Filters:
    return dataclasses.replace(base, **changes)


def filter_cases(store: Store) -> dict[str, Filters]:
    options, base = queries.options(store), default_filter(store)
    topics, voices = options["topics"], options["voices"]
    return {
        "whole store": Filters(),
        "newest 90 days": base,
        "one day": Filters(date_from=options["last_day"], date_to=options["last_day"]),
        "from only": Filters(date_from=options["last_day"]),
        "each topic": None,  # expanded below
        "two topics": narrowed(base, topics=tuple(topics[:2])),
        "every topic": Filters(topics=tuple(topics)),
        "a voice": narrowed(base, voices=tuple(voices[:1])),
        "two voices + a topic": Filters(voices=tuple(voices[:2]), topics=tuple(topics[:1])),
        "each channel": None,
        "two channels": Filters(channels=tuple(options["channels"][:2])),
        "negative": narrowed(base, sentiments=("negative",)),
        "positive or neutral": Filters(sentiments=("positive", "neutral")),
        "questions": Filters(flags=("question",)),
        "inaccuracies": Filters(flags=("inaccuracy",)),
        "responses": Filters(flags=("response",)),
        "all flags": Filters(flags=("question", "inaccuracy", "response")),
        "status new": Filters(statuses=("new",)),
        "status in review or no action": Filters(statuses=("in_review", "no_action")),
        "combined": narrowed(base, topics=tuple(topics[:1]), channels=tuple(options["channels"][:1]),
                             sentiments=("negative", "neutral"), flags=("question",), statuses=("new",)),
        "no such topic": Filters(topics=("No such topic",)),
        "a topic name with LIKE wildcards": Filters(topics=("%",)),
        "empty period": Filters(date_from=options["first_day"].replace(year=1990),
                                date_to=options["first_day"].replace(year=1990)),
    }


def expanded(store: Store) -> list[tuple[str, Filters]]:
    options, cases = queries.options(store), filter_cases(store)
    out = [(name, f) for name, f in cases.items() if f is not None]
    out += [(f"topic {t}", Filters(topics=(t,))) for t in options["topics"]]
    out += [(f"channel {c}", Filters(channels=(c,))) for c in options["channels"]]
    return out


def act(store: Store) -> None:
    """Triage, a correction and an inaccuracy decision, so statuses, labels and open flags vary."""
    page = queries.page(store, Filters(flags=("question",)), limit=3)
    for mention_id, status in zip(page["mention_id"], ("in_review", "no_action", "escalated")):
        store.update_triage(mention_id, 0, "Asha", status=status)
    store.correct_sentiment(str(queries.page(store, Filters(), limit=1)["mention_id"].iloc[0]), "negative", "Asha")
    flagged = queries.candidates(store, Filters(), "open", limit=1)
    if not flagged.empty:
        store.review_inaccuracy(flagged["mention_id"].iloc[0], flagged["inaccuracy_id"].iloc[0], "confirmed", "Ann")


def test_rollup_figures_equal_the_sql_on_the_sample_store(sample_store: Store) -> None:
    act(sample_store)
    cases = expanded(sample_store)
    assert queries.totals(sample_store, Filters())["mentions"] > 100
    assert any(aggregates.waiting(sample_store, f)["open_candidates"] for _, f in cases), "no open flags to count"
    for _, filters in cases:
        assert_same_figures(sample_store, filters)


def test_word_search_and_sources_fall_back_to_the_sql() -> None:
    assert not rollup.can_answer(Filters(search="pension"))
    assert not rollup.can_answer(Filters(sources=("a feed",)))
    assert rollup.can_answer(Filters(search="  ", topics=("x",), statuses=("new",), flags=("question",)))


def test_the_rollup_on_postgresql_equals_its_sql_and_sqlite(sample_store: Store, any_store: Store) -> None:
    if any_store.engine.dialect.name == "sqlite":
        pytest.skip("the SQLite side is the sample store itself")
    for frame in queries.iter_pages(sample_store, Filters()):
        any_store.upsert_mentions(frame.drop(columns=["sentiment_model_label", "sentiment_corrected"]))
    act(any_store)
    for _, filters in expanded(any_store):
        assert_same_figures(any_store, filters)
    assert_equals_rebuild(any_store)


# -- write paths -------------------------------------------------------------------------------------
def rows(store: Store) -> pd.DataFrame:
    with store.engine.connect() as conn:
        frame = pd.DataFrame(conn.execute(sa.select(daily_rollup)).mappings().all(),
                             columns=[c.name for c in daily_rollup.columns])
    keys = [c.name for c in daily_rollup.columns if c.name not in ("sentiment_sum", "toward_sum")]
    return frame.sort_values(keys, na_position="first").reset_index(drop=True)


def assert_equals_rebuild(store: Store) -> pd.DataFrame:
    kept = rows(store)
    rollup.rebuild(store.engine)
    pd.testing.assert_frame_equal(kept, rows(store), check_exact=False, rtol=0, atol=1e-9)
    return kept


@pytest.fixture
def stored(any_store: Store, sample_store: Store) -> Store:
    """The sample's mentions of its busiest days, upserted into an empty store (SQLite or PostgreSQL)."""
    for frame in queries.iter_pages(sample_store, Filters()):
        any_store.upsert_mentions(frame.drop(columns=["sentiment_model_label", "sentiment_corrected"]))
    assert not rows(any_store).empty
    return any_store


def first(store: Store, filters: Filters = Filters()) -> pd.Series:
    return queries.page(store, filters, limit=1).drop(columns=["sentiment_model_label", "sentiment_corrected"]).iloc[0]


def test_an_upsert_of_a_changed_feed_keeps_the_rollup(stored: Store) -> None:
    before = queries.totals(stored, Filters())
    changed = queries.page(stored, Filters(), limit=20).drop(columns=["sentiment_model_label", "sentiment_corrected"])
    changed["sentiment_label"] = pd.Series("negative", index=changed.index, dtype="string")
    changed["is_question"] = True
    changed["topics"] = pd.Series("Brand new topic", index=changed.index, dtype="string")
    new = changed.head(5).assign(mention_id=lambda f: f["mention_id"] + "-new",
                                 published_at=pd.Timestamp("2001-02-03 10:00", tz="UTC"))
    stored.upsert_mentions(pd.concat([changed, new], ignore_index=True))
    after = queries.totals(stored, Filters())
    assert after["mentions"] == before["mentions"] + 5 and after != before
    assert_equals_rebuild(stored)
    assert_same_figures(stored, Filters(topics=("Brand new topic",)))


def test_a_sentiment_correction_keeps_the_rollup(stored: Store) -> None:
    row = first(stored, Filters(sentiments=("positive",)))
    before = queries.totals(stored, Filters())["negative"]
    stored.correct_sentiment(row["mention_id"], "negative", "Asha")
    assert queries.totals(stored, Filters())["negative"] == before + 1
    assert_equals_rebuild(stored)
    stored.correct_sentiment(row["mention_id"], None, "Asha")
    assert queries.totals(stored, Filters())["negative"] == before
    assert_equals_rebuild(stored)


def test_a_retag_keeps_the_rollup(stored: Store) -> None:
    tagged = queries.page(stored, Filters(), limit=10)
    retagged = tagged[["mention_id", "matches", "response_kind", "suggested_response", "response_reason"]].assign(
        topics=pd.Series("Retagged topic", index=tagged.index, dtype="string"),
        voices=pd.Series("", index=tagged.index, dtype="string"))
    stored.retag(retagged)
    assert queries.totals(stored, Filters(topics=("Retagged topic",)))["mentions"] == 10
    assert_equals_rebuild(stored)


def test_triage_status_changes_keep_the_rollup(stored: Store) -> None:
    mention_id = first(stored)["mention_id"]
    state = stored.update_triage(mention_id, 0, "Asha", status="in_review")
    assert queries.totals(stored, Filters(statuses=("in_review",)))["mentions"] == 1
    assert_equals_rebuild(stored)
    stored.update_triage(mention_id, state.version, "Asha", assignee="Ben")   # not a status: nothing to refresh
    stored.record_response(mention_id, state.version + 1, "Ben", "We have replied.", "correction")
    assert queries.totals(stored, Filters(statuses=("responded",)))["mentions"] == 1
    assert_equals_rebuild(stored)


def test_an_inaccuracy_decision_and_an_engagement_refresh_keep_the_rollup(stored: Store) -> None:
    flagged = queries.candidates(stored, Filters(), "open", limit=1)
    assert not flagged.empty
    before = aggregates.waiting(stored, Filters())["open_candidates"]
    stored.review_inaccuracy(flagged["mention_id"].iloc[0], flagged["inaccuracy_id"].iloc[0], "dismissed", "Ann",
                             "other")
    assert aggregates.waiting(stored, Filters())["open_candidates"] == before - 1
    assert_equals_rebuild(stored)
    known = queries.page(stored, Filters(), limit=5).assign(replies=99, score=7)
    stored.refresh_known(known)
    assert_equals_rebuild(stored)


def test_migrate_builds_the_rollup_of_an_older_store(stored: Store) -> None:
    kept = rows(stored)
    with stored.engine.begin() as conn:
        conn.execute(daily_rollup.delete())
    Store(stored.engine)   # opening it again runs migrate
    pd.testing.assert_frame_equal(kept, rows(stored), check_exact=False, rtol=0, atol=1e-9)
