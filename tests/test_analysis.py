"""Analysis over frames: matching, sentiment, questions, claims against the facts register, responses."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest

from analysis import analyse, sentiment
from analysis.claims import check_facts, check_myths, format_value
from analysis.numbers import quantities
from analysis.questions import is_personal_case, is_question_text
from analysis.text import fold, sentences
from config import Config
from mention import ALL_COLUMNS, new_frame
from tests.conftest import realdata

SEPT = dt.datetime(2025, 9, 15, 12, tzinfo=dt.timezone.utc)


def frame_of(*texts: str, title: str = "", when: dt.datetime = SEPT) -> pd.DataFrame:
    return new_frame([{"mention_id": f"m{i}", "source": "s", "channel": "social", "url": f"https://x.example/{i}",
                       "title": title, "text": t, "author": "a", "published_at": when, "collected_at": when}
                      for i, t in enumerate(texts)])


# -- sentiment --------------------------------------------------------------------------------

def test_sentiment_labels_use_the_usual_thresholds() -> None:
    assert sentiment.label(0.05) == "positive" and sentiment.label(-0.05) == "negative"
    assert sentiment.label(0.049) == "neutral"


def test_short_text_is_scored_whole_and_long_text_by_passages() -> None:
    a, b = "This is wonderful news.", "The office is closed."
    # short text is scored whole, as VADER was validated: a neutral sentence does not water it down
    assert sentiment.score_text(f"{a} {b}") == sentiment.score_text(a) > 0.5
    long_text = " ".join([a] * 40 + [b] * 40)  # ~1,800 characters: scored as passages of about 500
    assert len(sentiment.passages(long_text)) == 4
    out = sentiment.score(frame_of("Absolute disgrace, I am furious.", "Really helpful, thank you!", ""))
    assert out["sentiment_label"].tolist() == ["negative", "positive", "neutral"]


def test_sentiment_agrees_with_human_ratings_on_vader_tweets() -> None:
    path = realdata("sentiment", "vader", "tweets_GroundTruth.txt")
    rows = [line.split("\t", 2) for line in path.read_text(encoding="utf-8", errors="replace").splitlines() if line.strip()]
    sample = rows[:1000]
    human = pd.Series([float(r[1]) for r in sample])
    ours = pd.Series([sentiment.score_text(r[2]) for r in sample])
    r = human.corr(ours)
    assert r > 0.8, f"Pearson r with human ratings fell to {r:.3f}"


# -- questions --------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("How much is the full new State Pension now?", True),
    ("Does anyone know if PIP is backdated", True),
    ("can I get pension credit if I own my home", True),
    ("When will the state pension age go up to 67", True),
    ("The State Pension rises in April.", False),
    ("Brilliant news for pensioners today!", False),
    ("What a disgrace.", False),
])
def test_question_detection(text: str, expected: bool) -> None:
    assert is_question_text(text) is expected


def test_personal_case() -> None:
    assert is_personal_case("My Universal Credit payment is late, what do I do?")
    assert not is_personal_case("How much is Universal Credit for a single person?")


# -- numbers and claims ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, value, unit, per, hedged", [
    ("£11.44", 11.44, "GBP", None, False),
    ("£2.5bn", 2.5e9, "GBP", None, False),
    ("£12.5k a year", 12500, "GBP", "year", False),
    ("£11.44/hr", 11.44, "GBP", "hour", False),
    ("about £230 a week", 230, "GBP", "week", True),
    ("400 quid a month", 400, "GBP", "month", False),
    ("2.5 billion pounds", 2.5e9, "GBP", None, False),
    ("20%", 20, "percent", None, False),
    ("20 per cent", 20, "percent", None, False),
    ("3,000 people", 3000, "number", None, False),
    ("nearly 66", 66, "number", None, True),
])
def test_quantities(text: str, value: float, unit: str, per: str | None, hedged: bool) -> None:
    found = quantities(text)
    assert len(found) == 1
    q = found[0]
    assert math.isclose(q.value, value) and (q.unit, q.per, q.hedged) == (unit, per, hedged)


@pytest.mark.parametrize("text, expected", [
    ("The full new State Pension is only £221.20 a week.", ["nsp-2025"]),
    ("The national living wage is £11.44 an hour.", ["nlw-2025"]),
    ("Pension Credit tops you up to £218.15 a week", ["pc-2025"]),
    ("The Universal Credit standard allowance is £393.45 a month", ["uc-single25-2025"]),
    ("State pension age is 68 now.", ["spa-2025"]),
    ("The basic state pension is £169.50 a week.", ["bsp-2025"]),       # the basic, not the new, rate
    # right values and non-claims are not flagged
    ("The full new State Pension is £230.25 a week.", []),
    ("The basic state pension is £176.45 a week.", []),
    ("If the state pension went up to £250 a week I'd be happy.", []),
    ("In 2023 the state pension was £203.85 a week.", []),
    ("The minimum wage should be £15 an hour.", []),
    ("Next April the state pension will rise to about £240 a week.", []),
    ("It's not £221.20 any more, it's £230.25 a week for the full new State Pension.", []),
    ("I get £190 a week state pension because of gaps in my record.", []),
    ("The state pension is £11,000 a year.", ["nsp-2025"]),              # £211.54 a week: 8% under
    ("The state pension is £12,000 a year.", []),                        # £230.77 a week: within 2%
    ("The full new State Pension is about £230 a week.", []),            # hedged: within 10%
])
def test_fact_claims(config: Config, text: str, expected: list[str]) -> None:
    assert [c.id for c in check_facts(text, config.facts, SEPT.date())] == expected


def test_the_fact_valid_on_the_publication_date_applies(config: Config) -> None:
    text = "The national living wage is £11.44 an hour."
    assert [c.id for c in check_facts(text, config.facts, dt.date(2024, 10, 1))] == []
    assert [c.id for c in check_facts(text, config.facts, dt.date(2025, 10, 1))] == ["nlw-2025"]
    assert check_facts(text, config.facts, dt.date(2030, 1, 1)) == []  # no fact valid then


def test_candidate_carries_its_evidence(config: Config) -> None:
    [c] = check_facts("Shocking. The full new State Pension is only £221.20 a week.", config.facts, SEPT.date())
    assert c.sentence == "The full new State Pension is only £221.20 a week."
    assert c.span == "£221.20 a week" and c.official == "£230.25 a week"
    assert "https://www.gov.uk/new-state-pension/what-youll-get" in c.detail
    assert "2025-04-07" in c.detail


@pytest.mark.parametrize("text, expected", [
    ("So the winter fuel payment has been scrapped for all pensioners now.", ["myth-wfp-scrapped"]),
    ("Homeowners can't get pension credit, don't bother.", ["myth-pc-homeowners"]),
    ("The State Pension age is going up to 70 next year apparently", ["myth-spa-70"]),
    ("It's a myth that the winter fuel payment has been scrapped.", []),
    ("The winter fuel payment is paid automatically in November.", []),
])
def test_myths(config: Config, text: str, expected: list[str]) -> None:
    assert [c.id for c in check_myths(text, config) if c.level == "flag"] == expected


def test_format_value() -> None:
    assert format_value(230.25, "GBP", "week") == "£230.25 a week"
    assert format_value(12.21, "GBP", "hour") == "£12.21 an hour"
    assert format_value(66, "years", None) == "66 years"
    assert format_value(20, "percent", None) == "20%"


# -- the whole analysis -------------------------------------------------------------------------

def test_analyse_fills_every_column_and_suggests_responses(config: Config) -> None:
    out = analyse(frame_of(
        "The full new State Pension is only £221.20 a week. What a disgrace.",
        "How much is the full new State Pension now?",
        "My Universal Credit payment is late, what do I do?",
        "So the winter fuel payment has been scrapped for all pensioners.",
        "Lovely weather in Leeds today.",
    ), config)
    assert list(out.columns) == list(ALL_COLUMNS)
    assert out["response_kind"].tolist() == ["correct", "answer", "refer", "correct", ""]
    correction = out["suggested_response"].iloc[0]
    assert "£230.25 a week" in correction and "7 April 2025" in correction
    assert "https://www.gov.uk/new-state-pension/what-youll-get" in correction
    assert "221.20" not in correction  # the wrong figure is not repeated
    assert "https://www.gov.uk/new-state-pension/what-youll-get" in out["suggested_response"].iloc[1]
    assert "https://www.gov.uk/universal-credit" in out["suggested_response"].iloc[2]
    assert "22 September 1959" in out["suggested_response"].iloc[3]
    assert out["inaccuracy_ids"].tolist() == ["nsp-2025", "", "", "myth-wfp-scrapped", ""]
    assert out["is_question"].tolist() == [False, True, True, False, False]
    assert out["topics"].iloc[4] == "" and out["sentiment_label"].iloc[0] == "negative"


def test_text_helpers() -> None:
    assert fold("Café “Crème”") == 'cafe "creme"'
    assert sentences("One. Two? Three!\nFour") == ["One.", "Two?", "Three!", "Four"]


@pytest.mark.parametrize("text", [
    "The full basic State Pension, for people who reached State Pension age before 6 April 2016, is £176.45 a week.",
    "The State Pension age is due to rise to 68 between 2044 and 2046.",
    "Winter Fuel Payment is taken back through the tax system from pensioners with income over £35,000.",
])
def test_sample_corpus_traps_are_not_flagged(config: Config, text: str) -> None:
    assert check_facts(text, config.facts, SEPT.date()) + [c for c in check_myths(text, config) if c.level == "flag"] == []


@pytest.mark.parametrize("text, expected", [
    ("Nobody is raising the state pension age to 70 next year; it's 66 now.", []),
    ("WINTER FUEL PAYMENT scrapped?!", []),
    ("The winter fuel payment hasn't been scrapped for all pensioners.", []),
    ("Some people believe homeowners can't get Pension Credit.", []),
    ("Nobody gets the winter fuel payment any more, they took it off everyone.", ["myth-wfp-scrapped"]),
    ("Pension Credit is not for homeowners, so with the house paid off we don't qualify.", ["myth-pc-homeowners"]),
])
def test_myth_denials_questions_and_negated_wordings(config: Config, text: str, expected: list[str]) -> None:
    assert [c.id for c in check_myths(text, config) if c.level == "flag"] == expected
