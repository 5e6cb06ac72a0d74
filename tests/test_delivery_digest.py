"""delivery.digest_due (the local time, summer time, once a day) and render_digest (alerts by kind, figures)."""

from __future__ import annotations

import datetime as dt

import pytest

from delivery import digest_due, render_digest
from delivery.digest import send_time
from test_delivery import make_alert, make_settings

UTC = dt.timezone.utc
ON = make_settings(digest_enabled=True, digest_time=dt.time(8, 0), digest_timezone="Europe/London")


def at(*parts: int) -> dt.datetime:
    return dt.datetime(*parts, tzinfo=UTC)


def test_due_once_the_local_time_has_passed_in_winter() -> None:
    assert digest_due(at(2025, 12, 1, 7, 59), ON, None) is None
    assert digest_due(at(2025, 12, 1, 8, 0), ON, None) == dt.date(2025, 12, 1)
    assert digest_due(at(2025, 12, 1, 23, 59), ON, dt.date(2025, 11, 30)) == dt.date(2025, 12, 1)


def test_in_summer_08_00_london_is_07_00_utc() -> None:
    assert digest_due(at(2025, 7, 1, 6, 59), ON, None) is None
    assert digest_due(at(2025, 7, 1, 7, 0), ON, None) == dt.date(2025, 7, 1)


def test_already_sent_today_is_not_due_again() -> None:
    assert digest_due(at(2025, 12, 1, 9, 0), ON, dt.date(2025, 12, 1)) is None
    # Just after local midnight the new day's digest waits for 08:00 again.
    assert digest_due(at(2025, 12, 2, 0, 30), ON, dt.date(2025, 12, 1)) is None


def test_the_day_the_clocks_go_forward() -> None:
    # 30 March 2025: 01:00 GMT becomes 02:00 BST, so 08:00 local is 07:00 UTC that morning.
    assert digest_due(at(2025, 3, 30, 6, 59), ON, dt.date(2025, 3, 29)) is None
    assert digest_due(at(2025, 3, 30, 7, 0), ON, dt.date(2025, 3, 29)) == dt.date(2025, 3, 30)
    # 01:30 does not exist that day: it is read as 01:30 GMT (02:30 BST), and still sent that day.
    gap = make_settings(digest_enabled=True, digest_time=dt.time(1, 30), digest_timezone="Europe/London")
    assert send_time(dt.date(2025, 3, 30), gap) == at(2025, 3, 30, 1, 30)
    assert digest_due(at(2025, 3, 30, 1, 29), gap, dt.date(2025, 3, 29)) is None
    assert digest_due(at(2025, 3, 30, 1, 30), gap, dt.date(2025, 3, 29)) == dt.date(2025, 3, 30)


def test_the_day_the_clocks_go_back() -> None:
    # 26 October 2025: 02:00 BST becomes 01:00 GMT, so 08:00 local is 08:00 UTC, not 07:00.
    assert digest_due(at(2025, 10, 26, 7, 30), ON, dt.date(2025, 10, 25)) is None
    assert digest_due(at(2025, 10, 26, 8, 0), ON, dt.date(2025, 10, 25)) == dt.date(2025, 10, 26)
    # 01:30 happens twice: the first (00:30 UTC) counts, and once sent the second does not send again.
    twice = make_settings(digest_enabled=True, digest_time=dt.time(1, 30), digest_timezone="Europe/London")
    assert digest_due(at(2025, 10, 26, 0, 30), twice, dt.date(2025, 10, 25)) == dt.date(2025, 10, 26)
    assert digest_due(at(2025, 10, 26, 1, 30), twice, dt.date(2025, 10, 26)) is None


def test_another_time_zone_uses_its_own_local_date() -> None:
    auckland = make_settings(digest_enabled=True, digest_time=dt.time(8, 0), digest_timezone="Pacific/Auckland")
    # 20:00 UTC on 1 November is 09:00 NZDT on 2 November there.
    assert digest_due(at(2025, 11, 1, 20, 0), auckland, dt.date(2025, 11, 1)) == dt.date(2025, 11, 2)
    assert digest_due(at(2025, 11, 1, 18, 59), auckland, dt.date(2025, 11, 1)) is None
    new_york = make_settings(digest_enabled=True, digest_time=dt.time(8, 0), digest_timezone="America/New_York")
    assert digest_due(at(2025, 11, 1, 12, 0), new_york, None) == dt.date(2025, 11, 1)  # 08:00 EDT
    assert digest_due(at(2025, 11, 1, 11, 59), new_york, None) is None


def test_a_disabled_digest_is_never_due() -> None:
    assert digest_due(at(2025, 12, 1, 12, 0), make_settings(digest_enabled=False), None) is None


def test_now_must_be_timezone_aware() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        digest_due(dt.datetime(2025, 12, 1, 12, 0), ON, None)


def test_the_digest_lists_alerts_by_kind_with_counts() -> None:
    alerts = [make_alert(kind="negative_surge", subject="PIP", ratio=2.0), make_alert(),
              make_alert(subject="Universal Credit", ratio=5.0)]
    subject, text, html, body = render_digest(alerts, dt.date(2025, 11, 1), {"mentions": 1234, "failing_sources": 2},
                                              ON)
    assert subject == "[Listening Post] Daily digest, Sat 1 Nov 2025: 3 alerts"
    assert "Listening Post daily digest for DWP, Saturday 1 November 2025" in text
    assert "Alerts in the last 24 hours: 3\n  Volume spike: 2\n  Negative surge: 1" in text
    assert "Figures:\n  Mentions: 1,234\n  Failing sources: 2" in text
    spikes = text.index("Volume spike (2)")
    assert spikes < text.index("Universal Credit (5.0x usual)") < text.index("Negative surge (1)")
    assert "<h3>Volume spike (2)</h3>" in html and "<h3>Negative surge (1)</h3>" in html
    assert body["type"] == "digest" and body["day"] == "2025-11-01"
    assert body["counts"] == {"volume_spike": 2, "negative_surge": 1} and len(body["alerts"]) == 3


def test_a_day_without_alerts_still_has_a_digest() -> None:
    subject, text, html, body = render_digest([], dt.date(2025, 11, 1), None, ON)
    assert subject == "[Listening Post] Daily digest, Sat 1 Nov 2025: no alerts"
    assert "No alerts in the last 24 hours." in text and "No alerts in the last 24 hours." in html
    assert "Figures" not in text and body["alerts"] == [] and body["counts"] == {}


def test_the_digest_escapes_feed_text() -> None:
    _, text, html, _ = render_digest([make_alert(subject="<script>x()</script>\r\nBcc: a@b")], dt.date(2025, 11, 1),
                                     None, ON)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "Volume spike: <script>x()</script> Bcc: a@b (3.4x usual)" in text
