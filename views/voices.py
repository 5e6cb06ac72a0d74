"""Voices: share of voice of the organisation's own voice against competing voices, and sentiment toward each."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from views import data, filters

# Colours from Tableau 10, which stays distinguishable with the common colour-vision deficiencies:
# the own voice in blue against grey competitors; sentiment blue / grey / orange, never red against green.
ROLES = {"Own voice": "#4e79a7", "Competing voice": "#bab0ac"}
TOWARD = {"positive": "#4e79a7", "neutral": "#bab0ac", "negative": "#f28e2b"}
METHOD = (
    "**Method.** Share of voice = a voice's mentions / all voice mentions matching the filter; a mention naming "
    "two voices counts once for each. Sentiment toward a voice is VADER's score over the sentences of a mention "
    "that match the voice's query, labelled positive from +0.05 and negative from -0.05; where a person has "
    "corrected a mention's sentiment on the Mentions page, their label wins for every voice the mention names. "
    "A mention matched only by `site:` "
    "(no sentence names the voice) takes the whole mention's sentiment. Net sentiment = (positive - negative) / "
    "mentions, from -1 (all negative) to +1 (all positive); mean toward is the mean score. Sources counts the "
    "distinct sources the mentions were first collected from.")

st.title("Voices")
config = data.config_or_stop()
own = next((v.name for v in config.watchlist.voices if v.own), None)
table = data.voices(filters.current())

if table.empty:
    st.info("No mention of a watched voice matches the current filter. Widen the dates or clear a filter in the "
            "sidebar, or add voices on the Watchlists page.")
    st.stop()

# the own voice first, then competitors by mentions (the query's order)
table["is_own"] = table["voice"] == own
table = pd.concat([table[table["is_own"]], table[~table["is_own"]]], ignore_index=True)
table["role"] = table["is_own"].map({True: "Own voice", False: "Competing voice"})
order = table["voice"].tolist()
ours = table[table["is_own"]]

cols = st.columns(3)
if own is None:
    cols[0].metric("Own share of voice", "—")
    cols[1].metric("Net sentiment toward own voice", "—")
else:
    share = float(ours["share"].iloc[0]) if not ours.empty else 0.0
    net = ours["net_sentiment"].iloc[0] if not ours.empty else None
    cols[0].metric(f"{own} share of voice", f"{share:.1%}")
    cols[1].metric(f"Net sentiment toward {own}", "—" if net is None or pd.isna(net) else f"{net:+.2f}")
cols[2].metric("Voices", f"{len(table):,}")
if own is None:
    st.caption("No voice is marked as the organisation's own: set `own = true` on one voice on the Watchlists page.")
elif ours.empty:
    st.caption(f"{own} (own voice) has no mentions under the current filter.")

st.subheader("Share of voice")
st.caption(f"{own} is the organisation's own voice, drawn first in blue; competing voices are grey." if own else
           "Every voice is a competing voice until one is marked as the organisation's own.")
y = alt.Y("voice:N", sort=order, title=None)
x = alt.X("share:Q", title="Share of voice", axis=alt.Axis(format="%"))
bars = (alt.Chart(table).mark_bar()
        .encode(x=x, y=y,
                color=alt.Color("role:N", title=None, scale=alt.Scale(domain=list(ROLES), range=list(ROLES.values()))),
                tooltip=["voice:N", "role:N", "mentions:Q", alt.Tooltip("share:Q", format=".1%")]))
# the figure beside each bar, in the theme's default mark colour so it reads in light and dark mode alike
labels = alt.Chart(table).mark_text(align="left", dx=3).encode(x=x, y=y, text=alt.Text("share:Q", format=".1%"))
st.altair_chart(bars + labels, width="stretch")

st.subheader("Sentiment toward each voice")
parts = table.melt(id_vars=["voice", "mentions"], value_vars=list(TOWARD), var_name="sentiment", value_name="count")
parts["order"] = parts["sentiment"].map({k: i for i, k in enumerate(TOWARD)})
mood = (alt.Chart(parts).mark_bar()
        .encode(x=alt.X("count:Q", stack="normalize", title="Share of the voice's mentions", axis=alt.Axis(format="%")),
                y=y, order=alt.Order("order:Q"),
                color=alt.Color("sentiment:N", title="Sentiment toward",
                                scale=alt.Scale(domain=list(TOWARD), range=list(TOWARD.values()))),
                tooltip=["voice:N", "sentiment:N", "count:Q", "mentions:Q"]))
st.altair_chart(mood, width="stretch")

st.subheader("Figures behind the charts")
st.dataframe(table.drop(columns=["role"]), hide_index=True, width="stretch",
             column_config={"share": st.column_config.NumberColumn("share", format="percent"),
                            "is_own": st.column_config.CheckboxColumn("is_own")})
st.caption(METHOD)
