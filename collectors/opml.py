"""OPML 1.0/2.0 subscription lists <-> configured sources.

:func:`parse_opml` turns a feed reader's export into :class:`config.Source` entries: every outline
with an ``xmlUrl``, however deeply nested, named by its ``title`` (else ``text``, else its address).
Its channel is the nearest enclosing outline named like a channel ("News", "blog"), else the
outline's OPML 2.0 ``category``, else the caller's default. :func:`to_opml` writes web sources back
as OPML 2.0, grouped in one outline per channel so that a re-import keeps the channels; ``type`` is
``rss`` for feeds and the kind for the rest (``discourse``, ``reddit``, ``mastodon``), which feed
readers ignore and a re-import restores. File sources have no address to share and are skipped.

The XML parser refuses any DOCTYPE: OPML never needs one, and entity declarations are how
"billion laughs" and external-entity attacks get in.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from email.utils import format_datetime
from pathlib import Path
from urllib.parse import urlsplit

import defusedxml
import defusedxml.ElementTree as SafeET

from config import Source
from config.loader import SOURCE_KINDS
from mention import CHANNELS, canonical_url


class OpmlError(ValueError):
    """A file that cannot be read as OPML; the message names the file and the problem."""


@dataclass(frozen=True)
class OpmlImport:
    """The sources found in an OPML file, and each outline left out with the reason."""

    sources: tuple[Source, ...]
    skipped: tuple[str, ...] = ()


def read_opml(path: Path, channel: str = "news") -> OpmlImport:
    """Read an OPML file into sources; raise OpmlError naming the file on any problem."""
    try:
        content = path.read_bytes()
    except FileNotFoundError:
        raise OpmlError(f"{path}: file not found") from None
    except IsADirectoryError:
        raise OpmlError(f"{path}: is a folder, not an OPML file") from None
    except PermissionError:
        raise OpmlError(f"{path}: permission denied") from None
    return parse_opml(content, path.name, channel)


def parse_opml(content: bytes, name: str, channel: str = "news") -> OpmlImport:
    """Sources from OPML bytes; ``name`` labels errors, ``channel`` is the default channel."""
    if channel not in CHANNELS:
        raise ValueError(f"unknown channel {channel!r}; expected one of {', '.join(CHANNELS)}")
    root = _parse_xml(content, name)
    if root.tag != "opml":
        raise OpmlError(f"{name}: not OPML: the root element is <{root.tag}>, expected <opml>")
    body = root.find("body")
    if body is None:
        raise OpmlError(f"{name}: not OPML: there is no <body>")
    sources: list[Source] = []
    skipped: list[str] = []
    for outline, ancestors in _outlines(body, ()):
        attrs = {key.lower(): (value or "").strip() for key, value in outline.attrib.items()}
        url = attrs.get("xmlurl", "")
        label = attrs.get("title") or attrs.get("text") or url
        if not url:
            if len(outline) == 0:
                skipped.append(f"{label or 'an outline'}: no xmlUrl (not a feed subscription)")
            continue
        problem = _check_url(url, sources)
        if problem:
            skipped.append(f"{label}: {problem}")
            continue
        kind = attrs.get("type", "").lower()
        kind = kind if kind in SOURCE_KINDS else "feed"
        sources.append(Source(
            name=_unique_name(attrs.get("title") or attrs.get("text") or _name_from_url(url), sources),
            kind=kind, channel=_channel(ancestors, attrs.get("category", ""), channel), url=url,
            base_url=(attrs.get("htmlurl") or None) if kind == "discourse" else None,
        ))
    return OpmlImport(tuple(sources), tuple(skipped))


def _parse_xml(content: bytes, name: str) -> ET.Element:
    if not content.strip():
        raise OpmlError(f"{name}: not OPML: the file is empty")
    try:
        return SafeET.fromstring(content, forbid_dtd=True)
    except defusedxml.DTDForbidden:
        raise OpmlError(f"{name}: refused: the file declares a DOCTYPE, which OPML never needs "
                        "(entity declarations can be used to attack the reader)") from None
    except defusedxml.DefusedXmlException as exc:
        raise OpmlError(f"{name}: refused: the file uses XML entities or external references ({exc})") from None
    except ET.ParseError as exc:
        line, column = exc.position
        reason = re.sub(r":? line \d+, column \d+$", "", str(exc))
        # expat counts columns from 0; editors, and the people reading this, count from 1
        raise OpmlError(f"{name}: not OPML: broken XML at line {line}, column {column + 1} ({reason})") from None


def _outlines(parent: ET.Element, ancestors: tuple[str, ...]) -> Iterator[tuple[ET.Element, tuple[str, ...]]]:
    """Each <outline> depth first, with the labels of the outlines that enclose it (nearest last)."""
    for outline in parent.findall("outline"):
        yield outline, ancestors
        label = (outline.get("text") or outline.get("title") or "").strip()
        yield from _outlines(outline, (*ancestors, label))


def _check_url(url: str, sources: list[Source]) -> str | None:
    if not url.lower().startswith(("http://", "https://")):
        return f"only http and https addresses are fetched, got {url!r}"
    if any(canonical_url(s.url or "") == canonical_url(url) for s in sources):
        return f"{url} is listed twice; imported once"
    return None


def _channel(ancestors: tuple[str, ...], category: str, default: str) -> str:
    for label in reversed(ancestors):
        if label.lower() in CHANNELS:
            return label.lower()
    for token in re.split(r"[,/]", category):  # OPML 2.0: comma-separated, slash-delimited category strings
        if token.strip().lower() in CHANNELS:
            return token.strip().lower()
    return default


def _name_from_url(url: str) -> str:
    parts = urlsplit(url)
    return (parts.hostname or url) + (parts.path.rstrip("/") if parts.path not in ("", "/") else "")


def _unique_name(name: str, sources: list[Source]) -> str:
    taken = {s.name for s in sources}
    candidate, n = name, 2
    while candidate in taken:  # two subscriptions with one title still need two source names
        candidate, n = f"{name} ({n})", n + 1
    return candidate


def to_opml(sources: Iterable[Source], title: str = "Listening Post sources",
            now: dt.datetime | None = None) -> tuple[bytes, list[str]]:
    """OPML 2.0 bytes of the web sources, one outline per channel; and a note for each source left out."""
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = title
    ET.SubElement(head, "dateCreated").text = format_datetime(now or dt.datetime.now(dt.timezone.utc), usegmt=True)
    body = ET.SubElement(root, "body")
    groups: dict[str, ET.Element] = {}
    notes: list[str] = []
    for source in sources:
        if not source.url:
            notes.append(f"skipped {source.name}: a local file or folder ({source.path}) has no address to share")
            continue
        if source.channel not in groups:
            groups[source.channel] = ET.SubElement(body, "outline", text=source.channel, title=source.channel)
        attrs = {"type": "rss" if source.kind == "feed" else source.kind, "text": source.name,
                 "title": source.name, "xmlUrl": source.url}
        if source.base_url:
            attrs["htmlUrl"] = source.base_url
        ET.SubElement(groups[source.channel], "outline", attrs)
    ET.indent(root)
    return ET.tostring(root, encoding="UTF-8", xml_declaration=True) + b"\n", notes


def write_opml(path: Path, sources: Iterable[Source], title: str = "Listening Post sources") -> tuple[int, list[str]]:
    """Write the web sources to ``path`` as OPML 2.0; return how many were written and the notes."""
    sources = list(sources)
    content, notes = to_opml(sources, title)
    path.write_bytes(content)
    return sum(1 for s in sources if s.url), notes
