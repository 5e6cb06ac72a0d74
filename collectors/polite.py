"""Politeness per host: at most N requests in flight to one host, and a least spacing between starts.

Many hosts are fetched at once; one host is never hammered. Thread-safe: the pipeline fetches
from a thread pool.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit


class HostLimiter:
    """Hands out per-host slots: ``with limiter.slot(url): fetch(...)``."""

    def __init__(self, per_host: int, interval_seconds: float,
                 clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep) -> None:
        self.per_host = per_host
        self.interval = interval_seconds
        self._clock, self._sleep = clock, sleep
        self._lock = threading.Lock()
        self._slots: dict[str, threading.Semaphore] = {}
        self._next_start: dict[str, float] = {}

    @contextmanager
    def slot(self, url: str) -> Iterator[None]:
        host = (urlsplit(url).hostname or "").lower()
        with self._lock:
            semaphore = self._slots.setdefault(host, threading.Semaphore(self.per_host))
        with semaphore:
            with self._lock:  # reserve a start time at least `interval` after the previous one
                start = max(self._clock(), self._next_start.get(host, 0.0))
                self._next_start[host] = start + self.interval
            wait = start - self._clock()
            if wait > 0:
                self._sleep(wait)
            yield
