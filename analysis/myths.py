"""Known false claims ([[myths]] in facts.toml) matched by meaning as well as by wording.

Claim-matching systems (the CheckThat! lab's verified-claim retrieval, Meedan Check) compare a
post's sentences with known claims by sentence embeddings and use two cut-offs: a lower one that
suggests a match for a person to look at, a higher one that flags it. This module does the same:

1. a fast gate: a sentence is compared only when it names the myth's subject (its ``keywords``,
   or two content words of its claim) and shares a word with what the myth says about it;
2. a sentence that questions, reports or denies ("it's a myth that...", "people say...") asserts
   nothing and is skipped (:func:`analysis.claim_context.asserts`);
3. a listed wording found verbatim, not just after a negation, is a match with confidence 1;
4. otherwise the sentence's cosine similarity with the nearest wording is the confidence, and is
   not a match when
   * the sentence is nearer in meaning to the myth's rebuttal (the truth) than to the myth, or
     not :data:`TOPIC_MARGIN` nearer the myth than its bare subject (its keywords):
     same-subject sentences ("PIP enhanced mobility is £77.05 a week", "Pension Credit rules are
     a joke") score high against any myth on that subject, and these contrasts are what tell an
     assertion from talk about the subject;
   * its negations do not agree with that wording's ("hasn't been scrapped" against "has been
     scrapped": it says the opposite);
   * it states other numbers than the wording, or an amount or rate the wording does not have;
   * it has fewer than :data:`MIN_WORDS` words. Sentences under :data:`SHORT_WORDS` words need
     ``short_text_margin`` more on both cut-offs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from analysis import claim_context, embed
from analysis.numbers import quantities
from analysis.text import PhraseIndex, fold, names_any, per_object, words
from config import Myth

SHORT_WORDS = 8
MIN_WORDS = 5  # fewer words than this cannot state a myth by meaning alone
TOPIC_MARGIN = 0.10  # how much nearer the myth than its bare subject (keywords) a sentence must be
CLAIM_WORDS = 2  # words of what the myth says a sentence must share before the model compares it
_NEGATION = re.compile(r"n't\b|\b(?:not|no|nobody|no one|never|none|nothing|cannot|can't|without|any ?more|"
                       r"no longer)\b")
_STOP = frozenset("the a an is are be been being to of in on for and or it its this that you your they their "
                  "all any if from with at by as has have had will was were so".split())


@dataclass(frozen=True)
class Thresholds:
    suggest: float
    flag: float
    short_margin: float

    def level(self, similarity: float, n_words: int) -> str | None:
        margin = self.short_margin if n_words < SHORT_WORDS else 0.0
        if similarity >= self.flag + margin:
            return "flag"
        if similarity >= self.suggest + margin:
            return "suggest"
        return None


@dataclass(frozen=True)
class MythMatch:
    myth: Myth
    sentence: str
    wording: str
    similarity: float
    level: str


def wordings(myth: Myth) -> tuple[str, ...]:
    return (myth.claim.rstrip("."), *myth.variants)


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 2 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


@lru_cache(maxsize=16384)
def _content(text: str) -> frozenset[str]:
    return frozenset(_stem(w) for w in words(text) if w not in _STOP)


@lru_cache(maxsize=256)
def _subject_words(myth: Myth) -> frozenset[str]:
    return _content(myth.claim)


@lru_cache(maxsize=256)
def _claim_words(myth: Myth) -> frozenset[str]:
    """Content words of the myth's wordings beyond its subject: what the myth says about the subject."""
    said = frozenset().union(*(_content(w) for w in wordings(myth)))
    return said - frozenset().union(*(_content(k) for k in myth.keywords))


def says_something(folded: str, myth: Myth) -> bool:
    """True when the sentence shares a word with what the myth says (not only its subject): the cheap
    test that spares the model the many sentences that only mention the subject."""
    return len(_claim_words(myth) & _content(folded)) >= CLAIM_WORDS


def gated(folded: str, myth: Myth) -> bool:
    """True when ``folded`` (a sentence or a whole post) names the myth's subject."""
    if myth.keywords:
        return names_any(folded, myth.keywords)
    return len(_subject_words(myth) & _content(folded)) >= 2


@per_object
def _gate(myths: tuple[Myth, ...]) -> PhraseIndex:
    return PhraseIndex((i, m.keywords) for i, m in enumerate(myths))


def subjects(folded: str, myths: tuple[Myth, ...]) -> list[Myth]:
    """The myths whose subject ``folded`` names (:func:`gated` for many myths, their keywords in one pass)."""
    named = _gate(myths).find(folded)
    return [m for i, m in enumerate(myths) if i in named or (not m.keywords and gated(folded, m))]


def _negations(text: str) -> int:
    return len(_NEGATION.findall(text))


def _verbatim(folded: str, myth: Myth) -> str | None:
    for wording in map(fold, wordings(myth)):
        at = folded.find(wording)
        if at >= 0 and _negations(folded[max(0, at - 25):at]) == 0:
            return wording
    return None


def _numbers(text: str) -> set[float]:
    return {q.value for q in quantities(text) if q.unit != "year"}


def _other_numbers(sentence: str, wording: str) -> bool:
    """True when the sentence states numbers the wording does not: another figure, or an amount or a rate."""
    claimed, said = _numbers(wording), _numbers(sentence)
    amounts = any(q.unit in ("GBP", "percent") for q in quantities(sentence))
    return bool(said and not claimed & said and (claimed or amounts))


def match(sentences: list[str], myths: tuple[Myth, ...], thresholds: Thresholds) -> dict[int, list[MythMatch]]:
    """The myths each sentence asserts (at suggest or flag level), best first, by the sentence's position in
    ``sentences`` (sentences asserting none are left out)."""
    out: dict[int, list[MythMatch]] = {}
    pending: list[tuple[int, Myth]] = []
    for i, sentence in enumerate(sentences):
        folded = fold(sentence)
        named = subjects(folded, myths)  # cheap; the assertion test is not
        if not named or not claim_context.asserts(folded):
            continue
        for myth in named:
            wording = _verbatim(folded, myth)
            if wording is not None:
                out.setdefault(i, []).append(MythMatch(myth, sentence, wording, 1.0, "flag"))
            elif len(words(sentence)) >= MIN_WORDS and says_something(folded, myth) and _comparable(sentence, myth):
                pending.append((i, myth))
    if pending:
        _prepare(myths)
        rows = sorted({i for i, _ in pending})
        vectors = dict(zip(rows, embed.encode([sentences[i] for i in rows])))
        for i, myth in pending:
            found = _semantic(sentences[i], vectors[i], myth, thresholds)
            if found is not None:
                out.setdefault(i, []).append(found)
    # a sentence asserts one claim: keep its nearest myth (and any verbatim ones)
    return {i: [m for m in sorted(found, key=lambda m: -m.similarity) if m.similarity == 1.0 or m is best]
            for i, found in out.items() for best in [max(found, key=lambda m: m.similarity)]}


def _comparable(sentence: str, myth: Myth) -> bool:
    """False when every wording of the myth fails a test :func:`_semantic` applies to the nearest one
    (negations that disagree, other numbers): then the model need not be asked."""
    negated = _negations(fold(sentence)) > 0
    return any((_negations(fold(w)) > 0) == negated and not _other_numbers(sentence, w) for w in wordings(myth))


@per_object
def _prepare(myths: tuple[Myth, ...]) -> bool:
    """Encode every myth's wordings, rebuttal and keywords in one batch (the model's per-call cost is
    paid once, not once per myth); :func:`embed.encode_fixed` then finds them cached."""
    texts = [t for m in myths for t in (*wordings(m), *([m.rebuttal] if m.rebuttal else []), *m.keywords)]
    embed.encode(texts)
    for m in myths:
        embed.encode_fixed(wordings(m))
        embed.encode_fixed(tuple(m.keywords))
        if m.rebuttal:
            embed.encode_fixed((m.rebuttal,))
    return True


def _semantic(sentence: str, vector: np.ndarray, myth: Myth, thresholds: Thresholds) -> MythMatch | None:
    options = wordings(myth)
    similarities = embed.encode_fixed(options) @ vector
    best = int(np.argmax(similarities))
    if (_negations(fold(sentence)) > 0) != (_negations(fold(options[best])) > 0):
        return None  # the sentence denies what the wording asserts, or the reverse
    if _other_numbers(sentence, options[best]):
        return None  # "rise to 68" is not the myth "going up to 70"; "£77.05 a week" states a rate
    similarity = float(similarities[best])
    if myth.rebuttal and float(embed.encode_fixed((myth.rebuttal,))[0] @ vector) >= similarity:
        return None  # nearer to the truth than to the myth: on the subject, not asserting the myth
    if myth.keywords and float((embed.encode_fixed(myth.keywords) @ vector).max()) > similarity - TOPIC_MARGIN:
        return None  # hardly nearer the myth than its bare subject: a headline about it, not a claim
    level = thresholds.level(similarity, len(words(sentence)))
    return MythMatch(myth, sentence, options[best], round(similarity, 3), level) if level else None
