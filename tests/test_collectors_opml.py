"""collectors.opml: real OPML exports from feed readers, a round trip, and hostile or broken files.

Real files: RSParser's Subs.opml (OPML 1.1, 207 subscriptions) and SubsNoTitleAttributes.opml (the
same list in OPML 2.0 with text only), and atoma's three small lists (nested, no titles, ISO-8859-1).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import feedparser
import pytest

from collectors.opml import OpmlError, parse_opml, read_opml, to_opml
from config import Source
from conftest import realdata

NOW = dt.datetime(2025, 11, 1, 9, 0, tzinfo=dt.timezone.utc)


def captured(*parts: str) -> Path:
    return realdata("feeds", "captured", *parts)


# -- real files -----------------------------------------------------------------------------------


def test_a_real_reader_export() -> None:
    path = captured("RSParser", "Subs.opml")
    outlines = path.read_text(encoding="utf-8").count("xmlUrl=")
    found = read_opml(path)

    assert len(found.sources) == outlines - 1 == 206
    assert found.skipped == ("Katie Floyd: http://feed.katiefloyd.com/ is listed twice; imported once",)
    first = found.sources[0]
    assert first == Source(name="Daring Fireball", kind="feed", channel="news",
                           url="http://daringfireball.net/feeds/main")
    assert {s.channel for s in found.sources} == {"news"} and {s.kind for s in found.sources} == {"feed"}
    assert len({s.name for s in found.sources}) == len(found.sources)
    assert any(s.name == "chat & code" for s in found.sources)  # entities decoded


def test_the_same_list_without_title_attributes_gives_the_same_sources() -> None:
    with_titles = read_opml(captured("RSParser", "Subs.opml")).sources
    text_only = read_opml(captured("RSParser", "SubsNoTitleAttributes.opml")).sources
    assert [(s.name, s.url) for s in text_only] == [(s.name, s.url) for s in with_titles]


def test_nested_outlines_are_all_found() -> None:
    found = read_opml(captured("atoma", "opml", "nested-subscription-list.xml"), channel="blog")
    assert [(s.name, s.url) for s in found.sources] == [(str(n), f"http://{n}.com/rss.xml") for n in range(1, 6)]
    assert {s.channel for s in found.sources} == {"blog"}  # "nested" is no channel: the default applies


def test_outlines_without_titles_are_named_by_their_address() -> None:
    found = read_opml(captured("atoma", "opml", "broken-no-title.xml"))
    assert [s.name for s in found.sources] == ["xkcd.com/rss.xml", "antirez.com/rss", "what-if.xkcd.com/feed.atom"]


def test_a_latin_1_file() -> None:
    found = read_opml(captured("atoma", "opml", "subscription-list.xml"))
    assert [s.name for s in found.sources] == ["CNET News.com", "washingtonpost.com - Politics"]


def test_a_real_rss_file_is_not_opml() -> None:
    path = captured("rss-parser", "input", "reddit.rss")
    with pytest.raises(OpmlError, match=r"^reddit\.rss: not OPML: the root element is <rss>, expected <opml>$"):
        read_opml(path)


# -- channels, names, addresses -------------------------------------------------------------------

LIST = b"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>Press office subscriptions</title></head>
  <body>
    <outline text="News">
      <outline text="BBC Politics" type="rss" xmlUrl="https://feeds.bbci.co.uk/news/politics/rss.xml"
               htmlUrl="https://www.bbc.co.uk/news/politics"/>
      <outline text="Regional">
        <outline text="Northern Echo" type="rss" xmlUrl="https://www.thenorthernecho.co.uk/news/rss/"/>
      </outline>
    </outline>
    <outline title="Blog" text="Blog">
      <outline text="Money blog &amp; more" type="rss" xmlUrl="https://money.example/feed"/>
      <outline text="Money blog &amp; more" type="rss" xmlUrl="https://money.example/other-feed"/>
    </outline>
    <outline text="Age UK" type="rss" xmlUrl="https://www.ageuk.org.uk/rss" category="/Charities,/forum"/>
    <outline text="Benefits forum" type="discourse" xmlUrl="https://forum.example/posts.json"
             htmlUrl="https://forum.example"/>
    <outline text="Gopher hole" type="rss" xmlUrl="gopher://old.example/feed"/>
    <outline text="Just a web page" type="link" url="https://example.org/"/>
    <outline text="Empty folder"/>
  </body>
</opml>
"""


def test_channels_come_from_the_enclosing_outline_then_the_category_then_the_default() -> None:
    found = parse_opml(LIST, "press.opml", channel="social")
    channels = {s.name: s.channel for s in found.sources}
    assert channels == {"BBC Politics": "news", "Northern Echo": "news", "Money blog & more": "blog",
                        "Money blog & more (2)": "blog", "Age UK": "forum", "Benefits forum": "social"}


def test_kinds_and_skipped_outlines() -> None:
    found = parse_opml(LIST, "press.opml")
    by_name = {s.name: s for s in found.sources}
    assert by_name["Benefits forum"].kind == "discourse"
    assert by_name["Benefits forum"].base_url == "https://forum.example"
    assert by_name["BBC Politics"].kind == "feed" and by_name["BBC Politics"].base_url is None
    assert found.skipped == ("Gopher hole: only http and https addresses are fetched, got 'gopher://old.example/feed'",
                             "Just a web page: no xmlUrl (not a feed subscription)",
                             "Empty folder: no xmlUrl (not a feed subscription)")


def test_an_unknown_default_channel_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="unknown channel 'tv'"):
        parse_opml(LIST, "press.opml", channel="tv")


# -- export and round trip ------------------------------------------------------------------------


def test_import_export_import_is_the_same() -> None:
    first = parse_opml(LIST, "press.opml").sources
    exported, notes = to_opml(first, now=NOW)
    again = parse_opml(exported, "exported.opml").sources
    assert notes == []
    assert sorted(again, key=lambda s: s.name) == sorted(first, key=lambda s: s.name)


def test_a_real_list_round_trips() -> None:
    first = read_opml(captured("RSParser", "Subs.opml")).sources
    assert parse_opml(to_opml(first, now=NOW)[0], "again.opml").sources == first


def test_export_skips_file_sources_with_a_note_and_escapes_names(tmp_path: Path) -> None:
    sources = [Source(name="Saved <feeds> & more", kind="feed", channel="news", url="https://a.example/feed?x=1&y=2"),
               Source(name="Local file", kind="feed", channel="blog", path=tmp_path / "blog.atom"),
               Source(name="Toots", kind="mastodon", channel="social", url="https://m.example/api/v1/timelines/public")]
    exported, notes = to_opml(sources, title="DWP", now=NOW)

    assert notes == [f"skipped Local file: a local file or folder ({tmp_path / 'blog.atom'}) has no address to share"]
    assert b"<dateCreated>Sat, 01 Nov 2025 09:00:00 GMT</dateCreated>" in exported
    assert b'xmlUrl="https://a.example/feed?x=1&amp;y=2"' in exported
    assert parse_opml(exported, "x.opml").sources == (sources[0], sources[2])


def test_the_export_is_opml_a_feed_reader_library_recognises() -> None:
    """feedparser does not read OPML, but must not mistake ours for a feed either."""
    exported, _ = to_opml(parse_opml(LIST, "press.opml").sources, now=NOW)
    assert exported.startswith(b"<?xml version='1.0' encoding='UTF-8'?>\n<opml version=\"2.0\">")
    assert feedparser.parse(exported).entries == []


# -- hostile and broken files ---------------------------------------------------------------------

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE opml [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol9 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
]>
<opml version="2.0"><body><outline text="&lol9;" xmlUrl="https://a.example/feed"/></body></opml>
"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE opml [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<opml version="2.0"><body><outline text="&secret;" xmlUrl="https://a.example/feed"/></body></opml>
"""


@pytest.mark.parametrize("content", [BILLION_LAUGHS, EXTERNAL_ENTITY,
                                     b'<?xml version="1.0"?><!DOCTYPE opml><opml version="1.0"><body/></opml>'])
def test_a_doctype_is_refused(content: bytes) -> None:
    with pytest.raises(OpmlError) as caught:
        parse_opml(content, "bomb.opml")
    assert str(caught.value) == ("bomb.opml: refused: the file declares a DOCTYPE, which OPML never needs "
                                 "(entity declarations can be used to attack the reader)")


@pytest.mark.parametrize(("content", "words"), [
    (b'<opml version="2.0"><body><outline text="a" xmlUrl="https://a.example/feed"></body></opml>',
     "subs.opml: not OPML: broken XML at line 1, column 79 (mismatched tag)"),
    (b'<opml version="2.0"><head><title>No body</title></head></opml>', "subs.opml: not OPML: there is no <body>"),
    (b"\n", "subs.opml: not OPML: the file is empty"),
    (b"<html><body><p>Log in to export</p></body></html>",
     "subs.opml: not OPML: the root element is <html>, expected <opml>"),
])
def test_broken_files_name_the_file_and_the_problem(content: bytes, words: str) -> None:
    with pytest.raises(OpmlError) as caught:
        parse_opml(content, "subs.opml")
    assert str(caught.value) == words


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(OpmlError, match=r"/nope\.opml: file not found$"):
        read_opml(tmp_path / "nope.opml")
