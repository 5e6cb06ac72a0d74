"""Known false claims ([[myths]] in facts.toml) matched by meaning as well as by wording.

Claim-matching systems (the CheckThat! lab's verified-claim retrieval, Meedan Check) compare a
post's sentences with known claims by sentence embeddings and use two cut-offs: a lower one that
suggests a match for a person to look at, a higher one that flags it. This module does the same:

1. a fast gate: a sentence is looked at only when it names the myth's subject (its ``keywords``,
   or two content words of its claim);
2. a sentence that asks, denies or reports ("PIP isn't means tested", "you don't have to live with
   them", "a post going round says...") asserts nothing and is skipped, however near the myth;
3. a listed wording found verbatim, not just after a negation, in a sentence that does not report,
   hedge or suppose (:func:`analysis.claim_context.hedges`), is a match with confidence 1;
4. otherwise a sentence matching one of the myth's ``says`` queries (the watchlist's boolean language: what
   the myth says about its subject, in any words: "(savings OR \"put by\") AND (\"can't\" OR refuse*)"),
   under the same conditions and stating none of the rebuttal's own figures, is a match with confidence
   :data:`SAID_CONFIDENCE`: a press officer can read, and fix, why it was flagged;
5. otherwise a sentence of at least :data:`MIN_WORDS` words that shares :data:`CLAIM_WORDS` words with
   what the myth says about its subject, and states none of the rebuttal's own figures ("it's 66 now"), is
   described by :mod:`analysis.myth_features`; unless it is at least as near a statement of the truth
   as any statement of the myth, the learned model (:mod:`analysis.myth_model`) gives the probability
   that it asserts the myth: that is its confidence, set against the two cut-offs. Sentences under
   :data:`SHORT_WORDS` words need ``short_text_margin`` more on both.

A sentence asserts one claim: of the myths it may repeat, the likeliest is kept (and any verbatim).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from analysis import claim_context, embed, myth_model, query
from analysis import myth_features as F
from analysis.myth_features import wordings
from analysis.query import Query, evaluate_texts
from analysis.text import PhraseIndex, fold, names_any, per_object, words
from config import Myth

__all__ = ["CLAIM_WORDS", "MIN_WORDS", "SAID_CONFIDENCE", "SHORT_WORDS", "MythMatch", "Pair", "Thresholds", "match",
           "pairs", "problems", "subjects", "wordings"]

SHORT_WORDS = 8
MIN_WORDS = 5  # fewer words than this cannot state a myth by meaning alone
CLAIM_WORDS = 2  # words of what the myth says (not generic ones) a sentence must share before the model looks
SAID_CONFIDENCE = 0.9  # a ``says`` query matched: below a listed wording (1.0), above the model's usual flags


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


@lru_cache(maxsize=256)
def _subject_words(myth: Myth) -> frozenset[str]:
    return F.content(myth.claim)


def says_something(folded: str, myth: Myth) -> bool:
    """True when the sentence shares :data:`CLAIM_WORDS` words with what the myth says (not only its subject,
    nor words any sentence on a benefit may hold): the cheap test that spares the sentence model the many
    sentences that only mention the subject ("Age UK is running a Pension Credit campaign")."""
    return len(F.claim_words(myth) & F.content(folded) - F.GENERIC_STEMS) >= CLAIM_WORDS


def gated(folded: str, myth: Myth) -> bool:
    """True when ``folded`` (a sentence or a whole post) names the myth's subject."""
    if myth.keywords:
        return names_any(folded, myth.keywords)
    return len(_subject_words(myth) & F.content(folded)) >= 2


@per_object
def _gate(myths: tuple[Myth, ...]) -> PhraseIndex:
    return PhraseIndex((i, m.keywords) for i, m in enumerate(myths))


def subjects(folded: str, myths: tuple[Myth, ...]) -> list[Myth]:
    """The myths whose subject ``folded`` names (:func:`gated` for many myths, their keywords in one pass)."""
    named = _gate(myths).find(folded)
    return [m for i, m in enumerate(myths) if i in named or (not m.keywords and gated(folded, m))]


def _verbatim(folded: str, myth: Myth) -> str | None:
    for wording in map(fold, wordings(myth)):
        at = folded.find(wording)
        if at >= 0 and F.negations(folded[max(0, at - 25):at]) == 0:
            return wording
    return None


def _said(sentences: list[str], wanted: dict[int, list[Myth]]) -> dict[tuple[int, str], str]:
    """For each sentence index in ``wanted`` and each of its myths, the first of the myth's ``says`` queries
    the sentence matches, keyed (index, myth id); "" when a query matched but a negation before it denies
    what it found ("PIP isn't means-tested": the learned model is not asked either). Every myth's queries run
    once over the sentences that name a subject (one frame, each distinct term scanned once:
    :func:`analysis.query.evaluate_texts`); a myth's hits count in the sentences naming its subject. A malformed
    query matches nothing: :func:`problems` reports it when the config is checked, and one bad query must not
    stop a run."""
    out: dict[tuple[int, str], str] = {}
    by_myth: dict[Myth, list[int]] = {}
    for i, ms in wanted.items():
        for myth in ms:
            by_myth.setdefault(myth, []).append(i)
    parsed = {myth: queries for myth in by_myth if (queries := query.parsed(myth.says))}
    rows_all = sorted({i for myth in parsed for i in by_myth[myth]})
    # a feed's few sentences: one frame for every myth (building a frame costs more than scanning it); a big
    # batch: each myth's own sentences
    groups = [(list(parsed), rows_all)] if len(rows_all) < _ONE_FRAME else [([m], by_myth[m]) for m in parsed]
    for myths_here, rows in groups:
        if not rows:
            continue
        # "cant", "wont", "isnt" read as "can't", "won't", "isn't": the queries spell the apostrophe
        texts = [_PENCE.sub(_hidden, claim_context.apostrophised(fold(sentences[i]))) for i in rows]
        keyed = {f"{m.id}\0{text}": q for m in myths_here for text, q in parsed[m].items()}
        masks = evaluate_texts(keyed, texts)
        where = {i: row for row, i in enumerate(rows)}
        for myth in myths_here:
            _hits_of(myth, parsed[myth], masks, where, by_myth[myth], sentences, out)
    return out


_ONE_FRAME = 500
# amounts in pence are no words the queries look for: "70" is not in "£195.70/wk"
_PENCE = re.compile(r"\d[.,]\d\d\b")


def _hidden(found: re.Match[str]) -> str:
    return "#" * len(found.group())


def _hits_of(myth: Myth, queries: dict[str, Query], masks: dict[str, np.ndarray], where: dict[int, int],
             indexes: list[int], sentences: list[str], out: dict[tuple[int, str], str]) -> None:
    """Record in ``out`` the first query of ``myth`` each of its sentences matches, undenied ("" if denied)."""
    hits = {text: masks[f"{myth.id}\0{text}"] for text in queries}
    for i in indexes:
        row = where[i]
        matched = [q for q in queries if hits[q][row]]
        text = next((q for q in matched if not _negated(sentences[i], queries[q])), None)
        if text or matched:
            out[(i, myth.id)] = text or ""


@lru_cache(maxsize=16384)
def _negated(sentence: str, query: Query) -> bool:
    """A negation in the two words before the first thing the query matched: "PIP isn't means tested", "the
    Winter Fuel Payment has NOT been scrapped" deny what the query finds (a negation the query asks for,
    "homeowners can't get it", is itself a match, so never before the first)."""
    folded = fold(sentence)
    if not F.negations(folded):
        return False  # most sentences hold no negation at all
    start = query.first_hit(folded) or 0
    # the two words before it: "isn't means tested", "NOT been scrapped"; not "nobody gets the state pension
    # before 70", where the negation is the claim
    # in its own clause: "you won't, they've stopped it for all of us" is no denial of the stopping
    clause = re.split(r"[,;:]", folded[:start])[-1]
    return F.negations(" ".join(clause.split()[-2:])) > 0


def problems(myths: tuple[Myth, ...], filename: str = "facts.toml") -> list[str]:
    """Every malformed ``says`` query, named 'facts.toml: myths[2] (id): says[1]: unclosed quote at 14'."""
    return [problem for i, myth in enumerate(myths, start=1)
            for problem in query.problems(myth.says, f"{filename}: myths[{i}] ({myth.id}): says")]


@dataclass(frozen=True)
class Pair:
    """A sentence that names a myth's subject, described for the learned decision."""

    index: int              # the sentence's position in the list given to :func:`pairs`
    myth: Myth
    wording: str            # the nearest wording that agrees with the sentence on negation (else the nearest)
    features: np.ndarray    # :data:`analysis.myth_model.FEATURES`
    verbatim: bool          # a listed wording is in the sentence, not just after a negation
    n_words: int
    said: str = ""          # the ``says`` query the sentence matched (no model needed either)


# a pronoun, or eligibility with nothing to be eligible for: "Pension Credit: ... Sadly, those who own their homes are
# not eligible"
_PRONOUN = re.compile(r"\b(?:it|its|it's|they|them|this|that|thats|eligible|ineligible|qualify|disqualif\w*|"
                      r"entitled)\b")


_IT_OPENS = re.compile(r"(?:^(?:\w+,?\s)?|[,;:]\s*|\s[-–—]\s)(?:it|it's|its|it is|it'll|it will|it has)\s")


@lru_cache(maxsize=256)
def _foretold(myth: Myth) -> bool:
    """The myth is itself about the future ("The State Pension age is going up to 70 next year"), so a
    sentence foretelling it repeats it."""
    return claim_context.predicts(fold(myth.claim))


def pairs(sentences: list[str], myths: tuple[Myth, ...], continues: list[bool] | None = None) -> list[Pair]:
    """Every (sentence, myth) worth judging: the sentence names the myth's subject, does not ask or deny,
    and holds a listed wording, or has at least :data:`MIN_WORDS` words and shares a word with what the
    myth says (:func:`says_something`). Only the latter are described for the model, their sentences
    encoded in one batch; a sentence holding a wording verbatim needs no model.

    ``continues[i]`` says sentence i follows sentence i - 1 in one post: a sentence that names no subject but
    points back to one ("Winter fuel allowance is gone. Every pensioner lost it.") is tried on the ``says``
    queries of the myths the last sentence (or title) naming any named (not on the model: a pronoun is thin
    evidence)."""
    verbatim: list[Pair] = []
    found: list[tuple[int, Myth]] = []
    kept: list[tuple[int, str, list[Myth], list[Myth], bool, list[tuple[Myth, str]], int, int, int]] = []  # below
    before: list[Myth] = []
    subject = ""  # the words that named the subject pointed back to
    asked = list(sentences)  # what the ``says`` queries read for each sentence
    for i, sentence in enumerate(sentences):
        folded = fold(sentence)
        named = subjects(folded, myths)
        if not (continues and continues[i]):
            before = []  # a new post: nothing to point back to
        # it points back ("it's gone"), or is a fragment with no subject of its own ("scrapped for the lot of us")
        inherited = not named and bool(before) and (bool(_PRONOUN.search(folded)) or len(folded.split()) <= 6)
        # the words that name its own subject first, and where (a sentence naming none: "", 0)
        own_subject = min(_gate(myths).find(folded).values(), key=folded.find, default="")
        subject_at = max(folded.find(own_subject), 0) if own_subject else 0
        if named:
            subject = own_subject
        named, before = (before if inherited else named), (named or before)
        if not named:
            continue
        # a clause opening on "it" is about what it points back to, for the queries too: "Pension age" / "it's going
        # up to seventy"
        if inherited and subject and _IT_OPENS.search(folded):
            asked[i] = f"{subject} {sentence}"
        # a report before a "but" leaves what follows the writer's own, about the subject named: "People keep telling
        # me to apply for Pension Credit, but those of us who own our homes can forget it" (read by the queries only:
        # a wording listed or the model's judgement may be of the report)
        own = claim_context.reported_until(folded) if " but " in folded or " yet " in folded else 0
        if own:
            asked[i] = f"{subject} {folded[own:]}"
        refuted = continues is not None and i + 1 < len(sentences) and continues[i + 1] and \
            claim_context.refutes(fold(sentences[i + 1]))
        if refuted or (claim_context.is_question(folded) and not claim_context.rhetorical(folded)):
            continue  # a question asserts nothing, however near the myth it is (nor, below, a denial or a report)
        # "they'll scrap it next year" foretells: only a myth about the future (not a consequence foretold: "PIP is
        # means tested so she probably won't qualify")
        if claim_context.predicts(claim_context.states(folded)):
            named = [m for m in named if _foretold(m)]
        n_words = len(words(sentence))
        listed = [(m, w) for m in named for w in [_verbatim(folded, m)] if w] if not inherited and not own else []
        # index, folded, myths named, myths whose queries to try, inherited, wordings listed, words, own words' start,
        # where its subject is named
        kept.append((i, folded, named, [] if listed else named, inherited, listed, n_words, own, subject_at))
    said_by = _said(asked, {i: tried for i, _, _, tried, *_ in kept if tried})
    for i, folded, named, tried, inherited, listed, n_words, own, subject_at in kept:
        # a listed wording or a query counts only in a sentence that does not hedge (looked at only where one did): a
        # hedge before a "but" that comes before the subject hedges something else ("I'd love some money towards it
        # but Carer's Allowance is only for family")
        if (listed or any((i, m.id) in said_by for m in tried)) and claim_context.hedges(folded, subject_at):
            listed, tried = [], []
        said = [(m, q) for m in tried for q in [said_by.get((i, m.id))] if q and not F.states_truth(sentences[i], m)]
        denied = {m.id for m in tried if said_by.get((i, m.id)) == ""}
        judged = [(i, m) for m in named if m.id not in denied and says_something(folded, m) and
                  not F.states_truth(sentences[i], m)] \
            if not listed and not said and not inherited and not own and n_words >= MIN_WORDS else []
        # a denial or a report asserts nothing either: looked for last, in the few sentences that may assert a myth
        if not (listed or said or judged) or claim_context.denies(folded) or claim_context.reports(folded[own:]):
            continue
        verbatim += [Pair(i, m, w, np.zeros(len(myth_model.FEATURES)), True, n_words) for m, w in listed]
        verbatim += [Pair(i, m, q, np.zeros(len(myth_model.FEATURES)), False, n_words, q) for m, q in said]
        found += judged
    if not found:
        return verbatim
    F.prepare(myths)
    rows = sorted({i for i, _ in found})
    vectors = dict(zip(rows, embed.encode([sentences[i] for i in rows])))
    described = [(i, myth, *F.describe(sentences[i], vectors[i], myth)) for i, myth in found]
    nearest_by_sentence: dict[int, float] = {}
    for i, _, _, x in described:
        nearest_by_sentence[i] = max(nearest_by_sentence.get(i, 0.0), x[F.SUPPORT])
    for i, myth, nearest, x in described:
        if x[F.AGAINST] >= x[F.SUPPORT]:
            continue  # as near a statement of the truth as any of the myth: not asserting it
        x[F.OUTRANKED] = nearest_by_sentence[i] - x[F.SUPPORT]  # another myth on the subject is nearer
        verbatim.append(Pair(i, myth, nearest, x, False, len(words(sentences[i]))))
    return verbatim


def match(sentences: list[str], myths: tuple[Myth, ...], thresholds: Thresholds,
          model: myth_model.Model | None = None, continues: list[bool] | None = None) -> dict[int, list[MythMatch]]:
    """The myths each sentence asserts (at suggest or flag level), best first, by the sentence's position in
    ``sentences`` (sentences asserting none are left out). A listed wording found verbatim is a match with
    confidence 1; otherwise the confidence is the model's probability (:mod:`analysis.myth_model`)."""
    found = pairs(sentences, myths, continues)
    if not found:
        return {}
    model = model or myth_model.load()
    scores = model.probability(np.stack([p.features for p in found]))
    out: dict[int, list[MythMatch]] = {}
    for pair, score in zip(found, scores):
        confidence = 1.0 if pair.verbatim else SAID_CONFIDENCE if pair.said else min(round(float(score), 3), 0.999)
        level = "flag" if pair.verbatim else thresholds.level(confidence, pair.n_words)
        if level:
            out.setdefault(pair.index, []).append(MythMatch(pair.myth, sentences[pair.index], pair.wording,
                                                            confidence, level))
    # a sentence asserts one claim: keep its likeliest myth (and any verbatim ones)
    return {i: [m for m in sorted(ms, key=lambda m: -m.similarity) if m.similarity == 1.0 or m is best]
            for i, ms in out.items() for best in [max(ms, key=lambda m: m.similarity)]}


def clear_cache() -> None:
    """Forget the negation checks of recent sentences (for measuring cold runs)."""
    _negated.cache_clear()
