"""Polling hints a feed or its server gives: RSS ``ttl``, ``sy:updatePeriod``/``sy:updateFrequency``
and HTTP ``Cache-Control: max-age``. Read from the raw bytes with patterns, so no second parse."""

from __future__ import annotations

import re
from collections.abc import Mapping

_TTL = re.compile(rb"<ttl>\s*(\d+)\s*</ttl>", re.I)
_SY_PERIOD = re.compile(rb"<sy:updatePeriod>\s*(hourly|daily|weekly|monthly|yearly)\s*</sy:updatePeriod>", re.I)
_SY_FREQUENCY = re.compile(rb"<sy:updateFrequency>\s*(\d+)\s*</sy:updateFrequency>", re.I)
_MAX_AGE = re.compile(r"max-age\s*=\s*(\d+)", re.I)
_PERIOD_MINUTES = {b"hourly": 60, b"daily": 1440, b"weekly": 10080, b"monthly": 43200, b"yearly": 525600}


def hint_minutes(content: bytes, headers: Mapping[str, str]) -> float | None:
    """The longest polling interval the feed or its server asks for, in minutes (None when silent)."""
    hints: list[float] = []
    found = _TTL.search(content[:20000])
    if found:
        hints.append(float(found.group(1)))
    period = _SY_PERIOD.search(content[:20000])
    if period:
        frequency = _SY_FREQUENCY.search(content[:20000])
        hints.append(_PERIOD_MINUTES[period.group(1).lower()] / max(1, int(frequency.group(1)) if frequency else 1))
    cache = next((v for k, v in headers.items() if k.lower() == "cache-control"), "")
    age = _MAX_AGE.search(cache)
    if age and "no-cache" not in cache.lower():
        hints.append(int(age.group(1)) / 60)
    return max(hints) if hints else None
