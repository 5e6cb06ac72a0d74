"""Overview: the period's figures against the period before, what waits for a person, volume and
sentiment over time by topic, and the sources that have gone silent."""

from __future__ import annotations

import streamlit as st

from storage.counting import UNITS
from views import _charts, data, filters
from views.data import COUNTS, UNIT_NOTES

st.title("Overview")
current = filters.current()
totals = data.totals(current)
before_filter = data.previous(current)
before = data.totals(before_filter) if before_filter else None


def _delta(name: str) -> int | None:
    return None if before is None else totals[name] - before[name]


negative_share = totals["negative"] / totals["mentions"] if totals["mentions"] else 0.0
negative_before = before["negative"] / before["mentions"] if before and before["mentions"] else None
cols = st.columns(5)
cols[0].metric("Mentions", f"{totals['mentions']:,}", delta=_delta("mentions"))
cols[1].metric("Negative", f"{negative_share:.0%}", delta_color="inverse",
               delta=None if negative_before is None else f"{(negative_share - negative_before) * 100:+.0f} points")
cols[2].metric("Inaccuracy candidates", f"{totals['inaccuracies']:,}", delta=_delta("inaccuracies"),
               delta_color="inverse")
cols[3].metric("Questions", f"{totals['questions']:,}", delta=_delta("questions"), delta_color="off")
cols[4].metric("Sources", f"{totals['sources']:,}", delta=_delta("sources"), delta_color="off")
if before_filter is not None:
    st.caption(f"Changes are against the {(current.date_to - current.date_from).days + 1} days before: "
               f"{before_filter.date_from:%d %b %Y} to {before_filter.date_to:%d %b %Y}, with the same filters.")

waiting = data.waiting(current)
activity = data.source_activity()
silent = activity[activity["is_silent"]] if not activity.empty else activity
st.subheader("Waiting for a person")
cols = st.columns(4)
with cols[0]:
    st.metric("Inaccuracy flags to review", f"{waiting['open_candidates']:,}")
    st.page_link("views/inaccuracies.py", label="Review them on Inaccuracies", icon=":material/fact_check:")
with cols[1]:
    st.metric("Questions still open", f"{waiting['open_questions']:,}")
    st.page_link("views/inbox.py", label="Answer them in the Inbox", icon=":material/inbox:")
with cols[2]:
    st.metric("Sources gone silent", f"{len(silent):,}")
    st.page_link("views/sources.py", label="Check them on Sources", icon=":material/rss_feed:")
with cols[3]:
    open_alerts = data.open_alerts(days=7)
    st.metric("Alerts not acknowledged", f"{open_alerts:,}",
              help="Alerts raised in the last 7 days that nobody has acknowledged yet.")
    st.page_link("views/alerts.py", label="See them on Alerts", icon=":material/notifications:")

if totals["mentions"] == 0:
    st.info("No mentions match the current filter. Widen the dates or clear a filter in the sidebar, "
            "or collect sources from the Sources page.")
    st.stop()

period = _charts.period_choice(current)
volume = data.volume(current, period)
topics = data.topic_volume(current, period)

st.subheader("Volume over time by topic")
cols = st.columns(2)
unit = cols[0].radio("Count", list(COUNTS), format_func=COUNTS.get, horizontal=True, key="overview_count",
                     help="Per story, copies and re-posts of one story count once; per distinct source, each source "
                          "counts once however much it carried.")
noun = "mentions" if unit == "mentions" else UNITS[unit]
measure = cols[1].radio("Show", ["Mentions", "Share of all mentions"], horizontal=True, key="overview_measure",
                        format_func=lambda m: noun.capitalize() if m == "Mentions" else f"Share of all {noun}",
                        help=f"Share: a topic's {noun} over all {noun} in the same period, among the mentions "
                             "matching the filter (a mention of two topics counts in both).")
counted = topics if unit == "mentions" else data.topic_units(current, unit, period)
if unit != "mentions":
    st.caption(f"Counted in {noun}: {UNIT_NOTES[unit]} Each counts once in every {period} (and topic) it appears in.")
if counted.empty:
    st.info("None of the matching mentions is tagged with a watched topic.")
else:
    share = measure != "Mentions"
    label = f"share of all {noun}" if share else noun
    chart = _charts.lines(counted, "period", "share" if share else "mentions", "topic", percent=share,
                          x_title=f"{period.capitalize()} (UTC)", y_title=label.capitalize())
    _charts.show(chart, counted[["period", "topic", "mentions", "all_mentions", "share"]],
                 f"{label} per {period} by topic", key="topic_volume",
                 column_config={**({} if unit == "mentions" else {"mentions": noun, "all_mentions": f"all {noun}"}),
                                "share": st.column_config.NumberColumn("share", format="percent")})

st.subheader("Sentiment over time")
st.caption("The mix of sentiment labels among all matching mentions per period, then net sentiment by topic: "
           "(positive - negative) / mentions, from -1 (all negative) to +1 (all positive). A person's correction on "
           "the Mentions page replaces the model's label. Sentiment is VADER with policy-language overrides "
           "(config/lexicon.toml). Against human ratings it correlates r = 0.87 on tweets, 0.50 on newspaper "
           "editorials, 0.43 on film reviews and 0.59 on product reviews; on 2,000 labelled tweets it gives the right "
           "label 57% of the time (macro-F1 0.56). Read single scores as indicative and trends over many mentions as "
           "more reliable.")
mix = _charts.sentiment_bars(volume, "period", title="Share of mentions", horizontal=False)
_charts.show(mix, volume, f"sentiment mix per {period}", key="sentiment_mix")
if not topics.empty:
    mood = _charts.lines(topics, "period", "net_sentiment", "topic", x_title=f"{period.capitalize()} (UTC)",
                         y_title="Net sentiment", domain=(-1, 1))
    _charts.show(mood, topics[["period", "topic", "mentions", "positive", "neutral", "negative", "net_sentiment"]],
                 f"net sentiment per {period} by topic", key="topic_sentiment")

st.subheader("Sources gone silent")
if silent.empty:
    st.success("Every source that usually posts has posted recently.")
else:
    st.warning(f"{len(silent)} source(s) have published nothing for more than three times their usual gap: monitoring "
               "there may have gone blind. Check them on the Sources page.")
    st.dataframe(silent, hide_index=True, width="stretch", alt="Sources gone silent")
