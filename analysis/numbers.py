"""Read the quantities people write: money, percentages, counts, ages, durations, years and multipliers.

:func:`quantities` returns every :class:`Quantity` in a sentence, in order, with its span, so a claim
can be shown with the words that made it. Shapes posts use: ``£11.44``, ``£2.5bn``, ``2.5 billion
pounds``, ``£12.5k``, ``12.5 grand``, ``50p``, ``20%``, ``20 per cent``, ``twenty percent``, ``a third``,
``3k``, ``a million``, ``double``, ``aged 66``, ``6 weeks``, ``£230.25 a week``, ``£11.44/hr``,
``£400 pcm``. A hedge before a number ("about", "over", "up to") is kept as its ``bound``.

Written numbers ("twenty-five", "one hundred and twenty") are converted by ``text2num``. The day
of a date, times of day, ordinals and names such as "COVID-19" are recognised and skipped, so they
never pass for a claim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick
from text_to_num import text2num

_SCALE = {"k": 1e3, "thousand": 1e3, "grand": 1e3, "m": 1e6, "mn": 1e6, "million": 1e6, "bn": 1e9, "b": 1e9,
          "billion": 1e9, "hundred": 1e2, "dozen": 12}
_PERIODS = {
    "hour": "hour", "hr": "hour", "hourly": "hour", "ph": "hour", "p/h": "hour",
    "day": "day", "daily": "day",
    "week": "week", "wk": "week", "weekly": "week", "pw": "week", "p/w": "week", "fortnight": None,
    "month": "month", "mth": "month", "monthly": "month", "pcm": "month", "pm": "month",
    "year": "year", "yr": "year", "annum": "year", "annually": "year", "yearly": "year", "pa": "year",
}
_DURATIONS = {"year": "years", "yr": "years", "month": "months", "mth": "months", "week": "weeks", "wk": "weeks",
              "day": "days", "hour": "hours", "hr": "hours"}
_FRACTIONS = {"half": 50.0, "halves": 50.0, "third": 100 / 3, "thirds": 100 / 3, "quarter": 25.0, "quarters": 25.0,
              "fifth": 20.0, "fifths": 20.0, "tenth": 10.0, "tenths": 10.0}
_SMALL = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "nine": 9}
_TIMES = {"double": 2, "doubled": 2, "doubling": 2, "twice": 2, "triple": 3, "tripled": 3, "treble": 3,
          "trebled": 3, "quadruple": 4, "quadrupled": 4}

_UNIT_WORDS = ("zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
               "sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety")
_WORD = rf"(?:{_UNIT_WORDS}|hundred|thousand|million|billion)"
# a run of number words ("twenty-five", "one hundred and twenty"); "a hundred", "a million", "a dozen"
_WORDS = rf"(?:{_WORD}(?:(?:[\s-]|\sand\s){_WORD})*|an?\s(?:hundred|thousand|million|billion|dozen)|dozen)"
# money written the continental way: "118,75 pound" (a decimal comma: a thousands group has three digits), "10.000
# pounds" (a thousands point: pence have two)
_CONTINENTAL = (r"(?<![\d.,])(?:\d+,\d\d|\d{1,3}(?:\.\d{3})+)(?=\s?(?:pounds?|quid|gbp|euros?)\b)|"
                r"(?<=£)\d+,\d\d(?![\d,])")
_THOUSANDS_POINT = re.compile(r"\d{1,3}(?:\.\d{3})+")
_DIGITS = rf"(?:(?<![\w.,\-−])[\-−](?=\.?\d))?(?:{_CONTINENTAL}|\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
_NUM = rf"(?P<num>{_DIGITS}|\b{_WORDS}\b)"
# "eleven and a half grand", "2 and a half million": the half counts only before a scale
_SCALE_RE = (r"(?:(?P<half>\sand\sa\shalf)(?=\s?(?:k|m|mn|bn|b|thousand|million|billion|grand)\b))?"
             r"(?:\s?(?P<scale>k|m|mn|bn|b|thousand|million|billion|grand)\b)?")
_MONTHS = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|" \
          r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b"
_PERIOD_RE = (r"(?:\s?(?:(?:a|an|per|each|every|/|a\s?)\s?)?(?P<per>hour|hr|hourly|day|daily|week|wk|weekly|month|"
              r"mth|monthly|year|yr|annum|annually|yearly)s?\b|\s?(?P<abbr>p/h|p/w|ph|pw|pcm|pm|pa)\b)?")
_AFTER = r"(?![\w%£])"

_MONTH_NEEDLES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_FRACTION_NEEDLES = ("half", "halves", "third", "quarter", "fifth", "tenth")
_AGE_NEEDLES = ("age",)  # "age of 66", "aged 66" (and "age 66")
_OLD_NEEDLES = ("year", "yr")  # "66 years old", "18-year-olds"
# "3x", "3 x", "three x" (a bare "x" is in "tax" and "next")
_X_NEEDLES = ("times", *(f"{d}{gap}x" for d in "0123456789" for gap in ("", " ")),
              *(f"{w} x" for w in (*_UNIT_WORDS.split("|"), "hundred", "thousand", "million", "billion", "dozen")))

#: (unit, pattern, needles); earlier patterns claim their span first; unit None marks text that is not a
#: quantity. A pattern is tried only on a sentence holding one of its needles (lower case; none: always).
_SPECS: tuple[tuple[str | None, str, tuple[str, ...]], ...] = (
    (None, rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s(?:of\s)?{_MONTHS}", _MONTH_NEEDLES),
    (None, rf"\b{_MONTHS}\s\d{{1,2}}(?:st|nd|rd|th)?\b(?!,\d)", _MONTH_NEEDLES),
    (None, r"(?<![\d.,£])\b\d{1,2}(?::\d\d)?\s?(?:am|pm)\b|\b\d{1,2}:\d\d\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b24/7\b",
     ("am", "pm", ":", "/")),
    (None, r"\b\d+(?:st|nd|rd|th)\b|[a-z]-\d+\b", ()),
    # "65p in the pound", "63p off for every extra pound": pence per pound is a percentage
    ("percent", r"(?P<num>\d+(?:\.\d+)?)p\s(?:off\s(?:(?:in|of|on|from|for)\s)?|(?:in|of|out of|on|from|for)\s)"
                r"(?:the|every|each|a)\s"
                r"(?:\w+\s)?(?:pound|£\s?1|quid)\b", ("p in", "p of", "p on", "p from", "p out", "p off", "p for")),
    ("GBP", rf"£\s?{_NUM}{_SCALE_RE}{_PERIOD_RE}", ("£",)),
    ("GBP", rf"\bGBP\s?{_NUM}{_SCALE_RE}{_PERIOD_RE}", ("gbp",)),
    ("GBP", rf"{_NUM}{_SCALE_RE}\s?(?:pounds?|quid|gbp)\b{_PERIOD_RE}", ("pound", "quid", "gbp")),
    ("pence", rf"(?<![\d.,£])(?P<num>\d+)p\b(?!/){_PERIOD_RE}", ()),
    ("percent", rf"{_NUM}\s?(?:%|per\s?cent\b|pc\b|percentage points?\b)", ("%", "cent", "pc", "point")),
    ("slang", rf"\b(?:an?\s)?(?P<word>tenner|fiver){_PERIOD_RE}", ("tenner", "fiver")),
    # "a ton a week" is £100; not "a ton of forms"
    ("slang", r"\b(?:an?\s)?(?P<word>ton)(?=\s(?:a|an|per|each|every)\s(?:week|wk|month|day)\b)" + _PERIOD_RE,
     ("ton",)),
    # "eleven and a half grand" before "a half" is read as a fraction
    ("number", rf"(?<![£\d.,]){_NUM}(?P<half>\sand\sa\shalf)\s?(?P<scale>k|m|mn|bn|b|thousand|million|billion|"
               rf"grand)\b{_PERIOD_RE}{_AFTER}", ("and a half",)),
    ("percent", r"\b(?:(?P<count>an?|one|two|three|four|nine)[\s-])?(?P<frac>half|halves|thirds?|quarters?|"
                r"fifths?|tenths?)\b(?=\s(?:of|the|off|as)\b)", _FRACTION_NEEDLES),
    ("percent", r"\b(?P<count>an?|one|two|three|four|nine)[\s-](?P<frac>half|thirds?|quarters?|fifths?|tenths?)\b",
     _FRACTION_NEEDLES),
    ("times", r"\b(?P<word>double[ds]?|doubling|twice|triple[ds]?|treble[ds]?|quadruple[ds]?)\b",
     ("doubl", "twice", "tripl", "trebl", "quadrupl")),
    ("times", rf"{_NUM}\s?(?:times\b|x\b)", _X_NEEDLES),
    ("years", rf"(?<=\bage\sof\s){_NUM}\b", _AGE_NEEDLES),
    ("years", rf"(?<=\bage\s){_NUM}\b", _AGE_NEEDLES),
    ("years", rf"(?<=\baged\s){_NUM}\b", _AGE_NEEDLES),
    ("years", rf"{_NUM}(?:\s|-)?(?:years?|yrs?)(?:\s|-)old\b", _OLD_NEEDLES),
    ("years", rf"{_NUM}-year-olds?\b", _OLD_NEEDLES),
    ("duration", rf"{_NUM}(?:\s|-)(?P<dur>years?|yrs?|months?|mths?|weeks?|wks?|days?|hours?|hrs?)\b{_PERIOD_RE}",
     ("year", "yr", "month", "mth", "week", "wk", "day", "hour", "hr")),
    ("year", r"(?<![£\d.,])\b(?P<num>(?:19|20)\d\d)(?:(?:/|-)(?:\d\d|(?:19|20)\d\d))?\b(?![,.]?\d|%)", ()),
    ("number", rf"(?<![£\d.,]){_NUM}{_SCALE_RE}{_PERIOD_RE}{_AFTER}", ()),
)
_PATTERNS: list[tuple[str | None, re.Pattern[str], frozenset[str]]] = [
    (unit, re.compile(pattern, re.I), frozenset(needles)) for unit, pattern, needles in _SPECS]
_NEEDLES = ahocorasick.Automaton()
for _needle in {needle for _, _, needles in _SPECS for needle in needles}:
    _NEEDLES.add_word(_needle, _needle)
_NEEDLES.make_automaton()
# the same for a sentence with no number word (most): digits only, several times faster than trying the words at
# every position
_DIGIT_PATTERNS: list[tuple[str | None, re.Pattern[str], frozenset[str]]] = [
    (unit, re.compile(pattern.replace(_NUM, rf"(?P<num>{_DIGITS})"), re.I), frozenset(needles))
    for unit, pattern, needles in _SPECS]
_BOUNDS = (
    ("approx", re.compile(r"(?:\b(?:about|around|roughly|approximately|approx\.?|circa|c\.|nearly|almost|some|like|"
                          r"only about|just about|summat like|something like|ish|"
                          r"give or take|round about|in the region of)|~)\s*$", re.I)),
    ("max", re.compile(r"\b(?:under|less than|up to|below|just under|no more than|at most|a maximum of)\s*$",
                       re.I)),
    ("min", re.compile(r"\b(?:over|more than|at least|above|just over|upwards of|in excess of|north of)\s*$", re.I)),
)
# "tops you up to £X", "went up to £X", "brings your weekly income up to £X" state the value itself, not a ceiling
_TOPS_UP = re.compile(r"\b(?:top(?:s|ped|ping)?|brings?|bringing|brought|takes?|went|goes|gone|going|go|rose|rises|"
                      r"risen|rising|put|puts|increased|increases|raised|jumped|shot|moved|moves)\s(?:\S+\s){0,4}"
                      r"up to\s*$", re.I)


@dataclass(frozen=True)
class Quantity:
    """A number as written: value in base units, unit, optional period, span in the sentence, hedge."""

    value: float
    unit: str                 # GBP | percent | number | year | years | months | weeks | days | hours | times
    per: str | None
    start: int
    end: int
    text: str
    hedged: bool
    bound: str | None = None  # approx | min | max (None: stated exactly)


def number_value(text: str) -> float | None:
    """The value of digits ("3,000", "2.5") or number words ("twenty-five", "a million"); None if neither."""
    text = text.strip().lower()
    if re.fullmatch(r"\d+,\d\d", text):  # a decimal comma: "118,75"
        return float(text.replace(",", "."))
    try:
        return float(text.replace(",", "").replace("−", "-"))
    except ValueError:
        pass
    words = re.sub(r"^an?\s", "one ", text).replace("-", " ")
    if words in ("dozen", "one dozen"):
        return 12.0
    try:
        return float(text2num(words, "en"))
    except ValueError:
        return None


def _period(match: re.Match[str]) -> str | None:
    groups = match.groupdict()
    word = (groups.get("per") or groups.get("abbr") or "").lower()
    return _PERIODS.get(word)


def _read(unit: str, match: re.Match[str]) -> tuple[float, str] | None:
    """(value, unit) for one match of a pattern of ``unit``."""
    g = match.groupdict()
    if unit == "percent" and (g.get("frac") or g.get("frac2")):
        count = (g.get("count") or g.get("count2") or "a").lower()
        return _SMALL.get(count, 1) * _FRACTIONS[(g.get("frac") or g.get("frac2") or "").lower()], unit
    if unit == "times" and g.get("word"):
        word = g["word"].lower()
        return float(_TIMES.get(word, _TIMES.get(word.rstrip("s"), 2))), unit
    if unit == "slang":
        return {"tenner": 10.0, "fiver": 5.0, "ton": 100.0}[g["word"].lower()], "GBP"
    value = number_value(g["num"])
    if value is None:
        return None
    if unit == "GBP" and _THOUSANDS_POINT.fullmatch(g["num"]) and not match.group(0).startswith("£"):
        value = float(g["num"].replace(".", ""))  # "10.000 pounds": a thousands point (pence have two digits)
    scale = (g.get("scale") or "").lower()
    value = (value + 0.5 if g.get("half") else value) * _SCALE.get(scale, 1.0)
    if unit == "number" and scale == "grand":
        return value, "GBP"  # "12.5 grand" is money
    if unit == "pence":
        return value / 100, "GBP"
    if unit == "duration":
        return value, _DURATIONS[g["dur"].lower().rstrip("s")]
    return value, unit


def _bound(before: str) -> str | None:
    if _TOPS_UP.search(before):
        return None
    return next((name for name, pattern in _BOUNDS if pattern.search(before)), None)


# the words a quantity without digits starts from; a set lookup per word is several times faster than one regex of
# alternatives tried at every position
_NUMBER_WORDS = frozenset(
    f"{_UNIT_WORDS.replace('|', ' ')} hundred thousand million billion dozen half halves third thirds quarter quarters "
    "fifth fifths tenth tenths double doubled doubles doubling twice triple tripled triples treble trebled trebles "
    "quadruple quadrupled quadruples tenner fiver ton".split())
_NOT_LETTERS = re.compile(r"[^a-z]+")
_LEAD_MAX = 12  # the most a digits-only quantity holds before its first digit: "september 12" has 10
_DIGIT = re.compile(r"\d")


def may_hold_number(text: str) -> bool:
    """False for text with no digit and no number word: it holds no quantity (a cheap first look)."""
    return _DIGIT.search(text) is not None or not _NUMBER_WORDS.isdisjoint(_NOT_LETTERS.split(text.lower()))


def quantities(sentence: str) -> list[Quantity]:
    """Every quantity in ``sentence``, in order of position."""
    return list(_read_all(sentence))


@lru_cache(maxsize=16384)
def _read_all(sentence: str) -> tuple[Quantity, ...]:
    """The quantities of a sentence, kept for recent sentences: the fact and myth checks both read them,
    and syndicated copies and re-analysis repeat them."""
    lowered = sentence.lower()
    worded = not _NUMBER_WORDS.isdisjoint(_NOT_LETTERS.split(lowered))
    if not worded and not _DIGIT.search(sentence):
        return ()  # most sentences: nothing to read
    found: list[Quantity] = []
    taken: list[tuple[int, int]] = []
    # without number words every quantity holds a digit and starts at most a few characters before its first one
    # ("september 12", "GBP 5", "age of 66"): the scan starts there, not at the sentence's start
    first = 0 if worded else max(0, _DIGIT.search(sentence).start() - _LEAD_MAX)  # type: ignore[union-attr]
    present = frozenset(needle for _, needle in _NEEDLES.iter(lowered))  # the patterns' needles, in one pass
    for unit, pattern, needles in _PATTERNS if worded else _DIGIT_PATTERNS:
        if needles and present.isdisjoint(needles):
            continue
        for m in pattern.finditer(sentence, first):
            start, end = m.start(), len(m.group(0).rstrip()) + m.start()
            if end <= start or any(start < b and a < end for a, b in taken):
                continue
            taken.append((start, end))
            read = _read(unit, m) if unit else None
            if read is None:
                continue
            value, kind = read
            bound = _bound(sentence[max(0, start - 48):start])  # room for "tops a couple's joint income up to"
            per = _period(m)
            found.append(Quantity(value, kind, per, start, end, sentence[start:end], bound is not None, bound))
    return tuple(sorted(found, key=lambda q: q.start))


def clear_cache() -> None:
    """Forget the quantities of recent sentences."""
    _read_all.cache_clear()
