"""Database tables (SQLAlchemy Core) and engine creation: SQLite by default, any SQLAlchemy URL.

SQLite runs in WAL mode with a busy timeout so the collector can write while the dashboard reads.
Timestamps are stored as naive UTC and handed back as ``datetime64[us, UTC]``.

Indexes are chosen for the dashboard's reads at a million mentions (bench/queries.py prints each
query's time and plan): the figures for a date range read one covering index instead of the wide
rows, and a topic or voice filter reads its mention ids from one. :func:`migrate` adds indexes
that an existing database lacks, and on SQLite keeps the query planner's statistics current.
"""

from __future__ import annotations

import time
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
    sa.Column("response_reason", sa.Text, nullable=False, server_default=""),   # why this kind (or why not engage)
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
    # a topic or voice filter's mention ids (and their sentiment toward it) without reading the table
    sa.Index("ix_mention_tags_name_cover", "kind", "name", "mention_id", "sentiment"),
)

#: Every column the aggregates of a date range read, after the date: the Overview's and the Voices
#: page's figures scan this index (118 MB at 1M mentions, a sixth of the table) instead of the rows
#: with their texts and JSON; mention_id last, to join the tags without a lookup (4x faster at 1M).
sa.Index("ix_mentions_day_cover", mentions.c.published_at, mentions.c.channel, mentions.c.source,
         mentions.c.sentiment_label, mentions.c.sentiment_corrected, mentions.c.sentiment, mentions.c.is_question,
         mentions.c.inaccuracy_ids, mentions.c.response_kind, mentions.c.replies, mentions.c.score,
         mentions.c.author, mentions.c.mention_id)
#: Stored mentions and the newest per source (the Sources page) from the index alone.
sa.Index("ix_mentions_source_published", mentions.c.source, mentions.c.published_at)
#: Questions waiting (the Overview) and the question flag: about a tenth of the rows. The condition is
#: written as the queries write it (``is_question IS 1`` on SQLite), or SQLite would not use it.
sa.Index("ix_mentions_question", mentions.c.published_at, sqlite_where=mentions.c.is_question.is_(True),
         postgresql_where=mentions.c.is_question.is_(True))

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

#: Where each mention stands in the press office's triage. No row: status "new", version 0. ``version``
#: grows with every change, so an edit made on a stale copy is refused instead of overwriting another's.
mention_triage = sa.Table(
    "mention_triage", metadata,
    sa.Column("mention_id", sa.String(64), sa.ForeignKey("mentions.mention_id"), primary_key=True),
    sa.Column("status", sa.String(20), nullable=False, server_default="new", index=True),
    sa.Column("assignee", sa.String(200), nullable=False, server_default=""),
    sa.Column("priority", sa.String(10), nullable=False, server_default=""),   # "" = automatic
    sa.Column("tags", sa.Text, nullable=False, server_default=""),             # ";"-joined
    sa.Column("needs_authorisation", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("press_office_informed", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("version", sa.Integer, nullable=False, server_default="0"),
    sa.Column("updated_by", sa.String(200), nullable=False, server_default=""),
    sa.Column("updated_at", sa.DateTime),
    sa.Column("first_action_at", sa.DateTime),
    sa.Column("first_action_by", sa.String(200), nullable=False, server_default=""),
    sa.Column("responded_at", sa.DateTime),
    sa.Column("responded_by", sa.String(200), nullable=False, server_default=""),
)

#: Every triage action, appended: who, when, what, before and after. Never updated or deleted (the
#: database refuses it: see :func:`append_only`), and mentions are never deleted.
triage_audit = sa.Table(
    "triage_audit", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("mention_id", sa.String(64), sa.ForeignKey("mentions.mention_id"), nullable=False, index=True),
    sa.Column("action", sa.String(30), nullable=False),     # status | assignee | priority | tags | note | ...
    sa.Column("before", sa.Text, nullable=False, server_default=""),
    sa.Column("after", sa.Text, nullable=False, server_default=""),
    sa.Column("acted_by", sa.String(200), nullable=False),
    sa.Column("acted_at", sa.DateTime, nullable=False, index=True),
)

#: Every response a person recorded as given (the text they copied out), appended, never changed.
response_log = sa.Table(
    "response_log", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("mention_id", sa.String(64), sa.ForeignKey("mentions.mention_id"), nullable=False, index=True),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("suggested", sa.Text, nullable=False, server_default=""),   # the draft it started from
    sa.Column("checks_failed", sa.Text, nullable=False, server_default=""),
    sa.Column("authorised_by", sa.String(200), nullable=False, server_default=""),
    sa.Column("responded_by", sa.String(200), nullable=False),
    sa.Column("responded_at", sa.DateTime, nullable=False, index=True),
)

APPEND_ONLY = ("triage_audit", "response_log", "inaccuracy_reviews", "sentiment_corrections", "alert_deliveries")

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


#: The daily figures the Overview and the Voices page read, kept by storage.rollup (which says what a row
#: holds) on every write: one row per (day, the dimensions the filters look at[, tag, sentiment toward it]).
daily_rollup = sa.Table(
    "daily_rollup", metadata,
    sa.Column("day", sa.Date, nullable=False),
    sa.Column("source", sa.String(200), nullable=False),
    sa.Column("channel", sa.String(20), nullable=False),
    sa.Column("label", sa.String(10)),                      # the sentiment label shown (a correction wins)
    sa.Column("topics", sa.Text, nullable=False),           # the mention's topic set, ";"-joined
    sa.Column("voices", sa.Text, nullable=False),
    sa.Column("is_question", sa.Boolean, nullable=False),
    sa.Column("has_inaccuracy", sa.Boolean, nullable=False),
    sa.Column("response_kind", sa.String(20), nullable=False),
    sa.Column("status", sa.String(20), nullable=False),     # triage status ("new" without a triage row)
    sa.Column("tag_kind", sa.String(10), nullable=False),   # '' (the mentions) | topic | voice
    sa.Column("tag_name", sa.String(200), nullable=False),
    sa.Column("toward", sa.String(10)),                     # label of the sentiment toward the tag
    sa.Column("mentions", sa.Integer, nullable=False),
    sa.Column("sentiment_sum", sa.Float),
    sa.Column("sentiment_n", sa.Integer, nullable=False),
    sa.Column("toward_sum", sa.Float),
    sa.Column("toward_n", sa.Integer, nullable=False),
    sa.Column("open_flags", sa.Integer, nullable=False),   # inaccuracy flags nobody has confirmed or dismissed
    sa.Index("ix_daily_rollup_kind_day", "tag_kind", "day"),
)


#: Which story each mention belongs to (storage.stories; grouped by analysis.stories). No row: not grouped
#: yet, counted as a story of its own. ``story_id`` is the mention id of the mention that started it.
story_members = sa.Table(
    "story_members", metadata,
    sa.Column("mention_id", sa.String(64), sa.ForeignKey("mentions.mention_id", ondelete="CASCADE"),
              primary_key=True),
    sa.Column("story_id", sa.String(64), nullable=False),
    sa.Column("method", sa.String(12), nullable=False),     # first | duplicate | paraphrase
    sa.Column("similarity", sa.Float, nullable=False),
    sa.Column("grouped_at", sa.DateTime, nullable=False),
    sa.Index("ix_story_members_story", "story_id", "mention_id"),
)

#: Every alert raised (storage.alerts), with its figures and what to look at (``detail``: JSON of the top
#: terms, sources and samples). A person may acknowledge one; nothing else changes it.
alerts = sa.Table(
    "alerts", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("key", sa.String(400), nullable=False),        # kind:subject_kind:subject, for the cooldown
    sa.Column("kind", sa.String(30), nullable=False),
    sa.Column("subject_kind", sa.String(10), nullable=False),
    sa.Column("subject", sa.String(300), nullable=False),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("window_start", sa.DateTime, nullable=False),
    sa.Column("window_end", sa.DateTime, nullable=False),
    sa.Column("observed", sa.Float, nullable=False),
    sa.Column("expected", sa.Float, nullable=False),
    sa.Column("threshold", sa.Float, nullable=False),
    sa.Column("ratio", sa.Float),
    sa.Column("detail", sa.Text, nullable=False, server_default=""),
    sa.Column("link", sa.Text, nullable=False, server_default=""),
    sa.Column("fired_at", sa.DateTime, nullable=False, index=True),
    sa.Column("acknowledged_by", sa.String(200), nullable=False, server_default=""),
    sa.Column("acknowledged_at", sa.DateTime),
    sa.Index("ix_alerts_key_fired", "key", "fired_at"),
)

#: Every attempt to deliver alerts or a digest, appended: by email or webhook, when, what it carried, and
#: what went wrong. One row per attempt; ``alert_ids`` are the alerts it carried (";"-joined).
alert_deliveries = sa.Table(
    "alert_deliveries", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("alert_ids", sa.Text, nullable=False, server_default=""),
    sa.Column("alerts", sa.Integer, nullable=False, server_default="0"),
    sa.Column("digest_day", sa.Date, index=True),          # the digest's local date (NULL: alerts)
    sa.Column("channel", sa.String(10), nullable=False),   # email | webhook
    sa.Column("ok", sa.Boolean, nullable=False),
    sa.Column("error", sa.Text, nullable=False, server_default=""),
    sa.Column("attempted_at", sa.DateTime, nullable=False, index=True),
)

#: When alerts were evaluated: the watch loop evaluates again once ``[alerts] cycle_minutes`` have passed.
alert_runs = sa.Table(
    "alert_runs", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("evaluated_at", sa.DateTime, nullable=False, index=True),
    sa.Column("raised", sa.Integer, nullable=False),
)

def migrate(engine: sa.Engine, attempts: int = 5) -> None:
    """Create missing tables, add columns and indexes that newer versions declare to existing tables,
    build the daily rollup of a store that has mentions but no rollup yet, and on SQLite refresh the
    planner's statistics when they are missing or stale (:func:`analyze`).

    Only additive changes are made (new nullable or defaulted columns, new indexes), so data is never lost.
    Two processes opening a new store at once (the collector and the dashboard) race to create the same
    table or index; the loser finds it "already exists" and looks again, finding the work done.
    """
    for attempt in range(attempts):
        try:
            _migrate(engine)
            return
        except sa.exc.DatabaseError as exc:
            if "already exists" not in str(exc) or attempt == attempts - 1:
                raise
            time.sleep(0.2 * (attempt + 1))


def _migrate(engine: sa.Engine) -> None:
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
        append_only(conn)
    for table in metadata.sorted_tables:  # create_all skips the indexes of a table that already exists
        present = {i["name"] for i in inspector.get_indexes(table.name)}
        for index in table.indexes:
            if index.name not in present:
                index.create(engine)
    from storage import rollup  # imported here: rollup reads the tables declared above

    with engine.connect() as conn:
        empty = rollup.is_empty(conn)
    if empty:
        rollup.rebuild(engine)
    if engine.dialect.name == "sqlite":
        analyze(engine)


#: Refresh the statistics when the mentions have grown this many times since they were gathered.
STALE_GROWTH = 2.0
#: The tables whose statistics the dashboard's joins need. Not the inaccuracy tables: with statistics
#: there, SQLite scans the latest decisions once per candidate (Inaccuracies page 2.0 s instead of 0.5 s).
ANALYZED = ("mentions", "mention_tags", "mention_sources", "daily_rollup")


def analyze(engine: sa.Engine, force: bool = False) -> bool:
    """Gather SQLite's planner statistics (ANALYZE) of :data:`ANALYZED` when they were never gathered or
    the mentions have doubled since (or ``force``); returns whether it ran. Stores under 1,000 mentions
    are left alone.

    Without them SQLite drives the dashboard's joins from the tag index over the whole store instead
    of from the date range (daily figures by topic: 4.0 s instead of 0.9 s at 1M mentions). A full
    ANALYZE reads only the indexes: about 2 s at 1M mentions, paid again at 2M, 4M... An
    ``analysis_limit`` sample is not used: it misjudges the tag index and brings the slow plans back.
    PostgreSQL's autovacuum keeps its own statistics."""
    with engine.begin() as conn:
        rows = conn.scalar(sa.text("SELECT max(rowid) FROM mentions")) or 0
        if not force and rows < 1000:
            return False
        has_stats = conn.scalar(sa.text("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'"))
        stat = conn.scalar(sa.text("SELECT stat FROM sqlite_stat1 WHERE idx = 'ix_mentions_day_cover'")) \
            if has_stats else None
        then = int(stat.split()[0]) if stat else 0   # the mentions counted when it last ran
        if force or rows > STALE_GROWTH * then:
            for table in ANALYZED:
                conn.exec_driver_sql(f"ANALYZE {table}")
            return True
    return False


def append_only(conn: sa.Connection) -> None:
    """Make the database itself refuse UPDATE and DELETE on the audit tables (:data:`APPEND_ONLY`), on
    SQLite and PostgreSQL; on other databases only the code's own discipline keeps them append-only."""
    dialect = conn.dialect.name
    if dialect == "postgresql":
        conn.exec_driver_sql(
            "CREATE OR REPLACE FUNCTION listening_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            "RAISE EXCEPTION '%% is append-only: rows are never changed or deleted', TG_TABLE_NAME; END $$")
    for table in APPEND_ONLY:
        if dialect == "sqlite":
            for verb in ("UPDATE", "DELETE"):
                conn.exec_driver_sql(
                    f"CREATE TRIGGER IF NOT EXISTS {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, '{table} is append-only: rows are never changed or deleted'); END")
        elif dialect == "postgresql":
            conn.exec_driver_sql(f"CREATE OR REPLACE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE "
                                 f"ON {table} FOR EACH ROW EXECUTE FUNCTION listening_append_only()")


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
