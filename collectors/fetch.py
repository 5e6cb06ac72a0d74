"""Fetching source bytes: the only module that touches the network.

:func:`fetch` downloads an http(s) address with httpx, streaming so that a body larger than the
configured maximum is refused before it fills memory, and enforcing a deadline on the whole
request as well as httpx's connect and read timeouts. :func:`read_file` reads a local source.
Every failure becomes a :class:`FetchError` whose message is plain words for the Sources page
("timed out after 10 s", "HTTP 404 Not Found", "larger than 10 MB").
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

MAX_REDIRECTS = 5


class FetchError(Exception):
    """A source could not be fetched; the message is shown to users as the source's health."""


@dataclass(frozen=True)
class Fetched:
    """Bytes of a source plus what the parser may need from the response."""

    content: bytes
    headers: dict[str, str] = field(default_factory=dict)
    url: str = ""
    status: int = 200


def make_client(timeout_seconds: float, user_agent: str, transport: httpx.BaseTransport | None = None) -> httpx.Client:
    """An httpx client with our timeouts, redirect limit, and honest User-Agent."""
    return httpx.Client(
        timeout=httpx.Timeout(timeout_seconds),
        follow_redirects=True,
        max_redirects=MAX_REDIRECTS,
        headers={"User-Agent": user_agent, "Accept": _ACCEPT},
        transport=transport,
    )


_ACCEPT = ("application/atom+xml, application/rss+xml, application/feed+json, application/json;q=0.9, "
           "application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5")


def fetch(url: str, client: httpx.Client, max_bytes: int, timeout_seconds: float) -> Fetched:
    """Download ``url``; raise FetchError in plain words on any failure."""
    if not url.lower().startswith(("http://", "https://")):
        raise FetchError(f"only http and https addresses can be fetched, not {url!r}")
    deadline = time.monotonic() + timeout_seconds
    try:
        with client.stream("GET", url) as response:
            if response.status_code >= 400:
                raise FetchError(f"HTTP {response.status_code} {response.reason_phrase}".strip())
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise FetchError(f"larger than {_size(max_bytes)} (the server says {_size(int(declared))})")
            content = _read_capped(response, max_bytes, deadline, timeout_seconds)
            return Fetched(content, dict(response.headers), str(response.url), response.status_code)
    except httpx.TimeoutException:
        raise FetchError(f"timed out after {timeout_seconds:g} s") from None
    except httpx.TooManyRedirects:
        raise FetchError(f"too many redirects (more than {MAX_REDIRECTS})") from None
    except httpx.DecodingError:
        raise FetchError("the server sent a compressed body that could not be decompressed") from None
    except httpx.ConnectError as exc:
        raise FetchError(f"could not connect: {_reason(exc)}") from None
    except httpx.InvalidURL:
        raise FetchError(f"not a valid address: {url!r}") from None
    except httpx.HTTPError as exc:
        raise FetchError(f"network error: {_reason(exc)}") from None


def _read_capped(response: httpx.Response, max_bytes: int, deadline: float, timeout_seconds: float) -> bytes:
    chunks: list[bytes] = []
    total = 0
    for chunk in response.iter_bytes():
        total += len(chunk)
        if total > max_bytes:
            raise FetchError(f"larger than {_size(max_bytes)}")
        if time.monotonic() > deadline:
            raise FetchError(f"timed out after {timeout_seconds:g} s")
        chunks.append(chunk)
    return b"".join(chunks)


def read_file(path: Path, max_bytes: int) -> Fetched:
    """Read a local source file; raise FetchError in plain words if it is missing or too large."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise FetchError(f"larger than {_size(max_bytes)}")
        return Fetched(path.read_bytes(), {}, path.as_uri(), 200)
    except FileNotFoundError:
        raise FetchError(f"file not found: {path}") from None
    except IsADirectoryError:
        raise FetchError(f"is a folder, not a file: {path}") from None
    except PermissionError:
        raise FetchError(f"permission denied reading {path}") from None


def _size(n: int) -> str:
    return f"{n / 1_000_000:g} MB" if n >= 1_000_000 else f"{n / 1000:g} kB"


def _reason(exc: Exception) -> str:
    text = str(exc).strip()
    return text if text else type(exc).__name__
