"""Sources: the health of every configured source, and collection on demand."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from views import data

st.title("Sources")
config = data.config_or_stop()

if st.button("Collect all sources now", type="primary"):
    with st.spinner("Collecting…"):
        report = data.collect_now()
    (st.warning if report.failed else st.success)(report.summary())

configured = pd.DataFrame(
    [{"source": s.name, "kind_cfg": s.kind, "channel_cfg": s.channel, "location_cfg": s.location,
      "enabled": s.enabled} for s in config.sources])
health = data.health()
counts = data.source_counts()
table = configured.merge(health, on="source", how="left").merge(counts, on="source", how="left")
table["status"] = [
    "paused" if not enabled else "never collected" if pd.isna(attempt) else
    "failing" if (failures or 0) > 0 else "ok"
    for enabled, attempt, failures in zip(table["enabled"], table["last_attempt_at"], table["consecutive_failures"])
]
table["stored_mentions"] = table["stored_mentions"].fillna(0).astype(int)
failing = table[table["status"] == "failing"]
if not failing.empty:
    st.error(f"{len(failing)} source(s) failed at the last attempt: "
             + "; ".join(f"{n}: {e}" for n, e in zip(failing["source"], failing["last_error"])))
st.dataframe(
    table[["source", "status", "channel_cfg", "kind_cfg", "last_attempt_at", "last_success_at", "last_new_item_at",
           "consecutive_failures", "last_error", "items_last_run", "new_last_run", "stored_mentions",
           "latest_item_at", "location_cfg"]],
    hide_index=True, width="stretch", height=38 * (len(table) + 1),
    column_config={
        "source": "Source", "status": "Status", "channel_cfg": "Channel", "kind_cfg": "Kind", "location_cfg": "Address or file",
        "last_attempt_at": st.column_config.DatetimeColumn("Last attempt (UTC)", format="D MMM YYYY HH:mm"),
        "last_success_at": st.column_config.DatetimeColumn("Last success (UTC)", format="D MMM YYYY HH:mm"),
        "last_new_item_at": st.column_config.DatetimeColumn("Last new item (UTC)", format="D MMM YYYY HH:mm"),
        "latest_item_at": st.column_config.DatetimeColumn("Newest item published", format="D MMM YYYY HH:mm"),
        "consecutive_failures": "Failures in a row", "last_error": "Last error",
        "items_last_run": "Items last run", "new_last_run": "New last run", "stored_mentions": "Stored",
    },
)
