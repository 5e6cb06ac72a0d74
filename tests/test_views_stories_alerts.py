"""The Stories and Alerts pages, and counting per story or source on Overview and Voices, through AppTest on real
SQLite, against the storage functions they show."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from analysis import analyse, spread
from analysis.alerts import Alert
from config import load_config
from mention import new_frame
from storage import Store, counting, stories
from storage import alerts as stored
from storage.schema import alerts as alerts_table
from tests.conftest import PROJECT, default_filter

UTC = dt.timezone.utc
DAY = dt.date(2025, 10, 20)
END = dt.datetime.combine(DAY + dt.timedelta(days=1), dt.time(), tzinfo=UTC)  # the jump store's reference time


def open_page(app: AppTest, page: str) -> AppTest:
    app.run()
    app.switch_page(page).run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def table_with(app: AppTest, *columns: str) -> pd.DataFrame:
    return next(d.value for d in app.dataframe if set(columns) <= set(d.value.columns))


def reference_time(store: Store) -> dt.datetime:
    """What the Stories page measures growth at: the end of the default filter's last day (the sample is old)."""
    last = default_filter(store).date_to
    return min(dt.datetime.now(UTC).replace(second=0, microsecond=0),
               dt.datetime.combine(last + dt.timedelta(days=1), dt.time(), tzinfo=UTC))


# -- Stories ------------------------------------------------------------------------------------------
def test_stories_page_shows_the_growing_stories_and_one_story(sample_app: AppTest, sample_store: Store) -> None:
    open_page(sample_app, "views/stories.py")
    assert sample_app.title[0].value == "Stories"
    now = reference_time(sample_store)
    expected = stories.growing(sample_store, default_filter(sample_store), now)
    assert not expected.empty
    shown = table_with(sample_app, "growth", "path")
    figures = ["story_id", "recent", "previous", "growth", "mentions", "sources", "candidates"]
    pd.testing.assert_frame_equal(shown[figures].reset_index(drop=True), expected[figures], check_dtype=False)
    share = (expected["negative"] / expected["mentions"]).round(4)
    assert (shown["negative_share"].to_numpy() == share.to_numpy()).all()
    assert any(f"Growth is measured at {now:%d %b %Y %H:%M} UTC" in c.value for c in sample_app.caption)

    # the first growing story is chosen; its path and every mention are shown
    box = sample_app.selectbox(key="stories_story")
    assert box.value == expected["story_id"].iloc[0]
    other = expected["story_id"].iloc[-1]
    box.set_value(other).run()
    assert not sample_app.exception
    members = stories.members(sample_store, [other])
    path = spread.path(members).drop(columns=["story_id"])
    pd.testing.assert_frame_equal(table_with(sample_app, "reached_at", "first_source").reset_index(drop=True), path,
                                  check_dtype=False)
    listed = table_with(sample_app, "grouped", "url")
    assert listed["url"].tolist() == members["url"].tolist() and set(listed["grouped"]) >= {"first"}
    assert any(e.label == "Figures: spread of the story by channel over time" for e in sample_app.expander)
    assert sample_app.query_params["story"] in (other, [other])   # the choice is kept in the page address


def _mention(i: int, channel: str, source: str, at: dt.datetime, title: str) -> dict[str, object]:
    return {"mention_id": f"m{i}", "source": source, "channel": channel, "url": f"https://example.org/{i}",
            "title": title, "text": f"{title}. More on the State Pension from {source}.", "author": f"author{i}",
            "published_at": at, "collected_at": at}


@pytest.fixture
def jump_store(tmp_path: Path, config_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    """A store with two stories on DAY: one from a forum that reached the news two hours before the end of the
    day, one that started in the news. Grouped here (storage.stories.save), whatever the grouping model does."""
    at = dt.datetime.combine(DAY, dt.time(), tzinfo=UTC)
    rows = [_mention(1, "forum", "Pensioners Forum", at + dt.timedelta(hours=6), "Pension letters sent to the dead"),
            _mention(2, "blog", "Money Blog", at + dt.timedelta(hours=12), "Pension letters sent to the dead, again"),
            _mention(3, "news", "Daily Paper", at + dt.timedelta(hours=22), "DWP letters to dead pensioners"),
            _mention(4, "news", "Evening Paper", at + dt.timedelta(hours=20), "Winter fuel dates announced"),
            _mention(5, "forum", "Pensioners Forum", at + dt.timedelta(hours=21), "Winter fuel dates announced!")]
    store = Store.open(f"sqlite:///{tmp_path / 'jump.db'}")
    store.upsert_mentions(analyse(new_frame(rows), load_config(config_dir)))
    groups = pd.DataFrame({"mention_id": ["m1", "m2", "m3", "m4", "m5"], "story_id": ["m1", "m1", "m1", "m4", "m4"],
                           "method": ["first", "paraphrase", "paraphrase", "first", "duplicate"],
                           "similarity": [1.0, 0.8, 0.7, 1.0, 0.98]})
    stories.save(store, groups, END)
    monkeypatch.setenv("LISTENING_DB_URL", f"sqlite:///{tmp_path / 'jump.db'}")
    monkeypatch.setenv("LISTENING_CONFIG_DIR", str(config_dir))
    st.cache_data.clear()
    st.cache_resource.clear()
    yield store
    store.close()


def test_a_story_from_a_forum_that_reached_the_news_is_marked_jumped(jump_store: Store) -> None:
    app = open_page(AppTest.from_file(str(PROJECT / "dashboard.py"), default_timeout=60), "views/stories.py")
    shown = table_with(app, "jumped", "path").set_index("story_id")
    assert shown.loc["m1", "jumped"] == "Jumped" and shown.loc["m1", "path"] == "forum → blog → news"
    assert shown.loc["m4", "jumped"] == "" and shown.loc["m4", "path"] == "news → forum"
    assert shown.loc["m1", "first_source"] == "Pensioners Forum" and shown.loc["m1", "authors"] == 3
    assert not any(i.value.endswith("waiting to be grouped into stories") for i in app.info)

    # an alert's link (/stories?story=<id>) opens that story
    linked = AppTest.from_file(str(PROJECT / "dashboard.py"), default_timeout=60)
    linked.run()
    linked.query_params["story"] = "m4"
    linked.switch_page("views/stories.py").run()
    assert not linked.exception, [e.value for e in linked.exception]
    assert linked.selectbox(key="stories_story").value == "m4"
    assert table_with(linked, "grouped", "url")["grouped"].tolist() == ["first", "duplicate (0.98)"]
    assert not any("**Jumped**" in c.value for c in linked.caption)
    linked.selectbox(key="stories_story").set_value("m1").run()
    assert any("**Jumped**: reached the news" in c.value for c in linked.caption)


def test_stories_and_alerts_pages_on_an_empty_store(tmp_path: Path, config_dir: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LISTENING_DB_URL", f"sqlite:///{tmp_path / 'empty.db'}")
    monkeypatch.setenv("LISTENING_CONFIG_DIR", str(config_dir))
    st.cache_data.clear()
    st.cache_resource.clear()
    app = open_page(AppTest.from_file(str(PROJECT / "dashboard.py"), default_timeout=60), "views/stories.py")
    assert app.info[0].value.startswith("No story has a matching mention in the 24 hours before")
    app.switch_page("views/alerts.py").run()
    assert not app.exception, [e.value for e in app.exception]
    assert app.info[0].value.startswith("No alert waiting to show")
    assert any("last evaluated never" in c.value and "every 60 minutes" in c.value for c in app.caption)


# -- Alerts -------------------------------------------------------------------------------------------
def _alerts(now: dt.datetime) -> list[Alert]:
    hour = dt.timedelta(hours=1)
    sample = {"mention_id": "x1", "title": "Queues at the *Jobcentre*", "url": "https://example.org/x1",
              "source": "Local News", "published_at": (now - hour).isoformat()}
    return [
        Alert(kind="volume_spike", subject_kind="topic", subject="State Pension",
              title="Volume spike: State Pension: 40 mentions in 2 hours, 5.0x the usual 8",
              window_start=now - 2 * hour, window_end=now, observed=40, expected=8, threshold=20, ratio=5.0,
              top_terms=("triple lock", "age"),
              sources=(("Local News", 12), ("Pensioners Forum", 9)), samples=(sample,),
              link="http://127.0.0.1:8501/mentions?topic=State+Pension&dates=2025-10-20&dates=2025-10-21"),
        Alert(kind="story_jump", subject_kind="story", subject="m1",
              title="Story reached the news: Pension letters (forum → news; first seen in Pensioners Forum)",
              window_start=now - 10 * hour, window_end=now, observed=3, link="http://127.0.0.1:8501/stories?story=m1"),
        Alert(kind="source_silent", subject_kind="source", subject="Local News",
              title="Source gone silent: Local News: no new item for 30 hours (usually one every 60 minutes)",
              window_start=now - 30 * hour, window_end=now, observed=30, expected=1, threshold=3,
              link="http://127.0.0.1:8501/sources"),
    ]


def _titles(app: AppTest) -> list[str]:
    return [m.value for m in app.markdown if m.value.startswith("**") and m.value.endswith("**")]


def test_alerts_page_lists_filters_and_acknowledges(sample_app: AppTest, sample_store: Store) -> None:
    now = dt.datetime.now(UTC).replace(microsecond=0)
    ids = stored.record(sample_store, [a.to_json() for a in _alerts(now)], now)
    stored.record_delivery(sample_store, "email", False, "SMTP connection refused by mail.example.org:587", now,
                           alert_ids=ids)
    open_page(sample_app, "views/alerts.py")
    assert sample_app.title[0].value == "Alerts"
    titles = _titles(sample_app)
    assert len(titles) == 3 and titles[0].startswith("**Source gone silent")   # newest first (same time: last id)
    assert any("Top terms: triple lock, age" == m.value for m in sample_app.markdown)
    assert any("Sources: Local News (12), Pensioners Forum (9)" == m.value for m in sample_app.markdown)
    assert any(r"[Queues at the \*Jobcentre\*](<https://example.org/x1>)" in m.value for m in sample_app.markdown)
    assert any("5.0 times the usual" in m.value and "**40**" in m.value for m in sample_app.markdown)
    expander = next(e for e in sample_app.expander if e.label.startswith("Deliveries"))
    assert expander.label == "Deliveries (1 failed of the latest 1)"   # one email carried the three alerts
    errors = table_with(sample_app, "error", "channel")
    assert errors["error"].tolist() == ["SMTP connection refused by mail.example.org:587"]
    assert errors["alerts"].tolist() == [", ".join(str(i) for i in ids)] and errors["ok"].tolist() == [False]
    assert any("latest delivery on at least one channel failed" in w.value for w in sample_app.warning)

    sample_app.multiselect(key="alerts_kinds").set_value(["story_jump"]).run()
    assert [t.split("\\:")[0] for t in _titles(sample_app)] == ["**Story reached the news"]
    sample_app.multiselect(key="alerts_kinds").set_value([]).run()

    story = ids[1]
    sample_app.button(key=f"ack_{story}").click().run()   # no name yet: refused in plain words
    assert sample_app.error[0].value.startswith("Enter your name in the sidebar first")
    sample_app.text_input(key="user_name").set_value("Priya").run()
    sample_app.button(key=f"ack_{story}").click().run()
    assert not sample_app.exception
    assert len(_titles(sample_app)) == 2 and not any(t.startswith("**Story reached") for t in _titles(sample_app))
    row = stored.listed(sample_store).set_index("id").loc[story]
    assert row["acknowledged_by"] == "Priya" and pd.notna(row["acknowledged_at"])
    sample_app.toggle(key="alerts_show_acknowledged").set_value(True).run()
    assert len(_titles(sample_app)) == 3
    assert any(c.value.startswith("Acknowledged by Priya on") for c in sample_app.caption)

    sample_app.switch_page("views/overview.py").run()
    assert {m.label: m.value for m in sample_app.metric}["Alerts not acknowledged"] == "2"


def test_evaluate_now_runs_one_alert_cycle(sample_app: AppTest, sample_store: Store) -> None:
    open_page(sample_app, "views/alerts.py")
    assert any("last evaluated never" in c.value for c in sample_app.caption)
    sample_app.button(key="alerts_evaluate").click().run()
    assert not sample_app.exception, [e.value for e in sample_app.exception]
    raised = len(stored.listed(sample_store))
    # the sample feeds are from 2025: measured from today, the sources that usually post have gone silent
    assert raised > 0 and sample_app.success[0].value == f"Alerts evaluated: {raised:,} new alert(s) raised."
    assert len(_titles(sample_app)) == raised
    assert stored.last_evaluated(sample_store) is not None
    assert not any("last evaluated never" in c.value for c in sample_app.caption)
    with sample_store.engine.connect() as conn:
        assert conn.execute(alerts_table.select()).first() is not None


# -- counting per story and per source --------------------------------------------------------------
def test_overview_counts_volume_per_story_and_per_source(sample_app: AppTest, sample_store: Store) -> None:
    sample_app.run()
    items = table_with(sample_app, "topic", "all_mentions")
    sample_app.radio(key="overview_count").set_value("stories").run()
    assert not sample_app.exception
    current = default_filter(sample_store)
    shown = table_with(sample_app, "topic", "all_mentions").reset_index(drop=True)
    per_topic = counting.counted(sample_store, current, "stories", "day", by="topic")
    overall = counting.counted(sample_store, current, "stories", "day").set_index("period")["mentions"]
    pd.testing.assert_frame_equal(shown[["period", "topic", "mentions"]], per_topic, check_dtype=False)
    assert shown["all_mentions"].tolist() == overall.loc[per_topic["period"]].tolist()
    assert (shown["mentions"] <= items["mentions"]).all()
    assert sample_app.expander[0].label == "Figures: stories per day by topic"
    assert any("count once per story" in c.value for c in sample_app.caption)

    sample_app.radio(key="overview_count").set_value("sources").run()
    sample_app.radio(key="overview_measure").set_value("Share of all mentions").run()
    shown = table_with(sample_app, "topic", "all_mentions").reset_index(drop=True)
    per_topic = counting.counted(sample_store, current, "sources", "day", by="topic")
    assert shown["mentions"].tolist() == per_topic["mentions"].tolist()
    assert (shown["share"] - shown["mentions"] / shown["all_mentions"]).abs().max() < 1e-4
    assert sample_app.expander[0].label == "Figures: share of all distinct sources per day by topic"


def test_voices_share_of_voice_per_story(sample_app: AppTest, sample_store: Store) -> None:
    open_page(sample_app, "views/voices.py")
    sample_app.radio(key="voices_count").set_value("stories").run()
    assert not sample_app.exception
    current = default_filter(sample_store)
    expected = counting.totals(sample_store, current, "stories", by="voice").set_index("voice")
    shown = sample_app.dataframe[0].value.set_index("voice")
    assert shown["mentions"].to_dict() == expected["mentions"].to_dict()
    assert (shown["share"] - expected["share"]).abs().max() < 1e-9
    own = shown.index[0]
    assert {m.label: m.value for m in sample_app.metric}[f"{own} share of voice"] == f"{expected.loc[own, 'share']:.1%}"
    over_time = table_with(sample_app, "period", "voice", "share").reset_index(drop=True)
    per_voice = counting.counted(sample_store, current, "stories", "day", by="voice")
    pd.testing.assert_frame_equal(over_time[["period", "voice", "mentions"]], per_voice, check_dtype=False)
    assert (over_time.groupby("period")["share"].sum().round(2) == 1.0).all()
    assert any("sentiment figures stay counted per item" in c.value for c in sample_app.caption)
