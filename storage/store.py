"""The store: writing mentions and source health. The only code (with storage.queries) that speaks SQL.

Upserts are keyed by ``mention_id``: collecting the same item again updates what may change
(engagement, analysis, an edited body) and never adds a row. Each call runs in one transaction,
so a failure loses nothing already stored.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import sqlalchemy as sa

from mention import ALL_COLUMNS, SENTIMENT_LABELS, coerce, read_matches, validate
from storage import rollup, triage
from storage.inaccuracies import history, replace_candidates, review
from storage.schema import (
    create_engine, mention_sources, mention_tags, mentions, migrate, resolve_url, sentiment_corrections, source_health,
)

_CHUNK = 500
_RETAGGED = ("topics", "voices", "matches", "response_kind", "suggested_response", "response_reason")
_FETCH_STATE = {"error_kind", "next_poll_at", "etag", "last_modified", "body_hash", "moved_to", "note",
                "usual_gap_minutes"}
_UPDATABLE = ("title", "text", "author", "replies", "score", "topics", "voices", "matches", "sentiment",
              "sentiment_label", "is_question", "question_kind", "inaccuracy_ids", "inaccuracy_detail", "inaccuracies",
              "response_kind", "suggested_response", "response_reason")


@dataclass(frozen=True)
class UpsertResult:
    inserted: int
    updated: int


class Store:
    """A Listening Post database. Create with :meth:`open`; tables are created if missing."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine
        migrate(engine)

    @classmethod
    def open(cls, url: str, base_dir: Path | None = None) -> "Store":
        return cls(create_engine(resolve_url(url, base_dir or Path.cwd())))

    def close(self) -> None:
        self.engine.dispose()

    # -- mentions ---------------------------------------------------------------------------
    def upsert_mentions(self, frame: pd.DataFrame) -> UpsertResult:
        """Insert new mentions and refresh stored ones; returns how many of each."""
        validate(frame, "store.upsert_mentions", ALL_COLUMNS)
        if frame.empty:
            return UpsertResult(0, 0)
        records = [_to_db(r) for r in frame[list(ALL_COLUMNS)].to_dict("records")]
        inserted = updated = 0
        with self.engine.begin() as conn:
            for chunk in _chunks(records, _CHUNK):
                ids = [r["mention_id"] for r in chunk]
                existing = set(conn.scalars(sa.select(mentions.c.mention_id).where(mentions.c.mention_id.in_(ids))))
                new = [r for r in chunk if r["mention_id"] not in existing]
                old = [r for r in chunk if r["mention_id"] in existing]
                if new:
                    conn.execute(mentions.insert(), new)
                if old:
                    conn.execute(
                        mentions.update().where(mentions.c.mention_id == sa.bindparam("b_id")),
                        [{"b_id": r["mention_id"], **{k: r[k] for k in _UPDATABLE}} for r in old],
                    )
                self._replace_tags(conn, chunk)
                replace_candidates(conn, chunk)
                self._add_sources(conn, chunk, ids)
                inserted += len(new)
                updated += len(old)
            rollup.refresh_mentions(conn, [r["mention_id"] for r in records])
        return UpsertResult(inserted, updated)

    def split_known(self, frame: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
        """(rows that are new or whose title/text changed, rows already stored unchanged).

        Unchanged rows need no analysis again: :meth:`refresh_known` updates their engagement.
        """
        if frame.empty:
            return frame, frame.iloc[0:0]
        stored: dict[str, tuple[str, str]] = {}
        with self.engine.connect() as conn:
            for start in range(0, len(frame), _CHUNK):
                ids = frame["mention_id"].iloc[start:start + _CHUNK].tolist()
                query = sa.select(mentions.c.mention_id, mentions.c.title, mentions.c.text).where(
                    mentions.c.mention_id.in_(ids))
                stored.update({m: (t or "", x or "") for m, t, x in conn.execute(query)})
        same = pd.Series([stored.get(m) == (t or "", x or "") for m, t, x in
                          zip(frame["mention_id"], frame["title"].fillna(""), frame["text"].fillna(""))],
                         index=frame.index, dtype=bool)
        return frame[~same], frame[same]

    def refresh_known(self, frame: pd.DataFrame) -> int:
        """Update engagement of already-stored, unchanged mentions and record their source; returns the count.

        Nothing the daily rollup holds changes (engagement and the other sources are not in it)."""
        if frame.empty:
            return 0
        records = [_to_db(r) for r in frame[["mention_id", "source", "replies", "score", "collected_at",
                                             "published_at"]].to_dict("records")]
        with self.engine.begin() as conn:
            for chunk in _chunks(records, _CHUNK):
                conn.execute(mentions.update().where(mentions.c.mention_id == sa.bindparam("b_id")),
                             [{"b_id": r["mention_id"], "replies": r["replies"], "score": r["score"]} for r in chunk])
                self._add_sources(conn, chunk, [r["mention_id"] for r in chunk])
        return len(records)

    def retag(self, frame: pd.DataFrame) -> int:
        """Store new tags (topics, voices, matches) and the responses that depend on them; returns the count.

        Only those columns and the tag rows change: collected data, sentiment, claims and any
        person's correction stay as they are."""
        if frame.empty:
            return 0
        records = [_to_db(r) for r in frame[["mention_id", *_RETAGGED]].to_dict("records")]
        with self.engine.begin() as conn:
            for chunk in _chunks(records, _CHUNK):
                conn.execute(mentions.update().where(mentions.c.mention_id == sa.bindparam("b_id")),
                             [{"b_id": r["mention_id"], **{k: r[k] for k in _RETAGGED}} for r in chunk])
                self._replace_tags(conn, chunk)
            rollup.refresh_mentions(conn, [r["mention_id"] for r in records])
        return len(records)

    @staticmethod
    def _replace_tags(conn: sa.Connection, records: list[dict[str, Any]]) -> None:
        ids = [r["mention_id"] for r in records]
        conn.execute(mention_tags.delete().where(mention_tags.c.mention_id.in_(ids)))
        tags = []
        for record in records:
            toward = {(t.get("kind"), t.get("name")): t.get("sentiment") for t in read_matches(record.get("matches"))}
            for kind, column in (("topic", "topics"), ("voice", "voices")):
                for name in dict.fromkeys(n for n in (record[column] or "").split(";") if n):
                    tags.append({"mention_id": record["mention_id"], "kind": kind, "name": name,
                                 "sentiment": toward.get((kind, name))})
        if tags:
            conn.execute(mention_tags.insert(), tags)

    # -- sentiment corrections ---------------------------------------------------------------
    def correct_sentiment(self, mention_id: str, label: str | None, by: str, note: str = "",
                          at: dt.datetime | None = None) -> None:
        """Record a person's sentiment label for a mention (None withdraws the correction).

        The correction is kept apart from the model's label, so re-analysis never undoes it, and
        every correction is appended to ``sentiment_corrections`` with who, when and what it replaced."""
        if label is not None and label not in SENTIMENT_LABELS:
            raise ValueError(f"unknown sentiment {label!r}; expected one of {', '.join(SENTIMENT_LABELS)}")
        if not by.strip():
            raise ValueError("say who is making the correction")
        at = at or dt.datetime.now(dt.UTC)
        with self.engine.begin() as conn:
            row = conn.execute(sa.select(mentions.c.sentiment_label, mentions.c.sentiment_corrected)
                               .where(mentions.c.mention_id == mention_id)).one_or_none()
            if row is None:
                raise KeyError(f"no stored mention with id {mention_id!r}")
            conn.execute(sentiment_corrections.insert().values(
                mention_id=mention_id, label=label, previous=row.sentiment_corrected or row.sentiment_label or "",
                corrected_by=by.strip(), corrected_at=naive(at), note=note))
            conn.execute(mentions.update().where(mentions.c.mention_id == mention_id)
                         .values(sentiment_corrected=label))
            rollup.refresh_mentions(conn, [mention_id])

    def sentiment_history(self, mention_id: str) -> pd.DataFrame:
        """Every correction of one mention's sentiment, oldest first."""
        sc = sentiment_corrections.c
        query = (sa.select(sc.label, sc.previous, sc.corrected_by, sc.corrected_at, sc.note)
                 .where(sc.mention_id == mention_id).order_by(sc.id))
        with self.engine.connect() as conn:
            return pd.DataFrame(conn.execute(query).mappings().all(),
                                columns=["label", "previous", "corrected_by", "corrected_at", "note"])

    # -- inaccuracy decisions ------------------------------------------------------------------
    def review_inaccuracy(self, mention_id: str, inaccuracy_id: str, decision: str, by: str, reason: str = "",
                          note: str = "", at: dt.datetime | None = None) -> None:
        """Confirm, dismiss (with a reason) or reopen one candidate; appended to the audit trail."""
        review(self.engine, mention_id, inaccuracy_id, decision, by, reason, note, at)

    def inaccuracy_history(self, mention_id: str | None = None) -> pd.DataFrame:
        """Every decision on inaccuracy candidates (of one mention, or all), oldest first."""
        return history(self.engine, mention_id)

    # -- triage ---------------------------------------------------------------------------------
    def triage_state(self, mention_id: str) -> triage.TriageState:
        return triage.get(self.engine, mention_id)

    def update_triage(self, mention_id: str, version: int, by: str, *, note: str = "",
                      at: dt.datetime | None = None, **changes: Any) -> triage.TriageState:
        """Change a mention's triage (see :func:`storage.triage.update`); raises StaleEdit on a stale version."""
        return triage.update(self.engine, mention_id, version, by, note=note, at=at, **changes)

    def record_response(self, mention_id: str, version: int, by: str, text: str, kind: str,
                        **details: Any) -> triage.TriageState:
        """Record a response given by hand (see :func:`storage.triage.respond`)."""
        return triage.respond(self.engine, mention_id, version, by, text, kind, **details)

    def triage_audit(self, mention_id: str | None = None) -> pd.DataFrame:
        return triage.audit(self.engine, mention_id)

    @staticmethod
    def _add_sources(conn: sa.Connection, records: list[dict[str, Any]], ids: list[str]) -> None:
        """Remember every source an item came from (the first stays in mentions.source)."""
        query = sa.select(mention_sources.c.mention_id, mention_sources.c.source).where(
            mention_sources.c.mention_id.in_(ids))
        known = {tuple(row) for row in conn.execute(query)}
        fresh = [{"mention_id": r["mention_id"], "source": r["source"], "first_seen_at": r["collected_at"],
                  "published_at": r["published_at"]}
                 for r in records if (r["mention_id"], r["source"]) not in known]
        if fresh:
            conn.execute(mention_sources.insert(), fresh)

    def iter_mentions(self, batch_size: int = 5000) -> Iterator[pd.DataFrame]:
        """Every stored mention, in batches, for re-analysis without loading the whole store."""
        last = ""
        while True:
            query = (sa.select(mentions).where(mentions.c.mention_id > last)
                     .order_by(mentions.c.mention_id).limit(batch_size))
            with self.engine.connect() as conn:
                frame = frame_from_rows(conn.execute(query).mappings().all())
            if frame.empty:
                return
            yield frame
            last = str(frame["mention_id"].iloc[-1])

    def count_mentions(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.scalar(sa.select(sa.func.count()).select_from(mentions)) or 0)

    # -- source health ------------------------------------------------------------------------
    def record_health(self, source: str, location: str, kind: str, channel: str, attempted_at: dt.datetime,
                      error: str | None, items: int, new: int, previous: dict[str, Any] | None = None,
                      **fetch_state: Any) -> None:
        """Record one attempt at a source: success resets failures, failure keeps the last good times.

        ``fetch_state`` may set the scheduling columns: error_kind, next_poll_at, etag, last_modified,
        body_hash, moved_to, note, usual_gap_minutes. ``previous`` is the row as read at the start of
        the run (:meth:`fetch_states`), which saves a read per source.
        """
        self.record_health_many([health_row(source, location, kind, channel, attempted_at, error, items, new,
                                            previous if previous is not None else self.fetch_state(source),
                                            **fetch_state)])

    def record_health_many(self, rows: list[dict[str, Any]]) -> None:
        """Write many :func:`health_row` results in one transaction (two statements, whatever the count)."""
        if not rows:
            return
        with self.engine.begin() as conn:
            names = [r["source"] for r in rows]
            existing = set(conn.scalars(sa.select(source_health.c.source).where(source_health.c.source.in_(names))))
            updates = [{**{k: v for k, v in r.items() if k != "source"}, "b_source": r["source"]}
                       for r in rows if r["source"] in existing]
            inserts = [r for r in rows if r["source"] not in existing]
            if updates:
                conn.execute(source_health.update().where(source_health.c.source == sa.bindparam("b_source")), updates)
            if inserts:
                conn.execute(source_health.insert(), inserts)

    def fetch_state(self, source: str) -> dict[str, Any]:
        """What the last attempt left for the next one: validators, body hash, moved address, failures."""
        return self.fetch_states([source]).get(source, {})

    def fetch_states(self, sources: list[str]) -> dict[str, dict[str, Any]]:
        """:meth:`fetch_state` for many sources in one read."""
        out: dict[str, dict[str, Any]] = {}
        with self.engine.connect() as conn:
            for start in range(0, len(sources), _CHUNK):
                query = sa.select(source_health).where(source_health.c.source.in_(sources[start:start + _CHUNK]))
                out.update({row["source"]: dict(row) for row in conn.execute(query).mappings()})
        return out

    def load_health(self) -> pd.DataFrame:
        with self.engine.connect() as conn:
            frame = pd.DataFrame(conn.execute(sa.select(source_health).order_by(source_health.c.source)).mappings().all(),
                                 columns=[c.name for c in source_health.columns])
        for column in ("last_attempt_at", "last_success_at", "last_new_item_at", "next_poll_at"):
            frame[column] = pd.to_datetime(frame[column], utc=True).astype("datetime64[us, UTC]")
        return frame


def health_row(source: str, location: str, kind: str, channel: str, attempted_at: dt.datetime, error: str | None,
               items: int, new: int, previous: dict[str, Any] | None, **fetch_state: Any) -> dict[str, Any]:
    """The whole source_health row after one attempt, built from the row before it."""
    unknown = set(fetch_state) - _FETCH_STATE
    if unknown:
        raise TypeError(f"unknown source_health column(s): {', '.join(sorted(unknown))}")
    when = naive(attempted_at)
    row: dict[str, Any] = {c.name: None for c in source_health.columns}
    row.update({k: v for k, v in (previous or {}).items() if k in row})
    row.update(source=source, location=location, kind=kind, channel=channel, last_attempt_at=when,
               items_last_run=items, new_last_run=new)
    row.update({k: naive(v) if k.endswith("_at") else v for k, v in fetch_state.items()})
    if error is None:
        row.update(last_success_at=when, consecutive_failures=0, last_error=None, error_kind=None)
        if new:
            row["last_new_item_at"] = when
    else:
        row.update(consecutive_failures=(row["consecutive_failures"] or 0) + 1, last_error=error)
    row["consecutive_failures"] = row["consecutive_failures"] or 0
    return {k: naive(v) if k.endswith("_at") else v for k, v in row.items()}


def naive(value: Any) -> Any:
    """A time as the store keeps it: UTC without a zone (None stays None)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    stamp = pd.Timestamp(value)
    stamp = stamp.tz_convert("UTC") if stamp.tzinfo else stamp
    return stamp.tz_localize(None).to_pydatetime()


def _to_db(record: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in record.items():
        if key.endswith("_at"):
            out[key] = naive(value)
        elif value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
            out[key] = "" if ALL_COLUMNS[key] == "string" and key not in ("author", "title", "text") else None
        elif ALL_COLUMNS[key] == "Int64":
            out[key] = int(value)
        elif ALL_COLUMNS[key] == "bool":
            out[key] = bool(value)
        else:
            out[key] = value
    return out


def read_frame(store: Store, query: sa.Select[Any], times: tuple[str, ...] = ()) -> pd.DataFrame:
    """The rows of ``query`` as a frame with its column names; columns ending ``_at`` (and ``times``) as UTC."""
    with store.engine.connect() as conn:
        frame = pd.DataFrame(conn.execute(query).mappings().all(), columns=list(query.selected_columns.keys()))
    for column in frame.columns:
        if column.endswith("_at") or column in times:
            frame[column] = pd.to_datetime(frame[column]).dt.tz_localize("UTC").astype("datetime64[us, UTC]")
    return frame


def frame_from_rows(rows: list[Any]) -> pd.DataFrame:
    """A mention frame (schema dtypes) from fetched rows (mappings) of the mentions table."""
    frame = pd.DataFrame(rows)
    if frame.empty:
        frame = pd.DataFrame(columns=list(ALL_COLUMNS))
    return coerce(frame, ALL_COLUMNS)


def _chunks(items: list[dict[str, Any]], size: int) -> Iterable[list[dict[str, Any]]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]
