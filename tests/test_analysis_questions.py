"""Question detection: one case per rule and kind, the labelled set in bench/data, and detect on a frame."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pandas as pd
import pytest

from analysis.questions import KINDS, detect, is_personal_case, is_question_text, question_kind
from analysis.text import fold, sentences
from mention import new_frame

DATA = Path(__file__).resolve().parent.parent / "bench" / "data" / "questions.jsonl"
TRUE_KINDS = set(KINDS)
FALSE_KINDS = {"rhetorical", "headline", "opinion", "self_answered", "prediction", "off_topic", "reported", "statement"}

# Written for these tests, apart from the labelled set: (text, the kind question_kind should name).
ANSWERABLE = [
    # eligibility
    ("Can my partner claim carer's allowance if she's already on state pension?", "eligibility"),
    ("am i eligible for winter fuel if i moved back from portugal in may", "eligibility"),
    ("Would I qualify for PIP with long covid? Can barely walk to the shops some days.", "eligibility"),
    ("Does having a lodger stop me getting pension credit?", "eligibility"),
    ("What age can you claim pension credit from?", "eligibility"),
    # dates
    ("what day does pension credit go into the bank", "dates"),
    ("When will the new UC rates kick in?", "dates"),
    ("How long after a PIP assessment do you get the decision?", "dates"),
    ("WHEN DOES THE WINTER FUEL PAYMENT COME IN", "dates"),
    ("wen does uc pay out b4 xmas", "dates"),
    # amounts
    ("What's the hourly rate for the national living wage at 21?", "amounts"),
    ("how much is the UC carer element a month", "amounts"),
    ("Does anyone know how much Winter Fuel Payment a couple gets?", "amounts"),
    ("hw much is pip now", "amounts"),
    # how to apply
    ("How can I claim attendance allowance for my mum?", "how_to_apply"),
    ("Is there a phone number for the Pension Service that isn't an 0800 one?", "how_to_apply"),
    ("what proof do they want for a UC housing element claim, is a tenancy agreement enough", "how_to_apply"),
    ("PIP tribunal next month. any tips on what evidence to bring?", "how_to_apply"),
    ("how do u get a budgeting loan on UC, washing machine died", "how_to_apply"),
    ("My dad's 74 and has never claimed anything. He's got his state pension and about £30 a week from a work "
     "pension. We've heard Pension Credit might help with his council tax too. Is it worth him applying, and how "
     "would he go about it? Thanks in advance.", "how_to_apply"),
    # other policy
    ("Is UC affected by child maintenance payments?", "other_policy"),
    ("is the state pension paid every 4 weeks or monthly", "other_policy"),
    ("Genuinely asking - is Pension Credit taken into account for the council tax reduction?", "other_policy"),
    # the poster's own case
    ("Where is my PIP back pay? Award letter came 3 weeks ago", "personal_case"),
    ("my UC payment is £200 less than the statement said, who do I speak to", "personal_case"),
    ("Jobcentre have stopped my money and I don't know why. Can anyone help?", "personal_case"),
    ("@DWPgovuk hi, my mother's winter fuel hasn't arrived and she's 84. what should she do", "personal_case"),
    ("Right so I've been on UC for 2 years, just got a new job starting next month on 30 hours. Do I close my "
     "claim or does it just reduce? Don't want to get in trouble.", "personal_case"),
    # indirect requests, with and without a question mark
    ("I'd like to know if pension credit can be backdated for my father", "dates"),
    ("Just wondering when the cost of living payment will be paid this year", "dates"),
    ("Could someone explain how the UC taper works", "other_policy"),
    ("not sure whether I should report my wife's small pension to UC", "other_policy"),
]

NOT_ANSWERABLE = [
    # rhetorical
    ("How are we supposed to trust the DWP after this?", "rhetorical"),
    ("Who in their right mind thinks pensioners don't need winter fuel?", "rhetorical"),
    ("Why should disabled people pay for the government's mistakes?", "rhetorical"),
    ("What a joke. Six months for a PIP decision? Really?", "rhetorical"),
    ("So the state pension goes up 4% and my rent goes up 10%. Make it make sense??", "rhetorical"),
    ("How does anyone expect a family of four to live on Universal Credit?!", "rhetorical"),
    ("How much longer do we have to wait for this government to fix PIP?", "rhetorical"),
    ("Where's the compassion in stopping a dying man's PIP?", "rhetorical"),
    ("Why would anyone bother working when the jobcentre treats you like this?", "rhetorical"),
    ("Is this what we pay national insurance for?", "rhetorical"),
    ("What happened to 'making work pay'? UC taper still takes 55p in the pound.", "rhetorical"),
    ("Is anyone actually surprised the DWP got it wrong again?", "rhetorical"),
    ("Absolutely fuming. Why has nobody at the DWP been held accountable for the carer's allowance scandal?",
     "rhetorical"),
    ("Who decided jobcentre staff should be judged on sanctions?", "rhetorical"),
    # headlines
    ("Is Universal Credit Working?", "headline"),
    ("Pension Credit: Is It Worth Claiming?", "headline"),
    ("PIP reform: who wins and who loses?", "headline"),
    ("The Truth About Pension Credit: Are You Missing Out?", "headline"),
    ("Can The Triple Lock Survive Another Parliament?", "headline"),
    # opinion-seeking
    ("What do people think about the new PIP assessment questions?", "opinion"),
    ("Anyone else had their UC payment date moved this month?", "opinion"),
    ("Thoughts? The jobcentre wants me on a course I've already done.", "opinion"),
    ("What's everyone's view on UC sanctions, do they work?", "opinion"),
    # predictions
    ("Will the government scrap the two-child limit in the Budget?", "prediction"),
    ("Do you reckon winter fuel will be means-tested again next year?", "prediction"),
    ("Do you lot reckon the state pension age will go up again?", "prediction"),
    ("Which party will do more for pensioners at the next election?", "prediction"),
    # answered by the poster
    ("Is PIP means tested? No. Your savings and income don't matter.", "self_answered"),
    ("When is UC paid if your date is a Sunday? It comes on the Friday before.", "self_answered"),
    ("How much is the cost of living payment? £300, paid in two parts according to the DWP.", "self_answered"),
    ("Can you claim UC and carer's allowance together? Yep, but carer's allowance is taken off your UC.",
     "self_answered"),
    # reported questions and statements
    ("The minister was asked how many PIP claimants had been reassessed and could not say.", "reported"),
    ("She asked whether her mum could still get pension credit, and I had no idea.", "reported"),
    ("MPs will question the DWP permanent secretary about PIP delays next week.", "reported"),
    ("Pension Credit can be backdated by three months, so claim now.", "statement"),
    ("Finally got through to the PIP helpline after an hour.", "statement"),
    ("How much State Pension someone gets depends on their National Insurance record.", "statement"),
    ("Top tip: ring the pension credit line first thing in the morning, the queue is shorter.", "statement"),
    # off topic: no service named, or a false friend
    ("How much is a TV licence these days?", "off_topic"),
    ("What time does Lidl open on bank holiday Monday?", "off_topic"),
    ("how do i pip install requests behind a proxy", "off_topic"),
    ("Does anyone know a decent solicitor in Cardiff for a house purchase?", "off_topic"),
]


@pytest.mark.parametrize("text, kind", ANSWERABLE, ids=[f"{k}-{i}" for i, (_, k) in enumerate(ANSWERABLE)])
def test_answerable_question_and_its_kind(text: str, kind: str) -> None:
    assert question_kind(text) == kind
    assert is_question_text(text)


@pytest.mark.parametrize("text, why", NOT_ANSWERABLE, ids=[f"{w}-{i}" for i, (_, w) in enumerate(NOT_ANSWERABLE)])
def test_not_a_question_an_official_could_answer(text: str, why: str) -> None:
    assert question_kind(text) == ""
    assert not is_question_text(text)


@pytest.mark.parametrize("text, expected", [
    ("My Universal Credit payment is late, what do I do?", True),
    ("why has my PIP been stopped?", True),
    ("I've been sanctioned for missing an appointment", True),
    ("DWP have asked me to attend an interview", True),
    ("Still haven't received the cost of living payment", True),
    ("How much is Universal Credit for a single person?", False),
    ("Can my partner claim carer's allowance?", False),  # "claim" the verb, not "my claim"
    ("What evidence do I need? I have letters from my GP.", False),
    ("When is UC paid over christmas? my payment date is the 25th", False),
    ("Can I defer my State Pension and get more later?", False),  # "later", not "late"
])
def test_personal_case(text: str, expected: bool) -> None:
    assert is_personal_case(text) is expected


def test_venting_about_ones_own_case_is_referred_not_dropped() -> None:
    venting = "How am I meant to eat until then?"
    assert question_kind("Universal Credit is a disgrace. " + venting) == ""
    own_case = "Just claimed Universal Credit but my first payment is five weeks away. " + venting
    assert question_kind(own_case) == "personal_case"


def _labelled() -> list[dict]:
    return [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_labelled_set_is_well_formed() -> None:
    rows = _labelled()
    assert len(rows) >= 150
    assert len({r["id"] for r in rows}) == len(rows)
    assert len({r["text"] for r in rows}) == len(rows)
    for r in rows:
        assert set(r) == {"id", "split", "label", "kind", "text"}, r["id"]
        assert r["split"] in {"dev", "test"} and r["text"].strip(), r["id"]
        assert r["kind"] in (TRUE_KINDS if r["label"] else FALSE_KINDS), r["id"]
    for split in ("dev", "test"):
        assert {r["kind"] for r in rows if r["split"] == split} == TRUE_KINDS | FALSE_KINDS


def test_precision_and_recall_on_the_held_out_split() -> None:
    test = [r for r in _labelled() if r["split"] == "test"]
    flagged = [is_question_text(r["text"]) for r in test]
    tp = sum(f and r["label"] for r, f in zip(test, flagged))
    precision = tp / max(sum(flagged), 1)
    recall = tp / sum(r["label"] for r in test)
    assert precision >= 0.90 and recall >= 0.85, f"precision {precision:.3f}, recall {recall:.3f}"


def test_detect_adds_is_question_from_title_and_text() -> None:
    when = dt.datetime(2025, 9, 15, 12, tzinfo=dt.timezone.utc)
    rows = [("", "How much is Pension Credit a week for a single person?"),
            ("When does the Winter Fuel Payment go in?", "Usually get it late November, nothing yet."),
            ("Is the Triple Lock Doomed?", "Economists are divided on the policy."),
            ("", "How is anyone supposed to live on Universal Credit?"),
            ("", "")]
    frame = new_frame([{"mention_id": f"m{i}", "source": "s", "channel": "social", "url": f"https://x.example/{i}",
                        "title": title, "text": text, "author": "a", "published_at": when, "collected_at": when}
                       for i, (title, text) in enumerate(rows)])
    out = detect(frame)
    assert out["is_question"].tolist() == [True, True, False, False, False]
    assert out["is_question"].dtype == "bool"
    assert out["question_kind"].tolist() == ["amounts", "dates", "", "", ""]
    assert out["question_kind"].dtype == "string"
    new = ["is_question", "question_kind"]
    pd.testing.assert_frame_equal(out.drop(columns=new), frame.drop(columns=new, errors="ignore"))


def test_on_posts_written_without_sight_of_the_rules_it_beats_the_old_rule() -> None:
    """bench/data/questions_unseen.jsonl was written by someone who saw neither the rules nor the
    posts above, and nothing was tuned on it: the honest figure (F1 0.735 when written, against 0.649
    for the old any-'?' rule). This guards against a change that makes it worse than the old rule."""
    unseen = [json.loads(line) for line in (DATA.parent / "questions_unseen.jsonl").read_text(encoding="utf-8")
              .splitlines() if line.strip()]
    assert len(unseen) >= 100 and all(r["kind"] in (TRUE_KINDS if r["label"] else FALSE_KINDS) for r in unseen)

    def f1(flags: list[bool]) -> float:
        tp = sum(f and r["label"] for r, f in zip(unseen, flags))
        precision, recall = tp / max(sum(flags), 1), tp / sum(r["label"] for r in unseen)
        return 2 * precision * recall / (precision + recall)

    old = re.compile(r"\?\s*$|^(?:how|what|when|where|why|who|which|can|could|do|does|is|are|will)\b")
    baseline = f1([any(old.search(fold(s)) for s in sentences(r["text"])) for r in unseen])
    ours = f1([is_question_text(r["text"]) for r in unseen])
    assert ours >= 0.70 and ours > baseline + 0.05, (ours, baseline)
