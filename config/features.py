"""The [stories], [alerts], [email], [webhook] and [digest] settings: checked and converted for the loader.

Their defaults and help are in ``config.loader.SETTINGS_HELP`` with every other setting; this module checks
the values the loader read (each problem named with file, section and key) and builds :class:`EmailSettings`.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class EmailSettings:
    """[email]: where alerts and the digest are sent. The password is read from ``password_env`` when sending."""

    enabled: bool = False
    host: str = "127.0.0.1"
    port: int = 25
    security: str = "none"
    sender: str = "listening-post@localhost"
    recipients: tuple[str, ...] = ()
    username: str = ""
    password_env: str = ""
    timeout_seconds: float = 20.0



SENSITIVITIES = ("sensitive", "balanced", "strict")
EMAIL_SECURITY = ("none", "starttls", "tls")


def feature_settings(reader: Any, values: dict[str, Any]) -> dict[str, Any]:
    """Check and convert the [stories], [alerts], [email], [webhook] and [digest] settings."""
    where = "settings.toml: "
    for key in ("duplicate_threshold", "paraphrase_threshold"):
        if not 0 < values[f"stories_{key}"] <= 1:
            reader.problem(f"{where}[stories]: {key}", "must be more than 0 and at most 1")
    for section, key in (("stories", "window_hours"), ("alerts", "cycle_minutes"), ("email", "timeout_seconds"),
                         ("webhook", "timeout_seconds"), ("alerts", "wide_reach_authors")):
        if values[f"{section}_{key}"] <= 0:
            reader.problem(f"{where}[{section}]: {key}", "must be positive")
    if values["alerts_cooldown_hours"] < 0:
        reader.problem(f"{where}[alerts]: cooldown_hours", "must not be negative")
    if not 0 <= values["alerts_negative_floor"] <= 1:
        reader.problem(f"{where}[alerts]: negative_floor", "must be between 0 and 1")
    if values["alerts_sensitivity"] not in SENSITIVITIES:
        reader.problem(f"{where}[alerts]: sensitivity", f"expected one of {', '.join(SENSITIVITIES)}, "
                                                        f"got {values['alerts_sensitivity']!r}")
    if values["email_security"] not in EMAIL_SECURITY:
        reader.problem(f"{where}[email]: security", f"expected one of {', '.join(EMAIL_SECURITY)}, "
                                                    f"got {values['email_security']!r}")
    recipients = tuple(r for r in values["email_recipients"] or () if isinstance(r, str) and "@" in r)
    if len(recipients) != len(values["email_recipients"] or ()):
        reader.problem(f"{where}[email]: recipients", "every recipient must be an email address (a string with @)")
    if values["email_enabled"] and not recipients:
        reader.problem(f"{where}[email]: recipients", "email is enabled but no recipient is given")
    if values["digest_enabled"] and not (values["email_enabled"] or values["webhook_url"]):
        reader.problem(f"{where}[digest]: enabled", "the digest is enabled but neither [email] enabled nor "
                                                    "[webhook] url is set: nowhere to send it")
    url = values["webhook_url"]
    if url and not url.lower().startswith(("http://", "https://")):
        reader.problem(f"{where}[webhook]: url", f"only http and https addresses can be posted to, got {url!r}")
    digest_time = _clock_time(values["digest_time"])
    if digest_time is None:
        reader.problem(f"{where}[digest]: time", f"expected a local time as HH:MM, got {values['digest_time']!r}")
    if not _known_zone(values["digest_timezone"]):
        reader.problem(f"{where}[digest]: timezone", f"unknown time zone {values['digest_timezone']!r}; "
                                                     "expected an IANA name such as Europe/London")
    email = EmailSettings(
        enabled=values["email_enabled"], host=values["email_host"], port=values["email_port"],
        security=values["email_security"], sender=values["email_sender"], recipients=recipients,
        username=values["email_username"], password_env=values["email_password_env"],
        timeout_seconds=values["email_timeout_seconds"])
    return dict(
        duplicate_threshold=values["stories_duplicate_threshold"],
        paraphrase_threshold=values["stories_paraphrase_threshold"], story_window_hours=values["stories_window_hours"],
        alert_sensitivity=values["alerts_sensitivity"], alert_cycle_minutes=values["alerts_cycle_minutes"],
        alert_cooldown_hours=values["alerts_cooldown_hours"], negative_floor=values["alerts_negative_floor"],
        wide_reach_authors=values["alerts_wide_reach_authors"], dashboard_url=values["alerts_dashboard_url"],
        email=email, webhook_url=url, webhook_secret_env=values["webhook_secret_env"],
        webhook_timeout_seconds=values["webhook_timeout_seconds"], digest_enabled=values["digest_enabled"],
        digest_time=digest_time or dt.time(8, 0), digest_timezone=values["digest_timezone"])


def _clock_time(value: str) -> dt.time | None:
    try:
        hours, minutes = value.strip().split(":")
        return dt.time(int(hours), int(minutes))
    except (ValueError, AttributeError):
        return None


def _known_zone(name: str) -> bool:
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return False
    return True
