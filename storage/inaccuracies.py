"""Inaccuracy candidates and people's decisions on them: confirm, dismiss, reopen, with an audit trail.

The analysis writes each mention's candidates (flags and suggestions, with their evidence) in the
``inaccuracies`` JSON column; :func:`replace_candidates` keeps one row per (mention, fact or myth)
in ``inaccuracy_candidates`` for SQL figures. A person's decision is appended to
``inaccuracy_reviews`` with who, when, why and the evidence they decided on; nothing here updates
or deletes a review, and re-analysis never touches them. The latest review of a pair is its status.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import sqlalchemy as sa

from mention import read_matches
from storage.schema import inaccuracy_candidates, inaccuracy_reviews, mentions

DECISIONS = ("confirmed", "dismissed", "reopened")
#: Why a candidate was dismissed; "misleading keyword" points at the fact's keywords or exclude list.
DISMISS_REASONS = ("not a claim of fact", "misleading keyword", "wrong fact or period", "value is right",
                   "number misread", "other")
STATUSES = ("open", "possible", "confirmed", "dismissed", "all")
_CANDIDATE_FIELDS = ("kind", "level", "confidence", "keyword", "claimed", "claimed_value", "official_value",
                     "difference")


def replace_candidates(conn: sa.Connection, records: list[dict[str, Any]]) -> None:
    """Rewrite the candidate rows of ``records`` (mention rows with an ``inaccuracies`` cell)."""
    ids = [r["mention_id"] for r in records]
    conn.execute(inaccuracy_candidates.delete().where(inaccuracy_candidates.c.mention_id.in_(ids)))
    rows = []
    for record in records:
        for c in read_matches(record.get("inaccuracies")):
            if c.get("id"):
                rows.append({"mention_id": record["mention_id"], "inaccuracy_id": c["id"],
                             **{k: c.get(k) for k in _CANDIDATE_FIELDS}})
    if rows:
        for row in rows:
            row["keyword"], row["claimed"] = row["keyword"] or "", row["claimed"] or ""
        conn.execute(inaccuracy_candidates.insert(), rows)


def latest_reviews() -> sa.Subquery:
    """The newest review of each (mention, fact or myth)."""
    r = inaccuracy_reviews.c
    newest = (sa.select(sa.func.max(r.id).label("id")).group_by(r.mention_id, r.inaccuracy_id)).subquery()
    return (sa.select(r.mention_id, r.inaccuracy_id, r.decision, r.reason, r.reviewed_by, r.reviewed_at)
            .join(newest, newest.c.id == r.id)).subquery("latest")


def review(engine: sa.Engine, mention_id: str, inaccuracy_id: str, decision: str, by: str, reason: str = "",
           note: str = "", at: dt.datetime | None = None) -> None:
    """Append a decision on one candidate. Raises ValueError for a bad decision, reason or name, and
    KeyError when the mention holds no such candidate."""
    from storage import rollup  # imported here: rollup reads this module's meaning of "open"

    if decision not in DECISIONS:
        raise ValueError(f"unknown decision {decision!r}; expected one of {', '.join(DECISIONS)}")
    if decision == "dismissed" and reason not in DISMISS_REASONS:
        raise ValueError(f"say why it is dismissed: one of {', '.join(DISMISS_REASONS)}")
    if not by.strip():
        raise ValueError("say who is making the decision")
    at = (at or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(tzinfo=None)
    with engine.begin() as conn:
        cell = conn.scalar(sa.select(mentions.c.inaccuracies).where(mentions.c.mention_id == mention_id))
        evidence = next((c for c in read_matches(cell) if c.get("id") == inaccuracy_id), None)
        if evidence is None:
            raise KeyError(f"mention {mention_id!r} has no inaccuracy candidate {inaccuracy_id!r}")
        r = inaccuracy_reviews.c
        previous = conn.scalar(sa.select(r.decision).where(r.mention_id == mention_id,
                                                           r.inaccuracy_id == inaccuracy_id)
                               .order_by(r.id.desc()).limit(1))
        conn.execute(inaccuracy_reviews.insert().values(
            mention_id=mention_id, inaccuracy_id=inaccuracy_id, decision=decision, reason=reason, note=note,
            reviewed_by=by.strip(), reviewed_at=at, previous=previous or "", sentence=evidence.get("sentence") or "",
            claimed=evidence.get("claimed") or "", official=evidence.get("official") or "",
            keyword=evidence.get("keyword") or ""))
        rollup.refresh_mentions(conn, [mention_id])   # its open flags


def history(engine: sa.Engine, mention_id: str | None = None) -> pd.DataFrame:
    """Every review (of one mention, or all), oldest first: the audit trail."""
    r = inaccuracy_reviews.c
    query = sa.select(*[c for c in inaccuracy_reviews.c if c.name != "id"]).order_by(r.id)
    if mention_id is not None:
        query = query.where(r.mention_id == mention_id)
    with engine.connect() as conn:
        rows = conn.execute(query).mappings().all()
    frame = pd.DataFrame(rows, columns=[c.name for c in inaccuracy_reviews.c if c.name != "id"])
    frame["reviewed_at"] = pd.to_datetime(frame["reviewed_at"]).dt.tz_localize("UTC")
    return frame


def status_clause(status: str, latest: sa.Subquery) -> sa.ColumnElement[bool] | None:
    """SQL condition for one of :data:`STATUSES` over candidates outer-joined to ``latest``."""
    undecided = sa.or_(latest.c.decision.is_(None), latest.c.decision == "reopened")
    level = inaccuracy_candidates.c.level
    return {"open": sa.and_(undecided, level == "flag"), "possible": sa.and_(undecided, level == "suggest"),
            "confirmed": latest.c.decision == "confirmed", "dismissed": latest.c.decision == "dismissed",
            "all": None}[status]


def candidates_query(clauses: list[sa.ColumnElement[bool]], status: str) -> sa.Select[Any]:
    """Candidates of the mentions matching ``clauses``, with their status, newest mention first."""
    if status not in STATUSES:
        raise ValueError(f"unknown status {status!r}; expected one of {', '.join(STATUSES)}")
    latest, ic = latest_reviews(), inaccuracy_candidates.c
    query = (sa.select(ic.mention_id, ic.inaccuracy_id, ic.kind, ic.level, ic.confidence,
                       sa.func.coalesce(latest.c.decision, "").label("decision"),
                       sa.func.coalesce(latest.c.reviewed_by, "").label("reviewed_by"),
                       mentions.c.published_at, mentions.c.source, mentions.c.channel, mentions.c.title,
                       mentions.c.url, mentions.c.inaccuracies, mentions.c.suggested_response)
             .join(mentions, mentions.c.mention_id == ic.mention_id)
             .outerjoin(latest, sa.and_(latest.c.mention_id == ic.mention_id,
                                        latest.c.inaccuracy_id == ic.inaccuracy_id))
             .where(*clauses))
    condition = status_clause(status, latest)
    if condition is not None:
        query = query.where(condition)
    return query.order_by(mentions.c.published_at.desc(), ic.mention_id, ic.inaccuracy_id)


def per_fact(engine: sa.Engine, clauses: list[sa.ColumnElement[bool]]) -> pd.DataFrame:
    """Per fact or myth: flags, possible matches, open, confirmed, dismissed, the dismissal rate and the
    keyword most often dismissed, so a misleading keyword shows itself."""
    latest, ic = latest_reviews(), inaccuracy_candidates.c
    decision = latest.c.decision
    counts = (sa.select(ic.inaccuracy_id, ic.kind,
                        sa.func.sum(sa.case((ic.level == "flag", 1), else_=0)).label("flagged"),
                        sa.func.sum(sa.case((ic.level == "suggest", 1), else_=0)).label("possible"),
                        sa.func.sum(sa.case((decision == "confirmed", 1), else_=0)).label("confirmed"),
                        sa.func.sum(sa.case((decision == "dismissed", 1), else_=0)).label("dismissed"))
              .join(mentions, mentions.c.mention_id == ic.mention_id)
              .outerjoin(latest, sa.and_(latest.c.mention_id == ic.mention_id,
                                         latest.c.inaccuracy_id == ic.inaccuracy_id))
              .where(*clauses).group_by(ic.inaccuracy_id, ic.kind))
    keywords = (sa.select(ic.inaccuracy_id, ic.keyword, sa.func.count().label("n"))
                .join(mentions, mentions.c.mention_id == ic.mention_id)
                .join(latest, sa.and_(latest.c.mention_id == ic.mention_id,
                                      latest.c.inaccuracy_id == ic.inaccuracy_id))
                .where(decision == "dismissed", *clauses).group_by(ic.inaccuracy_id, ic.keyword))
    with engine.connect() as conn:
        table = pd.DataFrame(conn.execute(counts).mappings().all(),
                             columns=["inaccuracy_id", "kind", "flagged", "possible", "confirmed", "dismissed"])
        dismissed_keywords = pd.DataFrame(conn.execute(keywords).mappings().all(),
                                          columns=["inaccuracy_id", "keyword", "n"])
    for column in ("flagged", "possible", "confirmed", "dismissed"):
        table[column] = table[column].fillna(0).astype(int)
    decided = table["confirmed"] + table["dismissed"]
    table["dismissal_rate"] = (table["dismissed"] / decided.where(decided > 0)).round(3)
    top = (dismissed_keywords.sort_values(["inaccuracy_id", "n"], ascending=[True, False])
           .drop_duplicates("inaccuracy_id").set_index("inaccuracy_id"))
    table["most_dismissed_keyword"] = table["inaccuracy_id"].map(
        lambda i: f"{top.at[i, 'keyword']} ({top.at[i, 'n']})" if i in top.index else "")
    return table.sort_values(["dismissed", "flagged"], ascending=False, ignore_index=True)


def log(engine: sa.Engine, clauses: list[sa.ColumnElement[bool]]) -> pd.DataFrame:
    """The inaccuracy log: every candidate of the matching mentions, oldest first, with its evidence and
    where it stands (open, possible, confirmed or dismissed: the latest decision, who, when and why)."""
    latest, ic, m = latest_reviews(), inaccuracy_candidates.c, mentions.c
    decision = latest.c.decision
    status = sa.case((decision == "confirmed", "confirmed"), (decision == "dismissed", "dismissed"),
                     (ic.level == "flag", "open"), else_="possible")
    query = (sa.select(m.published_at, m.mention_id, m.source, m.channel, m.url, m.title, ic.inaccuracy_id, ic.kind,
                       ic.level, ic.confidence, ic.keyword, ic.claimed, ic.claimed_value, ic.official_value,
                       ic.difference, status.label("status"), sa.func.coalesce(latest.c.reason, "").label("reason"),
                       sa.func.coalesce(latest.c.reviewed_by, "").label("reviewed_by"), latest.c.reviewed_at)
             .join(mentions, m.mention_id == ic.mention_id)
             .outerjoin(latest, sa.and_(latest.c.mention_id == ic.mention_id,
                                        latest.c.inaccuracy_id == ic.inaccuracy_id))
             .where(*clauses).order_by(m.published_at, ic.mention_id, ic.inaccuracy_id))
    with engine.connect() as conn:
        frame = pd.DataFrame(conn.execute(query).mappings().all(), columns=list(query.selected_columns.keys()))
    for column in ("published_at", "reviewed_at"):
        frame[column] = pd.to_datetime(frame[column]).dt.tz_localize("UTC")
    return frame
