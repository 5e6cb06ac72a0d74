"""Issue 3 fetching: conditional GET, body hashes, Retry-After, error kinds, permanent redirects,
the SSRF guard and per-host politeness, all against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import datetime as dt
import threading
import time
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import httpx
import pytest

import pipeline
from collectors import HostLimiter, collect_source, make_client
from collectors.fetch import HARD, SOFT, TEMPORARY, FetchError, GuardedTransport, fetch, retry_after
from config import Config, Source, load_config
from storage import Filters, Store, queries
from tests.conftest import NOW, SAMPLE_FEEDS, LocalServer, Route, write_sources

FEED = (SAMPLE_FEEDS / "national_news.rss").read_bytes()


def source(url: str) -> Source:
    return Source("News", "feed", "news", url=url)


@pytest.fixture
def client() -> httpx.Client:
    with make_client(2, "ListeningPost-test/1.0 (+mailto:test@example.org)", allow_private=True) as made:
        yield made


class Validating:
    """Serves FEED with an ETag and Last-Modified, answering 304 when the validators match."""

    def __init__(self, honour: bool = True, etag: str = '"v1"') -> None:
        self.honour, self.etag, self.statuses = honour, etag, []

    def __call__(self, handler: BaseHTTPRequestHandler) -> None:
        if self.honour and handler.headers.get("If-None-Match") == self.etag:
            self.statuses.append(304)  # recorded before answering: the client may check as soon as it has the reply
            handler.send_response(304)
            handler.end_headers()
            return
        self.statuses.append(200)
        handler.send_response(200)
        handler.send_header("ETag", self.etag)
        handler.send_header("Last-Modified", "Wed, 01 Oct 2025 08:00:00 GMT")
        handler.send_header("Content-Length", str(len(FEED)))
        handler.end_headers()
        handler.wfile.write(FEED)


def test_a_304_costs_no_download_and_no_parse(http_server: LocalServer, config: Config, client: httpx.Client) -> None:
    server = Validating()
    http_server.routes["/feed.rss"] = Route(handler=server)
    first = collect_source(source(http_server.url("/feed.rss")), config.settings, client, NOW)
    assert len(first.frame) == 70 and first.etag == '"v1"' and first.body_hash
    state = {"etag": first.etag, "last_modified": first.last_modified, "body_hash": first.body_hash}
    second = collect_source(source(http_server.url("/feed.rss")), config.settings, client, NOW, state)
    assert second.unchanged and second.frame.empty and second.ok
    assert server.statuses == [200, 304]
    sent = http_server.requests[-1][1]
    assert sent["If-None-Match"] == '"v1"' and sent["If-Modified-Since"] == "Wed, 01 Oct 2025 08:00:00 GMT"


def test_wrong_validators_are_caught_by_the_body_hash(http_server: LocalServer, config: Config,
                                                      client: httpx.Client) -> None:
    server = Validating(honour=False)  # always 200 with the full body, like many real servers
    http_server.routes["/feed.rss"] = Route(handler=server)
    first = collect_source(source(http_server.url("/feed.rss")), config.settings, client, NOW)
    state = {"etag": first.etag, "body_hash": first.body_hash}
    second = collect_source(source(http_server.url("/feed.rss")), config.settings, client, NOW, state)
    assert server.statuses == [200, 200] and second.unchanged and second.frame.empty
    changed = FEED.replace(b"</channel>", b"<item><title>New</title><link>https://n.example/new</link></item></channel>")
    http_server.routes["/feed.rss"] = Route(body=changed, headers={"ETag": '"v1"'})
    third = collect_source(source(http_server.url("/feed.rss")), config.settings, client, NOW, state)
    assert not third.unchanged and len(third.frame) == 71


def test_pipeline_polls_an_unchanged_feed_without_parsing(config_dir: Path, store: Store,
                                                          http_server: LocalServer) -> None:
    server = Validating()
    http_server.routes["/feed.rss"] = Route(handler=server)
    write_sources(config_dir, [{"name": "News", "kind": "feed", "channel": "news", "url": http_server.url("/feed.rss")}])
    config = load_config(config_dir)
    first = pipeline.collect(config, store, now=NOW)
    second = pipeline.collect(config, store, now=NOW + dt.timedelta(minutes=15))
    assert first.new == 70 and second.sources[0].unchanged and second.new == 0
    assert server.statuses == [200, 304]
    health = store.load_health().iloc[0]
    assert health["etag"] == '"v1"' and health["consecutive_failures"] == 0


@pytest.mark.parametrize("status", [429, 503])
def test_retry_after_is_honoured(status: int, config_dir: Path, store: Store, http_server: LocalServer) -> None:
    http_server.routes["/busy.rss"] = Route(status=status, headers={"Retry-After": "7200"})
    write_sources(config_dir, [{"name": "Busy", "kind": "feed", "channel": "news", "url": http_server.url("/busy.rss")}])
    report = pipeline.collect(load_config(config_dir), store, now=NOW)
    run = report.sources[0]
    assert run.error.startswith(f"HTTP {status}") and run.error.endswith("(asked to retry after 120 min)")
    assert run.next_poll_at >= NOW + dt.timedelta(hours=2)
    assert store.load_health().iloc[0]["error_kind"] == TEMPORARY


def test_retry_after_as_an_http_date() -> None:
    later = NOW + dt.timedelta(minutes=10)
    assert retry_after(format_datetime(later, usegmt=True), now=NOW) == 600
    assert retry_after("soon") is None and retry_after(None) is None and retry_after("120") == 120


@pytest.mark.parametrize("status, kind", [(404, HARD), (410, HARD), (403, HARD), (500, TEMPORARY), (502, TEMPORARY)])
def test_errors_are_classified(status: int, kind: str, http_server: LocalServer, client: httpx.Client) -> None:
    http_server.routes["/x"] = Route(status=status)
    with pytest.raises(FetchError) as err:
        fetch(http_server.url("/x"), client, 1_000_000, 2)
    assert err.value.kind == kind


def test_a_not_a_feed_error_is_soft(http_server: LocalServer, config: Config, client: httpx.Client) -> None:
    http_server.routes["/page"] = Route(body=b"<!DOCTYPE html><html><body>hi</body></html>")
    got = collect_source(source(http_server.url("/page")), config.settings, client, NOW)
    assert got.error == "not a feed: got an HTML page" and got.error_kind == SOFT


def test_a_permanent_redirect_updates_the_address_and_says_so(config_dir: Path, store: Store,
                                                              http_server: LocalServer) -> None:
    http_server.serve_file("/new.rss", SAMPLE_FEEDS / "national_news.rss")
    http_server.routes["/old.rss"] = Route(status=301, headers={"Location": http_server.url("/new.rss")})
    write_sources(config_dir, [{"name": "News", "kind": "feed", "channel": "news", "url": http_server.url("/old.rss")}])
    config = load_config(config_dir)
    first = pipeline.collect(config, store, now=NOW)
    assert first.sources[0].note == f"moved permanently to {http_server.url('/new.rss')}: update its url in sources.toml"
    http_server.requests.clear()
    pipeline.collect(config, store, now=NOW + dt.timedelta(minutes=15))
    assert [path for path, _ in http_server.requests] == ["/new.rss"]  # straight to the new address
    assert store.load_health().iloc[0]["moved_to"] == http_server.url("/new.rss")


def test_a_temporary_redirect_does_not_move_the_source(http_server: LocalServer, config: Config,
                                                       client: httpx.Client) -> None:
    http_server.serve_file("/today.rss", SAMPLE_FEEDS / "national_news.rss")
    http_server.routes["/feed.rss"] = Route(status=302, headers={"Location": http_server.url("/today.rss")})
    got = collect_source(source(http_server.url("/feed.rss")), config.settings, client, NOW)
    assert got.ok and got.moved_to is None


def test_the_ssrf_guard_refuses_loopback_by_default(http_server: LocalServer, config: Config) -> None:
    http_server.serve_file("/feed.rss", SAMPLE_FEEDS / "national_news.rss")
    with make_client(2, "ListeningPost-test/1.0") as guarded:
        got = collect_source(source(http_server.url("/feed.rss")), config.settings, guarded, NOW)
    assert got.error.startswith("refused for safety: 127.0.0.1 resolves to a loopback address (127.0.0.1)")
    assert got.error_kind == HARD and not http_server.requests  # refused before any request was made


def test_the_ssrf_guard_checks_every_redirect() -> None:
    """The first hop is a public address; its redirect points at the cloud metadata address."""
    def edge(request: httpx.Request) -> httpx.Response:  # a fake only at the network edge
        return httpx.Response(302, headers={"Location": "http://169.254.169.254/latest/meta-data/"})

    with httpx.Client(transport=GuardedTransport(httpx.MockTransport(edge)), follow_redirects=True) as guarded:
        with pytest.raises(FetchError) as err:
            fetch("http://93.184.215.14/feed.rss", guarded, 1_000_000, 2)
    assert "169.254.169.254 resolves to a link-local address" in str(err.value) and err.value.kind == HARD


@pytest.mark.parametrize("address, refused", [("10.1.2.3", "private"), ("192.168.0.9", "private"),
                                              ("::1", "loopback"), ("fe80::1", "link-local"),
                                              ("::ffff:127.0.0.1", "loopback"), ("100.64.0.1", "non-public")])
def test_the_ssrf_guard_address_classes(address: str, refused: str) -> None:
    from collectors.fetch import _refusal
    assert _refusal(address) == refused
    assert _refusal("93.184.215.14") is None


def test_at_most_two_requests_in_flight_per_host(config_dir: Path, store: Store, http_server: LocalServer) -> None:
    in_flight, peak, lock = [0], [0], threading.Lock()

    def counted(handler: BaseHTTPRequestHandler) -> None:
        with lock:
            in_flight[0] += 1
            peak[0] = max(peak[0], in_flight[0])
        time.sleep(0.3)
        with lock:
            in_flight[0] -= 1
        handler.send_response(200)
        handler.send_header("Content-Length", str(len(FEED)))
        handler.end_headers()
        handler.wfile.write(FEED)

    for i in range(6):
        http_server.routes[f"/f{i}.rss"] = Route(handler=counted)
    write_sources(config_dir, [{"name": f"F{i}", "kind": "feed", "channel": "news", "url": http_server.url(f"/f{i}.rss")}
                               for i in range(6)])
    started = time.monotonic()
    report = pipeline.collect(load_config(config_dir), store, now=NOW)
    assert not report.failed and peak[0] == 2
    assert time.monotonic() - started >= 0.9  # 6 requests, 2 at a time, 0.3 s each


def test_host_limiter_spaces_request_starts() -> None:
    clock, slept = [0.0], []
    limiter = HostLimiter(2, 1.5, clock=lambda: clock[0], sleep=lambda s: slept.append(s))
    for _ in range(3):
        with limiter.slot("https://a.example/feed"):
            pass
    with limiter.slot("https://b.example/feed"):
        pass
    assert slept == [1.5, 3.0]  # a.example's 2nd and 3rd starts wait; b.example does not


def test_the_same_item_from_two_sources_is_one_mention_that_records_both(config_dir: Path, store: Store) -> None:
    write_sources(config_dir, [
        {"name": "National", "kind": "feed", "channel": "news", "path": str(SAMPLE_FEEDS / "national_news.rss")},
        {"name": "Regional", "kind": "feed", "channel": "news", "path": str(SAMPLE_FEEDS / "regional_news.rss")},
    ])
    report = pipeline.collect(load_config(config_dir), store, now=NOW)
    runs = {r.source: r for r in report.sources}
    assert runs["National"].items + runs["Regional"].items == 115
    assert store.count_mentions() == 110  # the 5 syndicated copies are one row each
    regional = queries.count(store, Filters(sources=("Regional",)))
    assert regional == 45  # all of Regional's items, including the copies first stored under National
    both = queries.page(store, Filters(sources=("National",)), limit=200).merge(
        queries.page(store, Filters(sources=("Regional",)), limit=200), on="mention_id")
    assert len(both) == 5


def test_an_older_database_gains_the_new_columns(tmp_path: Path) -> None:
    import sqlalchemy as sa

    path = tmp_path / "old.db"
    engine = sa.create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:  # the source_health table as the first release created it
        conn.exec_driver_sql("CREATE TABLE source_health (source VARCHAR(200) PRIMARY KEY, location TEXT NOT NULL, "
                             "kind VARCHAR(20) NOT NULL, channel VARCHAR(20) NOT NULL, last_attempt_at DATETIME, "
                             "last_success_at DATETIME, last_new_item_at DATETIME, consecutive_failures INTEGER "
                             "DEFAULT '0' NOT NULL, last_error TEXT, items_last_run INTEGER DEFAULT '0' NOT NULL, "
                             "new_last_run INTEGER DEFAULT '0' NOT NULL)")
        conn.exec_driver_sql("INSERT INTO source_health (source, location, kind, channel, last_error) "
                             "VALUES ('Old', 'x', 'feed', 'news', 'HTTP 404 Not Found')")
    engine.dispose()
    store = Store.open(f"sqlite:///{path}")
    health = store.load_health()
    assert {"next_poll_at", "etag", "body_hash", "moved_to", "error_kind"} <= set(health.columns)
    assert health.iloc[0]["last_error"] == "HTTP 404 Not Found"  # nothing lost
    store.close()


def test_a_changed_guid_with_the_same_link_is_not_a_new_mention(config_dir: Path, store: Store,
                                                                http_server: LocalServer) -> None:
    def rss(guid: str) -> bytes:
        return (f'<rss version="2.0"><channel><title>T</title><item><title>Pension news</title>'
                f"<link>https://news.example/story?utm_source=rss#top</link><guid>{guid}</guid></item>"
                "</channel></rss>").encode()

    http_server.routes["/f.rss"] = Route(body=rss("id-1"))
    write_sources(config_dir, [{"name": "N", "kind": "feed", "channel": "news", "url": http_server.url("/f.rss")}])
    config = load_config(config_dir)
    assert pipeline.collect(config, store, now=NOW).new == 1
    http_server.routes["/f.rss"] = Route(body=rss("id-2-regenerated"))
    again = pipeline.collect(config, store, now=NOW + dt.timedelta(minutes=15))
    assert again.new == 0 and store.count_mentions() == 1


def test_the_guard_sends_the_request_to_the_address_it_checked() -> None:
    """Against DNS rebinding: the connection goes to the checked address, Host stays the name."""
    seen: list[httpx.Request] = []

    def edge(request: httpx.Request) -> httpx.Response:  # a fake only at the network edge
        seen.append(request)
        return httpx.Response(200, content=FEED)

    with httpx.Client(transport=GuardedTransport(httpx.MockTransport(edge))) as guarded:
        got = fetch("https://93.184.215.14/feed.rss", guarded, 1_000_000, 2)
    assert got.content == FEED and seen[0].url.host == "93.184.215.14"


def test_a_connection_reset_is_a_temporary_error(http_server: LocalServer, config: Config,
                                                 client: httpx.Client) -> None:
    import socket
    import struct

    def reset(handler: BaseHTTPRequestHandler) -> None:
        handler.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        handler.connection.close()  # RST instead of a reply

    http_server.routes["/reset.rss"] = Route(handler=reset)
    got = collect_source(source(http_server.url("/reset.rss")), config.settings, client, NOW)
    assert not got.ok and got.error_kind == TEMPORARY
    assert got.error.startswith(("network error:", "could not connect:")), got.error


def test_a_deflate_encoded_body_is_decoded(http_server: LocalServer, config: Config, client: httpx.Client) -> None:
    import zlib

    http_server.routes["/deflate.rss"] = Route(body=zlib.compress(FEED), headers={"Content-Encoding": "deflate"})
    got = collect_source(source(http_server.url("/deflate.rss")), config.settings, client, NOW)
    assert got.ok and len(got.frame) == 70
    assert "gzip" in http_server.requests[-1][1]["Accept-Encoding"] and "deflate" in http_server.requests[-1][1]["Accept-Encoding"]
