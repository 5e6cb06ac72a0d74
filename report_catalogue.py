"""The CSV reports a person can take to a meeting, one table for the dashboard's Reports page and the CLI.

Each :class:`Report` reads its rows from storage with the same :class:`storage.Filters` the pages use,
so a report's totals equal the figures on screen for the same filter; reports/ writes the CSV.

    python cli.py export --report daily-topics --period week --from 2025-10-01 --output weekly.csv
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from reports import AUDIT_LOG_COLUMNS, MENTION_COLUMNS, RESPONSE_LOG_COLUMNS, to_csv
from analysis import spread
from storage import Filters, Store, aggregates, queries, stories
from storage import alerts as stored_alerts

DAILY_TOPIC_COLUMNS = ("period", "topic", "mentions", "positive", "neutral", "negative", "net_sentiment",
                       "inaccuracy_candidates", "questions")
SHARE_OF_VOICE_COLUMNS = ("period", "voice", "role", "mentions", "share", "positive", "neutral", "negative",
                          "net_sentiment")
INACCURACY_LOG_COLUMNS = ("published_at", "mention_id", "source", "channel", "url", "title", "inaccuracy_id", "kind",
                          "level", "confidence", "keyword", "claimed", "claimed_value", "official_value", "difference",
                          "status", "reason", "reviewed_by", "reviewed_at")
STORY_COLUMNS = ("story_id", "title", "first_at", "first_source", "first_channel", "path", "news_at", "mentions",
                 "sources", "authors", "negative", "inaccuracy_candidates", "last_at")
ALERT_COLUMNS = ("fired_at", "kind", "subject_kind", "subject", "title", "window_start", "window_end", "observed",
                 "expected", "ratio", "top_terms", "sources", "link", "acknowledged_by", "acknowledged_at")
ALL_MENTIONS = "(all mentions)"
STORY_BATCH = 500
Reader = Callable[..., Iterable[pd.DataFrame]]


@dataclass(frozen=True)
class Report:
    name: str
    title: str
    noun: str                    # what one row is, for "exported 12 mention(s)"
    columns: tuple[str, ...]
    read: Reader                 # (store, filters, period=..., own=...) -> frames
    describes: str
    periodic: bool = False       # takes --period day|week|month


def _iso_period(frame: pd.DataFrame) -> pd.DataFrame:
    """Periods as ISO 8601 dates (the first UTC day of the period), not midnight timestamps."""
    frame["period"] = pd.to_datetime(frame["period"]).dt.strftime("%Y-%m-%d").astype("string")
    return frame


def daily_topics(store: Store, filters: Filters, period: str = "day", **_: Any) -> list[pd.DataFrame]:
    """Per period: one row for every matching mention, then one per topic (a mention of two topics counts
    in both, so the topic rows may add up to more than the first)."""
    topics = aggregates.by_period(queries.daily(store, filters, "topic"), period, ("topic",))
    everything = aggregates.by_period(aggregates.daily_volume(store, filters), period).assign(topic=ALL_MENTIONS)
    if topics.empty and everything.empty:
        return [pd.DataFrame(columns=list(DAILY_TOPIC_COLUMNS))]
    table = pd.concat([everything, topics], ignore_index=True)
    table["first"] = table["topic"] != ALL_MENTIONS
    table = table.sort_values(["period", "first", "topic"]).reset_index(drop=True)
    table["net_sentiment"] = aggregates.net(table)
    table = table.rename(columns={"inaccuracies": "inaccuracy_candidates"})
    return [_iso_period(table)[list(DAILY_TOPIC_COLUMNS)]]


def share_of_voice(store: Store, filters: Filters, period: str = "week", own: str | None = None,
                   **_: Any) -> list[pd.DataFrame]:
    table = aggregates.share_of_voice(aggregates.voice_daily(store, filters), period)
    if table.empty:
        return [pd.DataFrame(columns=list(SHARE_OF_VOICE_COLUMNS))]
    table["role"] = (table["voice"] == own).map({True: "own", False: "competing"})
    return [_iso_period(table)[list(SHARE_OF_VOICE_COLUMNS)]]


def story_table(store: Store, filters: Filters, **_: Any) -> Iterable[pd.DataFrame]:
    """One row per story among the matching mentions, largest first, with its first mention and its path
    across channels (the path and first mention over all its mentions, the counts over the matching ones)."""
    table = stories.listed(store, filters)
    if table.empty:
        yield pd.DataFrame(columns=list(STORY_COLUMNS))
        return
    for start in range(0, len(table), STORY_BATCH):
        part = table.iloc[start:start + STORY_BATCH]
        members = stories.members(store, part["story_id"].tolist())
        about = spread.summary(members, members["published_at"].max()).drop(columns=["authors", "jumped"])
        merged = part.rename(columns={"candidates": "inaccuracy_candidates"}).drop(columns=["first_at"]).merge(
            about, on="story_id", how="left")
        yield merged[list(STORY_COLUMNS)]


def alert_log(store: Store, filters: Filters, **_: Any) -> list[pd.DataFrame]:
    """Alerts raised in the filter's date range (by when they fired), newest first."""
    since = pd.Timestamp(filters.date_from, tz="UTC") if filters.date_from else None
    table = stored_alerts.listed(store, since=since, limit=100_000)
    if filters.date_to is not None:
        table = table[table["fired_at"] < pd.Timestamp(filters.date_to, tz="UTC") + pd.Timedelta(days=1)]
    table = table.assign(top_terms=table["top_terms"].map("; ".join),
                         sources=table["sources"].map(lambda pairs: "; ".join(f"{s} ({n})" for s, n in pairs)))
    return [table[list(ALERT_COLUMNS)]]


REPORTS: dict[str, Report] = {r.name: r for r in (
    Report("mentions", "Mentions", "mention(s)", MENTION_COLUMNS,
           lambda store, filters, **_: queries.iter_pages(store, filters),
           "Every mention matching the filter, oldest first, with every column described in the README."),
    Report("daily-topics", "Daily summary per topic", "row(s)", DAILY_TOPIC_COLUMNS, daily_topics,
           f"Per day (or week, month): volume, sentiment mix, inaccuracy candidates and questions, first for "
           f"{ALL_MENTIONS} and then per watched topic.", periodic=True),
    Report("share-of-voice", "Share of voice per period", "row(s)", SHARE_OF_VOICE_COLUMNS, share_of_voice,
           "Per period and voice: mentions, share of all voice mentions in the period, and sentiment toward the "
           "voice.", periodic=True),
    Report("inaccuracies", "Inaccuracy log", "candidate(s)", INACCURACY_LOG_COLUMNS,
           lambda store, filters, **_: [queries.inaccuracy_log(store, filters)],
           "Every inaccuracy candidate with its evidence and where it stands: open, possible, confirmed or "
           "dismissed, by whom, when and why."),
    Report("responses", "Response log", "response(s)", RESPONSE_LOG_COLUMNS,
           lambda store, filters, **_: [queries.response_log(store, filters)],
           "Every response a person recorded as given, with the draft it started from and who authorised it."),
    Report("stories", "Stories", "story(ies)", STORY_COLUMNS, story_table,
           "Every story among the matching mentions, largest first: its first mention, the channels it reached in "
           "order (forum → blog → news...), when it reached the news, and its mentions, sources, authors, "
           "negative mentions and inaccuracy candidates."),
    Report("alerts", "Alert log", "alert(s)", ALERT_COLUMNS, alert_log,
           "Every alert raised in the date range (by when it fired): what, how much against the usual, top terms, "
           "sources, the link to the view, and who acknowledged it."),
    Report("audit", "Triage audit log", "action(s)", AUDIT_LOG_COLUMNS,
           lambda store, filters, **_: [queries.audit_log(store, filters)],
           "Every triage action: who, when, what, and the value before and after."),
)}


def export(name: str, store: Store, filters: Filters, path: Path | None = None, bom: bool = False,
           **options: Any) -> tuple[int, bytes | None]:
    """Write report ``name`` for ``filters`` to ``path`` (or return its bytes); returns (rows, bytes or None)."""
    report = REPORTS[name]
    return to_csv(report.read(store, filters, **options), path, report.columns, bom=bom)


def summarise(name: str, frames: Iterable[pd.DataFrame]) -> dict[str, Any]:
    """Rows and the totals a person would check against the pages: for the daily summary, the
    (all mentions) rows' volume, candidates and questions (the Overview's figures); for share of voice,
    the voice mentions (the Voices page's); for the inaccuracy log, candidates per status."""
    table = pd.concat(list(frames), ignore_index=True)
    totals: dict[str, int] = {}
    if name == "mentions":
        totals = {"mentions": len(table)}
    elif name == "daily-topics" and not table.empty:
        everything = table[table["topic"] == ALL_MENTIONS]
        totals = {k: int(everything[k].sum()) for k in ("mentions", "negative", "inaccuracy_candidates", "questions")}
    elif name == "share-of-voice" and not table.empty:
        totals = {"voice mentions": int(table["mentions"].sum())}
    elif name == "stories" and not table.empty:
        totals = {"stories": len(table), "mentions": int(table["mentions"].sum())}
    elif name == "inaccuracies" and not table.empty:
        totals = {str(k): int(v) for k, v in table["status"].value_counts().sort_index().items()}
    return {"rows": len(table), "totals": totals}
