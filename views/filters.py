"""The shared filters in the sidebar. Widget state lives under constant keys; :func:`current`
turns it into a :class:`storage.Filters` for any page.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import streamlit as st

from storage import Filters
from storage.queries import FLAGS

KEYS = {"dates": "f_dates", "topics": "f_topics", "voices": "f_voices", "channels": "f_channels",
        "sources": "f_sources", "sentiments": "f_sentiments", "flags": "f_flags", "search": "f_search"}
SENTIMENTS = ("positive", "neutral", "negative")


def default_dates(options: dict[str, Any]) -> tuple[dt.date, dt.date] | None:
    """The newest 90 days of stored mentions (all of them when there are fewer)."""
    first, last = options.get("first_day"), options.get("last_day")
    if first is None or last is None:
        return None
    return max(first, last - dt.timedelta(days=89)), last


def sidebar(options: dict[str, Any]) -> None:
    """Draw the filter widgets (called once per run from dashboard.py, inside the sidebar)."""
    st.header("Filters")
    dates = default_dates(options)
    if dates:
        st.date_input("Published between", value=dates, min_value=options["first_day"],
                      max_value=options["last_day"], key=KEYS["dates"])
    st.multiselect("Topic", options["topics"], key=KEYS["topics"], placeholder="Any topic")
    st.multiselect("Voice", options["voices"], key=KEYS["voices"], placeholder="Any voice")
    st.multiselect("Channel", options["channels"], key=KEYS["channels"], placeholder="Any channel")
    st.multiselect("Source", options["sources"], key=KEYS["sources"], placeholder="Any source")
    st.multiselect("Sentiment", SENTIMENTS, key=KEYS["sentiments"], placeholder="Any sentiment")
    st.multiselect("Flag", list(FLAGS), format_func=FLAGS.get, key=KEYS["flags"], placeholder="Any")
    st.text_input("Words in title or text", key=KEYS["search"])


def current() -> Filters:
    """The filter the sidebar widgets describe right now."""
    state = st.session_state
    dates = state.get(KEYS["dates"]) or ()
    date_from = dates[0] if len(dates) > 0 else None
    date_to = dates[1] if len(dates) > 1 else date_from
    return Filters(
        date_from=date_from, date_to=date_to,
        topics=tuple(state.get(KEYS["topics"], ())), voices=tuple(state.get(KEYS["voices"], ())),
        channels=tuple(state.get(KEYS["channels"], ())), sources=tuple(state.get(KEYS["sources"], ())),
        sentiments=tuple(state.get(KEYS["sentiments"], ())), flags=tuple(state.get(KEYS["flags"], ())),
        search=state.get(KEYS["search"], "") or "",
    )
