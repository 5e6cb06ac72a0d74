"""Alerts in the store: the counts detection reads, the alerts raised, their deliveries and the digest log.

Detection is :mod:`analysis.alerts` (pure) and the cycle is ``alerting.py``; this module reads and
writes. Alerts are kept for good: the Alerts page lists them, a person can acknowledge one, and every
delivery attempt (email, webhook, digest) is appended to ``alert_deliveries`` with its error.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from storage.queries import LABEL
from storage.schema import alert_deliveries, alert_runs, alerts, inaccuracy_candidates, mention_tags, mentions
from storage.store import Store, naive, read_frame

_WINDOW = ("window_start", "window_end")


class _hour(FunctionElement[dt.datetime]):
    """A timestamp floored to its hour, on every database."""
    type = sa.DateTime()
    inherit_cache = True


@compiles(_hour)
def _hour_default(element: _hour, compiler: Any, **kw: Any) -> str:
    return f"date_trunc('hour', {compiler.process(element.clauses, **kw)})"


@compiles(_hour, "sqlite")
def _hour_sqlite(element: _hour, compiler: Any, **kw: Any) -> str:
    return f"strftime('%Y-%m-%d %H:00:00', {compiler.process(element.clauses, **kw)})"


def hourly_counts(store: Store, start: dt.datetime, end: dt.datetime) -> pd.DataFrame:
    """Per topic or voice and UTC hour from ``start`` to ``end``: mentions, and how many were negative."""
    t, c = mention_tags.c, mentions.c
    hour = _hour(c.published_at).label("hour")
    query = (sa.select(t.kind.label("subject_kind"), t.name.label("subject"), hour,
                       sa.func.count().label("mentions"),
                       sa.func.sum(sa.case((LABEL == "negative", 1), else_=0)).label("negative"))
             .select_from(mentions.join(mention_tags, t.mention_id == c.mention_id))
             .where(c.published_at >= naive(start), c.published_at < naive(end))
             .group_by(t.kind, t.name, hour))
    with store.engine.connect() as conn:
        frame = pd.DataFrame(conn.execute(query).mappings().all(),
                             columns=["subject_kind", "subject", "hour", "mentions", "negative"])
    frame["hour"] = pd.to_datetime(frame["hour"]).dt.tz_localize("UTC").astype("datetime64[us, UTC]")
    for column in ("mentions", "negative"):
        frame[column] = pd.to_numeric(frame[column]).fillna(0).astype("int64")
    return frame


def tagged_mentions(store: Store, kind: str, name: str, start: dt.datetime, end: dt.datetime,
                    limit: int = 500) -> pd.DataFrame:
    """Mentions tagged ``kind``/``name`` published from ``start`` to ``end``, most engaged first."""
    c, t = mentions.c, mention_tags.c
    engagement = sa.func.coalesce(c.replies, 0) + sa.func.coalesce(c.score, 0)
    query = (sa.select(c.mention_id, c.title, c.text, c.url, c.source, c.channel, c.published_at,
                       LABEL.label("sentiment_label"))
             .select_from(mentions.join(mention_tags, t.mention_id == c.mention_id))
             .where(t.kind == kind, t.name == name, c.published_at >= naive(start), c.published_at < naive(end))
             .order_by(engagement.desc(), c.published_at.desc()).limit(limit))
    return read_frame(store, query, _WINDOW)


def new_flags(store: Store, start: dt.datetime, end: dt.datetime) -> pd.DataFrame:
    """Inaccuracy flags (not suggestions) on mentions collected after ``start`` up to ``end``."""
    c, k = mentions.c, inaccuracy_candidates.c
    query = (sa.select(c.mention_id, c.title, c.url, c.source, c.channel, c.published_at, k.inaccuracy_id,
                       k.claimed, k.confidence)
             .select_from(mentions.join(inaccuracy_candidates, k.mention_id == c.mention_id))
             .where(k.level == "flag", c.collected_at > naive(start), c.collected_at <= naive(end))
             .order_by(c.published_at))
    return read_frame(store, query, _WINDOW)


def source_reach(store: Store, end: dt.datetime, days: int = 30) -> pd.DataFrame:
    """Per source over the ``days`` before ``end``: its channel, mentions and distinct authors (its reach)."""
    c = mentions.c
    query = (sa.select(c.source, sa.func.max(c.channel).label("channel"), sa.func.count().label("mentions"),
                       sa.func.count(sa.distinct(c.author)).label("authors"))
             .where(c.published_at >= naive(end) - dt.timedelta(days=days), c.published_at <= naive(end))
             .group_by(c.source))
    return read_frame(store, query, _WINDOW)


# -- the alerts raised --------------------------------------------------------------------------------
def last_fired(store: Store, keys: list[str]) -> dict[str, dt.datetime]:
    """When each alert key last fired (UTC-aware), for the cooldown."""
    if not keys:
        return {}
    query = sa.select(alerts.c.key, sa.func.max(alerts.c.fired_at)).where(alerts.c.key.in_(keys)).group_by(alerts.c.key)
    with store.engine.connect() as conn:
        return {key: when.replace(tzinfo=dt.timezone.utc) for key, when in conn.execute(query)}


def last_ratios(store: Store, keys: list[str]) -> dict[str, float]:
    """The ratio to the usual of each alert key's latest alert (keys whose latest alert has none are left
    out), so the cooldown can let a clearly grown surge through."""
    if not keys:
        return {}
    latest = (sa.select(alerts.c.key, sa.func.max(alerts.c.id).label("id")).where(alerts.c.key.in_(keys))
              .group_by(alerts.c.key).subquery())
    query = sa.select(alerts.c.key, alerts.c.ratio).join(latest, alerts.c.id == latest.c.id)
    with store.engine.connect() as conn:
        return {key: float(ratio) for key, ratio in conn.execute(query) if ratio is not None}


def record(store: Store, raised: list[dict[str, Any]], now: dt.datetime) -> list[int]:
    """Store alerts raised at ``now`` (each as ``Alert.to_json()`` gives it) and the evaluation itself;
    returns the new alerts' ids in the same order."""
    ids = []
    with store.engine.begin() as conn:
        for alert in raised:
            detail = {k: alert.get(k, []) for k in ("top_terms", "sources", "samples")}
            values = {k: alert[k] for k in ("key", "kind", "subject_kind", "title", "observed", "expected",
                                             "threshold", "ratio", "link")}
            ids.append(conn.execute(alerts.insert().values(
                **values, subject=str(alert["subject"])[:300], window_start=naive(alert["window_start"]),
                window_end=naive(alert["window_end"]), detail=json.dumps(detail, default=str),
                fired_at=naive(now))).inserted_primary_key[0])
        conn.execute(alert_runs.insert().values(evaluated_at=naive(now), raised=len(raised)))
    return ids


def last_evaluated(store: Store) -> dt.datetime | None:
    with store.engine.connect() as conn:
        when = conn.scalar(sa.select(sa.func.max(alert_runs.c.evaluated_at)))
    return None if when is None else when.replace(tzinfo=dt.timezone.utc)


def listed(store: Store, since: dt.datetime | None = None, kinds: tuple[str, ...] = (),
           include_acknowledged: bool = True, limit: int = 200) -> pd.DataFrame:
    """Alerts raised since ``since`` (newest first), each with its detail read back into columns."""
    query = sa.select(alerts).order_by(alerts.c.fired_at.desc(), alerts.c.id.desc()).limit(limit)
    if since is not None:
        query = query.where(alerts.c.fired_at >= naive(since))
    if kinds:
        query = query.where(alerts.c.kind.in_(kinds))
    if not include_acknowledged:
        query = query.where(alerts.c.acknowledged_at.is_(None))
    frame = read_frame(store, query, _WINDOW)
    details = [json.loads(d) if d else {} for d in frame["detail"]]
    frame["top_terms"] = [d.get("top_terms", []) for d in details]
    frame["sources"] = [[(s["source"], int(s["mentions"])) for s in d.get("sources", [])] for d in details]
    frame["samples"] = [d.get("samples", []) for d in details]
    return frame.drop(columns=["detail"])


def acknowledge(store: Store, alert_id: int, by: str, now: dt.datetime) -> bool:
    """Mark an alert as seen by ``by``; False when it was already acknowledged (or does not exist)."""
    with store.engine.begin() as conn:
        done = conn.execute(alerts.update().where(alerts.c.id == alert_id, alerts.c.acknowledged_at.is_(None))
                            .values(acknowledged_by=by, acknowledged_at=naive(now)))
    return bool(done.rowcount)


# -- deliveries and the digest ------------------------------------------------------------------------
def record_delivery(store: Store, channel: str, ok: bool, error: str, now: dt.datetime,
                    alert_ids: list[int] | None = None, digest_day: dt.date | None = None) -> None:
    """Append one delivery attempt: of the alerts ``alert_ids``, or of the digest of ``digest_day``."""
    ids = alert_ids or []
    with store.engine.begin() as conn:
        conn.execute(alert_deliveries.insert().values(
            alert_ids=";".join(str(i) for i in ids), alerts=len(ids), digest_day=digest_day, channel=channel,
            ok=ok, error=error, attempted_at=naive(now)))


def count(store: Store, since: dt.datetime | None = None, include_acknowledged: bool = True) -> int:
    """How many alerts were raised since ``since`` (those nobody acknowledged, unless ``include_acknowledged``)."""
    query = sa.select(sa.func.count()).select_from(alerts)
    if since is not None:
        query = query.where(alerts.c.fired_at >= naive(since))
    if not include_acknowledged:
        query = query.where(alerts.c.acknowledged_at.is_(None))
    with store.engine.connect() as conn:
        return int(conn.scalar(query) or 0)


def deliveries(store: Store, limit: int = 100) -> pd.DataFrame:
    """The latest delivery attempts, newest first."""
    query = sa.select(alert_deliveries).order_by(alert_deliveries.c.id.desc()).limit(limit)
    return read_frame(store, query, _WINDOW)


def last_digest(store: Store, max_attempts: int = 3) -> dt.date | None:
    """The latest local date whose digest is done: delivered, or tried ``max_attempts`` times."""
    d = alert_deliveries.c
    query = (sa.select(d.digest_day).where(d.digest_day.is_not(None)).group_by(d.digest_day)
             .having(sa.or_(sa.func.max(sa.case((d.ok.is_(True), 1), else_=0)) == 1,
                            sa.func.count() >= max_attempts))
             .order_by(d.digest_day.desc()).limit(1))
    with store.engine.connect() as conn:
        day = conn.scalar(query)
    return pd.Timestamp(day).date() if day is not None else None
