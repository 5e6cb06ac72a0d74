"""Mentions: the filtered list, newest first, each with its analysis and suggested response."""

from __future__ import annotations

import math

import streamlit as st

from mention import read_matches
from views import data, filters
from views._format import escape_md, highlight, link, when

PAGE_SIZE = 25
PAGE_KEY = "mentions_page"
LABELS = ("positive", "neutral", "negative")
WITHDRAW = "the model's label (withdraw my correction)"


def tag_list(tags: list[dict], kind: str) -> str:
    """'Name (toward +0.42), ...' for the tags of one kind."""
    shown = []
    for tag in (t for t in tags if t.get("kind") == kind):
        toward = tag.get("sentiment")
        shown.append(escape_md(str(tag.get("name", ""))) + (f" (toward {toward:+.2f})" if toward is not None else ""))
    return ", ".join(shown)


def correction_form(row: object) -> None:
    """Let a person set this mention's sentiment; stored with their name, used by charts and exports."""
    with st.popover("Correct sentiment"):
        with st.form(f"correct_{row.mention_id}", border=False):
            choices = [*LABELS, WITHDRAW] if row.sentiment_corrected else list(LABELS)
            label = st.radio("Sentiment of this mention", choices, index=choices.index(row.sentiment_label),
                             key=f"label_{row.mention_id}")
            note = st.text_input("Why (optional)", key=f"note_{row.mention_id}")
            if st.form_submit_button("Save correction"):
                problem = data.correct_sentiment(row.mention_id, None if label == WITHDRAW else label, note)
                if problem:
                    st.error(problem)
                else:
                    st.rerun()

st.title("Mentions")
current = filters.current()
total = data.count(current)
pages = max(1, math.ceil(total / PAGE_SIZE))
st.caption(f"{total:,} mention(s) match the current filter.")
if total == 0:
    st.info("No mentions match the current filter.")
    st.stop()

number = st.number_input(f"Page (of {pages})", min_value=1, max_value=pages, value=1, step=1, key=PAGE_KEY)
rows = data.page(current, PAGE_SIZE, (int(number) - 1) * PAGE_SIZE)

for row in rows.itertuples(index=False):
    with st.container(border=True):
        st.markdown(f"**{link(row.title or row.text[:80], row.url)}**")
        meta = [escape_md(row.source), row.channel, escape_md(row.author) if row.author else None, when(row.published_at)]
        st.caption(" · ".join(m for m in meta if m))
        tags = read_matches(row.matches)
        if row.sentiment_corrected:
            badges = [f"Sentiment: {row.sentiment_label}, corrected by a person (model: {row.sentiment_model_label}, "
                      f"{row.sentiment:+.2f})"]
        else:
            badges = [f"Sentiment: {row.sentiment_label} ({row.sentiment:+.2f})"]
        if row.topics:
            badges.append("Topics: " + tag_list(tags, "topic"))
        if row.voices:
            badges.append("Voices: " + tag_list(tags, "voice"))
        if row.is_question:
            badges.append("Question" + (f" ({row.question_kind.replace('_', ' ')})" if row.question_kind else ""))
        st.markdown(" | ".join(badges))
        spans = [tuple(s) for t in tags for s in t.get("spans", [])]
        title_spans = [(s, e) for f, s, e in spans if f == "title"]
        if title_spans:
            st.markdown("Title: " + highlight(row.title, title_spans))
        if row.text:
            st.markdown(highlight(row.text, [(s, e) for f, s, e in spans if f == "text"]))
        correction_form(row)
        if row.inaccuracy_ids:
            st.warning("Possible factual inaccuracy: " + escape_md(row.inaccuracy_detail))
        if row.response_kind == "do_not_engage":
            st.markdown(f"Suggested: do not engage. {escape_md(row.response_reason)}")
        elif row.suggested_response:
            st.markdown(f"Suggested response ({row.response_kind}). Copy, check and edit before use:")
            st.code(row.suggested_response, language=None, wrap_lines=True)
