"""Delivery: alerts and the daily digest sent out by email and webhook; a failure is a result, never an exception.

::

    render.py   alert(s) / digest -> subject, plain text, HTML alternative, JSON body (pure)
    email.py    send_email: one message over SMTP (none / STARTTLS / TLS, optional login)
    webhook.py  post_webhook: one signed JSON POST (httpx; the only HTTP client outside collectors/fetch.py)
    digest.py   digest_due: whether the configured local time has come and today's digest is still unsent
    result.py   Delivery: what became of one message on one channel

:func:`deliver` sends one batch of alerts: one email for the whole batch (when [email] is enabled) and one
webhook POST for the whole batch (when [webhook] url is set), so a receiver sees the alerts of one cycle
together, in the order given, exactly as the email reader does. :func:`send_digest` does the same for a digest.
Each channel's outcome is a :class:`Delivery`; a failed channel never stops the other.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import TYPE_CHECKING, Any

from config import Settings
from delivery.digest import digest_due
from delivery.email import send_email
from delivery.render import render_alert, render_alerts, render_digest
from delivery.result import Delivery
from delivery.webhook import post_webhook

if TYPE_CHECKING:
    from analysis.alerts import Alert

__all__ = ["Delivery", "deliver", "digest_due", "post_webhook", "render_alert", "render_alerts", "render_digest",
           "send_digest", "send_email"]


def deliver(alerts: list[Alert], settings: Settings, *, now: dt.datetime | None = None) -> list[Delivery]:
    """Send ``alerts`` as one email and one webhook POST (each only when configured); [] when there are none."""
    if not alerts:
        return []
    subject, text, html = render_alerts(alerts, timezone=settings.digest_timezone)
    body = {"type": "alert", "organisation": settings.organisation_short_name,
            "alerts": [alert.to_json() for alert in alerts]}
    return _send(settings, subject, text, html, body, now)


def send_digest(alerts: list[Alert], day: dt.date, figures: dict[str, int] | None, settings: Settings,
                *, now: dt.datetime | None = None) -> list[Delivery]:
    """Send the digest of ``day`` (alerts of the last 24 hours and ``figures``) by email and webhook."""
    subject, text, html, body = render_digest(alerts, day, figures, settings)
    return _send(settings, subject, text, html, body, now)


def _send(settings: Settings, subject: str, text: str, html: str, body: dict[str, Any],
          now: dt.datetime | None) -> list[Delivery]:
    out: list[Delivery] = []
    if settings.email.enabled:
        out.append(send_email(settings.email, subject, text, html))
    if settings.webhook_url:
        stamped = {**body, "sent_at": (now or dt.datetime.now(dt.timezone.utc)).isoformat()}
        secret = os.environ.get(settings.webhook_secret_env) if settings.webhook_secret_env else None
        if settings.webhook_secret_env and not secret:
            out.append(Delivery("webhook", False, f"webhook: the environment variable {settings.webhook_secret_env} "
                                                  "named by [webhook] secret_env is not set; nothing was sent"))
        else:
            out.append(post_webhook(settings.webhook_url, stamped, secret=secret,
                                    timeout=settings.webhook_timeout_seconds, user_agent=settings.user_agent))
    return out
