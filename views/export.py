"""Export: the mentions matching the current filter as CSV (columns described in the README)."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from reports import to_csv
from storage import queries
from views import data, filters

st.title("Export")
current = filters.current()
total = data.count(current)
st.write(f"{total:,} mention(s) match the current filter. Times are ISO 8601 UTC; text that a spreadsheet "
         "could run as a formula is prefixed with an apostrophe.")
bom = st.checkbox("Add a byte-order mark (helps Excel open UTF-8 correctly)", key="export_bom")
if total and st.button("Prepare CSV", key="export_prepare"):
    with st.spinner("Writing CSV…"):
        rows, content = to_csv(queries.iter_pages(data.store(), current), bom=bom)
    st.download_button(f"Download {rows:,} mention(s) as CSV", data=content or b"", mime="text/csv",
                       file_name=f"listening-post-mentions-{dt.date.today():%Y-%m-%d}.csv", key="export_download", on_click="ignore")
