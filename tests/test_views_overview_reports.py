"""Overview, Reports, filters kept in the page address, and the Inbox's self-refresh, through AppTest
against the queries they show."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
import sqlalchemy as sa
from streamlit.testing.v1 import AppTest

import report_catalogue
from storage import Filters, Store, aggregates, queries
from tests.conftest import default_filter


def open_page(app: AppTest, page: str) -> AppTest:
    app.run()
    app.switch_page(page).run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def metrics(app: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in app.metric}


def test_overview_compares_with_the_period_before(sample_app: AppTest, sample_store: Store) -> None:
    sample_app.run()
    sample_app.date_input(key="dates").set_value((dt.date(2025, 10, 16), dt.date(2025, 10, 31))).run()
    assert not sample_app.exception
    now = Filters(date_from=dt.date(2025, 10, 16), date_to=dt.date(2025, 10, 31))
    before = Filters(date_from=dt.date(2025, 9, 30), date_to=dt.date(2025, 10, 15))
    shown = {m.label: m for m in sample_app.metric}
    current, earlier = queries.totals(sample_store, now), queries.totals(sample_store, before)
    assert current["mentions"] != earlier["mentions"]
    assert shown["Mentions"].value == f"{current['mentions']:,}"
    assert int(shown["Mentions"].proto.delta.replace(",", "")) == current["mentions"] - earlier["mentions"]
    assert int(shown["Inaccuracy candidates"].proto.delta) == current["inaccuracies"] - earlier["inaccuracies"]
    share = current["negative"] / current["mentions"]
    points = (share - earlier["negative"] / earlier["mentions"]) * 100
    assert shown["Negative"].value == f"{share:.0%}" and shown["Negative"].proto.delta == f"{points:+.0f} points"
    assert any("30 Sep 2025 to 15 Oct 2025" in c.value for c in sample_app.caption)
    waiting = aggregates.waiting(sample_store, now)
    assert shown["Inaccuracy flags to review"].value == f"{waiting['open_candidates']:,}"
    assert shown["Questions still open"].value == f"{waiting['open_questions']:,}"
    # the sample feeds are from 2025: measured from today, every source that usually posts has gone quiet
    silent = queries.source_activity(sample_store, dt.datetime.now(dt.timezone.utc))
    assert shown["Sources gone silent"].value == str(int(silent["is_silent"].sum())) != "0"


def test_volume_as_a_share_and_per_week(sample_app: AppTest, sample_store: Store) -> None:
    sample_app.run()
    sample_app.radio(key="period").set_value("week").run()
    sample_app.radio(key="overview_measure").set_value("Share of all mentions").run()
    assert not sample_app.exception
    table = sample_app.dataframe[0].value
    expected = aggregates.topic_share(queries.daily(sample_store, default_filter(sample_store), "topic"),
                                      aggregates.daily_volume(sample_store, default_filter(sample_store)), "week")
    pd.testing.assert_frame_equal(table.reset_index(drop=True),
                                  expected[["period", "topic", "mentions", "all_mentions", "share"]],
                                  check_dtype=False)
    assert (pd.to_datetime(table["period"]).dt.day_of_week == 0).all()
    assert sample_app.expander[0].label == "Figures: share of all mentions per week by topic"


def test_filters_live_in_the_page_address(sample_app: AppTest, sample_store: Store) -> None:
    sample_app.query_params["topic"] = "State Pension"
    sample_app.query_params["channel"] = ["news", "blog"]
    sample_app.run()
    assert not sample_app.exception
    assert sample_app.multiselect(key="topic").value == ["State Pension"]
    narrowed = default_filter(sample_store, topics=("State Pension",), channels=("news", "blog"))
    assert metrics(sample_app)["Mentions"] == f"{queries.count(sample_store, narrowed):,}"
    # (the browser writes a changed filter into the address: tests/test_browser.py checks that part)
    sample_app.multiselect(key="sentiment").set_value(["negative"]).run()
    # moving to another page keeps the filters, in the address and in what is shown
    sample_app.switch_page("views/reports.py").run()
    assert sample_app.query_params["topic"] == "State Pension"
    assert sample_app.multiselect(key="sentiment").value == ["negative"]
    narrowed = default_filter(sample_store, topics=("State Pension",), channels=("news", "blog"),
                              sentiments=("negative",))
    assert metrics(sample_app)["Rows (mention)"] == f"{queries.count(sample_store, narrowed):,}"


def test_a_bookmarked_status_filter(sample_app: AppTest, sample_store: Store) -> None:
    first = queries.page(sample_store, Filters(flags=("question",)), limit=2)["mention_id"].tolist()
    for mention_id in first:
        sample_store.update_triage(mention_id, 0, "Priya", status="in_review")
    sample_app.query_params["status"] = "In review"   # a choice with a label is named by its label
    sample_app.query_params["flag"] = "Question"
    sample_app.query_params["dates"] = ["2025-09-01", "2025-10-31"]
    sample_app.run()
    assert sample_app.multiselect(key="status").value == ["in_review"]
    assert metrics(sample_app)["Mentions"] == "2"


@pytest.mark.parametrize("name", list(report_catalogue.REPORTS))
def test_each_report_shows_its_rows_and_totals(sample_app: AppTest, sample_store: Store, name: str) -> None:
    open_page(sample_app, "views/reports.py")
    sample_app.selectbox(key="report_name").set_value(name).run()
    assert not sample_app.exception, [e.value for e in sample_app.exception]
    current = default_filter(sample_store)
    report = report_catalogue.REPORTS[name]
    options = {"own": "DWP", **({"period": "day" if name == "daily-topics" else "week"} if report.periodic else {})}
    rows, content = report_catalogue.export(name, sample_store, current, **options)
    assert metrics(sample_app)[f"Rows ({report.noun.removesuffix('(s)')})"] == f"{rows:,}"
    if rows:
        assert sample_app.get("download_button")[0].proto.label == f"Download {report.title.lower()} as CSV"
        header = content.decode("utf-8").splitlines()[0]
        assert header == ",".join(report.columns)
        preview = sample_app.dataframe[0].value
        assert list(preview.columns) == list(report.columns) and len(preview) == min(rows, 20)
    else:
        assert sample_app.info[0].value.startswith("Nothing to report")
    if name == "daily-topics":
        totals = queries.totals(sample_store, current)
        caption = next(c.value for c in sample_app.caption if c.value.startswith("Totals in this report"))
        assert f"mentions {totals['mentions']:,}" in caption and f"questions {totals['questions']:,}" in caption


def test_the_inbox_refreshes_itself_only_while_collectors_run(sample_app: AppTest, sample_store: Store) -> None:
    open_page(sample_app, "views/inbox.py")
    assert not any("Collectors are running" in c.value for c in sample_app.caption)
    with sample_store.engine.begin() as conn:  # a collector tried a source a minute ago
        conn.execute(sa.text("UPDATE source_health SET last_attempt_at = :at"),
                     {"at": dt.datetime.now(dt.timezone.utc).replace(tzinfo=None) - dt.timedelta(minutes=1)})
    import streamlit as st
    st.cache_data.clear()
    sample_app.run()
    assert any(c.value.startswith(":material/autorenew: Collectors are running: this queue refreshes itself every 30 s")
               for c in sample_app.caption)


def test_voices_lists_the_opinion_formers_of_the_chosen_topic(sample_app: AppTest, sample_store: Store) -> None:
    open_page(sample_app, "views/voices.py")
    sample_app.selectbox(key="people_topic").set_value("Pension Credit").run()
    sample_app.radio(key="people_rank").set_value("engagement").run()
    assert not sample_app.exception
    current = default_filter(sample_store)
    authors = aggregates.top_people(sample_store, current, "author", "engagement", topic="Pension Credit")
    shown = next(d.value for d in sample_app.dataframe if "author" in d.value.columns)
    assert shown.reset_index(drop=True).equals(authors.drop(columns=["topic"]))
    assert shown["engagement"].is_monotonic_decreasing and len(shown) > 3
    over_time = next(d.value for d in sample_app.dataframe if {"period", "voice", "share"} <= set(d.value.columns))
    assert (over_time.groupby("period")["share"].sum().round(2) == 1.0).all()
    assert any("reach* is breadth" in c.value for c in sample_app.caption)
