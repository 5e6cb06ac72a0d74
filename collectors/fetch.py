"""Fetching source bytes: the only module that touches the network.

:func:`fetch` downloads an http(s) address with httpx:

* streaming, so a body larger than the maximum (after decompression, so a gzip bomb too) is
  refused before it fills memory, with a deadline on the whole request besides httpx's connect
  and read timeouts;
* conditionally (``If-None-Match`` / ``If-Modified-Since`` from the last response), a 304 costing
  no download; callers also compare a hash of the body, since servers' validators can be wrong;
* behind an SSRF guard, on by default, that resolves every host (the first request and each
  redirect) and refuses private, loopback, link-local and other non-public addresses;
* reporting permanent redirects so the stored address can be updated, and ``Retry-After``.

Every failure is a :class:`FetchError` with a plain-words message for the Sources page
("timed out after 10 s", "HTTP 404 Not Found", "larger than 10 MB") and a ``kind``:
``temporary`` (worth retrying soon: timeouts, 5xx, 429), ``hard`` (needs a person: 404, 410,
401/403, refused addresses) or ``soft`` (the content is wrong: not a feed, broken XML).
:func:`read_file` reads a local source.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import socket
import time
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from pathlib import Path

import httpx

MAX_REDIRECTS = 5
TEMPORARY, HARD, SOFT = "temporary", "hard", "soft"
_HARD_STATUSES = {400, 401, 403, 404, 405, 406, 410, 451}


class FetchError(Exception):
    """A source could not be fetched; the message is shown to users as the source's health."""

    def __init__(self, message: str, kind: str = TEMPORARY, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.retry_after = retry_after


class AddressRefused(httpx.TransportError):
    """The SSRF guard refused a host that resolves to a non-public address."""


@dataclass(frozen=True)
class Fetched:
    """Bytes of a source plus what the parser and the scheduler need from the response."""

    content: bytes
    headers: dict[str, str] = field(default_factory=dict)
    url: str = ""
    status: int = 200
    not_modified: bool = False
    moved_to: str | None = None       # the new address after permanent redirects only

    @property
    def etag(self) -> str | None:
        return _header(self.headers, "etag")

    @property
    def last_modified(self) -> str | None:
        return _header(self.headers, "last-modified")


def _header(headers: dict[str, str], name: str) -> str | None:
    return next((v for k, v in headers.items() if k.lower() == name), None)


def _refusal(address: str) -> str | None:
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    for label, flag in (("loopback", ip.is_loopback), ("link-local", ip.is_link_local),
                        ("private", ip.is_private), ("multicast", ip.is_multicast),
                        ("reserved", ip.is_reserved), ("unspecified", ip.is_unspecified)):
        if flag:
            return label
    return None if ip.is_global else "non-public"


class GuardedTransport(httpx.BaseTransport):
    """Refuses requests to hosts that resolve to non-public addresses, on every hop of a redirect chain.

    The request is then sent to the address that was checked (the Host header and TLS server name
    stay the original host), so a DNS answer that changes between the check and the connection
    (DNS rebinding) cannot reach a private address.
    """

    def __init__(self, inner: httpx.BaseTransport, allow_private: bool = False) -> None:
        self.inner = inner
        self.allow_private = allow_private

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if not self.allow_private:
            host = request.url.host
            address = self._check(host, request.url.port or (443 if request.url.scheme == "https" else 80))
            if address != host:
                if request.url.scheme == "https":
                    request.extensions = {**request.extensions, "sni_hostname": host}
                request.url = request.url.copy_with(host=address)
        return self.inner.handle_request(request)

    @staticmethod
    def _check(host: str, port: int) -> str:
        """The first address of ``host``, after checking that every address it resolves to is public."""
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as exc:
            raise httpx.ConnectError(f"could not find the host {host!r} ({exc})") from None
        addresses = [str(info[4][0]) for info in infos]
        for address in addresses:
            why = _refusal(address)
            if why:
                raise AddressRefused(f"{host} resolves to a {why} address ({address})")
        return addresses[0]

    def close(self) -> None:
        self.inner.close()


def make_client(timeout_seconds: float, user_agent: str, transport: httpx.BaseTransport | None = None,
                allow_private: bool = False) -> httpx.Client:
    """An httpx client with our timeouts, redirect limit, honest User-Agent and the SSRF guard."""
    return httpx.Client(
        timeout=httpx.Timeout(timeout_seconds),
        follow_redirects=True,
        max_redirects=MAX_REDIRECTS,
        headers={"User-Agent": user_agent, "Accept": _ACCEPT},
        transport=GuardedTransport(transport or httpx.HTTPTransport(), allow_private=allow_private),
    )


_ACCEPT = ("application/atom+xml, application/rss+xml, application/feed+json, application/json;q=0.9, "
           "application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5")


def fetch(url: str, client: httpx.Client, max_bytes: int, timeout_seconds: float,
          etag: str | None = None, last_modified: str | None = None) -> Fetched:
    """Download ``url`` (conditionally when validators are given); raise FetchError in plain words."""
    if not url.lower().startswith(("http://", "https://")):
        raise FetchError(f"only http and https addresses can be fetched, not {url!r}", HARD)
    headers = {k: v for k, v in (("If-None-Match", etag), ("If-Modified-Since", last_modified)) if v}
    deadline = time.monotonic() + timeout_seconds
    try:
        with client.stream("GET", url, headers=headers) as response:
            moved = _permanent_target(response)
            if response.status_code == 304:
                return Fetched(b"", dict(response.headers), str(response.url), 304, True, moved)
            if response.status_code >= 400:
                raise _status_error(response)
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise FetchError(f"larger than {_size(max_bytes)} (the server says {_size(int(declared))})", HARD)
            content = _read_capped(response, max_bytes, deadline, timeout_seconds)
            return Fetched(content, dict(response.headers), str(response.url), response.status_code, False, moved)
    except httpx.TimeoutException:
        raise FetchError(f"timed out after {timeout_seconds:g} s") from None
    except httpx.TooManyRedirects:
        raise FetchError(f"too many redirects (more than {MAX_REDIRECTS})", HARD) from None
    except httpx.DecodingError:
        raise FetchError("the server sent a compressed body that could not be decompressed", SOFT) from None
    except AddressRefused as exc:
        raise FetchError(f"refused for safety: {exc}; set allow_private_addresses = true under [fetch] "
                         "in settings.toml to allow it", HARD) from None
    except httpx.ConnectError as exc:
        raise FetchError(f"could not connect: {_reason(exc)}") from None
    except httpx.InvalidURL:
        raise FetchError(f"not a valid address: {url!r}", HARD) from None
    except httpx.HTTPError as exc:
        raise FetchError(f"network error: {_reason(exc)}") from None


def _permanent_target(response: httpx.Response) -> str | None:
    """Where the permanent (301/308) redirects at the start of the chain lead, if any."""
    target = None
    for hop in response.history:
        if hop.status_code not in (301, 308):
            break
        location = hop.headers.get("location")
        target = str(hop.url.join(location)) if location else None
    return target


def _status_error(response: httpx.Response) -> FetchError:
    status = response.status_code
    message = f"HTTP {status} {response.reason_phrase}".strip()
    if status in (429, 503):
        wait = retry_after(response.headers.get("retry-after"))
        if wait is not None:
            message += f" (asked to retry after {_duration(wait)})"
        return FetchError(message, TEMPORARY, wait)
    return FetchError(message, HARD if status in _HARD_STATUSES else TEMPORARY)


def retry_after(value: str | None, now: dt.datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date); None if absent or bad."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    return max(0.0, (when - (now or dt.datetime.now(dt.timezone.utc))).total_seconds())


def _read_capped(response: httpx.Response, max_bytes: int, deadline: float, timeout_seconds: float) -> bytes:
    chunks: list[bytes] = []
    total = 0
    for chunk in response.iter_bytes():
        total += len(chunk)
        if total > max_bytes:
            raise FetchError(f"larger than {_size(max_bytes)}", HARD)
        if time.monotonic() > deadline:
            raise FetchError(f"timed out after {timeout_seconds:g} s")
        chunks.append(chunk)
    return b"".join(chunks)


def read_file(path: Path, max_bytes: int) -> Fetched:
    """Read a local source file; raise FetchError in plain words if it is missing or too large."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise FetchError(f"larger than {_size(max_bytes)}", HARD)
        return Fetched(path.read_bytes(), {}, path.as_uri(), 200)
    except FileNotFoundError:
        raise FetchError(f"file not found: {path}", HARD) from None
    except IsADirectoryError:
        raise FetchError(f"is a folder, not a file: {path}", HARD) from None
    except PermissionError:
        raise FetchError(f"permission denied reading {path}", HARD) from None


def _size(n: int) -> str:
    return f"{n / 1_000_000:g} MB" if n >= 1_000_000 else f"{n / 1000:g} kB"


def _duration(seconds: float) -> str:
    return f"{seconds:g} s" if seconds < 120 else f"{seconds / 60:.0f} min"


def _reason(exc: Exception) -> str:
    text = str(exc).strip()
    return text if text else type(exc).__name__
