"""Figures for Overview, Voices and Reports (storage.aggregates, report_catalogue) on the sample store,
checked against the same figures worked out independently from every stored row in pandas."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa

import report_catalogue
from storage import Filters, Store, aggregates, queries
from tests.conftest import default_filter


@pytest.fixture
def rows(sample_store: Store) -> pd.DataFrame:
    """Every stored mention, read page by page: the independent source of truth for the SQL figures."""
    return pd.concat(list(queries.iter_pages(sample_store, Filters())), ignore_index=True)


def _exploded(rows: pd.DataFrame, column: str) -> pd.DataFrame:
    tagged = rows.assign(tag=rows[column].fillna("").str.split(";")).explode("tag")
    return tagged[tagged["tag"] != ""]


def test_daily_volume_counts_every_matching_mention_once(sample_store: Store, rows: pd.DataFrame) -> None:
    daily = aggregates.daily_volume(sample_store, Filters())
    assert daily["mentions"].sum() == len(rows) == queries.count(sample_store, Filters())
    assert (daily[["positive", "neutral", "negative"]].sum(axis=1) == daily["mentions"]).all()
    expected = rows.groupby(rows["published_at"].dt.strftime("%Y-%m-%d")).size()
    assert dict(zip(daily["day"].dt.strftime("%Y-%m-%d"), daily["mentions"])) == expected.to_dict()
    assert daily["questions"].sum() == rows["is_question"].sum()
    assert daily["inaccuracies"].sum() == (rows["inaccuracy_ids"].fillna("") != "").sum()


def test_weeks_start_on_monday_and_keep_every_count(sample_store: Store) -> None:
    daily = aggregates.daily_volume(sample_store, Filters())
    for period in ("week", "month"):
        table = aggregates.by_period(daily, period)
        assert table["mentions"].sum() == daily["mentions"].sum()
        assert len(table) < len(daily)
    weeks = aggregates.by_period(daily, "week")
    assert (weeks["period"].dt.day_of_week == 0).all()
    months = aggregates.by_period(daily, "month")
    assert (months["period"].dt.day == 1).all()
    with pytest.raises(ValueError, match="unknown period 'fortnight'"):
        aggregates.by_period(daily, "fortnight")


def test_topic_share_is_the_topic_over_all_mentions_of_the_period(sample_store: Store, rows: pd.DataFrame) -> None:
    table = aggregates.topic_share(queries.daily(sample_store, Filters(), "topic"),
                                   aggregates.daily_volume(sample_store, Filters()), "week")
    tagged = _exploded(rows, "topics")
    week = tagged["published_at"].dt.tz_localize(None).dt.to_period("W-SUN").dt.start_time
    expected = tagged.groupby([week, "tag"]).size()
    got = table.set_index(["period", "topic"])["mentions"]
    assert got.to_dict() == expected.to_dict()
    assert ((table["share"] - table["mentions"] / table["all_mentions"]).abs() < 1e-4).all()
    assert (table["share"] <= 1).all()


def test_share_of_voice_per_period_adds_up(sample_store: Store, rows: pd.DataFrame) -> None:
    daily = aggregates.voice_daily(sample_store, Filters())
    overall = queries.voices(sample_store, Filters()).set_index("voice")["mentions"]
    assert daily.groupby("voice")["mentions"].sum().to_dict() == overall.to_dict()
    assert overall.to_dict() == _exploded(rows, "voices").groupby("tag").size().to_dict()
    table = aggregates.share_of_voice(daily, "month")
    assert (table.groupby("period")["share"].sum().round(2) == 1.0).all()
    toward = queries.voices(sample_store, Filters()).set_index("voice")[["positive", "neutral", "negative"]]
    assert table.groupby("voice")[["positive", "neutral", "negative"]].sum().sort_index().equals(
        toward.sort_index().astype("int64"))


def test_voice_channels_and_sources(sample_store: Store, rows: pd.DataFrame) -> None:
    channels = aggregates.tag_channels(sample_store, Filters(), "voice")
    tagged = _exploded(rows, "voices")
    assert channels.set_index(["voice", "channel"])["mentions"].to_dict() == \
        tagged.groupby(["tag", "channel"]).size().to_dict()
    assert (channels.groupby("channel")["share_of_channel"].sum().round(2) == 1.0).all()
    heard = aggregates.tag_sources(sample_store, Filters(), "voice", top=3)
    assert heard.groupby("voice").size().max() <= 3
    for voice, group in heard.groupby("voice"):
        counts = tagged[tagged["tag"] == voice].groupby("source").size().sort_values(ascending=False)
        assert group["mentions"].tolist() == counts.head(3).tolist()
        assert group["rank"].tolist() == list(range(1, len(group) + 1))


@pytest.mark.parametrize("rank_by", ["mentions", "engagement", "reach"])
def test_opinion_formers_per_topic(sample_store: Store, rows: pd.DataFrame, rank_by: str) -> None:
    authors = aggregates.top_people(sample_store, Filters(), "author", rank_by, top=5)
    tagged = _exploded(rows[rows["author"].fillna("") != ""], "topics")
    tagged = tagged.assign(engagement=tagged["replies"].fillna(0) + tagged["score"].fillna(0))
    with sample_store.engine.connect() as conn:
        carried = pd.DataFrame(conn.execute(sa.text("SELECT mention_id, source FROM mention_sources")).all(),
                               columns=["mention_id", "carrier"])
    for topic, group in authors.groupby("topic"):
        mine = tagged[tagged["tag"] == topic]
        expected = mine.groupby("author").agg(mentions=("mention_id", "size"), engagement=("engagement", "sum"))
        expected["reach"] = mine.merge(carried, on="mention_id").groupby("author")["carrier"].nunique()
        for row in group.itertuples():
            assert (row.mentions, row.engagement, row.reach) == tuple(int(v) for v in expected.loc[row.author])
        ranked = expected.sort_values(rank_by, ascending=False)[rank_by]
        assert group[rank_by].tolist() == ranked.head(5).astype(int).tolist()
    one = aggregates.top_people(sample_store, Filters(), "author", rank_by, top=5, topic="State Pension")
    assert one.equals(authors[authors["topic"] == "State Pension"].reset_index(drop=True))
    sources = aggregates.top_people(sample_store, Filters(), "source", "reach", top=3)
    first = sources.iloc[0]
    mine = tagged[(tagged["tag"] == first["topic"]) & (tagged["source"] == first["source"])]
    assert first["reach"] == mine["author"].nunique() and first["mentions"] == len(mine)
    with pytest.raises(ValueError):
        aggregates.top_people(sample_store, Filters(), "author", "followers")


def test_previous_period_and_triage_status_filter(sample_store: Store) -> None:
    current = Filters(date_from=dt.date(2025, 10, 1), date_to=dt.date(2025, 10, 31), topics=("State Pension",))
    before = aggregates.previous(current)
    assert (before.date_from, before.date_to, before.topics) == (dt.date(2025, 8, 31), dt.date(2025, 9, 30),
                                                                 ("State Pension",))
    assert aggregates.previous(Filters()) is None
    total = queries.count(sample_store, Filters())
    question = next(queries.iter_pages(sample_store, Filters(flags=("question",))))["mention_id"].iloc[0]
    waiting = aggregates.waiting(sample_store, Filters())
    assert waiting["open_questions"] == queries.count(sample_store, Filters(flags=("question",)))
    assert waiting["open_candidates"] == queries.count_candidates(sample_store, Filters(), "open")
    sample_store.update_triage(question, 0, "Priya", status="responded")
    assert queries.count(sample_store, Filters(statuses=("responded",))) == 1
    assert queries.count(sample_store, Filters(statuses=("new",))) == total - 1
    assert aggregates.waiting(sample_store, Filters())["open_questions"] == waiting["open_questions"] - 1


def _csv(content: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def test_report_totals_equal_the_page_figures(sample_store: Store) -> None:
    current = default_filter(sample_store)
    totals = queries.totals(sample_store, current)
    _, content = report_catalogue.export("daily-topics", sample_store, current)
    table = _csv(content)
    everything = [r for r in table if r["topic"] == report_catalogue.ALL_MENTIONS]
    assert sum(int(r["mentions"]) for r in everything) == totals["mentions"]
    assert sum(int(r["questions"]) for r in everything) == totals["questions"]
    assert sum(int(r["inaccuracy_candidates"]) for r in everything) == totals["inaccuracies"]
    assert sum(int(r["negative"]) for r in everything) == totals["negative"]
    assert all(len(r["period"]) == 10 for r in table)  # ISO dates
    topic_rows = [r for r in table if r["topic"] == "State Pension"]
    assert sum(int(r["mentions"]) for r in topic_rows) == queries.count(sample_store, Filters(
        date_from=current.date_from, date_to=current.date_to, topics=("State Pension",)))

    _, content = report_catalogue.export("share-of-voice", sample_store, current, own="DWP", period="month")
    voices = queries.voices(sample_store, current)
    shares = _csv(content)
    assert sum(int(r["mentions"]) for r in shares) == voices["mentions"].sum()
    assert {r["role"] for r in shares if r["voice"] == "DWP"} == {"own"}
    summary = report_catalogue.summarise("share-of-voice", report_catalogue.REPORTS["share-of-voice"].read(
        sample_store, current, own="DWP"))
    assert summary["totals"] == {"voice mentions": int(voices["mentions"].sum())}


def test_the_inaccuracy_log_follows_decisions(sample_store: Store) -> None:
    log = queries.inaccuracy_log(sample_store, Filters())
    assert len(log) == queries.count_candidates(sample_store, Filters(), "all") > 0
    assert set(log["status"]) <= {"open", "possible"}
    first = log.iloc[0]
    sample_store.review_inaccuracy(first["mention_id"], first["inaccuracy_id"], "dismissed", "Priya",
                                   "misleading keyword")
    rows, content = report_catalogue.export("inaccuracies", sample_store, Filters(), bom=True)
    assert content.startswith("\ufeff".encode())
    table = _csv(content)
    assert rows == len(log)
    decided = next(r for r in table if r["mention_id"] == first["mention_id"]
                   and r["inaccuracy_id"] == first["inaccuracy_id"])
    assert (decided["status"], decided["reason"], decided["reviewed_by"]) == ("dismissed", "misleading keyword",
                                                                              "Priya")
    assert decided["reviewed_at"].endswith("Z") and decided["published_at"].endswith("Z")
    assert float(decided["claimed_value"]) == pytest.approx(first["claimed_value"])


def test_reports_on_postgresql_match_sqlite(sample_store: Store, any_store: Store, tmp_path: Path) -> None:
    """The same rows stored in PostgreSQL give the same figures (the SQL is portable, window functions too)."""
    if any_store.engine.dialect.name == "sqlite":
        pytest.skip("the SQLite side is the sample store itself")
    frames = list(queries.iter_pages(sample_store, Filters()))
    for frame in frames:
        any_store.upsert_mentions(frame.drop(columns=["sentiment_model_label", "sentiment_corrected"]))
    for name in ("daily-topics", "share-of-voice"):
        assert report_catalogue.export(name, any_store, Filters(), own="DWP")[1] == \
            report_catalogue.export(name, sample_store, Filters(), own="DWP")[1], name
    for by in ("author", "source"):
        pg = aggregates.top_people(any_store, Filters(), by, "mentions")
        lite = aggregates.top_people(sample_store, Filters(), by, "mentions")
        assert pg[["topic", by, "mentions", "engagement"]].equals(lite[["topic", by, "mentions", "engagement"]])
