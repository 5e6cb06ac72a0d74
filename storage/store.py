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

from mention import ALL_COLUMNS, coerce, validate
from storage.schema import create_engine, mention_sources, mention_tags, mentions, migrate, resolve_url, source_health

_CHUNK = 500
_FETCH_STATE = {"error_kind", "next_poll_at", "etag", "last_modified", "body_hash", "moved_to", "note"}
_UPDATABLE = ("title", "text", "author", "replies", "score", "topics", "voices", "sentiment", "sentiment_label",
              "is_question", "inaccuracy_ids", "inaccuracy_detail", "response_kind", "suggested_response")


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
                self._add_sources(conn, chunk, ids)
                inserted += len(new)
                updated += len(old)
        return UpsertResult(inserted, updated)

    @staticmethod
    def _replace_tags(conn: sa.Connection, records: list[dict[str, Any]]) -> None:
        ids = [r["mention_id"] for r in records]
        conn.execute(mention_tags.delete().where(mention_tags.c.mention_id.in_(ids)))
        tags = [{"mention_id": r["mention_id"], "kind": kind, "name": name}
                for r in records for kind, column in (("topic", "topics"), ("voice", "voices"))
                for name in dict.fromkeys(n for n in (r[column] or "").split(";") if n)]
        if tags:
            conn.execute(mention_tags.insert(), tags)

    @staticmethod
    def _add_sources(conn: sa.Connection, records: list[dict[str, Any]], ids: list[str]) -> None:
        """Remember every source an item came from (the first stays in mentions.source)."""
        known = set(tuple(row) for row in conn.execute(sa.select(mention_sources.c.mention_id, mention_sources.c.source)
                                 .where(mention_sources.c.mention_id.in_(ids))).all())
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
                      error: str | None, items: int, new: int, **fetch_state: Any) -> None:
        """Record one attempt at a source: success resets failures, failure keeps the last good times.

        ``fetch_state`` may set the scheduling columns: error_kind, next_poll_at, etag, last_modified,
        body_hash, moved_to, note.
        """
        unknown = set(fetch_state) - _FETCH_STATE
        if unknown:
            raise TypeError(f"unknown source_health column(s): {', '.join(sorted(unknown))}")
        when = _naive(attempted_at)
        with self.engine.begin() as conn:
            row = conn.execute(sa.select(source_health).where(source_health.c.source == source)).mappings().first()
            values: dict[str, Any] = {"location": location, "kind": kind, "channel": channel,
                                      "last_attempt_at": when, "items_last_run": items, "new_last_run": new}
            values.update({k: _naive(v) if k.endswith("_at") else v for k, v in fetch_state.items()})
            if error is None:
                values.update(last_success_at=when, consecutive_failures=0, last_error=None, error_kind=None)
                if new:
                    values["last_new_item_at"] = when
            else:
                values.update(consecutive_failures=(row["consecutive_failures"] if row else 0) + 1, last_error=error)
            if row is None:
                conn.execute(source_health.insert().values(source=source, **values))
            else:
                conn.execute(source_health.update().where(source_health.c.source == source).values(**values))

    def fetch_state(self, source: str) -> dict[str, Any]:
        """What the last attempt left for the next one: validators, body hash, moved address, failures."""
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(source_health).where(source_health.c.source == source)).mappings().first()
        return dict(row) if row else {}

    def load_health(self) -> pd.DataFrame:
        with self.engine.connect() as conn:
            frame = pd.DataFrame(conn.execute(sa.select(source_health).order_by(source_health.c.source)).mappings().all(),
                                 columns=[c.name for c in source_health.columns])
        for column in ("last_attempt_at", "last_success_at", "last_new_item_at", "next_poll_at"):
            frame[column] = pd.to_datetime(frame[column], utc=True).astype("datetime64[us, UTC]")
        return frame


def _naive(value: Any) -> Any:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    stamp = pd.Timestamp(value)
    stamp = stamp.tz_convert("UTC") if stamp.tzinfo else stamp
    return stamp.tz_localize(None).to_pydatetime()


def _to_db(record: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in record.items():
        if key.endswith("_at"):
            out[key] = _naive(value)
        elif value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
            out[key] = "" if ALL_COLUMNS[key] == "string" and key not in ("author", "title", "text") else None
        elif ALL_COLUMNS[key] == "Int64":
            out[key] = int(value)
        elif ALL_COLUMNS[key] == "bool":
            out[key] = bool(value)
        else:
            out[key] = value
    return out


def frame_from_rows(rows: list[Any]) -> pd.DataFrame:
    """A mention frame (schema dtypes) from fetched rows (mappings) of the mentions table."""
    frame = pd.DataFrame(rows)
    if frame.empty:
        frame = pd.DataFrame(columns=list(ALL_COLUMNS))
    return coerce(frame, ALL_COLUMNS)


def _chunks(items: list[dict[str, Any]], size: int) -> Iterable[list[dict[str, Any]]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]
