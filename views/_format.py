"""Showing feed content safely: it is somebody else's text, so it is never rendered as HTML and
markdown characters in it are escaped; links are only made for http(s) addresses."""

from __future__ import annotations

import re

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~<$:])")
# The markdown renderer turns bare web and email addresses into links even when escaped; a word joiner
# (U+2060, invisible) after "www", "@" and "://" breaks the pattern, so the only links on a page are the
# item's own http(s) address (:func:`link`), never one a feed author planted in the text.
_AUTOLINK = re.compile(r"(?i)(www)(?=\.)|(@)|(:)(?=//)")
WORD_JOINER = "\u2060"


def escape_md(text: str | None) -> str:
    """Text safe to embed in st.markdown: markdown syntax characters are backslash-escaped and addresses in
    the text are not turned into links."""
    unlinked = _AUTOLINK.sub(lambda m: m.group(0) + WORD_JOINER, (text or "").replace("\n", " "))
    return _MD_SPECIAL.sub(r"\\\1", unlinked)


def link(title: str | None, url: str | None) -> str:
    """A markdown link to ``url`` when it is http(s), else just the escaped title."""
    label = escape_md(title) or "(untitled)"
    if url and url.lower().startswith(("http://", "https://")):
        return f"[{label}](<{url.replace('>', '%3E').replace(' ', '%20')}>)"
    return label


def when(value: object) -> str:
    try:
        return f"{value:%d %b %Y %H:%M} UTC"  # type: ignore[str-format]
    except (TypeError, ValueError):
        return ""


def highlight(text: str | None, spans: list[tuple[int, int]], limit: int = 600) -> str:
    """Markdown of ``text`` (first ``limit`` characters) with the ``spans`` (start, end) highlighted.

    Every piece is escaped, the matches included: the highlight is markdown, never HTML."""
    text = text or ""
    shown = text[:limit]
    out: list[str] = []
    at = 0
    for start, end in sorted(spans):
        start, end = max(start, at), min(end, len(shown))
        if start >= end:
            continue
        out.append(escape_md(shown[at:start]))
        out.append(f":orange-background[**{escape_md(shown[start:end])}**]")
        at = end
    out.append(escape_md(shown[at:]))
    return "".join(out) + ("…" if len(text) > limit else "")
