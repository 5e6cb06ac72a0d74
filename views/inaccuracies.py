"""Inaccuracies: candidates whose claims contradict the facts register or repeat a known false claim.

Each candidate shows its evidence (the sentence with the claim highlighted, the claimed and the
official value, the difference, a confidence, the fact's source and validity dates) and a person
confirms or dismisses it; every decision is stored with who, when and why. The table at the top
shows, per fact or myth, how often its flags were dismissed and through which keyword, so a
misleading keyword can be fixed in config/facts.toml (its ``keywords`` or ``exclude`` list).
"""

from __future__ import annotations

import math

import streamlit as st

from mention import read_matches
from storage.inaccuracies import DISMISS_REASONS
from views import data, filters
from views._evidence import evidence_lines
from views._format import escape_md, highlight, link, when

PAGE_SIZE = 20
STATUS_KEY, PAGE_KEY = "inacc_status", "inacc_page"
STATUS_LABELS = {"open": "Open flags", "possible": "Possible (below the flag threshold)", "confirmed": "Confirmed",
                 "dismissed": "Dismissed", "all": "All"}


def decision_form(row: object, reasons: tuple[str, ...]) -> None:
    key = f"{row.mention_id}_{row.inaccuracy_id}"
    left, right = st.columns(2)
    if row.decision in ("", "reopened"):
        if left.button("Confirm", key=f"confirm_{key}", help="The post does state this wrong figure or myth."):
            show(data.review_inaccuracy(row.mention_id, row.inaccuracy_id, "confirmed"))
        with right.popover("Dismiss"):
            with st.form(f"dismiss_{key}", border=False):
                reason = st.selectbox("Why is it not an inaccuracy?", reasons, key=f"reason_{key}")
                note = st.text_input("Note (optional)", key=f"note_{key}")
                if st.form_submit_button("Dismiss"):
                    show(data.review_inaccuracy(row.mention_id, row.inaccuracy_id, "dismissed", reason, note))
    elif left.button("Reopen", key=f"reopen_{key}"):
        show(data.review_inaccuracy(row.mention_id, row.inaccuracy_id, "reopened"))


def show(problem: str | None) -> None:
    if problem:
        st.error(problem)
    else:
        st.rerun()


config = data.config_or_stop()
st.title("Factual-inaccuracy candidates")
st.caption("Posts whose claims contradict the register of official facts (config/facts.toml) or repeat a known "
           "false claim. Each is a candidate for a person to confirm or dismiss before anyone responds.")
current = filters.current()

summary = data.inaccuracy_summary(current)
if not summary.empty:
    st.subheader("By fact or myth")
    st.caption("Dismissals per fact show where a keyword misleads: add an `exclude` word or change its `keywords`; "
               "for a myth, the keyword may be one of its `says` queries: narrow it with `AND NOT (...)`.")
    st.dataframe(summary, hide_index=True, width="stretch", column_config={
        "inaccuracy_id": "Fact or myth", "kind": "Kind", "flagged": "Flagged", "possible": "Possible",
        "confirmed": "Confirmed", "dismissed": "Dismissed",
        "dismissal_rate": st.column_config.NumberColumn("Dismissal rate", format="percent"),
        "most_dismissed_keyword": "Keyword most often dismissed"})

status = st.radio("Show", list(STATUS_LABELS), format_func=STATUS_LABELS.get, horizontal=True, key=STATUS_KEY)
total = data.count_candidates(current, status)
if total == 0:
    st.success(f"No {STATUS_LABELS[status].lower()} candidates match the current filter.")
    st.stop()
pages = max(1, math.ceil(total / PAGE_SIZE))
st.caption(f"{total:,} candidate(s).")
number = st.number_input(f"Page (of {pages})", min_value=1, max_value=pages, value=1, step=1, key=PAGE_KEY)
rows = data.candidates(current, status, PAGE_SIZE, (int(number) - 1) * PAGE_SIZE)
reasons = DISMISS_REASONS

for row in rows.itertuples(index=False):
    c = next((x for x in read_matches(row.inaccuracies) if x.get("id") == row.inaccuracy_id), None)
    if c is None:
        continue
    with st.container(border=True):
        st.markdown(f"**{link(row.title or c['sentence'][:80], row.url)}**")
        decided = f" · {row.decision} by {escape_md(row.reviewed_by)}" if row.decision else ""
        level = "flag" if row.level == "flag" else "possible match"
        st.caption(" · ".join([escape_md(row.source), row.channel, when(row.published_at), level]) + decided)
        st.markdown(highlight(c["sentence"], [(c["start"], c["end"])], limit=1000))
        for line in evidence_lines(c, config):
            st.markdown(line)
        decision_form(row, reasons)
        if row.suggested_response and row.level == "flag":
            with st.expander("Suggested correction"):
                st.code(row.suggested_response, language=None, wrap_lines=True)
        history = data.inaccuracy_history(row.mention_id)
        history = history[history["inaccuracy_id"] == row.inaccuracy_id]
        if not history.empty:
            with st.expander(f"Decisions ({len(history)})"):
                st.dataframe(history[["reviewed_at", "reviewed_by", "decision", "reason", "note"]], hide_index=True)
