"""Stories: the stories growing fastest under the current filter, and how one story spread from channel to
channel (when each was reached, through whom), with every mention it gathered and how each was grouped.

A story is a group of mentions about the same thing: copies, re-posts and paraphrases
(``storage.stories``); the spread is ``analysis.spread``. Links from alerts open ``/stories?story=<id>``.
"""

from __future__ import annotations

import datetime as dt

import altair as alt
import pandas as pd
import streamlit as st

import pipeline
from analysis import spread
from storage import Filters
from views import _charts, data, filters
from views._format import escape_md, when

HOURS = 24
STORY_KEY, PARAM = "stories_story", "story"
GROWING_COLUMNS = {
    "title": "Story (first mention)", "first_at": st.column_config.DatetimeColumn("First seen (UTC)"),
    "first_source": "First source", "first_channel": "First channel", "path": "Channels reached",
    "jumped": "Jumped", "recent": f"Last {HOURS} h", "previous": f"{HOURS} h before", "growth": "Growth",
    "mentions": "Mentions", "sources": "Sources", "authors": "Authors",
    "negative_share": st.column_config.NumberColumn("Negative", format="percent"),
    "candidates": "Inaccuracy candidates"}
MEMBER_COLUMNS = {
    "published_at": st.column_config.DatetimeColumn("Time (UTC)"), "channel": "Channel", "source": "Source",
    "author": "Author", "title": "Title", "url": st.column_config.LinkColumn("Link", display_text="Open"),
    "sentiment_label": "Sentiment", "inaccuracy_ids": "Inaccuracy candidates", "grouped": "Grouped as"}


def reference_time(filters: Filters, now: dt.datetime) -> dt.datetime:
    """The earlier of ``now`` (to the minute) and the end of the filter's last day."""
    now = now.replace(second=0, microsecond=0)
    if filters.date_to is None:
        return now
    return min(now, dt.datetime.combine(filters.date_to + dt.timedelta(days=1), dt.time(), tzinfo=dt.timezone.utc))


def growing_table(growing: pd.DataFrame, members: pd.DataFrame, now: dt.datetime) -> pd.DataFrame:
    """The growing stories (figures over the matching mentions) with each story's first mention, path, jump and
    authors (over all its mentions up to ``now``)."""
    known = members[members["published_at"] <= pd.Timestamp(now)]
    summary = spread.summary(known, now, HOURS)
    table = growing.drop(columns=["first_at"]).merge(summary, on="story_id", how="left")
    table["jumped"] = table["jumped"].map({True: "Jumped"}).fillna("")
    table["negative_share"] = (table["negative"] / table["mentions"].where(table["mentions"] > 0)).round(4)
    table["authors"] = table["authors"].fillna(0).astype("int64")
    return table[["story_id", *GROWING_COLUMNS]]


def choose(table: pd.DataFrame) -> str | None:
    """The story to show: chosen in a selectbox of the growing stories, or named by ``?story=`` (an alert's
    link), which is kept in the page address so the view can be shared."""
    titles = dict(zip(table["story_id"], table["title"].fillna("(untitled)")))
    wanted = st.query_params.get(PARAM)
    if wanted and wanted not in titles:
        found = data.story_members((wanted,))
        if found.empty:
            st.warning("The story named in the page address is not in the store (any more).")
        else:
            titles = {wanted: f"{found['title'].fillna('(untitled)').iloc[0]} (not growing under this filter)",
                      **titles}
    if not titles:
        return None
    if wanted in titles and st.session_state.get(STORY_KEY) != wanted:
        st.session_state[STORY_KEY] = wanted   # an address opened from elsewhere (an alert) wins

    def remember() -> None:
        st.query_params[PARAM] = st.session_state[STORY_KEY]

    return st.selectbox("Story", list(titles), format_func=lambda s: titles[s][:120], key=STORY_KEY,
                        on_change=remember)


def spread_chart(story: pd.DataFrame, order: list[str]) -> alt.Chart:
    """One point per mention: when (x) and in which channel (y, in the order the story reached them)."""
    frame = story[["published_at", "channel", "source", "author", "title"]].fillna({"author": "", "title": ""})
    frame["time"] = frame["published_at"].dt.strftime("%d %b %Y %H:%M UTC")
    return (alt.Chart(frame).mark_point(filled=True, size=90)
            .encode(x=alt.X("published_at:T", title="Published (UTC)", scale=alt.Scale(type="utc")),
                    y=alt.Y("channel:N", sort=order, title="Channel, in the order reached"),
                    color=alt.Color("channel:N", scale=_charts.colours(order), legend=None),
                    shape=alt.Shape("channel:N", scale=_charts.shapes(order), legend=None),
                    tooltip=["time:N", "channel:N", "source:N", "author:N", "title:N"]))


def show_story(story_id: str, now: dt.datetime) -> None:
    story = data.story_members((story_id,))
    if story.empty:
        return
    steps = spread.path(story)
    head = story.iloc[0]
    jumped = spread.jumped(steps[steps["reached_at"] <= pd.Timestamp(now)], now, HOURS)
    st.markdown(f"**{escape_md(head['title'] if pd.notna(head['title']) else '') or '(untitled)'}**")
    st.caption(f"First seen {when(head['published_at'])} in {escape_md(head['source'])} ({head['channel']}) · "
               f"{len(story):,} mention(s) · channels: {escape_md(' → '.join(steps['channel']))}"
               + (f" · **Jumped**: reached the news within {HOURS} hours of {when(now)}" if jumped else ""))
    order = steps["channel"].tolist()
    _charts.show(spread_chart(story, order), story[["published_at", "channel", "source", "author", "title"]],
                 "spread of the story by channel over time", key="story_spread",
                 column_config={"published_at": st.column_config.DatetimeColumn("Time (UTC)")})
    st.markdown("**Path**")
    st.dataframe(steps.drop(columns=["story_id"]), hide_index=True, width="stretch", key="story_path",
                 alt="The channels the story reached, in order", column_config={
                     "channel": "Channel", "reached_at": st.column_config.DatetimeColumn("Reached (UTC)"),
                     "mentions": "Mentions", "sources": "Sources", "authors": "Authors",
                     "first_source": "First source there"})
    st.markdown("**Mentions**")
    grouped = [m if m == "first" else f"{m} ({s:.2f})" for m, s in zip(story["method"], story["similarity"])]
    st.dataframe(story.assign(grouped=grouped)[list(MEMBER_COLUMNS)], hide_index=True, width="stretch",
                 key="story_members", alt="Every mention of the story, oldest first", column_config=MEMBER_COLUMNS)
    st.caption("Grouped as: *first* is the story's first mention; *duplicate* a copy of it (syndicated or re-posted, "
               "near-identical text); *paraphrase* the same story in other words. The figure is the similarity "
               "(0 to 1) to the mention it was matched with.")


st.title("Stories")
current = filters.current()
now = reference_time(current, pipeline.utc_now())
st.caption(f"Growth is measured at {when(now)}: the earlier of now and the end of the filter's last day, so a "
           f"filter on past dates shows the stories growing at the end of that span. *Last {HOURS} h* counts the "
           f"matching mentions in the {HOURS} hours before it, *{HOURS} h before* the {HOURS} hours before those. "
           "*Jumped*: the story started in forums, blogs or social media and reached the news in the last "
           f"{HOURS} hours. Counts are of the mentions matching the filter; the first mention, the channels "
           "reached and the authors are the whole story's.")
pending = data.stories_pending()
if pending:
    st.info(f"{pending:,} mention(s) are still waiting to be grouped into stories: until then each counts as a "
            "story of its own. Each collection groups what it brings; `python cli.py stories` groups the rest (a "
            "store from before stories existed).")

growing = data.growing_stories(current, now, HOURS)
members = data.story_members(tuple(growing["story_id"])) if not growing.empty else pd.DataFrame()
table = growing_table(growing, members, now) if not growing.empty else pd.DataFrame(columns=["story_id", "title"])
st.subheader("Growing fastest")
if table.empty:
    st.info(f"No story has a matching mention in the {HOURS} hours before {when(now)}. Widen the dates or clear a "
            "filter in the sidebar (the dates' last day sets when growth is measured).")
else:
    st.dataframe(table, hide_index=True, width="stretch", key="growing", column_order=list(GROWING_COLUMNS),
                 column_config=GROWING_COLUMNS, alt="The stories growing fastest")

st.subheader("How a story spread")
chosen = choose(table)
if chosen:
    show_story(chosen, now)
elif table.empty:
    st.caption("Choose a story once one is growing under the filter.")
