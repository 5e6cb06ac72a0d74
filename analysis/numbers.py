"""Read the quantities people write: money, percentages, ages and counts, with the period they are per.

:func:`quantities` returns every :class:`Quantity` in a sentence, with its span, so that a claim
can be shown with the words that made it. Written for the shapes posts use: ``£11.44``,
``£2.5bn``, ``£12.5k``, ``11.44 pounds``, ``20%``, ``20 per cent``, ``66``, ``£230.25 a week``,
``£11.44/hr``, ``400 quid a month``. Hedges ("about", "nearly", "over") are noted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SCALE = {"k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "million": 1e6, "bn": 1e9, "b": 1e9, "billion": 1e9}
_PERIOD_WORDS = {
    "hour": "hour", "hr": "hour", "hourly": "hour", "h": "hour",
    "day": "day", "daily": "day",
    "week": "week", "wk": "week", "weekly": "week", "pw": "week",
    "month": "month", "mth": "month", "monthly": "month", "pcm": "month",
    "year": "year", "yr": "year", "annum": "year", "annually": "year", "yearly": "year", "pa": "year",
}
_NUMBER = r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_SCALE_RE = r"(?:\s?(k|m|mn|bn|b|thousand|million|billion)\b)?"
_MONEY = re.compile(r"£\s?" + _NUMBER + _SCALE_RE + r"|" + _NUMBER + _SCALE_RE + r"\s?(?:pounds|quid|gbp)\b", re.I)
_PERCENT = re.compile(_NUMBER + r"\s?(?:%|per ?cent\b|pc\b)", re.I)
_BARE = re.compile(r"(?<![£\d.,])" + _NUMBER + r"(?![\d,]|\.\d|\s?(?:%|per ?cent|pounds|quid|k\b|m\b|bn\b))", re.I)
_PERIOD = re.compile(
    r"^\s*(?:(?:a|an|per|each|every|/|p/?)\s?)?(hour|hr|hourly|day|daily|week|wk|weekly|pw|month|mth|monthly|pcm|"
    r"year|yr|annum|annually|yearly|pa)\b", re.I)
_HEDGE = re.compile(r"\b(?:about|around|nearly|almost|roughly|approximately|approx|over|under|more than|less than|"
                    r"up to|at least|just over|just under|some|circa|c\.)\s*$|~\s*$", re.I)


_TOPS_UP = re.compile(r"\btop(?:s|ped|ping)?\s(?:\w+\s)?up to\s*$", re.I)  # "tops you up to £X" is exact


@dataclass(frozen=True)
class Quantity:
    """A number as written: value in base units, unit, optional period, span in the sentence."""

    value: float
    unit: str                 # GBP | percent | number
    per: str | None
    start: int
    end: int
    text: str
    hedged: bool


def _value(number: str, scale: str | None) -> float:
    return float(number.replace(",", "")) * _SCALE.get((scale or "").lower(), 1.0)


def _period(sentence: str, end: int) -> tuple[str | None, int]:
    found = _PERIOD.match(sentence[end:end + 14])
    if not found:
        return None, end
    return _PERIOD_WORDS[found.group(1).lower()], end + found.end()


def quantities(sentence: str) -> list[Quantity]:
    """Every money amount, percentage and bare number in ``sentence``, in order."""
    found: list[Quantity] = []
    taken: list[tuple[int, int]] = []
    for pattern, unit in ((_MONEY, "GBP"), (_PERCENT, "percent"), (_BARE, "number")):
        for m in pattern.finditer(sentence):
            if any(m.start() < b and a < m.end() for a, b in taken):
                continue
            groups = m.groups()
            number = (groups[0] or groups[2]) if unit == "GBP" else groups[0]
            scale = (groups[1] or groups[3]) if unit == "GBP" else (groups[1] if len(groups) > 1 else None)
            per, end = _period(sentence, m.end())
            before = sentence[max(0, m.start() - 24):m.start()]
            hedged = bool(_HEDGE.search(before)) and not _TOPS_UP.search(before)
            found.append(Quantity(_value(number, scale), unit, per, m.start(), end, sentence[m.start():end], hedged))
            taken.append((m.start(), m.end()))
    return sorted(found, key=lambda q: q.start)
