"""Inaccuracies: posts whose claims contradict the facts register, with evidence and a correction."""

from __future__ import annotations

import dataclasses

import streamlit as st

from views import data, filters

st.title("Factual-inaccuracy candidates")
st.caption("Posts whose claims contradict the register of official facts (config/facts.toml) or repeat a known "
           "false claim. Each is a candidate for a person to confirm before anyone responds.")
current = dataclasses.replace(filters.current(), flags=tuple({*filters.current().flags, "inaccuracy"}))
total = data.count(current)
if total == 0:
    st.success("No inaccuracy candidates match the current filter.")
    st.stop()
st.caption(f"{total:,} candidate(s); the newest 500 are listed.")
rows = data.page(current, 500, 0)
table = rows[["published_at", "source", "channel", "title", "inaccuracy_ids", "inaccuracy_detail",
              "suggested_response", "url"]]
st.dataframe(
    table, hide_index=True, width="stretch",
    column_config={
        "published_at": st.column_config.DatetimeColumn("Published (UTC)", format="D MMM YYYY HH:mm"),
        "inaccuracy_ids": "Fact or myth",
        "inaccuracy_detail": st.column_config.TextColumn("Evidence", width="large"),
        "suggested_response": st.column_config.TextColumn("Suggested correction", width="large"),
        "url": st.column_config.LinkColumn("Link"),
    },
)
