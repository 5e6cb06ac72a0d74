"""The Voices page and Overview's net sentiment through Streamlit's AppTest, against the queries they show."""

from __future__ import annotations

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from storage import Filters, Store, queries
from tests.conftest import default_filter

OWN = "DWP"  # own = true in the shipped config/watchlist.toml


@pytest.fixture
def app(sample_app: AppTest) -> AppTest:
    return sample_app


@pytest.fixture
def store(sample_store: Store) -> Store:
    return sample_store


def charts(app: AppTest) -> int:
    return len(app.get("arrow_vega_lite_chart")) + len(app.get("vega_lite_chart"))


def table_with(app: AppTest, column: str) -> pd.DataFrame:
    """The first table on the page with ``column`` (each chart's figures are a table under it)."""
    return next(d.value for d in app.dataframe if column in d.value.columns)


def net_by_topic(app: AppTest) -> pd.DataFrame:
    return next(d.value for d in app.dataframe if {"topic", "net_sentiment"} <= set(d.value.columns))


def shown_voices(app: AppTest) -> pd.DataFrame:
    return table_with(app, "mean_toward").sort_values("voice").reset_index(drop=True)


def expected_voices(store: Store, filters: Filters) -> pd.DataFrame:
    return queries.voices(store, filters).sort_values("voice").reset_index(drop=True)


def open_voices(app: AppTest) -> AppTest:
    app.run()
    app.switch_page("views/voices.py").run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def test_voices_page_shows_the_figures_of_the_voices_query(app: AppTest, store: Store) -> None:
    open_voices(app)
    assert app.title[0].value == "Voices"
    expected = queries.voices(store, default_filter(store)).set_index("voice")
    metrics = {m.label: m.value for m in app.metric}
    assert metrics[f"{OWN} share of voice"] == f"{expected.loc[OWN, 'share']:.1%}"
    assert metrics[f"Net sentiment toward {OWN}"] == f"{expected.loc[OWN, 'net_sentiment']:+.2f}"
    assert metrics["Voices"] == str(len(expected))
    assert charts(app) == 4  # share, share over time, by channel, sentiment toward
    table = app.dataframe[0].value
    assert table["voice"].iloc[0] == OWN
    assert table["role"].tolist() == ["Own voice"] + ["Competing voice"] * (len(table) - 1)
    pd.testing.assert_frame_equal(shown_voices(app), expected_voices(store, default_filter(store)),
                                  check_dtype=False)
    assert any(c.value.startswith("**Method.**") and "counts once for each" in c.value for c in app.caption)


def test_a_channel_filter_changes_the_figures_consistently(app: AppTest, store: Store) -> None:
    open_voices(app)
    everywhere = {m.label: m.value for m in app.metric}
    app.multiselect(key="channel").set_value(["government"]).run()
    assert not app.exception
    government = default_filter(store, channels=("government",))
    expected = queries.voices(store, government).set_index("voice")
    metrics = {m.label: m.value for m in app.metric}
    assert metrics[f"{OWN} share of voice"] == f"{expected.loc[OWN, 'share']:.1%}"
    assert metrics["Voices"] == str(len(expected))
    assert metrics != everywhere
    pd.testing.assert_frame_equal(shown_voices(app), expected_voices(store, government), check_dtype=False)
    assert charts(app) == 4


def test_voices_page_says_so_when_no_voice_is_mentioned(app: AppTest) -> None:
    open_voices(app)
    app.text_input(key="q").set_value("no mention contains this phrase").run()
    assert not app.exception
    assert app.info and app.info[0].value.startswith("No mention of a watched voice matches the current filter")
    assert not app.metric and charts(app) == 0 and not app.dataframe


def _net(app: AppTest, topic: str, day: pd.Timestamp) -> pd.Series:
    table = net_by_topic(app)
    return table[(table["topic"] == topic) & (pd.to_datetime(table["period"]) == day)].iloc[0]


def test_overview_net_sentiment_moves_after_a_correction(app: AppTest, store: Store) -> None:
    app.run()
    assert not app.exception
    table = net_by_topic(app)
    assert table["net_sentiment"].between(-1, 1).all()
    expected = (table["positive"] - table["negative"]) / table["mentions"]
    assert (table["net_sentiment"] - expected).abs().max() < 1e-3
    row = table[table["negative"] > 0].sort_values(["mentions", "topic"], ascending=[False, True]).iloc[0]
    day = pd.Timestamp(row["period"])
    negative = queries.page(store, Filters(topics=(row["topic"],), date_from=day.date(), date_to=day.date(),
                                           sentiments=("negative",)), limit=1)
    store.correct_sentiment(negative["mention_id"].iloc[0], "positive", by="Test reviewer")

    st.cache_data.clear()  # what data.correct_sentiment does after storing a correction
    app.run()
    after = _net(app, row["topic"], day)
    assert (after["positive"], after["negative"]) == (row["positive"] + 1, row["negative"] - 1)
    assert after["net_sentiment"] == pytest.approx(row["net_sentiment"] + 2 / row["mentions"], abs=1e-3)
    assert any("A person's correction on the Mentions page replaces the model's label" in c.value
               for c in app.caption)


def test_overview_and_voices_render_under_a_topic_and_a_voice_filter(app: AppTest, store: Store) -> None:
    # both pages aggregate over mention_tags; a tag filter on top of that must not break the query
    app.run()
    app.multiselect(key="topic").set_value(["State Pension"]).run()
    app.multiselect(key="voice").set_value(["Age UK"]).run()
    assert not app.exception, [e.value for e in app.exception]
    narrowed = default_filter(store, topics=("State Pension",), voices=("Age UK",))
    assert {m.label: m.value for m in app.metric}["Mentions"] == f"{queries.count(store, narrowed):,}"
    assert set(app.dataframe[0].value["topic"]) >= {"State Pension"}
    app.switch_page("views/voices.py").run()
    assert not app.exception, [e.value for e in app.exception]
    pd.testing.assert_frame_equal(shown_voices(app), expected_voices(store, narrowed), check_dtype=False)
