"""Factual-inaccuracy candidates: numeric claims that contradict the facts register, and known myths.

Precision comes first: a wrong flag costs a press officer's trust. A number is checked against a
fact only when

* the sentence names the fact by a keyword (the longest keyword named wins, so "basic State
  Pension" beats "State Pension"; a fact's ``exclude`` words veto it), or, when the sentence names
  no fact, the sentence before it (or the title) does, at a lower confidence;
* its unit and period agree with the fact's (a weekly amount is not an hourly rate; a number with
  no period must be near the fact's value to be read as the same quantity);
* the fact is valid on the post's publication date, and no year in the number's clause falls
  outside the fact's validity;
* it is a claim of present fact (:mod:`analysis.claim_context`: not a hypothetical, the past,
  "should be", a prediction, personal experience, a question, a report or a correction);
* the sentence does not also state the right value (a correction or a comparison).

Hedges widen the tolerance ("about £200" is 10%), and bounds are read as bounds: "over £200 a
week" agrees with £230.25, "over £250 a week" does not. Myths are matched by :mod:`analysis.myths`.
Every :class:`Candidate` carries its evidence.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from dataclasses import dataclass

import pandas as pd

from analysis import claim_context, myths, query
from analysis.numbers import Quantity, may_hold_number, quantities
from analysis.query import Query, evaluate_texts, term_literals
from analysis.text import PhraseIndex, fold, full_text, names_any, per_object, phrases, sentences
from config import Config, Fact

HEDGED_TOLERANCE = 0.10
CONVERTED_TOLERANCE = 0.02  # an exact amount a year or a month for a weekly fact: weeks do not divide a year
_UNPERIODED_NEAR = 0.35  # a number with no period is read as the fact's quantity only within 35% of it
_ACCEPTS = {"GBP": ("GBP",), "percent": ("percent",), "count": ("number",), "years": ("years", "number")}


@dataclass(frozen=True)
class Candidate:
    """One flag or suggestion with the evidence a press officer needs beside it."""

    id: str                       # the fact or myth id
    kind: str                     # fact | myth
    level: str                    # flag | suggest (a possible match below the flag threshold)
    sentence: str
    start: int                    # the span that made the claim, within the sentence
    end: int
    claimed: str                  # as written: "£185 a wk", or the sentence for a myth
    official: str                 # "£230.25 a week", or the myth's rebuttal
    claimed_value: float | None
    official_value: float | None
    unit: str | None
    per: str | None
    difference: float | None      # claimed - official, in the fact's unit
    confidence: float             # 0..1
    keyword: str                  # the keyword (or myth wording) that tied the sentence to the fact or myth
    source_url: str
    valid_from: str | None
    valid_to: str | None

    @property
    def span(self) -> str:
        return self.sentence[self.start:self.end]

    @property
    def detail(self) -> str:
        if self.kind == "myth":
            how = "matches" if self.confidence == myths.SAID_CONFIDENCE else "similar to"  # a says query or a wording
            return f"{self.id}: repeats the known false claim ({how} “{self.keyword}”, {self.confidence:.2f}) " \
                   f"({self.source_url})"
        return (f"{self.id}: says {self.claimed}, official {self.official} "
                f"(valid {self.valid_from or '…'} to {self.valid_to or '…'}; {self.source_url})")


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


def keyword_hit(folded: str, fact: Fact) -> str:
    """The longest keyword of ``fact`` named in ``folded`` ('' when none)."""
    return max((k for p, k in phrases(fact.keywords) if k in folded and p.search(folded)), key=len, default="")


class _Index:
    """The register made ready for matching, built once per register: its keywords and ``exclude`` words
    as phrase indexes (one pass each), and the facts valid on each publication day."""

    def __init__(self, facts: tuple[Fact, ...]) -> None:
        self.facts = facts
        self.by_id = {f.id: f for f in facts}
        self.keywords = PhraseIndex((f.id, f.keywords) for f in facts)
        self.excludes = PhraseIndex((f.id, f.exclude) for f in facts)
        self.queries = {f.id: tuple(query.parsed(f.named_by).values()) for f in facts if f.named_by}
        self.query_texts = frozenset(q.text for queries in self.queries.values() for q in queries)
        self.terms = {fid: tuple(piece for q in queries for piece in term_literals(q) if piece)
                      for fid, queries in self.queries.items()}
        self._matched: dict[str, frozenset[str]] = {}
        self._valid: dict[dt.date, frozenset[str]] = {}

    def valid(self, day: dt.date) -> frozenset[str]:
        found = self._valid.get(day)
        if found is None:
            if len(self._valid) > 4096:
                self._valid.clear()
            found = self._valid[day] = frozenset(f.id for f in self.facts if f.valid_on(day))
        return found

    def named(self, folded: str, valid: frozenset[str],
              queried: dict[str, tuple[Query, ...]] | None = None) -> dict[str, tuple[Fact, str]]:
        """Valid facts named in ``folded``, each with its longest keyword found there, or else the ``named_by``
        query it matches (``queried``: :meth:`queried` of ``folded``, when already worked out)."""
        found = {fid: (self.by_id[fid], keyword) for fid, keyword in self.keywords.find(folded).items()
                 if fid in valid}
        if len(found) > 1:  # "under State Pension age" names the age, not the pension: a keyword only ever found
            found = _outermost(folded, found)  # inside another fact's longer one names nothing
        for fid, queries in (self.queried(folded, valid) if queried is None else queried).items():
            found.setdefault(fid, (self.by_id[fid], queries[0].text))
        return found

    def is_query(self, keyword: str) -> bool:
        """True when ``keyword`` (what named a fact) is one of the ``named_by`` queries."""
        return keyword in self.query_texts

    def touched(self, folded: str, valid: frozenset[str]) -> frozenset[str]:
        """Valid facts with a ``named_by`` query that may have a term in ``folded`` (a first look, by the
        terms' literal pieces: it may say yes wrongly, never no)."""
        return frozenset(fid for fid, pieces in self.terms.items() if fid in valid and
                         any(piece in folded for piece in pieces))

    def queried(self, folded: str, valid: frozenset[str]) -> dict[str, tuple[Query, ...]]:
        """Valid facts a ``named_by`` query of theirs matches in ``folded``, with their queries: run only on text
        that may hold a number (most sentences hold none); looked up when :meth:`prime` ran them over a batch."""
        if not self.queries:
            return {}
        matched = self._matched.get(folded)
        if matched is None:  # not primed: only the valid facts' queries are run
            matched = frozenset(fid for fid, queries in self.queries.items()
                                if fid in valid and any(q.matches({"text": folded}) for q in queries)) \
                if may_hold_number(folded) else frozenset()
        return {fid: self.queries[fid] for fid in matched if fid in valid}

    def prime(self, folded: list[str]) -> None:
        """Run every ``named_by`` query once over a batch's sentences (each distinct term scanned once for all:
        :func:`analysis.query.evaluate_texts`), for :meth:`queried` to look up; the last batch's are forgotten.
        Only texts that may hold a number are run; the others match nothing."""
        texts = list(dict.fromkeys(folded)) if self.queries else []
        self._matched = dict.fromkeys(texts, frozenset())
        texts = [t for t in texts if may_hold_number(t)]
        if not texts:
            return
        named = {f"{fid}\0{i}": q for fid, queries in self.queries.items() for i, q in enumerate(queries)}
        masks = [(key.split("\0")[0], mask) for key, mask in evaluate_texts(named, texts).items()]
        for row, text in enumerate(texts):
            self._matched[text] = frozenset(fid for fid, mask in masks if mask[row])

    def excluded(self, folded: str) -> set[str]:
        """Ids of the facts whose ``exclude`` words ``folded`` holds (not as what it is not: "in Kent not Scotland")."""
        return set(self.excludes.find(_unnegated(folded)))


# what a sentence says it is not about: "I live in Kent not Scotland", "unlike Scotland, ..."
_NOT_THIS = re.compile(r"\b(?:not|unlike|outside|rather than|instead of)\s+(?:in\s+|the\s+)?[\w-]+")


def _unnegated(folded: str) -> str:
    """``folded`` less the words it says it is not about (blanked, keeping positions)."""
    return _NOT_THIS.sub(lambda m: " " * len(m.group()), folded)


_index = per_object(_Index)


def _outermost(folded: str, found: dict[str, tuple[Fact, str]]) -> dict[str, tuple[Fact, str]]:
    """``found`` less the facts whose keyword occurs only inside a longer keyword of another found fact."""
    spans = {fid: [m.span() for m in phrases((k,))[0][0].finditer(folded)] for fid, (_, k) in found.items()}

    def inside_another(fid: str, a: int, b: int) -> bool:
        return any(s <= a and b <= e and (s, e) != (a, b) for other, its in spans.items() if other != fid
                   for s, e in its)

    return {fid: pair for fid, pair in found.items() if any(not inside_another(fid, a, b) for a, b in spans[fid])}


def problems(facts: tuple[Fact, ...], filename: str = "facts.toml") -> list[str]:
    """Every malformed ``named_by`` query, named 'facts.toml: facts[3] (id): named_by[1]: unclosed quote at 14'."""
    return [problem for i, fact in enumerate(facts, start=1)
            for problem in query.problems(fact.named_by, f"{filename}: facts[{i}] ({fact.id}): named_by")]


def _choose(folded: str, q: Quantity, fitting: list[tuple[Fact, str]],
            queried: dict[str, tuple[Query, ...]] | None = None, whole: bool = False,
            unfit: list[tuple[Fact, str]] | None = None) -> tuple[Fact, str] | None:
    """The fact a number is about: not excluded by words up to its clause's end, or to the end of a next
    clause that restates it (:func:`claim_context.reach`: "VAT is just 5%, it's the reduced rate"); named
    in its own clause if any is ("£21.80 for the first and £14.45 for each additional child"), else the
    longest keyword. A fact its ``named_by`` query named (``queried``: id -> queries) is named in a clause the
    query matches, and goes before any keyword: a query names a fact more closely ("CA stops if your
    earnings go over £196" is the earnings limit; "CA is £83.30 a week, and you can earn £196" is not)."""
    queried = queried or {}
    part = folded if whole else claim_context.clause_with_lead(folded, q.start, q.end)  # an answer: all its question
    upto = folded[:claim_context.reach(folded, q.start, q.end)]
    fitting = [(f, k) for f, k in fitting if not names_any(_unnegated(upto), f.exclude)]
    in_part = {f.id for f, _ in fitting if any(x.matches({"text": part}) for x in queried.get(f.id, ()))}
    # any keyword of the fact in the clause: "cb is 24 a week for eldest" names Child Benefit, though the sentence's
    # longest keyword for it ("child benefit") is elsewhere
    near = [(f, k) for f, k in fitting if f.id in in_part or keyword_hit(part, f)]  # "ca" is no keyword in "can"
    if q.unit in ("number", "years") and q.per is None and not near and not q.text.rstrip().lower().endswith("k"):
        return None  # a bare number ("Brenda, 85, said...") counts only in a clause that names the fact
    if near:
        return max(near, key=lambda pair: (pair[0].id in in_part, len(pair[1])))
    # its clause names another fact before it, one the number does not fit: "the higher rate is £110.40 a week" (of
    # Attendance Allowance), not the Pension Credit a later clause names
    if unfit and any(keyword_hit(part[:max(part.find(folded[q.start:q.end]), 0)], f) for f, _ in unfit):
        return None
    # nothing in the clause names one: a fact whose query has a term in the clause ("earn" for the earnings
    # limit), else the longest keyword of those a keyword named (a query alone, far from the number, is not enough),
    # a fact in the number's own period first ("weekly income to £250" is a weekly benefit's, not a yearly threshold's)
    touching = [(f, k) for f, k in fitting if any(x.first_hit(part) is not None for x in queried.get(f.id, ()))]
    by_keyword = [(f, k) for f, k in fitting if not any(x.text == k for x in queried.get(f.id, ()))]
    return max(touching or by_keyword, key=lambda pair: (q.per is not None and pair[0].per == q.per, len(pair[1])),
               default=None)


def _fits(q: Quantity, fact: Fact) -> bool:
    money_like = fact.unit == "GBP" and q.unit == "number" and (  # "20k", "160 a week", "the full 12.21"
        q.text.rstrip().lower().endswith(("k", "thousand")) or (q.per is not None and q.per == fact.per) or
        bool(_PENCE_DECIMALS.fullmatch(q.text.strip())) or  # "the tax free allowance is 11,850"
        (fact.per in ("year", None) and bool(_THOUSANDS.fullmatch(q.text.strip()))))
    if q.unit not in _ACCEPTS.get(fact.unit, (fact.unit,)) and not money_like:
        return False
    if q.unit == "number" and not 0.5 * fact.value <= q.value <= 2 * fact.value:
        return False  # a bare number far from the fact (a count, a day) is about something else
    if fact.value and not 0.2 * abs(fact.value) <= abs(q.value) <= 5 * abs(fact.value):
        return False  # "£1 a week for every £500" is not a claim about a £227 rate
    if fact.per and q.per and q.per != fact.per:
        return False
    if fact.per and not q.per and fact.per != "year":  # yearly sums (allowances, thresholds) are written bare
        return abs(q.value - fact.value) <= _UNPERIODED_NEAR * fact.value
    return not q.per or fact.per is not None


_PER_YEAR = {"week": 52.0, "month": 12.0, "year": 1.0}
_PENCE_DECIMALS = re.compile(r"\d+\.\d\d")
_ROUND = re.compile(r"\d,?\d00\b")  # a sum written in full to its round hundreds: "£12,500", "35000"
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+")
# a year something has held since ("reached pension age after April 2016"), or that marks who it is for ("the
# basic state pension, for those who retired before 2016"); not those born then ("born after April 1977")
_SINCE = re.compile(r"(?<!born )\b(?:after|since|from)\s(?:\w+\s)?$|\b(?:retired|retire|retiring|reached (?:state )?"
                    r"pension age|reached their pension age)\s(?:before|after|in|from|since)\s(?:\w+\s)?$")


def _in_period(q: Quantity, fact: Fact) -> Quantity:
    """An amount a week, a month or a year stated in another of those periods than the fact's, converted to
    the fact's ("£11,000 a year" for a weekly pension is £211.54 a week) and read with a wider tolerance
    (:data:`CONVERTED_TOLERANCE`; the hedged one if hedged), since a year is not 52 weeks exactly and people
    round what they convert. Hourly and daily amounts are never converted: how many hours or days is not
    known."""
    if fact.unit == "GBP" and q.unit in ("GBP", "number") and q.per != fact.per and q.per in _PER_YEAR and \
            fact.per in _PER_YEAR:  # "1300 a month" is money when the fact is
        value = round(q.value * _PER_YEAR[q.per] / _PER_YEAR[fact.per], 2)
        return dataclasses.replace(q, unit="GBP", value=value, per=fact.per, bound=q.bound or "converted")
    return q


_CONDITION = re.compile(r"\b(?:if|once|when|unless|as long as|provided|providing)\b")
# "you can earn up to £250", "earnings over £196": what one may earn, up to or over a bound, is the limit itself
_BOUND_BEFORE = r"\s(?:\w+\s){0,2}(?:up to|over|above|under|below|more than|less than)\s*$"
_LIMIT = re.compile(r"\b(?:earn|earns|earning|earnings|income|wages?|salary)" + _BOUND_BEFORE)


# a fact about what one earns or one's income: a limit on earnings ("earn under £X") can be about it (not "the
# minimum wage is over £13", which is the wage itself)
_EARNINGS = re.compile(r"\b(?:earn|earns|earning|earnings|income)\b")
_EARN_LIMIT = re.compile(r"\b(?:earn|earns|earning|earnings|income)" + _BOUND_BEFORE)


# "must be paid at least £8.60 an hour": what must be paid at least is the legal floor itself
_FLOOR = re.compile(r"\b(?:paid|pay|earn|get|given)\s(?:\w+\s){0,2}at least\s*$")


def _threshold(folded: str, q: Quantity) -> Quantity:
    """In a condition ("clawed back if your income is over £25,000") or a limit on earnings ("you can earn up
    to £250 a week") a bound names the threshold itself."""
    if q.bound in ("min", "max") and (_CONDITION.search(claim_context.clause(folded, q.start, q.end)) or
                                      _LIMIT.search(folded, max(0, q.start - 40), q.start) or
                                      _FLOOR.search(folded, max(0, q.start - 40), q.start)):
        return dataclasses.replace(q, bound=None, hedged=False)
    return q


def _differs(q: Quantity, fact: Fact) -> bool:
    tolerance = max(fact.tolerance, HEDGED_TOLERANCE) if q.bound == "approx" else \
        max(fact.tolerance, CONVERTED_TOLERANCE) if q.bound == "converted" else fact.tolerance
    slack = tolerance * abs(fact.value) + 1e-9
    if q.bound is None and q.unit == fact.unit == "GBP" and _PENCE_DECIMALS.search(q.text):
        slack = min(slack, 0.005)  # written to the penny, it means the penny: "£12.12" is not £12.21
    elif q.bound is None and q.unit == fact.unit == "GBP" and q.value >= 1000 and q.value % 100 == 0 and \
            q.value % 1000 and _ROUND.search(q.text) and round(fact.value / 100) * 100 != q.value:
        return True  # "£12,500" is a sum to the hundred: the official £12,570 would be £12,600
    if q.bound == "min":
        return fact.value < q.value - slack      # "over £250" when it is £230.25
    if q.bound == "max":
        return fact.value > q.value + slack      # "under £200" when it is £230.25
    return abs(q.value - fact.value) > slack


def _outside_years(folded: str, q: Quantity, sentence_quantities: list[Quantity], fact: Fact) -> bool:
    """A year in the number's clause outside the fact's validity: about another time (not a year something
    has held since: "for those who reached pension age after April 2016")."""
    first = fact.valid_from.year if fact.valid_from else 1900
    last = fact.valid_to.year if fact.valid_to else 2100
    part = claim_context.clause(folded, q.start, q.end)
    lead = _LEAD_YEAR.match(folded)  # "When I joined in 1979, VAT had just been raised to 15%"
    if lead and q.start >= lead.end():
        part = folded[:lead.end()] + part
    return any(y.unit == "year" and not first <= y.value <= last and y.text.lower() in part and
               not (y.value < first and _SINCE.search(folded[max(0, y.start - 40):y.start])) and
               not (fact.unit != "years" and _BORN.search(folded[max(0, y.start - 30):y.start]))
               for y in sentence_quantities)


_MONTHS = {m: i for i, names in enumerate((
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
    ("july", "jul"), ("august", "aug"), ("september", "sept", "sep"), ("october", "oct"), ("november", "nov"),
    ("december", "dec")), start=1) for m in names}
# "from April" (no year): the April nearest the post, from or since when the figure holds
_FROM_MONTH = re.compile(r"\b(?:from|since|as of|starting(?: in)?|(?:at |from )?the (?:start|beginning) of)\s"
                         rf"({'|'.join(sorted(_MONTHS, key=len, reverse=True))})\b(?!\s*\d)")


def _outside_month(folded: str, q: Quantity, day: dt.date, fact: Fact) -> bool:
    """The number's clause dates it from a month, with no year, that is outside the fact's validity: posted in
    January, "from april nlw is 12.71" is April's rate; posted in May, "since April" is this year's. "From" a
    month up to four months ahead is the coming one, else (and "since") the last one begun; read late in the
    month (a new rate starts in its first week), or on the post's day if sooner."""
    found = _FROM_MONTH.search(claim_context.clause(folded, q.start, q.end))
    if not found:
        return False
    month = _MONTHS[found.group(1)]
    began = max(d for d in (dt.date(day.year + k, month, 1) for k in (-1, 0)) if d <= day)  # the last one begun
    coming = dt.date(began.year + 1, month, 28)
    when = coming if not found.group().startswith("since") and (coming - day).days <= 120 else \
        min(dt.date(began.year, month, 28), day)
    return not fact.valid_on(when)


# "the National Living Wage of £11.44", "the standard rate of 17.5%": a rate named in full, said of oneself
_NAMED_RATE = re.compile(r"\bthe\s((?:[\w'’-]+\s){1,5})(?:of|at)\s$")


_FOR_EVERYONE = re.compile(r"\b(?:for everyone|for everybody|for all of us|for all pensioners|for all workers)\b")


_ANSWER = re.compile(r"(?:a|ans|answer)\s?[:.)-]\s")
_SAYS_WHAT_IT_IS = re.compile(r"(?:this|that|which|it)(?:'s|s| is| was)? (?:the|what|your|ur)\b")
_BULLET = re.compile(r"^\s*(?:[•*·▪–-]|\d{1,2}[.)])\s")


def _lead_in(parts: list[str], at: int) -> str:
    """The lead-in a list item goes on from ("Pension Credit tops up your weekly income to:" before "• £218.15 if
    you're single" and the items after it), folded without its colon; "" when there is none."""
    before = at - 1
    while before > 0 and _BULLET.match(parts[before]):
        before -= 1
    if not parts[before].rstrip().endswith(":") or (before < at - 1 and not _BULLET.match(parts[at])):
        return ""
    return fold(parts[before]).rstrip(" :") + " "


def _general(folded: str, q: Quantity, fitting: list[tuple[Fact, str]]) -> bool:
    """A figure told of oneself that is still the general one: a rate named in full (:func:`_named_rate`); a tax
    rate named beside the number ("I pay 22% basic rate tax": everyone's basic rate); one said to be
    everyone's ("now she's 65 she can draw her State Pension, that's the pension age for everyone")."""
    if _named_rate(folded, q, fitting) or _FOR_EVERYONE.search(folded):
        return True
    near = " ".join(folded[:q.start].split()[-3:] + folded[q.start:].split()[:4])  # the rate beside the number
    return any(f.unit == "percent" and keyword_hit(near, f) for f, _ in fitting)


def _equated(folded: str, q: Quantity, fitting: list[tuple[Fact, str]]) -> bool:
    """The number is set equal to the fact by name, whatever the clause around it says: "staff will be paid at NLW =
    £10.42 per hour", "I'm paid the NLW (£11.44)" state what the rate is."""
    before = folded[max(0, q.start - 40):q.start]
    return any(re.search(rf"\b{re.escape(k)}\s*(?:=|\()\s*$", before) for _, k in fitting if k in before)


def _named_rate(folded: str, q: Quantity, fitting: list[tuple[Fact, str]]) -> bool:
    """The number follows "the <rate> of", the rate being the fact's keyword or a rate: what one pays or gets is
    then said to be the fact's value ("I've had to pay my staff the National Living Wage of £11.44")."""
    found = _NAMED_RATE.search(folded, max(0, q.start - 60), q.start)
    return bool(found) and (" rate " in f" {found.group(1)}" or any(k in found.group(1) for _, k in fitting))


_PERIOD_WORDS = {"weekly": "week", "monthly": "month", "yearly": "year", "annual": "year", "hourly": "hour"}
# "tops up a single pensioner's weekly income to £218.15": the period given before the amount
_PERIOD_BEFORE = re.compile(r"\b(weekly|monthly|yearly|annual|hourly)\s(?:[^\s\d]+\s){0,3}$")


def _period_before(folded: str, q: Quantity, lead: str = "") -> Quantity:
    """``q`` with the period said before it in its sentence, or at the end of the ``lead`` it goes on from."""
    if q.per is not None or q.unit not in ("GBP", "number"):
        return q
    found = _PERIOD_BEFORE.search(folded, max(0, q.start - 50), q.start) or (_PERIOD_BEFORE.search(lead) if lead
                                                                              else None)
    return dataclasses.replace(q, per=_PERIOD_WORDS[found.group(1)]) if found else q


# a leading clause that dates the sentence: "When I joined the Department in 1979, ..."
_LEAD_YEAR = re.compile(r"(?:when|in|back in|by|during)\b[^,;:]*\b(?:19|20)\d\d\b[^,;:]*[,;:]")
# a cohort by birth: "clients born before 22 September 1959 whose income is above £30,000" (an age is another
# matter: "anyone born after April 1977 faces a State Pension age of 68" is that cohort's own age)
_BORN = re.compile(r"\bborn (?:before|after|on|in|from|since)\s(?:\S+\s){0,2}$")
_NOT_STATING = frozenset({"hypothetical", "past", "should", "wish", "prediction", "correction"})


# an age someone turns or is ("anyone who turns 66 this year") is no statement of the fact's value
_PERSONS_AGE = re.compile(r"\b(?:turns?|turned|turning|aged|who is|who's)\s$")
_SEXES = (re.compile(r"\b(?:women|woman|ladies|lady|girls|female|females|wife|wives|mum|mothers?)\b"),
          re.compile(r"\b(?:men|man|lads|blokes|male|males|husband|husbands|dh|dad|fathers?)\b"))


def _states_right_value(folded: str, qs: list[Quantity], fact: Fact, claimed: Quantity) -> bool:
    """The sentence also states the official value (a correction or a comparison), exactly and in a clause
    that says what is, not what would be, was, should be or is not, nor what others say ("nlw is £12.21, my boss
    is chatting rubbish saying its 11.44" disowns the official value) ("it's 67 now, so if you were planning on
    66..."; "it's 67 now, so no, your dad can't claim at 66"; not "VAT is 17.5%, nearly a fifth of it all"),
    nor of the other sex than the ``claimed`` value's clause ("women get it at 65 and men at 66")."""
    sexes = _sexes(folded, claimed)
    return any(q.bound is None and _fits(q, fact) and not _differs(q, fact) and
               not _PERSONS_AGE.search(folded[max(0, q.start - 12):q.start]) and
               claim_context.reason(folded, q.start, q.end) not in _NOT_STATING | {"reported"} and
               not (sexes and _sexes(folded, q) and not sexes & _sexes(folded, q)) for q in qs)


def _sexes(folded: str, q: Quantity) -> set[int]:
    part = claim_context.clause(folded, q.start, q.end)
    return {i for i, pattern in enumerate(_SEXES) if pattern.search(part)}


_PENCE_RATE = re.compile(r"\d{1,2}p")
# "every extra quid you earn ... they take 63p off you": pence of each pound
_PER_POUND = re.compile(r"\b(?:every|each|per)\s(?:extra\s|additional\s)?(?:pound|quid|£1)\b|\bin the pound\b")
# a sentence led by each pound: "For every extra £1 a claimant earns, they lose 63p of support"
_LEAD_PER_POUND = re.compile(r"(?:for )?(?:every|each) (?:extra |additional )?(?:pound|quid|£1)\b[^,;:]*[,;:]")
_RATE_WORD = re.compile(r"\b(?:rate|band|taxpayers?)\b")


def _pence_rate(folded: str, q: Quantity, named: dict[str, tuple[Fact, str]]) -> Quantity:
    """"The top rate is 50p", "the 40p rate", "every extra quid you earn they take 63p": a rate in pence is a
    percentage (of each pound), when the number's clause speaks of a rate or band or of each pound (not "the VAT
    on a 50p bar is 10p")."""
    if q.unit != "GBP" or q.per is not None or not _PENCE_RATE.fullmatch(q.text.strip().lower()) or \
            not any(f.unit == "percent" for f, _ in named.values()):
        return q
    part = claim_context.clause(folded, q.start, q.end)
    if _RATE_WORD.search(part) or _PER_POUND.search(part) or _LEAD_PER_POUND.match(folded):
        return dataclasses.replace(q, unit="percent", value=round(q.value * 100, 6))
    return q


def _confidence(q: Quantity, fact: Fact, from_title: bool) -> float:
    score = 0.95
    if fact.per == "year" and not q.per and q.unit == fact.unit:  # yearly sums are written bare: "over £35,000"
        q = dataclasses.replace(q, per="year")
    score -= 0.15 if fact.per and not q.per else 0.0
    if from_title:  # named only by the title or the sentence before: a suggestion for a person, unless the
        # number states the fact's own unit and period ("Child benefit" / "it's £21.80 a week for the first"),
        # hedged or not ("about £200 a week": a flag at the threshold, read with the hedge's wider tolerance)
        same_unit = q.unit == fact.unit or (fact.unit == "GBP" and q.unit == "number")  # "235 a week"
        score -= 0.25 if same_unit and fact.per and q.per == fact.per else 0.4
    score -= 0.1 if q.hedged else 0.0
    money = fact.unit == "GBP" and q.per is not None and q.per == fact.per  # "235 a week" is money
    score -= 0.1 if q.unit == "number" and fact.unit != "years" and not money else 0.0
    return round(score, 2)


def _fact_candidate(sentence: str, q: Quantity, fact: Fact, keyword: str, from_title: bool) -> Candidate:
    confidence = _confidence(q, fact, from_title)
    return Candidate(
        fact.id, "fact", "flag" if confidence >= 0.6 else "suggest", sentence, q.start, q.end, q.text,
        format_value(fact.value, fact.unit, fact.per), q.value, fact.value, fact.unit, fact.per,
        round(q.value - fact.value, 4), confidence, keyword, fact.source_url,
        fact.valid_from.isoformat() if fact.valid_from else None,
        fact.valid_to.isoformat() if fact.valid_to else None)


_OPTION = re.compile(r"\(?[a-e1-5][).]\s")
_SECOND_OPTION = re.compile(r"\(?[b2][).:]\s")
_POINTS_BACK = re.compile(r"\b(?:there|it|its|it's|they|their|that|this|these|those|same)\b")


def check_facts(text: str, facts: tuple[Fact, ...], day: dt.date, title: str = "") -> list[Candidate]:
    """Fact candidates in ``text`` for a post published on ``day``, at most one per fact."""
    if not may_hold_number(text):
        return []  # every candidate is a number read in one of its sentences (a fifth of posts hold none)
    index = _index(tuple(facts))
    valid = index.valid(day)
    context_text = fold(title) if title else ""
    lends = False  # the context is a sentence that named only what the title rules out: its words only
    context = index.named(context_text, valid) if title else {}
    # a title's exclusions hold for the whole post: under "Scottish tax bands", "the higher rate is 42%" is Scotland's
    ruled_out = index.excluded(context_text) if title else set()
    found: dict[str, Candidate] = {}
    parts = sentences(text)
    for at, sentence in enumerate(parts):
        folded = fold(sentence)
        # an answer goes on from its question: "Q: What is the standard rate of VAT? A: 17.5%." is one statement,
        # read whole, its numbers taken from the answer only
        answer_from = 0
        if at and _ANSWER.match(folded) and len(folded.split()) <= 6 and \
                claim_context.is_question(fold(parts[at - 1])) and \
                not (at + 1 < len(parts) and _SECOND_OPTION.match(fold(parts[at + 1]))):  # not a poll's "A) ..."
            answer_from = len(parts[at - 1]) + 1
            sentence = f"{parts[at - 1]} {sentence}"
            folded = fold(sentence)
        queried = index.queried(folded, valid)
        named = index.named(folded, valid, queried)
        if named and ruled_out:
            kept = {fid: pair for fid, pair in named.items() if fid not in ruled_out}
            if not kept:  # it names only what the title rules out: its words may still join a query with the next
                context, context_text, lends = {}, folded, True  # ("Older couples" / "... Pension Credit." / "For
                # couples it ...")
            named = kept
        # and the sentence before's, when this one points back: "Scottish income tax is different. The higher rate
        # there is 42%" (not "My son is on the 18-20 rate. The NLW for over 21s is £10")
        if named and at and _POINTS_BACK.search(folded) and quantities(sentence):
            before = index.excluded(fold(parts[at - 1]))
            named = {fid: pair for fid, pair in named.items() if fid not in before}
        # named by the next sentence, which says what its figure is: "Agency pay me £11.44 for hour. This is the
        # National Living Wage for over 21" (the writer says the figure is the fact's, whosever pay it is)
        restated = {} if named or at + 1 >= len(parts) or not _SAYS_WHAT_IT_IS.match(fold(parts[at + 1])) or \
            not quantities(sentence) else index.named(fold(parts[at + 1]), valid)
        named = named or restated
        from_title = not named
        if from_title and not context and at and (lead := _lead_in(parts, at)) and quantities(sentence):
            # a list item under a lead-in that names a fact only with it: "Legal minimums:" / "– Aged 21 and over:
            # £13.15/hr"
            queried = index.queried(lead + folded, valid)
            excluded = index.excluded(folded)
            context = {fid: pair for fid, pair in index.named(lead + folded, valid, queried).items()
                       if fid not in excluded}
            context_text = lead.rstrip()
        if from_title:  # a sentence with no keyword reads the one before (or the title), unless it excludes it
            if not (context or lends) or not quantities(sentence):
                continue
            if _OPTION.match(folded) and claim_context.is_question(context_text):
                continue  # a poll's options: "What is the full new State Pension?" / "A) £221.20" / "B) £230.25"
            excluded = index.excluded(folded) | index.excluded(context_text)  # "18-20 min wage" is no NLW
            # a query named a fact in the context only with the words there: it is tried again below, joined
            named = {fid: pair for fid, pair in context.items() if fid not in excluded and not index.is_query(pair[1])}
            # a query may need both: "Carer's Allowance" / "you can't earn more than £151 a week"
            touched = index.touched(folded, valid) - excluded
            queried = {fid: qs for fid, qs in index.queried(f"{context_text} {folded}", touched).items()} \
                if touched else {}
            named.update((fid, (index.by_id[fid], qs[0].text)) for fid, qs in queried.items() if fid not in named)
        else:
            context, context_text, lends = named, folded, False
        if not named:
            continue
        qs = quantities(sentence)
        # a quoted line ("> state pension is £300 a week now") or one the next refutes ("it's not, it's £230.25")
        if not qs or folded.startswith(">") or (
                at + 1 < len(parts) and claim_context.opens_refuting(fold(parts[at + 1]))):
            continue
        # a list item after a lead-in ending in a colon goes on with its sentence: "Pension Credit tops up your
        # weekly income to:" / "• £218.15 if you're single" is named there, a week, not merely by context
        lead = _lead_in(parts, at) if from_title else ""
        for q in [_period_before(folded, _pence_rate(folded, q, named), lead) for q in qs if q.start >= answer_from]:
            fitting = [(f, k) for f, k in named.values() if _fits(_in_period(q, f), f) and f.id not in found]
            if not fitting:
                continue
            why = claim_context.reason(folded, q.start, q.end)
            if why and not (why == "personal" and (restated or _general(folded, q, fitting))) and \
                    not (why in ("personal", "prediction") and _equated(folded, q, fitting)):
                continue
            chosen = _choose(folded, q, fitting, queried, whole=answer_from > 0,
                             unfit=[pair for pair in named.values() if pair not in fitting])
            if chosen is None:
                continue
            fact, keyword = chosen
            if q.bound in ("min", "max") and _EARN_LIMIT.search(folded, max(0, q.start - 40), q.start) and \
                    not _EARNINGS.search(fact.statement.lower()):
                continue  # "free school meals if you earn under £7,400 a year" is no Universal Credit amount
            q = _threshold(folded, _in_period(q, fact))
            if not _differs(q, fact) or _outside_years(folded, q, qs, fact) or _outside_month(folded, q, day, fact) or \
                    _states_right_value(folded, qs, fact, q):
                continue
            found[fact.id] = _fact_candidate(sentence, q, fact, keyword, from_title and not lead)
    return list(found.values())


def check_myths(text: str, config: Config) -> list[Candidate]:
    """Myth candidates (flags and suggestions) in ``text``, the best sentence per myth."""
    return _myth_candidates([sentences(text)], config)[0]


def _thresholds(config: Config) -> myths.Thresholds:
    s = config.settings
    return myths.Thresholds(s.myth_suggest_threshold, s.myth_flag_threshold, s.short_text_margin)


def _myth_candidates(texts: list[list[str]], config: Config) -> list[list[Candidate]]:
    flat = [(row, sentence) for row, parts in enumerate(texts) for sentence in parts]
    continues = [i > 0 and flat[i - 1][0] == row for i, (row, _) in enumerate(flat)]
    matches = myths.match([s for _, s in flat], config.myths, _thresholds(config), continues=continues) \
        if config.myths else {}
    out: list[dict[str, Candidate]] = [{} for _ in texts]
    for at, found in matches.items():
        row, sentence = flat[at]
        for m in found:
            best = out[row].get(m.myth.id)
            if best is None or m.similarity > best.confidence:
                out[row][m.myth.id] = Candidate(
                    m.myth.id, "myth", m.level, sentence, 0, len(sentence), sentence,
                    m.myth.rebuttal or m.myth.claim, None, None, None, None, None, m.similarity, m.wording,
                    m.myth.source_url, None, None)
    return [list(found.values()) for found in out]


def _gate_myths(body: str, config: Config) -> list[str]:
    folded = fold(body)
    return sentences(body) if myths.subjects(folded, config.myths) else []


def _explained(facts: list[Candidate], myth_found: list[Candidate], config: Config) -> list[Candidate]:
    """``facts`` less the numbers a myth flagged in the same sentence explains: "pension age is 70 as of next
    year" repeats the myth, whose rebuttal answers it; a second flag on the same words only adds noise."""
    if not facts or not myth_found:
        return facts
    claims_of = {m.id: m.claim for m in config.myths}
    said = {(c.sentence, value) for c in myth_found if c.level == "flag"
            for value in (q.value for q in quantities(claims_of.get(c.id, "")))}
    return [c for c in facts if (c.sentence, c.claimed_value) not in said]


def to_json(found: list[Candidate]) -> str:
    return json.dumps([_as_dict(c) for c in found], ensure_ascii=False) if found else ""


_FIELDS = tuple(f.name for f in dataclasses.fields(Candidate))


def _as_dict(candidate: Candidate) -> dict[str, object]:
    return {name: getattr(candidate, name) for name in _FIELDS}  # asdict() deep-copies: slow, and all are scalars


def detect(frame: pd.DataFrame, config: Config) -> tuple[pd.DataFrame, list[list[Candidate]]]:
    """Return ``frame`` with ``inaccuracy_ids``, ``inaccuracy_detail`` and ``inaccuracies`` (the evidence
    as JSON), plus each row's flagged candidates (suggestions are kept in ``inaccuracies`` only)."""
    bodies, days, titles = [], [], []
    for title, text, published in zip(frame["title"].fillna(""), frame["text"].fillna(""), frame["published_at"]):
        bodies.append(full_text(title, text))
        titles.append(title)
        days.append(published.date() if not pd.isna(published) else dt.date.today())
    _index(tuple(config.facts)).prime([fold(s) for body in bodies for s in sentences(body)] + [fold(t) for t in titles])
    fact_found = [check_facts(body, config.facts, day, title) for body, day, title in zip(bodies, days, titles)]
    myth_found = _myth_candidates([_gate_myths(body, config) for body in bodies], config)
    every = [_explained(f, m, config) + m for f, m in zip(fact_found, myth_found)]
    flagged = [[c for c in found if c.level == "flag"] for found in every]
    out = frame.copy()
    out["inaccuracy_ids"] = pd.Series([";".join(dict.fromkeys(c.id for c in cs)) for cs in flagged],
                                      index=frame.index, dtype="string")
    out["inaccuracy_detail"] = pd.Series([" | ".join(c.detail for c in cs) for cs in flagged],
                                         index=frame.index, dtype="string")
    out["inaccuracies"] = pd.Series([to_json(cs) for cs in every], index=frame.index, dtype="string")
    return out, flagged
