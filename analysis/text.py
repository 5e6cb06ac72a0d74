"""Text helpers shared by the analysis modules: folding for matching, and sentence splitting."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Hashable, Iterable
from functools import lru_cache
from typing import Any, TypeVar

import ahocorasick

T = TypeVar("T")

# not after "no." before a number ("Mr Patel at no. 14"), nor after a title ("Mr. Patel")
_SENTENCE_END = re.compile(r"(?<=[.!?])(?<!\b[Nn]o\.(?=\s\d))(?<!\b[Mm]r\.)(?<!\b[Mm]rs\.)(?<!\b[Mm]s\.)(?<!\b[Dd]r\.)"
                           r"[\"'”’)\]]*\s+|\n+")
_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_WORD = re.compile(r"[a-z0-9£%]+(?:['’][a-z]+)?")


def fold(text: str) -> str:
    """Lower-case, accents removed (café -> cafe), curly quotes made straight, an en dash a hyphen ("18–20"): the
    form matching uses."""
    if text.isascii():
        return text.lower()
    plain = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
    return plain.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"').replace("–", "-").lower()


def sentences(text: str) -> list[str]:
    """Split plain text into sentences on end punctuation and line breaks (good enough for posts)."""
    return list(_sentences(text))


@lru_cache(maxsize=4096)
def _sentences(text: str) -> tuple[str, ...]:
    """:func:`sentences`, kept for recent texts: the fact, myth and query checks each split the same post."""
    return tuple(s.strip() for s in _SENTENCE_END.split(text) if s and s.strip())


def clear_cache() -> None:
    """Forget the sentences of recent texts (for measuring cold runs)."""
    _sentences.cache_clear()


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text`` as :func:`sentences` splits it, surrounding spaces trimmed."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for gap in [*_SENTENCE_END.finditer(text), None]:
        end = gap.start() if gap is not None else len(text)
        piece = text[start:end]
        if piece.strip():
            left = start + len(piece) - len(piece.lstrip())
            bounds.append((left, left + len(piece.strip())))
        if gap is not None:
            start = gap.end()
    return bounds


def words(text: str) -> list[str]:
    """Folded word tokens."""
    return _WORD.findall(fold(text))


def full_text(title: str | None, text: str | None) -> str:
    """Title and body as one text, the title as its own first sentence unless the body repeats it."""
    title = (title or "").strip()
    body = (text or "").strip()
    if not title or body.startswith(title):
        return body or title
    return f"{title}\n{body}" if body else title


@lru_cache(maxsize=2048)
def phrases(texts: tuple[str, ...]) -> tuple[tuple[re.Pattern[str], str], ...]:
    """(word-boundary pattern, folded phrase) for each phrase: test the phrase as a substring first,
    which costs nanoseconds, and run the pattern only when it is there."""
    return tuple((re.compile(r"(?<!\w)" + re.escape(fold(t)) + r"(?!\w)"), fold(t)) for t in texts)


def names_any(folded: str, texts: tuple[str, ...]) -> bool:
    """True when ``folded`` holds one of ``texts`` as whole words."""
    return any(phrase in folded and pattern.search(folded) for pattern, phrase in phrases(texts))


class PhraseIndex:
    """Which of many keyed phrase lists a folded text names as whole words, in one pass.

    An Aho-Corasick automaton (pyahocorasick) finds every phrase at once, overlapping ones too ("winter
    fuel" inside "winter fuel payment"); a find counts when it is not part of a longer word. ``find``
    returns, for each key named, the longest of its phrases found."""

    def __init__(self, groups: Iterable[tuple[Hashable, Iterable[str]]]) -> None:
        owners: dict[str, list[Hashable]] = {}
        for key, texts in groups:
            for phrase in dict.fromkeys(map(fold, texts)):
                if phrase:
                    owners.setdefault(phrase, []).append(key)
        self._automaton = ahocorasick.Automaton()
        for phrase, keys in owners.items():
            self._automaton.add_word(phrase, (len(phrase), phrase, tuple(keys)))
        if owners:
            self._automaton.make_automaton()

    def find(self, folded: str) -> dict[Hashable, str]:
        found: dict[Hashable, str] = {}
        if self._automaton.kind != ahocorasick.AHOCORASICK:
            return found
        last = len(folded) - 1
        for end, (size, phrase, keys) in self._automaton.iter(folded):
            start = end - size + 1
            if (start and _word_char(folded[start - 1])) or (end < last and _word_char(folded[end + 1])):
                continue  # inside a longer word: "vat" in "private"
            for key in keys:
                if size > len(found.get(key, "")):
                    found[key] = phrase
        return found


def _word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def per_object(build: Callable[[Any], T]) -> Callable[[Any], T]:
    """Cache ``build(obj)`` per object identity: for what is built from a loaded register (a tuple of
    facts or myths, loaded once and reused), without hashing every entry of it on each call."""
    built: dict[int, tuple[Any, T]] = {}

    def cached(obj: Any) -> T:
        hit = built.get(id(obj))
        if hit is not None and hit[0] is obj:
            return hit[1]
        if len(built) >= 16:
            built.clear()
        value = build(obj)
        built[id(obj)] = (obj, value)  # holds ``obj``, so its id is not reused while the entry lives
        return value

    return cached
