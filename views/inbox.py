"""Inbox: the queue of mentions that need a person, most urgent first, and one mention's detail: the post
with its matches highlighted, the evidence, an editable draft with its checks, and the triage actions.

Nothing is posted from here: a person copies the draft, posts it themselves and records what they gave.
Several people can work at once: each change names the version of the mention it was made on, and a
change made on a stale copy is refused with a message rather than overwriting someone else's.
"""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st

import pipeline
from analysis import drafts
from config import Config
from mention import read_matches
from reports import AUDIT_LOG_COLUMNS, RESPONSE_LOG_COLUMNS, to_csv
from storage.triage import OPEN, PRIORITIES, RANK_NAMES, STATUS_LABELS, STATUSES, TRANSITIONS, TriageState
from views import data, filters
from views._evidence import evidence_lines
from views._format import escape_md, highlight, link, when

PAGE_SIZE = 20
STATUS_KEY, WHO_KEY, ALL_KEY = "inbox_statuses", "inbox_who", "inbox_all"
PAGE_KEY, OPEN_KEY = "inbox_page", "inbox_open"
WHO = {"anyone": "Anyone", "me": "Me", "unassigned": "Unassigned"}
KIND_LABELS = {"correct": "Correct", "answer": "Answer", "refer": "Refer", "acknowledge": "Acknowledge",
               "do_not_engage": "Do not engage"}


def seen_version(mention_id: str, state: TriageState) -> int:
    """The version this browser session opened the mention at: kept until the person saves or reloads, so a
    change someone else made meanwhile makes theirs stale instead of being overwritten."""
    key = f"seen_{mention_id}"
    if key not in st.session_state:
        st.session_state[key] = state.version
    return int(st.session_state[key])


def outcome(mention_id: str, result: TriageState | str) -> None:
    """After a save: on success, the new version is the one this session works on; a problem (a stale
    edit, a move the rules forbid, no name) is kept to show until the person reloads or saves again."""
    if isinstance(result, str):
        st.session_state[f"problem_{mention_id}"] = result
        return
    st.session_state[f"seen_{mention_id}"] = result.version
    st.session_state.pop(f"problem_{mention_id}", None)
    st.rerun()


def problem(mention_id: str) -> None:
    message = st.session_state.get(f"problem_{mention_id}")
    if not message:
        return
    st.error(message)
    if st.button("Reload this mention", key=f"reload_{mention_id}"):
        st.session_state.pop(f"seen_{mention_id}", None)
        st.session_state.pop(f"problem_{mention_id}", None)
        st.rerun()


def post(row: object) -> None:
    st.markdown(f"**{link(row.title or row.text[:80], row.url)}**")
    meta = [escape_md(row.source), row.channel, escape_md(row.author) if row.author else None, when(row.published_at)]
    engagement = [f"{n} {label}" for n, label in ((row.replies, "replies"), (row.score, "score"))
                  if pd.notna(n)]
    st.caption(" · ".join(m for m in [*meta, *engagement] if m))
    spans = [tuple(s) for t in read_matches(row.matches) for s in t.get("spans", [])]
    if row.title and any(f == "title" for f, _, _ in spans):
        st.markdown("Title: " + highlight(row.title, [(s, e) for f, s, e in spans if f == "title"]))
    if row.text:
        st.markdown(highlight(row.text, [(s, e) for f, s, e in spans if f == "text"], limit=2000))


def draft_panel(row: object, config: Config) -> tuple[str, list]:
    """The suggested response, editable, with its checks beside it; returns (text, checks)."""
    kind = row.response_kind
    if not kind:
        st.info("No response suggested for this mention.")
        return "", []
    st.markdown(f"**Suggested: {KIND_LABELS.get(kind, kind)}** · {escape_md(row.response_reason)}")
    if kind == "do_not_engage":
        return "", []
    named = st.checkbox("Add the disclosure line (replying from a named or personal account)",
                        value=config.responses.account.named, key=f"disclose_{row.mention_id}")
    draft = drafts.with_disclosure(row.suggested_response, config, named)
    text = st.text_area("Draft (edit before use; nothing is posted from here)", value=draft, height=160,
                        key=f"draft_{row.mention_id}_{named}")
    claimed = next((c.get("claimed") for c in read_matches(row.inaccuracies) if c.get("kind") == "fact"), None)
    checks = drafts.check_draft(text, kind, config, claimed=claimed)
    for check in checks:
        icon = ":material/check_circle:" if check.ok else ":material/error:"
        st.markdown(f"{icon} **{escape_md(check.name)}**: {escape_md(check.detail)}")
    limits = config.responses
    st.caption(f"Version that fits {limits.max_length} characters (links count as {limits.url_length}):")
    st.code(drafts.short_variant(text, config), language=None, wrap_lines=True)
    return text, checks


def actions(row: object, state: TriageState, text: str, checks: list) -> None:
    mid = row.mention_id
    version = seen_version(mid, state)
    with st.form(f"triage_{mid}"):
        moves = [state.status, *TRANSITIONS[state.status]]
        status = st.selectbox("Status", moves, format_func=STATUS_LABELS.get, key=f"status_{mid}")
        assignee = st.text_input("Assigned to", value=state.assignee, key=f"assignee_{mid}")
        priority = st.selectbox("Priority", ("", *PRIORITIES), index=("", *PRIORITIES).index(state.priority),
                                format_func=lambda p: p or "Automatic", key=f"priority_{mid}")
        tags = st.text_input("Tags (comma-separated)", value=", ".join(state.tags), key=f"tags_{mid}")
        needs = st.checkbox("Needs authorisation", value=state.needs_authorisation, key=f"needs_{mid}",
                            help="A reply would commit the department: someone with authority must approve it.")
        informed = st.checkbox("Press office informed", value=state.press_office_informed, key=f"informed_{mid}")
        note = st.text_input("Note", key=f"note_{mid}")
        saved = st.form_submit_button("Save")
    if saved:
        outcome(mid, data.update_triage(mid, version, note, status=status, assignee=assignee, priority=priority,
                                        tags=tags.split(","), needs_authorisation=needs,
                                        press_office_informed=informed))
    if row.response_kind and row.response_kind != "do_not_engage" and state.status != "responded":
        with st.form(f"respond_{mid}"):
            st.markdown("Posted a reply yourself? Record what you gave (the draft above):")
            authorised = st.text_input("Authorised by" + (" (required)" if state.needs_authorisation else ""),
                                       key=f"authorised_{mid}")
            recorded = st.form_submit_button("Record response")
        if recorded:
            outcome(mid, data.record_response(mid, version, text, row.response_kind, suggested=row.suggested_response,
                                              authorised_by=authorised,
                                              checks_failed=tuple(c.name for c in checks if not c.ok)))
    problem(mid)


def detail(row: object, config: Config) -> None:
    state = data.triage_state(row.mention_id)
    if state.version != seen_version(row.mention_id, state):
        st.warning(f"{state.updated_by} changed this mention after you opened it: reload it before you change it.")
    st.subheader("Detail")
    st.caption(f"{STATUS_LABELS[state.status]} · priority {state.priority or RANK_NAMES[row.rank] + ' (automatic)'}"
               + (f" · assigned to {escape_md(state.assignee)}" if state.assignee else ""))
    left, right = st.columns([3, 2])
    with left:
        post(row)
        for c in read_matches(row.inaccuracies):
            if c.get("level") == "flag":
                for line in evidence_lines(c, config):
                    st.markdown(line)
        text, checks = draft_panel(row, config)
    with right:
        actions(row, state, text, checks)
        log = data.triage_audit(row.mention_id)
        with st.expander(f"Audit log ({len(log)})", expanded=False):
            st.dataframe(log[["acted_at", "acted_by", "action", "before", "after"]], hide_index=True)


def exports(current: filters.Filters) -> None:
    left, right = st.columns(2)
    with left:
        rows, content = to_csv([data.response_log(current)], columns=RESPONSE_LOG_COLUMNS)
        st.download_button(f"Response log ({rows:,}) as CSV", data=content or b"", file_name="response-log.csv",
                           mime="text/csv", key="inbox_responses_csv", on_click="ignore")
    with right:
        rows, content = to_csv([data.audit_log(current)], columns=AUDIT_LOG_COLUMNS)
        st.download_button(f"Audit log ({rows:,}) as CSV", data=content or b"", file_name="audit-log.csv",
                           mime="text/csv", key="inbox_audit_csv", on_click="ignore")


config = data.config_or_stop()
st.title("Inbox")
st.caption("Mentions that need a person: inaccuracy candidates, questions and suggested responses, most urgent "
           "first (candidates and questions from sources with wide reach lead). Nothing is posted from here.")
current = filters.current()
top = st.columns([3, 2, 2])
statuses = tuple(top[0].multiselect("Status", STATUSES, default=list(OPEN), format_func=STATUS_LABELS.get,
                                    key=STATUS_KEY)) or STATUSES
who = top[1].radio("Assigned to", list(WHO), format_func=WHO.get, horizontal=True, key=WHO_KEY)
everything = top[2].toggle("Every mention, not only those needing attention", key=ALL_KEY)
if who == "me" and not data.user_name():
    st.info("Enter your name in the sidebar to see what is assigned to you.")
    st.stop()
assignee = {"anyone": None, "me": data.user_name(), "unassigned": ""}[who]

with st.expander("Response times and exports"):
    for by in ("topic", "person"):
        st.markdown(f"Hours from collection to first action and to response, by {by}")
        st.dataframe(data.response_times(current, by), hide_index=True)
    exports(current)
live = data.collecting()


@st.fragment(run_every=config.settings.refresh_seconds if live else None)
def queue_table() -> pd.DataFrame:
    """The count and one page of the queue; while collectors run it re-reads itself every few seconds."""
    total = data.count_inbox(current, statuses, assignee, everything)
    if live:
        st.caption(f":material/autorenew: Collectors are running: this queue refreshes itself every "
                   f"{config.settings.refresh_seconds:g} s (last at {pipeline.utc_now():%H:%M:%S} UTC).")
    if total == 0:
        st.success("Nothing waiting for the current filter.")
        return pd.DataFrame()
    pages = max(1, math.ceil(total / PAGE_SIZE))
    number = st.number_input(f"Page (of {pages}) · {total:,} mention(s)", min_value=1, max_value=pages, value=1,
                             step=1, key=PAGE_KEY)
    queue = data.inbox(current, statuses, assignee, everything, PAGE_SIZE, (int(number) - 1) * PAGE_SIZE)
    table = queue.assign(priority=[p or f"{RANK_NAMES[r]} (auto)" for p, r in zip(queue["priority"], queue["rank"])],
                         title=[t or x[:80] for t, x in zip(queue["title"], queue["text"])])
    st.dataframe(table[["priority", "status", "response_kind", "channel", "source", "title", "assignee",
                        "published_at"]], hide_index=True, width="stretch", alt="The Inbox queue")
    return queue


queue = queue_table()
if queue.empty:
    st.stop()
labels = {r.mention_id: f"{r.title or r.text[:60]} · {r.source}" for r in queue.itertuples(index=False)}
chosen = st.selectbox("Open", list(labels), format_func=labels.get, key=OPEN_KEY)
detail(next(r for r in queue.itertuples(index=False) if r.mention_id == chosen), config)
