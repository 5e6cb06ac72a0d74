"""Sentiment: whole text vs passages, the policy lexicon, sentiment toward a voice, and real ratings."""

from __future__ import annotations

import functools
import importlib.util
import random
import types
from pathlib import Path

import numpy as np
import pytest
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from analysis import sentiment
from analysis.lexicon import DEFAULT_LEXICON_PATH, EMPTY, default_lexicon, load_lexicon, parse_lexicon
from analysis.text import sentences
from config import ConfigError
from tests.conftest import PROJECT, realdata

PLAIN = SentimentIntensityAnalyzer()


def plain(text: str) -> float:
    return PLAIN.polarity_scores(text)["compound"]


@functools.cache
def bench_module() -> types.ModuleType:
    """bench/sentiment_eval.py: its example table and metrics are what these tests hold it to."""
    spec = importlib.util.spec_from_file_location("sentiment_eval", PROJECT / "bench" / "sentiment_eval.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def write_lexicon(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "lexicon.toml"
    path.write_text(body, encoding="utf-8")
    return path


# -- whole text and passages ------------------------------------------------------------------

def test_short_text_is_scored_whole_as_vader_does() -> None:
    text = "Yay. Another good phone interview."
    assert sentiment.score_text(text, EMPTY) == pytest.approx(plain(text), abs=1e-4)
    assert sentiment.score_text(text, EMPTY) > sum(plain(s) for s in sentences(text)) / 2  # no dilution
    assert sentiment.score_text("", EMPTY) == 0.0 and sentiment.score_text("  \n ", EMPTY) == 0.0


def test_long_text_is_the_mean_of_about_equal_passages() -> None:
    good = "The staff at the Jobcentre were wonderful and so kind to me."
    bad = "The phone line was a disgrace and I waited for hours, furious."
    text = " ".join([good] * 8 + [bad] * 8)
    pieces = sentiment.passages(text)
    assert len(pieces) == -(-len(text) // sentiment.WHOLE_TEXT_CHARS)
    longest = max(len(s) for s in sentences(text))
    assert all(abs(len(p) - len(text) / len(pieces)) <= longest for p in pieces)
    assert " ".join(pieces) == text  # every sentence once, in order
    expected = sum(plain(p) for p in pieces) / len(pieces)
    assert sentiment.score_text(text, EMPTY) == pytest.approx(expected, abs=1e-4)
    # Half praise, half complaint: VADER's sum over the whole post lands far to one side; ours reads it as mixed.
    assert abs(sentiment.score_text(text, EMPTY)) < 0.1 < 0.5 < abs(plain(text))


def test_one_long_sentence_stays_one_passage() -> None:
    text = "word " * 200
    assert sentiment.passages(text) == [text.strip()]


# -- the lexicon file -------------------------------------------------------------------------

def test_shipped_lexicon_loads_and_every_entry_changes_something() -> None:
    lexicon = load_lexicon(DEFAULT_LEXICON_PATH)
    assert lexicon == default_lexicon() and len(lexicon.entries) >= 20
    terms = [e.term for e in lexicon.entries]
    for entry in lexicon.entries:
        contains_other = any(t != entry.term and t in entry.term for t in terms)
        if entry.is_phrase:
            changed = sentiment.score_text(entry.term, lexicon) != sentiment.score_text(entry.term, EMPTY)
        else:
            changed = PLAIN.lexicon.get(entry.term, 0.0) != entry.valence
        assert changed or contains_other, f"{entry.term!r} changes nothing"


def test_lexicon_problems_are_all_reported_with_file_entry_and_field(tmp_path: Path) -> None:
    path = write_lexicon(tmp_path, """
[[terms]]
term = "crisis"
valence = 5
why = "too strong"

[[terms]]
term = "support"
valence = "low"

[[terms]]
term = "cost of living!"
valence = -1
why = "punctuation"
colour = "red"

[[terms]]
term = "CRISIS"
valence = -2
why = "same term folded"

[[terms]]
valence = 1
why = "no term"
""")
    with pytest.raises(ConfigError) as caught:
        load_lexicon(path)
    problems = caught.value.problems
    assert "lexicon.toml: terms[1] (crisis): valence: must be between -4 and 4 (VADER's scale), got 5" in problems
    assert "lexicon.toml: terms[2] (support): valence: expected a number, got str 'low'" in problems
    assert any(p.startswith("lexicon.toml: terms[2] (support): why: missing") for p in problems)
    assert any(p.startswith("lexicon.toml: terms[3] (cost of living!): term: ") for p in problems)
    assert any(p.startswith("lexicon.toml: terms[3] (cost of living!): colour: unknown field") for p in problems)
    assert "lexicon.toml: terms[5]: term: missing" in problems
    assert len(problems) == 6, problems  # terms[4] is fine: its twin terms[1] was refused


def test_duplicate_terms_and_bad_shapes_are_refused() -> None:
    lexicon, problems = parse_lexicon({"terms": [
        {"term": "Universal Credit", "valence": 0, "why": "a name"},
        {"term": "universal  credit", "valence": 0, "why": "again"},
        "not a table",
    ], "extra": 1})
    assert [e.term for e in lexicon.entries] == ["universal credit"]
    assert problems == [
        "lexicon.toml: extra: unknown table or key; expected [[terms]]",
        "lexicon.toml: terms[2] (universal  credit): term: duplicate term 'universal credit' (also terms[1])",
        "lexicon.toml: terms[3]: must be a table",
    ]
    assert parse_lexicon({"terms": {"term": "x"}})[1] == ["lexicon.toml: terms: must be an array of tables ([[terms]])"]


def test_unreadable_lexicon_files_are_named(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="lexicon.toml: file not found"):
        load_lexicon(tmp_path / "lexicon.toml")
    with pytest.raises(ConfigError, match="lexicon.toml: not valid TOML"):
        load_lexicon(write_lexicon(tmp_path, "[[terms]\nterm = 'x'"))


# -- what the overrides do --------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", bench_module().EXAMPLES)
def test_overrides_give_the_labels_in_the_before_after_table(text: str, expected: str) -> None:
    assert sentiment.label(sentiment.score_text(text)) == expected


def test_the_table_shows_overrides_fixing_what_plain_vader_misreads() -> None:
    examples = bench_module().EXAMPLES
    fixed = [t for t, expected in examples if sentiment.label(plain(t)) != expected]
    assert len(fixed) >= len(examples) // 2  # the others: crisis toned down, names shielded, praise kept


@pytest.mark.parametrize("text, before, after", [
    ("Cost-of-living crisis: councils warn.", "negative", "negative"),   # hyphens; one term, not two
    ("tax credits are changing", "positive", "neutral"),                # plural
    ("UNIVERSAL CREDIT update", "positive", "neutral"),                 # any case
    ("Out-of-work benefits explained", "positive", "neutral"),          # hyphens inside a phrase
    ("Cost of living payments go out today", "neutral", "neutral"),     # the longer phrase wins
    ("Prices are soaring with the cost of living", "neutral", "negative"),
])
def test_phrases_match_across_spelling_variants(text: str, before: str, after: str) -> None:
    assert sentiment.label(sentiment.score_text(text, EMPTY)) == before
    assert sentiment.label(sentiment.score_text(text)) == after


def test_spelling_variants_of_a_phrase_score_the_same() -> None:
    variants = ["Cost-of-living crisis: councils warn.", "cost of living crisis: councils warn.",
                "COST OF LIVING CRISIS: councils warn."]
    assert len({sentiment.score_text(v) for v in variants}) == 1
    assert sentiment.score_text(variants[0]) > sentiment.score_text(variants[0], EMPTY)  # -2.0 as one term, not -3.1


def test_phrases_do_not_match_inside_other_words() -> None:
    text = "Great news for reuniversal credits"
    assert sentiment.score_text(text) == sentiment.score_text(text, EMPTY)


def test_a_word_override_replaces_vaders_value_and_zero_removes_it(tmp_path: Path) -> None:
    lexicon = load_lexicon(write_lexicon(tmp_path, """
[[terms]]
term = "cuts"
valence = -3
why = "stronger"

[[terms]]
term = "relief"
valence = 0
why = "a tax rule"
"""))
    assert sentiment.score_text("More cuts", lexicon) < sentiment.score_text("More cuts", EMPTY) < 0
    assert sentiment.score_text("Relief for savers", lexicon) == 0.0 < sentiment.score_text("Relief for savers", EMPTY)


# -- sentiment toward a voice -----------------------------------------------------------------

TEXT = ("Age UK were brilliant and helped me claim. The DWP helpline is a disgrace. "
        "I waited three hours. Thanks again to age uk!")


def test_score_toward_averages_the_sentences_that_mention_the_voice() -> None:
    age_uk = [s for s in sentences(TEXT) if "age uk" in s.lower()]
    assert len(age_uk) == 2
    expected = sum(sentiment.score_text(s) for s in age_uk) / 2
    assert sentiment.score_toward(TEXT, '"Age UK"') == pytest.approx(expected, abs=1e-4)
    assert sentiment.score_toward(TEXT, '"Age UK"') > 0.5
    assert sentiment.score_toward(TEXT, 'DWP OR "Department for Work and Pensions"') == pytest.approx(
        sentiment.score_text("The DWP helpline is a disgrace."), abs=1e-4)
    assert sentiment.score_toward(TEXT, "DWP") < 0


def test_score_toward_is_none_when_no_sentence_mentions_the_voice() -> None:
    assert sentiment.score_toward(TEXT, "Turn2us") is None
    assert sentiment.score_toward(TEXT, "DW") is None  # whole words only
    assert sentiment.score_toward(TEXT, "site:ageuk.org.uk") is None  # no sentence holds a site: match
    assert sentiment.score_toward("", "DWP") is None


def test_score_toward_folds_case_and_accents() -> None:
    assert sentiment.score_toward("Le Café Social is wonderful. Nothing else.", '"cafe social"') > 0.5


# -- against human ratings (../shared/realdata) -----------------------------------------------

def read_ratings(stem: str) -> list[list[str]]:
    path = realdata("sentiment", "vader", f"{stem}_GroundTruth.txt")
    return [line.split("\t", 2) for line in path.read_text(encoding="utf-8", errors="replace").splitlines()
            if line.strip()]


def test_ours_agrees_with_people_on_a_tweet_sample_at_least_as_well_as_plain_vader() -> None:
    sample = random.Random(4).sample(read_ratings("tweets"), 1000)
    human = np.array([float(r[1]) for r in sample])
    r_plain = np.corrcoef(human, [plain(r[2]) for r in sample])[0, 1]
    r_ours = np.corrcoef(human, [sentiment.score_text(r[2]) for r in sample])[0, 1]
    assert r_ours >= r_plain > 0.85, f"ours r = {r_ours:.4f}, plain VADER r = {r_plain:.4f}"


@pytest.mark.parametrize("stem, published", [("nytEditorialSnippets", 0.503), ("movieReviewSnippets", 0.427),
                                             ("amazonReviewSnippets", 0.590)])
def test_ours_agrees_with_people_at_least_as_well_as_plain_vader_on_whole_sets(stem: str, published: float) -> None:
    # Whole sets: on 1,000-text samples of these a single text touched by an override moves r by 0.0005.
    rows = read_ratings(stem)
    human = np.array([float(r[1]) for r in rows])
    r_plain = np.corrcoef(human, [plain(r[2]) for r in rows])[0, 1]
    r_ours = np.corrcoef(human, [sentiment.score_text(r[2]) for r in rows])[0, 1]
    assert r_plain == pytest.approx(published, abs=5e-4)
    assert r_ours >= r_plain, f"{stem}: ours r = {r_ours:.4f}, plain VADER r = {r_plain:.4f}"


def test_ours_labels_tweeteval_at_least_as_well_as_plain_vader() -> None:
    folder = realdata("sentiment", "tweeteval", "sentiment")
    bench = bench_module()
    truth, texts = bench.read_tweeteval(folder)
    ours = bench.classes(np.array([sentiment.score_text(t) for t in texts]))
    base = bench.classes(np.array([plain(t) for t in texts]))
    assert (ours == truth).mean() >= (base == truth).mean()
    assert bench.macro_f1(truth, ours) >= bench.macro_f1(truth, base)
    assert (base == truth).mean() == pytest.approx(0.5725, abs=1e-4)  # the published layout was read right
