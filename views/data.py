"""The dashboard's one door to config and the store, and the one place with Streamlit caching.

Reads are cached briefly (``TTL``) so that a page re-render is cheap while new collections still
show up within a minute; "Collect now" clears the caches.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import streamlit as st

import alerting
import pipeline
import report_catalogue
from analysis import check
from config import PROJECT_DIR, Config, ConfigError, Source, WatchEntry, config_dir, database_url, load_config
from config.sources_file import append_sources, split_new
from config.watchlist import file_version, save_watchlist
from storage import Filters, Store, aggregates, counting, queries, stories
from storage import alerts as stored_alerts
from storage.triage import StaleEdit, TriageState

TTL = 60
PREVIEW_SIZE = 5000


@st.cache_resource
def _config(directory: str) -> Config:
    config = load_config(directory)
    check(config)  # watchlist queries and the sentiment lexicon: reported with the rest of the config
    return config


def config_or_stop() -> Config:
    """The loaded config; on a config mistake, show every problem and stop the page."""
    try:
        return _config(str(config_dir()))
    except ConfigError as exc:
        st.error("The configuration has problems. Fix them and reload the page.")
        st.code("\n".join(exc.problems), language=None)
        st.stop()
        raise


@st.cache_resource
def _store(url: str) -> Store:
    return Store.open(url, PROJECT_DIR)


def store() -> Store:
    return _store(database_url(config_or_stop().settings))


@st.cache_data(ttl=TTL, show_spinner=False)
def filter_options() -> dict[str, Any]:
    return queries.options(store())


@st.cache_data(ttl=TTL, show_spinner=False)
def totals(filters: Filters) -> dict[str, int]:
    return queries.totals(store(), filters)


@st.cache_data(ttl=TTL, show_spinner=False)
def daily(filters: Filters, by: str = "topic") -> pd.DataFrame:
    return queries.daily(store(), filters, by)


@st.cache_data(ttl=TTL, show_spinner=False)
def _report_table(name: str, filters: Filters, period: str, own: str | None) -> pd.DataFrame:
    """All rows of a summary report (every report but mentions, which is never loaded whole)."""
    report = report_catalogue.REPORTS[name]
    options = {"period": period} if period else {}
    frames = list(report.read(store(), filters, own=own, **options))
    return pd.concat(frames, ignore_index=True)[list(report.columns)]


def report_summary(name: str, filters: Filters, period: str, own: str | None) -> dict[str, Any]:
    """Rows and totals of report ``name`` (the mentions report is counted in SQL)."""
    if name == "mentions":
        rows = count(filters)
        return {"rows": rows, "totals": {"mentions": rows}}
    return report_catalogue.summarise(name, [_report_table(name, filters, period, own)])


def report_preview(name: str, filters: Filters, period: str, own: str | None, rows: int = 20) -> pd.DataFrame:
    """The first ``rows`` rows of report ``name``, in its columns."""
    if name != "mentions":
        return _report_table(name, filters, period, own).head(rows)
    columns = list(report_catalogue.REPORTS[name].columns)
    return next(queries.iter_pages(store(), filters, size=rows), pd.DataFrame(columns=columns))[columns]


def previous(filters: Filters) -> Filters | None:
    return aggregates.previous(filters)


@st.cache_data(ttl=TTL, show_spinner=False)
def daily_volume(filters: Filters) -> pd.DataFrame:
    return aggregates.daily_volume(store(), filters)


def volume(filters: Filters, period: str) -> pd.DataFrame:
    """All matching mentions per period with their sentiment mix (net sentiment added)."""
    table = aggregates.by_period(daily_volume(filters), period)
    return table.assign(net_sentiment=aggregates.net(table)) if not table.empty else table


def topic_volume(filters: Filters, period: str) -> pd.DataFrame:
    return aggregates.topic_share(daily(filters, "topic"), daily_volume(filters), period)


@st.cache_data(ttl=TTL, show_spinner=False)
def waiting(filters: Filters) -> dict[str, int]:
    return aggregates.waiting(store(), filters)


@st.cache_data(ttl=TTL, show_spinner=False)
def voice_daily(filters: Filters) -> pd.DataFrame:
    return aggregates.voice_daily(store(), filters)


def share_of_voice(filters: Filters, period: str) -> pd.DataFrame:
    return aggregates.share_of_voice(voice_daily(filters), period)


@st.cache_data(ttl=TTL, show_spinner=False)
def tag_channels(filters: Filters, kind: str = "voice") -> pd.DataFrame:
    return aggregates.tag_channels(store(), filters, kind)


@st.cache_data(ttl=TTL, show_spinner=False)
def tag_sources(filters: Filters, kind: str = "voice", top: int = 5) -> pd.DataFrame:
    return aggregates.tag_sources(store(), filters, kind, top)


@st.cache_data(ttl=TTL, show_spinner=False)
def top_people(filters: Filters, by: str, rank_by: str, topic: str, top: int = 10) -> pd.DataFrame:
    return aggregates.top_people(store(), filters, by, rank_by, top, topic)


@st.cache_data(ttl=TTL, show_spinner=False)
def count(filters: Filters) -> int:
    return queries.count(store(), filters)


@st.cache_data(ttl=TTL, show_spinner=False)
def page(filters: Filters, limit: int, offset: int) -> pd.DataFrame:
    """One page of mentions, with missing text shown as empty strings."""
    frame = queries.page(store(), filters, limit, offset)
    text = frame.select_dtypes("string").columns
    frame[text] = frame[text].fillna("")
    return frame


@st.cache_data(ttl=TTL, show_spinner=False)
def voices(filters: Filters) -> pd.DataFrame:
    return queries.voices(store(), filters)


@st.cache_data(ttl=TTL, show_spinner=False)
def preview_sample(size: int = PREVIEW_SIZE) -> pd.DataFrame:
    """The newest ``size`` stored mentions: what a watchlist edit is previewed against."""
    frame = queries.page(store(), Filters(), size, 0)
    text = frame.select_dtypes("string").columns
    frame[text] = frame[text].fillna("")
    return frame


@st.cache_data(ttl=TTL, show_spinner=False)
def health() -> pd.DataFrame:
    return store().load_health()


@st.cache_data(ttl=TTL, show_spinner=False)
def source_counts() -> pd.DataFrame:
    return queries.source_counts(store())


@st.cache_data(ttl=TTL, show_spinner=False)
def source_activity() -> pd.DataFrame:
    return queries.source_activity(store(), pipeline.utc_now())


def add_source(name: str, url: str, kind: str, channel: str) -> str | None:
    """Check a candidate source by fetching it; add it to sources.toml if it is a feed.

    Returns a plain-words problem, or None when the source was added and collected.
    """
    config = config_or_stop()
    if not name or not url:
        return "Give the source a name and an address."
    if not url.lower().startswith(("http://", "https://")):
        return f"Only http and https addresses can be polled, not {url!r}."
    candidate = Source(name, kind, channel, url=url)
    _, present = split_new(config, [candidate])
    if present:
        return "Not added: " + "; ".join(present)
    checked = pipeline.try_source(config, candidate)
    if not checked.ok:
        return f"Not added: {url} could not be used: {checked.error}."
    try:
        append_sources(config.directory, [candidate], comment="added from the dashboard")
    except (ConfigError, OSError) as exc:
        return f"Not added: the config could not be saved: {exc}"
    _config.clear()
    collect_now([name])
    return None


def collect_now(only: list[str] | None = None) -> pipeline.RunReport:
    """Run a collection from the dashboard, then drop cached reads so the pages show it."""
    report = pipeline.collect(config_or_stop(), store(), only=only)
    st.cache_data.clear()
    return report


def user_name() -> str:
    """Who is acting: the signed-in user where Streamlit authentication is configured, else the sidebar name."""
    try:
        if st.user.is_logged_in:
            return str(st.user.get("email") or st.user.get("name") or "")
    except (AttributeError, KeyError, st.errors.StreamlitAPIException):
        pass
    return str(st.session_state.get("user_name", "")).strip()


def correct_sentiment(mention_id: str, label: str | None, note: str = "") -> str | None:
    """Store a person's sentiment label for a mention; returns a plain-words problem, or None when stored."""
    who = user_name()
    if not who:
        return "Enter your name in the sidebar first: every correction records who made it."
    try:
        store().correct_sentiment(mention_id, label, who, note)
    except (KeyError, ValueError) as exc:
        return str(exc)
    st.cache_data.clear()
    return None


def watchlist_version() -> str:
    return file_version(config_or_stop().directory)


def _check_folder(folder: Any) -> None:
    check(load_config(folder))


def save_watch_entry(kind: str, entry: WatchEntry | None, replaces: str | None, version: str) -> None:
    """Write one watchlist change (raises ConfigError or StaleEdit), then reload the config."""
    save_watchlist(config_or_stop().directory, kind, entry, replaces, version, _check_folder)
    _config.clear()


def retag_store(progress: Any = None) -> int:
    """Re-tag every stored mention with the (just saved) watchlist; clears cached reads."""
    done = pipeline.retag(config_or_stop(), store(), progress=progress)
    st.cache_data.clear()
    return done


@st.cache_data(ttl=TTL, show_spinner=False)
def candidates(filters: Filters, status: str, limit: int, offset: int) -> pd.DataFrame:
    return queries.candidates(store(), filters, status, limit, offset)


@st.cache_data(ttl=TTL, show_spinner=False)
def count_candidates(filters: Filters, status: str) -> int:
    return queries.count_candidates(store(), filters, status)


@st.cache_data(ttl=TTL, show_spinner=False)
def inaccuracy_summary(filters: Filters) -> pd.DataFrame:
    return queries.inaccuracy_summary(store(), filters)


def inaccuracy_history(mention_id: str) -> pd.DataFrame:
    return store().inaccuracy_history(mention_id)


def review_inaccuracy(mention_id: str, inaccuracy_id: str, decision: str, reason: str = "",
                      note: str = "") -> str | None:
    """Record a confirm, dismiss or reopen; returns a plain-words problem, or None when stored."""
    who = user_name()
    if not who:
        return "Enter your name in the sidebar first: every decision records who made it."
    try:
        store().review_inaccuracy(mention_id, inaccuracy_id, decision, who, reason, note)
    except (KeyError, ValueError) as exc:
        return str(exc).strip("'\"")
    st.cache_data.clear()
    return None


# -- triage (the Inbox) ----------------------------------------------------------------------------
#: The Inbox queue is read fresher than the other pages: it refreshes itself while collectors run.
INBOX_TTL = 10


@st.cache_data(ttl=INBOX_TTL, show_spinner=False)
def collecting() -> bool:
    """Whether collectors are running: some source was tried within one and a half polling intervals."""
    at = queries.last_attempt(store())
    interval = config_or_stop().settings.interval_minutes
    return at is not None and (pipeline.utc_now() - at).total_seconds() < 90 * interval


@st.cache_data(ttl=INBOX_TTL, show_spinner=False)
def inbox(filters: Filters, statuses: tuple[str, ...], assignee: str | None, everything: bool, limit: int,
          offset: int) -> pd.DataFrame:
    frame = queries.inbox(store(), filters, statuses, assignee, everything, limit, offset)
    text = frame.select_dtypes("string").columns
    frame[text] = frame[text].fillna("")
    return frame


@st.cache_data(ttl=INBOX_TTL, show_spinner=False)
def count_inbox(filters: Filters, statuses: tuple[str, ...], assignee: str | None, everything: bool) -> int:
    return queries.count_inbox(store(), filters, statuses, assignee, everything)


def triage_state(mention_id: str) -> TriageState:
    return store().triage_state(mention_id)   # never cached: it decides whether an edit is stale


def triage_audit(mention_id: str) -> pd.DataFrame:
    return store().triage_audit(mention_id)


@st.cache_data(ttl=TTL, show_spinner=False)
def response_times(filters: Filters, by: str) -> pd.DataFrame:
    return queries.response_times(store(), filters, by)


def response_log(filters: Filters) -> pd.DataFrame:
    return queries.response_log(store(), filters)


def audit_log(filters: Filters) -> pd.DataFrame:
    return queries.audit_log(store(), filters)


def update_triage(mention_id: str, version: int, note: str = "", **changes: Any) -> TriageState | str:
    """Apply a triage change made on ``version``; returns the new state, or a plain-words problem (a stale
    edit, a move the rules forbid, no name)."""
    who = user_name()
    if not who:
        return "Enter your name in the sidebar first: every action records who made it."
    try:
        state = store().update_triage(mention_id, version, who, note=note, **changes)
    except (KeyError, ValueError, StaleEdit) as exc:
        return str(exc).strip("'\"")
    st.cache_data.clear()
    return state


def record_response(mention_id: str, version: int, text: str, kind: str, **details: Any) -> TriageState | str:
    """Record a response the user gave by hand; returns the new state or a plain-words problem."""
    who = user_name()
    if not who:
        return "Enter your name in the sidebar first: every action records who made it."
    try:
        state = store().record_response(mention_id, version, who, text, kind, **details)
    except (KeyError, ValueError, StaleEdit) as exc:
        return str(exc).strip("'\"")
    st.cache_data.clear()
    return state


# -- stories and counting per story or source -------------------------------------------------------
#: The "Count" choice of Overview and Voices: what one unit of volume is.
COUNTS = {"mentions": "Mentions (items)", "stories": "Stories", "sources": "Distinct sources"}
UNIT_NOTES = {"stories": "syndicated copies and re-posts count once per story, so one wire story carried by forty "
                         "outlets is one, not forty.",
              "sources": "each source that carried any matching mention counts once, however many it carried."}


@st.cache_data(ttl=TTL, show_spinner=False)
def growing_stories(filters: Filters, now: dt.datetime, hours: float = 24, limit: int = 20) -> pd.DataFrame:
    return stories.growing(store(), filters, now, hours, limit)


@st.cache_data(ttl=TTL, show_spinner=False)
def story_members(story_ids: tuple[str, ...]) -> pd.DataFrame:
    return stories.members(store(), list(story_ids))


@st.cache_data(ttl=TTL, show_spinner=False)
def stories_pending() -> int:
    return stories.count_pending(store())


@st.cache_data(ttl=TTL, show_spinner=False)
def counted(filters: Filters, unit: str, period: str, by: str | None = None) -> pd.DataFrame:
    return counting.counted(store(), filters, unit, period, by)


@st.cache_data(ttl=TTL, show_spinner=False)
def counted_totals(filters: Filters, unit: str, by: str | None = None) -> pd.DataFrame:
    return counting.totals(store(), filters, unit, by)


def topic_units(filters: Filters, unit: str, period: str) -> pd.DataFrame:
    """Per period and topic: distinct stories or sources (``mentions``), all of them in the period
    (``all_mentions``, every matching mention counted, tagged or not) and the topic's share."""
    table = counted(filters, unit, period, "topic").merge(
        counted(filters, unit, period).rename(columns={"mentions": "all_mentions"}), on="period", how="left")
    table["all_mentions"] = table["all_mentions"].fillna(0).astype("int64")
    table["share"] = (table["mentions"] / table["all_mentions"].where(table["all_mentions"] > 0)).round(4)
    return table


def voice_units(filters: Filters, unit: str, period: str) -> pd.DataFrame:
    """Per period and voice: distinct stories or sources (``mentions``) and the voice's share of the period's sum
    over voices (as share of voice per item is)."""
    table = counted(filters, unit, period, "voice")
    return table.assign(share=(table["mentions"] / table.groupby("period")["mentions"].transform("sum")).round(4))


# -- alerts -----------------------------------------------------------------------------------------
#: How many alerts the Overview counts at most (it reads them to count them).
@st.cache_data(ttl=INBOX_TTL, show_spinner=False)
def alerts(kinds: tuple[str, ...], include_acknowledged: bool, limit: int = 200) -> pd.DataFrame:
    return stored_alerts.listed(store(), kinds=kinds, include_acknowledged=include_acknowledged, limit=limit)


@st.cache_data(ttl=INBOX_TTL, show_spinner=False)
def _open_alerts(since: dt.datetime) -> int:
    return stored_alerts.count(store(), since=since, include_acknowledged=False)


def open_alerts(days: int = 7) -> int:
    """Alerts raised in the last ``days`` days that nobody has acknowledged."""
    return _open_alerts(pipeline.utc_now().replace(second=0) - dt.timedelta(days=days))


@st.cache_data(ttl=INBOX_TTL, show_spinner=False)
def alert_deliveries(limit: int = 50) -> pd.DataFrame:
    return stored_alerts.deliveries(store(), limit)


@st.cache_data(ttl=INBOX_TTL, show_spinner=False)
def alerts_evaluated_at() -> dt.datetime | None:
    return stored_alerts.last_evaluated(store())


def acknowledge_alert(alert_id: int) -> str | None:
    """Record that the user has seen an alert; returns a plain-words problem, or None when stored."""
    who = user_name()
    if not who:
        return "Enter your name in the sidebar first: every acknowledgement records who made it."
    done = stored_alerts.acknowledge(store(), int(alert_id), who, dt.datetime.now(dt.timezone.utc))
    st.cache_data.clear()
    return None if done else "Someone has already acknowledged this alert: the list now shows who."


def evaluate_alerts() -> int:
    """Run one alert cycle now (detect, store, deliver), then drop cached reads; returns the alerts raised."""
    # the full clock, not utc_now's whole seconds: an evaluation is keyed by its time
    raised = alerting.evaluate(config_or_stop(), store(), dt.datetime.now(dt.timezone.utc))
    st.cache_data.clear()
    return len(raised)
