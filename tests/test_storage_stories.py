"""Stories in the store (storage.stories), counting per story or distinct source (storage.counting), and the
spread of a story across channels (analysis.spread): real SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from _mentions import T0, frame, row
from analysis import spread
from storage import Filters, Store, counting, queries, stories

H = dt.timedelta(hours=1)


def _grouped(store: Store, assignments: dict[str, str]) -> None:
    """Store each mention's story as analysis.stories.group would."""
    rows = [{"mention_id": m, "story_id": s, "method": "first" if m == s else "duplicate",
             "similarity": 1.0 if m == s else 0.8} for m, s in assignments.items()]
    stories.save(store, pd.DataFrame(rows), T0)


@pytest.fixture
def spread_store(any_store: Store) -> Store:
    """Story s1: forum post, then a blog, then two news outlets (the jump 2 h before T0). Story n1: news only.
    m9: ungrouped (its own story)."""
    any_store.upsert_mentions(frame([
        row("s1", T0 - 30 * H, source="mumsnet", channel="forum", topics="Winter Fuel Payment", label="negative"),
        row("s1b", T0 - 20 * H, source="pensions-blog", channel="blog", topics="Winter Fuel Payment"),
        row("s1c", T0 - 2 * H, source="bbc", channel="news", topics="Winter Fuel Payment", author="reporter a"),
        row("s1d", T0 - 1 * H, source="guardian", channel="news", topics="Winter Fuel Payment", author="reporter b",
            inaccuracy_ids="wfp-2025"),
        row("n1", T0 - 40 * H, source="bbc", channel="news", topics="State Pension"),
        row("n1b", T0 - 3 * H, source="itv", channel="news", topics="State Pension"),
        row("m9", T0 - 5 * H, source="itv", channel="news", topics="State Pension"),
    ]))
    _grouped(any_store, {"s1": "s1", "s1b": "s1", "s1c": "s1", "s1d": "s1", "n1": "n1", "n1b": "n1"})
    return any_store


def test_pending_lists_what_is_not_grouped_oldest_first(spread_store: Store) -> None:
    waiting = stories.pending(spread_store)
    assert waiting["mention_id"].tolist() == ["m9"]
    assert str(waiting["published_at"].dtype) == "datetime64[us, UTC]"
    assert stories.count_pending(spread_store) == 1


def test_save_keeps_the_first_grouping_and_reset_forgets_all(spread_store: Store) -> None:
    assert stories.save(spread_store, pd.DataFrame([{"mention_id": "s1b", "story_id": "other", "method": "first",
                                                     "similarity": 1.0}]), T0) == 0
    assert set(stories.members(spread_store, ["s1"])["mention_id"]) == {"s1", "s1b", "s1c", "s1d"}
    assert stories.reset(spread_store) == 6
    assert stories.count_pending(spread_store) == 7


def test_known_near_reads_grouped_mentions_in_the_window(spread_store: Store) -> None:
    near = stories.known_near(spread_store, T0 - 4 * H, T0)
    assert sorted(near["mention_id"]) == ["n1b", "s1c", "s1d"]   # m9 is in the window but not grouped
    assert dict(zip(near["mention_id"], near["story_id"]))["s1d"] == "s1"


def test_growing_ranks_by_growth_over_the_last_day(spread_store: Store) -> None:
    table = stories.growing(spread_store, Filters(), T0, hours=24)
    by_story = table.set_index("story_id")
    assert table["story_id"].tolist()[0] == "s1"          # 3 in the last 24 h, 1 in the day before: growth 2
    assert by_story.loc["s1", ["recent", "previous", "mentions", "sources", "negative", "candidates"]].tolist() == \
        [3, 1, 4, 4, 1, 1]
    assert by_story.loc["n1", ["recent", "previous", "growth"]].tolist() == [1, 1, 0]
    assert by_story.loc["m9", "mentions"] == 1             # ungrouped: a story of its own
    assert by_story.loc["s1", "first_at"] == pd.Timestamp(T0 - 30 * H)


def test_growing_respects_the_filter_and_the_reference_time(spread_store: Store) -> None:
    pensions = stories.growing(spread_store, Filters(topics=("State Pension",)), T0)
    assert set(pensions["story_id"]) == {"n1", "m9"}
    earlier = stories.growing(spread_store, Filters(), T0 - 10 * H)   # nothing after the reference time counts
    assert earlier.set_index("story_id").loc["s1", "mentions"] == 2
    assert "m9" not in set(earlier["story_id"])


def test_spread_path_and_the_jump_from_forum_to_news(spread_store: Store) -> None:
    members = stories.members(spread_store, ["s1", "n1"])
    steps = spread.path(members[members["story_id"] == "s1"])
    assert steps["channel"].tolist() == ["forum", "blog", "news"]
    assert steps.set_index("channel").loc["news", ["mentions", "sources", "authors", "first_source"]].tolist() == \
        [2, 2, 2, "bbc"]
    summary = spread.summary(members, T0, hours=24).set_index("story_id")
    assert summary.loc["s1", "path"] == "forum → blog → news"
    assert bool(summary.loc["s1", "jumped"]) is True
    assert bool(summary.loc["n1", "jumped"]) is False             # started in the news: nothing jumped
    assert summary.loc["s1", "first_source"] == "mumsnet"
    # seen from before the news picked it up, or long after, it is not "just jumped"
    assert not spread.summary(members, T0 - 5 * H, 24).set_index("story_id").loc["s1", "jumped"]
    assert not spread.summary(members, T0 + 30 * H, 24).set_index("story_id").loc["s1", "jumped"]


def test_started_between_finds_stories_reaching_a_channel(spread_store: Store) -> None:
    assert set(stories.started_between(spread_store, ("news",), T0 - 2.5 * H, T0)) == {"s1"}
    assert set(stories.started_between(spread_store, ("forum",), T0 - 2.5 * H, T0)) == set()


def test_counting_per_story_and_per_distinct_source(spread_store: Store) -> None:
    month = counting.counted(spread_store, Filters(), "stories", "month")
    assert month["mentions"].tolist() == [3]                   # s1, n1, m9: seven items, three stories
    week = counting.counted(spread_store, Filters(), "stories", "week")   # T0 is a Monday: two weeks
    assert week["mentions"].tolist() == [2, 3]                 # s1 and n1 began on the weekend before
    by_day = counting.counted(spread_store, Filters(), "stories", "day")
    day_counts = dict(zip(by_day["period"].dt.date, by_day["mentions"]))
    # a story with mentions on two days counts once on each day
    assert sum(day_counts.values()) == len({(pd.Timestamp(m).date(), s) for m, s in [
        (T0 - 30 * H, "s1"), (T0 - 20 * H, "s1"), (T0 - 2 * H, "s1"), (T0 - H, "s1"),
        (T0 - 40 * H, "n1"), (T0 - 3 * H, "n1"), (T0 - 5 * H, "m9")]})
    sources = counting.totals(spread_store, Filters(), "sources")
    assert sources["mentions"].tolist() == [5]                 # mumsnet, pensions-blog, bbc, guardian, itv
    per_topic = counting.totals(spread_store, Filters(), "stories", by="topic").set_index("topic")
    assert per_topic.loc["Winter Fuel Payment", "mentions"] == 1
    assert per_topic.loc["State Pension", "mentions"] == 2
    assert per_topic["share"].sum() == pytest.approx(1.0)
    topic_week = counting.counted(spread_store, Filters(), "sources", "month", by="topic")
    assert dict(zip(topic_week["topic"], topic_week["mentions"])) == {"State Pension": 2, "Winter Fuel Payment": 4}


def test_counting_follows_the_same_filter_as_the_item_counts(spread_store: Store) -> None:
    news = Filters(channels=("news",))
    assert counting.totals(spread_store, news, "stories")["mentions"].tolist() == [3]
    assert queries.count(spread_store, news) == 5
    with pytest.raises(ValueError, match="unknown unit"):
        counting.totals(spread_store, news, "authors")
    empty = counting.counted(spread_store, Filters(topics=("Nothing",)), "stories", "month", by="topic")
    assert empty.empty and list(empty.columns) == ["period", "topic", "mentions"]


def test_the_stories_report_has_one_row_per_story_with_its_path(spread_store: Store) -> None:
    import csv
    import io

    from report_catalogue import REPORTS, export, summarise

    rows, body = export("stories", spread_store, Filters())
    table = list(csv.DictReader(io.StringIO(body.decode("utf-8"))))
    assert rows == 3 and [r["story_id"] for r in table] == ["s1", "n1", "m9"]
    first = table[0]
    assert (first["path"], first["first_source"], first["first_channel"], first["mentions"]) == \
        ("forum → blog → news", "mumsnet", "forum", "4")
    assert first["news_at"].startswith("2025-11-10") and first["inaccuracy_candidates"] == "1"
    assert list(table[0]) == list(REPORTS["stories"].columns)
    totals = summarise("stories", REPORTS["stories"].read(spread_store, Filters()))["totals"]
    assert totals == {"stories": 3, "mentions": 7}
    assert export("stories", spread_store, Filters(topics=("Nothing",)))[0] == 0


def test_the_alert_log_report_lists_alerts_in_the_date_range(spread_store: Store) -> None:
    import csv
    import io

    from analysis.alerts import Alert
    from report_catalogue import export
    from storage import alerts as stored

    alert = Alert(kind="volume_spike", subject_kind="topic", subject="State Pension",
                  title="Volume spike: State Pension",
                  window_start=T0 - 3 * H, window_end=T0, observed=30, expected=8, threshold=20, ratio=3.75,
                  top_terms=("age", "review"), sources=(("bbc", 12), ("itv", 3)))
    stored.record(spread_store, [alert.to_json()], T0)
    rows, body = export("alerts", spread_store, Filters(date_from=T0.date(), date_to=T0.date()))
    table = list(csv.DictReader(io.StringIO(body.decode("utf-8"))))
    assert rows == 1 and table[0]["sources"] == "bbc (12); itv (3)" and table[0]["top_terms"] == "age; review"
    assert export("alerts", spread_store, Filters(date_from=T0.date() + dt.timedelta(days=1)))[0] == 0
