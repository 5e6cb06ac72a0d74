"""The shared text helpers: the one-pass phrase index and the per-register cache."""

from __future__ import annotations

import pytest

from analysis.text import PhraseIndex, fold, names_any, per_object, sentence_bounds, sentences
from config import DEFAULT_CONFIG_DIR, load_config


def test_phrase_index_finds_whole_words_only() -> None:
    index = PhraseIndex([("vat", ["VAT"]), ("pc", ["Pension Credit"])])
    assert index.find("the vat rate") == {"vat": "vat"}
    assert index.find("private pensions and vatican news") == {}  # inside longer words
    assert index.find("vat") == {"vat": "vat"}  # at both ends of the text
    assert index.find("vat_rate, vat2") == {}  # underscores and digits are word characters
    assert index.find("is pension credit, vat.") == {"pc": "pension credit", "vat": "vat"}


def test_phrase_index_overlapping_phrases_and_longest_per_key() -> None:
    index = PhraseIndex([("wfp", ["winter fuel", "winter fuel payment"]), ("fuel", ["fuel"]),
                         ("sp", ["state pension"]), ("spa", ["state pension age"])])
    assert index.find("the winter fuel payment is paid") == {"wfp": "winter fuel payment", "fuel": "fuel"}
    assert index.find("state pension age") == {"sp": "state pension", "spa": "state pension age"}
    assert index.find("state pensions") == {}


def test_phrase_index_folds_its_phrases_and_shares_phrases_between_keys() -> None:
    index = PhraseIndex([("a", ["Café Crème"]), ("b", ["cafe creme", "£"])])
    assert index.find(fold("Le Café Crème costs £3")) == {"a": "cafe creme", "b": "cafe creme"}
    assert PhraseIndex([]).find("anything") == {}
    assert PhraseIndex([("x", ["", "  "])]).find("a  b") == {}


@pytest.mark.parametrize("text", ["The State Pension is £230.25 a week.", "VAT at 20% on most things",
                                  "Pension Creditors meet", "the winter-fuel payment"])
def test_phrase_index_agrees_with_names_any_on_the_register(text: str) -> None:
    config = load_config(DEFAULT_CONFIG_DIR)
    index = PhraseIndex((f.id, f.keywords) for f in config.facts)
    for sentence in sentences(text):
        folded = fold(sentence)
        assert set(index.find(folded)) == {f.id for f in config.facts if names_any(folded, f.keywords)}


def test_per_object_builds_once_per_object() -> None:
    built: list[tuple] = []

    @per_object
    def size(obj: tuple) -> int:
        built.append(obj)
        return len(obj)

    first, second = (1, 2), (1, 2, 3)
    assert size(first) == 2 and size(first) == 2 and size(second) == 3
    assert built == [first, second]
    equal_copy = tuple([1, 2])
    assert size(equal_copy) == 2 and len(built) == 3  # another object, even if equal: built again


def test_sentences_run_on_past_numbered_houses_and_titles() -> None:
    text = "Help Mr Patel at no. 14 but not Mr. Jones. The answer is no. Then go."
    expected = ["Help Mr Patel at no. 14 but not Mr. Jones.", "The answer is no.", "Then go."]
    assert sentences(text) == expected
    assert [text[a:b] for a, b in sentence_bounds(text)] == expected  # the spans split the same way
