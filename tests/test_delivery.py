"""delivery.render: what an alert email says, and that feed-derived text can neither inject HTML nor forge lines.

The sending itself is tested against real servers in test_delivery_email.py and test_delivery_webhook.py;
``make_alert`` and ``make_settings`` here are shared with them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import Any

from analysis.alerts import Alert
from config import EmailSettings, Settings
from delivery import render_alert, render_alerts

UTC = dt.timezone.utc
LINK = "http://127.0.0.1:8501/alerts?key=volume_spike:topic:Winter+Fuel+Payment"


def make_alert(**changes: Any) -> Alert:
    """A volume spike on a topic with every field filled, as detection would produce it."""
    alert = Alert(
        kind="volume_spike", subject_kind="topic", subject="Winter Fuel Payment",
        title="Winter Fuel Payment mentions up sharply",
        window_start=dt.datetime(2025, 11, 1, 8, 0, tzinfo=UTC), window_end=dt.datetime(2025, 11, 1, 9, 0, tzinfo=UTC),
        observed=42, expected=12.4, threshold=30, ratio=3.4,
        top_terms=("winter fuel", "means test", "pensioners"), sources=(("BBC News", 12), ("Mumsnet", 8)),
        samples=({"mention_id": "m1", "title": "Pensioners lose winter fuel payment", "source": "BBC News",
                  "url": "https://www.bbc.co.uk/news/articles/1", "published_at": "2025-11-01T08:12:00+00:00"},
                 {"mention_id": "m2", "title": "Anyone else had the letter?", "source": "Mumsnet",
                  "url": "https://www.mumsnet.com/talk/2", "published_at": "2025-11-01T08:40:00+00:00"}),
        link=LINK)
    return dataclasses.replace(alert, **changes)


def make_settings(email: EmailSettings | None = None, **changes: Any) -> Settings:
    """Settings as the loader would give them for the shipped defaults, with ``changes``."""
    settings = Settings(
        organisation_name="Department for Work and Pensions", organisation_short_name="DWP",
        contact_url="https://www.gov.uk", db_url="sqlite://", timeout_seconds=20.0, max_bytes=10_000_000,
        user_agent="ListeningPost/0.1 (+mailto:test@example.gov.uk)", allow_private_addresses=True, concurrency=1,
        per_host_concurrency=1, per_host_interval_seconds=0.0, interval_minutes=15.0, min_interval_minutes=5.0,
        max_interval_minutes=360.0, server_address="127.0.0.1", server_port=8501)
    return dataclasses.replace(settings, email=email or EmailSettings(), **changes)


HOSTILE_TITLE = "Benefit cut <script>alert('x')</script>\r\nBcc: everyone@example.org\r\n\r\nFake body"


def hostile_alert() -> Alert:
    return make_alert(
        subject="Winter <b>Fuel</b>\r\nX-Injected: yes", title=HOSTILE_TITLE,
        top_terms=("<img src=x onerror=alert(1)>", "terms\nwith\nbreaks"),
        sources=(("Evil <iframe> Source\r\nTo: victim@example.org", 3),),
        samples=({"mention_id": "m1", "title": "Sample <script>steal()</script>\nSubject: forged",
                  "source": "Forum\u202eevil", "url": "javascript:alert(1)", "published_at": "not a date"},))


def test_subject_says_the_kind_the_subject_and_how_much_against_the_usual() -> None:
    subject, _, _ = render_alert(make_alert())
    assert subject == "[Listening Post] Volume spike: Winter Fuel Payment (3.4x usual)"
    no_ratio, _, _ = render_alert(make_alert(kind="source_silent", subject_kind="source", subject="BBC News",
                                             ratio=None))
    assert no_ratio == "[Listening Post] Source silent: BBC News"


def test_a_story_is_named_by_its_title_not_its_id() -> None:
    story = make_alert(kind="story_jump", subject_kind="story", subject="s-8f3a", title="Story jump: PIP review")
    assert render_alert(story)[0] == "[Listening Post] Story jump: PIP review (3.4x usual)"


def test_text_carries_the_figures_terms_sources_samples_and_link() -> None:
    _, text, html = render_alert(make_alert())
    for needed in ("Winter Fuel Payment mentions up sharply", "42 observed against 12.4 usually (3.4x usual)",
                   "alert level 30", "winter fuel, means test, pensioners", "BBC News (12), Mumsnet (8)",
                   "Pensioners lose winter fuel payment", "Anyone else had the letter?",
                   "https://www.bbc.co.uk/news/articles/1", f"View: {LINK}", "08:00 to 09:00 UTC, Sat 1 Nov 2025"):
        assert needed in text, needed
    assert f'<a href="{LINK}">Open in Listening Post</a>' in html
    assert '<a href="https://www.bbc.co.uk/news/articles/1">Pensioners lose winter fuel payment</a>' in html


def test_times_are_shown_in_the_zone_given_with_its_abbreviation() -> None:
    summer = make_alert(window_start=dt.datetime(2025, 7, 1, 8, 0, tzinfo=UTC),
                        window_end=dt.datetime(2025, 7, 1, 9, 0, tzinfo=UTC))
    _, text, _ = render_alert(summer, timezone="Europe/London")
    assert "When: 09:00 to 10:00 BST, Tue 1 Jul 2025" in text
    overnight = make_alert(window_end=dt.datetime(2025, 11, 2, 8, 0, tzinfo=UTC))
    assert "When: Sat 1 Nov 2025 08:00 to Sun 2 Nov 2025 08:00 GMT" in render_alert(overnight,
                                                                                     timezone="Europe/London")[1]


def test_a_batch_is_one_message_naming_the_first_alert_and_how_many_more() -> None:
    second = make_alert(kind="negative_surge", subject="Cost of living payments", ratio=2.0)
    subject, text, html = render_alerts([make_alert(), second])
    assert subject == "[Listening Post] 2 alerts: Volume spike: Winter Fuel Payment (3.4x usual) and 1 more"
    assert text.startswith("2 alerts from Listening Post.\n\nVolume spike: Winter Fuel Payment")
    assert "Negative surge: Cost of living payments (2.0x usual)" in text and html.count("<h2>") == 2


def test_hostile_feed_text_is_escaped_in_html() -> None:
    _, _, html = render_alert(hostile_alert())
    assert "<script" not in html and "<iframe" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert 'href="javascript:' not in html  # a sample address that is not http(s) is shown as text, not a link
    assert "<li>Sample &lt;script&gt;steal()&lt;/script&gt; Subject: forged <small>" in html
    assert "\u202e" not in html


def test_hostile_feed_text_stays_on_one_line_in_text_and_subject() -> None:
    subject, text, _ = render_alert(hostile_alert())
    assert "\r" not in subject and "\n" not in subject and "\r" not in text
    lines = text.split("\n")
    # No line may start like a header or a forged field: every feed string stayed inside its own labelled line.
    assert not [line for line in lines if re.match(r"(Bcc|To|Subject|X-Injected|Fake body)\b", line)]
    assert any(line.startswith("What: Benefit cut <script>alert('x')</script> Bcc: everyone@example.org Fake body")
               for line in lines)
    assert "Top terms: <img src=x onerror=alert(1)>, terms with breaks" in lines
    assert "\u202e" not in text


def test_very_long_titles_are_shortened() -> None:
    _, text, _ = render_alert(make_alert(title="word " * 400))
    what = next(line for line in text.split("\n") if line.startswith("What: "))
    assert len(what) <= 6 + 200 and what.endswith("…")
