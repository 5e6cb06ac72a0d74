"""Sources: the health of every configured source, and polling on demand (one source or all)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from config.loader import SOURCE_KINDS
from mention import CHANNELS
from views import data

st.title("Sources")
config = data.config_or_stop()
names = [s.name for s in config.sources]

left, right = st.columns([3, 1], vertical_alignment="bottom")
chosen = left.selectbox("Poll a source now", names, index=None, placeholder="Choose a source", key="poll_one")
if right.button("Poll now", key="poll_one_button", disabled=chosen is None):
    with st.spinner(f"Polling {chosen}…"):
        report = data.collect_now([chosen])
    (st.warning if report.failed else st.success)(report.summary())
if st.button("Poll all sources now", type="primary", key="poll_all"):
    with st.spinner("Polling every source…"):
        report = data.collect_now()
    (st.warning if report.failed else st.success)(report.summary())

with st.expander("Add a source"):
    with st.form("add_source", clear_on_submit=False):
        new_name = st.text_input("Name", key="add_name", placeholder="e.g. Local Gazette: politics")
        new_url = st.text_input("Feed address (http or https)", key="add_url",
                                placeholder="https://example.org/feed.xml")
        cols = st.columns(2)
        new_kind = cols[0].selectbox("Kind", SOURCE_KINDS, key="add_kind",
                                     help="'feed' also recognises Reddit and Mastodon JSON by their shape.")
        new_channel = cols[1].selectbox("Channel", CHANNELS, key="add_channel")
        submitted = st.form_submit_button("Check and add")
    if submitted:
        problem = data.add_source(new_name.strip(), new_url.strip(), new_kind, new_channel)
        if problem:
            st.error(problem)
        else:
            st.success(f"Added {new_name.strip()}: it will be polled with the others. Its items are collected now.")

configured = pd.DataFrame(
    [{"source": s.name, "kind_cfg": s.kind, "channel_cfg": s.channel, "location_cfg": s.location,
      "enabled": s.enabled} for s in config.sources])
table = (configured.merge(data.health(), on="source", how="left")
         .merge(data.source_counts(), on="source", how="left")
         .merge(data.source_activity(), on="source", how="left"))
table["is_silent"] = table["is_silent"].astype("boolean").fillna(False).astype(bool)
table["status"] = [
    "paused" if not enabled else "never polled" if pd.isna(attempt) else
    "failing" if (failures or 0) > 0 else "silent" if silent else "ok"
    for enabled, attempt, failures, silent in zip(table["enabled"], table["last_attempt_at"],
                                                  table["consecutive_failures"], table["is_silent"])
]
table["stored_mentions"] = table["stored_mentions"].fillna(0).astype(int)

failing = table[table["status"] == "failing"]
if not failing.empty:
    st.error(f"{len(failing)} source(s) failed at the last attempt: "
             + "; ".join(f"{n}: {e}" for n, e in zip(failing["source"], failing["last_error"])))
silent = table[table["status"] == "silent"]
if not silent.empty:
    st.warning(f"{len(silent)} source(s) have gone silent (no new item for three times their usual gap), so "
               "monitoring there may be blind: " + ", ".join(silent["source"]))
moved = table[table["note"].notna() & (table["note"] != "")]
for name, note in zip(moved["source"], moved["note"]):
    st.info(f"{name}: {note}")

st.dataframe(
    table[["source", "status", "channel_cfg", "kind_cfg", "last_attempt_at", "last_success_at", "last_new_item_at",
           "next_poll_at", "consecutive_failures", "last_error", "error_kind", "items_per_day", "items_last_run",
           "new_last_run", "stored_mentions", "latest_item_at", "location_cfg"]],
    hide_index=True, width="stretch", height=38 * (len(table) + 1),
    column_config={
        "source": "Source", "status": "Status", "channel_cfg": "Channel", "kind_cfg": "Kind",
        "location_cfg": "Address or file",
        "last_attempt_at": st.column_config.DatetimeColumn("Last attempt (UTC)", format="D MMM YYYY HH:mm"),
        "last_success_at": st.column_config.DatetimeColumn("Last success (UTC)", format="D MMM YYYY HH:mm"),
        "last_new_item_at": st.column_config.DatetimeColumn("Last new item (UTC)", format="D MMM YYYY HH:mm"),
        "next_poll_at": st.column_config.DatetimeColumn("Next poll (UTC)", format="D MMM YYYY HH:mm"),
        "latest_item_at": st.column_config.DatetimeColumn("Newest item published", format="D MMM YYYY HH:mm"),
        "consecutive_failures": "Failures in a row", "last_error": "Last error", "error_kind": "Error kind",
        "items_per_day": st.column_config.NumberColumn("Items per day", format="%.1f"),
        "items_last_run": "Items last poll", "new_last_run": "New last poll", "stored_mentions": "Stored",
    },
)
st.caption("Failing sources are never dropped: they are retried with a growing interval, capped at "
           f"{config.settings.max_interval_minutes:g} minutes. `python cli.py watch` polls every source when due.")
