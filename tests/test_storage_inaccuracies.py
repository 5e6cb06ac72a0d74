"""Inaccuracy candidates and decisions on them, on real SQLite and real PostgreSQL (when it runs).

Posts are analysed by the real analysis; candidates are stored with their evidence, a person's
confirm/dismiss/reopen is appended to an audit trail that re-analysis never touches, and the
per-fact figures show dismissals with the keyword that caused them.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
import sqlalchemy as sa

from analysis import analyse
from config import Config
from mention import new_frame, read_matches
from storage import Filters, Store, queries
from storage.schema import inaccuracy_candidates, inaccuracy_reviews

DAY = dt.datetime(2025, 10, 1, 9, 0, tzinfo=dt.timezone.utc)
POSTS = [
    ("wrong-nsp", "The full new State Pension is only £185 a week."),
    ("wrong-nlw", "Minimum wage is £10.42 an hour and they wonder why nobody wants these jobs."),
    ("myth", "Winter fuel payment has been scrapped for all pensioners."),
    ("right", "The full new State Pension is £230.25 a week."),
    ("possible", "State pension\nIt's just £160, you know."),
]


def frame(config: Config, posts: list[tuple[str, str]] = POSTS) -> pd.DataFrame:
    rows = [{"mention_id": mid, "source": "forum", "channel": "forum", "url": f"https://example.org/{mid}",
             "title": None, "text": text, "author": "someone", "published_at": DAY + dt.timedelta(hours=i),
             "collected_at": DAY, "replies": None, "score": None} for i, (mid, text) in enumerate(posts)]
    return analyse(new_frame(rows), config)


@pytest.fixture
def filled(any_store: Store, config: Config) -> Store:
    any_store.upsert_mentions(frame(config))
    return any_store


def candidate_rows(store: Store) -> dict[tuple[str, str], dict]:
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(inaccuracy_candidates)).mappings().all()
    return {(r["mention_id"], r["inaccuracy_id"]): dict(r) for r in rows}


def test_candidates_are_stored_with_their_evidence(filled: Store) -> None:
    rows = candidate_rows(filled)
    assert set(rows) == {("wrong-nsp", "nsp-2025"), ("wrong-nlw", "nlw-2025"), ("myth", "myth-wfp-scrapped"),
                         ("possible", "nsp-2025")}
    nsp = rows[("wrong-nsp", "nsp-2025")]
    assert (nsp["kind"], nsp["level"], nsp["claimed_value"], nsp["official_value"]) == ("fact", "flag", 185, 230.25)
    assert nsp["difference"] == pytest.approx(-45.25) and nsp["keyword"] == "new state pension"
    assert rows[("possible", "nsp-2025")]["level"] == "suggest"
    page = queries.page(filled, Filters(flags=("inaccuracy",)), 10)
    assert set(page["mention_id"]) == {"wrong-nsp", "wrong-nlw", "myth"}   # suggestions are not flags
    [evidence] = read_matches(page.set_index("mention_id").at["wrong-nsp", "inaccuracies"])
    assert evidence["sentence"] == "The full new State Pension is only £185 a week."
    assert evidence["sentence"][evidence["start"]:evidence["end"]] == "£185 a week"
    assert evidence["source_url"] == "https://www.gov.uk/new-state-pension/what-youll-get"
    assert (evidence["valid_from"], evidence["valid_to"]) == ("2025-04-07", "2026-04-05")


def test_statuses_and_decisions_are_appended(filled: Store) -> None:
    assert queries.count_candidates(filled, Filters(), "open") == 3
    assert queries.count_candidates(filled, Filters(), "possible") == 1
    filled.review_inaccuracy("wrong-nsp", "nsp-2025", "confirmed", "Ann", at=DAY)
    filled.review_inaccuracy("wrong-nlw", "nlw-2025", "dismissed", "Bob", "misleading keyword", "about apprentices",
                             at=DAY + dt.timedelta(minutes=5))
    filled.review_inaccuracy("wrong-nlw", "nlw-2025", "reopened", "Ann", at=DAY + dt.timedelta(minutes=9))
    filled.review_inaccuracy("wrong-nlw", "nlw-2025", "dismissed", "Ann", "not a claim of fact",
                             at=DAY + dt.timedelta(minutes=12))
    counts = {s: queries.count_candidates(filled, Filters(), s) for s in ("open", "confirmed", "dismissed", "all")}
    assert counts == {"open": 1, "confirmed": 1, "dismissed": 1, "all": 4}
    listed = queries.candidates(filled, Filters(), "dismissed")
    assert list(listed["mention_id"]) == ["wrong-nlw"] and list(listed["reviewed_by"]) == ["Ann"]
    history = filled.inaccuracy_history("wrong-nlw")
    assert list(history["decision"]) == ["dismissed", "reopened", "dismissed"]
    assert list(history["previous"]) == ["", "dismissed", "reopened"]
    assert list(history["reviewed_by"]) == ["Bob", "Ann", "Ann"]
    assert history["claimed"].iloc[0] == "£10.42 an hour" and history["official"].iloc[0] == "£12.21 an hour"
    assert str(history["reviewed_at"].dt.tz) == "UTC"
    assert len(filled.inaccuracy_history()) == 4


def test_reanalysis_keeps_decisions(filled: Store, config: Config) -> None:
    filled.review_inaccuracy("myth", "myth-wfp-scrapped", "confirmed", "Ann", at=DAY)
    filled.upsert_mentions(frame(config))           # collected and analysed again
    assert queries.count_candidates(filled, Filters(), "confirmed") == 1
    with filled.engine.connect() as conn:
        assert conn.scalar(sa.select(sa.func.count()).select_from(inaccuracy_reviews)) == 1


def test_bad_decisions_are_refused(filled: Store) -> None:
    with pytest.raises(ValueError, match="say why"):
        filled.review_inaccuracy("wrong-nsp", "nsp-2025", "dismissed", "Ann")
    with pytest.raises(ValueError, match="who"):
        filled.review_inaccuracy("wrong-nsp", "nsp-2025", "confirmed", "  ")
    with pytest.raises(ValueError, match="unknown decision"):
        filled.review_inaccuracy("wrong-nsp", "nsp-2025", "deleted", "Ann")
    with pytest.raises(KeyError, match="no inaccuracy candidate"):
        filled.review_inaccuracy("right", "nsp-2025", "confirmed", "Ann")
    assert filled.inaccuracy_history().empty


def test_dismissals_per_fact_show_the_keyword(filled: Store, config: Config) -> None:
    more = [("wage-a", "The minimum wage is £9.50 an hour."), ("wage-b", "Min wage is £8.91 an hour.")]
    filled.upsert_mentions(frame(config, more))
    filled.review_inaccuracy("wage-a", "nlw-2025", "dismissed", "Ann", "misleading keyword", at=DAY)
    filled.review_inaccuracy("wage-b", "nlw-2025", "dismissed", "Ann", "misleading keyword", at=DAY)
    filled.review_inaccuracy("wrong-nlw", "nlw-2025", "confirmed", "Ann", at=DAY)
    table = queries.inaccuracy_summary(filled, Filters()).set_index("inaccuracy_id")
    assert table.loc["nlw-2025", ["flagged", "confirmed", "dismissed"]].tolist() == [3, 1, 2]
    assert table.loc["nlw-2025", "dismissal_rate"] == pytest.approx(2 / 3, abs=1e-3)
    assert table.loc["nlw-2025", "most_dismissed_keyword"] in ("minimum wage (1)", "min wage (1)")
    assert table.loc["nsp-2025", ["flagged", "possible"]].tolist() == [1, 1]
    assert table.index[0] == "nlw-2025"                  # most dismissed first
    narrowed = queries.inaccuracy_summary(filled, Filters(date_to=DAY.date() - dt.timedelta(days=1)))
    assert narrowed.empty
