"""Suggested responses over the bundled sample feeds and on focused cases: every kind, every draft checked."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pandas as pd
import pytest

from analysis import analyse
from analysis.claims import format_value
from analysis.drafts import (
    Check, check_draft, links, reading_ease, short_variant, weighted_length, with_disclosure,
)
from analysis.responses import draft
from analysis.text import fold
from collectors import collect_source
from config import Account, Config, load_config
from mention import RESPONSE_KINDS, new_frame, read_matches
from tests.conftest import NOW, copy_config

SEPT = dt.datetime(2025, 9, 15, 12, tzinfo=dt.timezone.utc)


def named(config: Config) -> Config:
    """``config`` posting from a named person's account (drafts carry the disclosure line)."""
    account = Account("named", config.responses.account.role or "Digital engagement officer")
    return dataclasses.replace(config, responses=dataclasses.replace(config.responses, account=account))


def posts(*rows: dict) -> pd.DataFrame:
    """A mention frame of realistic posts: each dict gives text and optionally title, channel, replies, score."""
    return new_frame([{"mention_id": f"p{i}", "source": "s", "channel": r.get("channel", "social"),
                       "url": f"https://forum.example/t/{i}", "title": r.get("title", ""), "text": r["text"],
                       "author": "someone", "published_at": r.get("when", SEPT), "collected_at": SEPT,
                       "replies": r.get("replies"), "score": r.get("score")} for i, r in enumerate(rows)])


# The sample feeds hold no party-political argument and no inaccuracy with low reach, so these realistic
# posts stand in for do_not_engage (one political, one a low-reach forum correction) beside the sample.
POLITICAL = {"text": "Starmer promised to protect pensioners and then Reeves took the winter fuel payment off them. "
                     "Never voting Labour again."}
LOW_REACH = {"channel": "forum", "replies": 0, "score": 1, "title": "State pension",
             "text": "The full new State Pension is only £221.20 a week, it's not enough to live on."}
EXTRA = (POLITICAL, LOW_REACH)


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> Config:
    return load_config(copy_config(tmp_path_factory.mktemp("responses") / "config", local_fetching=False))


@pytest.fixture(scope="module", params=["corporate", "named"])
def account_config(request: pytest.FixtureRequest, shipped: Config) -> Config:
    return shipped if request.param == "corporate" else named(shipped)


@pytest.fixture(scope="module")
def sample(shipped: Config) -> pd.DataFrame:
    """Every item of the bundled sample feeds, collected offline (syndicated copies once), not yet analysed."""
    frames = [collect_source(s, shipped.settings, None, NOW).frame for s in shipped.sources if s.enabled]
    frame = pd.concat([f for f in frames if len(f)], ignore_index=True)
    return frame.drop_duplicates("mention_id").reset_index(drop=True)


@pytest.fixture(scope="module")
def analysed(sample: pd.DataFrame, account_config: Config) -> pd.DataFrame:
    """The sample and the stand-in posts through the real analysis, for each kind of account."""
    extra = posts(*EXTRA)
    extra["mention_id"] = "extra-" + extra["mention_id"]
    return analyse(pd.concat([sample, extra], ignore_index=True), account_config)


def failing(checks: list[Check]) -> list[str]:
    return [f"{c.name}: {c.detail}" for c in checks if not c.ok]


def claimed_of(row: pd.Series) -> str | None:
    flagged = [e for e in read_matches(row["inaccuracies"]) if e["level"] == "flag"]
    return flagged[0]["claimed"] if flagged else None


# -- the sample, end to end ---------------------------------------------------------------------------

def test_every_mention_gets_a_kind_and_a_reason_and_every_kind_occurs(analysed: pd.DataFrame) -> None:
    assert set(analysed["response_kind"]) <= set(RESPONSE_KINDS)
    assert (analysed["response_reason"].str.len() > 20).all()
    in_sample = set(analysed.loc[~analysed["mention_id"].str.startswith("extra-"), "response_kind"])
    assert {"correct", "answer", "refer", "acknowledge"} <= in_sample
    assert set(RESPONSE_KINDS) <= set(analysed["response_kind"])
    silent = analysed["response_kind"].isin(["", "do_not_engage"])
    assert (analysed.loc[silent, "suggested_response"] == "").all()
    assert (analysed.loc[~silent, "suggested_response"] != "").all()


def test_every_draft_passes_every_check(analysed: pd.DataFrame, account_config: Config) -> None:
    drafted = analysed[analysed["suggested_response"] != ""]
    assert len(drafted) > 100
    problems = {}
    for _, row in drafted.iterrows():
        kind = row["response_kind"]
        checks = check_draft(row["suggested_response"], kind, account_config, claimed_of(row))
        assert {c.name for c in checks} >= {"reading_ease", "impartiality", "fits_280"}
        if kind in ("correct", "answer", "refer"):
            assert "official_link" in {c.name for c in checks}
        if kind == "correct":
            assert {"no_motive", "claim_once"} <= {c.name for c in checks}
        if failing(checks):
            problems[row["mention_id"]] = failing(checks)
    assert problems == {}


def test_named_accounts_disclose_and_corporate_ones_do_not(analysed: pd.DataFrame, account_config: Config) -> None:
    line = f"{account_config.responses.account.role}, {account_config.settings.organisation_name}"
    drafted = analysed.loc[analysed["suggested_response"] != "", "suggested_response"]
    signed = drafted.str.endswith("\n" + line)
    assert signed.all() if account_config.responses.account.named else not signed.any()


def test_every_template_for_every_entry_passes_the_checks(account_config: Config) -> None:
    """Each approved wording the config can produce, not only those the sample happens to need."""
    c, drafts = account_config, []
    for f in c.facts:
        drafts.append(("correct", draft("correct", c, official=format_value(f.value, f.unit, f.per), claimed="",
                                        statement=f.correction or f.statement, valid_from="7 April 2025",
                                        source_url=f.source_url)))
        drafts.append(("answer", draft("answer", c, statement=f.statement, source_url=f.source_url, topic="")))
    drafts += [("correct", draft("myth", c, rebuttal=m.rebuttal, claim=m.claim, source_url=m.source_url))
               for m in c.myths]
    drafts += [("answer", draft("answer", c, statement=e.answer, source_url=e.url, topic=e.topic or ""))
               for e in c.responses.faq]
    for t in c.watchlist.topics:
        drafts += [("refer", draft("refer", c, topic=t.name, topic_url=c.responses.contacts.get(t.name, t.url))),
                   ("refer", draft("signpost", c, topic=t.name, topic_url=c.topic_url(t.name))),
                   ("refer", draft("complaint", c, topic=t.name, complaint_url=c.responses.complaint_url)),
                   ("acknowledge", draft("acknowledge", c, topic=t.name, url=c.topic_url(t.name)))]
    assert len(drafts) > 80
    assert {text: failing(check_draft(text, kind, c)) for kind, text in drafts if failing(check_draft(text, kind, c))} \
        == {}


# -- corrections --------------------------------------------------------------------------------------

def test_a_correction_leads_with_the_fact_its_date_and_link(analysed: pd.DataFrame, shipped: Config) -> None:
    facts = {f.id: f for f in shipped.facts}
    corrected = analysed[(analysed["response_kind"] == "correct") & analysed["inaccuracy_ids"].str.match(r"^[^m]")]
    assert len(corrected) >= 15
    for _, row in corrected.iterrows():
        fact = facts[row["inaccuracy_ids"].split(";")[0]]
        text = row["suggested_response"]
        assert text.startswith(fact.correction or fact.statement) and fact.source_url in text
        assert f"{fact.valid_from.day} {fact.valid_from:%B %Y}" in text
        assert re.sub(r"[^\d.]", "", format_value(fact.value, fact.unit, fact.per)) in text
        assert text.count(claimed_of(row)) <= 1


def test_a_myth_gets_the_approved_rebuttal_and_its_link(analysed: pd.DataFrame, shipped: Config) -> None:
    myths = {m.id: m for m in shipped.myths}
    rebutted = analysed[(analysed["response_kind"] == "correct") & analysed["inaccuracy_ids"].str.startswith("myth-")]
    assert len(rebutted) >= 5
    for _, row in rebutted.iterrows():
        myth = myths[row["inaccuracy_ids"].split(";")[0]]
        assert row["suggested_response"].startswith(myth.rebuttal) and myth.source_url in row["suggested_response"]
        assert fold(myth.claim) not in fold(row["suggested_response"])


def test_a_correction_that_repeats_the_claim_or_guesses_motive_fails(shipped: Config) -> None:
    good = "The full new State Pension is £230.25 a week, not £221.20. Details: https://www.gov.uk/new-state-pension"
    assert failing(check_draft(good, "correct", shipped, claimed="£221.20 a week")) == []
    twice = good.replace("Details:", "£221.20 was last year's rate. Details:")
    assert [c.name for c in check_draft(twice, "correct", shipped, "£221.20 a week") if not c.ok] == ["claim_once"]
    motive = good.replace("not £221.20.", "so that post is misleading and the poster is lying.")
    [bad] = [c for c in check_draft(motive, "correct", shipped, "£221.20 a week") if not c.ok]
    assert bad.name == "no_motive" and "misleading" in bad.detail and "lying" in bad.detail
    assert "no_motive" not in {c.name for c in check_draft(motive, "answer", shipped)}  # only corrections


# -- answers and referrals ----------------------------------------------------------------------------

def test_answers_come_from_the_faq_and_the_register(analysed: pd.DataFrame, shipped: Config) -> None:
    faq, facts = {e.id: e for e in shipped.responses.faq}, {f.id: f for f in shipped.facts}
    answered = analysed[analysed["response_kind"] == "answer"]
    used = answered["response_reason"].str.extract(r"\((\S+?)[,)]")[0]
    from_faq, from_register = used[used.isin(faq)], used[used.isin(facts)]
    assert from_faq.nunique() >= 10 and from_register.nunique() >= 2 and len(from_faq) + len(from_register) == len(used)
    for index, source in from_faq.items():
        entry, row = faq[source], answered.loc[index]
        assert row["suggested_response"].startswith(entry.answer) and entry.url in row["suggested_response"]
        assert any(fold(k) in fold(f"{row['title']} {row['text']}") for k in entry.keywords)
        assert entry.topic in row["topics"].split(";")
    for index, source in from_register.items():
        fact, row = facts[source], answered.loc[index]
        assert row["question_kind"] == "amounts" and row["suggested_response"].startswith(fact.statement)
        assert fact.source_url in row["suggested_response"]


def test_focused_answers(shipped: Config) -> None:
    may_2025, june_2026 = dt.datetime(2025, 5, 1), dt.datetime(2026, 6, 1)
    out = analyse(posts({"text": "Can I claim Pension Credit if I own my home? Thanks all."},
                        {"text": "How much is the Universal Credit standard allowance for a single person?"},
                        {"text": "How far back can Pension Credit be backdated?", "when": may_2025},
                        {"text": "Is the winter fuel payment still £300 for over-80s?", "when": june_2026}), shipped)
    reasons = out["response_reason"].tolist()
    assert out["response_kind"].tolist() == ["answer", "answer", "answer", "refer"]
    assert "pc-homeowners" in reasons[0] and "uc-single25-2025" in reasons[1] and "pc-backdating" in reasons[2]
    assert "signposted" in reasons[3]  # the FAQ's 2025-26 amounts are not used for a post from June 2026
    assert "https://www.gov.uk/winter-fuel-payment" in out["suggested_response"].iloc[3]


def test_a_personal_case_is_referred_without_repeating_its_details(analysed: pd.DataFrame, shipped: Config) -> None:
    cases = analysed[analysed["response_reason"].str.startswith("A personal case")]
    assert len(cases) >= 10
    for _, row in cases.iterrows():
        post = fold(f"{row['title']} {row['text']}")
        reply = fold(with_disclosure(row["suggested_response"], shipped, on=False))  # the signature is the config's
        topic = row["topics"].split(";")[0]
        assert (shipped.responses.contacts.get(topic) or shipped.topic_url(topic)) in row["suggested_response"]
        assert not set(re.findall(r"\d[\d,.]*", post)) & set(re.findall(r"\d[\d,.]*", reply.split("http")[0]))
        words = re.findall(r"[a-z']+", post)
        shared = [" ".join(words[i:i + 4]) for i in range(len(words) - 3) if " ".join(words[i:i + 4]) in reply]
        assert shared == [], shared


def test_complaints_and_kind_words(shipped: Config) -> None:
    out = analyse(posts({"title": "State Pension helpline", "text": "Kept on hold for an hour by the DWP again and "
                                                                    "then they hung up. Absolutely furious."},
                        {"title": "Pension Credit phone line was great", "text": "The adviser was patient and did "
                                                                                 "the whole claim. Thank you DWP!"},
                        {"channel": "news", "title": "Readers praise DWP", "text": "Thank you DWP, said readers."}),
                  shipped)
    assert out["response_kind"].tolist() == ["refer", "acknowledge", ""]
    assert shipped.responses.complaint_url in out["suggested_response"].iloc[0]
    assert "https://www.gov.uk/pension-credit" in out["suggested_response"].iloc[1]
    assert "news" not in shipped.responses.reply_channels  # a news article is not a conversation


# -- when not to engage -------------------------------------------------------------------------------

def test_a_party_political_argument_is_not_engaged_with(shipped: Config) -> None:
    out = analyse(posts(POLITICAL,
                        {"text": "Tories lied about the state pension: it's only £221.20 a week. Vote them out."},
                        {"channel": "news", "text": "Rachel Reeves will set out the Budget on 26 November."},
                        {"text": "Jobs in the labour market grew in September, the ONS said."}), shipped)
    assert out["response_kind"].tolist() == ["do_not_engage", "do_not_engage", "", ""]
    assert (out["suggested_response"] == "").all()
    assert "Starmer" in out["response_reason"].iloc[0] and "Labour" in out["response_reason"].iloc[0]
    assert "nsp-2025" in out["response_reason"].iloc[1] and "impartial" in out["response_reason"].iloc[1]


@pytest.mark.parametrize("channel, replies, score, kind", [
    ("forum", 0, 1, "do_not_engage"),     # two people at most have engaged: a reply would amplify it
    ("social", 2, 0, "do_not_engage"),
    ("forum", 2, 1, "correct"),           # above the threshold
    ("forum", None, 0, "correct"),        # unknown reach is never low
    ("forum", 0, None, "correct"),
    ("news", 0, 0, "correct"),            # reach is read only on forum and social channels
])
def test_low_reach(shipped: Config, channel: str, replies: int | None, score: int | None, kind: str) -> None:
    out = analyse(posts({**LOW_REACH, "channel": channel, "replies": replies, "score": score}), shipped)
    assert out["inaccuracy_ids"].iloc[0] == "nsp-2025" and out["response_kind"].iloc[0] == kind
    if kind == "do_not_engage":
        assert out["suggested_response"].iloc[0] == "" and "Low reach" in out["response_reason"].iloc[0]


# -- the draft: disclosure, 280 characters, checks on edited text ------------------------------------------

def test_the_disclosure_can_be_added_and_removed(shipped: Config) -> None:
    text = draft("answer", shipped, statement="The State Pension age is 66.", topic="",
                 source_url="https://www.gov.uk/state-pension-age")
    line = "Digital engagement officer, Department for Work and Pensions"
    signed = with_disclosure(text, shipped)
    assert signed == f"{text}\n{line}" and with_disclosure(signed, shipped) == signed
    assert with_disclosure(signed, shipped, on=False) == text == with_disclosure(text, shipped, on=False)
    assert draft("answer", named(shipped), statement="The State Pension age is 66.", topic="",
                 source_url="https://www.gov.uk/state-pension-age") == signed
    assert failing(check_draft(signed, "answer", shipped)) == []


def test_links_count_as_23_characters(shipped: Config) -> None:
    long_link = "https://www.gov.uk/government/publications/benefit-and-pension-rates-2025-to-2026"
    assert weighted_length(f"See {long_link}", shipped) == len("See ") + 23
    assert weighted_length("Read it on GOV.UK today", shipped) == len("Read it on  today") + 23  # X links it too
    assert weighted_length(f"{long_link}.", shipped) == 24  # the full stop is not part of the link


def test_the_280_variant_keeps_the_link_and_the_figure(shipped: Config) -> None:
    fact = next(f for f in shipped.facts if f.id == "uc-single25-2025")
    official = format_value(fact.value, fact.unit, fact.per)
    padding = " ".join(["Thanks for raising this with us, we know money is tight for a lot of people."] * 2)
    long_draft = with_disclosure(f"{fact.statement} {padding} You can check the official rates and how they "
                                 f"apply to you on GOV.UK: {fact.source_url}", shipped)
    assert weighted_length(long_draft, shipped) > 280
    short = short_variant(long_draft, shipped, keep=(official,))
    assert weighted_length(short, shipped) <= 280
    assert fact.source_url in short and "£400.14" in short and short.endswith("Department for Work and Pensions")
    [fits] = [c for c in check_draft(long_draft, "answer", shipped) if c.name == "fits_280"]
    assert fits.ok and "shortened" in fits.detail
    wall = "The rate is £400.14 a month " + "and more words " * 40 + shipped.facts[0].source_url
    assert weighted_length(short_variant(wall, shipped), shipped) <= 280 and links(wall)[0][0] in short_variant(
        wall, shipped)


@pytest.mark.parametrize("link", [
    "https://www.gov.uk.evil.com/state-pension", "https://evilgov.uk/state-pension", "http://www.gov.uk/state-pension",
    "https://gov.uk@evil.example/state-pension", "https://evil.example\\@www.gov.uk/x",
])
def test_a_look_alike_or_plain_http_link_fails(shipped: Config, link: str) -> None:
    text = f"The State Pension age is 66. See {link}"
    [check] = [c for c in check_draft(text, "answer", shipped) if c.name == "official_link"]
    assert not check.ok
    assert [c.ok for c in check_draft("The State Pension age is 66. See https://www.gov.uk/state-pension-age",
                                      "answer", shipped) if c.name == "official_link"] == [True]


def test_a_bare_look_alike_domain_and_a_missing_link_fail(shipped: Config) -> None:
    bare = "The State Pension age is 66: see gov.uk.evil.com/spa and https://www.gov.uk/state-pension-age"
    assert "gov.uk.evil.com" in " ".join(c.detail for c in check_draft(bare, "answer", shipped) if not c.ok)
    assert [c.name for c in check_draft("The State Pension age is 66.", "refer", shipped) if not c.ok] == \
        ["official_link"]
    assert "official_link" not in {c.name for c in check_draft("Thank you, that's kind.", "acknowledge", shipped)}
    assert [(c.name, c.ok) for c in check_draft("Thanks! More on GOV.UK.", "acknowledge", shipped)
            if c.name == "official_link"] == [("official_link", True)]
    assert [(c.name, c.ok) for c in check_draft("Thanks! More on gov.uk.evil.com today.", "acknowledge", shipped)
            if c.name == "official_link"] == [("official_link", False)]


def test_party_politician_and_loaded_words_are_flagged(shipped: Config) -> None:
    text = "These cruel cuts were Rachel Reeves's idea, and the Tories are no better. https://www.gov.uk/pip"
    [check] = [c for c in check_draft(text, "answer", shipped) if c.name == "impartiality"]
    assert not check.ok and all(w in check.detail for w in ("Rachel Reeves", "Tories", "cruel cuts"))
    fine = "The labour market is strong and the Winter Fuel Payment is paid in November. https://www.gov.uk/x"
    assert [c.ok for c in check_draft(fine, "answer", shipped) if c.name == "impartiality"] == [True]


def test_a_hard_to_read_draft_fails_reading_ease(shipped: Config) -> None:
    hard = ("Notwithstanding the aforementioned considerations, eligibility determinations necessitate comprehensive "
            "evaluation of individual circumstances. https://www.gov.uk/pension-credit/eligibility")
    [check] = [c for c in check_draft(hard, "answer", shipped) if c.name == "reading_ease"]
    assert not check.ok and reading_ease(hard) < 0 < 60 < reading_ease("You can get it if you own your home.")


def test_checks_run_on_edited_text(analysed: pd.DataFrame, shipped: Config) -> None:
    row = analysed[analysed["response_kind"] == "answer"].iloc[0]
    text = with_disclosure(row["suggested_response"], shipped, on=False)
    assert failing(check_draft(text, "answer", shipped)) == []
    edited = text.replace("GOV.UK:", "GOV.UK (no thanks to Labour):")
    assert [c.name for c in check_draft(edited, "answer", shipped) if not c.ok] == ["impartiality"]
    unlinked = text.split("http")[0]
    assert "official_link" in [c.name for c in check_draft(unlinked, "answer", shipped) if not c.ok]
    assert check_draft("", "do_not_engage", shipped) == []

