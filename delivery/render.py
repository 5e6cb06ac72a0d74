"""Alerts and the digest as words: a subject, plain text, a small HTML alternative and a JSON body (pure).

Titles, sources, terms and addresses come from feeds and are untrusted. In plain text (and the subject) each
is cleaned to one line: line breaks, other control characters and bidirectional overrides are removed, so a
hostile title cannot forge a header-like line or reorder what is shown. In HTML every one of them goes through
``html.escape``, and only http(s) addresses become links. Times are shown in the zone given (the digest's
zone when called from :mod:`delivery`), else UTC, with the zone's abbreviation.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
import zoneinfo
from html import escape
from typing import Any

from analysis.alerts import KINDS, Alert
from config import Settings

PREFIX = "[Listening Post]"
LABELS = {"volume_spike": "Volume spike", "negative_surge": "Negative surge", "story_jump": "Story jump",
          "wide_reach_candidate": "Wide-reach candidate", "source_silent": "Source silent"}
#: Subjects that are ids (a story id, a mention id): the alert's title names them instead.
_ID_SUBJECTS = ("story", "mention")
_BIDI = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}
_SAMPLES = 5


def clean(value: Any, limit: int = 200) -> str:
    """``value`` as one line of plain text: no line breaks, control characters or bidi overrides; at most ``limit``."""
    kept = (ch for ch in str(value) if ch.isspace() or (ch not in _BIDI and unicodedata.category(ch) != "Cc"))
    text = " ".join("".join(kept).split())  # every run of whitespace, line breaks included, becomes one space
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def label(kind: str) -> str:
    return LABELS.get(kind, clean(kind.replace("_", " ").capitalize(), 60))


def headline(alert: Alert) -> str:
    """'Volume spike: Winter Fuel Payment (3.4x usual)': the kind, the subject and the ratio, one line."""
    kind = label(alert.kind)
    name = clean(alert.title if alert.subject_kind in _ID_SUBJECTS or not alert.subject else alert.subject, 100)
    if name.lower().startswith(kind.lower() + ":"):
        name = name[len(kind) + 1:].strip()
    ratio = f" ({alert.ratio:.1f}x usual)" if alert.ratio is not None else ""
    return f"{kind}: {name}{ratio}"


def render_alert(alert: Alert, *, timezone: str | None = None) -> tuple[str, str, str]:
    """Subject, plain text and HTML of an email about one alert."""
    return render_alerts([alert], timezone=timezone)


def render_alerts(alerts: list[Alert], *, timezone: str | None = None) -> tuple[str, str, str]:
    """Subject, plain text and HTML of one email about a batch of alerts (the batch's order is kept)."""
    if not alerts:
        raise ValueError("render_alerts needs at least one alert")
    zone = _zone(timezone)
    if len(alerts) == 1:
        subject = f"{PREFIX} {headline(alerts[0])}"
        intro = ""
    else:
        subject = f"{PREFIX} {len(alerts)} alerts: {headline(alerts[0])} and {len(alerts) - 1} more"
        intro = f"{len(alerts)} alerts from Listening Post.\n\n"
    blocks = ["\n".join(_alert_lines(alert, zone)) for alert in alerts]
    text = intro + "\n\n".join(blocks) + "\n\n-- \nListening Post\n"
    html = _page(escape(subject), "<hr>".join(_alert_html(alert, zone) for alert in alerts))
    return subject, text, html


def _alert_lines(alert: Alert, zone: dt.tzinfo) -> list[str]:
    lines = [headline(alert), f"What: {clean(alert.title)}", f"When: {_window(alert, zone)}",
             f"How much: {_how_much(alert)}"]
    if alert.top_terms:
        lines.append("Top terms: " + ", ".join(clean(term, 60) for term in alert.top_terms))
    if alert.sources:
        lines.append("Sources: " + ", ".join(f"{clean(name, 80)} ({count:,})" for name, count in alert.sources))
    if alert.samples:
        lines.append("Sample mentions:")
        lines.extend("  - " + " - ".join(_sample_parts(sample, zone)) for sample in alert.samples[:_SAMPLES])
    if alert.link:
        lines.append(f"View: {clean(alert.link, 500)}")
    return lines


def _alert_html(alert: Alert, zone: dt.tzinfo) -> str:
    rows = [("What", escape(clean(alert.title))), ("When", escape(_window(alert, zone))),
            ("How much", escape(_how_much(alert)))]
    if alert.top_terms:
        rows.append(("Top terms", escape(", ".join(clean(term, 60) for term in alert.top_terms))))
    if alert.sources:
        rows.append(("Sources", escape(", ".join(f"{clean(n, 80)} ({c:,})" for n, c in alert.sources))))
    table = "".join(f"<tr><th align=\"left\" valign=\"top\">{name}</th><td>{value}</td></tr>" for name, value in rows)
    out = f"<h2>{escape(headline(alert))}</h2><table cellpadding=\"4\">{table}</table>"
    if alert.samples:
        items = "".join(f"<li>{_sample_html(sample, zone)}</li>" for sample in alert.samples[:_SAMPLES])
        out += f"<p><strong>Sample mentions</strong></p><ul>{items}</ul>"
    if alert.link:
        out += f"<p>{_anchor(alert.link, 'Open in Listening Post')}</p>"
    return out


def _how_much(alert: Alert) -> str:
    text = f"{_num(alert.observed)} observed"
    if alert.expected:
        text += f" against {_num(alert.expected)} usually"
    if alert.ratio is not None:
        text += f" ({alert.ratio:.1f}x usual)"
    if alert.threshold:
        text += f"; alert level {_num(alert.threshold)}"
    return text


def _window(alert: Alert, zone: dt.tzinfo) -> str:
    start, end = alert.window_start.astimezone(zone), alert.window_end.astimezone(zone)
    if start.date() == end.date():
        return f"{start:%H:%M} to {end:%H:%M} {end.tzname()}, {_day(end.date())}"
    return f"{_day(start.date())} {start:%H:%M} to {_day(end.date())} {end:%H:%M} {end.tzname()}"


def _sample_parts(sample: dict[str, Any], zone: dt.tzinfo) -> list[str]:
    parts = [clean(sample.get("title") or "(untitled)", 160)]
    when = _when(sample.get("published_at"), zone)
    if sample.get("source") or when:
        parts.append(", ".join(p for p in (clean(sample.get("source") or "", 80), when) if p))
    if sample.get("url"):
        parts.append(clean(sample["url"], 500))
    return parts


def _sample_html(sample: dict[str, Any], zone: dt.tzinfo) -> str:
    title = clean(sample.get("title") or "(untitled)", 160)
    out = _anchor(sample.get("url") or "", title)
    when = _when(sample.get("published_at"), zone)
    detail = ", ".join(p for p in (clean(sample.get("source") or "", 80), when) if p)
    return out + (f" <small>({escape(detail)})</small>" if detail else "")


def _anchor(url: str, text: str) -> str:
    """A link when ``url`` is http(s) (never javascript: and the like), else the escaped text alone."""
    url = clean(url, 2000)
    if url.lower().startswith(("http://", "https://")):
        return f"<a href=\"{escape(url, quote=True)}\">{escape(text)}</a>"
    return escape(text)


def _when(value: Any, zone: dt.tzinfo) -> str:
    if not value:
        return ""
    try:
        moment = dt.datetime.fromisoformat(str(value))
    except ValueError:
        return clean(value, 40)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    moment = moment.astimezone(zone)
    return f"{_day(moment.date())} {moment:%H:%M} {moment.tzname()}"


def _day(day: dt.date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


def _num(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def _zone(name: str | None) -> dt.tzinfo:
    return zoneinfo.ZoneInfo(name) if name else dt.timezone.utc


def _page(title: str, body: str) -> str:
    return (f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title></head>"
            f"<body style=\"font-family: Arial, sans-serif; font-size: 15px\">{body}</body></html>\n")


def render_digest(alerts: list[Alert], day: dt.date, figures: dict[str, int] | None,
                  settings: Settings) -> tuple[str, str, str, dict[str, Any]]:
    """Subject, plain text, HTML and JSON body of the digest of local ``day``: alerts by kind, then figures."""
    zone = _zone(settings.digest_timezone)
    groups = _by_kind(alerts)
    count = f"{len(alerts)} alert{'s' if len(alerts) != 1 else ''}" if alerts else "no alerts"
    subject = f"{PREFIX} Daily digest, {_day(day)}: {count}"
    heading = f"Listening Post daily digest for {clean(settings.organisation_short_name, 60)}, {day:%A} {day.day} " \
              f"{day:%B %Y}"
    text = [heading, ""] + _digest_summary(groups) + ([""] + _figure_lines(figures) if figures else [])
    for kind, members in groups:
        text += ["", f"{label(kind)} ({len(members)})"]
        text += [f"  - {headline(a)}, {_window(a, zone)}" + (f" - {clean(a.link, 500)}" if a.link else "")
                 for a in members]
    text += ["", f"Dashboard: {clean(settings.dashboard_url, 500)}", "", "-- ", "Listening Post"]
    body = {"type": "digest", "organisation": settings.organisation_short_name, "day": day.isoformat(),
            "timezone": settings.digest_timezone, "counts": {kind: len(members) for kind, members in groups},
            "figures": dict(figures or {}), "alerts": [alert.to_json() for alert in alerts]}
    return subject, "\n".join(text) + "\n", _digest_html(heading, groups, figures, settings, zone), body


def _by_kind(alerts: list[Alert]) -> list[tuple[str, list[Alert]]]:
    """Alerts grouped by kind, kinds in the dashboard's order (unknown kinds last), each group in the given order."""
    order = {kind: i for i, kind in enumerate(KINDS)}
    kinds = sorted({a.kind for a in alerts}, key=lambda k: (order.get(k, len(order)), k))
    return [(kind, [a for a in alerts if a.kind == kind]) for kind in kinds]


def _digest_summary(groups: list[tuple[str, list[Alert]]]) -> list[str]:
    total = sum(len(members) for _, members in groups)
    if not total:
        return ["No alerts in the last 24 hours."]
    return [f"Alerts in the last 24 hours: {total}"] + [f"  {label(k)}: {len(m)}" for k, m in groups]


def _figure_lines(figures: dict[str, int] | None) -> list[str]:
    if not figures:
        return []
    return ["Figures:"] + [f"  {clean(name.replace('_', ' ').capitalize(), 80)}: {_num(value)}"
                           for name, value in figures.items()]


def _digest_html(heading: str, groups: list[tuple[str, list[Alert]]], figures: dict[str, int] | None,
                 settings: Settings, zone: dt.tzinfo) -> str:
    summary = _digest_summary(groups)
    out = f"<h2>{escape(heading)}</h2><p>{escape(summary[0])}</p>"
    if len(summary) > 1:
        out += "<ul>" + "".join(f"<li>{escape(line.strip())}</li>" for line in summary[1:]) + "</ul>"
    if figures:
        rows = "".join(f"<tr><th align=\"left\">{escape(clean(name.replace('_', ' ').capitalize(), 80))}</th>"
                       f"<td align=\"right\">{escape(_num(value))}</td></tr>" for name, value in figures.items())
        out += f"<h3>Figures</h3><table cellpadding=\"4\">{rows}</table>"
    for kind, members in groups:
        items = "".join(f"<li>{_anchor(a.link, headline(a))} <small>({escape(_window(a, zone))})</small></li>"
                        for a in members)
        out += f"<h3>{escape(label(kind))} ({len(members)})</h3><ul>{items}</ul>"
    out += f"<p>{_anchor(settings.dashboard_url, 'Open the dashboard')}</p>"
    return _page(escape(heading), out)
