"""delivery.email against a real SMTP server on 127.0.0.1 (aiosmtpd), and raw sockets for broken servers.

TLS tests make a self-signed certificate for 127.0.0.1 with the openssl command (skipped with the reason
when it is absent) and trust it through SSL_CERT_FILE, which is how OpenSSL is told of an extra authority.
"""

from __future__ import annotations

import shutil
import socket
import ssl
import subprocess
import threading
import time
from collections.abc import Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from config import EmailSettings
from delivery import deliver, send_email
from test_delivery import LINK, hostile_alert, make_alert, make_settings


class Inbox:
    """An aiosmtpd handler that keeps what it is sent; addresses at refused.example are refused."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.envelopes: list[Any] = []

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str,  # noqa: N802
                          rcpt_options: list[str]) -> str:
        if address.endswith("@refused.example"):
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        self.envelopes.append(envelope)
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted for delivery"


class LocalController(Controller):
    """aiosmtpd's Controller on a free port chosen by the system (port 0), read back once bound."""

    def _trigger_server(self) -> None:
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()


def smtp_server(**kwargs: Any) -> tuple[LocalController, Inbox]:
    inbox = Inbox()
    controller = LocalController(inbox, hostname="127.0.0.1", port=0, **kwargs)
    controller.start()
    return controller, inbox


@pytest.fixture
def smtp() -> Iterator[tuple[LocalController, Inbox]]:
    controller, inbox = smtp_server()
    yield controller, inbox
    controller.stop()


def email_settings(port: int, **changes: Any) -> EmailSettings:
    values: dict[str, Any] = dict(enabled=True, host="127.0.0.1", port=port, security="none",
                                  sender="listening-post@dwp.example", recipients=("press@dwp.example",),
                                  timeout_seconds=5.0)
    return EmailSettings(**(values | changes))


def test_deliver_sends_the_alert_as_one_email_with_figures_terms_sources_samples_and_link(smtp) -> None:
    controller, inbox = smtp
    settings = make_settings(email_settings(controller.port, recipients=("press@dwp.example", "duty@dwp.example")))
    results = deliver([make_alert()], settings)
    assert [(r.channel, r.ok, r.error) for r in results] == [("email", True, "")]
    (message,) = inbox.messages
    assert message["From"] == "listening-post@dwp.example"
    assert message["To"] == "press@dwp.example, duty@dwp.example"
    assert inbox.envelopes[0].rcpt_tos == ["press@dwp.example", "duty@dwp.example"]
    assert message["Subject"] == "[Listening Post] Volume spike: Winter Fuel Payment (3.4x usual)"
    assert message["Message-ID"].endswith("@dwp.example>") and message["Date"]
    text = message.get_body(("plain",)).get_content()
    for needed in ("42 observed against 12.4 usually (3.4x usual)", "winter fuel, means test, pensioners",
                   "BBC News (12), Mumsnet (8)", "Pensioners lose winter fuel payment",
                   "Anyone else had the letter?", LINK, "GMT"):
        assert needed in text, needed
    assert f'href="{LINK}"' in message.get_body(("html",)).get_content()


def test_a_batch_of_alerts_is_one_email(smtp) -> None:
    controller, inbox = smtp
    second = make_alert(kind="negative_surge", subject="PIP", ratio=2.5)
    results = deliver([make_alert(), second], make_settings(email_settings(controller.port)))
    assert [r.ok for r in results] == [True]
    assert len(inbox.messages) == 1 and inbox.messages[0]["Subject"].startswith("[Listening Post] 2 alerts: ")
    assert deliver([], make_settings(email_settings(controller.port))) == []


def test_a_hostile_title_cannot_add_headers(smtp) -> None:
    controller, inbox = smtp
    assert deliver([hostile_alert()], make_settings(email_settings(controller.port)))[0].ok
    (message,) = inbox.messages
    assert message["Bcc"] is None and message["X-Injected"] is None and message["To"] == "press@dwp.example"
    assert "&lt;script&gt;" in message.get_body(("html",)).get_content()


def test_login_uses_the_password_from_the_environment_variable(monkeypatch) -> None:
    seen: list[tuple[bytes, bytes]] = []

    def authenticator(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
        assert isinstance(data, LoginPassword)
        seen.append((data.login, data.password))
        return AuthResult(success=data.password == b"correct horse", handled=False)  # False: the server says 535

    controller, inbox = smtp_server(authenticator=authenticator, auth_require_tls=False)
    try:
        settings = email_settings(controller.port, username="lp-alerts", password_env="LP_TEST_SMTP_PASSWORD")
        monkeypatch.setenv("LP_TEST_SMTP_PASSWORD", "correct horse")
        assert send_email(settings, "Subject", "text").ok
        assert seen == [(b"lp-alerts", b"correct horse")] and len(inbox.messages) == 1
        monkeypatch.setenv("LP_TEST_SMTP_PASSWORD", "wrong")
        refused = send_email(settings, "Subject", "text")
        assert not refused.ok and f"127.0.0.1:{controller.port} refused the login for 'lp-alerts'" in refused.error
        assert "535" in refused.error and len(inbox.messages) == 1
    finally:
        controller.stop()


def test_a_missing_password_variable_sends_nothing(smtp, monkeypatch) -> None:
    controller, inbox = smtp
    monkeypatch.delenv("LP_TEST_SMTP_PASSWORD", raising=False)
    settings = email_settings(controller.port, username="lp-alerts", password_env="LP_TEST_SMTP_PASSWORD")
    result = send_email(settings, "Subject", "text")
    assert not result.ok and "LP_TEST_SMTP_PASSWORD" in result.error and "nothing was sent" in result.error
    assert inbox.messages == []


def test_refused_recipients_are_named(smtp) -> None:
    controller, inbox = smtp
    every = send_email(email_settings(controller.port, recipients=("a@refused.example",)), "S", "t")
    assert not every.ok and every.error == (f"email: 127.0.0.1:{controller.port} refused every recipient: "
                                            "a@refused.example (550 5.1.1 No such mailbox here)")
    some = send_email(email_settings(controller.port, recipients=("press@dwp.example", "b@refused.example")), "S", "t")
    assert not some.ok and "b@refused.example (550" in some.error and "the others were sent" in some.error
    assert [e.rcpt_tos for e in inbox.envelopes] == [["press@dwp.example"]]


def test_starttls_demanded_of_a_server_without_it_is_a_clear_error(smtp) -> None:
    controller, inbox = smtp
    result = send_email(email_settings(controller.port, security="starttls"), "S", "t")
    assert not result.ok
    assert f"127.0.0.1:{controller.port} does not offer STARTTLS" in result.error and inbox.messages == []


def test_implicit_tls_against_a_plain_server_is_a_clear_error(smtp) -> None:
    controller, _ = smtp
    result = send_email(email_settings(controller.port, security="tls"), "S", "t")
    assert not result.ok and f"127.0.0.1:{controller.port} did not answer in TLS" in result.error, result.error


@pytest.fixture
def certificate(tmp_path: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 and its key, made with the openssl command."""
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("the openssl command is not installed, so no test certificate can be made")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run([openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True, timeout=60)
    return cert, key


def server_context(certificate: tuple[Path, Path]) -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*certificate)
    return context


def test_starttls_with_a_trusted_certificate(certificate, monkeypatch) -> None:
    controller, inbox = smtp_server(tls_context=server_context(certificate), require_starttls=True)
    try:
        settings = email_settings(controller.port, security="starttls")
        untrusted = send_email(settings, "S", "t")
        assert not untrusted.ok and "certificate" in untrusted.error and f":{controller.port}" in untrusted.error
        monkeypatch.setenv("SSL_CERT_FILE", str(certificate[0]))
        assert send_email(settings, "Over STARTTLS", "t").ok
        assert [m["Subject"] for m in inbox.messages] == ["Over STARTTLS"]
    finally:
        controller.stop()


def test_implicit_tls_with_a_trusted_certificate(certificate, monkeypatch) -> None:
    controller, inbox = smtp_server(ssl_context=server_context(certificate))
    try:
        settings = email_settings(controller.port, security="tls")
        untrusted = send_email(settings, "S", "t")
        assert not untrusted.ok and untrusted.error.startswith(f"email: the TLS certificate of 127.0.0.1:"
                                                               f"{controller.port} was not accepted")
        monkeypatch.setenv("SSL_CERT_FILE", str(certificate[0]))
        assert send_email(settings, "Over TLS", "t").ok
        assert [m["Subject"] for m in inbox.messages] == ["Over TLS"]
    finally:
        controller.stop()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_closed_port_is_connection_refused() -> None:
    port = free_port()
    result = send_email(email_settings(port), "S", "t")
    assert result == result.__class__("email", False, f"email: could not connect to 127.0.0.1:{port}: "
                                                      "Connection refused")


class RawServer:
    """A TCP listener on 127.0.0.1 that accepts and then either stays silent or hangs up at once."""

    def __init__(self, hang_up: bool) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.accepted: list[socket.socket] = []
        self.hang_up = hang_up
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        try:
            while True:
                conn, _ = self.sock.accept()
                if self.hang_up:
                    conn.close()
                else:
                    self.accepted.append(conn)  # kept open, never written to
        except OSError:
            return

    def close(self) -> None:
        self.sock.close()
        for conn in self.accepted:
            conn.close()


def test_a_server_that_never_answers_times_out_within_the_timeout() -> None:
    silent = RawServer(hang_up=False)
    try:
        started = time.monotonic()
        result = send_email(email_settings(silent.port, timeout_seconds=0.5), "S", "t")
        elapsed = time.monotonic() - started
    finally:
        silent.close()
    assert result.error == f"email: 127.0.0.1:{silent.port} did not answer within 0.5 seconds"
    assert 0.4 < elapsed < 3


def test_a_server_closing_early_is_reported() -> None:
    rude = RawServer(hang_up=True)
    try:
        result = send_email(email_settings(rude.port), "S", "t")
    finally:
        rude.close()
    assert not result.ok and result.error.startswith(f"email: 127.0.0.1:{rude.port} closed the connection early")


def test_an_unknown_host_is_reported() -> None:
    result = send_email(email_settings(25, host="no-such-host.invalid"), "S", "t")
    assert not result.ok and "could not find the host no-such-host.invalid" in result.error
