"""Posting one JSON body to a webhook (httpx), signed when a secret is given; every failure is a Delivery.

The body is sent as compact UTF-8 JSON. With a secret, ``X-Listening-Signature: sha256=<hex>`` is the
HMAC-SHA256 of exactly those bytes, so a receiver checks it before parsing. Redirects are never followed
(a POST that is moved is a misconfigured address, and following it could send alerts somewhere else).
Errors name only the host and port, never the whole address: webhook addresses often carry a token.
``timeout`` bounds each network step and, while reading the answer, the whole request.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from typing import Any

import httpx

from delivery.result import Delivery

USER_AGENT = "ListeningPost/0.1 (alert webhook)"
#: The answer is read only to finish the exchange; a receiver sending more than this is misbehaving.
MAX_RESPONSE_BYTES = 1_000_000


def post_webhook(url: str, body: dict[str, Any], *, secret: str | None = None, timeout: float = 10.0,
                 user_agent: str = USER_AGENT, max_response_bytes: int = MAX_RESPONSE_BYTES) -> Delivery:
    """POST ``body`` as JSON to ``url``; ok only for a 2xx answer read in time. Never raises."""
    where = _where(url)
    if where is None:
        return Delivery("webhook", False, "webhook: the address is not a valid http or https address")
    try:
        data = json.dumps(body, ensure_ascii=False, separators=(",", ":"), default=str).encode("utf-8")
    except (TypeError, ValueError) as exc:
        return Delivery("webhook", False, f"webhook: the body for {where} could not be written as JSON: {exc}")
    headers = {"Content-Type": "application/json; charset=utf-8", "User-Agent": user_agent,
               "Accept": "application/json, text/plain;q=0.9, */*;q=0.5"}
    if secret:
        headers["X-Listening-Signature"] = "sha256=" + sign(data, secret)
    try:
        problem = _post(url, where, data, headers, timeout, max_response_bytes)
    except httpx.TimeoutException:
        problem = f"{where} did not answer within {timeout:g} seconds"
    except httpx.ConnectError as exc:
        problem = f"could not connect to {where}: {_reason(exc)}"
    except (httpx.HTTPError, httpx.InvalidURL, OSError, ValueError) as exc:
        problem = f"posting to {where} failed: {_reason(exc)}"
    if problem:
        return Delivery("webhook", False, f"webhook: {problem}")
    return Delivery("webhook", True)


def sign(data: bytes, secret: str) -> str:
    """The hex HMAC-SHA256 of ``data`` with ``secret`` (UTF-8), as sent in X-Listening-Signature."""
    return hmac.new(secret.encode("utf-8"), data, hashlib.sha256).hexdigest()


def _post(url: str, where: str, data: bytes, headers: dict[str, str], timeout: float, max_bytes: int) -> str:
    """Send and read the answer; '' when accepted, else the problem in plain words."""
    deadline = time.monotonic() + timeout
    with httpx.Client(timeout=httpx.Timeout(timeout), follow_redirects=False) as client:
        with client.stream("POST", url, content=data, headers=headers) as response:
            status = " ".join(f"{response.status_code} {response.reason_phrase}".split())[:80]
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                return f"{where} answered {status} with a body larger than {max_bytes:,} bytes"
            total = 0
            for chunk in response.iter_raw():
                total += len(chunk)
                if total > max_bytes:
                    return f"{where} answered {status} with a body larger than {max_bytes:,} bytes"
                if time.monotonic() > deadline:
                    return f"{where} answered {status} but was still sending after {timeout:g} seconds"
            if response.is_redirect:
                return (f"{where} answered {status} (a redirect, not followed); "
                        "set [webhook] url to the final address")
            if not response.is_success:
                return f"{where} answered {status}"
    return ""


def _where(url: str) -> str | None:
    """``host:port`` of ``url`` (no path, query or credentials), or None when it is not an http(s) address."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError):
        return None
    if parsed.scheme not in ("http", "https") or not parsed.host:
        return None
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    return f"{parsed.host}:{port}"


def _reason(exc: BaseException) -> str:
    """The innermost plain reason (e.g. 'Connection refused') rather than an errno dump."""
    seen = exc
    while seen is not None:
        if isinstance(seen, OSError) and seen.strerror:
            return seen.strerror
        seen = seen.__cause__ or seen.__context__  # type: ignore[assignment]
    text = str(exc)
    return text.split("] ", 1)[1] if text.startswith("[Errno") and "] " in text else (text or type(exc).__name__)
