"""Reports: the CSV reports for a meeting, for the current filter, each with its totals shown first so they
can be checked against the other pages. The same reports run from the CLI: ``cli.py export --report NAME``."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from report_catalogue import REPORTS, export
from storage.aggregates import PERIODS
from views import data, filters

st.title("Reports")
st.write("Each report covers the mentions matching the filters in the sidebar. Times are ISO 8601 UTC; text a "
         "spreadsheet could run as a formula (starting with = + - @, a tab or a carriage return) is prefixed with "
         "an apostrophe. The same reports run on a schedule with `python cli.py export --report NAME`.")
current = filters.current()
config = data.config_or_stop()
own = config.watchlist.own_voice

names = list(REPORTS)
name = st.selectbox("Report", names, format_func=lambda n: REPORTS[n].title, key="report_name")
report = REPORTS[name]
st.caption(report.describes + f" Columns: {', '.join(report.columns)} (described in the README).")
cols = st.columns(2)
period = cols[0].radio("Rows per", list(PERIODS), horizontal=True, key="report_period", format_func=str.capitalize,
                       index=0 if name == "daily-topics" else 1) if report.periodic else None
bom = cols[1].checkbox("Add a byte-order mark (helps Excel open UTF-8 correctly)", key="export_bom")
options = {"own": own, **({"period": period} if period else {})}
the_store = data.store()  # resolved here: the download runs in its own thread, outside this page's run

summary = data.report_summary(name, current, period or "", own)
st.metric(f"Rows ({report.noun.removesuffix('(s)')})", f"{summary['rows']:,}")
if summary["totals"]:
    st.caption("Totals in this report: " + "; ".join(f"{k} {v:,}" for k, v in summary["totals"].items())
               + ". They equal the figures on the Overview and Voices pages for the same filter.")
if summary["rows"]:
    with st.expander("Preview: the first rows"):
        st.dataframe(data.report_preview(name, current, period or "", own), hide_index=True, width="stretch",
                     alt=f"Preview of the {report.title.lower()} report")
    st.download_button(f"Download {report.title.lower()} as CSV", key="export_download", mime="text/csv",
                       data=lambda: export(name, the_store, current, None, bom, **options)[1] or b"",
                       file_name=f"listening-post-{name}-{dt.date.today():%Y-%m-%d}.csv", on_click="ignore",
                       icon=":material/download:")
else:
    st.info("Nothing to report for the current filter: widen the dates or clear a filter in the sidebar.")
