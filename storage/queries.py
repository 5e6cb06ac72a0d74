"""Read queries for the dashboard and reports: filtered pages of mentions and aggregates done in SQL.

:class:`Filters` is the one description of "the current filter"; the dashboard, the CSV export
and the CLI all pass it here, so totals in a report equal the totals on screen.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import sqlalchemy as sa

from storage import inaccuracies, rollup, triage
from storage.schema import mention_sources, mention_tags, mention_triage, mentions, source_health
from storage.store import Store, frame_from_rows

#: The sentiment label charts, filters and exports use: a person's correction, else the model's.
LABEL = sa.func.coalesce(mentions.c.sentiment_corrected, mentions.c.sentiment_label)
FLAGS = {"inaccuracy": "Inaccuracy candidate", "question": "Question", "response": "Has a suggested response"}


@dataclass(frozen=True)
class Filters:
    """The current filter. Empty tuples mean 'any'; dates are inclusive UTC days."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    topics: tuple[str, ...] = ()
    voices: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    sentiments: tuple[str, ...] = ()
    flags: tuple[str, ...] = field(default=())
    search: str = ""
    statuses: tuple[str, ...] = ()   # triage status; a mention nobody has acted on is "new"


def _tag_clause(kind: str, names: tuple[str, ...]) -> sa.ColumnElement[bool]:
    # IN over an aliased, uncorrelated subquery: SQLite reads the tag index once and then looks each
    # mention up by key, instead of probing mention_tags once per mention (several times faster at 1M
    # rows); the alias keeps it from being auto-correlated when daily() and voices() join mention_tags
    tags = mention_tags.alias(f"filter_{kind}")
    return mentions.c.mention_id.in_(sa.select(tags.c.mention_id).where(tags.c.kind == kind,
                                                                         tags.c.name.in_(names)))


def _status_clause(statuses: tuple[str, ...]) -> sa.ColumnElement[bool]:
    status = sa.select(mention_triage.c.status).where(mention_triage.c.mention_id == mentions.c.mention_id)
    return sa.func.coalesce(status.correlate(mentions).scalar_subquery(), "new").in_(statuses)


def where(filters: Filters) -> list[sa.ColumnElement[bool]]:
    """SQL conditions for ``filters`` over the mentions table."""
    c = mentions.c
    clauses: list[sa.ColumnElement[bool]] = []
    if filters.date_from:
        clauses.append(c.published_at >= dt.datetime.combine(filters.date_from, dt.time()))
    if filters.date_to:
        clauses.append(c.published_at < dt.datetime.combine(filters.date_to + dt.timedelta(days=1), dt.time()))
    if filters.topics:
        clauses.append(_tag_clause("topic", filters.topics))
    if filters.voices:
        clauses.append(_tag_clause("voice", filters.voices))
    for column, values in ((c.channel, filters.channels), (LABEL, filters.sentiments)):
        if values:
            clauses.append(column.in_(values))
    if filters.sources:  # any source that carried the item, not only the first
        clauses.append(sa.exists().where(mention_sources.c.mention_id == c.mention_id,
                                         mention_sources.c.source.in_(filters.sources)))
    if "inaccuracy" in filters.flags:
        clauses.append(c.inaccuracy_ids != "")
    if "question" in filters.flags:
        clauses.append(c.is_question.is_(True))
    if "response" in filters.flags:  # a draft to use: "do not engage" is a recommendation without one
        clauses.append(c.response_kind.not_in(("", "do_not_engage")))
    if filters.statuses:
        clauses.append(_status_clause(filters.statuses))
    if filters.search.strip():
        pattern = f"%{filters.search.strip().lower()}%"
        clauses.append(sa.or_(sa.func.lower(c.title).like(pattern), sa.func.lower(c.text).like(pattern)))
    return clauses


def count(store: Store, filters: Filters) -> int:
    query = sa.select(sa.func.count()).select_from(mentions).where(*where(filters))
    with store.engine.connect() as conn:
        return int(conn.scalar(query) or 0)


def page(store: Store, filters: Filters, limit: int = 50, offset: int = 0) -> pd.DataFrame:
    """One page of matching mentions, newest first."""
    query = (sa.select(mentions).where(*where(filters))
             .order_by(mentions.c.published_at.desc(), mentions.c.mention_id).limit(limit).offset(offset))
    with store.engine.connect() as conn:
        return _labelled(frame_from_rows(conn.execute(query).mappings().all()))


def _labelled(frame: pd.DataFrame) -> pd.DataFrame:
    """``sentiment_label`` as shown (a correction wins), the model's in ``sentiment_model_label``."""
    corrected = frame["sentiment_corrected"].astype("string") if "sentiment_corrected" in frame else \
        pd.Series(pd.NA, index=frame.index, dtype="string")
    frame = frame.drop(columns=["sentiment_corrected"], errors="ignore")
    frame["sentiment_model_label"] = frame["sentiment_label"]
    frame["sentiment_label"] = corrected.fillna(frame["sentiment_label"]).astype("string")
    frame["sentiment_corrected"] = corrected.notna().astype(bool)
    return frame


def iter_pages(store: Store, filters: Filters, size: int = 5000) -> Any:
    """Every matching mention in pages of ``size`` (keyset-paged, for exports of any length)."""
    last: tuple[dt.datetime, str] | None = None
    c = mentions.c
    while True:
        query = sa.select(mentions).where(*where(filters))
        if last is not None:
            query = query.where(sa.or_(c.published_at > last[0],
                                       sa.and_(c.published_at == last[0], c.mention_id > last[1])))
        query = query.order_by(c.published_at, c.mention_id).limit(size)
        with store.engine.connect() as conn:
            rows = conn.execute(query).mappings().all()
        if not rows:
            return
        last = (rows[-1]["published_at"], rows[-1]["mention_id"])
        yield _labelled(frame_from_rows(rows))


def daily(store: Store, filters: Filters, by: str = "topic", use_rollup: bool = True) -> pd.DataFrame:
    """Per day and per topic (or voice): mentions, mean sentiment, negatives, inaccuracies, questions.

    Read from the daily rollup when it can answer ``filters`` (``use_rollup=False``: always the mentions)."""
    query = rollup.daily(filters, by) if use_rollup and rollup.can_answer(filters) else _daily(filters, by)
    with store.engine.connect() as conn:
        frame = pd.DataFrame(conn.execute(query).mappings().all(),
                             columns=["day", by, "mentions", "mean_sentiment", "positive", "neutral", "negative",
                                      "inaccuracies", "questions"])
    for column in ("mentions", "positive", "neutral", "negative", "inaccuracies", "questions"):
        frame[column] = pd.to_numeric(frame[column]).fillna(0).astype("int64")
    frame["day"] = pd.to_datetime(frame["day"])
    frame["mean_sentiment"] = pd.to_numeric(frame["mean_sentiment"]).round(3)
    return frame


def _daily(filters: Filters, by: str) -> sa.Select[Any]:
    day = sa.func.date(mentions.c.published_at).label("day")
    c = mentions.c
    query = (
        sa.select(day, mention_tags.c.name.label(by), sa.func.count().label("mentions"),
                  sa.func.avg(c.sentiment).label("mean_sentiment"),
                  sa.func.sum(sa.case((LABEL == "positive", 1), else_=0)).label("positive"),
                  sa.func.sum(sa.case((LABEL == "neutral", 1), else_=0)).label("neutral"),
                  sa.func.sum(sa.case((LABEL == "negative", 1), else_=0)).label("negative"),
                  sa.func.sum(sa.case((c.inaccuracy_ids != "", 1), else_=0)).label("inaccuracies"),
                  sa.func.sum(sa.case((c.is_question.is_(True), 1), else_=0)).label("questions"))
        .select_from(mentions.join(mention_tags, mention_tags.c.mention_id == c.mention_id))
        .where(mention_tags.c.kind == by, *where(filters))
        .group_by(day, mention_tags.c.name).order_by(day, mention_tags.c.name)
    )
    return query


def voices(store: Store, filters: Filters, use_rollup: bool = True) -> pd.DataFrame:
    """Share of voice and sentiment toward each voice, over the mentions the filter matches.

    ``share`` is the voice's mentions over all voice mentions (a mention naming two voices counts
    for both). Sentiment toward a voice is read from the sentences that mention it
    (``mention_tags.sentiment``); a person's correction of the mention's sentiment wins, and a voice
    matched only outside the text (``site:``) takes the mention's overall sentiment."""
    query = rollup.voices(filters) if use_rollup and rollup.can_answer(filters) else _voices(filters)
    with store.engine.connect() as conn:
        frame = pd.DataFrame(conn.execute(query).mappings().all(),
                             columns=["voice", "mentions", "mean_toward", "positive", "neutral", "negative", "sources"])
    total = frame["mentions"].sum()
    frame["share"] = (frame["mentions"] / total).round(4) if total else 0.0
    frame["mean_toward"] = pd.to_numeric(frame["mean_toward"]).round(3)
    frame["net_sentiment"] = ((frame["positive"] - frame["negative"]) / frame["mentions"].where(frame["mentions"] > 0)
                              ).round(3)
    return frame.sort_values(["mentions", "voice"], ascending=[False, True]).reset_index(drop=True)[
        ["voice", "mentions", "share", "mean_toward", "net_sentiment", "positive", "neutral", "negative", "sources"]]


def _voices(filters: Filters) -> sa.Select[Any]:
    t, c = mention_tags.c, mentions.c
    score = sa.func.coalesce(t.sentiment, c.sentiment)
    toward = sa.func.coalesce(c.sentiment_corrected, sa.case((score >= 0.05, "positive"), (score <= -0.05, "negative"),
                                                             else_="neutral"))
    query = (sa.select(t.name.label("voice"), sa.func.count().label("mentions"),
                       sa.func.avg(score).label("mean_toward"),
                       *[sa.func.sum(sa.case((toward == k, 1), else_=0)).label(k)
                         for k in ("positive", "neutral", "negative")],
                       sa.func.count(sa.distinct(c.source)).label("sources"))
             .select_from(mentions.join(mention_tags, t.mention_id == c.mention_id))
             .where(t.kind == "voice", *where(filters)).group_by(t.name))
    return query


def totals(store: Store, filters: Filters, use_rollup: bool = True) -> dict[str, int]:
    """Headline counts for the current filter."""
    query = rollup.totals(filters) if use_rollup and rollup.can_answer(filters) else _totals(filters)
    with store.engine.connect() as conn:
        row = conn.execute(query).mappings().one()
    return {k: int(v or 0) for k, v in row.items()}


def _totals(filters: Filters) -> sa.Select[Any]:
    c = mentions.c
    return sa.select(
        sa.func.count().label("mentions"),
        sa.func.sum(sa.case((c.inaccuracy_ids != "", 1), else_=0)).label("inaccuracies"),
        sa.func.sum(sa.case((c.is_question.is_(True), 1), else_=0)).label("questions"),
        sa.func.sum(sa.case((LABEL == "negative", 1), else_=0)).label("negative"),
        sa.func.count(sa.distinct(c.source)).label("sources"),
    ).where(*where(filters))


def options(store: Store) -> dict[str, Any]:
    """What the filter widgets offer: stored sources, channels, topics, voices, and the date span."""
    c = mentions.c
    with store.engine.connect() as conn:
        span = conn.execute(sa.select(sa.func.min(c.published_at), sa.func.max(c.published_at))).one()
        tags = conn.execute(sa.select(mention_tags.c.kind, mention_tags.c.name).distinct()).all()
        return {
            "sources": sorted(conn.scalars(sa.select(c.source).distinct())),
            "channels": sorted(conn.scalars(sa.select(c.channel).distinct())),
            "topics": sorted(n for k, n in tags if k == "topic"),
            "voices": sorted(n for k, n in tags if k == "voice"),
            "first_day": pd.Timestamp(span[0]).date() if span[0] is not None else None,
            "last_day": pd.Timestamp(span[1]).date() if span[1] is not None else None,
        }


def source_counts(store: Store) -> pd.DataFrame:
    """Stored mentions per source with first and latest publication time."""
    c = mentions.c
    query = (sa.select(c.source, sa.func.count().label("stored_mentions"),
                       sa.func.max(c.published_at).label("latest_item_at"))
             .group_by(c.source))
    with store.engine.connect() as conn:
        frame = pd.DataFrame(conn.execute(query).mappings().all(),
                             columns=["source", "stored_mentions", "latest_item_at"])
    frame["latest_item_at"] = pd.to_datetime(frame["latest_item_at"], utc=True)
    return frame


def last_attempt(store: Store) -> dt.datetime | None:
    """When a collector last tried any source (UTC), or None if none ever has."""
    with store.engine.connect() as conn:
        at = conn.scalar(sa.select(sa.func.max(source_health.c.last_attempt_at)))
    return None if at is None else pd.Timestamp(at).tz_localize("UTC").to_pydatetime()


def usual_gap_minutes(store: Store, source: str, last: int = 50) -> float | None:
    """Median minutes between consecutive items of ``source`` over its newest ``last`` items (None if < 5)."""
    query = (sa.select(mention_sources.c.published_at).where(mention_sources.c.source == source)
             .order_by(mention_sources.c.published_at.desc()).limit(last))
    with store.engine.connect() as conn:
        times = pd.Series(pd.to_datetime(list(conn.scalars(query)))).sort_values()
    if len(times) < 5:
        return None
    gaps = times.diff().dropna().dt.total_seconds() / 60
    gap = float(gaps.median())
    return gap if gap > 0 else None


def source_activity(store: Store, now: dt.datetime, days: int = 30) -> pd.DataFrame:
    """Per source: items per day over the last ``days`` days of its items, usual gap, and whether it is silent.

    Silent: it used to produce items, and no new item has been seen for three times its usual gap.
    Monitoring that has gone blind must not look like "no mentions".
    """
    ms, sh = mention_sources.c, source_health.c
    rows = []
    with store.engine.connect() as conn:
        stats = conn.execute(sa.select(ms.source, sa.func.max(ms.published_at).label("newest"),
                                       sa.func.min(ms.published_at).label("oldest")).group_by(ms.source)).mappings().all()
        # the usual gap is kept in source_health by the collector whenever new items arrive
        health = {r.source: r for r in conn.execute(sa.select(sh.source, sh.last_new_item_at, sh.usual_gap_minutes))}
        for row in stats:
            newest, oldest = pd.Timestamp(row["newest"]), pd.Timestamp(row["oldest"])
            span_days = max(1.0, min(days, (newest - oldest).total_seconds() / 86400))
            recent = conn.scalar(sa.select(sa.func.count()).where(
                ms.source == row["source"], ms.published_at >= (newest - pd.Timedelta(days=days)).to_pydatetime()))
            known = health.get(row["source"])
            gap = known.usual_gap_minutes if known is not None else None
            last_seen = known.last_new_item_at if known is not None else None
            quiet_for = (pd.Timestamp(now).tz_localize(None) - pd.Timestamp(last_seen)).total_seconds() / 60 \
                if last_seen is not None else None
            rows.append({"source": row["source"], "items_per_day": round(recent / span_days, 1),
                         "usual_gap_minutes": None if gap is None else round(gap, 1),
                         "is_silent": bool(gap and quiet_for is not None and quiet_for > 3 * gap)})
    return pd.DataFrame(rows, columns=["source", "items_per_day", "usual_gap_minutes", "is_silent"])


__all__ = ["FLAGS", "LABEL", "Filters", "count", "daily", "iter_pages", "options", "page", "source_activity",
           "source_counts", "totals", "usual_gap_minutes", "voices", "where"]


# -- inaccuracy candidates ---------------------------------------------------------------------
def candidates(store: Store, filters: Filters, status: str = "open", limit: int = 25, offset: int = 0) -> pd.DataFrame:
    """One page of inaccuracy candidates of the filtered mentions, with status and evidence."""
    query = inaccuracies.candidates_query(where(filters), status).limit(limit).offset(offset)
    with store.engine.connect() as conn:
        frame = pd.DataFrame(conn.execute(query).mappings().all(), columns=list(query.selected_columns.keys()))
    frame["published_at"] = pd.to_datetime(frame["published_at"]).dt.tz_localize("UTC")
    return frame


def count_candidates(store: Store, filters: Filters, status: str = "open") -> int:
    inner = inaccuracies.candidates_query(where(filters), status).order_by(None).subquery()
    with store.engine.connect() as conn:
        return int(conn.scalar(sa.select(sa.func.count()).select_from(inner)) or 0)


def inaccuracy_log(store: Store, filters: Filters) -> pd.DataFrame:
    """Every inaccuracy candidate of the filtered mentions with its evidence and decision, oldest first."""
    return inaccuracies.log(store.engine, where(filters))


def inaccuracy_summary(store: Store, filters: Filters) -> pd.DataFrame:
    """Per fact or myth: flagged, possible, confirmed, dismissed, dismissal rate, most dismissed keyword."""
    return inaccuracies.per_fact(store.engine, where(filters))


# -- triage --------------------------------------------------------------------------------------
def inbox(store: Store, filters: Filters, statuses: tuple[str, ...] = triage.OPEN, assignee: str | None = None,
          everything: bool = False, limit: int = 25, offset: int = 0) -> pd.DataFrame:
    """One page of the Inbox queue, most urgent first, with each mention's triage state."""
    query = triage.inbox_query(where(filters), statuses, assignee, everything).limit(limit).offset(offset)
    with store.engine.connect() as conn:
        rows = conn.execute(query).mappings().all()
    frame = _labelled(frame_from_rows([{k: r[k] for k in mentions.c.keys()} for r in rows]))
    for column in ("status", "assignee", "priority", "tags"):
        frame[column] = pd.Series([r[column] for r in rows], index=frame.index, dtype="string")
    for column in ("rank", "version"):
        frame[column] = pd.Series([int(r[column]) for r in rows], index=frame.index, dtype="int64")
    for column in ("needs_authorisation", "press_office_informed"):
        frame[column] = pd.Series([bool(r[column]) for r in rows], index=frame.index, dtype="bool")
    return frame


def count_inbox(store: Store, filters: Filters, statuses: tuple[str, ...] = triage.OPEN, assignee: str | None = None,
                everything: bool = False) -> int:
    inner = triage.inbox_query(where(filters), statuses, assignee, everything).order_by(None).subquery()
    with store.engine.connect() as conn:
        return int(conn.scalar(sa.select(sa.func.count()).select_from(inner)) or 0)


def audit_log(store: Store, filters: Filters) -> pd.DataFrame:
    """Every triage action on the filtered mentions, oldest first."""
    return triage.audit(store.engine, clauses=where(filters))


def response_log(store: Store, filters: Filters) -> pd.DataFrame:
    """Every response recorded for the filtered mentions, oldest first."""
    return triage.responses(store.engine, where(filters))


def response_times(store: Store, filters: Filters, by: str = "topic") -> pd.DataFrame:
    """Hours to first action and to response, per topic or per person, for the filtered mentions."""
    return triage.response_times(store.engine, where(filters), by)
