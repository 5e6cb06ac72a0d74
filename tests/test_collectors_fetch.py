"""collectors.fetch against a real HTTP server on 127.0.0.1: every failure comes back in plain words.

The server (conftest's ``http_server``) is a real ThreadingHTTPServer; slow, endless, compressed and
looping responses are written as route handlers, so nothing of ours is patched.
"""

from __future__ import annotations

import dataclasses
import gzip
import socket
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler

import httpx
import pytest

from collectors import collect_source, make_client
from collectors.fetch import MAX_REDIRECTS, FetchError, fetch
from config import Config, Settings, Source
from conftest import NOW, LocalServer, Route, realdata

FEED = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Local test feed</title><link>http://example.org/</link>
<item><title>Pension credit deadline moved</title><link>http://example.org/news/1</link>
<guid>http://example.org/news/1</guid><pubDate>Tue, 07 Oct 2025 08:30:00 GMT</pubDate>
<author>desk@example.org (News desk)</author>
<description>&lt;p&gt;Claimants have &lt;b&gt;until March&lt;/b&gt; to apply.&lt;/p&gt;</description></item>
<item><title>Winter fuel payment</title><link>http://example.org/news/2</link>
<pubDate>Mon, 06 Oct 2025 17:00:00 GMT</pubDate><description>Second item.</description></item>
</channel></rss>
"""
RSS = {"Content-Type": "application/rss+xml; charset=utf-8"}


def feed_source(url: str) -> Source:
    return Source(name="local", kind="feed", channel="news", url=url)


def small(config: Config, **changes: object) -> Settings:
    """The configured settings with a short timeout (and whatever else a test changes)."""
    return dataclasses.replace(config.settings, **{"timeout_seconds": 0.5, **changes})


@pytest.fixture
def client(config: Config) -> Iterator[httpx.Client]:
    with make_client(0.5, config.settings.user_agent, allow_private=True) as made:
        yield made


def send_head(handler: BaseHTTPRequestHandler, headers: dict[str, str], status: int = 200) -> None:
    handler.send_response(status)
    for key, value in headers.items():
        handler.send_header(key, value)
    handler.end_headers()


# -- the happy path ---------------------------------------------------------------------------------


def test_a_feed_served_over_http_is_fetched_and_parsed(http_server: LocalServer, config: Config,
                                                        client: httpx.Client) -> None:
    http_server.routes["/feed.xml"] = Route(body=FEED, headers=RSS)

    got = collect_source(feed_source(http_server.url("/feed.xml")), small(config), client, NOW)

    assert got.ok, got.error
    assert got.source == "local" and got.attempted_at == NOW
    assert got.frame["title"].tolist() == ["Pension credit deadline moved", "Winter fuel payment"]
    assert got.frame["url"].tolist() == ["http://example.org/news/1", "http://example.org/news/2"]
    first = got.frame.iloc[0]
    assert first["text"] == "Claimants have until March to apply."
    assert first["published_at"].isoformat() == "2025-10-07T08:30:00+00:00"
    assert first["channel"] == "news" and first["collected_at"] == NOW


def test_a_real_bbc_feed_served_over_http(http_server: LocalServer, config: Config, client: httpx.Client) -> None:
    folder = realdata("feeds", "captured", "rowanmanning-sample-feeds")
    url = http_server.serve_file("/bbc.xml", folder / "bbc_news_world__f43bed9864944644236fc65967b2e178" / "feed.xml",
                                 "application/rss+xml")

    got = collect_source(feed_source(url), small(config), client, NOW)

    assert got.ok, got.error
    assert len(got.frame) == 67
    assert got.frame["title"].iloc[0] == "Rare Sumatran rhino gives birth after eight miscarriages"


def test_the_configured_user_agent_is_sent(http_server: LocalServer, config: Config) -> None:
    http_server.routes["/feed.xml"] = Route(body=FEED, headers=RSS)
    with make_client(5, config.settings.user_agent, allow_private=True) as client:
        fetch(http_server.url("/feed.xml"), client, 1_000_000, 5)

    path, headers = http_server.requests[-1]
    assert path == "/feed.xml"
    assert headers["User-Agent"] == "ListeningPost/0.1 (+mailto:digital-monitoring@example.gov.uk)"
    assert headers["User-Agent"] == config.settings.user_agent
    assert "application/atom+xml" in headers["Accept"] and "application/feed+json" in headers["Accept"]


def test_a_permanent_redirect_to_the_feed_is_followed(http_server: LocalServer, config: Config,
                                                      client: httpx.Client) -> None:
    http_server.routes["/old-feed"] = Route(status=301, headers={"Location": "/feed.xml"})
    http_server.routes["/feed.xml"] = Route(body=FEED, headers=RSS)

    fetched = fetch(http_server.url("/old-feed"), client, 1_000_000, 0.5)
    got = collect_source(feed_source(http_server.url("/old-feed")), small(config), client, NOW)

    assert fetched.url == http_server.url("/feed.xml")
    assert fetched.status == 200 and fetched.content == FEED
    assert got.ok and len(got.frame) == 2
    assert [path for path, _ in http_server.requests] == ["/old-feed", "/feed.xml"] * 2


def test_a_gzip_encoded_body_is_decoded(http_server: LocalServer, config: Config, client: httpx.Client) -> None:
    packed = gzip.compress(FEED)
    http_server.routes["/feed.xml"] = Route(body=packed, headers={**RSS, "Content-Encoding": "gzip"})

    fetched = fetch(http_server.url("/feed.xml"), client, 1_000_000, 0.5)
    got = collect_source(feed_source(http_server.url("/feed.xml")), small(config), client, NOW)

    assert packed != FEED and fetched.content == FEED
    assert got.ok and got.frame["title"].iloc[1] == "Winter fuel payment"


# -- HTTP and network failures, in plain words ------------------------------------------------------


@pytest.mark.parametrize(("status", "words"), [(404, "HTTP 404 Not Found"), (500, "HTTP 500 Internal Server Error"),
                                               (403, "HTTP 403 Forbidden")])
def test_http_errors_are_reported_in_plain_words(http_server: LocalServer, config: Config, client: httpx.Client,
                                                 status: int, words: str) -> None:
    http_server.routes["/feed.xml"] = Route(status=status, body=b"<html>gone</html>",
                                            headers={"Content-Type": "text/html"})

    got = collect_source(feed_source(http_server.url("/feed.xml")), small(config), client, NOW)

    assert got.error == words
    assert not got.ok and got.frame.empty and list(got.frame.columns)[0] == "mention_id"


def test_a_missing_route_is_a_404(http_server: LocalServer, config: Config, client: httpx.Client) -> None:
    got = collect_source(feed_source(http_server.url("/nothing-here.xml")), small(config), client, NOW)
    assert got.error == "HTTP 404 Not Found"


def test_a_server_slower_than_the_timeout_times_out(http_server: LocalServer, config: Config,
                                                    client: httpx.Client) -> None:
    def slow(handler: BaseHTTPRequestHandler) -> None:
        time.sleep(2)
        try:
            send_head(handler, {**RSS, "Content-Length": str(len(FEED))})
            handler.wfile.write(FEED)
        except OSError:
            pass  # the client gave up long ago

    http_server.routes["/slow.xml"] = Route(handler=slow)

    started = time.monotonic()
    got = collect_source(feed_source(http_server.url("/slow.xml")), small(config), client, NOW)

    assert got.error == "timed out after 0.5 s"
    assert time.monotonic() - started < 1.8


def test_a_body_trickling_past_the_deadline_times_out(http_server: LocalServer, config: Config,
                                                      client: httpx.Client) -> None:
    """Each byte arrives within the read timeout, but the whole request must still end on time."""
    def trickle(handler: BaseHTTPRequestHandler) -> None:
        try:
            send_head(handler, {**RSS, "Content-Length": str(len(FEED))})
            for byte in FEED[:40]:
                handler.wfile.write(bytes([byte]))
                handler.wfile.flush()
                time.sleep(0.1)
        except OSError:
            pass

    http_server.routes["/trickle.xml"] = Route(handler=trickle)

    started = time.monotonic()
    got = collect_source(feed_source(http_server.url("/trickle.xml")), small(config), client, NOW)

    assert got.error == "timed out after 0.5 s"
    assert time.monotonic() - started < 2


def test_a_refused_connection_says_could_not_connect(config: Config, client: httpx.Client) -> None:
    with socket.socket() as probe:  # a port that was free a moment ago and has nobody listening now
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]

    got = collect_source(feed_source(f"http://127.0.0.1:{port}/feed.xml"), small(config), client, NOW)

    assert got.error is not None and got.error.startswith("could not connect: ")
    assert len(got.error) > len("could not connect: ")


def test_a_redirect_loop_stops_with_too_many_redirects(http_server: LocalServer, config: Config,
                                                       client: httpx.Client) -> None:
    http_server.routes["/a"] = Route(status=302, headers={"Location": "/b"})
    http_server.routes["/b"] = Route(status=302, headers={"Location": "/a"})

    got = collect_source(feed_source(http_server.url("/a")), small(config), client, NOW)

    assert got.error == f"too many redirects (more than {MAX_REDIRECTS})"
    assert len(http_server.requests) == MAX_REDIRECTS + 1


# -- bodies that are too large ----------------------------------------------------------------------


def test_a_declared_content_length_over_the_limit_is_refused(http_server: LocalServer, config: Config,
                                                             client: httpx.Client) -> None:
    http_server.routes["/big.xml"] = Route(body=FEED + b" " * 3000, headers=RSS)
    size = len(FEED) + 3000

    got = collect_source(feed_source(http_server.url("/big.xml")), small(config, max_bytes=2000), client, NOW)

    assert got.error == f"larger than 2 kB (the server says {size / 1000:g} kB)"


class Endless:
    """A handler that streams filler until the client hangs up, counting what it managed to send."""

    def __init__(self, chunked: bool) -> None:
        self.chunked = chunked
        self.sent = 0

    def __call__(self, handler: BaseHTTPRequestHandler) -> None:
        block = b"<!-- " + b"x" * 8000 + b" -->\n"
        try:
            if self.chunked:
                handler.protocol_version = "HTTP/1.1"
                send_head(handler, {**RSS, "Transfer-Encoding": "chunked", "Connection": "close"})
            else:  # HTTP/1.0 with no Content-Length: the body ends when the connection closes
                send_head(handler, RSS)
            first = True
            while self.sent < 200_000_000:
                data = FEED[:60] + block if first else block
                handler.wfile.write(b"%x\r\n%s\r\n" % (len(data), data) if self.chunked else data)
                self.sent += len(data)
                first = False
        except OSError:
            pass
        finally:
            handler.close_connection = True


@pytest.mark.parametrize("chunked", [True, False], ids=["chunked", "connection-close"])
def test_a_stream_without_content_length_is_cut_off_at_the_limit(http_server: LocalServer, config: Config,
                                                                 client: httpx.Client, chunked: bool) -> None:
    endless = Endless(chunked)
    http_server.routes["/endless.xml"] = Route(handler=endless)

    settings = small(config, max_bytes=100_000, timeout_seconds=5)
    got = collect_source(feed_source(http_server.url("/endless.xml")), settings, client, NOW)

    assert got.error == "larger than 100 kB"
    time.sleep(0.2)  # let the server notice the hang-up
    assert endless.sent < 20_000_000, "the client kept reading long after the limit"


def test_a_small_gzip_that_inflates_past_the_limit_is_refused(http_server: LocalServer, config: Config,
                                                              client: httpx.Client) -> None:
    """The limit applies to the decoded bytes, so a compression bomb cannot fill memory."""
    bomb = gzip.compress(FEED[:60] + b" " * 5_000_000)
    assert len(bomb) < 100_000
    http_server.routes["/bomb.xml"] = Route(body=bomb, headers={**RSS, "Content-Encoding": "gzip"})

    got = collect_source(feed_source(http_server.url("/bomb.xml")), small(config, max_bytes=1_000_000), client, NOW)

    assert got.error == "larger than 1 MB"


# -- bodies that are not feeds ----------------------------------------------------------------------


def test_a_broken_gzip_body_could_not_be_decompressed(http_server: LocalServer, config: Config,
                                                      client: httpx.Client) -> None:
    http_server.routes["/feed.xml"] = Route(body=b"this is not gzip at all",
                                            headers={**RSS, "Content-Encoding": "gzip"})

    got = collect_source(feed_source(http_server.url("/feed.xml")), small(config), client, NOW)

    assert got.error == "the server sent a compressed body that could not be decompressed"


def test_an_html_page_is_not_a_feed(http_server: LocalServer, config: Config, client: httpx.Client) -> None:
    page = b"<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body><p>Please sign in</p></body></html>"
    http_server.routes["/feed"] = Route(body=page, headers={"Content-Type": "text/html; charset=utf-8"})

    got = collect_source(feed_source(http_server.url("/feed")), small(config), client, NOW)

    assert got.error == "not a feed: got an HTML page"


def test_an_empty_body_is_an_empty_response(http_server: LocalServer, config: Config, client: httpx.Client) -> None:
    http_server.routes["/feed.xml"] = Route(body=b"", headers=RSS)

    got = collect_source(feed_source(http_server.url("/feed.xml")), small(config), client, NOW)

    assert got.error == "empty response: no feed content"
    assert got.frame.empty


# -- addresses that are never fetched ---------------------------------------------------------------


@pytest.mark.parametrize("url", ["ftp://127.0.0.1/feed.xml", "file:///etc/passwd", "127.0.0.1/feed.xml"])
def test_non_http_addresses_are_refused_without_a_request(http_server: LocalServer, client: httpx.Client,
                                                          url: str) -> None:
    with pytest.raises(FetchError, match="only http and https addresses can be fetched") as caught:
        fetch(url, client, 1_000_000, 0.5)
    assert repr(url) in str(caught.value)
    assert http_server.requests == []


def test_a_non_http_source_comes_back_as_an_error_not_an_exception(config: Config, client: httpx.Client) -> None:
    got = collect_source(feed_source("file:///etc/passwd"), small(config), client, NOW)
    assert got.error == "only http and https addresses can be fetched, not 'file:///etc/passwd'"


def test_a_web_source_without_a_client_is_an_error(config: Config) -> None:
    got = collect_source(feed_source("http://127.0.0.1:9/feed.xml"), small(config), None, NOW)
    assert got.error == "no HTTP client available for a web source"


def test_make_client_sets_timeouts_redirects_and_user_agent() -> None:
    with make_client(7.5, "Probe/1.0", allow_private=True) as client:
        assert client.timeout == httpx.Timeout(7.5)
        assert client.follow_redirects is True and client.max_redirects == MAX_REDIRECTS
        assert client.headers["User-Agent"] == "Probe/1.0"
