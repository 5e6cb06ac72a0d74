"""How a sentence stands to a known false claim: the features the learned decision weighs.

:func:`describe` gives, for a sentence (and its sentence-embedding vector) that names a myth's subject,
the :data:`analysis.myth_model.FEATURES`:

* ``support`` / ``against``: cosine similarity with the nearest statement that would make the sentence
  assert the myth / state the truth. Statements are the myth's wordings and its rebuttal's sentences,
  each with its negation: the embedding model hardly sees negation ("PIP isn't means tested" is as
  near "PIP is means tested" as a paraphrase is), so a sentence supports the myth when it is near a
  wording and both or neither are negated, or near a rebuttal sentence ("is not going up to 70") and
  only one is; it states the truth when near a rebuttal sentence and both or neither are negated;
* ``sim_subject``: similarity with the bare subject (its keywords); ``beyond_support`` /
  ``beyond_against``: the same two similarities after taking the subject's direction out of every
  vector (:func:`_beyond`): what a text says beyond naming the subject. Every sentence about Pension
  Credit is near every myth about it; what is left tells a paraphrase from talk about the subject;
* ``outranked``: how much nearer another myth named in the sentence is (filled in by
  :func:`analysis.myths.pairs`);
* cues from :func:`analysis.claim_context.cues` (hedges, hypotheticals, predictions), the
  sentence speaking of the speaker, numbers the nearest wording does not state, how many of the
  myth's own words it shares (up to 3), and its length.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

import numpy as np

from analysis import claim_context, embed, myth_model
from analysis.numbers import quantities
from analysis.text import fold, per_object, words
from config import Myth

_NEGATION = re.compile(r"n't\b|\b(?:not|no|nobody|no one|never|none|nothing|cannot|can't|without|any ?more|"
                       r"no longer)\b")
_STOP = frozenset("the a an is are be been being to of in on for and or it its this that you your they their "
                  "all any if from with at by as has have had will was were so".split())
# words any sentence on a benefit may hold: sharing only these is no sign of saying what the myth says, and
# not worth the model's time (the gate of :func:`analysis.myths.says_something`)
GENERIC = frozenset("can do does did who what when there then than just every about over up get gets got getting "
                    "people pensioner pensioners state year years i me my we our us he she his her them would could "
                    "should because".split())


def wordings(myth: Myth) -> tuple[str, ...]:
    return (myth.claim.rstrip("."), *myth.variants)


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 2 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


GENERIC_STEMS = frozenset(_stem(w) for w in GENERIC)


@lru_cache(maxsize=16384)
def content(text: str) -> frozenset[str]:
    return frozenset(_stem(w) for w in words(text) if w not in _STOP)


@lru_cache(maxsize=256)
def claim_words(myth: Myth) -> frozenset[str]:
    """Content words of the myth's wordings beyond its subject: what the myth says about the subject."""
    said = frozenset().union(*(content(w) for w in wordings(myth)))
    return said - frozenset().union(*(content(k) for k in myth.keywords))


def negations(text: str) -> int:
    return len(_NEGATION.findall(claim_context.apostrophised(text)))


def _numbers(text: str) -> set[float]:
    return {q.value for q in quantities(text) if q.unit != "year"}


def _other_numbers(sentence: str, wording: str) -> bool:
    """True when the sentence states numbers the wording does not: another figure, or an amount or a rate."""
    claimed, said = _numbers(wording), _numbers(sentence)
    amounts = any(q.unit in ("GBP", "percent") for q in quantities(sentence))
    return bool(said and not claimed & said and (claimed or amounts))


@lru_cache(maxsize=256)
def _truth_numbers(myth: Myth) -> frozenset[float]:
    """Figures of the rebuttal that no wording of the myth states ("it is 66")."""
    return frozenset(_numbers(myth.rebuttal or "")) - frozenset().union(*(_numbers(w) for w in wordings(myth)))


# a figure in a clause that supposes, predicts, recalls, denies or tells of oneself states no truth: "so my plan
# to retire at 66 is dead", "so no, your dad can't claim at 66", "so forget retiring at 66"
_NOT_STATING = frozenset({"hypothetical", "past", "wish", "prediction", "correction", "personal"})


def states_truth(sentence: str, myth: Myth) -> bool:
    """The sentence gives a figure of the rebuttal ("Nobody is raising it to 70; it's 66 now"): it states
    the truth, or talks about the real rules, rather than the myth."""
    truth = _truth_numbers(myth)
    if not truth or not _numbers(sentence) & truth:
        return False
    folded = fold(sentence)
    units = _truth_units(myth)
    per = _denominators(myth)
    return any(q.unit != "year" and q.value in truth and _same_kind(q.unit, units[q.value]) and
               (q.value not in per or _EACH.search(folded, max(0, q.start - 12), q.start)) and
               claim_context.clause_reason(folded, q.start, q.end) not in _NOT_STATING for q in quantities(sentence))


_EACH = re.compile(r"\b(?:every|each|per|for every|for each)\s$")


@lru_cache(maxsize=256)
def _denominators(myth: Myth) -> frozenset[float]:
    """Figures the rebuttal gives only as what a rate is counted per ("£1 a week for every £500"): a sentence
    states them only the same way ("even 500 quid in the bank and ur out" does not)."""
    rebuttal = fold(myth.rebuttal or "")
    found = [(q.value, bool(_EACH.search(rebuttal, max(0, q.start - 12), q.start))) for q in quantities(rebuttal)]
    return frozenset(v for v, _ in found) - frozenset(v for v, each in found if not each)


@lru_cache(maxsize=256)
def _truth_units(myth: Myth) -> dict[float, frozenset[str]]:
    """The units each figure of the rebuttal is given in ("£1 a week": GBP; "it is 66": a bare number)."""
    out: dict[float, set[str]] = {}
    for q in quantities(myth.rebuttal or ""):
        out.setdefault(q.value, set()).add(q.unit)
    return {value: frozenset(units) for value, units in out.items()}


def _same_kind(unit: str, truth_units: frozenset[str]) -> bool:
    """A sentence's figure is the rebuttal's in the same unit, a bare number standing for an age or a count
    ("at 66" for "it is 66"), never for money ("one reason" is not "£1 a week")."""
    return unit in truth_units or bool({unit} | truth_units <= {"number", "years"})


@per_object
def prepare(myths: tuple[Myth, ...]) -> bool:
    """Encode every myth's wordings, rebuttal statements and subject in one batch (the model's per-call cost
    is paid once, not once per myth); :func:`embed.encode_fixed` then finds them cached."""
    texts = [t for m in myths for t in (*statements(m)[0], *_subject(m))]
    embed.encode(texts)
    for m in myths:
        embed.encode_fixed(statements(m)[0])
        embed.encode_fixed(_subject(m))
    return True


def _subject(myth: Myth) -> tuple[str, ...]:
    return myth.keywords or (myth.claim,)


@lru_cache(maxsize=256)
def _truths(myth: Myth) -> tuple[str, ...]:
    """The rebuttal's statements, one per sentence or clause after a colon or semicolon: each is compared
    apart, with its own negation ("PIP is not means-tested: your income ... do not affect it")."""
    return tuple(t.strip(" .") for t in re.split(r"[.;:](?:\s|$)", myth.rebuttal or "") if len(words(t)) >= 3)


def _nearest(similarities: np.ndarray, mask: np.ndarray) -> float:
    return float(similarities[mask].max()) if mask.any() else 0.0


_PERSONAL = re.compile(r"\b(?:i|i'm|i've|i'd|me|my|we|we're|we've|our|us|mum|dad|mum's|dad's|nan|gran)\b")
SUPPORT, AGAINST, OUTRANKED = (myth_model.FEATURES.index(f) for f in ("support", "against", "outranked"))


def _beyond(vectors: np.ndarray, topic: np.ndarray) -> np.ndarray:
    """``vectors`` less their component along ``topic`` (the subject's vector), made unit length: what a text
    says beyond naming the subject. Compared with each other, these tell a paraphrase of the myth from
    another sentence on the same subject better than the whole vectors do (every sentence about Pension
    Credit is near every myth about it)."""
    rest = vectors - np.multiply.outer(vectors @ topic, topic)
    return rest / np.maximum(np.linalg.norm(rest, axis=-1, keepdims=True), 1e-9)


@lru_cache(maxsize=256)
def statements(myth: Myth) -> tuple[tuple[str, ...], np.ndarray]:
    """The myth's wordings and its rebuttal's statements, with the negation a sentence near each must have
    to assert the myth: a wording's own, the opposite of a rebuttal statement's ("is going up to 70" agrees
    with the wording; it contradicts "is not going up to 70", which is the truth)."""
    texts = (*wordings(myth), *_truths(myth))
    asserting = np.array([(negations(fold(t)) > 0) != (i >= len(wordings(myth))) for i, t in enumerate(texts)])
    return texts, asserting


def describe(sentence: str, vector: np.ndarray, myth: Myth) -> tuple[str, np.ndarray]:
    """(the nearest wording that agrees with the sentence on negation, else the nearest; the pair's
    features, ``outranked`` left to :func:`pairs`). Negation is compared because the embedding model
    hardly sees it: "PIP isn't means tested" is as near "PIP is means tested" as a paraphrase is."""
    folded = fold(sentence)
    negated = negations(folded) > 0
    texts, asserting = statements(myth)
    vectors = embed.encode_fixed(texts)
    similarities = vectors @ vector
    agrees = asserting == negated
    # against: the rebuttal's statements the sentence agrees with. A wording of the other negation is
    # neither: "pensioners don't get it any more" and "it has been axed" say the same.
    against = ~agrees & (np.arange(len(texts)) >= len(wordings(myth)))
    n = len(wordings(myth))
    nearest = texts[int(np.argmax(np.where(agrees[:n], similarities[:n], -1.0)))] if agrees[:n].any() else \
        texts[int(np.argmax(similarities[:n]))]
    subjects_ = embed.encode_fixed(_subject(myth)) @ vector
    topic = embed.encode_fixed(_subject(myth))[int(np.argmax(subjects_))]
    beyond = _beyond(vectors, topic) @ _beyond(vector, topic)
    cues = claim_context.cues(folded)
    x = np.array([
        _nearest(similarities, agrees), _nearest(similarities, against), float(subjects_.max()),
        _nearest(beyond, agrees), _nearest(beyond, against), 0.0, negated,
        cues["hedged"], cues["hypothetical"], cues["prediction"], bool(_PERSONAL.search(folded)),
        _other_numbers(sentence, nearest), min(len(claim_words(myth) & content(folded)), 3),
        math.log(max(len(words(sentence)), 1))], dtype=np.float64)
    return nearest, x
