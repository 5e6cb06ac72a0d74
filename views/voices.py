"""Voices: share of voice of the organisation against competing voices (overall, over time and by channel),
sentiment toward each, where each is heard, and the opinion-formers per topic; the method under each figure."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from storage import Filters
from storage.aggregates import RANKINGS
from storage.counting import UNITS
from views import _charts, data, filters
from views.data import COUNTS, UNIT_NOTES

SHARE_METHOD = (
    "**Method.** Share of voice = a voice's mentions / all voice mentions matching the filter; a mention naming "
    "two voices counts once for each. Over time, the same per period; by channel, the same within each channel.")
TOWARD_METHOD = (
    "**Method.** Sentiment toward a voice is VADER's score over the sentences of a mention that match the voice's "
    "query, labelled positive from +0.05 and negative from -0.05; where a person has corrected a mention's "
    "sentiment on the Mentions page, their label wins for every voice the mention names. A mention matched only by "
    "`site:` (no sentence names the voice) takes the whole mention's sentiment. Net sentiment = (positive - "
    "negative) / mentions, from -1 (all negative) to +1 (all positive); mean toward is the mean score. Sources "
    "counts the distinct sources the mentions were first collected from.")
PEOPLE_METHOD = (
    "**Method.** Per topic, over the mentions matching the filter: *mentions* is how many they wrote or carried; "
    "*engagement* is the replies plus score (likes, upvotes) those posts drew, as the source reports them (news and "
    "blog feeds report none); feeds publish no audience sizes, so *reach* is breadth: for an author, the distinct "
    "sources that carried their posts (a syndicated post counts in each); for a source, the distinct authors heard "
    "in it. Authors are named as the source names them; an item without an author is left out.")



def per_unit(table: pd.DataFrame, unit: str, current: Filters) -> pd.DataFrame:
    """Share of voice counted in distinct stories or sources, in the voices' order (``table``)."""
    counted = data.counted_totals(current, unit, "voice")[["voice", "mentions", "share"]]
    out = table[["voice", "role"]].merge(counted, on="voice", how="left")
    return out.fillna({"mentions": 0, "share": 0.0}).astype({"mentions": "int64"})


st.title("Voices")
config = data.config_or_stop()
own = config.watchlist.own_voice
current = filters.current()
table = data.voices(current)

if table.empty:
    st.info("No mention of a watched voice matches the current filter. Widen the dates or clear a filter in the "
            "sidebar, or add voices on the Watchlists page.")
    st.stop()

# the own voice first, then competitors by mentions (the query's order); colours follow this order everywhere
table["is_own"] = table["voice"] == own
table = pd.concat([table[table["is_own"]], table[~table["is_own"]]], ignore_index=True)
table["role"] = table["is_own"].map({True: "Own voice", False: "Competing voice"})
order = table["voice"].tolist()
ours = table[table["is_own"]]
headline = st.container()  # the metrics, filled once the Count below is known

st.subheader("Share of voice")
unit = st.radio("Count", list(COUNTS), format_func=COUNTS.get, horizontal=True, key="voices_count",
                help="Per story, copies and re-posts of one story count once; per distinct source, each source "
                     "counts once however much it carried. Sentiment is counted per item whatever is chosen here.")
noun = "mentions" if unit == "mentions" else UNITS[unit]
shares = table[["voice", "role", "mentions", "share"]] if unit == "mentions" else per_unit(table, unit, current)
units_config = {} if unit == "mentions" else {"mentions": noun}
st.caption((f"{own} is the organisation's own voice, drawn first and in blue." if own else
            "Every voice is a competing voice until one is marked as the organisation's own.")
           + ("" if unit == "mentions" else f" Counted in {noun}: {UNIT_NOTES[unit]} Share of voice by channel "
              "and the sentiment figures stay counted per item."))
y = alt.Y("voice:N", sort=order, title=None)
x = alt.X("share:Q", title="Share of voice", axis=alt.Axis(format="%"))
bars = (alt.Chart(shares).mark_bar()
        .encode(x=x, y=y, color=alt.Color("voice:N", scale=_charts.colours(order), legend=None),
                tooltip=["voice:N", "role:N", alt.Tooltip("mentions:Q", title=noun),
                         alt.Tooltip("share:Q", format=".1%")]))
# the figure beside each bar, in the theme's default mark colour so it reads in light and dark mode alike
labels = alt.Chart(shares).mark_text(align="left", dx=3).encode(x=x, y=y, text=alt.Text("share:Q", format=".1%"))
_charts.show(bars + labels, shares, "share of voice", key="share",
             column_config={**units_config, "share": st.column_config.NumberColumn("share", format="percent")})

with headline:
    cols = st.columns(3)
    if own is None:
        cols[0].metric("Own share of voice", "—")
        cols[1].metric("Net sentiment toward own voice", "—")
    else:
        mine = shares[shares["voice"] == own]
        share = float(mine["share"].iloc[0]) if not mine.empty else 0.0
        net = ours["net_sentiment"].iloc[0] if not ours.empty else None
        cols[0].metric(f"{own} share of voice", f"{share:.1%}", help=f"Counted in {noun}.")
        cols[1].metric(f"Net sentiment toward {own}", "—" if net is None or pd.isna(net) else f"{net:+.2f}",
                       help="Counted per item (mention).")
    cols[2].metric("Voices", f"{len(table):,}")
    if own is None:
        st.caption("No voice is marked as the organisation's own: set `own = true` on one voice on the Watchlists "
                   "page.")
    elif ours.empty:
        st.caption(f"{own} (own voice) has no mentions under the current filter.")

period = _charts.period_choice(current, key="voices_period")
over_time = data.share_of_voice(current, period) if unit == "mentions" else data.voice_units(current, unit, period)
st.subheader("Share of voice over time")
chart = _charts.lines(over_time, "period", "share", "voice", x_title=f"{period.capitalize()} (UTC)",
                      y_title="Share of voice", percent=True, order=order)
_charts.show(chart, over_time, f"share of voice per {period}", key="share_over_time",
             column_config={**units_config, "share": st.column_config.NumberColumn("share", format="percent")})

st.subheader("Share of voice by channel")
channels = data.tag_channels(current, "voice")
channels["voice_order"] = channels["voice"].map({v: i for i, v in enumerate(order)})
by_channel = (alt.Chart(channels).mark_bar()
              .encode(x=alt.X("mentions:Q", stack="normalize", title="Share of the channel's voice mentions",
                              axis=alt.Axis(format="%")),
                      y=alt.Y("channel:N", title=None),
                      color=alt.Color("voice:N", scale=_charts.colours(order), title="Voice"),
                      order=alt.Order("voice_order:Q"),
                      tooltip=["channel:N", "voice:N", "mentions:Q",
                               alt.Tooltip("share_of_channel:Q", format=".1%")]))
_charts.show(by_channel, channels.drop(columns=["voice_order"]), "share of voice by channel", key="by_channel",
             column_config={"share_of_channel": st.column_config.NumberColumn("share_of_channel", format="percent")})
st.caption(SHARE_METHOD)

st.subheader("Sentiment toward each voice")
mood = _charts.sentiment_bars(table, "voice", title="Share of the voice's mentions")
_charts.show(mood, table.drop(columns=["role", "is_own"]), "sentiment toward each voice", key="toward",
             column_config={"share": st.column_config.NumberColumn("share", format="percent")})
st.caption(TOWARD_METHOD)

st.subheader("Where each voice is heard")
heard = data.tag_sources(current, "voice", 5)
st.caption("The five sources carrying most mentions of each voice, with their channel; the chart above shows the "
           "channels.")
st.dataframe(heard, hide_index=True, width="stretch", alt="Top sources per voice")

st.subheader("Opinion-formers per topic")
st.caption("The authors and sources that lead each topic: the channels and people to know early in news planning.")
options = data.filter_options()
cols = st.columns(2)
topic = cols[0].selectbox("Topic", options["topics"], key="people_topic", placeholder="Choose a topic",
                          index=0 if options["topics"] else None)
rank_by = cols[1].radio("Rank by", RANKINGS, horizontal=True, key="people_rank", format_func=str.capitalize)
if topic:
    for by, noun in (("author", "Authors"), ("source", "Sources")):
        people = data.top_people(current, by, rank_by, topic).drop(columns=["topic"])
        st.markdown(f"**{noun}: top {len(people)} on {topic} by {rank_by}**")
        if people.empty:
            st.caption(f"No {noun.lower()} on {topic} under the current filter.")
        else:
            st.dataframe(people, hide_index=True, width="stretch", alt=f"Top {noun.lower()} on {topic} by {rank_by}")
st.caption(PEOPLE_METHOD)
