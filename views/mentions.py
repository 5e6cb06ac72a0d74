"""Mentions: the filtered list, newest first, each with its analysis and suggested response."""

from __future__ import annotations

import math

import streamlit as st

from views import data, filters
from views._format import escape_md, link, when

PAGE_SIZE = 25
PAGE_KEY = "mentions_page"

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
        badges = [f"Sentiment: {row.sentiment_label} ({row.sentiment:+.2f})"]
        if row.topics:
            badges.append("Topics: " + escape_md(row.topics.replace(";", ", ")))
        if row.voices:
            badges.append("Voices: " + escape_md(row.voices.replace(";", ", ")))
        if row.is_question:
            badges.append("Question")
        st.markdown(" | ".join(badges))
        if row.text:
            st.text(row.text[:600] + ("…" if len(row.text) > 600 else ""))
        if row.inaccuracy_ids:
            st.warning("Possible factual inaccuracy: " + escape_md(row.inaccuracy_detail))
        if row.suggested_response:
            st.markdown(f"Suggested response ({row.response_kind}). Copy, check and edit before use:")
            st.code(row.suggested_response, language=None, wrap_lines=True)
