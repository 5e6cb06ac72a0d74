"""HTML to plain text for mention titles and bodies (feeds carry sanitised HTML; analysis wants words)."""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser

_BLOCK_END = re.compile(r"(<br\s*/?>|</(?:p|div|li|h[1-6]|blockquote|tr|pre|section|article)\s*>)", re.I)
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_BLANK_LINES = re.compile(r"\s*\n\s*")


def to_text(html: str | None) -> str:
    """Plain text of an HTML fragment: tags and scripts removed, entities decoded, whitespace tidied.

    Block boundaries become newlines so that sentences in separate paragraphs stay separate.
    """
    if not html:
        return ""
    if "<" in html or "&" in html:
        tree = LexborHTMLParser(_BLOCK_END.sub(r"\1\n", html))
        for node in tree.css("script, style, noscript, template"):
            node.decompose()
        html = tree.text(separator="", strip=False)
    lines = _BLANK_LINES.sub("\n", _SPACES.sub(" ", html)).strip()
    return lines
