"""Triage on real SQLite and real PostgreSQL (when it runs): status moves, the append-only audit log,
stale and concurrent edits, the response log, response-time figures and the Inbox order.

Posts are analysed by the real analysis, so candidates and questions are the ones the pipeline finds.
"""

from __future__ import annotations

import datetime as dt
import threading

import pandas as pd
import pytest
import sqlalchemy as sa

from analysis import analyse
from config import Config
from mention import new_frame
from storage import Filters, Store, queries
from storage.schema import response_log, triage_audit
from storage.triage import STATUSES, TRANSITIONS, StaleEdit

DAY = dt.datetime(2025, 10, 1, 9, 0, tzinfo=dt.timezone.utc)
#: (id, channel, text, replies, score)
POSTS = [
    ("forum-wrong", "forum", "The full new State Pension is only £185 a week.", 1, 0),
    ("news-wrong", "news", "Minimum wage is £10.42 an hour, the paper says nothing of it.", None, None),
    ("forum-question", "forum", "How do I apply for Pension Credit?", 2, 1),
    ("busy-question", "forum", "Does anyone know how to claim Pension Credit for my dad?", 30, 12),
    ("chatter", "forum", "Lovely weather for the allotment today.", 0, 0),
    ("politics", "forum", "Labour promised to protect pensioners and Reform would be even worse. Disgraceful lot, the "
                          "pension credit take-up is a joke.", 5, 3),
]


def frame(config: Config) -> pd.DataFrame:
    rows = [{"mention_id": mid, "source": channel, "channel": channel, "url": f"https://example.org/{mid}",
             "title": None, "text": text, "author": "someone", "published_at": DAY + dt.timedelta(hours=i),
             "collected_at": DAY + dt.timedelta(hours=i), "replies": replies, "score": score}
            for i, (mid, channel, text, replies, score) in enumerate(POSTS)]
    return analyse(new_frame(rows), config)


@pytest.fixture
def filled(any_store: Store, config: Config) -> Store:
    any_store.upsert_mentions(frame(config))
    return any_store


def audit_rows(store: Store, mention_id: str) -> list[tuple[str, str, str, str]]:
    log = store.triage_audit(mention_id)
    return list(zip(log["action"], log["before"], log["after"], log["acted_by"]))


def test_a_mention_nobody_touched_is_new(filled: Store) -> None:
    state = filled.triage_state("forum-wrong")
    assert (state.status, state.version, state.assignee, state.tags) == ("new", 0, "", ())
    with pytest.raises(KeyError):
        filled.triage_state("no-such-mention")


def test_changes_are_stored_and_audited_field_by_field(filled: Store) -> None:
    at = DAY + dt.timedelta(hours=2)
    state = filled.update_triage("forum-wrong", 0, "Asha", status="in_review", assignee="Ben", priority="high",
                                 tags=["pension", " pension ", "myth"], needs_authorisation=True,
                                 note="Check with the policy team", at=at)
    assert (state.status, state.assignee, state.priority, state.tags) == ("in_review", "Ben", "high", ("pension", "myth"))
    assert state.needs_authorisation and not state.press_office_informed and state.version == 1
    assert audit_rows(filled, "forum-wrong") == [
        ("status", "new", "in_review", "Asha"), ("assignee", "", "Ben", "Asha"), ("priority", "", "high", "Asha"),
        ("tags", "", "pension;myth", "Asha"), ("needs_authorisation", "no", "yes", "Asha"),
        ("note", "", "Check with the policy team", "Asha")]
    assert filled.triage_audit("forum-wrong")["acted_at"].iloc[0] == pd.Timestamp(at)
    again = filled.update_triage("forum-wrong", 1, "Ben", assignee="Ben", press_office_informed=True)
    assert again.version == 2 and audit_rows(filled, "forum-wrong")[-1] == ("press_office_informed", "no", "yes", "Ben")
    unchanged = filled.update_triage("forum-wrong", 2, "Ben", assignee="Ben")
    assert unchanged.version == 2 and len(audit_rows(filled, "forum-wrong")) == 7   # nothing changed, nothing logged


@pytest.mark.parametrize("start", STATUSES)
def test_status_moves_follow_the_rules(filled: Store, start: str) -> None:
    version = 0
    path = {"new": [], "in_review": ["in_review"], "escalated": ["escalated"], "responded": ["responded"],
            "no_action": ["no_action"]}[start]
    for step in path:
        version = filled.update_triage("chatter", version, "Asha", status=step).version
    for target in STATUSES:
        if target == start:
            continue
        if target in TRANSITIONS[start]:
            continue
        with pytest.raises(ValueError, match="cannot become"):
            filled.update_triage("chatter", version, "Asha", status=target)
    allowed = TRANSITIONS[start][0]
    assert filled.update_triage("chatter", version, "Asha", status=allowed).status == allowed


def test_bad_values_and_no_name_are_refused(filled: Store) -> None:
    with pytest.raises(ValueError, match="unknown status"):
        filled.update_triage("chatter", 0, "Asha", status="closed")
    with pytest.raises(ValueError, match="unknown priority"):
        filled.update_triage("chatter", 0, "Asha", priority="whenever")
    with pytest.raises(ValueError, match="who is acting"):
        filled.update_triage("chatter", 0, "  ", status="in_review")
    with pytest.raises(ValueError, match="unknown triage field"):
        filled.update_triage("chatter", 0, "Asha", colour="red")
    assert filled.triage_state("chatter").version == 0 and filled.triage_audit("chatter").empty


def test_a_stale_edit_is_refused_and_loses_nothing(filled: Store) -> None:
    filled.update_triage("forum-wrong", 0, "Asha", assignee="Asha")
    with pytest.raises(StaleEdit, match="Asha changed this mention since you opened it"):
        filled.update_triage("forum-wrong", 0, "Ben", assignee="Ben", note="mine now")
    state = filled.triage_state("forum-wrong")
    assert (state.assignee, state.version) == ("Asha", 1)
    assert [a for a, *_ in audit_rows(filled, "forum-wrong")] == ["assignee"]


@pytest.mark.parametrize("first_action", [True, False])
def test_two_concurrent_edits_one_wins_one_is_told(filled: Store, first_action: bool) -> None:
    version = 0 if first_action else filled.update_triage("forum-question", 0, "Asha", status="in_review").version
    barrier = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def edit(who: str) -> None:
        barrier.wait()
        try:
            outcomes[who] = filled.update_triage("forum-question", version, who, assignee=who, note=f"{who} takes it")
        except StaleEdit as exc:
            outcomes[who] = exc

    threads = [threading.Thread(target=edit, args=(who,)) for who in ("Asha", "Ben")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    stale = [who for who, outcome in outcomes.items() if isinstance(outcome, StaleEdit)]
    won = [who for who, outcome in outcomes.items() if not isinstance(outcome, StaleEdit)]
    assert len(stale) == 1 and len(won) == 1, outcomes
    state = filled.triage_state("forum-question")
    assert state.assignee == won[0] and state.version == version + 1
    notes = [after for action, _, after, _ in audit_rows(filled, "forum-question") if action == "note"]
    assert notes == [f"{won[0]} takes it"]


def test_the_audit_log_and_response_log_cannot_be_changed_or_deleted(filled: Store) -> None:
    state = filled.update_triage("forum-wrong", 0, "Asha", status="in_review")
    filled.record_response("forum-wrong", state.version, "Asha", "The full new State Pension is £230.25 a week.",
                           "correct")
    for table in (triage_audit, response_log):
        with pytest.raises(sa.exc.DBAPIError, match="append-only"):
            with filled.engine.begin() as conn:
                conn.execute(table.update().values(mention_id="forum-wrong"))
        with pytest.raises(sa.exc.DBAPIError, match="append-only"):
            with filled.engine.begin() as conn:
                conn.execute(table.delete())
    assert len(filled.triage_audit("forum-wrong")) == 3   # in review, responded, the response


def test_a_response_is_logged_and_authorisation_is_required_when_flagged(filled: Store, config: Config) -> None:
    state = filled.update_triage("news-wrong", 0, "Asha", status="in_review", needs_authorisation=True)
    with pytest.raises(ValueError, match="needs authorisation"):
        filled.record_response("news-wrong", state.version, "Asha", "The National Living Wage is £12.21.", "correct")
    with pytest.raises(ValueError, match="empty"):
        filled.record_response("news-wrong", state.version, "Asha", "  ", "correct", authorised_by="Head of News")
    done = filled.record_response("news-wrong", state.version, "Asha", "The National Living Wage is £12.21.",
                                  "correct", suggested="draft", authorised_by="Head of News",
                                  checks_failed=("reading ease",), at=DAY + dt.timedelta(hours=5))
    assert done.status == "responded"
    log = queries.response_log(filled, Filters())
    assert log[["mention_id", "kind", "text", "authorised_by", "responded_by", "checks_failed"]].values.tolist() == [
        ["news-wrong", "correct", "The National Living Wage is £12.21.", "Head of News", "Asha", "reading ease"]]
    assert queries.response_log(filled, Filters(channels=("forum",))).empty
    with pytest.raises(StaleEdit):   # the version moved on with the response
        filled.record_response("news-wrong", state.version, "Ben", "again", "correct", authorised_by="x")


def test_response_times_by_topic_and_by_person(filled: Store) -> None:
    # forum-question collected at DAY+2h, busy-question at DAY+3h
    filled.update_triage("forum-question", 0, "Asha", status="in_review", at=DAY + dt.timedelta(hours=3))
    filled.record_response("forum-question", 1, "Ben", "See GOV.UK.", "answer", at=DAY + dt.timedelta(hours=6))
    filled.update_triage("busy-question", 0, "Ben", status="in_review", at=DAY + dt.timedelta(hours=4))
    filled.record_response("busy-question", 1, "Ben", "See GOV.UK.", "refer", at=DAY + dt.timedelta(hours=5))
    by_topic = queries.response_times(filled, Filters(), "topic").set_index("name")
    assert by_topic.loc["Pension Credit", "to_first_action_count"] == 2
    assert by_topic.loc["Pension Credit", "to_first_action_median_hours"] == 1.0
    assert by_topic.loc["Pension Credit", "to_response_median_hours"] == 3.0   # 4 h and 2 h
    by_person = queries.response_times(filled, Filters(), "person").set_index("name")
    assert by_person.loc["Asha", "to_first_action_count"] == 1 and by_person.loc["Asha", "to_response_count"] == 0
    assert by_person.loc["Ben", "to_response_count"] == 2 and by_person.loc["Ben", "to_first_action_median_hours"] == 1
    with pytest.raises(ValueError):
        queries.response_times(filled, Filters(), "weekday")


def test_the_inbox_puts_wide_reach_candidates_and_questions_first(filled: Store) -> None:
    queue = queries.inbox(filled, Filters(), limit=10)
    assert queue["mention_id"].tolist()[:2] == ["busy-question", "news-wrong"]   # wide reach, then by engagement
    assert set(queue["mention_id"].tolist()[2:4]) == {"forum-wrong", "forum-question"}
    assert queue["mention_id"].tolist()[4:] == ["politics"] and queue["rank"].tolist() == [1, 1, 2, 2, 3]
    assert "chatter" not in set(queue["mention_id"]) and queries.count_inbox(filled, Filters()) == 5
    assert "chatter" in set(queries.inbox(filled, Filters(), everything=True)["mention_id"])
    filled.update_triage("forum-question", 0, "Asha", priority="urgent", assignee="Asha")
    queue = queries.inbox(filled, Filters(), limit=10)
    assert queue["mention_id"].iloc[0] == "forum-question" and queue["rank"].iloc[0] == 0
    assert queries.inbox(filled, Filters(), assignee="Asha")["mention_id"].tolist() == ["forum-question"]
    filled.update_triage("busy-question", 0, "Asha", status="no_action")
    assert "busy-question" not in set(queries.inbox(filled, Filters())["mention_id"])
    assert queries.inbox(filled, Filters(), statuses=("no_action",))["mention_id"].tolist() == ["busy-question"]
    assert queries.count_inbox(filled, Filters(channels=("news",))) == 1


def test_re_analysis_keeps_triage(filled: Store, config: Config) -> None:
    filled.update_triage("forum-wrong", 0, "Asha", status="escalated", press_office_informed=True)
    filled.upsert_mentions(frame(config))
    state = filled.triage_state("forum-wrong")
    assert (state.status, state.press_office_informed, state.version) == ("escalated", True, 1)
    assert len(queries.audit_log(filled, Filters())) == 2


def test_do_not_engage_is_not_counted_as_a_suggested_response(filled: Store) -> None:
    page = queries.page(filled, Filters(), 10).set_index("mention_id")
    assert page.loc["politics", "response_kind"] == "do_not_engage"
    assert "names Labour" in page.loc["politics", "response_reason"] and page.loc["politics", "suggested_response"] == ""
    assert page.loc["forum-wrong", "response_kind"] == "do_not_engage"   # 1 reply: a correction would amplify it
    drafts = set(queries.page(filled, Filters(flags=("response",)), 10)["mention_id"])
    assert drafts == {"news-wrong", "forum-question", "busy-question"}
