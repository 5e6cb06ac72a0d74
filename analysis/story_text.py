"""Text normalisation for story grouping: what two mentions are compared on.

Owns the cleaning of a mention's title and text for matching (feed boilerplate, links, case, accents),
its word tokens, the word shingles that near-duplicate detection hashes, and the content terms (stop
words out, light stemming, numbers in one spelling) that the TF-IDF similarity weighs. Pure functions
of strings; :mod:`analysis.stories` uses them.

The boilerplate patterns come from real feeds (WordPress, Medium, Reddit, the Guardian, Slashdot,
MacRumors, podcast hosts): text a publisher appends to every item says nothing about the story, and
left in it makes unrelated items of one source look alike.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from functools import lru_cache
from typing import NamedTuple

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

SHINGLE_WORDS = 3
CACHE_SIZE = 60_000  # prepared texts kept: a busy window and a run (about 1 kB each, besides the texts)

_BOILERPLATE = re.compile("|".join((
    r"\bthe post\b.{0,300}?\bappeared first on\b[^\n]*",  # WordPress
    r"^[^\n]{0,300}?\b(?:first appeared on|was originally published (?:in|on))\b[^\n]*",  # MacRumors, Medium
    r"\bsubmitted\s*by.{0,200}?\[link\]\s*\[[^\]\n]{0,20}comments?\]",  # Reddit RSS, spaced or squashed
    r"\bsubmitted\s+by\s+/?u/\S+(?:\s+to\s+/?r/\S+)?",
    r"\[link\]|\[\d*\s*comments?\]|\[read more\]|\[(?:\.\.\.|…)\]",
    r"^\s*(?:continue reading|read more|read full (?:article|story)|discuss this article|this story continues at"
    r"|or just read more coverage about|read more of this story at)\b[^\n]*$",
    r"^\s*(?:comments|\d+ points?, \d+ comments?)\s*$",  # Hacker News and comment-link lines
    r"\bhosted on acast\. see acast\.com/privacy for more information\.",
    r"\bcontinue reading(?:\.\.\.|…)",
    r"(?:https?://|www\.)\S+",
)), re.IGNORECASE | re.MULTILINE | re.DOTALL)
_TRIGGERS = ("appeared", "originally published", "submitted", "[", "continue", "read more", "read full", "discuss",
             "story continues", "comments", "acast", "http", "www.")
#: Names written out or abbreviated in this domain, made one token so that both spellings meet.
_ALIASES = {
    "pip": r"personal independence payments?",
    "uc": r"universal credits?",
    "dwp": r"(?:the )?department (?:for|of) work and pensions",
    "nlw": r"national (?:living|minimum) wage|minimum wage",
    "wca": r"work capability assessments?",
    "lcwra": r"limited capability for work(?: and|-| )work[- ]related activity",
    "jobcentre": r"job ?centres?(?: plus)?",
    "hmrc": r"hm revenue (?:and|&) customs",
    "cpag": r"child poverty action group",
    "dpac": r"disabled people against cuts",
    "lpc": r"low pay commission",
}
_ALIAS = re.compile("|".join(rf"\b(?P<{name}>{pattern})\b" for name, pattern in _ALIASES.items()))
_NUMBER_WORDS = {w: str(n) for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}
_NUMBER_WORD = re.compile(r"\b(?:" + "|".join(_NUMBER_WORDS) + r")\b(?=[\s-]+(?:\d|[a-z]))")
_COMBINING = re.compile(r"[\u0300-\u036f]")
# a number keeps its decimals and thousands separators; a scale word or suffix after it is folded in
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*(?:\s?(?:bn|billion|m|million|k|thousand)\b)?|[a-z]+(?:'[a-z]+)?")
_RECENT_YEAR = re.compile(r"(?:199\d|20[0-3]\d)")
_MONTHS = {m[:3]: m for m in
           "january february march april may june july august september october november december".split()}
_MONTHS.update({m: m for m in _MONTHS.values()} | {"sept": "september"})
# a time of day (14:12:41 +0000) pins no story down
_CLOCK = re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:\s*[+-]\d{2}:?\d{2}\b)?")
_SCALE = {"bn": 1e9, "billion": 1e9, "m": 1e6, "million": 1e6, "k": 1e3, "thousand": 1e3}
_NUMBER = re.compile(r"(\d+(?:[.,]\d+)*)\s?([a-z]*)")

#: Words that carry no story: English function words, contractions, reporting verbs and feed words.
STOP_WORDS = frozenset(ENGLISH_STOP_WORDS) | frozenset("""
    s t don doesn didn isn wasn aren weren can't won't don't doesn't didn't isn't it's i'm i've i'd you're you'll
    we're we've they're that's there's what's let's he's she's re said says say told tell just like got get gets
    getting really new today yesterday week weeks year years month months day days people mr mrs ms dr per cent
    percent pm am via news update live video watch read post posted comments link amp know anyone does did
    """.split())


def clean(title: str | None, text: str | None = None) -> str:
    """Title and text as one lower-cased string without feed boilerplate, links or accents; names in one spelling."""
    joined = "\n".join(p for p in (title, text) if isinstance(p, str) and p.strip()).lower()
    if any(trigger in joined for trigger in _TRIGGERS):
        joined = _BOILERPLATE.sub(" ", joined)  # most texts hold none: the substring tests cost far less
    if not joined.isascii():
        joined = _COMBINING.sub("", unicodedata.normalize("NFKD", joined)).replace("’", "'").replace("‘", "'")
    joined = _ALIAS.sub(lambda found: found.lastgroup or "", _CLOCK.sub(" ", joined))
    return _NUMBER_WORD.sub(lambda found: _NUMBER_WORDS[found.group(0)], joined)


class Prepared(NamedTuple):
    """A mention's text as story grouping compares it."""

    words: tuple[str, ...]  # word tokens of title and text
    terms: tuple[str, ...]  # their content terms
    headline: tuple[str, ...]  # the title's content terms
    figures: frozenset[str]  # the particular numbers it states (see :func:`figures`)


@lru_cache(maxsize=CACHE_SIZE)
def prepare(title: str | None, text: str | None) -> Prepared:
    """The words, terms and figures of a title and text; cached, as every collection run meets the mentions
    of the last window again."""
    title_words = tokens(clean(title)) if title else []
    words = title_words + (tokens(clean(text)) if text else [])
    return Prepared(tuple(words), tuple(terms(words)), tuple(terms(title_words)), figures(words))


def figures(words: list[str] | tuple[str, ...]) -> frozenset[str]:
    """The figures that pin a story down: numbers of 10 or more or with decimals (£241.30, 4.8%, 75,000,
    1972, but not recent years, which every item of the season states) and dates ("2 april")."""
    out = set()
    for word, after in zip(words, [*words[1:], ""]):
        if not word[0].isdigit():
            continue
        if after in _MONTHS and len(word) <= 2:
            out.add(f"{int(word)} {_MONTHS[after]}")
        elif (len(word) > 1 or "." in word) and not _RECENT_YEAR.fullmatch(word):
            out.add(word)
    return frozenset(out)


def disagree(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two texts' figures show two cases of one template: they share no figure, or both state
    numbers and share none of them, or both state dates and share none. A bare number meets a date of
    that day ("paid on the 24th", "24 December"); a text without figures disagrees with nothing."""
    if not a or not b:
        return False
    dates_a, dates_b = {f for f in a if " " in f}, {f for f in b if " " in f}
    numbers_a = a - dates_a | {d.split()[0] for d in dates_a}  # a date's day meets a bare number
    numbers_b = b - dates_b | {d.split()[0] for d in dates_b}
    if numbers_a.isdisjoint(numbers_b) and dates_a.isdisjoint(dates_b):
        return True
    plain_a, plain_b = a - dates_a, b - dates_b
    return bool(plain_a and plain_b and plain_a.isdisjoint(numbers_b) and plain_b.isdisjoint(numbers_a)
                or dates_a and dates_b and dates_a.isdisjoint(dates_b))


def tokens(cleaned: str) -> list[str]:
    """Word tokens of a cleaned text; numbers in one spelling (£4,300 -> 4300, 1.4m -> 1400000)."""
    # interned: a cached text then holds references to one copy of each word, not its own strings
    return [sys.intern(_number(t) if t[0].isdigit() else t) for t in _TOKEN.findall(cleaned)]


def shingles(words: list[str], size: int = SHINGLE_WORDS) -> list[str]:
    """Distinct word n-grams, in first-seen order (a text shorter than ``size`` is one shingle)."""
    if len(words) < size:
        return [" ".join(words)] if words else []
    return list(dict.fromkeys(" ".join(words[i:i + size]) for i in range(len(words) - size + 1)))


def terms(words: list[str]) -> list[str]:
    """Content terms: stop words and one-letter words dropped, words lightly stemmed, numbers kept."""
    return [term for term in map(_term, words) if term]


@lru_cache(maxsize=CACHE_SIZE)
def _term(word: str) -> str:
    if word[0].isdigit():
        return word
    return "" if len(word) < 2 or word in STOP_WORDS else stem(word.removesuffix("'s"))


def stem(word: str) -> str:
    """A light suffix stripper: payments/payment, rises/rising/rise, claimed/claim meet (not a linguist's stem)."""
    if len(word) <= 3:
        return word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("sses"):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz":
                word = word[:-1]  # planning -> plann -> plan
            break
    return word[:-1] if word.endswith("e") and len(word) > 3 else word


def _number(token: str) -> str:
    found = _NUMBER.fullmatch(token)
    if found is None:
        return token
    digits, scale = found.group(1), found.group(2)
    if "," in digits and re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", digits):
        digits = digits.replace(",", "")
    if scale in _SCALE:
        try:
            return f"{float(digits) * _SCALE[scale]:.0f}"
        except ValueError:
            return digits
    return digits
