"""When to poll each source next: the configured interval, feed hints and real activity, within bounds.

* the base is the source's ``interval_minutes`` (else ``[schedule] interval_minutes``);
* a feed's own hint (:func:`collectors.hints.hint_minutes`: RSS ``ttl``, ``sy:updatePeriod``,
  Cache-Control ``max-age``) may make polling less frequent, never beyond ``max_interval_minutes``;
* a feed that really produces items rarely is polled less often (a quarter of its usual gap between
  items, at most four times the base interval);
* failures back off exponentially, capped at ``max_interval_minutes``: a failing source is never
  dropped, it is retried at the cap and its state stays visible; ``Retry-After`` is honoured;
* a little jitter spreads polls so that sources configured together do not fire together.
"""

from __future__ import annotations

import datetime as dt
import random

from config import Settings, Source

JITTER = 0.1


def next_poll(now: dt.datetime, settings: Settings, source: Source, *, failures: int = 0,
              retry_after_seconds: float | None = None, hint: float | None = None,
              usual_gap_minutes: float | None = None, rng: random.Random | None = None) -> dt.datetime:
    """The time of the next poll of ``source`` after an attempt at ``now``."""
    low, high = settings.min_interval_minutes, settings.max_interval_minutes
    minutes = source.interval_minutes or settings.interval_minutes
    if hint:
        minutes = max(minutes, hint)
    if usual_gap_minutes:  # a feed that rarely has news is polled less often, by at most 4 times
        minutes = max(minutes, min(usual_gap_minutes / 4, 4 * minutes))
    minutes = min(max(minutes, low), high)
    if failures:
        minutes = min(minutes * 2 ** (failures - 1), high)
    minutes *= 1 + (rng or random).uniform(-JITTER, JITTER)
    wait = dt.timedelta(minutes=minutes)
    if retry_after_seconds is not None:
        wait = max(wait, dt.timedelta(seconds=retry_after_seconds))
    return now + wait
