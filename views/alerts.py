"""Alerts: what the alert cycle raised, newest first; each says what happened, how much against the usual,
its top terms, sources and sample mentions, and links to the view. A person acknowledges an alert (their
name is recorded) or runs a cycle now; the deliveries by email and webhook are listed with their errors.

Detection, storage and delivery are ``alerting.py``, ``analysis.alerts`` and ``storage.alerts``.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pandas as pd
import streamlit as st

from analysis.alerts import KINDS
from views import data
from views._format import escape_md, link, when

KIND_LABELS = {"volume_spike": "Volume spike", "negative_surge": "Negative surge",
               "story_jump": "Story reached the news", "wide_reach_candidate": "Inaccuracy from a wide-reach source",
               "source_silent": "Source gone silent"}
KINDS_KEY, ACKED_KEY, EVALUATE_KEY = "alerts_kinds", "alerts_show_acknowledged", "alerts_evaluate"
LIMIT = 200
#: The dashboard pages an alert's link can name (the last part of its path), so it opens in this session.
PAGES = {"": "views/overview.py", "mentions": "views/mentions.py", "stories": "views/stories.py",
         "inaccuracies": "views/inaccuracies.py", "sources": "views/sources.py", "voices": "views/voices.py",
         "inbox": "views/inbox.py", "alerts": "views/alerts.py"}


def figures(row: Any) -> str:
    """How much, against the usual, in plain words for each kind of alert."""
    if row.kind in ("volume_spike", "negative_surge"):
        ratio = f"{row.ratio:.1f} times the usual; " if pd.notna(row.ratio) else ""
        return (f"**{row.observed:,.0f}** mentions in the window against a usual **{row.expected:,.1f}** for that "
                f"time of day ({ratio}the bar was {row.threshold:,.1f}).")
    if row.kind == "story_jump":
        return f"**{row.observed:,.0f}** mentions of the story from its first, {when(row.window_start)}, to now."
    if row.kind == "wide_reach_candidate":
        return (f"A flag on an item from a news or government outlet, or from a source that carried at least "
                f"{row.threshold:,.0f} authors in 30 days.")
    if row.kind == "source_silent":
        return (f"No new item for **{row.observed:,.0f} hours**; usually one every {row.expected:,.1f} hours "
                f"(silent after {row.threshold:,.1f}).")
    return f"Observed {row.observed:,.1f} against an expected {row.expected:,.1f}."


def open_view(address: str, key: str) -> None:
    """A link to the alert's view: inside this session when it names a dashboard page, else as an address."""
    parts = urlsplit(address)
    page = PAGES.get(parts.path.strip("/").rsplit("/", 1)[-1])
    if page and address:
        st.page_link(page, label="Open the view", icon=":material/open_in_new:",
                     query_params=parse_qsl(parts.query))
    elif address.lower().startswith(("http://", "https://")):
        st.link_button("Open the view", address, key=key)


def acknowledge(row: Any) -> None:
    if row.acknowledged_by or pd.notna(row.acknowledged_at):
        st.caption(f"Acknowledged by {escape_md(row.acknowledged_by)} on {when(row.acknowledged_at)}.")
    elif st.button("Acknowledge", key=f"ack_{row.id}", help="Mark it as seen: recorded with your name."):
        problem = data.acknowledge_alert(int(row.id))
        if problem:
            st.error(problem)
        else:
            st.rerun()


def show(row: Any) -> None:
    with st.container(border=True):
        st.markdown(f"**{escape_md(row.title)}**")
        st.caption(f"{KIND_LABELS.get(row.kind, row.kind)} · raised {when(row.fired_at)} · window "
                   f"{when(row.window_start)} to {when(row.window_end)}")
        st.markdown(figures(row))
        if row.top_terms:
            st.markdown("Top terms: " + ", ".join(escape_md(str(t)) for t in row.top_terms))
        if row.sources:
            st.markdown("Sources: " + ", ".join(f"{escape_md(str(s))} ({n:,})" for s, n in row.sources))
        for sample in row.samples:
            st.markdown(f"- {link(sample.get('title') or sample.get('url'), sample.get('url'))} · "
                        f"{escape_md(sample.get('source', ''))} · {when(pd.Timestamp(sample.get('published_at')))}")
        left, right = st.columns(2)
        with left:
            open_view(row.link or "", key=f"view_{row.id}")
        with right:
            acknowledge(row)


def attempts_of(rows: pd.DataFrame) -> pd.DataFrame:
    """The delivery attempts, newest first, with the alerts each carried as a readable list."""
    if rows.empty:
        return rows
    table = rows.assign(alerts=rows["alert_ids"].str.replace(";", ", "))
    return table[["attempted_at", "channel", "ok", "error", "alerts", "digest_day"]]


def deliveries() -> None:
    attempts = attempts_of(data.alert_deliveries())
    failed = attempts[~attempts["ok"].astype(bool)] if not attempts.empty else attempts
    latest_failed = not attempts.empty and not bool(attempts.groupby("channel")["ok"].first().all())
    label = f"Deliveries ({len(failed):,} failed of the latest {len(attempts):,})" if len(attempts) else "Deliveries"
    with st.expander(label, expanded=latest_failed):
        if attempts.empty:
            st.caption("Nothing has been sent yet: delivery by email ([email]) and webhook ([webhook]) is set in "
                       "config/settings.toml; alerts are listed here whatever happens to them.")
            return
        if latest_failed:
            st.warning("The latest delivery on at least one channel failed: alerts are not reaching people by "
                       "that channel. The error is in the table below.")
        st.dataframe(attempts, hide_index=True, width="stretch", key="deliveries", alt="The latest delivery attempts",
                     column_config={"attempted_at": st.column_config.DatetimeColumn("Attempted (UTC)"),
                                    "alerts": "Alerts", "digest_day": "Digest of", "channel": "Channel",
                                    "ok": "Delivered", "error": "Error"})


st.title("Alerts")
config = data.config_or_stop()
cols = st.columns([3, 1, 1], vertical_alignment="bottom")
kinds = cols[0].multiselect("Kind", KINDS, format_func=KIND_LABELS.get, key=KINDS_KEY, placeholder="Every kind")
show_acknowledged = cols[1].toggle("Show acknowledged", key=ACKED_KEY)
if cols[2].button("Evaluate now", key=EVALUATE_KEY, help="Run one alert cycle over the windows ending now."):
    with st.spinner("Evaluating alerts…"):
        raised = data.evaluate_alerts()
    st.success(f"Alerts evaluated: {raised:,} new alert(s) raised." if raised else
               "Alerts evaluated: nothing new is unusual (or it was already raised within the cooldown).")
last = data.alerts_evaluated_at()   # read after Evaluate now, so it shows that evaluation
st.caption(f"Alerts were last evaluated {when(last) if last else 'never'}. `python cli.py watch` evaluates them "
           f"every {config.settings.alert_cycle_minutes:g} minutes (`[alerts] cycle_minutes` in "
           "config/settings.toml); *Evaluate now* runs one cycle here and sends what it raises.")

deliveries()
listed = data.alerts(tuple(kinds), show_acknowledged, LIMIT)
if listed.empty:
    st.info("No alert " + ("of these kinds " if kinds else "") + ("" if show_acknowledged else "waiting ") +
            "to show. Alerts are raised when a topic's or voice's volume or negative share is far above its usual, "
            "a story reaches the news, a wide-reach source carries an inaccuracy, or a source goes silent.")
    st.stop()
st.caption(f"{len(listed):,} alert(s), newest first" + (f" (the newest {LIMIT})" if len(listed) >= LIMIT else "")
           + ("." if show_acknowledged else "; acknowledged alerts are hidden."))
for alert in listed.itertuples(index=False):
    show(alert)
