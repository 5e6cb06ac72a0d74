"""Charts that everyone can read: a colour-blind-safe palette, shapes beside colours, and every chart's
figures as a table under it.

Colours are Okabe and Ito's palette ("Color Universal Design", 2008), which stays distinguishable with
protanopia, deuteranopia and tritanopia; its yellow is left out because it is too faint on white.
Lines also vary their point shape, so a series can be told apart without colour at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from storage import Filters

#: Okabe-Ito without yellow, darkest first; after these, colours repeat and the shapes still differ.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
SHAPES = ("circle", "square", "triangle-up", "diamond", "cross", "triangle-down", "triangle-right", "wedge")
#: Sentiment: blue against vermillion with grey between, never red against green.
SENTIMENT = {"positive": "#0072B2", "neutral": "#999999", "negative": "#D55E00"}
PERIOD_FORMATS = {"day": "%d %b", "week": "w/c %d %b", "month": "%b %Y"}


def colours(names: Sequence[str]) -> alt.Scale:
    """A fixed colour per name, in the given order (the same name keeps its colour across charts)."""
    return alt.Scale(domain=list(names), range=[PALETTE[i % len(PALETTE)] for i in range(len(names))])


def shapes(names: Sequence[str]) -> alt.Scale:
    return alt.Scale(domain=list(names), range=[SHAPES[i % len(SHAPES)] for i in range(len(names))])


def lines(frame: pd.DataFrame, x: str, y: str, series: str, *, y_title: str, x_title: str, percent: bool = False,
          domain: tuple[float, float] | None = None, tooltip: Sequence[Any] = (),
          order: Sequence[str] | None = None) -> alt.Chart:
    """One line per ``series`` value, with coloured and shaped points (colours follow ``order`` if given)."""
    names = list(order) if order else sorted(frame[series].dropna().unique().tolist())
    axis = alt.Axis(format="%") if percent else alt.Axis()
    scale = alt.Scale(domain=list(domain)) if domain else alt.Scale(zero=not percent)
    y_enc = alt.Y(f"{y}:Q", title=y_title, axis=axis, scale=scale)
    tips = list(tooltip) or [f"{x}:T", f"{series}:N", alt.Tooltip(f"{y}:Q", format=".1%" if percent else ",")]
    return (alt.Chart(frame).mark_line(point=alt.OverlayMarkDef(filled=True, size=60))
            .encode(x=alt.X(f"{x}:T", title=x_title), y=y_enc,
                    color=alt.Color(f"{series}:N", scale=colours(names), title=series.replace("_", " ").capitalize()),
                    shape=alt.Shape(f"{series}:N", scale=shapes(names), legend=None), tooltip=tips))


def sentiment_bars(frame: pd.DataFrame, category: str, *, title: str, horizontal: bool = True) -> alt.Chart:
    """Stacked 100% bars of positive / neutral / negative per ``category`` (a label, or a period)."""
    parts = frame.melt(id_vars=[category], value_vars=list(SENTIMENT), var_name="sentiment", value_name="count")
    parts["order"] = parts["sentiment"].map({k: i for i, k in enumerate(SENTIMENT)})
    axis = alt.Axis(format="%")
    if horizontal:
        where = {"x": alt.X("count:Q", stack="normalize", title=title, axis=axis),
                 "y": alt.Y(f"{category}:N", title=None, sort=frame[category].tolist())}
    else:
        where = {"y": alt.Y("count:Q", stack="normalize", title=title, axis=axis),
                 "x": alt.X(f"{category}:T", title=None)}
    return (alt.Chart(parts).mark_bar()
            .encode(**where, order=alt.Order("order:Q"),
                    color=alt.Color("sentiment:N", title="Sentiment",
                                    scale=alt.Scale(domain=list(SENTIMENT), range=list(SENTIMENT.values()))),
                    tooltip=[f"{category}:{'N' if horizontal else 'T'}", "sentiment:N", "count:Q"]))


def show(chart: alt.TopLevelMixin, figures: pd.DataFrame, label: str, *, key: str,
         column_config: dict[str, Any] | None = None) -> None:
    """The chart, then its figures as a table (sortable, downloadable) for anyone who cannot read the chart."""
    st.altair_chart(chart, width="stretch", key=f"chart_{key}", alt=f"Chart: {label}. Its figures are in the table "
                    "below it.")
    with st.expander(f"Figures: {label}"):
        st.dataframe(figures, hide_index=True, width="stretch", column_config=column_config, key=f"figures_{key}",
                     alt=f"Figures: {label}")


def period_choice(filters: Filters, key: str = "period") -> str:
    """Day, week or month radio; the default follows the filter's span (days up to 92 days, weeks up to 2
    years)."""
    days = (filters.date_to - filters.date_from).days + 1 if filters.date_from and filters.date_to else None
    default = 0 if days is None or days <= 92 else 1 if days <= 730 else 2
    options = list(PERIOD_FORMATS)
    return st.radio("Count per", options, index=default, horizontal=True, key=key, format_func=str.capitalize)
