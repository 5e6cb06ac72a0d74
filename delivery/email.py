"""Sending one message over SMTP: plain, STARTTLS or TLS, with an optional login; every failure is a Delivery.

The password never sits in a file: ``[email] password_env`` names the environment variable that holds it.
``timeout_seconds`` bounds each step of the conversation (connecting, the TLS handshake, every reply), which
is what smtplib offers; a server that stops answering is given up on after that long.
Certificates are checked against the system's trusted authorities (``SSL_CERT_FILE`` adds one, as OpenSSL does).
"""

from __future__ import annotations

import datetime as dt
import os
import smtplib
import socket
import ssl
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from config import EmailSettings
from delivery.result import Delivery


class _Failed(Exception):
    """A failure already put in plain words (raised inside the conversation, caught in send_email)."""


def send_email(settings: EmailSettings, subject: str, text: str, html: str | None = None) -> Delivery:
    """Send one message from ``settings.sender`` to every recipient; never raises for a network or server problem."""
    where = f"{settings.host}:{settings.port}"
    if not settings.recipients:
        return Delivery("email", False, "email: [email] recipients is empty; nothing was sent")
    password = None
    if settings.username:
        if not settings.password_env:
            return Delivery("email", False, f"email: [email] username is {settings.username!r} but password_env "
                                            "names no environment variable; nothing was sent")
        password = os.environ.get(settings.password_env)
        if password is None:
            return Delivery("email", False, f"email: the environment variable {settings.password_env} (named by "
                                            "[email] password_env) is not set; nothing was sent")
    message = _message(settings, subject, text, html)
    try:
        refused = _converse(settings, message, password)
    except _Failed as exc:
        return Delivery("email", False, f"email: {exc}")
    except Exception as exc:  # noqa: BLE001 - any failure of the conversation is reported, not raised
        return Delivery("email", False, f"email: {_explain(exc, where, settings)}")
    if refused:
        named = ", ".join(f"{rcpt} ({code} {_said(reply)})" for rcpt, (code, reply) in sorted(refused.items()))
        return Delivery("email", False, f"email: {where} refused some recipients, the others were sent the "
                                        f"message: {named}")
    return Delivery("email", True)


def _message(settings: EmailSettings, subject: str, text: str, html: str | None) -> EmailMessage:
    message = EmailMessage()
    message["From"] = settings.sender
    message["To"] = ", ".join(settings.recipients)
    message["Subject"] = " ".join(subject.split())  # one line whatever the caller passed
    message["Date"] = format_datetime(dt.datetime.now(dt.timezone.utc))
    domain = settings.sender.rpartition("@")[2] or None
    message["Message-ID"] = make_msgid(domain=domain)
    message.set_content(text)
    if html is not None:
        message.add_alternative(html, subtype="html")
    return message


def _converse(settings: EmailSettings, message: EmailMessage, password: str | None) -> dict[str, tuple[int, bytes]]:
    """Connect, secure, log in and send; returns the recipients the server refused while accepting others."""
    where = f"{settings.host}:{settings.port}"
    context = ssl.create_default_context()
    timeout = settings.timeout_seconds
    if settings.security == "tls":
        smtp: smtplib.SMTP = smtplib.SMTP_SSL(settings.host, settings.port, timeout=timeout, context=context)
    else:
        smtp = smtplib.SMTP(settings.host, settings.port, timeout=timeout)
    try:
        if settings.security == "starttls":
            smtp.ehlo()
            if not smtp.has_extn("starttls"):
                raise _Failed(f"{where} does not offer STARTTLS, and [email] security is \"starttls\"; nothing was "
                              "sent (the message and password are never sent in the clear)")
            smtp.starttls(context=context)
            smtp.ehlo()
        if password is not None:
            smtp.login(settings.username, password)
        refused = smtp.send_message(message)
        _quit_quietly(smtp)
        return refused
    finally:
        smtp.close()


def _quit_quietly(smtp: smtplib.SMTP) -> None:
    # The message is accepted by now: a server that mishandles QUIT does not make the delivery a failure.
    try:
        smtp.quit()
    except (smtplib.SMTPException, OSError):
        pass


def _explain(exc: Exception, where: str, settings: EmailSettings) -> str:
    """One line saying what went wrong with the conversation with ``where``."""
    if _timed_out(exc):
        return f"{where} did not answer within {settings.timeout_seconds:g} seconds"
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return f"{where} refused the login for {settings.username!r}: {exc.smtp_code} {_said(exc.smtp_error)}"
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        return f"{where} does not support what was asked: {exc}"
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        named = ", ".join(f"{rcpt} ({code} {_said(reply)})" for rcpt, (code, reply) in sorted(exc.recipients.items()))
        return f"{where} refused every recipient: {named}"
    if isinstance(exc, smtplib.SMTPSenderRefused):
        return f"{where} refused the sender {settings.sender}: {exc.smtp_code} {_said(exc.smtp_error)}"
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return f"{where} closed the connection early ({exc or 'no reason given'})"
    if isinstance(exc, smtplib.SMTPConnectError):
        return f"{where} refused the connection: {exc.smtp_code} {_said(exc.smtp_error)}"
    if isinstance(exc, smtplib.SMTPDataError):
        return f"{where} refused the message: {exc.smtp_code} {_said(exc.smtp_error)}"
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"{where} answered {exc.smtp_code} {_said(exc.smtp_error)}"
    if isinstance(exc, ssl.SSLCertVerificationError):
        return f"the TLS certificate of {where} was not accepted: {exc.verify_message or exc}"
    if isinstance(exc, ssl.SSLError) and exc.reason == "WRONG_VERSION_NUMBER":
        return (f"{where} did not answer in TLS; with security \"tls\" the port must speak TLS at once (usually "
                "465), while 587 and 25 use \"starttls\"")
    if isinstance(exc, ssl.SSLError):
        return f"TLS with {where} failed ({exc.reason or exc}); check [email] security and port"
    if isinstance(exc, socket.gaierror):
        return f"could not find the host {settings.host} ({exc.strerror or exc})"
    if isinstance(exc, ConnectionRefusedError):
        return f"could not connect to {where}: Connection refused"
    if isinstance(exc, OSError):
        return f"could not talk to {where}: {exc.strerror or exc}"
    return f"sending through {where} failed: {type(exc).__name__}: {exc}"


def _timed_out(exc: BaseException) -> bool:
    # smtplib turns a read timeout into SMTPServerDisconnected; the timeout is kept as its context.
    while exc is not None:
        if isinstance(exc, (TimeoutError, socket.timeout)):
            return True
        exc = exc.__cause__ or exc.__context__  # type: ignore[assignment]
    return False


def _said(reply: bytes | str) -> str:
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
    return " ".join(text.split())
