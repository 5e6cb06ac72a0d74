"""feedparser's own ~2,100 test feeds through our parse path: no crash, and ParseError only when honest.

Each file of ../shared/realdata/feeds/feedparser_suite/tests goes through ``collectors.parse_bytes`` with
the ``Header:`` lines of its test comment as response headers (as feedparser's own suite serves them).
A file may give rows, no rows, or a ParseError in plain words; any other exception is a bug. ParseError
is allowed only when feedparser itself finds no entry with a link or id, so a bad feed's good entries are
never lost.
One test per top-level folder keeps the report short; the whole suite runs in about 20 s.
"""

from __future__ import annotations

import re
from pathlib import Path

import feedparser
import pytest

from collectors import ParseError, parse_bytes
from collectors.fetch import Fetched
from config import Source
from conftest import NOW, realdata
from mention import COLLECTED

FOLDERS = ["encoding", "entities", "illformed", "json", "wellformed"]
HEADER = re.compile(rb"^Header:\s*([\w-]+):\s*(.*?)\s*$", re.M)
PLAIN_WORDS = ("not a feed: ", "the feed has no items", "empty response: no feed content", "no usable items: ")
SOURCE = Source(name="feedparser suite", kind="feed", channel="blog")


def suite_root() -> Path:
    return realdata("feeds", "feedparser_suite", "tests")


def served_headers(content: bytes) -> dict[str, str]:
    """The response headers a test file asks to be served with (``Header: Content-Type: ...``)."""
    return {k.decode("latin-1"): v.decode("latin-1") for k, v in HEADER.findall(content[:4096])}


def test_the_suite_has_its_folders_and_files() -> None:
    root = suite_root()
    assert sorted(p.name for p in root.iterdir() if p.is_dir()) == FOLDERS
    files = [p for p in root.rglob("*") if p.is_file()]
    assert len(files) > 2000
    assert {p.suffix for p in files} == {".xml", ".json"}


def test_header_lines_are_read_from_the_test_comment() -> None:
    content = (suite_root() / "wellformed/http/headers_content_location-relative.xml").read_bytes()
    assert served_headers(content) == {"Content-Location": "/feed/pg.cgi"}


@pytest.mark.parametrize("folder", FOLDERS)
def test_every_file_parses_or_fails_in_plain_words(folder: str) -> None:
    files = sorted(p for p in (suite_root() / folder).rglob("*") if p.is_file())
    assert files
    outcomes = {"rows": 0, "no rows": 0, "ParseError": 0}
    problems = []
    for path in files:
        content = path.read_bytes()
        headers = served_headers(content)
        fetched = Fetched(content, headers, f"http://127.0.0.1:8097/{path.relative_to(suite_root()).as_posix()}")
        name = path.relative_to(suite_root()).as_posix()
        try:
            frame = parse_bytes(SOURCE, fetched, NOW)
        except ParseError as exc:
            outcomes["ParseError"] += 1
            if not str(exc).startswith(PLAIN_WORDS):
                problems.append(f"{name}: unexpected wording {exc}")
            if path.suffix == ".xml":
                parsed = feedparser.parse(content, response_headers={k.lower(): v for k, v in headers.items()})
                usable = [e for e in parsed.entries if e.get("link") or e.get("id")]
                if usable:
                    problems.append(f"{name}: ParseError, yet feedparser found {len(usable)} entries with a link or id")
            continue
        except Exception as exc:  # noqa: BLE001 (the point of the test: list every crash, not just the first)
            problems.append(f"{name}: {exc!r}")
            continue
        outcomes["rows" if len(frame) else "no rows"] += 1
        if list(frame.columns) != list(COLLECTED):
            problems.append(f"{name}: columns {list(frame.columns)}")
    assert problems == []
    assert sum(outcomes.values()) == len(files)
    assert outcomes["no rows"] == 0, "a feed without usable items is reported, never returned as an empty frame"
    if folder == "wellformed":  # most files test one feed-level element and carry no usable entry
        assert outcomes["rows"] > 50 and outcomes["ParseError"] > 1000


def test_the_json_feed_example_gives_its_two_items() -> None:
    """The suite's one JSON file expects ``feed.title == 'My Example Feed' and len(entries) == 2``."""
    path = suite_root() / "json" / "example.json"
    frame = parse_bytes(SOURCE, Fetched(path.read_bytes(), {}, path.as_uri()), NOW)
    assert frame["title"].tolist() == ["post 2", ""]
    assert frame["url"].tolist() == ["https://example.org/second-item", "https://example.org/initial-post"]
    assert frame["author"].tolist() == ["me", "you"]  # the feed's author stands in where an item has none
    assert frame["text"].tolist() == ["This is a second item.", "Hello, world!"]  # the <script> is gone


def parse_with_and_without_headers(relative: str) -> tuple[object, object]:
    content = (suite_root() / relative).read_bytes()
    with_headers = parse_bytes(SOURCE, Fetched(content, served_headers(content), "http://127.0.0.1:8097/"), NOW)
    without = parse_bytes(SOURCE, Fetched(content, {}, "http://127.0.0.1:8097/"), NOW)
    return with_headers.iloc[0], without.iloc[0]


def test_a_charset_given_only_in_the_content_type_header_is_honoured() -> None:
    """The body is windows-1252 with no XML declaration; only the served header says so."""
    served, _ = parse_with_and_without_headers("encoding/http_text_xml_charset_2.xml")
    assert served["text"] == "This is a \xa3\u201ctest.\u201d"


def test_a_header_charset_overrides_the_xml_declaration() -> None:
    served, _ = parse_with_and_without_headers("encoding/http_text_xml_charset_overrides_encoding_2.xml")
    assert served["text"] == "This is a \xa3\u201ctest.\u201d"


def test_relative_links_resolve_against_the_content_location_header() -> None:
    served, bare = parse_with_and_without_headers("wellformed/base/http_entry_link_base_content_location.xml")
    assert served["url"] == "http://example.com/relative/link"
    assert bare["url"] == "/relative/link"
