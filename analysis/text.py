"""Text helpers shared by the analysis modules: folding for matching, and sentence splitting."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+|\n+")
_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_WORD = re.compile(r"[a-z0-9£%]+(?:['’][a-z]+)?")


def fold(text: str) -> str:
    """Lower-case, accents removed (café -> cafe), curly quotes made straight: the form matching uses."""
    if text.isascii():
        return text.lower()
    plain = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
    return plain.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"').lower()


def sentences(text: str) -> list[str]:
    """Split plain text into sentences on end punctuation and line breaks (good enough for posts)."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s and s.strip()]


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
