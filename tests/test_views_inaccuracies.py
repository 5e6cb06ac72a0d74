"""The Inaccuracies page through Streamlit's AppTest: evidence shown, confirm and dismiss stored with
the person's name, statuses, and dismissals counted per fact with the keyword that caused them."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from storage import Store, queries
from tests.conftest import default_filter


@pytest.fixture
def app(sample_app: AppTest) -> AppTest:
    return sample_app


@pytest.fixture
def store(sample_store: Store) -> Store:
    return sample_store


def open_page(app: AppTest) -> AppTest:
    app.run()
    app.switch_page("views/inaccuracies.py").run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def first_candidate(store: Store) -> tuple[str, str]:
    row = queries.candidates(store, default_filter(store), "open", 1).iloc[0]
    return row["mention_id"], row["inaccuracy_id"]


def test_the_page_shows_candidates_with_their_evidence(app: AppTest, store: Store) -> None:
    open_page(app)
    summary = app.dataframe[0].value
    expected = queries.inaccuracy_summary(store, default_filter(store))
    assert sorted(summary["inaccuracy_id"]) == sorted(expected["inaccuracy_id"]) and len(summary) >= 5
    assert summary["flagged"].sum() == expected["flagged"].sum()
    total = queries.count_candidates(store, default_filter(store), "open")
    assert any(c.value == f"{total:,} candidate(s)." for c in app.caption)
    evidence = [m.value for m in app.markdown if m.value.startswith("Claimed **")]
    assert evidence and all("official **" in e and "confidence" in e for e in evidence)
    assert any("valid 2025-04-07 to 2026-04-05" in m.value and "https://www.gov.uk/" in m.value for m in app.markdown)
    assert any(":orange-background[" in m.value for m in app.markdown)     # the claim highlighted in its sentence


def test_a_decision_needs_a_name(app: AppTest, store: Store) -> None:
    open_page(app)
    mention_id, fact_id = first_candidate(store)
    app.button(key=f"confirm_{mention_id}_{fact_id}").click().run()
    assert any("Enter your name in the sidebar first" in e.value for e in app.error)
    assert store.inaccuracy_history().empty


def test_confirm_and_dismiss_are_stored_and_audited(app: AppTest, store: Store) -> None:
    open_page(app)
    app.text_input(key="user_name").set_value("Sam Press Office").run()
    mention_id, fact_id = first_candidate(store)
    app.button(key=f"confirm_{mention_id}_{fact_id}").click().run()
    assert not app.exception
    history = store.inaccuracy_history(mention_id)
    assert history[["inaccuracy_id", "decision", "reviewed_by"]].values.tolist() == [
        [fact_id, "confirmed", "Sam Press Office"]]

    second_id, second_fact = first_candidate(store)          # the next open one
    assert (second_id, second_fact) != (mention_id, fact_id)
    key = f"{second_id}_{second_fact}"
    app.selectbox(key=f"reason_{key}").set_value("misleading keyword")
    app.text_input(key=f"note_{key}").set_value("about a different rate")
    form_buttons = [b for b in app.button if b.label == "Dismiss"]
    assert form_buttons
    next(b for b in form_buttons if b.proto.form_id == f"dismiss_{key}").click().run()
    assert not app.exception
    dismissed = store.inaccuracy_history(second_id).iloc[-1]
    assert (dismissed["decision"], dismissed["reason"], dismissed["note"], dismissed["reviewed_by"]) == (
        "dismissed", "misleading keyword", "about a different rate", "Sam Press Office")

    summary = app.dataframe[0].value.set_index("inaccuracy_id")
    assert summary.loc[second_fact, "dismissed"] >= 1
    assert summary.loc[second_fact, "most_dismissed_keyword"].endswith("(1)") or \
        summary.loc[second_fact, "dismissed"] > 1
    app.radio(key="inacc_status").set_value("dismissed").run()
    assert app.button(key=f"reopen_{key}")                   # a dismissed candidate can be reopened
    app.button(key=f"reopen_{key}").click().run()
    assert list(store.inaccuracy_history(second_id)["decision"])[-1] == "reopened"
