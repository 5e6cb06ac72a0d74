"""Stories in the store: which story each mention belongs to, and the figures the Stories page reads.

Grouping itself is :func:`analysis.stories.group` (pure); this module feeds it the mentions not yet
grouped and the grouped ones near them in time, and keeps its answer in ``story_members``. A mention
without a row is counted as a story of its own, so every figure here is right before grouping catches up.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import sqlalchemy as sa

from storage.queries import LABEL, Filters, where
from storage.schema import mentions, story_members
from storage.store import Store, naive, read_frame

#: The story a mention belongs to: its group's id, else its own.
STORY = sa.func.coalesce(story_members.c.story_id, mentions.c.mention_id)
_GROUPED = mentions.outerjoin(story_members, story_members.c.mention_id == mentions.c.mention_id)
_TEXT_COLUMNS = (mentions.c.mention_id, mentions.c.title, mentions.c.text, mentions.c.published_at,
                 mentions.c.source, mentions.c.channel)


def pending(store: Store, limit: int = 5000, since: dt.datetime | None = None) -> pd.DataFrame:
    """Mentions not grouped yet (published from ``since``, if given), oldest first, at most ``limit``: the
    columns grouping reads."""
    query = (sa.select(*_TEXT_COLUMNS).select_from(_GROUPED).where(story_members.c.mention_id.is_(None))
             .order_by(mentions.c.published_at, mentions.c.mention_id).limit(limit))
    if since is not None:
        query = query.where(mentions.c.published_at >= naive(since))
    return _texts(read_frame(store, query))


def known_near(store: Store, start: dt.datetime, end: dt.datetime) -> pd.DataFrame:
    """Grouped mentions published from ``start`` to ``end`` (UTC), with their story_id."""
    query = (sa.select(*_TEXT_COLUMNS, story_members.c.story_id)
             .select_from(mentions.join(story_members, story_members.c.mention_id == mentions.c.mention_id))
             .where(mentions.c.published_at >= naive(start), mentions.c.published_at <= naive(end)))
    return _texts(read_frame(store, query))


def _texts(frame: pd.DataFrame) -> pd.DataFrame:
    for column in ("mention_id", "title", "text", "source", "channel", "story_id"):
        if column in frame:
            frame[column] = frame[column].astype("string")
    return frame


def save(store: Store, grouped: pd.DataFrame, now: dt.datetime) -> int:
    """Store each mention's story (mention_id, story_id, method, similarity); rows already stored are kept."""
    if grouped.empty:
        return 0
    rows = [{"mention_id": r.mention_id, "story_id": r.story_id, "method": r.method,
             "similarity": float(r.similarity), "grouped_at": naive(now)} for r in grouped.itertuples()]
    with store.engine.begin() as conn:
        known = set(conn.scalars(sa.select(story_members.c.mention_id).where(
            story_members.c.mention_id.in_([r["mention_id"] for r in rows]))))
        fresh = [r for r in rows if r["mention_id"] not in known]
        if fresh:
            conn.execute(story_members.insert(), fresh)
    return len(fresh)


def reset(store: Store) -> int:
    """Forget every grouping (before grouping again with new thresholds); returns the rows removed."""
    with store.engine.begin() as conn:
        return conn.execute(story_members.delete()).rowcount or 0


def count_pending(store: Store) -> int:
    query = sa.select(sa.func.count()).select_from(_GROUPED).where(story_members.c.mention_id.is_(None))
    with store.engine.connect() as conn:
        return int(conn.scalar(query) or 0)


def growing(store: Store, filters: Filters, now: dt.datetime, hours: float = 24, limit: int = 20) -> pd.DataFrame:
    """The stories growing fastest among the mentions ``filters`` match: per story, its mentions in the last
    ``hours`` before ``now`` against the ``hours`` before that, with its size, sources and flags.

    Ranked by growth (recent minus previous), then by recent mentions; only stories with a recent mention."""
    end = naive(now)
    recent_from, previous_from = end - dt.timedelta(hours=hours), end - dt.timedelta(hours=2 * hours)
    c = mentions.c
    published = c.published_at
    recent = sa.func.sum(sa.case((sa.and_(published > recent_from, published <= end), 1), else_=0))
    earlier = sa.func.sum(sa.case((sa.and_(published > previous_from, published <= recent_from), 1), else_=0))
    story = STORY.label("story_id")
    query = (sa.select(story, sa.func.count().label("mentions"), recent.label("recent"), earlier.label("previous"),
                       sa.func.count(sa.distinct(c.source)).label("sources"),
                       sa.func.min(published).label("first_at"), sa.func.max(published).label("last_at"),
                       sa.func.sum(sa.case((LABEL == "negative", 1), else_=0)).label("negative"),
                       sa.func.sum(sa.case((c.inaccuracy_ids != "", 1), else_=0)).label("candidates"))
             .select_from(_GROUPED).where(*where(filters), published <= end)
             .group_by(story).having(recent > 0)
             .order_by((recent - earlier).desc(), recent.desc(), story).limit(limit))
    frame = read_frame(store, query)
    for column in ("mentions", "recent", "previous", "sources", "negative", "candidates"):
        frame[column] = pd.to_numeric(frame[column]).fillna(0).astype("int64")
    frame["growth"] = frame["recent"] - frame["previous"]
    return frame


def listed(store: Store, filters: Filters) -> pd.DataFrame:
    """Every story among the mentions ``filters`` match, largest first: mentions, sources, authors, first and
    last time, negatives and inaccuracy candidates (counted over the matching mentions)."""
    c = mentions.c
    story = STORY.label("story_id")
    query = (sa.select(story, sa.func.count().label("mentions"), sa.func.count(sa.distinct(c.source)).label("sources"),
                       sa.func.count(sa.distinct(c.author)).label("authors"),
                       sa.func.min(c.published_at).label("first_at"), sa.func.max(c.published_at).label("last_at"),
                       sa.func.sum(sa.case((LABEL == "negative", 1), else_=0)).label("negative"),
                       sa.func.sum(sa.case((c.inaccuracy_ids != "", 1), else_=0)).label("candidates"))
             .select_from(_GROUPED).where(*where(filters)).group_by(story)
             .order_by(sa.func.count().desc(), sa.func.min(c.published_at), story))
    frame = read_frame(store, query)
    for column in ("mentions", "sources", "authors", "negative", "candidates"):
        frame[column] = pd.to_numeric(frame[column]).fillna(0).astype("int64")
    return frame


def members(store: Store, story_ids: list[str]) -> pd.DataFrame:
    """Every mention of these stories, oldest first, with what the spread and the story view show."""
    c = mentions.c
    query = (sa.select(STORY.label("story_id"), c.mention_id, c.published_at, c.channel, c.source, c.author, c.title,
                       c.url, LABEL.label("sentiment_label"), c.sentiment, c.inaccuracy_ids,
                       sa.func.coalesce(story_members.c.method, "first").label("method"),
                       sa.func.coalesce(story_members.c.similarity, 1.0).label("similarity"))
             .select_from(_GROUPED)
             # two key lookups (the story index, the mention key) instead of an OR across the joined tables,
             # which SQLite answers by scanning (0.77 s at a million mentions)
             .where(sa.or_(c.mention_id.in_(sa.select(story_members.c.mention_id)
                                            .where(story_members.c.story_id.in_(story_ids))),
                           c.mention_id.in_(story_ids)))
             .order_by(c.published_at, c.mention_id))
    return _texts(read_frame(store, query))


def started_between(store: Store, channels: tuple[str, ...], start: dt.datetime, end: dt.datetime) -> list[str]:
    """Stories that have a mention in one of ``channels`` published from ``start`` to ``end``."""
    query = (sa.select(STORY).select_from(_GROUPED)
             .where(mentions.c.channel.in_(channels), mentions.c.published_at > naive(start),
                    mentions.c.published_at <= naive(end)).distinct())
    with store.engine.connect() as conn:
        return list(conn.scalars(query))

