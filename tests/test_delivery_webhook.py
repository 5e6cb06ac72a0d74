"""delivery.webhook against the real local HTTP server (conftest's ``http_server``): body, signature, failures."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import socket
import time
from http.server import BaseHTTPRequestHandler

from config import EmailSettings
from conftest import LocalServer, Route
from delivery import deliver, post_webhook, send_digest
from test_delivery import make_alert, make_settings

NOW = dt.datetime(2025, 11, 1, 9, 5, tzinfo=dt.timezone.utc)


def lower(headers: dict[str, str]) -> dict[str, str]:
    return {key.lower(): value for key, value in headers.items()}


def test_deliver_posts_the_batch_as_signed_json(http_server: LocalServer, monkeypatch) -> None:
    http_server.routes["/hook"] = Route(status=204)
    monkeypatch.setenv("LP_TEST_WEBHOOK_SECRET", "s3cret")
    settings = make_settings(webhook_url=http_server.url("/hook?token=abc"),
                             webhook_secret_env="LP_TEST_WEBHOOK_SECRET")
    alerts = [make_alert(), make_alert(kind="negative_surge", subject="PIP")]
    assert [(r.channel, r.ok, r.error) for r in deliver(alerts, settings, now=NOW)] == [("webhook", True, "")]
    ((path, headers, body),) = http_server.posts
    headers = lower(headers)
    assert path == "/hook?token=abc"
    assert headers["content-type"] == "application/json; charset=utf-8"
    assert headers["user-agent"].startswith("ListeningPost/")
    expected = "sha256=" + hmac.new(b"s3cret", body, hashlib.sha256).hexdigest()
    assert hmac.compare_digest(headers["x-listening-signature"], expected)
    sent = json.loads(body)
    assert sent == {"type": "alert", "organisation": "DWP", "sent_at": "2025-11-01T09:05:00+00:00",
                    "alerts": [alert.to_json() for alert in alerts]}


def test_without_a_secret_there_is_no_signature(http_server: LocalServer) -> None:
    http_server.routes["/hook"] = Route(status=200, body=b'{"ok": true}')
    result = post_webhook(http_server.url("/hook"), {"type": "alert", "alerts": []})
    assert result.ok
    assert "x-listening-signature" not in lower(http_server.posts[0][1])


def test_a_missing_secret_variable_posts_nothing(http_server: LocalServer, monkeypatch) -> None:
    http_server.routes["/hook"] = Route(status=200)
    monkeypatch.delenv("LP_TEST_WEBHOOK_SECRET", raising=False)
    settings = make_settings(webhook_url=http_server.url("/hook"), webhook_secret_env="LP_TEST_WEBHOOK_SECRET")
    (result,) = deliver([make_alert()], settings)
    assert not result.ok and "LP_TEST_WEBHOOK_SECRET" in result.error and http_server.posts == []


def test_the_digest_is_posted_as_its_own_type(http_server: LocalServer) -> None:
    http_server.routes["/hook"] = Route(status=200)
    settings = make_settings(webhook_url=http_server.url("/hook"))
    results = send_digest([make_alert()], dt.date(2025, 11, 1), {"mentions": 1234}, settings, now=NOW)
    assert [r.ok for r in results] == [True]
    sent = json.loads(http_server.posts[0][2])
    assert sent["type"] == "digest" and sent["day"] == "2025-11-01" and sent["counts"] == {"volume_spike": 1}
    assert sent["figures"] == {"mentions": 1234} and len(sent["alerts"]) == 1


def test_a_server_error_names_the_host_and_status(http_server: LocalServer) -> None:
    http_server.routes["/hook"] = Route(status=500, body=b"boom")
    result = post_webhook(http_server.url("/hook?token=secret-token"), {"type": "alert"})
    port = http_server.httpd.server_address[1]
    assert result == result.__class__("webhook", False, f"webhook: 127.0.0.1:{port} answered 500 Internal Server Error")
    assert "secret-token" not in result.error


def test_a_redirect_is_not_followed(http_server: LocalServer) -> None:
    http_server.routes["/hook"] = Route(status=302, headers={"Location": "/elsewhere"})
    http_server.routes["/elsewhere"] = Route(status=200)
    result = post_webhook(http_server.url("/hook"), {"type": "alert"})
    assert not result.ok and "answered 302 Found (a redirect, not followed)" in result.error
    assert [path for path, _, _ in http_server.posts] == ["/hook"]


def test_a_receiver_slower_than_the_timeout_is_a_timeout(http_server: LocalServer) -> None:
    def slow(handler: BaseHTTPRequestHandler) -> None:
        time.sleep(1.5)
        handler.send_response(200)
        handler.end_headers()

    http_server.routes["/hook"] = Route(handler=slow)
    started = time.monotonic()
    result = post_webhook(http_server.url("/hook"), {"type": "alert"}, timeout=0.3)
    assert time.monotonic() - started < 1.2
    port = http_server.httpd.server_address[1]
    assert result.error == f"webhook: 127.0.0.1:{port} did not answer within 0.3 seconds"


def test_a_dripping_answer_is_cut_at_the_timeout(http_server: LocalServer) -> None:
    def drip(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.end_headers()
        try:
            for _ in range(40):
                handler.wfile.write(b"x")
                handler.wfile.flush()
                time.sleep(0.05)
        except OSError:
            return

    http_server.routes["/hook"] = Route(handler=drip)
    started = time.monotonic()
    result = post_webhook(http_server.url("/hook"), {"type": "alert"}, timeout=0.5)
    assert time.monotonic() - started < 1.5
    assert not result.ok and "answered 200 OK but was still sending after 0.5 seconds" in result.error


def test_an_oversized_answer_is_a_failure(http_server: LocalServer) -> None:
    http_server.routes["/declared"] = Route(status=200, body=b"x" * 5000)

    def undeclared(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.end_headers()
        handler.wfile.write(b"y" * 5000)

    http_server.routes["/undeclared"] = Route(handler=undeclared)
    for path in ("/declared", "/undeclared"):
        result = post_webhook(http_server.url(path), {"type": "alert"}, max_response_bytes=1000)
        assert not result.ok and "answered 200 OK with a body larger than 1,000 bytes" in result.error, path


def test_a_closed_port_is_connection_refused() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = post_webhook(f"http://127.0.0.1:{port}/hook", {"type": "alert"})
    assert result.error == f"webhook: could not connect to 127.0.0.1:{port}: Connection refused"


def test_a_bad_address_is_reported_not_raised() -> None:
    assert not post_webhook("ftp://example.org/hook", {}).ok
    assert not post_webhook("http://", {}).ok


def test_a_failing_email_does_not_stop_the_webhook(http_server: LocalServer) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    http_server.routes["/hook"] = Route(status=200)
    settings = make_settings(EmailSettings(enabled=True, port=closed, recipients=("press@dwp.example",)),
                             webhook_url=http_server.url("/hook"))
    results = deliver([make_alert()], settings, now=NOW)
    assert [(r.channel, r.ok) for r in results] == [("email", False), ("webhook", True)]
    assert f"127.0.0.1:{closed}" in results[0].error and len(http_server.posts) == 1
