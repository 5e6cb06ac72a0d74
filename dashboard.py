"""Listening Post dashboard: page config, the shared sidebar of filters, and the page router.

Run with `make run` (or `python cli.py serve`). Each page is one module in views/.
"""

from __future__ import annotations

import streamlit as st

from views import data, filters

st.set_page_config(page_title="Listening Post", page_icon="👂", layout="wide")

pages = [
    st.Page("views/overview.py", title="Overview", icon=":material/monitoring:", default=True),
    st.Page("views/inbox.py", title="Inbox", icon=":material/inbox:"),
    st.Page("views/alerts.py", title="Alerts", icon=":material/notifications:"),
    st.Page("views/voices.py", title="Voices", icon=":material/campaign:"),
    st.Page("views/stories.py", title="Stories", icon=":material/timeline:"),
    st.Page("views/mentions.py", title="Mentions", icon=":material/forum:"),
    st.Page("views/inaccuracies.py", title="Inaccuracies", icon=":material/fact_check:"),
    st.Page("views/sources.py", title="Sources", icon=":material/rss_feed:"),
    st.Page("views/watchlist.py", title="Watchlists", icon=":material/manage_search:"),
    st.Page("views/reports.py", title="Reports", icon=":material/download:"),
]
page = st.navigation(pages)

config = data.config_or_stop()
with st.sidebar:
    st.caption(f"Monitoring for {config.settings.organisation_name}")
    filters.sidebar(data.filter_options())
    st.text_input("Your name", key="user_name", help="Recorded with every correction and watchlist change you make.")

page.run()
