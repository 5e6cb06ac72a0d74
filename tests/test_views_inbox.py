"""The Inbox page through Streamlit's AppTest, over a store collected from the sample feeds: the queue
order, the detail panel (evidence, draft and its checks), the triage actions with a name, a stale edit
refused with a message, recording a response, and the response and audit logs as CSV."""

from __future__ import annotations

import csv
import io

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


def open_page(app: AppTest, name: str | None = "Sam Press Office") -> AppTest:
    app.run()
    if name:
        app.text_input(key="user_name").set_value(name)
    app.switch_page("views/inbox.py").run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def opened(app: AppTest) -> str:
    return app.selectbox(key="inbox_open").value


def submit(app: AppTest, form: str, label: str) -> AppTest:
    next(b for b in app.button if b.label == label and b.proto.form_id == form).click().run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def test_the_queue_is_ordered_and_counted_like_the_store(app: AppTest, store: Store) -> None:
    open_page(app)
    current = default_filter(store)
    expected = queries.inbox(store, current, limit=20)
    assert expected["rank"].is_monotonic_increasing and expected["rank"].iloc[0] == 1
    queue = next(d.value for d in app.dataframe if "response_kind" in d.value.columns)
    assert queue["title"].tolist() == [t or x[:80] for t, x in zip(expected["title"], expected["text"])]
    total = queries.count_inbox(store, current)
    assert app.number_input(key="inbox_page").label.endswith(f"{total:,} mention(s)")
    assert opened(app) == expected["mention_id"].iloc[0]


def test_the_detail_shows_evidence_a_draft_and_its_checks(app: AppTest, store: Store) -> None:
    open_page(app)
    queue = queries.inbox(store, default_filter(store), limit=20)
    row = queue.query("inaccuracy_ids != '' and response_kind == 'correct'").iloc[0]
    app.selectbox(key="inbox_open").set_value(row["mention_id"]).run()
    assert any(m.value.startswith("Claimed **") or m.value.startswith("Repeats the known false claim")
               for m in app.markdown)
    draft = next(t for t in app.text_area if t.key.startswith(f"draft_{row['mention_id']}"))
    assert draft.value.startswith(row["suggested_response"][:40])
    checks = [m.value for m in app.markdown if ":material/check_circle:" in m.value or ":material/error:" in m.value]
    assert checks and all(":material/check_circle:" in c for c in checks), checks
    draft.set_value(draft.value + " This is a lie and a shambles.").run()
    assert any(":material/error:" in m.value for m in app.markdown)   # the checks follow the edit


def test_actions_need_a_name(app: AppTest, store: Store) -> None:
    open_page(app, name=None)
    mid = opened(app)
    submit(app, f"triage_{mid}", "Save")
    assert any("Enter your name in the sidebar first" in e.value for e in app.error)
    assert store.triage_state(mid).version == 0


def test_save_changes_status_assignee_tags_and_flags(app: AppTest, store: Store) -> None:
    open_page(app)
    mid = opened(app)
    app.selectbox(key=f"status_{mid}").set_value("escalated")
    app.text_input(key=f"assignee_{mid}").set_value("Priya")
    app.selectbox(key=f"priority_{mid}").set_value("urgent")
    app.text_input(key=f"tags_{mid}").set_value("pensions, minister briefing")
    app.checkbox(key=f"informed_{mid}").check()
    app.text_input(key=f"note_{mid}").set_value("Sent to the press desk")
    submit(app, f"triage_{mid}", "Save")
    state = store.triage_state(mid)
    assert (state.status, state.assignee, state.priority, state.tags, state.press_office_informed) == (
        "escalated", "Priya", "urgent", ("pensions", "minister briefing"), True)
    log = store.triage_audit(mid)
    assert set(log["action"]) == {"status", "assignee", "priority", "tags", "press_office_informed", "note"}
    assert set(log["acted_by"]) == {"Sam Press Office"}


def test_a_stale_edit_is_refused_with_a_message(app: AppTest, store: Store) -> None:
    open_page(app)
    mid = opened(app)
    store.update_triage(mid, 0, "Alex (another desk)", assignee="Alex")      # someone else, meanwhile
    app.text_input(key=f"assignee_{mid}").set_value("Sam")
    submit(app, f"triage_{mid}", "Save")
    assert any("Alex (another desk) changed this mention since you opened it" in e.value for e in app.error)
    assert store.triage_state(mid).assignee == "Alex"
    app.button(key=f"reload_{mid}").click().run()
    app.text_input(key=f"assignee_{mid}").set_value("Sam")
    submit(app, f"triage_{mid}", "Save")
    assert store.triage_state(mid).assignee == "Sam" and not app.error


def test_recording_a_response_logs_it(app: AppTest, store: Store) -> None:
    open_page(app)
    mid = opened(app)
    draft = next(t for t in app.text_area if t.key.startswith(f"draft_{mid}")).value
    submit(app, f"respond_{mid}", "Record response")
    assert store.triage_state(mid).status == "responded"
    log = queries.response_log(store, default_filter(store))
    assert log[["mention_id", "text", "responded_by"]].values.tolist() == [[mid, draft.strip(), "Sam Press Office"]]
    app.switch_page("views/inbox.py").run()
    assert opened(app) != mid   # responded: no longer in the open queue
    assert mid not in set(queries.inbox(store, default_filter(store), limit=1000)["mention_id"])
    assert [a for a in store.triage_audit(mid)["action"]] == ["status", "response"]


def test_response_and_audit_logs_download_as_csv(app: AppTest, store: Store) -> None:
    mid = queries.inbox(store, default_filter(store), limit=1)["mention_id"].iloc[0]
    state = store.update_triage(mid, 0, "Sam", status="in_review", note="=HYPERLINK(\"x\")")
    store.record_response(mid, state.version, "Sam", "The figure is on GOV.UK.", "answer")
    open_page(app)
    buttons = {b.proto.id: b for b in app.get("download_button")}
    assert any("inbox_responses_csv" in k for k in buttons) and any("inbox_audit_csv" in k for k in buttons)
    from reports import AUDIT_LOG_COLUMNS, to_csv

    _, content = to_csv([queries.audit_log(store, default_filter(store))], columns=AUDIT_LOG_COLUMNS)
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8"))))
    assert [r["action"] for r in rows] == ["status", "note", "status", "response"]
    assert rows[1]["after"] == "'=HYPERLINK(\"x\")"   # formula injection neutralised


def test_the_assigned_to_me_view(app: AppTest, store: Store) -> None:
    open_page(app, name=None)
    app.radio(key="inbox_who").set_value("me").run()
    assert any("Enter your name in the sidebar to see what is assigned to you" in i.value for i in app.info)
    mid = queries.inbox(store, default_filter(store), limit=3)["mention_id"].iloc[2]
    store.update_triage(mid, 0, "Lead", assignee="Sam Press Office")
    app.text_input(key="user_name").set_value("Sam Press Office").run()
    assert not app.exception and opened(app) == mid
    assert app.number_input(key="inbox_page").label.endswith("1 mention(s)")
