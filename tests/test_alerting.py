"""The alert cycle end to end (alerting.py): real SQLite, a real SMTP server and a real HTTP server on 127.0.0.1.

A week of generated traffic per topic is stored, a spike is put in the last hours, and an evaluation must
raise it with its evidence, hold it back inside the cooldown, deliver it, and record what happened.
"""

from __future__ import annotations

import datetime as dt
import json
import socket
from email import message_from_bytes
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import tomlkit
from aiosmtpd.controller import Controller

import alerting
import pipeline
from _mentions import frame, row
from conftest import Route, copy_config
from config import Config, load_config
from mention import new_frame
from analysis import analyse
from storage import Store
from storage import alerts as stored

NOW = dt.datetime(2025, 11, 10, 12, 0, tzinfo=dt.timezone.utc)
H = dt.timedelta(hours=1)
WORDS = ["payment", "heating", "letter", "eligible", "november", "pensioner", "household", "energy"]


class _Inbox:
    def __init__(self) -> None:
        self.messages: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802 (aiosmtpd's name)
        self.messages.append(message_from_bytes(envelope.content))
        return "250 OK"


@pytest.fixture
def smtp() -> Any:
    inbox = _Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    yield controller, inbox
    controller.stop()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _config(tmp_path: Path, **sections: dict[str, Any]) -> Config:
    folder = copy_config(tmp_path / "config")
    settings = tomlkit.parse((folder / "settings.toml").read_text(encoding="utf-8"))
    for section, values in sections.items():
        settings.setdefault(section, tomlkit.table()).update(values)
    (folder / "settings.toml").write_text(tomlkit.dumps(settings), encoding="utf-8")
    return load_config(folder)


def _traffic(store: Store, topic: str, per_hour: float, *, spike_hours: int = 0, factor: float = 4.0,
             seed: int = 7, days: int = 8) -> None:
    """Poisson traffic about ``topic`` for ``days`` before NOW; the last ``spike_hours`` at ``factor`` times,
    their titles about a scam text message."""
    rng = np.random.default_rng(seed)
    rows = []
    for back in range(days * 24, 0, -1):
        start = NOW - back * H
        spiking = back <= spike_hours
        for i in range(rng.poisson(per_hour * (factor if spiking else 1))):
            words = " ".join(rng.choice(WORDS, 3))
            title = f"{topic} scam text message warning {words}" if spiking else f"{topic} {words}"
            rows.append(row(f"{topic[:4]}-{back}-{i}", start + dt.timedelta(minutes=int(rng.integers(0, 60))),
                            source=f"forum-{i % 4}", channel="forum", title=title, topics=topic,
                            label="negative" if rng.random() < 0.2 else "neutral"))
    store.upsert_mentions(frame(rows))


def test_a_spike_raises_one_alert_with_what_how_much_terms_sources_samples_and_link(store: Store,
                                                                                    tmp_path: Path) -> None:
    config = _config(tmp_path, alerts={"dashboard_url": "http://dash.example:8501"})
    _traffic(store, "Winter Fuel Payment", 6, spike_hours=3)
    _traffic(store, "State Pension", 6, seed=8)
    raised = alerting.evaluate(config, store, NOW, send=False)
    spikes = [a for a in raised if a.kind == "volume_spike"]
    assert [(a.subject_kind, a.subject) for a in spikes] == [("topic", "Winter Fuel Payment")]
    spike = spikes[0]
    assert spike.observed > 2 * spike.expected and spike.ratio and spike.ratio > 2
    assert spike.window_end == NOW
    assert {"scam", "text", "message"} & set(" ".join(spike.top_terms).split())
    assert spike.sources and all(s.startswith("forum-") for s, _ in spike.sources)
    assert len(spike.samples) == 3 and all(s["url"].startswith("https://example.org/") for s in spike.samples)
    assert spike.link.startswith("http://dash.example:8501/mentions?topic=Winter+Fuel+Payment&dates=2025-11-10")
    assert "Winter Fuel Payment" in spike.title and "usual" in spike.title
    listed = stored.listed(store)
    assert sorted(listed["key"]) == sorted(a.key for a in raised)
    assert stored.last_evaluated(store) == NOW


def test_steady_traffic_raises_no_volume_alert(store: Store, tmp_path: Path) -> None:
    config = _config(tmp_path)
    _traffic(store, "Winter Fuel Payment", 6)
    _traffic(store, "State Pension", 3, seed=9)
    assert [a for a in alerting.evaluate(config, store, NOW, send=False) if a.kind == "volume_spike"] == []


def test_the_cooldown_holds_back_the_same_alert(store: Store, tmp_path: Path) -> None:
    config = _config(tmp_path, alerts={"cooldown_hours": 6.0})
    _traffic(store, "Winter Fuel Payment", 6, spike_hours=3)
    first = {a.key for a in alerting.evaluate(config, store, NOW, send=False)}
    assert "volume_spike:topic:Winter Fuel Payment" in first
    again = {a.key for a in alerting.evaluate(config, store, NOW + H, send=False)}
    assert not first & again


def _hour_of(store: Store, topic: str, start: dt.datetime, n: int) -> None:
    """``n`` mentions about ``topic`` in the hour from ``start``."""
    store.upsert_mentions(frame([row(f"{topic[:4]}-late-{start:%H}-{i}", start + dt.timedelta(minutes=i % 60),
                                     source=f"forum-{i % 4}", channel="forum", title=f"{topic} scam text message",
                                     topics=topic) for i in range(n)]))


def test_a_surge_that_grows_by_half_is_raised_again_inside_the_cooldown(store: Store, tmp_path: Path) -> None:
    config = _config(tmp_path, alerts={"cooldown_hours": 6.0})
    _traffic(store, "Winter Fuel Payment", 6, spike_hours=2, factor=3.0)
    [first] = [a for a in alerting.evaluate(config, store, NOW, send=False) if a.kind == "volume_spike"]
    assert stored.last_ratios(store, [first.key]) == {first.key: first.ratio}
    _hour_of(store, "Winter Fuel Payment", NOW, 120)  # an hour of 120 against a usual of ~6: far bigger
    [grown] = [a for a in alerting.evaluate(config, store, NOW + H, send=False) if a.kind == "volume_spike"]
    assert grown.key == first.key and grown.ratio >= 1.5 * first.ratio
    assert stored.last_ratios(store, [first.key]) == {first.key: grown.ratio}


def test_a_surge_that_only_goes_on_is_held_back_inside_the_cooldown(store: Store, tmp_path: Path) -> None:
    config = _config(tmp_path, alerts={"cooldown_hours": 6.0})
    _traffic(store, "Winter Fuel Payment", 6, spike_hours=2, factor=3.0)
    [first] = [a for a in alerting.evaluate(config, store, NOW, send=False) if a.kind == "volume_spike"]
    _hour_of(store, "Winter Fuel Payment", NOW, round(first.observed / 2))  # the same pace as the alerted hours
    assert [a for a in alerting.evaluate(config, store, NOW + H, send=False) if a.kind == "volume_spike"] == []


def test_the_default_cooldown_is_three_hours(store: Store, tmp_path: Path) -> None:
    config = _config(tmp_path)
    assert config.settings.alert_cooldown_hours == 3.0
    _traffic(store, "Winter Fuel Payment", 6, spike_hours=2, factor=3.0)
    [first] = [a for a in alerting.evaluate(config, store, NOW, send=False) if a.kind == "volume_spike"]
    for back in (2, 1, 0):  # the same pace goes on: held back within three hours, news again after them
        _hour_of(store, "Winter Fuel Payment", NOW + (2 - back) * H, round(first.observed / 2))
    assert [a for a in alerting.evaluate(config, store, NOW + 2 * H, send=False) if a.kind == "volume_spike"] == []
    again = [a for a in alerting.evaluate(config, store, NOW + 3 * H, send=False) if a.kind == "volume_spike"]
    assert [a.key for a in again] == [first.key]


def test_alerts_are_delivered_by_email_and_webhook_and_recorded(store: Store, tmp_path: Path, smtp: Any,
                                                                http_server: Any) -> None:
    controller, inbox = smtp
    http_server.routes["/hook"] = Route(status=204)
    config = _config(tmp_path, email={"enabled": True, "port": controller.port, "recipients": ["press@example.gov.uk"]},
                     webhook={"url": http_server.url("/hook")})
    _traffic(store, "Winter Fuel Payment", 6, spike_hours=3)
    raised = alerting.evaluate(config, store, NOW)
    assert raised
    assert len(inbox.messages) == 1
    assert "Winter Fuel Payment" in inbox.messages[0]["Subject"]
    assert inbox.messages[0]["To"] == "press@example.gov.uk"
    posted = json.loads(http_server.posts[0][2])
    assert [a["key"] for a in posted["alerts"]] == [a.key for a in raised]
    log = stored.deliveries(store)
    assert sorted(set(log["channel"])) == ["email", "webhook"] and log["ok"].all()
    assert len(log) == 2 and (log["alerts"] == len(raised)).all()   # one row per attempt, per channel
    assert log["alert_ids"].iloc[0] == ";".join(str(i) for i in stored.listed(store)["id"].sort_values())


def test_a_failing_mail_server_is_recorded_and_loses_no_alert(store: Store, tmp_path: Path) -> None:
    config = _config(tmp_path, email={"enabled": True, "port": _free_port(), "recipients": ["press@example.gov.uk"],
                                      "timeout_seconds": 3.0})
    _traffic(store, "Winter Fuel Payment", 6, spike_hours=3)
    raised = alerting.evaluate(config, store, NOW)
    assert raised and len(stored.listed(store)) == len(raised)
    log = stored.deliveries(store)
    assert not log["ok"].any()
    assert "127.0.0.1" in log["error"].iloc[0]


def test_a_story_reaching_the_news_from_a_forum_raises_a_jump(store: Store, tmp_path: Path) -> None:
    pytest.importorskip("analysis.stories", reason="story grouping (analysis/stories.py) is not built yet")
    config = _config(tmp_path)
    text = ("Pensioners in Leeds say their winter fuel payment letters were sent to the wrong address by a "
            "contractor, and the council has opened an inquiry into the data breach.")
    store.upsert_mentions(frame([
        row("forum-1", NOW - 30 * H, source="mumsnet", channel="forum",
            title="Winter fuel letters sent to wrong address", text=text),
        row("news-1", NOW - 0.5 * H, source="bbc", channel="news",
            title="Winter fuel payment letters sent to wrong addresses in Leeds", text=text)]))
    assert pipeline.group_stories(config, store, NOW) == 2
    raised = [a for a in alerting.evaluate(config, store, NOW, send=False) if a.kind == "story_jump"]
    assert [a.subject for a in raised] == ["forum-1"]
    assert "forum → news" in raised[0].title and raised[0].link.endswith("/stories?story=forum-1")


def test_a_flag_from_a_wide_reach_source_raises_an_alert(store: Store, tmp_path: Path) -> None:
    config = _config(tmp_path)
    collected = new_frame([
        {"mention_id": f"c{i}", "source": source, "channel": channel, "url": f"https://example.org/{i}",
         "title": "Pension rates", "text": "The full new State Pension is £180 a week, readers were told.",
         "author": "a", "published_at": NOW - 2 * H, "collected_at": NOW - 0.2 * H, "replies": 0, "score": 0}
        for i, (source, channel) in enumerate([("national-paper", "news"), ("small-forum", "forum")])])
    analysed = analyse(collected, config)
    assert analysed["inaccuracy_ids"].str.contains("nsp-2025").all()
    store.upsert_mentions(analysed)
    raised = [a for a in alerting.evaluate(config, store, NOW, send=False) if a.kind == "wide_reach_candidate"]
    assert [a.sources[0][0] for a in raised] == ["national-paper"]   # the small forum has no wide reach
    assert "nsp-2025" in raised[0].title and raised[0].link.startswith("http://127.0.0.1:8501/inaccuracies?")


def test_a_source_gone_silent_is_said_once_per_silence(store: Store, tmp_path: Path) -> None:
    config = _config(tmp_path, alerts={"cooldown_hours": 1.0})
    store.upsert_mentions(frame([row(f"q{i}", NOW - (20 + i) * H, source="quiet-feed", channel="blog")
                                 for i in range(6)]))
    store.record_health("quiet-feed", "https://example.org/feed", "feed", "blog", NOW - 20 * H, None, 6, 6,
                        usual_gap_minutes=60.0)
    raised = [a for a in alerting.evaluate(config, store, NOW, send=False) if a.kind == "source_silent"]
    assert [a.subject for a in raised] == ["quiet-feed"] and "20 hours" in raised[0].title
    later = [a for a in alerting.evaluate(config, store, NOW + 5 * H, send=False) if a.kind == "source_silent"]
    assert later == []   # past the cooldown, but nothing new happened: not said again


def test_run_due_evaluates_once_per_cycle_and_sends_the_digest_once(store: Store, tmp_path: Path, smtp: Any) -> None:
    controller, inbox = smtp
    config = _config(tmp_path, alerts={"cycle_minutes": 60.0},
                     email={"enabled": True, "port": controller.port, "recipients": ["press@example.gov.uk"]},
                     digest={"enabled": True, "time": "08:00", "timezone": "Europe/London"})
    _traffic(store, "Winter Fuel Payment", 6, spike_hours=3)
    alerting.run_due(config, store, NOW)                 # 12:00 in London: the 08:00 digest is due
    evaluated = stored.last_evaluated(store)
    alerting.run_due(config, store, NOW + 10 * dt.timedelta(minutes=1))
    assert stored.last_evaluated(store) == evaluated == NOW
    alerting.run_due(config, store, NOW + H)
    assert stored.last_evaluated(store) == NOW + H
    digests = [m for m in inbox.messages if "igest" in m["Subject"]]
    assert len(digests) == 1
    log = stored.deliveries(store)
    assert log["digest_day"].dropna().astype(str).tolist() == ["2025-11-10"]


def test_the_watch_loop_keeps_collecting_when_alerts_fail(tmp_path: Path) -> None:
    config = _config(tmp_path, email={"enabled": True, "port": _free_port(), "recipients": ["press@example.gov.uk"],
                                      "timeout_seconds": 2.0})
    store = Store.open(f"sqlite:///{tmp_path / 'watch.db'}")
    stop = pipeline.threading.Event()
    ticks = iter([NOW, NOW, NOW, NOW + H, NOW + H, NOW + H])

    def clock() -> dt.datetime:
        try:
            return next(ticks)
        except StopIteration:
            stop.set()
            return NOW + 2 * H

    cycles = pipeline.watch(config, store, stop, tick_seconds=0.01, clock=clock)
    assert cycles >= 1 and store.count_mentions() > 0
    assert stored.last_evaluated(store) is not None
    store.close()
