"""Triage: where each mention stands (status, assignee, priority, tags, flags), the audit log of every
action, the log of responses given, and response-time figures.

Several people work the Inbox at once. Each change names the ``version`` of the triage state it was
made on; when someone else changed the mention meanwhile, the change is refused with
:class:`StaleEdit` instead of overwriting theirs. Every change appends one row per field to
``triage_audit`` (who, when, what, before, after) in the same transaction; nothing here updates or
deletes an audit or response-log row, and the database refuses it too (``schema.append_only``).

Statuses and the moves between them::

    new -> in_review | responded | no_action | escalated
    in_review -> responded | no_action | escalated | new
    escalated -> in_review | responded | no_action
    responded, no_action -> in_review   (reopened)
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from typing import Any

import pandas as pd
import sqlalchemy as sa

from storage import rollup
from storage.schema import mention_tags, mention_triage, mentions, response_log, triage_audit

STATUSES = ("new", "in_review", "responded", "no_action", "escalated")
STATUS_LABELS = {"new": "New", "in_review": "In review", "responded": "Responded", "no_action": "No action",
                 "escalated": "Escalated to press office"}
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "new": ("in_review", "responded", "no_action", "escalated"),
    "in_review": ("responded", "no_action", "escalated", "new"),
    "escalated": ("in_review", "responded", "no_action"),
    "responded": ("in_review",),
    "no_action": ("in_review",),
}
PRIORITIES = ("urgent", "high", "normal", "low")   # "" = automatic (see :func:`priority_rank`)
FIELDS = ("status", "assignee", "priority", "tags", "needs_authorisation", "press_office_informed")
#: Channels whose outlets reach a wide audience, and the engagement (replies + score) that makes any post wide.
WIDE_CHANNELS = ("news", "video", "government")
WIDE_ENGAGEMENT = 20


class StaleEdit(Exception):
    """The mention's triage changed since the caller read it: reload and apply the change again."""


@dataclass(frozen=True)
class TriageState:
    mention_id: str
    status: str = "new"
    assignee: str = ""
    priority: str = ""
    tags: tuple[str, ...] = ()
    needs_authorisation: bool = False
    press_office_informed: bool = False
    version: int = 0
    updated_by: str = ""
    updated_at: dt.datetime | None = None


def _naive(at: dt.datetime | None) -> dt.datetime:
    return (at or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(tzinfo=None)


def _state(conn: sa.Connection, mention_id: str) -> TriageState:
    if conn.scalar(sa.select(mentions.c.mention_id).where(mentions.c.mention_id == mention_id)) is None:
        raise KeyError(f"no stored mention with id {mention_id!r}")
    row = conn.execute(sa.select(mention_triage).where(mention_triage.c.mention_id == mention_id)).mappings().first()
    if row is None:
        return TriageState(mention_id)
    return TriageState(mention_id, row["status"], row["assignee"], row["priority"],
                       tuple(t for t in row["tags"].split(";") if t), bool(row["needs_authorisation"]),
                       bool(row["press_office_informed"]), row["version"], row["updated_by"],
                       row["updated_at"].replace(tzinfo=dt.UTC) if row["updated_at"] else None)


def get(engine: sa.Engine, mention_id: str) -> TriageState:
    """The triage state of one mention (status "new", version 0, when nobody has acted on it)."""
    with engine.connect() as conn:
        return _state(conn, mention_id)


def _validated(current: TriageState, changes: dict[str, Any]) -> dict[str, Any]:
    unknown = set(changes) - set(FIELDS)
    if unknown:
        raise ValueError(f"unknown triage field(s): {', '.join(sorted(unknown))}")
    out = dict(changes)
    if "status" in out:
        if out["status"] not in STATUSES:
            raise ValueError(f"unknown status {out['status']!r}; expected one of {', '.join(STATUSES)}")
        if out["status"] != current.status and out["status"] not in TRANSITIONS[current.status]:
            raise ValueError(f"a mention that is {STATUS_LABELS[current.status].lower()} cannot become "
                             f"{STATUS_LABELS[out['status']].lower()} directly")
    if "priority" in out and out["priority"] not in ("", *PRIORITIES):
        raise ValueError(f"unknown priority {out['priority']!r}; expected one of {', '.join(PRIORITIES)} or ''")
    if "tags" in out:
        out["tags"] = tuple(dict.fromkeys(t.strip() for t in out["tags"] if t and t.strip() and ";" not in t))
    if "assignee" in out:
        out["assignee"] = str(out["assignee"]).strip()
    for flag in ("needs_authorisation", "press_office_informed"):
        if flag in out:
            out[flag] = bool(out[flag])
    return {k: v for k, v in out.items() if v != getattr(current, k)}


def _text(value: Any) -> str:
    if isinstance(value, tuple):
        return ";".join(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def update(engine: sa.Engine, mention_id: str, version: int, by: str, *, note: str = "",
           at: dt.datetime | None = None, **changes: Any) -> TriageState:
    """Apply ``changes`` (fields of :data:`FIELDS`) and an optional ``note`` made on ``version``; returns the
    new state. Raises :class:`StaleEdit` when the mention changed since ``version``, ValueError for a bad
    value, a move the status rules forbid or no name, and KeyError for an unknown mention."""
    if not by.strip():
        raise ValueError("say who is acting: every action records who made it")
    return _transaction(engine, lambda conn: _apply(conn, mention_id, version, by.strip(), _naive(at), note, changes))


def respond(engine: sa.Engine, mention_id: str, version: int, by: str, text: str, kind: str, *,
            suggested: str = "", checks_failed: tuple[str, ...] = (), authorised_by: str = "",
            at: dt.datetime | None = None) -> TriageState:
    """Record the response a person gave (the text they copied out; nothing is posted from here): the
    mention becomes "responded" and the response is appended to the response log, in one transaction. A
    mention marked as needing authorisation needs the name of who authorised the response."""
    if not by.strip():
        raise ValueError("say who is acting: every action records who made it")
    if not text.strip():
        raise ValueError("the response is empty: paste the text you gave")
    at, by = _naive(at), by.strip()

    def work(conn: sa.Connection) -> TriageState:
        if _state(conn, mention_id).needs_authorisation and not authorised_by.strip():
            raise ValueError("this mention needs authorisation: say who authorised the response")
        state = _apply(conn, mention_id, version, by, at, "", {"status": "responded"})
        conn.execute(response_log.insert().values(
            mention_id=mention_id, kind=kind, text=text.strip(), suggested=suggested, responded_by=by,
            authorised_by=authorised_by.strip(), checks_failed="; ".join(checks_failed), responded_at=at))
        conn.execute(triage_audit.insert().values(mention_id=mention_id, action="response", before=kind,
                                                  after=text.strip(), acted_by=by, acted_at=at))
        return state

    return _transaction(engine, work)


def _transaction(engine: sa.Engine, work: Any, attempts: int = 8) -> Any:
    """Run ``work(conn)`` in one transaction. SQLite refuses at once (not after its busy timeout) a write
    from a transaction whose snapshot another writer has moved on from; that is retried from the start,
    re-reading the state, so the version check then sees the other writer's change."""
    for attempt in range(attempts):
        try:
            with engine.begin() as conn:
                return work(conn)
        except sa.exc.IntegrityError:
            raise StaleEdit("someone else acted on this mention at the same moment: reload it and try again") from None
        except sa.exc.OperationalError as exc:
            if engine.dialect.name != "sqlite" or "locked" not in str(exc) or attempt == attempts - 1:
                raise
            time.sleep(0.02 * (attempt + 1))
    raise AssertionError("unreachable")


def _apply(conn: sa.Connection, mention_id: str, version: int, by: str, at: dt.datetime, note: str,
           changes: dict[str, Any]) -> TriageState:
    current = _state(conn, mention_id)
    if current.version != version:
        raise StaleEdit(f"{current.updated_by or 'someone'} changed this mention since you opened it "
                        f"(version {current.version}, yours {version}): reload it and make your change again")
    changed = _validated(current, changes)
    if not changed and not note.strip():
        return current
    _write(conn, current, changed, by, at)
    if "status" in changed:
        rollup.refresh_mentions(conn, [mention_id])
    audit = [{"action": k, "before": _text(getattr(current, k)), "after": _text(v)} for k, v in changed.items()]
    if note.strip():
        audit.append({"action": "note", "before": "", "after": note.strip()})
    conn.execute(triage_audit.insert(), [{"mention_id": mention_id, "acted_by": by, "acted_at": at, **a}
                                         for a in audit])
    return _state(conn, mention_id)


def _write(conn: sa.Connection, current: TriageState, changed: dict[str, Any], by: str, at: dt.datetime) -> None:
    """Write the new state, guarded by the version read (a racing writer makes this match no row)."""
    values = {k: (";".join(v) if k == "tags" else v) for k, v in changed.items()}
    values.update(version=current.version + 1, updated_by=by, updated_at=at)
    if changed.get("status") == "responded":
        values.update(responded_at=at, responded_by=by)
    t = mention_triage.c
    if current.version == 0:  # a racing first action fails on the primary key: IntegrityError -> StaleEdit
        conn.execute(mention_triage.insert().values(mention_id=current.mention_id, first_action_at=at,
                                                    first_action_by=by, **values))
        return
    done = conn.execute(mention_triage.update().where(t.mention_id == current.mention_id,
                                                      t.version == current.version).values(**values))
    if done.rowcount != 1:
        raise StaleEdit("someone else changed this mention at the same moment: reload it and try again")


def _utc(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
    for column in columns:
        frame[column] = pd.to_datetime(frame[column]).dt.tz_localize("UTC").astype("datetime64[us, UTC]")
    return frame


def audit(engine: sa.Engine, mention_id: str | None = None,
          clauses: list[sa.ColumnElement[bool]] | None = None) -> pd.DataFrame:
    """The audit log (of one mention, or of the mentions matching ``clauses``), oldest first."""
    a = triage_audit.c
    query = (sa.select(a.acted_at, a.acted_by, a.mention_id, a.action, a.before, a.after, mentions.c.url)
             .join(mentions, mentions.c.mention_id == a.mention_id).order_by(a.id))
    if mention_id is not None:
        query = query.where(a.mention_id == mention_id)
    query = query.where(*(clauses or []))
    with engine.connect() as conn:
        frame = pd.DataFrame(conn.execute(query).mappings().all(), columns=list(query.selected_columns.keys()))
    return _utc(frame, "acted_at")


def responses(engine: sa.Engine, clauses: list[sa.ColumnElement[bool]] | None = None) -> pd.DataFrame:
    """The response log of the mentions matching ``clauses``, oldest first."""
    r = response_log.c
    query = (sa.select(r.responded_at, r.responded_by, r.authorised_by, r.mention_id, r.kind, r.text, r.suggested,
                       r.checks_failed, mentions.c.source, mentions.c.channel, mentions.c.url, mentions.c.published_at)
             .join(mentions, mentions.c.mention_id == r.mention_id).where(*(clauses or [])).order_by(r.id))
    with engine.connect() as conn:
        frame = pd.DataFrame(conn.execute(query).mappings().all(), columns=list(query.selected_columns.keys()))
    return _utc(frame, "responded_at", "published_at")


def response_times(engine: sa.Engine, clauses: list[sa.ColumnElement[bool]] | None = None,
                   by: str = "topic") -> pd.DataFrame:
    """Hours from collection to the first action and to the response, per topic or per person (the first
    to act, and the one who responded): how many, the median and the 90th percentile."""
    t, m = mention_triage.c, mentions.c
    query = (sa.select(m.mention_id, m.collected_at, t.first_action_at, t.first_action_by, t.responded_at,
                       t.responded_by).join(mention_triage, t.mention_id == m.mention_id).where(*(clauses or [])))
    with engine.connect() as conn:
        rows = pd.DataFrame(conn.execute(query).mappings().all(), columns=list(query.selected_columns.keys()))
        topics = pd.DataFrame(conn.execute(sa.select(mention_tags.c.mention_id, mention_tags.c.name)
                                           .where(mention_tags.c.kind == "topic",
                                                  mention_tags.c.mention_id.in_(rows["mention_id"].tolist())))
                              .mappings().all(), columns=["mention_id", "name"])
    collected = pd.to_datetime(rows["collected_at"])
    rows["to_first_action"] = (pd.to_datetime(rows["first_action_at"]) - collected).dt.total_seconds() / 3600
    rows["to_response"] = (pd.to_datetime(rows["responded_at"]) - collected).dt.total_seconds() / 3600
    if by == "topic":
        keyed = rows.merge(topics, on="mention_id", how="left").fillna({"name": "(no topic)"})
        parts = [(keyed, "name", "to_first_action"), (keyed, "name", "to_response")]
    elif by == "person":
        parts = [(rows.rename(columns={"first_action_by": "name"}), "name", "to_first_action"),
                 (rows.rename(columns={"responded_by": "name"}), "name", "to_response")]
    else:
        raise ValueError(f"response times are by 'topic' or 'person', not {by!r}")
    return _summarise(parts)


def _summarise(parts: list[tuple[pd.DataFrame, str, str]]) -> pd.DataFrame:
    out: list[pd.DataFrame] = []
    for frame, key, measure in parts:
        known = frame[frame[measure].notna() & (frame[key] != "")]
        grouped = known.groupby(key)[measure]
        out.append(pd.DataFrame({f"{measure}_count": grouped.count(),
                                 f"{measure}_median_hours": grouped.median().round(2),
                                 f"{measure}_p90_hours": grouped.quantile(0.9).round(2)}))
    table = pd.concat(out, axis=1) if out else pd.DataFrame()
    for column in [c for c in table.columns if c.endswith("_count")]:
        table[column] = table[column].fillna(0).astype(int)
    return table.rename_axis("name").reset_index()


# -- the Inbox queue -------------------------------------------------------------------------------
_RANKS = {"urgent": 0, "high": 1, "normal": 2, "low": 3}
RANK_NAMES = {rank: name for name, rank in _RANKS.items()}
OPEN = ("new", "in_review", "escalated")


def priority_rank() -> sa.ColumnElement[int]:
    """0 urgent .. 3 low: the priority a person set, else automatic: inaccuracy candidates and questions
    from sources with wide reach (news, video, government channels, or :data:`WIDE_ENGAGEMENT` replies and
    score) are high, other candidates and questions normal, the rest low."""
    m, t = mentions.c, mention_triage.c
    engagement = sa.func.coalesce(m.replies, 0) + sa.func.coalesce(m.score, 0)
    needs = sa.or_(m.inaccuracy_ids != "", m.is_question.is_(True))
    wide = sa.or_(m.channel.in_(WIDE_CHANNELS), engagement >= WIDE_ENGAGEMENT)
    automatic = sa.case((sa.and_(needs, wide), 1), (needs, 2), else_=3)
    manual = sa.case(*((t.priority == name, rank) for name, rank in _RANKS.items()), else_=None)
    return sa.func.coalesce(manual, automatic)


def inbox_query(clauses: list[sa.ColumnElement[bool]], statuses: tuple[str, ...] = OPEN, assignee: str | None = None,
                everything: bool = False) -> sa.Select[Any]:
    """The queue: matching mentions that need attention (a candidate, a question, a suggested response, or
    already in triage; ``everything`` drops that condition) in ``statuses``, most urgent first."""
    m, t = mentions.c, mention_triage.c
    status = sa.func.coalesce(t.status, "new")
    rank = priority_rank()
    query = (sa.select(mentions, status.label("status"), sa.func.coalesce(t.assignee, "").label("assignee"),
                       sa.func.coalesce(t.priority, "").label("priority"), rank.label("rank"),
                       sa.func.coalesce(t.tags, "").label("tags"), sa.func.coalesce(t.version, 0).label("version"),
                       sa.func.coalesce(t.needs_authorisation, False).label("needs_authorisation"),
                       sa.func.coalesce(t.press_office_informed, False).label("press_office_informed"))
             .outerjoin(mention_triage, t.mention_id == m.mention_id).where(*clauses, status.in_(statuses)))
    if not everything:
        query = query.where(sa.or_(m.inaccuracy_ids != "", m.is_question.is_(True), m.response_kind != "",
                                   t.mention_id.is_not(None)))
    if assignee is not None:
        query = query.where(sa.func.coalesce(t.assignee, "") == assignee)
    engagement = sa.func.coalesce(m.replies, 0) + sa.func.coalesce(m.score, 0)
    return query.order_by(rank, engagement.desc(), m.published_at.desc(), m.mention_id)
