"""The query language: a conformance table run through both evaluators, errors, warnings, spans, frames."""

from __future__ import annotations

import random

import pandas as pd
import pytest

from analysis.query import Query, QuerySyntaxError, evaluate_many, evaluate_texts, parse
from analysis.text import fold
from mention import new_frame

Doc = dict[str, str]


def doc(text: str = "", **fields: str) -> Doc:
    return {"title": "", "text": text, "author": "", "url": "https://example.com/post", "source": "Example",
            "channel": "news", **fields}


def frame_of(*docs: Doc) -> pd.DataFrame:
    frame = new_frame([{"mention_id": f"m{i}", **{k: v for k, v in d.items() if k != "language"}}
                       for i, d in enumerate(docs)])
    if any("language" in d for d in docs):
        frame["language"] = pd.array([d.get("language") for d in docs], dtype="string")
    return frame


# (query, document, expected): each case runs through Query.matches (Python, one mention) and
# Query.evaluate (RE2 over a frame); both must give the expected answer.
CASES: list[tuple[str, Doc, bool]] = [
    # words: case, word boundaries, punctuation
    ("pension", doc("My pension is late"), True),
    ("pension", doc("PENSION rise"), True),
    ("pension", doc("pensioner protest"), False),
    ("pension", doc("pensions are up"), False),
    ("pension", doc("suspension of payments"), False),
    ("pension", doc("the pension's value"), True),
    ("pension", doc("#pension day"), True),
    ("pension", doc("state_pension"), False),
    ("pension", doc("pension-credit"), True),
    ("pension", doc("(pension)"), True),
    ("pension", doc("about my pension."), True),
    ("pension", doc("line one\npension"), True),
    ("Pension", doc("pension"), True),
    ("pension,", doc("pension"), True),
    ("#pension", doc("#pension day"), True),
    ("#pension", doc("pension day"), False),
    ("dwp", doc("@DWP why?"), True),
    ("@dwp", doc("@DWP why?"), True),
    ("@dwp", doc("DWP why?"), False),
    ("67", doc("rising to 67 now"), True),
    ("67", doc("rising to 670 now"), False),
    ('"£12.21"', doc("is £12.21 an hour"), True),
    ("£12.21", doc("is 12.21 an hour"), False),
    ("co-op", doc("the Co-op bank"), True),
    ("co-op", doc("the co op bank"), False),
    ("don't", doc("I don’t know"), True),
    ("don’t", doc("I don't know"), True),
    ("dont", doc("I don't know"), False),
    ('"carer\'s allowance"', doc("Carer’s Allowance overpayments"), True),
    # wildcards
    ("pension*", doc("pensioner protest"), True),
    ("pension*", doc("a pension"), True),
    ("pension*", doc("suspension"), False),
    ("benefit*", doc("Benefits cut"), True),
    ("pens?on", doc("pension"), True),
    ("pens?on", doc("penson"), False),
    ("wom?n", doc("women"), True),
    ("wom?n", doc("woman"), True),
    ("wom?n", doc("womn"), False),
    ("*ension", doc("suspension"), True),
    ("cost*", doc("the cost-of-living crisis"), True),
    ('"state pen*"', doc("state pensions"), True),
    ('"state pen*"', doc("state benefits"), False),
    ("sanction*", doc("sanctioned claimants"), True),
    ("sanction*", doc("unsanctioned"), False),
    # accents, folded both ways
    ("cafe", doc("Café culture"), True),
    ("café", doc("CAFE culture"), True),
    ("naive", doc("a naïve plan"), True),
    ("zoe", doc("Zoë wrote"), True),
    ("muller", doc("Herr Müller"), True),
    ('"cafe culture"', doc("CAFÉ  culture"), True),
    ("cafe", doc("Cafe\u0301 ok"), True),
    ("søren", doc("Søren wrote"), True),
    ("soren", doc("Søren wrote"), False),
    # exact phrases
    ('"state pension"', doc("The State Pension rises"), True),
    ('"state pension"', doc("state-pension"), True),
    ('"state pension"', doc("state, pension"), True),
    ('"state pension"', doc("state\npension"), True),
    ('"state pension"', doc("pension state"), False),
    ('"state pension"', doc("state old pension"), False),
    ('"state pension"', doc("statepension"), False),
    ('"state pension"', doc("pension", title="state"), False),
    ('"state pension"', doc("", title="Your State Pension"), True),
    ('"cost of living"', doc("cost-of-living crisis"), True),
    ('"pension credit"', doc("pension credits"), False),
    ('"pension and credit"', doc("pension and credit"), True),
    # AND, OR, NOT
    ("pension AND credit", doc("pension credit"), True),
    ("pension AND credit", doc("pension only"), False),
    ("pension AND credit", doc("credit", title="pension"), True),
    ("pension OR credit", doc("credit only"), True),
    ("pension OR credit", doc("neither"), False),
    ("pension NOT credit", doc("pension only"), True),
    ("pension NOT credit", doc("pension credit"), False),
    ("pension AND NOT credit", doc("pension credit"), False),
    ("NOT pension", doc("nothing here"), True),
    ("NOT pension", doc("pension"), False),
    ("NOT NOT pension", doc("pension"), True),
    ("pension AND and", doc("pension and stuff"), True),
    ("pension AND and", doc("pension or stuff"), False),
    ("NEARBY OR ORANGE", doc("shops nearby"), True),
    # precedence: NEAR > NOT > AND > OR
    ("a OR b AND c", doc("a"), True),
    ("a OR b AND c", doc("b"), False),
    ("a OR b AND c", doc("b c"), True),
    ("(a OR b) AND c", doc("a"), False),
    ("(a OR b) AND c", doc("a c"), True),
    ("NOT a AND b", doc("b"), True),
    ("NOT a AND b", doc("a b"), False),
    ("NOT a OR b", doc("a b"), True),
    ("NOT a OR b", doc("a"), False),
    ("a NOT b OR c", doc("a b c"), True),
    ("a NOT b OR c", doc("a b"), False),
    ("NOT (a OR b)", doc("b"), False),
    ("NOT a NEAR/1 b", doc("a x b"), False),
    ("NOT a NEAR/1 b", doc("a x x x b"), True),
    ("a AND b OR c AND d", doc("c d"), True),
    ("a AND b OR c AND d", doc("a d"), False),
    # fields
    ("title:pension", doc("", title="Pension news"), True),
    ("title:pension", doc("pension", title="News"), False),
    ("text:pension", doc("", title="pension"), False),
    ("text:pension", doc("my pension"), True),
    ("Title:pension", doc("", title="pension"), True),
    ('title:"state pension"', doc("", title="State Pension up"), True),
    ("title:(pension OR credit)", doc("", title="credit"), True),
    ("title:(pension OR credit)", doc("credit"), False),
    ("title:(pension OR text:credit)", doc("credit"), True),
    ("author:lewis", doc(author="Martin Lewis"), True),
    ('author:"martin lewis"', doc(author="Martin Lewis"), True),
    ("author:lewis", doc("lewis"), False),
    ("source:reddit", doc(source="Reddit: UKBenefitsHelp"), True),
    ('source:"gov.uk"', doc(source="GOV.UK: DWP news"), True),
    ("site:gov.uk", doc(url="https://www.gov.uk/pension"), True),
    ("site:gov.uk", doc(url="https://gov.uk/pension"), True),
    ("site:gov.uk", doc(url="https://notgov.uk/pension"), False),
    ("site:gov.uk", doc(url="https://example.com/gov.uk"), False),
    ("site:www.gov.uk", doc(url="https://assets.gov.uk/x"), False),
    ("site:GOV.UK", doc(url="HTTPS://WWW.GOV.UK/X"), True),
    ("site:https://www.gov.uk", doc(url="https://www.gov.uk/x"), True),
    ("site:(bbc.co.uk OR gov.uk)", doc(url="https://www.gov.uk/x"), True),
    ("site:(bbc.co.uk OR gov.uk)", doc(url="https://www.example.com/x"), False),
    ('site:"gov.uk"', doc(url="https://www.gov.uk/x"), True),
    ("site:gov.uk", doc(url="https://user@www.gov.uk:8443/x"), True),
    ("url:pension-credit", doc(url="https://www.gov.uk/pension-credit"), True),
    ("url:PENSION-credit", doc(url="https://www.gov.uk/pension-credit"), True),
    ("url:pension-credit", doc(url="https://www.gov.uk/state-pension"), False),
    ("url:https://www.gov.uk/pip", doc(url="https://www.gov.uk/pip/apply"), True),
    ("url:-credit", doc(url="https://www.gov.uk/pension-credit"), True),
    ("url:gov.uk/pip/*/apply", doc(url="https://www.gov.uk/pip/claims/apply"), True),
    ("url:gov.uk/pip/*/apply", doc(url="https://www.gov.uk/pip/a/b/apply"), False),
    ("channel:forum", doc(channel="forum"), True),
    ("channel:forum", doc(channel="news"), False),
    ("channel:FORUM", doc(channel="forum"), True),
    ("channel:(forum OR social)", doc(channel="social"), True),
    ("language:en", doc(language="en"), True),
    ("language:en", doc(language="en-GB"), True),
    ("language:en", doc(language="eng"), False),
    ("language:en", doc(language="fr"), False),
    ("language:en", doc("no language column"), False),
    ("NOT language:en", doc("no language column"), True),
    ("title:pension AND site:gov.uk", doc("", title="pension", url="https://www.gov.uk/x"), True),
    ("title:pension AND site:gov.uk", doc("", title="pension", url="https://bbc.co.uk/x"), False),
    # proximity: NEAR/n (at most n words between, either order), NEAR/nf (in order), "a b"~n
    ("pension NEAR/2 rise", doc("pension will rise"), True),
    ("pension NEAR/2 rise", doc("rise in the pension"), True),
    ("pension NEAR/1 rise", doc("rise in the pension"), False),
    ("pension NEAR/0 rise", doc("pension rise"), True),
    ("pension NEAR/0 rise", doc("pension, rise!"), True),
    ("pension NEAR/0 rise", doc("pension to rise"), False),
    ("pension NEAR/2f rise", doc("rise in the pension"), False),
    ("pension NEAR/2f rise", doc("pension will rise"), True),
    ("pension NEAR/2F rise", doc("rise in the pension"), False),
    ("pension NEAR/1 credit", doc("pension's credit"), True),
    ("pension NEAR/0 credit", doc("pension's credit"), False),
    ('"winter fuel" NEAR/3 payment*', doc("winter fuel is a payment"), True),
    ('"winter fuel" NEAR/3 payment*', doc("payments for the winter fuel"), True),
    ('"winter fuel" NEAR/1 payment*', doc("payments for the winter fuel"), False),
    ("(pension OR credit) NEAR/1 rise", doc("credit to rise"), True),
    ("(pension OR credit) NEAR/1 rise", doc("credit is to rise"), False),
    ("pension NEAR/1 pension", doc("pension and pension"), True),
    ("pension NEAR/1 pension", doc("one pension"), False),
    ('"a a" NEAR/0 b', doc("a a a b"), True),
    ("a NEAR/1 b NEAR/1 c", doc("a b c"), True),
    ("a NEAR/1 b NEAR/1 c", doc("a b x x c"), False),
    ('"state pension" NEAR/2 "triple lock"', doc("the triple lock and state pension"), True),
    ("pension NEAR/5 rise", doc("rise", title="pension"), False),
    ("title:pension NEAR/2 rise", doc("", title="pension to rise"), True),
    ("title:pension NEAR/2 rise", doc("pension to rise", title="pension"), False),
    ("pension NEAR/1 rise", doc("Pénsion will rise"), True),
    ("pension NEAR/1 rise", doc("pension søren rise"), True),
    ("pension NEAR/0 rise", doc("pension søren rise"), False),
    ("pension NEAR/1 rise", doc("pension ørsted x rise"), False),
    ('"cost of living"~0', doc("living of cost"), True),
    ('"cost of living"~1', doc("cost of basic living"), True),
    ('"cost of living"~1', doc("cost of very basic living"), False),
    ('"pension age"~3', doc("age for the pension"), True),
    ('"pension age"~1', doc("age for the pension"), False),
    ('"a b c d e"~2', doc("e d x c b a"), True),
    ('"a b c d e"~2', doc("e d x c y b z a"), False),
]


@pytest.mark.parametrize(("query", "document", "expected"), CASES,
                         ids=[f"{q} | {d['title']}|{d['text']}" for q, d, _ in CASES])
def test_conformance(query: str, document: Doc, expected: bool) -> None:
    parsed = parse(query)
    assert parsed.matches(document) is expected, "Query.matches"
    assert parsed.evaluate(frame_of(document)).tolist() == [expected], "Query.evaluate"
    assert evaluate_many({"q": parsed}, frame_of(document), re2_from=0)["q"].tolist() == [expected], "RE2"


def test_the_table_is_big_and_balanced() -> None:
    assert len(CASES) >= 100
    assert 0.3 < sum(expected for *_, expected in CASES) / len(CASES) < 0.7


# -- errors and warnings ------------------------------------------------------------------------

ERRORS = [
    ('"state pension', "unclosed quote at 1"),
    ('pension AND "state', "unclosed quote at 13"),
    ("(pension OR credit", "unbalanced parenthesis at 1"),
    ("a AND (b OR (c)", "unbalanced parenthesis at 7"),
    ("pension)", "unbalanced parenthesis at 8"),
    (")", "unbalanced parenthesis at 1"),
    ("pension AND", "AND needs something on both sides at 9"),
    ("AND pension", "AND needs something on both sides at 1"),
    ("pension AND OR credit", "AND needs something on both sides at 9"),
    ("pension OR", "OR needs something on both sides at 9"),
    ("pension AND (OR credit)", "OR needs something on both sides at 14"),
    ("pension NOT", "NOT needs something after it at 9"),
    ("titel:pension", "unknown field 'titel' at 1"),
    ("pension AND titel:x", "unknown field 'titel' at 13"),
    ("pension credit", "missing AND or OR before 'credit' at 9; "
                       "terms need an operator between them; put an exact phrase in quotes"),
    ('pension "state pension"', 'missing AND or OR before "state pension" at 9; '

                                "terms need an operator between them; put an exact phrase in quotes"),
    ("a (b)", "missing AND or OR before '(' at 3; "
              "terms need an operator between them; put an exact phrase in quotes"),
    ("", "empty query at 1"),
    ("   ", "empty query at 1"),
    ("a AND ()", "empty parentheses at 7"),
    ('""', "empty phrase at 1"),
    ('" - "', "empty phrase at 1"),
    ("pension NEAR credit", "NEAR needs a distance at 9; write NEAR/5, or NEAR/5f for an order"),
    ("pension NEAR/x credit", "NEAR/x needs a distance at 9; write NEAR/5, or NEAR/5f for an order"),
    ("pension NEAR/3", "NEAR/3 needs words or phrases on both sides at 9"),
    ("pension NEAR/3 NOT credit", "NEAR/3 needs words or phrases on both sides at 9"),
    ("pension NEAR/3 site:gov.uk", "NEAR/3 needs words or phrases on both sides at 9"),
    ("(a AND b) NEAR/3 c", "NEAR/3 needs words or phrases on both sides at 11"),
    ("title:a NEAR/3 text:b", "NEAR/3 needs both sides in the same field at 9"),
    ("author:a NEAR/3 b", "NEAR/3 needs both sides in the same field at 10"),
    ("title:", "title: needs a value at 1"),
    ("title: AND x", "title: needs a value at 1"),
    ("channel:tv", "unknown channel 'tv' at 9; use one of news, blog, forum, social, government, video"),
    ("site:gov.uk/pension", "site: needs a host name such as gov.uk, not 'gov.uk/pension' at 6; "
                            "use url: for part of a link"),
    ("site:*.gov.uk", "site: needs a host name such as gov.uk, not '*.gov.uk' at 6; use url: for part of a link"),
    ("language:english!", "language: needs a language code such as en, not 'english!' at 10"),
    ('"a b"~3 OR site:"x"~2', "~2 needs words, not site: at 17"),
    ("*", "wildcard '*' needs letters at 1"),
    ("pension OR ?", "wildcard '?' needs letters at 12"),
    ("-", "nothing to search for in '-' at 1"),
    ("pension AND -scam", "'-scam' starts with - at 13; write NOT to exclude a word"),
    ("pension~3", '~ goes after a quoted phrase at 8; write "a b"~5'),
    ('"a b"~x', '~ needs a number of words at 6; write "a b"~5'),
]


@pytest.mark.parametrize(("query", "message"), ERRORS)
def test_malformed_queries_are_refused_with_position(query: str, message: str) -> None:
    with pytest.raises(QuerySyntaxError) as refused:
        parse(query)
    assert str(refused.value) == message


def test_syntax_error_carries_message_and_position() -> None:
    with pytest.raises(QuerySyntaxError) as refused:
        parse('pension AND "state')
    assert (refused.value.message, refused.value.position) == ("unclosed quote", 13)
    assert isinstance(refused.value, ValueError)


WARNINGS = [
    ("ab*", ["wildcard 'ab*' at 1 has fewer than 3 letters: slow and broad"]),
    ("pension OR ab*", ["wildcard 'ab*' at 12 has fewer than 3 letters: slow and broad"]),
    ("?at", ["wildcard '?at' at 1 has fewer than 3 letters: slow and broad"]),
    ('"state pe*"', ["wildcard 'pe*' at 8 has fewer than 3 letters: slow and broad"]),
    ("pen* OR wom?n OR pension", []),
    ("a NEAR/11 b", ["NEAR/11 at 3 allows more than 10 words between: slow and broad"]),
    ("a NEAR/10 b", []),
    ('"a b"~12', ['"a b"~12 at 1 allows more than 10 words between: slow and broad']),
    ("pension AND and", ["'and' at 13 is searched as a word: operators are upper case"]),
    ("x OR near/5f", ["'near/5f' at 6 is searched as a word: operators are upper case"]),
    ("ab* NEAR/20 Or", ["wildcard 'ab*' at 1 has fewer than 3 letters: slow and broad",
                        "NEAR/20 at 5 allows more than 10 words between: slow and broad",
                        "'Or' at 13 is searched as a word: operators are upper case"]),
]


@pytest.mark.parametrize(("query", "warnings"), WARNINGS)
def test_costly_patterns_are_warned_about(query: str, warnings: list[str]) -> None:
    assert list(parse(query).warnings) == warnings


# -- spans --------------------------------------------------------------------------------------

SPANS = [
    ("pension", "Pension news", "My pension's fine", [("title", 0, 7), ("text", 3, 10)]),
    ('"state pension"', "", "The State-Pension", [("text", 4, 17)]),
    ('pension OR "state pension"', "", "state pension", [("text", 0, 13)]),
    ("cafe", "", "Le Café est", [("text", 3, 7)]),
    ("cafe", "", "Cafe\u0301 ok", [("text", 0, 5)]),
    ("fine", "", "a \ufb01ne day", [("text", 2, 5)]),
    ("istanbul", "", "to İstanbul!", [("text", 3, 11)]),
    ("οδος", "", "ΟΔΟΣ", [("text", 0, 4)]),
    ("pension NOT scam", "", "pension scam", [("text", 0, 7)]),
    ("pension NEAR/1 rise", "", "pension x y z pension will rise", [("text", 14, 21), ("text", 27, 31)]),
    ("pension AND site:gov.uk", "", "pension", [("text", 0, 7)]),
    ("title:pension", "pension", "pension", [("title", 0, 7)]),
    ("author:pension", "pension", "pension", []),
    ('"a b"~1', "", "b x a c b y y a", [("text", 0, 1), ("text", 4, 5), ("text", 8, 9)]),
]


@pytest.mark.parametrize(("query", "title", "text", "spans"), SPANS)
def test_spans_point_at_the_original_characters(query: str, title: str, text: str,
                                                spans: list[tuple[str, int, int]]) -> None:
    assert parse(query).spans(title, text) == spans


def test_spans_cut_out_the_matched_words() -> None:
    text = "Zoë’s café: the naïve Pension-Credit plan"
    found = parse('cafe OR naive OR "pension credit"').spans(None, text)
    assert [text[start:end] for _, start, end in found] == ["café", "naïve", "Pension-Credit"]


# -- frames -------------------------------------------------------------------------------------

WORDS = ["pension", "pensions", "pensioner", "state", "credit", "rise", "cut", "winter", "fuel", "payment",
         "payments", "cost", "of", "living", "a", "the", "and", "Café", "naïve", "søren", "ørsted", "dwp",
         "@DWP", "#pension", "£12.21", "don’t", "co-op", "pension's", "Πενσιον", "x", "y", "z",
         "cost of living", "state pension", "winter fuel payment", "pension credit", "pension rise", "a b c",
         "e x d"]
FRAME_QUERIES = [
    "pension", "pension*", "pens?on* AND NOT pensioner", '"state pension"', '"cost of living"',
    "pension NEAR/2 rise", "pension NEAR/2f rise", '"winter fuel" NEAR/3 payment*', '"cost of living"~2',
    '"a b c d e"~3', '"pension credit rise cut"~5', "(pension OR credit) NEAR/1 (rise OR cut)",
    "pension NEAR/1 credit NEAR/1 rise", "cafe OR naive", "søren NEAR/1 pension", "@dwp OR #pension",
    '"£12.21" OR co-op', "don't", "title:pension NEAR/3 rise", "title:(pension OR credit) AND NOT text:cut",
    "author:lewis OR source:reddit", "site:gov.uk AND pension*", "url:pip/*/apply", "channel:forum NOT rise",
    "language:en AND credit", "NOT language:en", "a NEAR/40 ((b NEAR/40 c) NEAR/40 (x OR y OR z))",
    "πενσιον", "pension NEAR/0 pension", '"state pension" NEAR/1 "cost of living"',
    "pension NEAR/2000 (rise OR cut)",  # too wide for RE2: every candidate is checked word by word
]


def random_docs(count: int, seed: int = 11) -> list[Doc]:
    rng = random.Random(seed)
    docs = []
    for _ in range(count):
        words = rng.choices(WORDS + ["b", "c", "d", "e"], k=rng.randint(0, 30))
        punctuated = [w + rng.choice(["", "", "", ",", ".", "!", "\n", " -"]) for w in words]
        docs.append(doc(" ".join(punctuated), title=" ".join(rng.choices(WORDS, k=rng.randint(0, 6))),
                        author=rng.choice(["Martin Lewis", "Zoë Müller", "anon"]),
                        source=rng.choice(["Reddit: UKBenefitsHelp", "BBC News", "GOV.UK"]),
                        url=rng.choice(["https://www.gov.uk/pip/claims/apply", "https://bbc.co.uk/news/1",
                                        "https://gov.uk.example.com/x"]),
                        channel=rng.choice(["news", "forum", "social"]),
                        language=rng.choice(["en", "en-GB", "fr", "cy"])))
    return docs


@pytest.mark.parametrize("re2_from", [0, 10_000], ids=["re2", "python"])
def test_frame_evaluation_equals_row_by_row_evaluation(re2_from: int) -> None:
    docs = random_docs(1000)
    frame = frame_of(*docs)
    queries = {q: parse(q) for q in FRAME_QUERIES}
    results = evaluate_many(queries, frame, re2_from=re2_from)
    for text, query in queries.items():
        expected = [query.matches(d) for d in docs]
        assert 0 < sum(expected) < len(docs), f"{text} is vacuous on this frame"
        assert results[text].tolist() == expected, text


def test_evaluate_many_shares_nothing_wrong_between_queries_and_threads() -> None:
    frame = frame_of(*random_docs(300, seed=5))
    queries = {q: parse(q) for q in FRAME_QUERIES}
    together = evaluate_many(queries, frame, workers=2, re2_from=0)  # RE2, threaded; evaluate: Python
    for text, query in queries.items():
        assert together[text].equals(query.evaluate(frame)), text


def test_evaluate_keeps_the_frame_index_and_survives_missing_values() -> None:
    frame = frame_of(doc("pension"), doc("nothing"), doc("pension")).set_index(pd.Index([10, 20, 30]))
    frame.loc[20, "text"] = pd.NA
    frame.loc[30, "title"] = pd.NA
    result = parse("pension OR title:x").evaluate(frame)
    assert result.dtype == bool
    assert result.to_dict() == {10: True, 20: False, 30: True}


def test_parse_is_cached_and_queries_compare_by_value() -> None:
    assert parse("pension AND credit") is parse("pension AND credit")
    assert parse("pension AND credit").root == parse("(pension) AND (credit)").root
    assert isinstance(parse("pension"), Query)


def test_small_frames_pass_over_absent_terms_and_stop_chains_early_as_row_by_row_would() -> None:
    # a feed's few items: most terms are nowhere in the frame, so OR chains pass over them and AND chains stop
    chains = ["(pension OR zzqq OR credit) AND (rise OR cut OR zzqx) AND NOT (zzqy OR cafe)", "zzqq AND pension",
              "zzqq OR pension", "(pension OR credit) AND NOT zzqq", "NOT (zzqq OR zzqx)", "zzq* OR pens?on",
              "(zzqq OR zzqx) AND NOT pension", 'pension AND "cost of living" AND rise AND cut',
              "(pension NEAR/2 rise) OR zzqq", "title:zzqq OR text:pension"]
    queries = {q: parse(q) for q in chains + FRAME_QUERIES}
    docs = random_docs(400, seed=23)
    for start in range(0, len(docs), 5):
        batch = docs[start:start + 5]
        results = evaluate_many(queries, frame_of(*batch))  # five rows: the small-frame path
        for text, query in queries.items():
            assert results[text].tolist() == [query.matches(d) for d in batch], (text, start)


@pytest.mark.parametrize("size", [5, 60])
def test_evaluate_texts_reads_folded_texts_as_mentions_with_only_a_text(size: int) -> None:
    # a batch's sentences (claims and myths): no frame is built; a term on another field matches nothing
    chains = ["(pension OR zzqq OR credit) AND (rise OR cut OR zzqx) AND NOT (zzqy OR cafe)", "zzq* OR pens?on",
              "title:pension OR text:credit", "site:gov.uk OR pension", 'author:"martin lewis" OR "cost of living"',
              "(pension NEAR/2 rise) OR zzqq", "NOT (pension OR credit)"]
    queries = {q: parse(q) for q in chains + FRAME_QUERIES}
    docs = [doc(d["text"], url="", source="", channel="") for d in random_docs(300, seed=31)]
    hits = 0
    for start in range(0, len(docs), size):
        batch = docs[start:start + size]
        results = evaluate_texts(queries, [fold(d["text"]) for d in batch])
        for text, query in queries.items():
            expected = [query.matches(d) for d in batch]
            hits += sum(expected)
            assert results[text].tolist() == expected, (text, start)
    assert hits > 100
    big = evaluate_texts(queries, [fold(d["text"]) for d in docs], re2_from=100)  # a large batch: the RE2 path
    for text, query in queries.items():
        assert big[text].tolist() == [query.matches(d) for d in docs], text
