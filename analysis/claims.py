"""Factual-inaccuracy candidates: numeric claims that contradict the facts register, and known myths.

Precision comes first: a wrong flag costs a press officer's trust. A sentence's number is checked
against a fact only when the sentence names the fact (its most specific keyword), the units and
the period agree, and the fact is valid on the post's publication date. Sentences that are not
claims of present fact (hypotheticals, the past, "should be", predictions, personal experience,
corrections and denials) are skipped, and so is a sentence that also states the right value.
Myths are matched by a listed wording, or by every content word of one wording in one sentence.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from analysis.numbers import Quantity, quantities
from analysis.text import fold, full_text, sentences, words
from config import Fact, Myth

HEDGED_TOLERANCE = 0.10
MYTH_OVERLAP = 1.0  # share of a myth wording's content words one sentence must hold (precision first)
_NOT_A_CLAIM = re.compile(
    r"\b(?:if|unless|imagine|suppose|would|could|might|should|ought|must be|needs? to be|deserve|wish|hope|"
    r"was|were|used to|back in|last year|in (?:19|20)\d\d|will|going to|next (?:year|april|month|week)|"
    r"expected to|forecast|predict|not|no longer|isn't|aren't|wasn't|any ?more|actually|myth|false|"
    r"rumou?r|i get|i got|i receive|i'm on|my)\b|n't\b")
_DENIAL = re.compile(r"\b(?:not true|untrue|myth|false|fake|rumou?r|isn't true|is wrong|debunk\w*|nonsense|"
                     r"(?:people|some|they|others) (?:say|believe|think|claim)|you (?:may|might) have heard|"
                     r"it's claimed|claims? that)\b")
_CLAUSE = re.compile(r"[,;:()]|\s[-–—]\s|\bbut\b")
_NEGATION = re.compile(r"n't\b|\b(?:not|no|nobody|no one|never|none)\b")
_YEAR = re.compile(r"(?<![£\d.,])((?:19|20)\d\d)(?![\d%])")
_STOP = frozenset("the a an is are be been being to of in on for and or it its this that you your they their "
                  "all any if from with at by as has have had will was were".split())
_UNIT_OF = {"GBP": "GBP", "percent": "percent"}  # other fact units are written as bare numbers


@dataclass(frozen=True)
class Candidate:
    """One flag with the evidence a press officer needs beside it."""

    id: str
    kind: str                 # fact | myth
    sentence: str
    span: str
    claimed: str
    official: str
    detail: str


def format_value(value: float, unit: str, per: str | None) -> str:
    """'£230.25 a week', '20%', '66 years' — the way the dashboard and responses write a value."""
    if unit == "GBP":
        text = f"£{value:,.2f}".replace(".00", "") if value < 1e6 else f"£{value / 1e6:,.1f} million"
    elif unit == "percent":
        text = f"{value:g}%"
    else:
        text = f"{value:,g}" + ("" if unit == "count" else f" {unit}")
    if per:
        text += f" {'an' if per == 'hour' else 'a'} {per}"
    return text


@lru_cache(maxsize=1024)
def _keyword_patterns(keywords: tuple[str, ...]) -> tuple[tuple[re.Pattern[str], int], ...]:
    return tuple((re.compile(r"(?<!\w)" + re.escape(fold(k)) + r"(?!\w)"), len(fold(k))) for k in keywords)


def _keyword_hit(folded_sentence: str, fact: Fact) -> int:
    """Length of the longest keyword of ``fact`` in the sentence (0 when none)."""
    return max((n for pattern, n in _keyword_patterns(fact.keywords) if pattern.search(folded_sentence)), default=0)


def _fits(q: Quantity, fact: Fact) -> bool:
    expected_unit = _UNIT_OF.get(fact.unit, "number")
    if q.unit != expected_unit:
        return False
    if expected_unit == "number" and not 0.5 * fact.value <= q.value <= 2 * fact.value:
        return False  # a bare number far from the fact (a day of the month, a year) is about something else
    if fact.per and q.per and q.per != fact.per:
        return False
    if fact.per and not q.per:
        return abs(q.value - fact.value) <= 0.35 * fact.value  # no period written: only a near value is the same quantity
    return not q.per or fact.per is not None


def _differs(q: Quantity, fact: Fact) -> bool:
    tolerance = max(fact.tolerance, HEDGED_TOLERANCE) if q.hedged else fact.tolerance
    return abs(q.value - fact.value) > tolerance * abs(fact.value) + 1e-9


def check_facts(text: str, facts: tuple[Fact, ...], day: dt.date) -> list[Candidate]:
    """Fact candidates in ``text`` for a post published on ``day``."""
    valid = [f for f in facts if f.valid_on(day)]
    found: list[Candidate] = []
    for sentence in sentences(text):
        folded = fold(sentence)
        if not any(ch.isdigit() for ch in sentence) or _NOT_A_CLAIM.search(folded):
            continue
        if any(int(year) != day.year for year in _YEAR.findall(sentence)):
            continue  # about another year, past or future: not a claim about the present
        hits = {f.id: _keyword_hit(folded, f) for f in valid}
        named = [f for f in valid if hits[f.id]]
        if not named:
            continue
        for q in quantities(sentence):
            fitting = [f for f in named if _fits(q, f)]
            if not fitting:
                continue
            longest = max(hits[f.id] for f in fitting)
            specific = [f for f in fitting if hits[f.id] == longest]
            if any(not _differs(q2, f) for f in specific for q2 in quantities(sentence) if _fits(q2, f)):
                continue  # the sentence also states the right value: a correction or a comparison
            fact = specific[0]
            official = format_value(fact.value, fact.unit, fact.per)
            detail = (f"{fact.id}: says {q.text.strip()}, official {official} "
                      f"(valid {fact.valid_from or '…'} to {fact.valid_to or '…'}; {fact.source_url})")
            found.append(Candidate(fact.id, "fact", sentence, q.text.strip(), q.text.strip(), official, detail))
            break
    return found


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 2 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def _content(text: str) -> set[str]:
    return {_stem(w) for w in words(text) if w not in _STOP}


def check_myths(text: str, myths: tuple[Myth, ...]) -> list[Candidate]:
    """Myth candidates: sentences that assert one of a myth's wordings (verbatim or every content word)."""
    whole = fold(text)
    whole_words = _content(text)
    # cheap test on the whole text first: most posts share too few words with any myth to need more
    possible = [m for m in myths if any(fold(v) in whole or _overlap(_content(v), whole_words) >= MYTH_OVERLAP
                                        for v in _wordings(m))]
    found: list[Candidate] = []
    for sentence in sentences(text) if possible else ():
        folded = fold(sentence)
        if _DENIAL.search(folded) or folded.rstrip("!\"' ").endswith("?"):
            continue  # a denial, reported belief or question does not assert the myth
        for myth in possible:
            if _asserts(folded, myth) and myth.id not in {c.id for c in found}:
                detail = f"{myth.id}: repeats the known false claim “{myth.claim}” ({myth.source_url})"
                found.append(Candidate(myth.id, "myth", sentence, sentence, sentence, myth.claim, detail))
    return found


def _asserts(folded: str, myth: Myth) -> bool:
    """True when the sentence states one of the myth's wordings without denying it.

    A verbatim wording counts unless a negation comes just before it ("it's not true that ...").
    Otherwise a clause must hold every content word of a wording and no more negations than it
    ("hasn't been scrapped", "nobody is raising" deny a myth that has none).
    """
    for wording in map(fold, _wordings(myth)):
        at = folded.find(wording)
        if at >= 0:
            if not _NEGATION.search(folded[max(0, at - 25):at]):
                return True
            continue
        needed, negations = _content(wording), len(_NEGATION.findall(wording))
        for clause in _CLAUSE.split(folded):
            if _overlap(needed, _content(clause)) >= MYTH_OVERLAP and len(_NEGATION.findall(clause)) <= negations:
                return True
    return False


def _wordings(myth: Myth) -> tuple[str, ...]:
    return (myth.claim.rstrip("."), *myth.variants)


def _overlap(claim_words: set[str], content: set[str]) -> float:
    return len(claim_words & content) / len(claim_words) if claim_words else 0.0


def detect(frame: pd.DataFrame, facts: tuple[Fact, ...], myths: tuple[Myth, ...]) -> tuple[pd.DataFrame, list[list[Candidate]]]:
    """Return ``frame`` with ``inaccuracy_ids`` and ``inaccuracy_detail``, plus each row's candidates."""
    out = frame.copy()
    per_row: list[list[Candidate]] = []
    for title, text, published in zip(frame["title"].fillna(""), frame["text"].fillna(""), frame["published_at"]):
        body = full_text(title, text)
        day = published.date() if not pd.isna(published) else dt.date.today()
        per_row.append(check_facts(body, facts, day) + check_myths(body, myths))
    out["inaccuracy_ids"] = pd.Series([";".join(dict.fromkeys(c.id for c in cs)) for cs in per_row],
                                      index=frame.index, dtype="string")
    out["inaccuracy_detail"] = pd.Series([" | ".join(c.detail for c in cs) for cs in per_row],
                                         index=frame.index, dtype="string")
    return out, per_row
