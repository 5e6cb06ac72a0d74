"""Figures for the Overview, Voices and Reports pages, aggregated in SQL for any size of store.

Every function takes the same :class:`~storage.queries.Filters` as the pages and the CLI, so a
report's totals equal the figures on screen. Time series are counted per UTC day in SQL and rolled
up to weeks or months here (:func:`by_period`), which keeps the SQL the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import sqlalchemy as sa

from storage import rollup, triage
from storage.queries import LABEL, Filters, count_candidates, where
from storage.schema import mention_sources, mention_tags, mention_triage, mentions
from storage.store import Store

#: period name -> pandas period alias (a week runs Monday to Sunday)
PERIODS = {"day": "D", "week": "W-SUN", "month": "M"}
RANKINGS = ("mentions", "engagement", "reach")
SENTIMENTS = ("positive", "neutral", "negative")
_ENGAGEMENT = sa.func.coalesce(mentions.c.replies, 0) + sa.func.coalesce(mentions.c.score, 0)


def previous(filters: Filters) -> Filters | None:
    """The same filter over the period of equal length just before it (None without a closed date range)."""
    if filters.date_from is None or filters.date_to is None:
        return None
    days = (filters.date_to - filters.date_from).days + 1
    return Filters(**{**filters.__dict__, "date_from": filters.date_from - dt.timedelta(days=days),
                      "date_to": filters.date_from - dt.timedelta(days=1)})


def _counts(*labels: str) -> list[sa.Label[Any]]:
    return [sa.func.sum(sa.case((LABEL == k, 1), else_=0)).label(k) for k in labels]


def _frame(store: Store, query: sa.Select[Any]) -> pd.DataFrame:
    with store.engine.connect() as conn:
        return pd.DataFrame(conn.execute(query).mappings().all(), columns=list(query.selected_columns.keys()))


def _ints(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
    for column in columns:
        frame[column] = pd.to_numeric(frame[column]).fillna(0).astype("int64")
    return frame


def _answer(filters: Filters, use_rollup: bool) -> bool:
    """Read the daily rollup (``use_rollup=False`` on any function here: always the mentions)?"""
    return use_rollup and rollup.can_answer(filters)


def daily_volume(store: Store, filters: Filters, use_rollup: bool = True) -> pd.DataFrame:
    """Per UTC day: every matching mention (tagged or not), its sentiment mix, candidates and questions."""
    query = rollup.daily_volume(filters) if _answer(filters, use_rollup) else _daily_volume(filters)
    frame = _ints(_frame(store, query), "mentions", *SENTIMENTS, "inaccuracies", "questions")
    frame["day"] = pd.to_datetime(frame["day"])
    return frame


def _daily_volume(filters: Filters) -> sa.Select[Any]:
    c = mentions.c
    day = sa.func.date(c.published_at).label("day")
    return (sa.select(day, sa.func.count().label("mentions"), *_counts(*SENTIMENTS),
                       sa.func.sum(sa.case((c.inaccuracy_ids != "", 1), else_=0)).label("inaccuracies"),
                       sa.func.sum(sa.case((c.is_question.is_(True), 1), else_=0)).label("questions"))
             .where(*where(filters)).group_by(day).order_by(day))


def by_period(frame: pd.DataFrame, period: str, keys: tuple[str, ...] = ()) -> pd.DataFrame:
    """Daily counts summed per ``period`` (day, week starting Monday, or calendar month), per ``keys``."""
    if period not in PERIODS:
        raise ValueError(f"unknown period {period!r}; expected one of {', '.join(PERIODS)}")
    if frame.empty or period == "day":
        return frame.rename(columns={"day": "period"})
    counts = [c for c in frame.columns if c not in ("day", *keys) and pd.api.types.is_integer_dtype(frame[c])]
    start = frame["day"].dt.to_period(PERIODS[period]).dt.start_time
    out = frame.assign(period=start).groupby(["period", *keys], as_index=False)[counts].sum()
    return out.sort_values(["period", *keys]).reset_index(drop=True)


def net(frame: pd.DataFrame) -> pd.Series:
    """(positive - negative) / mentions, from -1 to +1, rounded; empty where there are no mentions."""
    return ((frame["positive"] - frame["negative"]) / frame["mentions"].where(frame["mentions"] > 0)
            ).astype(float).round(3)


def topic_share(topic_daily: pd.DataFrame, volume_daily: pd.DataFrame, period: str) -> pd.DataFrame:
    """Per period and topic: mentions, all matching mentions in the period, the topic's share of them, and
    net sentiment (from :func:`storage.queries.daily` by topic and :func:`daily_volume`)."""
    topics = by_period(topic_daily, period, ("topic",))
    volume = by_period(volume_daily, period)
    if topics.empty:
        return topics.assign(all_mentions=pd.Series(dtype="int64"), share=pd.Series(dtype=float),
                             net_sentiment=pd.Series(dtype=float))
    table = topics.merge(volume[["period", "mentions"]].rename(columns={"mentions": "all_mentions"}), on="period",
                         how="left")
    table["all_mentions"] = table["all_mentions"].fillna(0).astype("int64")
    table["share"] = (table["mentions"] / table["all_mentions"].where(table["all_mentions"] > 0)).round(4)
    table["net_sentiment"] = net(table)
    return table


def voice_daily(store: Store, filters: Filters, use_rollup: bool = True) -> pd.DataFrame:
    """Per UTC day and voice: mentions and the sentiment toward the voice (as :func:`queries.voices`)."""
    query = rollup.voice_daily(filters) if _answer(filters, use_rollup) else _voice_daily(filters)
    frame = _ints(_frame(store, query), "mentions", *SENTIMENTS)
    frame["day"] = pd.to_datetime(frame["day"])
    return frame


def _voice_daily(filters: Filters) -> sa.Select[Any]:
    t, c = mention_tags.c, mentions.c
    score = sa.func.coalesce(t.sentiment, c.sentiment)
    toward = sa.func.coalesce(c.sentiment_corrected, sa.case((score >= 0.05, "positive"), (score <= -0.05, "negative"),
                                                             else_="neutral"))
    day = sa.func.date(c.published_at).label("day")
    return (sa.select(day, t.name.label("voice"), sa.func.count().label("mentions"),
                      *[sa.func.sum(sa.case((toward == k, 1), else_=0)).label(k) for k in SENTIMENTS])
            .select_from(mentions.join(mention_tags, t.mention_id == c.mention_id))
            .where(t.kind == "voice", *where(filters)).group_by(day, t.name).order_by(day, t.name))


def share_of_voice(daily: pd.DataFrame, period: str) -> pd.DataFrame:
    """Each voice's share of all voice mentions in each period, with net sentiment toward it."""
    table = by_period(daily, period, ("voice",))
    if table.empty:
        return table.assign(share=pd.Series(dtype=float), net_sentiment=pd.Series(dtype=float))
    totals = table.groupby("period")["mentions"].transform("sum")
    return table.assign(share=(table["mentions"] / totals).round(4), net_sentiment=net(table))


def tag_channels(store: Store, filters: Filters, kind: str = "voice", use_rollup: bool = True) -> pd.DataFrame:
    """Per voice (or topic) and channel: mentions, and the voice's share of the channel's voice mentions."""
    t, c = mention_tags.c, mentions.c
    query = rollup.tag_channels(filters, kind) if _answer(filters, use_rollup) else \
        (sa.select(t.name.label(kind), c.channel, sa.func.count().label("mentions"))
         .select_from(mentions.join(mention_tags, t.mention_id == c.mention_id))
         .where(t.kind == kind, *where(filters)).group_by(t.name, c.channel).order_by(t.name, c.channel))
    frame = _ints(_frame(store, query), "mentions")
    frame["share_of_channel"] = (frame["mentions"] / frame.groupby("channel")["mentions"].transform("sum")).round(4) \
        if not frame.empty else pd.Series(dtype=float)
    return frame


def tag_sources(store: Store, filters: Filters, kind: str = "voice", top: int = 5) -> pd.DataFrame:
    """The ``top`` sources each voice (or topic) is heard in, by mentions."""
    t, c = mention_tags.c, mentions.c
    inner = (sa.select(t.name.label(kind), c.source, c.channel, sa.func.count().label("mentions"))
             .select_from(mentions.join(mention_tags, t.mention_id == c.mention_id))
             .where(t.kind == kind, *where(filters)).group_by(t.name, c.source, c.channel).subquery())
    rank = sa.func.row_number().over(partition_by=inner.c[kind], order_by=(inner.c.mentions.desc(), inner.c.source))
    ranked = sa.select(inner, rank.label("rank")).subquery()
    query = sa.select(ranked).where(ranked.c.rank <= top).order_by(ranked.c[kind], ranked.c.rank)
    return _ints(_frame(store, query), "mentions", "rank")


def top_people(store: Store, filters: Filters, by: str = "author", rank_by: str = "mentions",
               top: int = 10, topic: str | None = None) -> pd.DataFrame:
    """The opinion-formers per topic (or of one ``topic``): the ``top`` authors (or sources) by mentions,
    engagement or reach.

    Engagement is the replies plus score their posts drew. Feeds publish no audience sizes, so reach is
    breadth: for an author, the distinct sources that carried their posts (a syndicated post counts in
    each); for a source, the distinct authors heard in it."""
    if by not in ("author", "source") or rank_by not in RANKINGS:
        raise ValueError(f"rank {by!r} by {rank_by!r}: expected author|source and one of {', '.join(RANKINGS)}")
    t, c = mention_tags.c, mentions.c
    who = (c.author if by == "author" else c.source).label(by)
    tagged = mentions.join(mention_tags, t.mention_id == c.mention_id)
    conditions = (t.kind == "topic", who.is_not(None), who != "", *where(filters),
                  *((t.name == topic,) if topic is not None else ()))
    width = sa.func.count(sa.distinct(c.author)) if by == "source" else sa.literal(0)
    base = (sa.select(t.name.label("topic"), who, sa.func.count().label("mentions"),
                      sa.func.sum(_ENGAGEMENT).label("engagement"), width.label("reach"))
            .select_from(tagged).where(*conditions).group_by(t.name, who).subquery())
    reach = base.c.reach
    joined: Any = base
    if by == "author":  # carried by: every source the author's posts were collected from
        sources = sa.func.count(sa.distinct(mention_sources.c.source)).label("n")
        carried = (sa.select(t.name.label("topic"), who, sources)
                   .select_from(tagged.join(mention_sources, mention_sources.c.mention_id == c.mention_id))
                   .where(*conditions).group_by(t.name, who).subquery())
        joined = base.join(carried, sa.and_(carried.c.topic == base.c.topic, carried.c[by] == base.c[by]))
        reach = carried.c.n
    inner = sa.select(base.c.topic, base.c[by], base.c.mentions, base.c.engagement, reach.label("reach")
                      ).select_from(joined).subquery()
    order = (inner.c[rank_by].desc(), inner.c.mentions.desc(), inner.c[by])
    rank = sa.func.row_number().over(partition_by=inner.c.topic, order_by=order)
    ranked = sa.select(inner, rank.label("rank")).subquery()
    query = sa.select(ranked).where(ranked.c.rank <= top).order_by(ranked.c.topic, ranked.c.rank)
    return _ints(_frame(store, query), "mentions", "engagement", "reach", "rank")


def waiting(store: Store, filters: Filters, use_rollup: bool = True) -> dict[str, int]:
    """What waits for a person among the matching mentions: inaccuracy flags nobody has confirmed or
    dismissed (as counted on the Inaccuracies page), and questions still open in triage (as on the Inbox)."""
    if _answer(filters, use_rollup):
        with store.engine.connect() as conn:
            row = conn.execute(rollup.waiting(filters, triage.OPEN)).mappings().one()
        return {k: int(row[k] or 0) for k in ("open_candidates", "open_questions")}
    c, t = mentions.c, mention_triage.c
    joined = mentions.outerjoin(mention_triage, t.mention_id == c.mention_id)
    questions = (sa.select(sa.func.count()).select_from(joined)
                 .where(c.is_question.is_(True), sa.func.coalesce(t.status, "new").in_(triage.OPEN), *where(filters)))
    with store.engine.connect() as conn:
        open_questions = int(conn.scalar(questions) or 0)
    return {"open_candidates": count_candidates(store, filters, "open"), "open_questions": open_questions}
