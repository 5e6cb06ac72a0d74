"""The daily rollup: the Overview's and the Voices page's figures without reading a million mentions.

``daily_rollup`` (declared in :mod:`storage.schema`) holds, per UTC day, one row per combination of what
the filters and figures look at: source, channel, the sentiment label shown (a correction wins), the
mention's topic set and voice set, question?, inaccuracy?, response kind and triage status. Rows with
``tag_kind`` '' count the mentions; rows with ``tag_kind`` topic|voice count them again per tag
(``tag_name``, with ``toward``, the label of the sentiment toward it), so a topic filter (a set containing
the topic) and a per-topic figure are both exact, co-occurring topics included. Means are kept as a sum
and a count, so a mean over any filter is sum / count (as ``avg()``; the last bit may differ).

Every write path refreshes the days it touched (:func:`refresh_mentions`) in its own transaction;
:func:`~storage.schema.migrate` builds the rollup of a store that has mentions but none. The word search
and the source filter (any source that carried the item) are not in it: :func:`can_answer` says so and
the callers fall back to the SQL over the mentions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from storage import inaccuracies
from storage.schema import daily_rollup, inaccuracy_candidates, mention_tags, mention_triage, mentions

if TYPE_CHECKING:
    from storage.queries import Filters

r = daily_rollup.c
_DIMENSIONS = ("day", "source", "channel", "label", "topics", "voices", "is_question", "has_inaccuracy",
               "response_kind", "status")
_SENTIMENTS = ("positive", "neutral", "negative")
_CHUNK = 500


def can_answer(filters: Filters) -> bool:
    """Whether the rollup holds ``filters``: all but the word search and the source filter."""
    return not filters.search.strip() and not filters.sources


# -- keeping it current ----------------------------------------------------------------------------
def rebuild(engine: sa.Engine) -> None:
    """Recompute the whole rollup from the mentions, in one transaction."""
    with engine.begin() as conn:
        conn.execute(daily_rollup.delete())
        _insert(conn, None)


def refresh(conn: sa.Connection, days: Iterable[dt.date]) -> None:
    """Recompute the rollup rows of the UTC ``days``, inside the caller's transaction."""
    days = sorted(set(days))
    for start in range(0, len(days), _CHUNK):
        chunk = days[start:start + _CHUNK]
        conn.execute(daily_rollup.delete().where(r.day.in_(chunk)))
        _insert(conn, sa.or_(*[sa.and_(mentions.c.published_at >= dt.datetime.combine(d, dt.time()),
                                       mentions.c.published_at < dt.datetime.combine(d + dt.timedelta(days=1),
                                                                                     dt.time()))
                               for d in chunk]))


def refresh_mentions(conn: sa.Connection, ids: Iterable[str]) -> None:
    """Recompute the rollup rows of the days the mentions ``ids`` were published on (as stored)."""
    ids, days = list(ids), set()
    for start in range(0, len(ids), _CHUNK):
        query = sa.select(mentions.c.published_at).where(mentions.c.mention_id.in_(ids[start:start + _CHUNK]))
        days.update(at.date() for at in conn.scalars(query))
    if days:
        refresh(conn, days)


def is_empty(conn: sa.Connection) -> bool:
    """True when the rollup has no row although there are mentions (a store from before the rollup)."""
    return conn.scalar(sa.select(r.day).limit(1)) is None and \
        conn.scalar(sa.select(mentions.c.mention_id).limit(1)) is not None


def _insert(conn: sa.Connection, window: sa.ColumnElement[bool] | None) -> None:
    for query in (_mention_rows(window), _tag_rows(window)):
        conn.execute(daily_rollup.insert().from_select(list(query.selected_columns.keys()), query))


def _per_mention(window: sa.ColumnElement[bool] | None, *extra: Any) -> sa.Select[Any]:
    """The dimensions of each mention (in ``window``); constants inline so PostgreSQL can group by them."""
    m = mentions.c
    return sa.select(
        sa.func.date(m.published_at).label("day"), m.source, m.channel,
        sa.func.coalesce(m.sentiment_corrected, m.sentiment_label).label("label"), m.topics, m.voices, m.is_question,
        (m.inaccuracy_ids != sa.literal_column("''")).label("has_inaccuracy"), m.response_kind,
        sa.func.coalesce(mention_triage.c.status, sa.literal_column("'new'")).label("status"), m.sentiment, *extra,
    ).where(*([window] if window is not None else []))


def _grouped(inner: sa.Subquery, *columns: Any, group: tuple[str, ...] = ()) -> sa.Select[Any]:
    keys = [inner.c[k] for k in (*_DIMENSIONS, *group)]
    return sa.select(*keys, *columns, sa.func.count().label("mentions"),
                     sa.func.sum(inner.c.sentiment).label("sentiment_sum"),
                     sa.func.count(inner.c.sentiment).label("sentiment_n")).group_by(*keys)


def _mention_rows(window: sa.ColumnElement[bool] | None) -> sa.Select[Any]:
    flags = _open_flags(window)
    inner = (_per_mention(window, sa.func.coalesce(flags.c.n, 0).label("open_flags"))
             .select_from(mentions.outerjoin(mention_triage, mention_triage.c.mention_id == mentions.c.mention_id)
                          .outerjoin(flags, flags.c.mention_id == mentions.c.mention_id))).subquery()
    empty = sa.literal_column("''")
    return _grouped(inner, empty.label("tag_kind"), empty.label("tag_name"),
                    sa.func.sum(inner.c.open_flags).label("open_flags"),
                    sa.literal_column("0").label("toward_n"))


def _tag_rows(window: sa.ColumnElement[bool] | None) -> sa.Select[Any]:
    t, m = mention_tags.c, mentions.c
    score = sa.func.coalesce(t.sentiment, m.sentiment)
    const = sa.literal_column
    toward = sa.func.coalesce(m.sentiment_corrected, sa.case((score >= const("0.05"), const("'positive'")),
                                                             (score <= const("-0.05"), const("'negative'")),
                                                             else_=const("'neutral'")))
    inner = (_per_mention(window, t.kind.label("tag_kind"), t.name.label("tag_name"), toward.label("toward"),
                          score.label("score"))
             .select_from(mentions.join(mention_tags, t.mention_id == m.mention_id)
                          .outerjoin(mention_triage, mention_triage.c.mention_id == m.mention_id))).subquery()
    return _grouped(inner, sa.func.sum(inner.c.score).label("toward_sum"),
                    sa.func.count(inner.c.score).label("toward_n"), const("0").label("open_flags"),
                    group=("tag_kind", "tag_name", "toward"))


def _open_flags(window: sa.ColumnElement[bool] | None) -> sa.Subquery:
    """Per mention (in ``window``): its inaccuracy flags nobody has confirmed or dismissed."""
    latest, ic = inaccuracies.latest_reviews(), inaccuracy_candidates.c
    query = (sa.select(ic.mention_id, sa.func.count().label("n"))
             .select_from(inaccuracy_candidates.join(mentions, mentions.c.mention_id == ic.mention_id)
                          .outerjoin(latest, sa.and_(latest.c.mention_id == ic.mention_id,
                                                     latest.c.inaccuracy_id == ic.inaccuracy_id)))
             .where(inaccuracies.status_clause("open", latest), *([window] if window is not None else []))
             .group_by(ic.mention_id))
    return query.subquery("open_flags")


# -- reading it -------------------------------------------------------------------------------------
class _position(FunctionElement[int]):
    """Where ``needle`` starts in ``haystack`` (0: absent), case-sensitive on every database."""
    type = sa.Integer()
    inherit_cache = True


@compiles(_position)
def _position_default(element: _position, compiler: Any, **kw: Any) -> str:
    haystack, needle = list(element.clauses)
    return f"position({compiler.process(needle, **kw)} in {compiler.process(haystack, **kw)})"


@compiles(_position, "sqlite")
def _position_sqlite(element: _position, compiler: Any, **kw: Any) -> str:
    return f"instr({compiler.process(element.clauses, **kw)})"


def _has_any(column: sa.ColumnElement[str], names: tuple[str, ...]) -> sa.ColumnElement[bool]:
    """The ';'-joined set in ``column`` holds one of ``names`` (as its mention_tags rows would)."""
    joined = sa.literal(";") + column + sa.literal(";")
    return sa.or_(*[_position(joined, sa.literal(f";{name};")) > 0 for name in names])


def where(filters: Filters) -> list[sa.ColumnElement[bool]]:
    """Conditions over the rollup for ``filters`` (only when :func:`can_answer`)."""
    clauses: list[sa.ColumnElement[bool]] = []
    if filters.date_from:
        clauses.append(r.day >= filters.date_from)
    if filters.date_to:
        clauses.append(r.day <= filters.date_to)
    for column, names in ((r.topics, filters.topics), (r.voices, filters.voices)):
        if names:
            clauses.append(_has_any(column, names))
    for column, values in ((r.channel, filters.channels), (r.label, filters.sentiments), (r.status, filters.statuses)):
        if values:
            clauses.append(column.in_(values))
    flags = {"inaccuracy": r.has_inaccuracy.is_(True), "question": r.is_question.is_(True),
             "response": r.response_kind.not_in(("", "do_not_engage"))}
    clauses += [flags[f] for f in filters.flags if f in flags]
    return clauses


def _count(condition: sa.ColumnElement[bool]) -> sa.ColumnElement[Any]:
    return sa.func.sum(sa.case((condition, r.mentions), else_=0))


def _mean(total: sa.ColumnElement[Any], n: sa.ColumnElement[Any]) -> sa.ColumnElement[Any]:
    return sa.func.sum(total) / sa.func.nullif(sa.func.sum(n), 0)


def _day() -> sa.Label[Any]:
    # the raw value, as func.date(published_at) gives it (text on SQLite, a date on PostgreSQL)
    return sa.type_coerce(r.day, sa.String).label("day")


def totals(filters: Filters) -> sa.Select[Any]:
    """As :func:`storage.queries.totals`."""
    return sa.select(sa.func.sum(r.mentions).label("mentions"), _count(r.has_inaccuracy.is_(True)).label("inaccuracies"),
                     _count(r.is_question.is_(True)).label("questions"), _count(r.label == "negative").label("negative"),
                     sa.func.count(sa.distinct(r.source)).label("sources")).where(r.tag_kind == "", *where(filters))


def daily(filters: Filters, by: str) -> sa.Select[Any]:
    """As :func:`storage.queries.daily`."""
    day = _day()
    return (sa.select(day, r.tag_name.label(by), sa.func.sum(r.mentions).label("mentions"),
                      _mean(r.sentiment_sum, r.sentiment_n).label("mean_sentiment"),
                      *[_count(r.label == k).label(k) for k in _SENTIMENTS],
                      _count(r.has_inaccuracy.is_(True)).label("inaccuracies"),
                      _count(r.is_question.is_(True)).label("questions"))
            .where(r.tag_kind == by, *where(filters)).group_by(r.day, r.tag_name).order_by(r.day, r.tag_name))


def daily_volume(filters: Filters) -> sa.Select[Any]:
    """As :func:`storage.aggregates.daily_volume`."""
    return (sa.select(_day(), sa.func.sum(r.mentions).label("mentions"),
                      *[_count(r.label == k).label(k) for k in _SENTIMENTS],
                      _count(r.has_inaccuracy.is_(True)).label("inaccuracies"),
                      _count(r.is_question.is_(True)).label("questions"))
            .where(r.tag_kind == "", *where(filters)).group_by(r.day).order_by(r.day))


def waiting(filters: Filters, open_statuses: tuple[str, ...]) -> sa.Select[Any]:
    """Open inaccuracy flags and questions still open in triage (as :func:`storage.aggregates.waiting`)."""
    return sa.select(sa.func.sum(r.open_flags).label("open_candidates"),
                     _count(sa.and_(r.is_question.is_(True), r.status.in_(open_statuses))).label("open_questions")
                     ).where(r.tag_kind == "", *where(filters))


def voices(filters: Filters) -> sa.Select[Any]:
    """As :func:`storage.queries.voices`, before the shares."""
    return (sa.select(r.tag_name.label("voice"), sa.func.sum(r.mentions).label("mentions"),
                      _mean(r.toward_sum, r.toward_n).label("mean_toward"),
                      *[_count(r.toward == k).label(k) for k in _SENTIMENTS],
                      sa.func.count(sa.distinct(r.source)).label("sources"))
            .where(r.tag_kind == "voice", *where(filters)).group_by(r.tag_name))


def voice_daily(filters: Filters) -> sa.Select[Any]:
    """As :func:`storage.aggregates.voice_daily`."""
    return (sa.select(_day(), r.tag_name.label("voice"), sa.func.sum(r.mentions).label("mentions"),
                      *[_count(r.toward == k).label(k) for k in _SENTIMENTS])
            .where(r.tag_kind == "voice", *where(filters)).group_by(r.day, r.tag_name).order_by(r.day, r.tag_name))


def tag_channels(filters: Filters, kind: str) -> sa.Select[Any]:
    """As :func:`storage.aggregates.tag_channels`, before the shares."""
    return (sa.select(r.tag_name.label(kind), r.channel, sa.func.sum(r.mentions).label("mentions"))
            .where(r.tag_kind == kind, *where(filters)).group_by(r.tag_name, r.channel)
            .order_by(r.tag_name, r.channel))
