"""Sentiment corrections and sentiment toward voices, on real SQLite and real PostgreSQL (when it runs).

Five small posts are analysed by the real analysis (``analysis.analyse``) so each figure below can be
worked out by hand; the sample feeds check the voice figures at scale.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

import pandas as pd
import pytest
import sqlalchemy as sa

import pipeline
from analysis import analyse
from config import Config
from mention import new_frame
from reports import to_csv
from storage import Filters, Store, queries
from storage.schema import mention_tags
from tests.conftest import NOW

DAY = dt.datetime(2025, 9, 10, 8, 30, tzinfo=dt.timezone.utc)
# (mention_id, channel, url, text). What analysis makes of them (checked in test_the_posts_are_what_we_think):
#   p0  negative; DWP -0.68                           (State Pension, 10 Sep)
#   p1  positive; DWP +0.85 and Age UK +0.85          (State Pension, 10 Sep) one mention, two voices
#   p2  negative; Citizens Advice only by site:, so   (Universal Credit, 11 Sep)
#       its tag has no sentiment of its own
#   p3  negative overall; DWP -0.65 but the topic +0.62 (State Pension, 11 Sep)
#   p4  positive; Age UK +0.73                        (no topic, 12 Sep)
POSTS = [
    ("p0", "news", "https://example.org/0", "DWP has made a terrible mess of the State Pension again. Awful."),
    ("p1", "forum", "https://example.org/1",
     "Thank you DWP and Age UK for brilliant help with my State Pension claim!"),
    ("p2", "blog", "https://www.citizensadvice.org.uk/benefits/uc",
     "Universal Credit payments are late again and the queues are awful."),
    ("p3", "news", "https://example.org/3",
     "The new State Pension rates are great news for millions. But DWP is a disgrace."),
    ("p4", "forum", "https://example.org/4", "Age UK runs a helpful free advice line."),
]


def posts(config: Config) -> pd.DataFrame:
    rows = [{"mention_id": mid, "source": f"src{i % 2}", "channel": channel, "url": url, "title": None,
             "text": text, "author": "someone", "published_at": DAY + dt.timedelta(days=i // 2),
             "collected_at": DAY, "replies": None, "score": None}
            for i, (mid, channel, url, text) in enumerate(POSTS)]
    return analyse(new_frame(rows), config)


@pytest.fixture
def filled(any_store: Store, config: Config) -> Store:
    any_store.upsert_mentions(posts(config))
    return any_store


def _shown(store: Store) -> pd.DataFrame:
    return queries.page(store, Filters(), limit=10).set_index("mention_id")


def _pension_day(store: Store, day: str) -> tuple[int, int]:
    daily = queries.daily(store, Filters(topics=("State Pension",)), "topic")
    row = daily[(daily["topic"] == "State Pension") & (daily["day"] == pd.Timestamp(day))].iloc[0]
    return int(row["positive"]), int(row["negative"])


def _voices(store: Store, filters: Filters = Filters()) -> pd.DataFrame:
    return queries.voices(store, filters).set_index("voice")


def test_the_posts_are_what_we_think(config: Config) -> None:
    frame = posts(config).set_index("mention_id")
    assert frame["sentiment_label"].to_dict() == {"p0": "negative", "p1": "positive", "p2": "negative",
                                                  "p3": "negative", "p4": "positive"}
    assert frame["voices"].to_dict() == {"p0": "DWP", "p1": "DWP;Age UK", "p2": "Citizens Advice", "p3": "DWP",
                                         "p4": "Age UK"}
    assert '"name":"Citizens Advice","spans":[],"sentiment":null' in frame.loc["p2", "matches"]


def test_a_correction_changes_totals_filters_and_daily_counts(filled: Store) -> None:
    assert queries.totals(filled, Filters())["negative"] == 3
    assert queries.count(filled, Filters(sentiments=("positive",))) == 2
    assert _pension_day(filled, "2025-09-11") == (0, 1)

    filled.correct_sentiment("p3", "positive", by="Ann", note="good news about rates")

    assert queries.totals(filled, Filters())["negative"] == 2
    assert queries.count(filled, Filters(sentiments=("positive",))) == 3
    assert queries.count(filled, Filters(sentiments=("negative",))) == 2
    assert _pension_day(filled, "2025-09-11") == (1, 0)
    assert _pension_day(filled, "2025-09-10") == (1, 1)  # other days untouched


def test_pages_and_the_csv_show_the_correction_beside_the_model_label(filled: Store) -> None:
    filled.correct_sentiment("p3", "positive", by="Ann")
    shown = _shown(filled)
    assert shown.loc["p3", ["sentiment_label", "sentiment_model_label"]].tolist() == ["positive", "negative"]
    assert shown["sentiment_corrected"].to_dict() == {"p0": False, "p1": False, "p2": False, "p3": True,
                                                      "p4": False}
    assert (shown.drop(index="p3")["sentiment_label"] == shown.drop(index="p3")["sentiment_model_label"]).all()
    paged = pd.concat(queries.iter_pages(filled, Filters(), size=2)).set_index("mention_id")
    pd.testing.assert_frame_equal(paged.sort_index()[shown.columns], shown.sort_index())

    rows, body = to_csv(queries.iter_pages(filled, Filters(), size=2))
    assert rows == 5 and body is not None
    exported = {r["mention_id"]: r for r in csv.DictReader(io.StringIO(body.decode("utf-8")))}
    assert (exported["p3"]["sentiment_label"], exported["p3"]["sentiment_model_label"],
            exported["p3"]["sentiment_corrected"]) == ("positive", "negative", "true")
    assert (exported["p0"]["sentiment_label"], exported["p0"]["sentiment_corrected"]) == ("negative", "false")


def test_reanalysis_retagging_and_recollection_keep_the_correction(filled: Store, config: Config) -> None:
    filled.correct_sentiment("p3", "positive", by="Ann")
    assert pipeline.reanalyse(config, filled, batch_size=2) == 5
    assert pipeline.retag(config, filled, batch_size=2) == 5
    filled.upsert_mentions(posts(config))  # the same items collected again
    shown = _shown(filled)
    assert shown.loc["p3", ["sentiment_label", "sentiment_model_label"]].tolist() == ["positive", "negative"]
    assert bool(shown.loc["p3", "sentiment_corrected"])
    assert queries.totals(filled, Filters())["negative"] == 2
    assert _voices(filled).loc["DWP", ["positive", "negative"]].tolist() == [2, 1]


def test_withdrawing_a_correction_restores_the_model_label(filled: Store) -> None:
    filled.correct_sentiment("p3", "positive", by="Ann")
    filled.correct_sentiment("p3", None, by="Ann", note="rates story was sarcastic")
    shown = _shown(filled)
    assert shown.loc["p3", "sentiment_label"] == "negative" and not shown.loc["p3", "sentiment_corrected"]
    assert queries.totals(filled, Filters())["negative"] == 3
    assert _pension_day(filled, "2025-09-11") == (0, 1)


def test_history_is_appended_in_order_with_what_each_correction_replaced(filled: Store) -> None:
    assert filled.sentiment_history("p3").empty
    at = dt.datetime(2025, 10, 1, 12, 0, tzinfo=dt.timezone.utc)
    filled.correct_sentiment("p3", "positive", by="Ann", note="first", at=at)
    filled.correct_sentiment("p3", "neutral", by=" Bob ", at=at + dt.timedelta(minutes=5))
    filled.correct_sentiment("p3", None, by="Ann", note="withdrawn", at=at + dt.timedelta(minutes=9))
    history = filled.sentiment_history("p3")
    assert history["label"].tolist()[:2] == ["positive", "neutral"] and pd.isna(history["label"].iloc[2])
    assert history[["previous", "corrected_by", "note"]].values.tolist() == [
        ["negative", "Ann", "first"], ["positive", "Bob", ""], ["neutral", "Ann", "withdrawn"]]
    assert pd.to_datetime(history["corrected_at"]).tolist() == [
        pd.Timestamp("2025-10-01 12:00"), pd.Timestamp("2025-10-01 12:05"), pd.Timestamp("2025-10-01 12:09")]
    assert filled.sentiment_history("p0").empty


def test_bad_corrections_are_refused_and_write_nothing(filled: Store) -> None:
    with pytest.raises(KeyError, match="no stored mention with id 'nope'"):
        filled.correct_sentiment("nope", "positive", by="Ann")
    with pytest.raises(ValueError, match="unknown sentiment 'furious'"):
        filled.correct_sentiment("p3", "furious", by="Ann")
    with pytest.raises(ValueError, match="say who"):
        filled.correct_sentiment("p3", "positive", by="  ")
    assert filled.sentiment_history("p3").empty and filled.sentiment_history("nope").empty
    assert not _shown(filled)["sentiment_corrected"].any()


def test_voices_share_and_sentiment_toward_each_voice(filled: Store) -> None:
    table = _voices(filled)
    assert table.index.tolist() == ["DWP", "Age UK", "Citizens Advice"]  # most mentioned first
    assert table["mentions"].to_dict() == {"DWP": 3, "Age UK": 2, "Citizens Advice": 1}
    assert table["share"].sum() == pytest.approx(1.0, abs=1e-3)
    assert table.loc["DWP", "share"] == pytest.approx(3 / 6, abs=1e-4)
    assert table.loc["DWP", ["positive", "neutral", "negative"]].tolist() == [1, 0, 2]
    assert table.loc["DWP", "net_sentiment"] == pytest.approx(-1 / 3, abs=1e-3)
    # p3 is negative overall and toward DWP; the sentence naming DWP decides, not the whole post
    assert table.loc["DWP", "mean_toward"] == pytest.approx((-0.6808 + 0.8516 - 0.6486) / 3, abs=1e-3)
    assert table.loc["Age UK", ["positive", "negative"]].tolist() == [2, 0]
    # matched only by site:, so the whole mention's sentiment stands in
    assert table.loc["Citizens Advice", "mean_toward"] == pytest.approx(-0.459, abs=1e-3)
    assert table.loc["Citizens Advice", "negative"] == 1


def test_a_mention_naming_two_voices_counts_for_both(filled: Store) -> None:
    only_p1 = Filters(channels=("forum",), date_to=dt.date(2025, 9, 10))
    assert queries.count(filled, only_p1) == 1
    table = _voices(filled, only_p1)
    assert table["mentions"].to_dict() == {"Age UK": 1, "DWP": 1}
    assert table["share"].tolist() == [0.5, 0.5] and (table["positive"] == 1).all()


def test_tag_filters_work_on_the_per_tag_aggregates(filled: Store) -> None:
    # daily() and voices() join mention_tags themselves; a topic or voice filter must still apply
    table = _voices(filled, Filters(voices=("Age UK",)))
    assert table["mentions"].to_dict() == {"Age UK": 2, "DWP": 1}  # p1 and p4; p1 also names DWP
    daily = queries.daily(filled, Filters(topics=("Universal Credit",)), "topic")
    assert daily[["topic", "mentions", "negative"]].values.tolist() == [["Universal Credit", 1, 1]]
    assert queries.daily(filled, Filters(voices=("Citizens Advice",)), "voice")["voice"].tolist() == ["Citizens Advice"]


def test_a_correction_moves_the_counts_of_every_voice_the_mention_names(filled: Store) -> None:
    filled.correct_sentiment("p1", "negative", by="Ann")
    table = _voices(filled)
    assert table.loc["DWP", ["positive", "negative"]].tolist() == [0, 3]
    assert table.loc["Age UK", ["positive", "negative"]].tolist() == [1, 1]
    assert table.loc["DWP", "net_sentiment"] == -1.0
    assert table["mentions"].to_dict() == {"DWP": 3, "Age UK": 2, "Citizens Advice": 1}  # shares do not move
    filled.correct_sentiment("p2", "neutral", by="Ann")
    assert _voices(filled).loc["Citizens Advice", ["neutral", "negative"]].tolist() == [1, 0]


def test_voices_over_the_sample_feeds_agree_with_the_tags(any_store: Store, config: Config) -> None:
    pipeline.collect(config, any_store, now=NOW)
    table = _voices(any_store)
    assert set(table.index) == {v.name for v in config.watchlist.voices}
    assert table["share"].sum() == pytest.approx(1.0, abs=1e-3)
    with any_store.engine.connect() as conn:
        tagged = dict(conn.execute(sa.select(mention_tags.c.name, sa.func.count())
                                   .where(mention_tags.c.kind == "voice").group_by(mention_tags.c.name)).all())
    assert table["mentions"].to_dict() == tagged
    assert (table[["positive", "neutral", "negative"]].sum(axis=1) == table["mentions"]).all()
    for voice in table.index:
        assert queries.count(any_store, Filters(voices=(voice,))) == table.loc[voice, "mentions"]
    # mentions naming two or more voices are counted once for each
    assert table["mentions"].sum() > queries.count(any_store, Filters(voices=tuple(table.index)))

    with any_store.engine.connect() as conn:  # a mention whose sentences about DWP are negative
        target = conn.scalar(sa.select(mention_tags.c.mention_id).where(
            mention_tags.c.kind == "voice", mention_tags.c.name == "DWP", mention_tags.c.sentiment <= -0.05)
            .order_by(mention_tags.c.mention_id).limit(1))
    before = table.loc["DWP", ["positive", "neutral", "negative"]].tolist()
    any_store.correct_sentiment(target, "positive", by="Ann")
    after = _voices(any_store).loc["DWP", ["positive", "neutral", "negative"]].tolist()
    assert after == [before[0] + 1, before[1], before[2] - 1]
