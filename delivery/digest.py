"""When the daily digest is due: the configured local time in the configured zone, once per local day.

The clock time is read in ``[digest] timezone`` (an IANA name, so summer time is followed): 08:00 in
Europe/London is 08:00 UTC in winter and 07:00 UTC in summer. On the day the clocks go forward, a time that
does not exist locally (01:30 in London) is read with the offset before the change (01:30 GMT, shown as 02:30
BST), so it is still sent that day; on the day they go back, a time that happens twice is taken at its first
occurrence, so it is sent once. The caller keeps the local date last sent.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

from config import Settings


def digest_due(now: dt.datetime, settings: Settings, last_sent: dt.date | None) -> dt.date | None:
    """The local date whose digest should be sent now, or None.

    Due when the digest is enabled, the configured [digest] time in [digest] timezone has passed today
    (local), and today's digest was not sent (``last_sent`` is before today). ``now`` must be timezone-aware.
    """
    if not settings.digest_enabled:
        return None
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("digest_due needs a timezone-aware now (UTC), got a naive datetime")
    zone = zoneinfo.ZoneInfo(settings.digest_timezone)
    today = now.astimezone(zone).date()
    if last_sent is not None and last_sent >= today:
        return None
    return today if now >= send_time(today, settings) else None


def send_time(day: dt.date, settings: Settings) -> dt.datetime:
    """The UTC moment the digest of local ``day`` is sent (see the module docstring for the DST days)."""
    zone = zoneinfo.ZoneInfo(settings.digest_timezone)
    local = dt.datetime.combine(day, settings.digest_time, tzinfo=zone)  # fold=0: the offset before a change
    return local.astimezone(dt.timezone.utc)
