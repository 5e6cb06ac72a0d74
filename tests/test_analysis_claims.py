"""Claims against the facts register and known myths: what is a claim, which fact it is about,
the evidence each candidate carries, and the two myth thresholds. Uses the shipped register and
the real bundled sentence model."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest

from analysis import claim_context, claims
from analysis.claims import check_facts, check_myths
from config import Config
from tests.conftest import PROJECT

OCT = dt.date(2025, 10, 1)


def fact_ids(text: str, config: Config, day: dt.date = OCT, title: str = "") -> list[str]:
    return [c.id for c in check_facts(text, config.facts, day, title) if c.level == "flag"]


def myth_flags(text: str, config: Config) -> list[str]:
    return [c.id for c in check_myths(text, config) if c.level == "flag"]


@pytest.mark.parametrize("text, expected", [
    ("The full new State Pension is only £185 a week.", ["nsp-2025"]),
    ("state pension is 160 quid a week, a disgrace", ["nsp-2025"]),
    ("The higher rate of income tax is 45%", ["tax-higher-rate"]),
    ("income tax basic rate is 40% now", ["tax-basic-rate"]),
    ("VAT is 17.5% on most things", ["vat-standard"]),
    ("personal allowance is £10k so everyone pays tax", ["personal-allowance"]),
    ("Carer's allowance is just £81.90 pw", ["ca-2025"]),
    ("Each additional child gets £10 a week child benefit", ["cb-additional-2025"]),
    ("Child benefit is £21.80 a week for the first and £14.45 for each additional child",
     ["cb-eldest-2025", "cb-additional-2025"]),
    ("The UC taper is 65p in the pound", ["uc-taper"]),
    ("minimum wage is nearly £15 an hour now", ["nlw-2025"]),
    ("winter fuel payment only gets taken back if you earn over £50,000", ["wfp-threshold-2025"]),
    ("state pension is over £250 a week now", ["nsp-2025"]),
    ("state pension is under £200 a week", ["nsp-2025"]),
    # a tax rate in pence is a percentage of each pound
    ("The top rate of income tax is 50p and people still act surprised", ["tax-additional-rate"]),
    ("NLW is literally £10.42/hr", ["nlw-2025"]),
    # the official value said only in a supposition does not make the sentence a correction
    ("the state pension age is 67 now, so if you were planning to pack it in at 66 you'll need to rethink",
     ["spa-2025"]),
])
def test_contradictions_are_flagged(config: Config, text: str, expected: list[str]) -> None:
    assert fact_ids(text, config) == expected


@pytest.mark.parametrize("kind, text", [
    ("correct", "The full new State Pension is £230.25 a week."),
    ("correct rounded", "state pension is about £230 a week"),
    ("correct bound", "the state pension is over £200 a week"),
    ("hypothetical", "If VAT went up to 25% we'd all be stuffed."),
    ("hypothetical", "Imagine the minimum wage was £15 an hour."),
    ("past", "In 2010 the personal allowance was £6,475."),
    ("past", "Back in the day the state pension was £100 a week."),
    ("should", "Minimum wage should be £15 an hour."),
    ("should", "Carer's allowance ought to be at least the minimum wage - that's about £427 a week."),
    ("prediction", "The state pension will rise to £250 a week next year."),
    ("prediction", "bet the state pension hits 260 a week within two years with the triple lock"),
    ("other rate", "once you go over 100k it's effectively 60% because of the personal allowance taper"),
    ("prediction", "The NLW is set to go up to £12.71 next April, and the rate for 18-20 year olds to £10.85."),
    ("personal", "I get £180 a week state pension because I was contracted out."),
    ("personal", "My SMP is £160 a week because I'm part-time."),
    ("personal", "Dad gets £61.35 a week pension credit on top of his state pension."),
    ("personal", "If you're single it tops you up to £227.10. Dad gets £205 state pension, so he'd get £22."),
    ("couple", "a couple who both have the full new state pension get £460.50 a week between them"),
    ("other rate", "The PIP enhanced rate for mobility is £77.05 a week."),
    ("other rate", "Your gas bill only carries 5% VAT because domestic energy is on the reduced rate."),
    ("pence not a rate", "The VAT on a 50p chocolate bar is 10p."),
    ("correction", "It's not £9.50 any more, it's £12.21 an hour for the national living wage."),
    ("correction", "People say VAT is 25% but it's 20%."),
    ("correction", "people keep saying VAT is 25% but it's 20%. 25% is Sweden"),
    ("reported", "One in three adults believe the basic rate of income tax is 25%, a survey found."),
    ("question", "Is the state pension £200 a week?"),
    ("reported", "My manager told the whole team SSP is £100 a week."),
    ("reported", "The Mail claims the state pension is £150 a week."),
    ("other rate", "Under 25s on universal credit get £316.98 a month standard allowance."),
    ("other rate", "The reduced rate of VAT on domestic energy is 5%."),
    ("other rate", "The apprentice minimum wage is £7.55 an hour."),
    ("other period", "The state pension is £11.44 an hour if you work it out."),
    ("unrelated", "Pension credit: the first £10,000 of savings is ignored, then £1 a week for every £500."),
    ("unrelated", "880,000 pensioners miss out on pension credit worth £4,300 on average."),
    ("threshold as condition", "winter fuel payment is clawed back if you're over 35k taxable income"),
])
def test_hard_negatives_are_not_flagged(config: Config, kind: str, text: str) -> None:
    assert fact_ids(text, config) == [], kind


def test_the_fact_valid_on_the_posts_date_applies(config: Config) -> None:
    text = "The national living wage is £11.44 an hour."
    assert fact_ids(text, config, dt.date(2024, 10, 1)) == []                 # right in 2024-25
    assert fact_ids(text, config, dt.date(2025, 10, 1)) == ["nlw-2025"]       # out of date in 2025-26
    assert fact_ids("The national living wage is £12.21 an hour.", config, dt.date(2026, 6, 1)) == ["nlw-2026"]
    assert fact_ids(text, config, dt.date(2031, 1, 1)) == []                  # no fact valid then


def test_a_year_outside_the_facts_validity_is_about_another_time(config: Config) -> None:
    assert fact_ids("In 2019 the national living wage is £8.21 an hour.", config) == []


def test_a_keyword_in_the_title_or_sentence_before_flags_only_the_facts_own_unit_and_period(config: Config) -> None:
    # named by the sentence before, the number states the fact's unit and period: a flag, less sure
    found = check_facts("State pension\nIt's just £160 a week.", config.facts, OCT)
    assert [(c.id, c.level, c.confidence) for c in found] == [("nsp-2025", "flag", 0.7)]
    # hedged, still in the fact's own unit and period: a flag at the threshold (the hedge widens the tolerance)
    found = check_facts("State pension\nIt's about £160 a week.", config.facts, OCT)
    assert [(c.id, c.level, c.confidence) for c in found] == [("nsp-2025", "flag", 0.6)]
    assert check_facts("State pension\nIt's about £225 a week.", config.facts, OCT) == []  # within the hedge
    # with no period it is only a suggestion for a person
    found = check_facts("State pension\nIt's just £160.", config.facts, OCT)
    assert [(c.id, c.level) for c in found] == [("nsp-2025", "suggest")]


def test_an_amount_in_another_period_is_converted(config: Config) -> None:
    found = check_facts("The full new State Pension pays £11,000 a year.", config.facts, dt.date(2026, 9, 14))
    assert [(c.id, c.claimed, c.claimed_value, c.per) for c in found] == [("nsp-2026", "£11,000 a year", 211.54, "week")]
    # people round what they convert: within 10% is not a contradiction; an hourly amount is never converted
    assert fact_ids("The state pension is about £12,000 a year.", config, dt.date(2026, 9, 14)) == []
    assert fact_ids("universal credit for a single adult is £80 a week", config) == ["uc-single25-2025"]
    assert fact_ids("The state pension is £11.44 an hour if you work it out.", config) == []


def test_exclude_words_veto_a_fact(config: Config) -> None:
    fact = next(f for f in config.facts if f.id == "vat-standard")
    assert "reduced rate" in fact.exclude
    narrowed = dataclasses.replace(fact, exclude=())
    assert [c.id for c in check_facts("The reduced rate of VAT is 5%.", (narrowed,), OCT)] == ["vat-standard"]


def test_a_candidate_carries_its_evidence(config: Config) -> None:
    [c] = check_facts("Honestly the full new State Pension is only about £185 a wk.", config.facts, OCT)
    assert (c.id, c.kind, c.level) == ("nsp-2025", "fact", "flag")
    assert c.sentence == "Honestly the full new State Pension is only about £185 a wk."
    assert c.span == "£185 a wk" == c.claimed
    assert (c.claimed_value, c.official_value, c.unit, c.per) == (185.0, 230.25, "GBP", "week")
    assert c.official == "£230.25 a week"
    assert c.difference == pytest.approx(-45.25)
    assert 0.6 <= c.confidence < 0.95          # hedged: less sure than an exact figure
    assert c.keyword == "new state pension"
    assert c.source_url == "https://www.gov.uk/new-state-pension/what-youll-get"
    assert (c.valid_from, c.valid_to) == ("2025-04-07", "2026-04-05")


@pytest.mark.parametrize("text, expected", [
    ("So the government has axed the winter fuel allowance for every pensioner, disgraceful", "myth-wfp-scrapped"),
    ("They're raising the retirement age to 70 from next year", "myth-spa-70"),
    ("You can only claim carers allowance for your own family", "myth-ca-family-only"),
])
def test_myths_are_matched_by_meaning(config: Config, text: str, expected: str) -> None:
    myth = next(m for m in config.myths if m.id == expected)
    assert text.lower() not in [w.lower() for w in (myth.claim, *myth.variants)]
    [c] = [c for c in check_myths(text, config) if c.level == "flag"]
    assert c.id == expected and c.kind == "myth"
    assert 0.6 < c.confidence < 1.0                     # a paraphrase, not a listed wording
    assert c.source_url == myth.source_url and c.official == myth.rebuttal


@pytest.mark.parametrize("text", [
    "Winter fuel payment is still being paid automatically this year.",
    "No, winter fuel hasn't been scrapped.",
    "Owning your home does not stop you getting Pension Credit.",
    "TikTok videos claiming the winter fuel payment has been abolished have racked up millions of views.",
    "Is PIP means tested?",
    "The State Pension age is due to rise to 68 between 2044 and 2046.",
    "PIP enhanced mobility is £77.05 a week.",
    "Winter fuel payment was scrapped for most pensioners last winter.",
])
def test_myth_negatives(config: Config, text: str) -> None:
    assert myth_flags(text, config) == []


def test_two_myth_thresholds_suggest_and_flag(config: Config) -> None:
    text = "So the government has axed the winter fuel allowance for every pensioner, disgraceful"
    [c] = check_myths(text, config)
    similarity = c.confidence
    for suggest, flag, level in ((0.30, similarity - 0.01, "flag"), (similarity - 0.01, similarity + 0.01, "suggest"),
                                 (similarity + 0.01, similarity + 0.02, None)):
        settings = dataclasses.replace(config.settings, myth_suggest_threshold=suggest, myth_flag_threshold=flag,
                                       short_text_margin=0.0)
        found = check_myths(text, dataclasses.replace(config, settings=settings))
        assert [x.level for x in found] == ([level] if level else [])


def test_short_texts_need_more_evidence(config: Config) -> None:
    short = "Winter fuel payment axed by the government"  # 7 words: under SHORT_WORDS
    [c] = check_myths(short, dataclasses.replace(config, settings=dataclasses.replace(
        config.settings, myth_suggest_threshold=0.1, myth_flag_threshold=0.1, short_text_margin=0.0)))
    margin = dataclasses.replace(config.settings, myth_suggest_threshold=c.confidence - 0.02,
                                 myth_flag_threshold=c.confidence - 0.01, short_text_margin=0.05)
    assert check_myths(short, dataclasses.replace(config, settings=margin)) == []


def test_detect_fills_the_columns_and_keeps_suggestions_apart(config: Config) -> None:
    frame = pd.DataFrame({
        "title": ["", "State pension", ""],
        "text": ["The full new State Pension is only £185 a week.", "It's just £160.", "Lovely weather."],
        "published_at": pd.to_datetime(["2025-10-01"] * 3, utc=True)})
    out, flagged = claims.detect(frame, config)
    assert list(out["inaccuracy_ids"]) == ["nsp-2025", "", ""]
    assert [len(f) for f in flagged] == [1, 0, 0]
    evidence = [json.loads(cell) if cell else [] for cell in out["inaccuracies"]]
    assert [[e["level"] for e in row] for row in evidence] == [["flag"], ["suggest"], []]
    assert evidence[0][0]["official_value"] == 230.25 and evidence[0][0]["source_url"].startswith("https://www.gov.uk")


def test_labelled_development_set_meets_the_targets(config: Config) -> None:
    """The 317 labelled posts of bench/data/claims.jsonl (bench/claims_eval.py prints the same figures)."""
    posts = [json.loads(line) for line in (PROJECT / "bench" / "data" / "claims.jsonl").read_text().splitlines()]
    assert len(posts) >= 250 and sum(bool(p["label"]) for p in posts) >= 80
    frame = pd.DataFrame({"title": [p["title"] for p in posts], "text": [p["text"] for p in posts],
                          "published_at": pd.to_datetime([p["published_at"] for p in posts], utc=True)})
    _, found = claims.detect(frame, config)
    tp = sum(len({c.id for c in f} & set(p["label"])) for f, p in zip(found, posts))
    predicted = sum(len({c.id for c in f}) for f in found)
    labelled = sum(len(p["label"]) for p in posts)
    assert tp / predicted >= 0.90 and tp / labelled >= 0.80
    assert len({i for p in posts for i in p["label"] if not i.startswith("myth")}) >= 15
    assert len({i for p in posts for i in p["label"] if i.startswith("myth")}) >= 4


def test_config_reports_bad_myth_thresholds_and_unknown_fields(config_dir: Path) -> None:
    from config import ConfigError, load_config
    settings = config_dir / "settings.toml"
    settings.write_text(settings.read_text().replace("myth_flag_threshold = 0.72", "myth_flag_threshold = 0.5"))
    facts = config_dir / "facts.toml"
    facts.write_text(facts.read_text().replace('id = "vat-standard"', 'id = "vat-standard"\nvalid_form = 2011-01-04'))
    with pytest.raises(ConfigError) as err:
        load_config(config_dir)
    problems = "\n".join(err.value.problems)
    assert "settings.toml: [claims]: myth_suggest_threshold is more than myth_flag_threshold" in problems
    assert "facts.toml: facts[" in problems and "(vat-standard): valid_form: unknown field" in problems


# Real sentences of the development posts (bench/data) that the earlier fixed similarity margins missed:
# a paraphrase far from every listed wording, or near the bare subject.
@pytest.mark.parametrize("text, expected", [
    ("no pensioner gets a penny towards their heating now, rachel from accounts saw to that", "myth-wfp-scrapped"),
    ("They've taken the heating allowance off every single pensioner in the country.", "myth-wfp-scrapped"),
    ("personal independence payment is only for people on low incomes mate, you earn 40k you're not getting it",
     "myth-pip-means-tested"),
])
def test_the_learned_decision_flags_paraphrases(config: Config, text: str, expected: str) -> None:
    [c] = [c for c in check_myths(text, without_says(config)) if c.level == "flag"]
    assert c.id == expected and config.settings.myth_flag_threshold <= c.confidence < 1.0  # not a listed wording


@pytest.mark.parametrize("text", [
    "Yes you can — you don't have to live with or be related to the person to get Carer's Allowance.",
    "No, they haven't binned winter fuel for all pensioners.",
    "PIP has nothing to do with your income or savings, it's based on how your condition affects your daily life.",
    "Nobody is raising the state pension age to 70; it's 66 now.",          # states the rebuttal's own figure
    "The pension credit application asks loads about your home and savings, took me ages to fill in for dad.",
])
def test_denials_and_talk_about_the_subject_are_not_flagged(config: Config, text: str) -> None:
    assert check_myths(text, config) == []


def test_no_rebuttal_is_taken_for_its_myth(config: Config) -> None:
    for myth in config.myths:
        assert myth.rebuttal and check_myths(myth.rebuttal, config) == [], myth.id


def test_the_shipped_myth_model_fits_the_code() -> None:
    from analysis import myth_model
    model = myth_model.load()
    assert model.features == myth_model.FEATURES
    weight = dict(zip(model.features, model.weights))
    # the signs bench/train_myths.py bounds: evidence for the myth raises the probability, against lowers it
    assert weight["claim_words"] > 0 and weight["beyond_support"] > 0 and weight["support"] >= 0
    assert weight["hedged"] <= 0 and weight["other_numbers"] < 0 and weight["against"] <= 0
    stale = {**model.to_dict(), "features": [*model.features[:-1], "something_else"]}
    with pytest.raises(myth_model.ModelError, match="train_myths"):
        myth_model.Model.from_dict(stale)


def without_says(config: Config) -> Config:
    """The config with no ``says`` queries: every paraphrase goes to the learned decision."""
    return dataclasses.replace(config, myths=tuple(dataclasses.replace(m, says=()) for m in config.myths))


def test_a_claim_is_only_as_confident_as_the_model_says(config: Config) -> None:
    """A model that sees nothing in the features gives every sentence the same probability; it is the
    confidence, set against the settings' thresholds."""
    from analysis import myth_model, myths
    shipped = myth_model.load()
    flat = dataclasses.replace(shipped, weights=shipped.weights * 0, bias=0.0)   # probability 0.5 for all
    sentences = ["They've taken the heating allowance off every single pensioner in the country."]
    learned = without_says(config).myths
    found = myths.match(sentences, learned, myths.Thresholds(0.4, 0.6, 0.0), flat)
    assert [(m.myth.id, m.similarity, m.level) for m in found[0]] == [("myth-wfp-scrapped", 0.5, "suggest")]
    assert myths.match(sentences, learned, myths.Thresholds(0.4, 0.6, 0.0))[0][0].level == "flag"
    # the register's own query for what the myth says decides it, whatever the model thinks
    [said] = myths.match(sentences, config.myths, myths.Thresholds(0.4, 0.6, 0.0), flat)[0]
    assert (said.similarity, said.level) == (myths.SAID_CONFIDENCE, "flag") and "every" in said.wording


@pytest.mark.parametrize("text, day, expected", [
    # a later clause that says what the number is vetoes the fact as its own clause would
    ("Reminder VAT on your home gas and electric is just 5%, it's the reduced rate.", dt.date(2025, 7, 16), []),
    # a later clause about something else, with no number, does not
    ("The UC standard allowance for a single person over 25 is £393.45 a month, then housing element on top "
     "if you rent.", dt.date(2025, 6, 18), ["uc-single25-2025"]),
])
def test_exclude_words_in_the_clause_that_restates_the_number(config: Config, text: str, day: dt.date,
                                                              expected: list[str]) -> None:
    assert fact_ids(text, config, day) == expected


# Real sentences of the labelled posts (bench/data) that the learned decision missed: what the myth says about
# its subject, put in words no listed wording is near, found by the myth's ``says`` queries in facts.toml.
@pytest.mark.parametrize("text, expected", [
    ("You have to have basically nothing in the bank to get pension credit, even a couple of grand saved and "
     "they refuse you.", "myth-pc-savings"),
    ("Pension Credit, sadly, is off the table for anyone who owns their property.", "myth-pc-homeowners"),
    ("Pension credit is for renters.", "myth-pc-homeowners"),
    ("You can't, carer's allowance is only if it's a relative.", "myth-ca-family-only"),
    ("they're making us all work till 70 from next year. state pension age going to 70 and nobody is talking "
     "about it", "myth-spa-70"),
    ("Winter fuel allowance: abolished.", "myth-wfp-scrapped"),
    ("Since the government did away with the Winter Fuel Payment for all pensioners, people are scared.",
     "myth-wfp-scrapped"),
    ("Personal independence payment checks your bank balance and if you have savings they stop it.",
     "myth-pip-means-tested"),
    ("pip = means tested benefit.", "myth-pip-means-tested"),
    # rules, not suppositions or denials: "unless", "only if", "before you can get"
    ("Can't claim carer's allowance unless they live under your roof", "myth-ca-family-only"),
    # a negation that is the claim, not one that denies what the query found
    ("new rules from next april mean nobody gets the state pension before 70.", "myth-spa-70"),
    # "say no" refuses, it reports nothing
    ("they'll take one look at the deeds to your house and say no to pension credit", "myth-pc-homeowners"),
    ("Homeowners are excluded from pension credit.", "myth-pc-homeowners"),
    ("pension credit's basically for tenants, the minute you own bricks and mortar you're out", "myth-pc-homeowners"),
])
def test_says_queries_flag_what_the_myth_says_in_other_words(config: Config, text: str, expected: str) -> None:
    from analysis.myths import SAID_CONFIDENCE
    myth = next(m for m in config.myths if m.id == expected)
    [c] = [c for c in check_myths(text, config) if c.level == "flag"]
    assert c.id == expected and c.confidence == SAID_CONFIDENCE
    assert c.keyword in myth.says                    # the evidence: the query a press officer can read and fix
    assert c.detail.startswith(f"{expected}: repeats the known false claim (matches “{c.keyword}”, 0.90)")


@pytest.mark.parametrize("text", [
    "PIP isn't means tested. I work full time as an accountant and still get enhanced mobility.",
    "PIP is NOT means tested.",
    "The winter fuel payment has NOT been scrapped.",
    "PIP isn't means-tested, but if you're also on UC then savings over £16k will stop the UC part.",
    "If you have more than £10,000 in savings your pension credit is reduced by £1 a week for every £500.",
    "The winter fuel payment was scrapped for anyone earning over £35,000.",
    "There's a TikTok with two million views saying pension age goes up to 70 next year.",
    "Some social media posts claim the winter fuel payment has been scrapped for everyone.",
    "Contrary to what's being shared online, there are no plans to raise the state pension age to 70 next year.",
    "A man at the day centre keeps telling everyone you can't get pension credit with savings.",
    # denials written without the apostrophe
    "PIP isnt means tested. i work full time and have savings and still get it",
    "winter fuel hasnt been axed for everyone, my mum got hers in november same as always",
    "you dont have to be related to get carers allowance, mine's for my neighbour across the road",
    "UC is means tested so savings over 16k stop it.",          # another benefit's means test
    "I lost my job last year and my PIP was stopped at the review because they said my condition improved.",
    "Carer's allowance: the person you care for doesn't have to live with you or be family.",
    "Should homeowners be able to get pension credit?",
    "My nan is 70 and gets her state pension and pension credit.",
])
def test_says_queries_leave_denials_the_truth_and_other_rules_alone(config: Config, text: str) -> None:
    assert myth_flags(text, config) == []


def test_a_malformed_says_query_is_named_and_stops_nothing(config_dir: Path) -> None:
    from analysis import check
    from config import ConfigError, load_config
    facts = config_dir / "facts.toml"
    facts.write_text(facts.read_text().replace('says = [\n  \'("means tested"', 'says = [\n  \'("means tested',
                                                   1))
    config = load_config(config_dir)          # the file's shape is right: the loader takes it
    with pytest.raises(ConfigError) as err:
        check(config)                         # the query language is analysis's to read
    [problem] = err.value.problems
    index = [m.id for m in config.myths].index("myth-pip-means-tested") + 1
    assert problem.startswith(f"facts.toml: myths[{index}] (myth-pip-means-tested): says[1]: ")
    assert "quote" in problem
    # a run that was started anyway still checks every other query and wording
    assert myth_flags("PIP is only for people on low incomes, if you're skint.", config) == ["myth-pip-means-tested"]
    assert myth_flags("pip is means tested", config) == ["myth-pip-means-tested"]     # a listed wording


def test_a_myth_flag_explains_the_number_it_repeats(config: Config) -> None:
    """"Pension age is 70 as of next year" repeats the myth; the State Pension age fact would flag the same 70:
    one flag, the myth's (its rebuttal answers it), not two on the same words."""
    frame = pd.DataFrame({"title": ["", ""], "text": ["Pension age is 70 as of next year. Work till you drop.",
                                                      "The state pension age is 68 now."],
                          "published_at": pd.to_datetime(["2026-02-18"] * 2, utc=True)})
    _, found = claims.detect(frame, config)
    assert [[c.id for c in row] for row in found] == [["myth-spa-70"], ["spa-2025"]]


def test_a_condition_is_no_denial(config: Config) -> None:
    """"you can get" denies a myth ("homeowners can get pension credit"); "before you can get" sets a condition."""
    from analysis import claim_context
    assert claim_context.denies("homeowners can get pension credit too")
    assert not claim_context.denies("you have to spend your savings before you can get pension credit")
    assert myth_flags("you have to spend your savings before you can get pension credit, thats how they get you",
                      config) == ["myth-pc-savings"]


def test_a_sentence_that_points_back_takes_the_subject_of_the_one_before(config: Config) -> None:
    """"Every pensioner lost it" names no subject; in a post whose sentence before names the Winter Fuel
    Payment, the myth's queries read it as about that (the learned decision never sees such a sentence)."""
    frame = pd.DataFrame({"title": ["", "", ""], "text": [
        "so my nan just found out she's not getting her winter fuel money this year. Labour took it off every "
        "single pensioner. disgraceful",
        "Winter fuel payment is paid in November. Labour took it off every single pensioner.",
        "Winter fuel payment is paid in November.\n\nEvery pensioner I know loves the bus pass."],
        "published_at": pd.to_datetime(["2025-09-14"] * 3, utc=True)})
    _, found = claims.detect(frame, config)
    assert [[c.id for c in row] for row in found] == [["myth-wfp-scrapped"], ["myth-wfp-scrapped"], []]
    [c] = found[0]
    assert c.sentence == "Labour took it off every single pensioner." and c.keyword in next(
        m.says for m in config.myths if m.id == "myth-wfp-scrapped")
    # the title lends its subject too, past a sentence that names none
    titled = pd.DataFrame({"title": ["Winter fuel"], "text": [
        "Don't bother waiting for it. It's gone for every single pensioner in the country now."],
        "published_at": pd.to_datetime(["2025-10-15"], utc=True)})
    assert [[c.id for c in row] for row in claims.detect(titled, config)[1]] == [["myth-wfp-scrapped"]]
    # a sentence of another post never lends its subject
    lone = pd.DataFrame({"title": ["", ""], "text": ["Winter fuel payment is paid in November.",
                                                     "Labour took it off every single pensioner."],
                         "published_at": pd.to_datetime(["2025-09-14"] * 2, utc=True)})
    assert [f for f in claims.detect(lone, config)[1]] == [[], []]


@pytest.mark.parametrize("text, day, expected", [
    # the abbreviations people use for a fact name it
    ("After April's uprating the full new SP is £252 a week.", dt.date(2026, 7, 28), ["nsp-2026"]),
    ("CA is about 100 quid a week and that's all family carers get", dt.date(2026, 2, 11), ["ca-2025"]),
    # pence off every pound is a rate
    ("The UC taper takes 63p off for every extra pound you earn over the work allowance.", dt.date(2025, 7, 14),
     ["uc-taper"]),
    ("The UC taper takes 55p off for every pound you earn over the work allowance.", dt.date(2025, 7, 14), []),
])
def test_abbreviations_and_pence_rates(config: Config, text: str, day: dt.date, expected: list[str]) -> None:
    assert fact_ids(text, config, day) == expected


def test_topping_income_up_to_an_amount_states_the_level() -> None:
    from analysis.numbers import quantities
    [q] = quantities("If you live alone it brings your weekly income up to £201.05")
    assert (q.value, q.bound) == (201.05, None)
    [q] = quantities("you can earn up to £196 a week")
    assert q.bound == "max"


@pytest.mark.parametrize("text", [
    "MIL is convinced she can't get PC because she owns her bungalow.",
    "Nobody has taken WFP off every pensioner. It's only clawed back from those with income over £35k.",
    "Your home isn't counted for Pension Credit, but a second property you rent out usually is.",
    "To get CA you need to care at least 35 hours a week and the person has to get something like PIP daily living.",
])
def test_beliefs_denials_and_the_real_rules_are_not_myths(config: Config, text: str) -> None:
    assert myth_flags(text, config) == []


def test_if_there_is_states_a_rule(config: Config) -> None:
    assert myth_flags("lol you'll never get pension credit if there's a house with your name on the deeds",
                      config) == ["myth-pc-homeowners"]


@pytest.mark.parametrize("text, day, expected", [
    ("Higher-rate taxpayers only pay 30 per cent these days.", dt.date(2026, 3, 15), ["tax-higher-rate"]),
    ("energy bills have 5% VAT, not 20, before anyone starts", dt.date(2025, 10, 28), []),
    ("mum's state pension is £198 a week with her SERPS bit on top of the basic.", dt.date(2025, 6, 9), []),
    ("UC takes 63p off for every pound you earn over the work allowance.", dt.date(2025, 6, 25), ["uc-taper"]),
])
def test_register_phrasings_and_relatives(config: Config, text: str, day: dt.date, expected: list[str]) -> None:
    assert fact_ids(text, config, day) == expected


@pytest.mark.parametrize("text, expected", [
    ("Sorry to say the carer's allowance won't cover that, it's strictly blood relatives only.",
     ["myth-ca-family-only"]),
    ("CA is only paid if the person you care for lives under your roof.", ["myth-ca-family-only"]),
    ("winter fuel? gone. not a single pensioner is getting it this year", ["myth-wfp-scrapped"]),
    ("MIL keeps insisting she can't get Pension Credit because she owns her house.", []),
    ("We keep hearing at the drop-in that PIP stops when you get a job.", []),
    ("Nobody over £35k is getting the winter fuel payment this year.", []),
])
def test_more_ways_of_asserting_and_reporting(config: Config, text: str, expected: list[str]) -> None:
    assert myth_flags(text, config) == expected


@pytest.mark.parametrize("kind, text, day", [
    ("should", "higher rate shd be 50% for anyone on six figures tbh", dt.date(2026, 1, 31)),
    ("personal", "im getting 280 a month UC after they take the advance back, its brutal", dt.date(2025, 6, 18)),
    ("personal", "DH is on SSP after his op and once tax comes off he ends up with about 95 quid a week",
     dt.date(2025, 11, 6)),
    ("correction", "no babe higher rate isnt 45%, thats additional. higher is 40", dt.date(2025, 5, 30)),
    ("report", "Correction to last week's newsletter: we printed Carer's Allowance as £81.90 a week.",
     dt.date(2025, 10, 21)),
    ("past", "Before November 2021 the Universal Credit taper stood at 63 per cent.", dt.date(2026, 2, 7)),
    ("range", "wfp is between 100 and 300 quid depending on ur age and whether u get PC etc", dt.date(2025, 10, 2)),
])
def test_informal_hard_negatives(config: Config, kind: str, text: str, day: dt.date) -> None:
    assert fact_ids(text, config, day) == [], kind



@pytest.mark.parametrize("text, day, expected", [
    # a named_by query ties "CA" and earnings to the earnings limit, not to the allowance itself
    ("CA stops the moment your earnings go over £250 a week", dt.date(2025, 9, 1), ["ca-earnings-2025"]),
    ("you can earn up to 260 a week and still keep carers allowance", dt.date(2025, 9, 1), ["ca-earnings-2025"]),
    ("Carer's Allowance is £83.30 a week, and you can earn up to £196 a week on top", dt.date(2025, 9, 1), []),
    ("Carer's Allowance is £70 a week, and you can earn up to £196 a week on top", dt.date(2025, 9, 1),
     ["ca-2025"]),
    ("For couples, Pension Credit brings your joint income up to £290 a week.", dt.date(2025, 9, 1),
     ["pc-couple-2025"]),
    ("pension credit for a couple of hundred quid a week is what my nan gets", dt.date(2025, 9, 1), []),
])
def test_named_by_queries_name_a_fact_more_closely_than_a_keyword(config: Config, text: str, day: dt.date,
                                                                  expected: list[str]) -> None:
    assert fact_ids(text, config, day) == expected


def test_a_malformed_named_by_query_is_named_and_stops_nothing(config_dir: Path) -> None:
    from analysis import check
    from config import ConfigError, load_config
    facts = config_dir / "facts.toml"
    facts.write_text(facts.read_text().replace("named_by = ['(ca OR", "named_by = ['((ca OR", 1))
    config = load_config(config_dir)
    with pytest.raises(ConfigError) as err:
        check(config)
    [problem] = err.value.problems
    index = [f.id for f in config.facts].index("ca-earnings-2025") + 1
    assert problem.startswith(f"facts.toml: facts[{index}] (ca-earnings-2025): named_by[1]: ")
    assert "parenthes" in problem
    # the broken query names nothing; keywords and the other facts still work
    assert fact_ids("The national living wage is £11.44 an hour.", config) == ["nlw-2025"]
    assert fact_ids("the carers allowance earnings limit is £150 a week", config, dt.date(2025, 9, 1)) == \
        ["ca-earnings-2025"]


@pytest.mark.parametrize("text, day, expected", [
    ("Don't forget VAT at 17% goes on top of every quote.", dt.date(2025, 9, 1), ["vat-standard"]),
    ("Remember you don't pay income tax on the first £11k of your wages.", dt.date(2025, 9, 1),
     ["personal-allowance"]),
    ("They'll take the winter fuel payment back if your income is over £40,000.", dt.date(2025, 11, 1),
     ["wfp-threshold-2025"]),
    ("Enhanced daily living on PIP is £105 a week, in case you were wondering.", dt.date(2025, 10, 1),
     ["pip-dl-enhanced-2025"]),
    ("The pension age is 68 now, so no, you can't retire at 66.", dt.date(2025, 10, 1), ["spa-2025"]),
    ("VAT is 15%, so nearly a fifth of the bill is tax.", dt.date(2025, 10, 1), ["vat-standard"]),
    ("my in-laws say the personal allowance is eleven and a half grand", dt.date(2025, 10, 1), []),
    ("the personal allowance is eleven and a half grand now", dt.date(2025, 10, 1), ["personal-allowance"]),
    ("The standard income tax rate is 22 per cent.", dt.date(2025, 10, 1), ["tax-basic-rate"]),
])
def test_rules_imperatives_and_set_phrases_still_claim(config: Config, text: str, day: dt.date,
                                                       expected: list[str]) -> None:
    assert fact_ids(text, config, day) == expected


@pytest.mark.parametrize("kind, text, day", [
    ("personal", "I'm on 90% of my wages for SMP, works out around £400 a week.", dt.date(2025, 9, 1)),
    ("personal", "only got £90 SSP this week cos i was off three days", dt.date(2025, 9, 1)),
    ("personal", "My nan's on the old basic pension and gets £150 a week.", dt.date(2025, 9, 1)),
    ("prediction", "Nobody is raising the pension age to 70 next year.", dt.date(2025, 9, 1)),
    ("prediction", "It will go up to £250 a week for the state pension from next April.", dt.date(2025, 9, 1)),
    ("prediction", "The state pension will go up to as much as £250 a week.", dt.date(2025, 9, 1)),
    ("other rate", "under 18s minimum wage is just £7.55 an hour", dt.date(2025, 9, 1)),
])
def test_more_hard_negatives(config: Config, kind: str, text: str, day: dt.date) -> None:
    assert fact_ids(text, config, day) == [], kind


@pytest.mark.parametrize("text, expected", [
    ("A misconception we hear a lot is that Carer's Allowance is only for family. It isn't.", []),
    ("Carer's Allowance is only for family members. Not true.", []),
    ("Carer's Allowance is only for family members. Rubbish system if you ask me.", ["myth-ca-family-only"]),
    ("the SPA isnt going to 70, stop it", []),
    ("they'll scrap the winter fuel payment completely next year, mark my words", []),
    ("State pension age going to 70 in 2027 so my plan to retire at 66 is toast", ["myth-spa-70"]),
    ("heads up: you can't draw your state pension till you turn 70 from next year", ["myth-spa-70"]),
    ("Pension Credit is closed to anyone with money in the bank.", ["myth-pc-savings"]),
])
def test_myths_refuted_foretold_or_told_around_a_figure(config: Config, text: str, expected: list[str]) -> None:
    assert myth_flags(text, config) == expected


@pytest.mark.parametrize("text, day, expected", [
    ("Statutory maternity pay drops to £150 a week after six weeks, or 90% of earnings if that is lower.",
     dt.date(2025, 9, 1), ["smp-2025"]),
    ("Workers aged 21 and over must be paid the National Living Wage of £11 an hour.", dt.date(2025, 9, 1),
     ["nlw-2025"]),
    ("The full new State Pension stands at £221.20 a week for anyone reaching pension age after April 2016.",
     dt.date(2025, 6, 1), ["nsp-2025"]),
    ("UC standard allowance for over 25s is 450 a month n everyone thinks we're rolling in it",
     dt.date(2025, 10, 1), ["uc-single25-2025"]),
    ("The pension age is currently 67, having risen from 66 a few years back.", dt.date(2025, 10, 1),
     ["spa-2025"]),
    ("18-20 year olds get the full 12.21 now, no separate rate", dt.date(2025, 10, 1), ["nmw-18-20-2025"]),
    ("enhanced dl is 101.75 a week if you get awarded it", dt.date(2025, 10, 1), ["pip-dl-enhanced-2025"]),
    ("CA is a ton a week and it's still an insult", dt.date(2025, 10, 1), ["ca-2025"]),
    ("UC took 65p off every pound over the work allowance, that's the taper", dt.date(2025, 10, 1), ["uc-taper"]),
])
def test_rules_legal_minimums_slang_and_cohorts_since_a_year(config: Config, text: str, day: dt.date,
                                                            expected: list[str]) -> None:
    assert fact_ids(text, config, day) == expected


@pytest.mark.parametrize("kind, text", [
    ("other rate", "VAT on gas n electric is only 5% so bills aren't taxed that much"),
    ("question", "Is the full new State Pension still £221.20 a week, or has it gone up?"),
    ("question", "wait is the national living wage £10 now or what"),
    ("report", "One caller insisted the full new state pension is £250 a week."),
    ("born", "Anyone born after April 1977 faces a State Pension age of 68 under current law."),
])
def test_questions_without_a_mark_reports_and_cohorts(config: Config, kind: str, text: str) -> None:
    assert fact_ids(text, config, dt.date(2025, 10, 1)) == [], kind


@pytest.mark.parametrize("text, expected", [
    ("Carer's Allowance cannot be claimed by neighbours; it is only for family who live with you.",
     ["myth-ca-family-only"]),
    ("The Winter Fuel Payment has been withdrawn from every pensioner in the country.", ["myth-wfp-scrapped"]),
    ("nope, they've raised the SPA to 70 from next year", ["myth-spa-70"]),
    ("Anyone hoping to retire at 67 is out of luck, the pension age goes to 70 next year.", ["myth-spa-70"]),
    ("wait is WFP scrapped for everyone now or just the rich", []),
])
def test_myths_withdrawn_claimed_and_hoped(config: Config, text: str, expected: list[str]) -> None:
    assert myth_flags(text, config) == expected


@pytest.mark.parametrize("text, title, day, expected", [
    ("second kid gets £12 a week in child benefit, a joke", "", dt.date(2025, 9, 1), ["cb-additional-2025"]),
    ("For every child after the first, Child Benefit pays £26.05 a week.", "", dt.date(2025, 9, 1),
     ["cb-additional-2025"]),
    ("Child benefit is £26.05 for the eldest and £17.25 for each additional child.", "", dt.date(2025, 9, 1), []),
    ("Women get their state pension at 64 and men at 66.", "", dt.date(2025, 9, 1), ["spa-2025"]),
    ("Men and women both get their state pension at 66 now.", "", dt.date(2025, 9, 1), []),
    ("It's £70 a week and you can't earn more than £150 a week or you lose it.", "Carer's Allowance",
     dt.date(2025, 9, 1), ["ca-2025", "ca-earnings-2025"]),
    ("It's £83.30 a week and you can earn up to £196 a week after deductions.", "Carer's Allowance",
     dt.date(2025, 9, 1), []),
    ("The old basic state pension is £150 a week for anyone who retired before 2016.", "", dt.date(2025, 9, 1),
     ["bsp-2025"]),
    ("In 2015 the basic state pension was £115.95 a week.", "", dt.date(2025, 9, 1), []),
])
def test_facts_a_query_ties_by_group_lead_or_title(config: Config, text: str, title: str, day: dt.date,
                                                   expected: list[str]) -> None:
    assert sorted(c.id for c in check_facts(text, config.facts, day, title) if c.level == "flag") == expected


@pytest.mark.parametrize("text, expected", [
    ("Got offered full time hours but if I take them I lose my PIP, so no thanks.", ["myth-pip-means-tested"]),
    ("If I took the job I'd probably lose my PIP, who knows.", []),
    ("mum's got a few grand put aside so that's pension credit out the window", ["myth-pc-savings"]),
])
def test_myths_told_as_a_real_condition(config: Config, text: str, expected: list[str]) -> None:
    assert myth_flags(text, config) == expected


def test_a_batch_runs_named_by_queries_once_and_agrees_with_one_post_at_a_time(config: Config) -> None:
    posts = [("", "CA stops the moment your earnings go over £250 a week", "2025-09-01"),
             ("Carer's Allowance", "It's £70 a week and you can't earn more than £150 a week or you lose it.",
              "2025-09-01"),
             ("", "second kid gets £12 a week in child benefit, a joke", "2025-09-01"),
             ("", "Women get their state pension at 64 and men at 66.", "2025-09-01"),
             ("", "Carer's Allowance is £83.30 a week, and you can earn up to £196 a week on top", "2025-09-01")]
    frame = pd.DataFrame({"title": [t for t, _, _ in posts], "text": [x for _, x, _ in posts],
                          "published_at": pd.to_datetime([d for _, _, d in posts], utc=True)})
    claims._index(tuple(config.facts)).prime([])  # nothing run ahead: each post's queries run on their own
    one_by_one = [";".join(sorted(c.id for c in check_facts(x, config.facts, dt.date.fromisoformat(d), t)
                                  if c.level == "flag")) for t, x, d in posts]
    out, _ = claims.detect(frame, config)
    assert [";".join(sorted(ids.split(";"))) if ids else "" for ids in out["inaccuracy_ids"]] == one_by_one
    assert one_by_one == ["ca-earnings-2025", "ca-2025;ca-earnings-2025", "cb-additional-2025", "spa-2025", ""]


@pytest.mark.parametrize("text, expected", [
    ("nobody gets the winter fuel payment any more, so who's looking out for the elderly this winter?",
     ["myth-wfp-scrapped"]),
    ("They abolished winter fuel for all pensioners and people still vote for them??", ["myth-wfp-scrapped"]),
    ("Has the winter fuel payment been scrapped for all pensioners?", []),
    ("The winter fuel payment has been scrapped for everyone, hasn't it?", []),
    ("Is it true they've scrapped winter fuel for every pensioner, or is that just the papers?", []),
])
def test_a_statement_ending_on_its_own_question_still_asserts(config: Config, text: str,
                                                              expected: list[str]) -> None:
    assert myth_flags(text, config) == expected


@pytest.mark.parametrize("text, title, day, expected", [
    ("People can now start claiming their State Pension at 67.", "", dt.date(2025, 9, 1), ["spa-2025"]),
    ("basic rates 22p in the pound these days", "", dt.date(2025, 9, 1), ["tax-basic-rate"]),
    ("the full new state pension is nearly 1300 a month now", "", dt.date(2026, 9, 1), ["nsp-2026"]),
    ("you dont pay a penny tax on the first 15k you earn", "", dt.date(2025, 9, 1), ["personal-allowance"]),
    ("its 250 a week now after the rise", "Carer's Allowance earnings limit", dt.date(2025, 9, 1),
     ["ca-earnings-2025"]),
    ("Personal allowance is £12,570. Anything over that is taxed at 20% up to the higher rate band.", "",
     dt.date(2025, 9, 1), []),
    ("The state pension age is already 67, so anyone who turns 66 this year has to wait.", "",
     dt.date(2025, 9, 1), ["spa-2025"]),
    ("nobody in england pays a 25% basic rate, stop spreading that", "", dt.date(2025, 9, 1), []),
    ("my lad is 19, boss pays him 8.60 an hour", "18-20 min wage", dt.date(2025, 9, 1), ["nmw-18-20-2025"]),
    ("Staff should know the legal floor for workers aged 21 and over is £11.90 an hour.", "", dt.date(2025, 9, 1),
     ["nlw-2025"]),
    ("The legal minimum for adults is £12.21 an hour.", "", dt.date(2025, 9, 1), []),
])
def test_periods_set_phrases_ages_and_disowned_claims(config: Config, text: str, title: str, day: dt.date,
                                                     expected: list[str]) -> None:
    assert sorted(c.id for c in check_facts(text, config.facts, day, title) if c.level == "flag") == expected


@pytest.mark.parametrize("text, expected", [
    ("my nan thinks the winter fuel payment has been scrapped for everyone, bless her", []),
    ("mum cant claim pension credit cos she owns her flat outright", ["myth-pc-homeowners"]),
    ("Pension Credit is only for pensioners with no savings, which is one reason take-up is low.",
     ["myth-pc-savings"]),
    ("The State Pension age is not rising to 70 next year, whatever you read.", []),
    ("The pension age review is looking at long-term changes, nothing has been decided about 70.", []),
    ("from next year nobody gets their SP till theyre 70", ["myth-spa-70"]),
    ("winter fuel\nscrapped for the lot of us.", ["myth-wfp-scrapped"]),
    ("For the millionth time, nobody is making you wait till 70 for your SP.", []),
])
def test_myths_apostrophes_fragments_and_relatives_reports(config: Config, text: str, expected: list[str]) -> None:
    assert myth_flags(text, config) == expected


@pytest.mark.parametrize("text, title, day, expected", [
    ("UC takes 75p of every pound you earn, whats the point", "", dt.date(2025, 10, 1), ["uc-taper"]),
    ("Your Universal Credit is reduced by 63p for every extra £1 you take home.", "", dt.date(2025, 10, 1),
     ["uc-taper"]),
    ("It's £26.05 a week for your eldest and £16.95 for each of their younger brothers and sisters.",
     "Child Benefit", dt.date(2025, 10, 1), ["cb-additional-2025"]),
    ("second child gets a massive twelve quid a week in child benefit", "", dt.date(2025, 10, 1),
     ["cb-additional-2025"]),
    ("Men and women can now claim their state pension from 65.", "", dt.date(2025, 10, 1), ["spa-2025"]),
    ("Yes, as long as your earnings after deductions are no more than £151 a week.",
     "Can I work and claim Carer's Allowance?", dt.date(2025, 10, 1), ["ca-earnings-2025"]),
    ("They'll be taxing all our pensions soon because the tax free allowance is only £10,000 now.", "",
     dt.date(2025, 10, 1), ["personal-allowance"]),
    ("The pension age is 67 now for anyone not already drawing it.", "", dt.date(2025, 10, 1), ["spa-2025"]),
    ("HMRC will only take it back if your taxable income is over £30,000.", "Do I have to pay back WFP?",
     dt.date(2025, 12, 1), ["wfp-threshold-2025"]),
    ("only tops u up to like 180 a week on ur own", "pension credit", dt.date(2025, 10, 1), ["pc-2025"]),
])
def test_queries_for_the_taper_and_siblings_conditions_and_yearly_sums(config: Config, text: str, title: str,
                                                                       day: dt.date, expected: list[str]) -> None:
    assert sorted(c.id for c in check_facts(text, config.facts, day, title) if c.level == "flag") == expected


@pytest.mark.parametrize("kind, text", [
    ("personal", "DS is 22 so his UC standard allowance is only £316.98 a month."),
    ("personal", "Joan, 82, came to us with just her own State Pension of £185 a week."),
    ("report", "The July bulletin gave the Carer's Allowance earnings limit as £151 a week."),
    ("report", "someone in the village group is claiming the state pension is £300 a week now"),
])
def test_someones_own_amount_and_what_a_bulletin_gave(config: Config, kind: str, text: str) -> None:
    assert fact_ids(text, config, dt.date(2025, 10, 1)) == [], kind


@pytest.mark.parametrize("text, expected", [
    ("PIP isn't means-tested, so your earnings, savings and your partner's income make no difference to it.", []),
    ("Well you won't, they've stopped it for all of us now.", []),   # no subject: nothing to point back to
    ("winter fuel\nWell you won't, they've stopped it for all of us now.", ["myth-wfp-scrapped"]),
    ("MIL convinced winter fuel has been scrapped for all pensioners", []),
    ("Your neighbour has told you PIP stops when you start work.", []),
    ("if you earn anything you lose your PIP, its means tested now whatever they say", ["myth-pip-means-tested"]),
    ("Elsie has never claimed Pension Credit because the benefit is only for people with no savings at all.",
     ["myth-pc-savings"]),
    ("pension credit is only for people who rent, they expect u to sell the house first", ["myth-pc-homeowners"]),
    ("if you have any savings at all you dont get pension credit", ["myth-pc-savings"]),
])
def test_myths_denied_dismissed_and_required(config: Config, text: str, expected: list[str]) -> None:
    assert myth_flags(text, config) == expected


@pytest.mark.parametrize("text, title, day, expected", [
    ("on UC every extra quid you earn over the work allowance they take 65p off you", "", dt.date(2025, 10, 1),
     ["uc-taper"]),
    ("uc taper is 55p per £1 over your work allowance, so effectively you keep 45p", "", dt.date(2025, 10, 1), []),
    ("Before the taper was cut in November 2021, claimants lost 63p of UC for every £1 over the work allowance.",
     "", dt.date(2025, 10, 1), []),
    ("the state pension kicks in at 65 for all of us now", "", dt.date(2025, 10, 1), ["spa-2025"]),
    ("Around 600,000 people a year reach State Pension age, which is now 67.", "", dt.date(2025, 10, 1),
     ["spa-2025"]),
    ("From this month, the full new State Pension is worth £11,500 a year.", "", dt.date(2025, 10, 1),
     ["nsp-2025"]),
    ("The full new State Pension is £11,973 a year, about £230 a week.", "", dt.date(2025, 10, 1), []),
    ("Energy is charged at the reduced VAT rate of 5%, not the standard rate.", "", dt.date(2025, 10, 1), []),
    ("pass on: if you earn over 30k they take the winter fuel payment back in tax", "", dt.date(2025, 10, 1),
     ["wfp-threshold-2025"]),
    ("pension credit tops up your income to £200 a week if youre single", "", dt.date(2025, 10, 1), ["pc-2025"]),
    ("You pay the basic rate of 20% on income up to £50,270, once you earn above the personal allowance.", "",
     dt.date(2025, 10, 1), []),
    ("Carer's Allowance should match the living wage. At £83.30 a week it's about £2.38 an hour.", "",
     dt.date(2025, 10, 1), []),
    ("someone posted earlier that carers allowance is only 70 a week, its actually 83.30 now", "",
     dt.date(2025, 10, 1), []),
])
def test_pence_of_each_pound_relative_clauses_and_converted_sums(config: Config, text: str, title: str,
                                                                 day: dt.date, expected: list[str]) -> None:
    assert sorted(c.id for c in check_facts(text, config.facts, day, title) if c.level == "flag") == expected


@pytest.mark.parametrize("text, expected", [
    ("theres nothing to claim, winter fuel has been scrapped for all pensioners since last year",
     ["myth-wfp-scrapped"]),
    ("I've told my son to keep paying into his pension, because the state pension age goes up to 70 next year.",
     ["myth-spa-70"]),
    ("dont bother claiming pip if you have savings, its means tested and theyll just reject you",
     ["myth-pip-means-tested"]),
])
def test_myths_since_last_year_clawbacks_and_instructions(config: Config, text: str, expected: list[str]) -> None:
    assert myth_flags(text, config) == expected


@pytest.mark.parametrize("text, title, day, expected", [
    # a report governs up to a "but" or "yet": what follows is the writer's own
    ("The minister says he wants work to pay, yet UC still takes 63p of every pound you earn over the work allowance",
     "", OCT, ["uc-taper"]),
    ("The minister says UC takes 63p of every pound you earn over the work allowance", "", OCT, []),
    # others told that
    ("Management have told some staff that the minimum wage for over-21s is £11.44 an hour.", "", OCT, []),
    # a denial leading what it denies, past an aside
    ("It is not true, as far as I can see, that VAT has gone up to 25%.", "", OCT, []),
    # a rate named in full is stated even of one's own pay
    ("Since April I've been paying my two staff the National Living Wage of £11.44 an hour.", "",
     dt.date(2025, 6, 1), ["nlw-2025"]),
    ("I charge VAT at the standard rate of 17.5% on every invoice", "", OCT, ["vat-standard"]),
    ("I only get £150 a week state pension", "", OCT, []),
    # whom one cares for is no one's amount
    ("Carer's allowance is a joke, 70 quid a week for 35 hours of looking after my mum", "", OCT, ["ca-2025"]),
    # what a benefit will do for "you" states how it works; "next year" still foretells
    ("For a single pensioner, Pension Credit will top up your income to £240 a week.", "", OCT, ["pc-2025"]),
    ("Pension Credit will top up your income to £240 a week from next year.", "", OCT, []),
    # "from April" posted in January is the coming April's rate; "since April" is the one begun
    ("from april the nlw is £12.71 for over 21s", "", dt.date(2026, 1, 10), []),
    ("since April the NLW is £12.60 for over 21s", "", dt.date(2025, 6, 1), ["nlw-2025"]),
    # the period given before the amount, and a weekly fact before a yearly threshold
    ("It tops up a pensioner's weekly income to £218.15.", "Pension Credit explained", OCT, ["pc-2025"]),
    ("Pension Credit, which tops up a single pensioner's weekly income to £250, also brings the Winter Fuel Payment",
     "", OCT, ["pc-2025"]),
    # a sum written with thousands separators is money
    ("the tax free allowance is 11,850 so you pay tax on the rest", "", OCT, ["personal-allowance"]),
    # a title's exclusions hold for the whole post
    ("The higher rate is 42% and the top rate is 48%.", "Scottish income tax explained", OCT, []),
    # the official value said only as someone else's does not correct the writer
    ("the nlw is £12.21 an hour, my manager keeps saying its 11.44 but hes wrong", "", dt.date(2025, 1, 20),
     ["nlw-2024"]),
    # any keyword of a fact in the number's clause names it there
    ("cb is 24 a week for the eldest and 15 a week for the rest", "", OCT, ["cb-eldest-2025", "cb-additional-2025"]),
    # register phrasings
    ("the legal min for over 21s is £13.00 now", "", dt.date(2026, 5, 2), ["nlw-2026"]),
    ("The top 50% rate for those earning over £125,140 barely dents the rich", "", OCT, ["tax-additional-rate"]),
    ("In England the basic income tax is 25 percent", "", OCT, ["tax-basic-rate"]),
])
def test_contrasts_named_rates_coming_months_and_periods_before(config: Config, text: str, title: str, day: dt.date,
                                                                 expected: list[str]) -> None:
    assert sorted(fact_ids(text, config, day, title)) == sorted(expected)


@pytest.mark.parametrize("text, expected", [
    # "every £500" in the rebuttal is what the rate counts per, not a figure a sentence states
    ("PC is only for people with no savings, even 500 quid in the bank and you're out", ["myth-pc-savings"]),
    ("Pension Credit counts £1 a week for every £500 of savings over £10,000", []),
    ("As homeowners we are barred from Pension Credit however little we have", ["myth-pc-homeowners"]),
    ("My dad has a few thousand in the building society, which rules him out of Pension Credit.", ["myth-pc-savings"]),
    # "should be aware that" asserts
    ("Staff should be aware that from next year nobody will get their State Pension before the age of 70.",
     ["myth-spa-70"]),
    ("Remember the help with heating pensioners used to get? Abolished.", ["myth-wfp-scrapped"]),
    # the reason denied
    ("some homeowners dont get PC but thats because their income is too high, not because they own the house", []),
])
def test_myths_denominators_bars_and_reasons_denied(config: Config, text: str, expected: list[str]) -> None:
    assert myth_flags(text, config) == expected


@pytest.mark.parametrize("text, title, day, expected", [
    # written to the penny, an amount means the penny
    ("From 1 April the National Living Wage for staff aged 21 and over has gone up to £12.12 per hour.", "",
     dt.date(2025, 4, 10), ["nlw-2025"]),
    ("The National Living Wage is £12.2 an hour.", "", OCT, []),
    # money written the continental way
    ("Statutory Sick Pay here is 118,75 pound per week.", "", OCT, []),
    ("Statutory Sick Pay here is 108,75 pound per week.", "", OCT, ["ssp-2025"]),
    ("The personal allowance is 10.000 pounds a year.", "", OCT, ["personal-allowance"]),
    # "currently" in the number's own clause; a rule for those with an income; the SSP you'll receive
    ("If you're off sick you'll receive Statutory Sick Pay, which is currently £116.75 per week.", "",
     dt.date(2025, 5, 1), ["ssp-2025"]),
    ("The payment will be repaid through tax by those with a taxable income over £30,000.",
     "Winter Fuel Payment", OCT, ["wfp-threshold-2025"]),
    # a relative clause in the present says what a thing is, whatever was likely before it
    ("You are likely to receive the basic State Pension, which pays £190 a week at its full rate.", "",
     dt.date(2025, 5, 8), ["bsp-2025"]),
    # how it first was is the past; "don't realise" asserts what follows
    ("When UC first came in they took 65p in every pound you earned.", "", OCT, []),
    ("ppl dont realise u lose 75p of UC for every £1 u earn", "", OCT, ["uc-taper"]),
    # "told her" is no possessive; "me CB's" is
    ("told her it tops you up to 200 quid a week if you're single", "Pension Credit", OCT, ["pc-2025"]),
    ("me CB's 43.30 a week for the two bairns", "", OCT, []),
    # a quoted line, or one the next sentence refutes; "it's not complicated" refutes nothing
    ("> state pension is £300 a week now\nit's not, it's £230.25 a week for the full new one.", "", OCT, []),
    ("universal credit taper is 50%, so you lose 50p of every £1 over the work allowance. it's not complicated", "",
     OCT, ["uc-taper"]),
    # a limit on earnings is about an earnings fact only; "the minimum wage is over £13" is the wage
    ("Free school meals if you're on Universal Credit and earn under £7,400 a year", "", OCT, []),
    ("minimum wage is over £13 an hour now", "", OCT, ["nlw-2025"]),
    # an 18-year-old's minimum wage is the 18 to 20 rate
    ("if ur 18 the min wage is £7.55 an hour", "", OCT, ["nmw-18-20-2025"]),
    # the sentence before's exclusions hold for one that points back to it
    ("Scottish income tax is different. The higher rate there is 42%.", "", OCT, []),
    ("My son is on the 18-20 rate. The NLW for over 21s is £10 an hour.", "", OCT, ["nlw-2025"]),
])
def test_pennies_continental_money_currently_and_quoted_lines(config: Config, text: str, title: str, day: dt.date,
                                                               expected: list[str]) -> None:
    assert sorted(fact_ids(text, config, day, title)) == sorted(expected)


@pytest.mark.parametrize("text, expected", [
    # a hedged consequence or alternative does not hedge the statement before it
    ("PIP is means tested so with your savings she probably won't qualify", ["myth-pip-means-tested"]),
    ("Pension Credit: people keep asking. Those who own their own homes are not eligible, but if you rent you may "
     "well qualify.", ["myth-pc-homeowners"]),
    ("PIP is means tested, I might be wrong though", []),
    # others "have been claiming" reports
    ("Some online influencers have been claiming the State Pension age is going to 70 next year.", []),
    ("Pension Credit is savings-tested from the first pound, so even £500 in an ISA means no entitlement.",
     ["myth-pc-savings"]),
    ("Because she's not family and we don't live together, I'm not entitled to Carer's Allowance.",
     ["myth-ca-family-only"]),
    ("The winter fuel payment is cancelled completely for all pensioners.", ["myth-wfp-scrapped"]),
])
def test_myths_consequences_claiming_and_entitlement(config: Config, text: str, expected: list[str]) -> None:
    assert myth_flags(text, config) == expected


@pytest.mark.parametrize("text, title, day, expected", [
    # a keyword is a whole word: "ca" is not in "can"
    ("You can only earn £139 a week and keep CA, so I turned the shifts down.", "", OCT, ["ca-earnings-2025"]),
    # a tax rate named beside the number is everyone's, though told of oneself; not "the taper rate of my motivation"
    ("once im over my allowance I pay 22% basic rate tax plus NI", "", OCT, ["tax-basic-rate"]),
    ("got 55% in my stats mock lol. taper rate of my motivation is 100%", "", OCT, []),
    ("Now she's 65 she can start drawing her State Pension, that's the pension age for everyone these days.", "",
     dt.date(2025, 5, 27), ["spa-2025"]),
    # what holds from today is no prediction
    ("Families will see Child Benefit rise from today: £26.05 a week for the eldest child and £18.25 for each "
     "additional child.", "", dt.date(2025, 4, 7), ["cb-additional-2025"]),
    ("Pensioners on the basic State Pension will receive £186.45 a week from today.", "", dt.date(2025, 4, 7),
     ["bsp-2025"]),
    ("Pensioners on the basic State Pension will receive £186.45 a week from next April.", "", OCT, []),
    # a leading clause dated outside the fact's validity; "had just been"
    ("When I joined the Department in 1979, VAT had just been raised to 15%.", "", OCT, []),
    # a sentence led by each pound
    ("That's the Universal Credit taper. For every extra £1 a claimant earns, they lose 63p of support.", "", OCT,
     []),  # named only by the sentence before: a percentage so named is a possible match, not a flag
    ("uc taper is 55p per £1 over your work allowance, so effectively you keep 45p", "", OCT, []),
    # a group by income or by birth is a rule's condition, not another time
    ("Clients born before 22 September 1959 whose taxable income is above £30,000 will have their Winter Fuel "
     "Payment recovered.", "", OCT, ["wfp-threshold-2025"]),
    ("Anyone born after April 1977 faces a State Pension age of 68 under current law.", "", OCT, []),
    # list items go on from their lead-in
    ("Pension Credit for 2025/26 tops up your weekly income to:\n• £218.15 if you're single\n• £332.95 if you're "
     "a couple", "", dt.date(2025, 4, 20), ["pc-2025", "pc-couple-2025"]),
    # an answer goes on from its question
    ("Q: What is the standard rate of VAT in the UK? A: 17.5%.", "", OCT, ["vat-standard"]),
    ("Q3: At what age can you currently claim the UK State Pension? A: 67. Q4: How many strings on a violin? A: 4.",
     "", dt.date(2025, 6, 19), ["spa-2025"]),
    # register: an en dash, "18-20s", the reduced rate, a Scottish benefit, a second or third child
    ("Hiring 18–20 year olds? The legal minimum you can pay them is now £8.60 an hour.", "", dt.date(2025, 5, 8),
     ["nmw-18-20-2025"]),
    ("minimum wage for 18-20s is still £8.60", "", dt.date(2025, 6, 3), ["nmw-18-20-2025"]),
    ("the reduced 5% VAT is on domestic gas bills, not on my labour", "", OCT, []),
    ("Scottish Child Payment is £27.15 a week per child if you get a benefit like UC.", "", OCT, []),
    ("Child Benefit for a second or third child is just £16.95 a week.", "", OCT, ["cb-additional-2025"]),
])
def test_whole_keywords_rates_of_everyone_today_lists_and_answers(config: Config, text: str, title: str,
                                                                   day: dt.date, expected: list[str]) -> None:
    assert sorted(fact_ids(text, config, day, title)) == sorted(expected)


@pytest.mark.parametrize("text, expected", [
    # a hedge before a "but" that comes before the subject hedges something else
    ("I'd love some money towards it but Carer's Allowance is only for family members you live with.",
     ["myth-ca-family-only"]),
    ("you've got to be family and live under the same roof for CA", ["myth-ca-family-only"]),
    ("If you own your home, Pension Credit isn't for you, it's really a renter's benefit.", ["myth-pc-homeowners"]),
    ("Don't bother with Pension Credit if you've got any savings at all, they'll turn you down.", ["myth-pc-savings"]),
    # "has to be" asserts, it does not ask
    ("has to be someone in the same house for CA so thats that", ["myth-ca-family-only"]),
    # people who will get it deny it was scrapped; opponents who claim it are reported
    ("The government has confirmed more pensioners will get the Winter Fuel Payment this year.", []),
    ("My opponents claim this Government scrapped the Winter Fuel Payment for all pensioners.", []),
])
def test_myths_hedges_before_a_but_got_to_and_opponents(config: Config, text: str, expected: list[str]) -> None:
    assert myth_flags(text, config) == expected


def test_a_refutation_may_say_simply() -> None:
    from analysis.claim_context import refutes
    assert refutes("that is simply not true.") and refutes("it's not.") and not refutes("it's not complicated")


@pytest.mark.parametrize("text, title, day, expected", [
    # "pm" after an amount is a month, not a time of day
    ("Single over 25, standard allowance is £393.45 pm.", "", dt.date(2025, 6, 11), ["uc-single25-2025"]),
    # "did you know ... ?" tells
    ("Did you know Carer's Allowance is currently £76.75 a week?", "", dt.date(2025, 6, 9), ["ca-2025"]),
    ("Is Carer's Allowance £76.75 a week?", "", dt.date(2025, 6, 9), []),
    # a sum to the hundred that the official value does not round to
    ("The Personal Allowance is £12,500, so the first £12,500 you earn is tax-free.", "", OCT, ["personal-allowance"]),
    ("The Personal Allowance is about £12,600.", "", OCT, []),
    # money in words, in a rule about income
    ("they take your winter fuel back if your income's over twenty-five thousand", "", OCT, ["wfp-threshold-2025"]),
    # "the current rate" is no prediction; "I would remind him" asserts
    ("Employees will receive Statutory Sick Pay (SSP) at the current rate of £116.75 per week.", "",
     dt.date(2025, 4, 28), ["ssp-2025"]),
    ("I would remind him that the full new State Pension is £203.85 a week.", "", OCT, ["nsp-2025"]),
    ("If their earnings are £151 a week or less, Carer's Allowance is payable.", "", OCT, ["ca-earnings-2025"]),
    # a keyword inside another fact's longer one names nothing: "under State Pension age" is no pension amount
    ("PIP is for people under State Pension age. The daily living part is £73.90 a week at the standard rate.", "",
     OCT, []),
    # the next sentence says what the figure is
    ("Agency pay me £11.44 for hour. This is the National Living Wage for over 21, is correct now.", "",
     dt.date(2025, 5, 25), ["nlw-2025"]),
    ("Agency pay me £11.44 for hour. My friend gets more.", "Minimum wage question", dt.date(2025, 5, 25), []),
    ("My husband is on the old basic State Pension. The full basic rate is £169.50 a week, well below the new "
     "State Pension.", "", dt.date(2026, 1, 22), ["bsp-2025"]),
])
def test_pm_did_you_know_round_sums_and_restatements(config: Config, text: str, title: str, day: dt.date,
                                                     expected: list[str]) -> None:
    assert sorted(fact_ids(text, config, day, title)) == sorted(expected)


@pytest.mark.parametrize("text, expected", [
    ("her neighbour told her Carer's Allowance only applies if you live with the person you care for.", []),
    ("PIP doesn't look at your savings or your earnings at all, and lots of people who work get it.", []),
    ("Worth knowing: PIP isn't means-tested, but Universal Credit is.", []),
    ("Many older patients think having savings stops them getting Pension Credit.", []),
    ("Don't waste your time with Pension Credit if you've got a bit put by.", ["myth-pc-savings"]),
    ("So now we are told that from next year we'll have to wait until we're seventy for our State Pension.",
     ["myth-spa-70"]),
    # "it's not right" complains, it does not refute
    ("She can't get a penny of carer's allowance because you only get it for family you live with. It's not right.",
     ["myth-ca-family-only"]),
    ("You might think CA is only for family you live with but it isn't.", []),
])
def test_myths_told_by_kin_not_means_tested_and_complaints(config: Config, text: str, expected: list[str]) -> None:
    assert myth_flags(text, config) == expected


@pytest.mark.parametrize("text, title, day, expected", [
    # "that's ur personal allowance" restates; "before paying any income tax"
    ("you can earn £1,250 a month before paying ANY income tax. that's ur personal allowance.", "", OCT,
     ["personal-allowance"]),
    ("Most students won't pay tax, because you can earn £15,000 a year before any tax is due.", "", OCT,
     ["personal-allowance"]),
    # "must be paid at least £8.60" states the legal floor itself
    ("Care assistants aged 18 to 20 must be paid at least £8.60 an hour.", "", dt.date(2025, 6, 18),
     ["nmw-18-20-2025"]),
    ("Care assistants aged 18 to 20 must be paid at least £10.00 an hour.", "", dt.date(2025, 6, 18), []),
    # an aside after a comma: "State Pension age, currently 67, ..."
    ("The lunch club is open to any resident who has reached State Pension age, currently 67, and to carers.", "",
     dt.date(2025, 11, 10), ["spa-2025"]),
    # "if they are single" is a rule; "many of our guests" are not the writer; "one of our members" is one person
    ("Many of our guests on Universal Credit receive a standard allowance of just £393.45 a month if they are single "
     "and over 25.", "", dt.date(2025, 5, 12), ["uc-single25-2025"]),
    ("One of our members on maternity leave is getting just £160 a week in SMP because she's part time.", "", OCT, []),
    # "for me" is the writer's own amount; "for us over 21s" is a group's
    ("Just got my state pension letter. £214.60 a week for me, less than the full amount.", "", OCT, []),
    ("nlw is still £12.21 for us over 21s, no rise this year", "", dt.date(2026, 4, 14), ["nlw-2026"]),
    ("my state pension came in today, £176.45 a week old basic cos i retired in 2013", "", dt.date(2026, 1, 30), []),
])
def test_restated_allowances_legal_floors_asides_and_groups(config: Config, text: str, title: str, day: dt.date,
                                                            expected: list[str]) -> None:
    assert sorted(fact_ids(text, config, day, title)) == sorted(expected)


@pytest.mark.parametrize("text, expected", [
    ("No, the pension age isn't jumping to 70 next year.", []),
    ("Several constituents tell me they have read online that Carer's Allowance can only be claimed by family.", []),
    ("from next year u wont see a penny of state pension til ur 70", ["myth-spa-70"]),
    ("Pension age going to 70 next year, you heard it here first.", ["myth-spa-70"]),
    ("Please note that only a relative who lives with you can claim Carer's Allowance for looking after you.",
     ["myth-ca-family-only"]),
    ("lady in today said she cant get PC cos she owns her bungalow. yep thats the rule, own ur house and ur out",
     ["myth-pc-homeowners"]),
    ("With the Winter Fuel Payment gone for every pensioner, we're expecting more guests over the coming weeks.",
     ["myth-wfp-scrapped"]),
    ("The Winter Fuel Payment is only taken back from those with an income over £35,000.", []),
])
def test_myths_jumping_read_online_heard_it_here_first(config: Config, text: str, expected: list[str]) -> None:
    assert myth_flags(text, config) == expected


@pytest.mark.parametrize("text, title, day, expected", [
    # an emoji ends a clause: "my ... girlies" is not whose rate it is
    ("tax 101 for my england girlies 💅 basic rate tax is 19% in England, so budget for it", "", OCT,
     ["tax-basic-rate"]),
    ("my basic rate tax is 19% after my pension contributions", "", OCT, []),
    # what a sentence says it is not about excludes nothing
    ("I live in Kent not Scotland and the higher rate of income tax down here is 42% now.", "", OCT,
     ["tax-higher-rate"]),
    ("I live in Scotland and the higher rate of income tax up here is 42% now.", "", OCT, []),
    # a number set equal to the rate by name, whatever the tense around it
    ("Coaching staff will be paid at NLW = £10.42 per hour, volunteers get lunch.", "", dt.date(2024, 6, 5),
     ["nlw-2024"]),
    ("Coaching staff will be paid £10.42 per hour from next month, above the NLW.", "", dt.date(2024, 6, 5), []),
    # a chat line that asks after its speaker's name
    ("Nan: is state pension still 230.25 or has it gone up\nMe: I'll check for you", "", dt.date(2026, 5, 20), []),
    ("Nan: state pension is still 230.25, it never went up", "", dt.date(2026, 5, 20), ["nsp-2026"]),
    # a list item's label names its fact; a lead-in names it with the item
    ("Pension Credit. Quick figures:\n• single: income topped up to £218.15/wk\n• couple: £332.95/wk", "",
     dt.date(2026, 2, 9), ["pc-2025", "pc-couple-2025"]),
    ("Legal minimums:\n– Aged 21 and over: £13.15/hr\n– Aged 18–20: check GOV.UK", "", dt.date(2026, 10, 1),
     ["nlw-2026"]),
    ("Our rates:\n– Aged 21 and over: £13.15/hr\n– Aged 18–20: £11/hr", "", dt.date(2026, 10, 1), []),
    # the register's phrasings: "DL enhanced", "the enhanced one" of daily living, "each other child"
    ("PIP DL enhanced = £441.60 a week which sounds a lot", "", dt.date(2026, 3, 10), ["pip-dl-enhanced-2025"]),
    ("daily living has two rates, the enhanced one is 101.75 a wk.", "", dt.date(2025, 10, 19),
     ["pip-dl-enhanced-2025"]),
    ("The standard rate of PIP daily living is £73.90 a week, not the enhanced.", "", dt.date(2025, 10, 19), []),
    ("child benefit is £21.80 a week for the eldest and £14.45 for each other child.", "", dt.date(2026, 1, 6),
     ["cb-additional-2025", "cb-eldest-2025"]),
])
def test_emoji_breaks_not_scotland_equated_rates_chat_questions_and_labels(config: Config, text: str, title: str,
                                                                           day: dt.date, expected: list[str]) -> None:
    assert sorted(fact_ids(text, config, day, title)) == sorted(expected)


@pytest.mark.parametrize("text, expected", [
    # a clause opening on "it" is about the subject pointed back to, for the queries too
    ("Pension age\nStart planning now folks – it's going up to seventy from next year.", ["myth-spa-70"]),
    ("State Pension age is due to rise to 67. Nothing about 70 has been legislated.", []),
    # "claim carers allowance" is a benefit claimed, not a claim reported
    ("told Shaz she cant claim carers allowance for helping her neighbour, its only for family members living with "
     "you.", ["myth-ca-family-only"]),
    ("Lovely of you to help Mr Patel at no. 14 but you can't claim carers for a neighbour, it has to be a relative "
     "living under the same roof.", ["myth-ca-family-only"]),
    ("Some people claim carers allowance is only for family, but you can get it for a neighbour.", []),
    # a report governs only up to a "but": what follows is the writer's own
    ("People keep telling me to apply for Pension Credit, but those of us who own our homes can forget it; it's only "
     "meant for tenants.", ["myth-pc-homeowners"]),
    ("People say you can't get Pension Credit if you own your home, but I'm not sure that's right.", []),
    # "so why would anyone bother" draws a consequence: the statement before it asserts
    ("Any savings at all and they'll refuse your Pension Credit claim, so why would anyone bother to save?",
     ["myth-pc-savings"]),
    # "was gonna" is the writer's own, with "I" dropped, not a question
    ("was gonna apply for pip for my back but no point, im working and u cant get it if u earn.",
     ["myth-pip-means-tested"]),
    ("was it true that u cant get pip if u earn?", []),
    # "disqualify" points back to the subject named before
    ("I never applied for Pension Credit. Of course any savings at all disqualify you, so there seemed no point.",
     ["myth-pc-savings"]),
])
def test_myths_pointed_back_benefits_claimed_reports_before_a_but_and_dropped_i(config: Config, text: str,
                                                                                 expected: list[str]) -> None:
    assert myth_flags(text, config) == expected


@pytest.mark.parametrize("text, title, day, expected", [
    # a sentence naming only what the title rules out still lends its words to a query with the next
    ("Every week we meet couples who have never heard of Pension Credit. For couples it brings your joint income up "
     "to £332.95 a week.", "Older couples: are you missing out?", dt.date(2025, 7, 8), ["pc-couple-2025"]),
    ("Every week we meet couples who have never heard of Pension Credit. For couples it brings your joint income up "
     "to £346.60 a week.", "Older couples: are you missing out?", dt.date(2025, 7, 8), []),
    # the register's phrasings: "every quid" of the taper; the first 10k earned tax free
    ("UC takes 75p off every quid u earn over the allowance", "", dt.date(2025, 11, 6), ["uc-taper"]),
    ("ppl keep asking so: first 10k u earn is tax free then its 20% on the rest.", "", dt.date(2026, 1, 5),
     ["personal-allowance"]),
    ("The first £20k you put in an ISA each year grows tax free, whatever you earn.", "", dt.date(2026, 1, 5), []),
])
def test_titles_ruling_out_a_fact_and_tax_free_first_earnings(config: Config, text: str, title: str, day: dt.date,
                                                               expected: list[str]) -> None:
    assert sorted(fact_ids(text, config, day, title)) == sorted(expected)


@pytest.mark.parametrize("text, expected", [
    # "isn't affected by your income or savings" denies the means test
    ("A: PIP isn't affected by your income or savings, but it can be affected by where you are.", []),
    ("PIP isn't affected by earnings, but UC is means-tested so your wages will affect that one.", []),
    ("PIP is means-tested, so your wages will affect it.", ["myth-pip-means-tested"]),
    # a fact check's claim and verdict
    ("CLAIM: “Winter Fuel Payment axed for every pensioner.” VERDICT: ❌ False.", []),
    ("Winter Fuel Payment axed for every pensioner. Disgraceful.", ["myth-wfp-scrapped"]),
    # "read in a newspaper ... that", "circulating" report
    ("My sister read in a newspaper over there that the State Pension age is going up to 70 next year.", []),
    ("We've seen this circulating: “you can't get Pension Credit if you've got any savings at all.”", []),
    # pence are no words: "70" is not in "£195.70/wk"
    ("For anyone nearly retiring, the full new state pension is £195.70/wk so check your record before you reach "
     "pension age.", []),
    # "for tenants" alone is advice, not the myth; "own our homes" is owning
    ("For tenants of pension age in arrears, please remember Pension Credit.", []),
    ("Several of you asked about Pension Credit. Sadly those of us who own our homes are not eligible.",
     ["myth-pc-homeowners"]),
])
def test_myths_not_affected_verdicts_newspapers_pence_and_tenants(config: Config, text: str,
                                                                  expected: list[str]) -> None:
    assert myth_flags(text, config) == expected


@pytest.mark.parametrize("text, expected", [
    # "might as well" resigns itself, it supposes nothing
    ("might as well book all the extra shifts, theyre pushing the state pension age up to 70 from next year anyway so "
     "im here forever", ["myth-spa-70"]),
    ("they might push the state pension age up to 70 from next year", []),
    # a hedge before a "but" hedges nothing after it, and ", so anyone ... should" is a consequence
    ("Under current law it would be 67, but the government has already confirmed that the State Pension age goes up "
     "to 70 from next year, so anyone born in the early 1960s should plan on working until 70.", ["myth-spa-70"]),
    ("The State Pension age goes up to 70 from next year, but I might be wrong.", []),
])
def test_myths_might_as_well_and_hedges_after_a_but(config: Config, text: str, expected: list[str]) -> None:
    assert myth_flags(text, config) == expected


def test_a_hedge_after_a_but_about_something_else_leaves_the_subject_asserted() -> None:
    folded = "you won't be eligible for carer's allowance - but the university hardship fund may help."
    assert not claim_context.hedges(folded, folded.find("carer's allowance"))
    folded = "you won't be eligible for carer's allowance - but i might be wrong."
    assert claim_context.hedges(folded, folded.find("carer's allowance"))


@pytest.mark.parametrize("text, title, day, expected", [
    # a rate that "ran from ... until" is history
    ("The 50p additional rate ran from April 2010 until April 2013, when it was cut to 45p.", "", dt.date(2024, 12, 3),
     []),
    ("The additional rate is 50p in the pound.", "", dt.date(2024, 12, 3), ["tax-additional-rate"]),
    # a poll's options assert nothing; a single answer does
    ("Poll: What do you think the full new State Pension is per week right now?\nA) £221.20\nB) £230.25\nC) £241.30",
     "", dt.date(2025, 6, 15), []),
    ("Quiz: What is the full new State Pension per week right now?\nA: £221.20", "", dt.date(2025, 6, 15),
     ["nsp-2025"]),
    # a clause naming another fact before the number, one it does not fit, keeps it from a fact named later
    ("The higher rate is £110.40 a week and it can make you eligible for extra Pension Credit too.", "",
     dt.date(2025, 8, 20), []),
    ("Pension Credit tops up your income to £210.40 a week and it can make you a higher rate of help.", "",
     dt.date(2025, 8, 20), ["pc-2025"]),
    # VAT on domestic gas and electricity is the reduced rate
    ("remember VAT on domestic gas and electricity is only 5%, not the standard rate", "", OCT, []),
])
def test_rates_that_ran_until_polls_other_facts_first_and_domestic_energy(config: Config, text: str, title: str,
                                                                          day: dt.date, expected: list[str]) -> None:
    assert sorted(fact_ids(text, config, day, title)) == sorted(expected)
