"""Volume and share of voice counted per story or per distinct source, as well as per item.

Syndicated copies and re-posts inflate item counts: one wire story carried by forty outlets is forty
mentions but one story. Counted per story, each story counts once per period (and per topic or voice);
per source, each source that carried any matching mention counts once per period. Distinct counts do
not add up across days, so the distinct (day, key, unit) rows are read and counted per period here.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import sqlalchemy as sa

from storage.aggregates import PERIODS
from storage.queries import Filters, where
from storage.schema import mention_tags, mentions, story_members
from storage.store import Store

#: What one unit of volume is: a mention (item), a story, or a distinct source.
UNITS = {"mentions": "items", "stories": "stories", "sources": "distinct sources"}
_STORY = sa.func.coalesce(story_members.c.story_id, mentions.c.mention_id)


def _unit(unit: str) -> sa.ColumnElement[Any]:
    if unit == "stories":
        return _STORY
    if unit == "sources":
        return mentions.c.source
    raise ValueError(f"unknown unit {unit!r}; expected stories or sources")


def counted(store: Store, filters: Filters, unit: str, period: str, by: str | None = None) -> pd.DataFrame:
    """Per period (and per topic or voice when ``by`` is "topic" or "voice"): how many distinct stories or
    sources the matching mentions make, in column ``mentions`` so charts of item counts read it unchanged.

    Columns: period, [topic | voice,] mentions."""
    if period not in PERIODS:
        raise ValueError(f"unknown period {period!r}; expected one of {', '.join(PERIODS)}")
    c, t = mentions.c, mention_tags.c
    day = sa.func.date(c.published_at).label("day")
    key = _unit(unit).label("unit")
    source = mentions.outerjoin(story_members, story_members.c.mention_id == c.mention_id)
    columns: list[Any] = [day, key]
    clauses = where(filters)
    if by is not None:
        source = source.join(mention_tags, t.mention_id == c.mention_id)
        columns.insert(1, t.name.label(by))
        clauses.append(t.kind == by)
    query = sa.select(*columns).select_from(source).where(*clauses).distinct()
    with store.engine.connect() as conn:
        rows = pd.DataFrame(conn.execute(query).all(), columns=[col.name for col in columns])
    keys = [by] if by else []
    if rows.empty:
        return pd.DataFrame({"period": pd.Series(dtype="datetime64[ns]"),
                             **{k: pd.Series(dtype="string") for k in keys}, "mentions": pd.Series(dtype="int64")})
    days = pd.to_datetime(rows["day"])
    rows["period"] = days if period == "day" else days.dt.to_period(PERIODS[period]).dt.start_time
    out = rows.drop_duplicates(["period", *keys, "unit"]).groupby(["period", *keys], as_index=False).size()
    return out.rename(columns={"size": "mentions"}).sort_values(["period", *keys]).reset_index(drop=True)


def totals(store: Store, filters: Filters, unit: str, by: str | None = None) -> pd.DataFrame:
    """Over the whole filter: distinct stories or sources in all (``by`` None: one row) or per topic or voice,
    with each one's share of the sum."""
    c, t = mentions.c, mention_tags.c
    count = sa.func.count(sa.distinct(_unit(unit))).label("mentions")
    source = mentions.outerjoin(story_members, story_members.c.mention_id == c.mention_id)
    clauses = where(filters)
    columns: list[Any] = [count]
    if by is not None:
        source = source.join(mention_tags, t.mention_id == c.mention_id)
        columns.insert(0, t.name.label(by))
        clauses.append(t.kind == by)
    query = sa.select(*columns).select_from(source).where(*clauses)
    if by is not None:
        query = query.group_by(t.name)
    with store.engine.connect() as conn:
        frame = pd.DataFrame(conn.execute(query).all(), columns=[col.name for col in columns])
    frame["mentions"] = pd.to_numeric(frame["mentions"]).fillna(0).astype("int64")
    total = frame["mentions"].sum()
    frame["share"] = (frame["mentions"] / total).round(4) if total else 0.0
    return frame.sort_values("mentions", ascending=False, kind="stable").reset_index(drop=True)
