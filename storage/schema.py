"""Database tables (SQLAlchemy Core) and engine creation: SQLite by default, any SQLAlchemy URL.

SQLite runs in WAL mode with a busy timeout so the collector can write while the dashboard reads.
Timestamps are stored as naive UTC and handed back as ``datetime64[us, UTC]``.
"""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import make_url

metadata = sa.MetaData()

mentions = sa.Table(
    "mentions", metadata,
    sa.Column("mention_id", sa.String(64), primary_key=True),
    sa.Column("source", sa.String(200), nullable=False, index=True),
    sa.Column("channel", sa.String(20), nullable=False, index=True),
    sa.Column("url", sa.Text, nullable=False),
    sa.Column("title", sa.Text),
    sa.Column("text", sa.Text),
    sa.Column("author", sa.String(300)),
    sa.Column("published_at", sa.DateTime, nullable=False, index=True),
    sa.Column("collected_at", sa.DateTime, nullable=False),
    sa.Column("replies", sa.Integer),
    sa.Column("score", sa.Integer),
    sa.Column("topics", sa.Text, nullable=False, server_default=""),
    sa.Column("voices", sa.Text, nullable=False, server_default=""),
    sa.Column("matches", sa.Text, nullable=False, server_default=""),   # JSON: each tag's spans and sentiment
    sa.Column("sentiment", sa.Float),
    sa.Column("sentiment_label", sa.String(10), index=True),
    sa.Column("is_question", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("question_kind", sa.String(20), nullable=False, server_default=""),
    sa.Column("inaccuracy_ids", sa.Text, nullable=False, server_default=""),
    sa.Column("inaccuracy_detail", sa.Text, nullable=False, server_default=""),
    sa.Column("inaccuracies", sa.Text, nullable=False, server_default=""),   # JSON: each candidate's evidence
    sa.Column("response_kind", sa.String(20), nullable=False, server_default=""),
    sa.Column("suggested_response", sa.Text, nullable=False, server_default=""),
    # A person's correction of sentiment_label (NULL: none). Analysis never writes it; charts,
    # filters and exports read COALESCE(sentiment_corrected, sentiment_label).
    sa.Column("sentiment_corrected", sa.String(10)),
)

#: One row per (mention, topic or voice): filters and per-topic aggregates run on it in SQL.
mention_tags = sa.Table(
    "mention_tags", metadata,
    sa.Column("mention_id", sa.String(64), sa.ForeignKey("mentions.mention_id", ondelete="CASCADE"),
              primary_key=True),
    sa.Column("kind", sa.String(10), primary_key=True),   # topic | voice
    sa.Column("name", sa.String(200), primary_key=True),
    sa.Column("sentiment", sa.Float),                     # toward this topic or voice (its sentences)
    sa.Index("ix_mention_tags_kind_name", "kind", "name"),
)

#: Every sentiment correction, appended, never changed: who said what, when, and what it replaced.
sentiment_corrections = sa.Table(
    "sentiment_corrections", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("mention_id", sa.String(64), sa.ForeignKey("mentions.mention_id", ondelete="CASCADE"),
              nullable=False, index=True),
    sa.Column("label", sa.String(10)),                      # NULL: the correction was withdrawn
    sa.Column("previous", sa.String(10), nullable=False),   # the label shown before this correction
    sa.Column("corrected_by", sa.String(200), nullable=False),
    sa.Column("corrected_at", sa.DateTime, nullable=False),
    sa.Column("note", sa.Text, nullable=False, server_default=""),
)

#: One row per (mention, fact or myth) the analysis found: flags and suggestions, for per-fact figures.
inaccuracy_candidates = sa.Table(
    "inaccuracy_candidates", metadata,
    sa.Column("mention_id", sa.String(64), sa.ForeignKey("mentions.mention_id", ondelete="CASCADE"),
              primary_key=True),
    sa.Column("inaccuracy_id", sa.String(100), primary_key=True),
    sa.Column("kind", sa.String(10), nullable=False),      # fact | myth
    sa.Column("level", sa.String(10), nullable=False),     # flag | suggest
    sa.Column("confidence", sa.Float, nullable=False),
    sa.Column("keyword", sa.Text, nullable=False, server_default=""),
    sa.Column("claimed", sa.Text, nullable=False, server_default=""),
    sa.Column("claimed_value", sa.Float),
    sa.Column("official_value", sa.Float),
    sa.Column("difference", sa.Float),
    sa.Index("ix_inaccuracy_candidates_id", "inaccuracy_id"),
)

#: Every confirm, dismiss or reopen of a candidate, appended, never changed, with the evidence decided on.
#: The latest row for a (mention, fact or myth) is its current decision; re-analysis never removes one.
inaccuracy_reviews = sa.Table(
    "inaccuracy_reviews", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("mention_id", sa.String(64), sa.ForeignKey("mentions.mention_id", ondelete="CASCADE"),
              nullable=False, index=True),
    sa.Column("inaccuracy_id", sa.String(100), nullable=False, index=True),
    sa.Column("decision", sa.String(10), nullable=False),   # confirmed | dismissed | reopened
    sa.Column("reason", sa.String(40), nullable=False, server_default=""),
    sa.Column("note", sa.Text, nullable=False, server_default=""),
    sa.Column("reviewed_by", sa.String(200), nullable=False),
    sa.Column("reviewed_at", sa.DateTime, nullable=False),
    sa.Column("previous", sa.String(10), nullable=False, server_default=""),
    sa.Column("sentence", sa.Text, nullable=False, server_default=""),
    sa.Column("claimed", sa.Text, nullable=False, server_default=""),
    sa.Column("official", sa.Text, nullable=False, server_default=""),
    sa.Column("keyword", sa.Text, nullable=False, server_default=""),
)

source_health = sa.Table(
    "source_health", metadata,
    sa.Column("source", sa.String(200), primary_key=True),
    sa.Column("location", sa.Text, nullable=False),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("channel", sa.String(20), nullable=False),
    sa.Column("last_attempt_at", sa.DateTime),
    sa.Column("last_success_at", sa.DateTime),
    sa.Column("last_new_item_at", sa.DateTime),
    sa.Column("consecutive_failures", sa.Integer, nullable=False, server_default="0"),
    sa.Column("last_error", sa.Text),
    sa.Column("items_last_run", sa.Integer, nullable=False, server_default="0"),
    sa.Column("new_last_run", sa.Integer, nullable=False, server_default="0"),
    # scheduling and conditional GET
    sa.Column("error_kind", sa.String(10)),                 # temporary | hard | soft
    sa.Column("next_poll_at", sa.DateTime),
    sa.Column("etag", sa.Text),
    sa.Column("last_modified", sa.Text),
    sa.Column("body_hash", sa.String(64)),
    sa.Column("moved_to", sa.Text),                         # new address after a permanent redirect
    sa.Column("note", sa.Text),                             # plain-words notice, e.g. "moved permanently to ..."
    sa.Column("usual_gap_minutes", sa.Float),               # median gap between items, refreshed when items arrive
)

#: Every source an item came from (a syndicated story carried by three feeds has three rows).
mention_sources = sa.Table(
    "mention_sources", metadata,
    sa.Column("mention_id", sa.String(64), sa.ForeignKey("mentions.mention_id", ondelete="CASCADE"),
              primary_key=True),
    sa.Column("source", sa.String(200), primary_key=True),
    sa.Column("first_seen_at", sa.DateTime, nullable=False),
    sa.Column("published_at", sa.DateTime, nullable=False),
    sa.Index("ix_mention_sources_source_published", "source", "published_at"),
)


def migrate(engine: sa.Engine) -> None:
    """Create missing tables, and add columns that newer versions declare to existing tables.

    Only additive changes are made (new nullable or defaulted columns), so data is never lost.
    """
    metadata.create_all(engine)
    inspector = sa.inspect(engine)
    with engine.begin() as conn:
        for table in metadata.sorted_tables:
            present = {c["name"] for c in inspector.get_columns(table.name)}
            for column in table.columns:
                if column.name not in present:
                    kind = column.type.compile(dialect=engine.dialect)
                    default = ""
                    if column.server_default is not None:
                        arg = column.server_default.arg
                        literal = f"'{arg}'" if isinstance(arg, str) else str(arg.compile(dialect=engine.dialect))
                        default = f" DEFAULT {literal}"
                    conn.exec_driver_sql(f'ALTER TABLE {table.name} ADD COLUMN "{column.name}" {kind}{default}')


def resolve_url(url: str, base_dir: Path) -> str:
    """Make a relative SQLite path absolute under ``base_dir`` (other URLs are returned unchanged)."""
    parsed = make_url(url)
    if parsed.drivername.startswith("sqlite") and parsed.database not in (None, "", ":memory:"):
        path = Path(parsed.database)
        if not path.is_absolute():
            path = base_dir / path
        path.parent.mkdir(parents=True, exist_ok=True)
        return parsed.set(database=str(path)).render_as_string(hide_password=False)
    return url


def create_engine(url: str) -> sa.Engine:
    """An engine for ``url``; SQLite gets WAL, a busy timeout and enforced foreign keys."""
    engine = sa.create_engine(url, future=True)
    if engine.dialect.name == "sqlite":
        @sa.event.listens_for(engine, "connect")
        def _pragmas(dbapi_connection, _record):  # type: ignore[no-untyped-def]
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA busy_timeout=10000")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.close()
    return engine
