"""The alert cycle: detect, describe, hold back repeats, store, deliver; and the daily digest.

:func:`run_due` is called by the watch loop on every tick: once ``[alerts] cycle_minutes`` have passed
since the last evaluation it calls :func:`evaluate`, and once the configured local time has passed it
sends the day's digest. The Alerts page and ``cli.py alerts`` call :func:`evaluate` directly.

Five kinds of alert (``analysis.alerts.KINDS``): a topic's or voice's volume far above its usual for
the time of day, a negative-sentiment surge, a story that started in forums or blogs reaching the news,
an inaccuracy flag on an item from a source of wide reach, and a source gone silent. Each says what,
how much against the usual, the top terms, sources and sample mentions, and links to the view.
Delivery failures are recorded, never raised: alerts stay on the dashboard whatever the mail server does.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from typing import Any
from urllib.parse import urlencode

import pandas as pd

import delivery
from analysis import spread
from analysis.alerts import Alert, cooldown, detect, top_terms
from config import Config, Settings
from storage import Store, queries
from storage import alerts as stored
from storage import stories

log = logging.getLogger(__name__)
BASELINE_DAYS = 7
SAMPLES = 3
WIDE_CHANNELS = ("news", "government")


def due(store: Store, settings: Settings, now: dt.datetime) -> bool:
    """Whether a cycle has passed since alerts were last evaluated."""
    last = stored.last_evaluated(store)
    return last is None or now - last >= dt.timedelta(minutes=settings.alert_cycle_minutes) - dt.timedelta(seconds=1)


def run_due(config: Config, store: Store, now: dt.datetime) -> list[Alert]:
    """Evaluate alerts if a cycle has passed, and send the digest if its time has come; returns alerts raised."""
    raised = evaluate(config, store, now) if due(store, config.settings, now) else []
    send_digest(config, store, now)
    return raised


def evaluate(config: Config, store: Store, now: dt.datetime, send: bool = True) -> list[Alert]:
    """Raise the alerts for windows ending at ``now`` (UTC-aware), store them, and deliver them if ``send``."""
    settings = config.settings
    since = stored.last_evaluated(store)
    since = now - dt.timedelta(minutes=settings.alert_cycle_minutes) if since is None or since >= now else since
    candidates = [*_volume(store, settings, now), *_story_jumps(store, settings, since, now),
                  *_wide_reach_flags(store, settings, since, now), *_silent_sources(store, settings, now)]
    keys = sorted({a.key for a in candidates})
    raised = cooldown(candidates, stored.last_fired(store, keys), now, settings.alert_cooldown_hours,
                      last_ratio=stored.last_ratios(store, keys))
    ids = stored.record(store, [a.to_json() for a in raised], now)
    if send and raised:
        for result in delivery.deliver(raised, settings):
            stored.record_delivery(store, result.channel, result.ok, result.error, now, alert_ids=ids)
            if not result.ok:
                log.warning("alert delivery failed: %s", result.error)
    return raised


def _volume(store: Store, settings: Settings, now: dt.datetime) -> list[Alert]:
    counts = stored.hourly_counts(store, now - dt.timedelta(days=BASELINE_DAYS + 1), now)
    out = []
    for spike in detect(counts, now, settings.alert_sensitivity, negative_floor=settings.negative_floor,
                        baseline_days=BASELINE_DAYS):
        window = stored.tagged_mentions(store, spike.subject_kind, spike.subject, spike.window_start,
                                        spike.window_end, limit=300)
        before = stored.tagged_mentions(store, spike.subject_kind, spike.subject,
                                        spike.window_start - dt.timedelta(days=BASELINE_DAYS), spike.window_start)
        hours = max(1, round((spike.window_end - spike.window_start).total_seconds() / 3600))
        span = f"{int(spike.observed)} mentions in {hours} hour{'s' if hours > 1 else ''}"
        if spike.kind == "negative_surge":
            title = (f"Negative surge: {spike.subject}: {spike.negative_share:.0%} negative, {span} "
                     f"({spike.ratio:.1f}x the usual {spike.expected:.0f})")
        else:
            title = f"Volume spike: {spike.subject}: {span}, {spike.ratio:.1f}x the usual {spike.expected:.0f}"
        out.append(Alert(
            kind=spike.kind, subject_kind=spike.subject_kind, subject=spike.subject, title=title,
            window_start=spike.window_start, window_end=spike.window_end, observed=spike.observed,
            expected=spike.expected, threshold=spike.threshold, ratio=spike.ratio,
            top_terms=tuple(top_terms(_texts(window), _texts(before))), sources=_top_sources(window),
            samples=_samples(window), link=_link(settings, "mentions", {spike.subject_kind: spike.subject},
                                                 spike.window_start, spike.window_end)))
    return out


def _story_jumps(store: Store, settings: Settings, since: dt.datetime, now: dt.datetime) -> list[Alert]:
    ids = stories.started_between(store, spread.MAINSTREAM, since, now)
    if not ids:
        return []
    members = stories.members(store, ids)
    hours = (now - since).total_seconds() / 3600
    out = []
    for row in spread.summary(members, now, hours).itertuples():
        if not row.jumped:
            continue
        story = members[members["story_id"] == row.story_id]
        out.append(Alert(
            kind="story_jump", subject_kind="story", subject=row.story_id,
            title=f"Story reached the news: {row.title} ({row.path}; first seen in {row.first_source})",
            window_start=row.first_at.to_pydatetime(), window_end=now, observed=float(len(story)),
            expected=0.0, threshold=0.0, top_terms=tuple(top_terms(_texts(story), [])),
            sources=_top_sources(story), samples=_samples(story, newest=False),
            link=f"{settings.dashboard_url.rstrip('/')}/stories?{urlencode({'story': row.story_id})}"))
    return out


def _wide_reach_flags(store: Store, settings: Settings, since: dt.datetime, now: dt.datetime) -> list[Alert]:
    flags = stored.new_flags(store, since, now)
    if flags.empty:
        return []
    reach = stored.source_reach(store, now).set_index("source")
    out = []
    for row in flags.itertuples():
        authors = int(reach["authors"].get(row.source, 0)) if row.source in reach.index else 0
        if authors < settings.wide_reach_authors and row.channel not in WIDE_CHANNELS:
            continue
        why = f"{row.channel}" if row.channel in WIDE_CHANNELS else f"{authors} authors in 30 days"
        out.append(Alert(
            kind="wide_reach_candidate", subject_kind="mention", subject=f"{row.mention_id}/{row.inaccuracy_id}",
            title=f"Inaccuracy candidate from {row.source} ({why}): {row.claimed or row.title} [{row.inaccuracy_id}]",
            window_start=row.published_at.to_pydatetime(), window_end=now, observed=1.0,
            threshold=float(settings.wide_reach_authors), sources=((row.source, 1),),
            samples=(_sample(row),), link=_link(settings, "inaccuracies", {}, row.published_at, row.published_at)))
    return out


def _silent_sources(store: Store, settings: Settings, now: dt.datetime) -> list[Alert]:
    activity = queries.source_activity(store, now)
    silent = activity[activity["is_silent"]]
    if silent.empty:
        return []
    health = store.load_health().set_index("source")
    keys = {f"source_silent:source:{s}": s for s in silent["source"]}
    fired = stored.last_fired(store, list(keys))
    out = []
    for row in silent.itertuples():
        last_new = health["last_new_item_at"].get(row.source) if row.source in health.index else None
        last_new = None if last_new is None or pd.isna(last_new) else pd.Timestamp(last_new).to_pydatetime()
        key = f"source_silent:source:{row.source}"
        if last_new is not None and key in fired and fired[key] >= last_new:
            continue  # already said since it last brought news: once per silence, not every cooldown
        quiet = (now - last_new).total_seconds() / 3600 if last_new is not None else float("nan")
        out.append(Alert(
            kind="source_silent", subject_kind="source", subject=row.source,
            title=f"Source gone silent: {row.source}: no new item for {quiet:.0f} hours "
                  f"(usually one every {row.usual_gap_minutes:.0f} minutes)",
            window_start=last_new or now, window_end=now, observed=round(quiet, 1),
            expected=round(row.usual_gap_minutes / 60, 2), threshold=round(3 * row.usual_gap_minutes / 60, 2),
            link=f"{settings.dashboard_url.rstrip('/')}/sources"))
    return out


def send_digest(config: Config, store: Store, now: dt.datetime) -> bool:
    """Send the daily digest when its local time has passed and today's is not done; returns whether sent."""
    settings = config.settings
    day = delivery.digest_due(now, settings, stored.last_digest(store))
    if day is None:
        return False
    recent = stored.listed(store, since=now - dt.timedelta(hours=24), limit=500)
    alerts = [_from_row(row) for row in recent.itertuples()]
    totals = queries.totals(store, queries.Filters(date_from=(now - dt.timedelta(days=1)).date(), date_to=now.date()))
    results = delivery.send_digest(alerts, day, {k: int(v) for k, v in totals.items()}, settings)
    for result in results:
        stored.record_delivery(store, result.channel, result.ok, result.error, now, digest_day=day)
        if not result.ok:
            log.warning("digest delivery failed: %s", result.error)
    return any(r.ok for r in results)


def _from_row(r: Any) -> Alert:
    """A row of :func:`storage.alerts.listed` as the alert it was."""
    return Alert(kind=r.kind, subject_kind=r.subject_kind, subject=r.subject, title=r.title,
                 window_start=r.window_start.to_pydatetime(), window_end=r.window_end.to_pydatetime(),
                 observed=r.observed, expected=r.expected, threshold=r.threshold,
                 ratio=None if pd.isna(r.ratio) else r.ratio, top_terms=tuple(r.top_terms),
                 sources=tuple(r.sources), samples=tuple(r.samples), link=r.link)


def _texts(frame: pd.DataFrame) -> list[str]:
    if frame.empty:
        return []
    return [f"{t or ''} {x or ''}".strip() for t, x in zip(frame["title"].fillna(""), frame["text"].fillna(""))] \
        if "text" in frame else frame["title"].fillna("").tolist()


def _top_sources(frame: pd.DataFrame, top: int = 5) -> tuple[tuple[str, int], ...]:
    return tuple(Counter(frame["source"]).most_common(top)) if not frame.empty else ()


def _samples(frame: pd.DataFrame, newest: bool = True) -> tuple[dict[str, str], ...]:
    rows = frame.head(SAMPLES) if newest else frame.sort_values("published_at").head(SAMPLES)
    return tuple(_sample(r) for r in rows.itertuples())


def _sample(r: Any) -> dict[str, str]:
    return {"mention_id": r.mention_id, "title": r.title or "", "url": r.url, "source": r.source,
            "published_at": pd.Timestamp(r.published_at).isoformat()}


def _link(settings: Settings, page: str, tags: dict[str, str], start: dt.datetime, end: dt.datetime) -> str:
    params = [(kind, name) for kind, name in tags.items()]
    params += [("dates", pd.Timestamp(start).date().isoformat()), ("dates", pd.Timestamp(end).date().isoformat())]
    return f"{settings.dashboard_url.rstrip('/')}/{page}?{urlencode(params)}"
