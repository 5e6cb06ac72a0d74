"""The shared filters in the sidebar. Widget state lives under constant keys; :func:`current`
turns it into a :class:`storage.Filters` for any page.

Every filter is bound to the page address (``bind="query-params"``, its key is the parameter name), so a
view can be bookmarked or sent to a colleague, and it survives moving between pages:
``/voices?topic=State+Pension&channel=news&dates=2025-10-01&dates=2025-10-31&status=In+review`` (a choice
shown with a label, such as a flag or a triage status, is named by its label).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import streamlit as st

from storage import Filters
from storage.queries import FLAGS
from storage.triage import STATUS_LABELS, STATUSES

KEYS = {"dates": "dates", "topics": "topic", "voices": "voice", "channels": "channel", "sources": "source",
        "sentiments": "sentiment", "flags": "flag", "statuses": "status", "search": "q"}
BIND = "query-params"
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
                      max_value=options["last_day"], key=KEYS["dates"], bind=BIND)
    st.multiselect("Topic", options["topics"], key=KEYS["topics"], placeholder="Any topic", bind=BIND)
    st.multiselect("Voice", options["voices"], key=KEYS["voices"], placeholder="Any voice", bind=BIND)
    st.multiselect("Channel", options["channels"], key=KEYS["channels"], placeholder="Any channel", bind=BIND)
    st.multiselect("Source", options["sources"], key=KEYS["sources"], placeholder="Any source", bind=BIND)
    st.multiselect("Sentiment", SENTIMENTS, key=KEYS["sentiments"], placeholder="Any sentiment", bind=BIND)
    st.multiselect("Flag", list(FLAGS), format_func=FLAGS.get, key=KEYS["flags"], placeholder="Any", bind=BIND)
    st.multiselect("Triage status", STATUSES, format_func=STATUS_LABELS.get, key=KEYS["statuses"],
                   placeholder="Any status", bind=BIND)
    st.text_input("Words in title or text", key=KEYS["search"], bind=BIND)
    st.caption("The address of this page keeps these filters: bookmark it or send it to a colleague.")


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
        statuses=tuple(state.get(KEYS["statuses"], ())),
    )
