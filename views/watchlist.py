"""Watchlists: edit a topic or voice query with live validation and a preview, then re-tag the store.

The preview runs the edited query over the newest stored mentions (``data.PREVIEW_SIZE``) and
shows what it would add and drop against the current tags. Saving rewrites config/watchlist.toml
(comments kept; a change someone else saved meanwhile is refused) and re-tags every stored
mention without fetching anything.
"""

from __future__ import annotations

import streamlit as st

from analysis import watch
from analysis.query import QuerySyntaxError, parse
from config import ConfigError, WatchEntry
from config.watchlist import StaleEdit
from views import data
from views._format import escape_md, highlight, link

NEW = "➕ New"
SAMPLE_SHOWN = 8

st.title("Watchlists")
st.caption("Topics and voices are Boolean queries (AND, OR, NOT, \"phrases\", wildcards, NEAR/n, fields such as "
           "title: and site:). The grammar and examples are in the README under \"Query language\".")
config = data.config_or_stop()
if "wl_done" in st.session_state:
    st.success(st.session_state.pop("wl_done"))

kind = st.segmented_control("Edit", ["topic", "voice"], format_func=lambda k: k.title() + "s", key="wl_kind",
                            default="topic") or "topic"
entries = {e.name: e for e in config.watchlist.entries(kind)}
choice = st.selectbox(f"{kind.title()} to edit", [*entries, NEW], key=f"wl_choice_{kind}")
current = entries.get(choice, WatchEntry("", "", (), None, False))
slot = f"{kind}_{choice}"
version_key = f"wl_version_{slot}"
if version_key not in st.session_state:  # the file as this editor read it: a later save by someone else wins
    st.session_state[version_key] = data.watchlist_version()

name = st.text_input("Name", value=current.name, key=f"wl_name_{slot}").strip()
query = st.text_area("Query", value=current.query, key=f"wl_query_{slot}", height=90,
                     placeholder='"state pension" OR "pension age" OR "triple lock"').strip()
exclusions = st.text_area("Exclusions: one query per line; a mention matching any of them is not tagged",
                          value="\n".join(current.exclude), key=f"wl_exclude_{slot}", height=70)
url, own = current.url, current.own
if kind == "topic":
    url = st.text_input("GOV.UK page that answers questions on it", value=current.url or "",
                        key=f"wl_url_{slot}").strip() or None
else:
    own = st.checkbox("This is our own voice", value=current.own, key=f"wl_own_{slot}")
candidate = WatchEntry(name, query, tuple(x.strip() for x in exclusions.splitlines() if x.strip()), url, own)

# -- live validation ----------------------------------------------------------------------------
problems: list[str] = []
if not name:
    problems.append("Give it a name.")
elif ";" in name:
    problems.append("A name cannot contain ';' (it joins names in exports).")
elif name != current.name and name in entries:
    problems.append(f"There is already a {kind} called {name!r}.")
if kind == "voice" and own and any(e.own for e in entries.values() if e.name != current.name):
    problems.append("Another voice is already marked as our own; only one can be.")
for label, text in [("Query", query)] + [(f"Exclusion {i}", x) for i, x in enumerate(candidate.exclude, 1)]:
    try:
        for warning in parse(text).warnings:
            st.warning(f"{label}: {warning}")
    except QuerySyntaxError as exc:
        problems.append(f"{label}: {exc}")
        st.code(f"{text}\n{' ' * (exc.position - 1)}^ {exc.message}", language=None)
for problem in problems:
    st.error(problem)

# -- preview ------------------------------------------------------------------------------------
sample = data.preview_sample()
if not problems and sample.empty:
    st.info("No mentions are stored yet, so there is nothing to preview against.")
elif not problems:
    compiled = watch.compile_entry(kind, candidate)
    hits = compiled.query.evaluate(sample)
    tagged = sample[f"{kind}s"].str.split(";").map(lambda names: current.name in names).astype(bool)
    st.subheader("Preview")
    cols = st.columns(3)
    cols[0].metric(f"Would match (of the newest {len(sample):,})", f"{int(hits.sum()):,}")
    cols[1].metric("Newly matched", f"{int((hits & ~tagged).sum()):,}")
    cols[2].metric("No longer matched", f"{int((tagged & ~hits).sum()):,}")
    for title, rows in (("Would match", sample[hits]), ("No longer matched", sample[tagged & ~hits])):
        if rows.empty:
            continue
        with st.expander(f"{title}: {len(rows):,} mention(s), the newest {min(len(rows), SAMPLE_SHOWN)} shown",
                         expanded=title == "Would match"):
            for row in rows.head(SAMPLE_SHOWN).itertuples(index=False):
                spans = compiled.include.spans(row.title, row.text)
                st.markdown(f"**{link(row.title or row.text[:80], row.url)}** · {escape_md(row.source)}")
                text_spans = [(s, e) for f, s, e in spans if f == "text"]
                if row.text:
                    st.markdown(highlight(row.text, text_spans, limit=400))

# -- save or delete -----------------------------------------------------------------------------
left, right = st.columns(2)
save = left.button("Save and re-tag stored mentions", type="primary", disabled=bool(problems),
                   key=f"wl_save_{slot}")
remove = right.button(f"Delete this {kind}", disabled=choice == NEW, key=f"wl_delete_{slot}")
if save or remove:
    try:
        data.save_watch_entry(kind, None if remove else candidate, None if choice == NEW else choice,
                              st.session_state[version_key])
    except StaleEdit as exc:
        st.error(f"Not saved: {exc}.")
        del st.session_state[version_key]
    except ConfigError as exc:
        st.error("Not saved: the watchlist would not load.")
        st.code("\n".join(exc.problems), language=None)
    else:
        bar = st.progress(0.0, text="Re-tagging stored mentions")
        total = max(1, data.count(data.Filters()))
        done = data.retag_store(lambda n: bar.progress(min(1.0, n / total), text=f"Re-tagged {n:,} mention(s)"))
        for key in [k for k in st.session_state if str(k).startswith("wl_") and k != "wl_kind"]:
            del st.session_state[key]
        st.session_state["wl_done"] = (f"{'Deleted' if remove else 'Saved'} {(choice if remove else name)!r}; "
                                       f"re-tagged {done:,} stored mention(s).")
        st.rerun()
