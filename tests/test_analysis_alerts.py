"""Spike and surge detection, cooldown and top terms (analysis.alerts / analysis.spikes) on generated counts."""

from __future__ import annotations

import dataclasses
import datetime as dt

import numpy as np
import pandas as pd
import pytest

from analysis.alerts import KINDS, PRESETS, REALERT_GROWTH, Alert, Preset, Spike, cooldown, detect, top_terms

NOW = dt.datetime(2025, 11, 12, 14, 0, tzinfo=dt.timezone.utc)  # a Wednesday, 14:00
HOUR = dt.timedelta(hours=1)
# A working day's shape: quiet nights, busy middle of the day.
RHYTHM = np.array([0.2, 0.1, 0.1, 0.1, 0.1, 0.2, 0.3, 0.5, 0.8, 1.0, 1.0, 1.0,
                   1.0, 1.0, 1.0, 0.9, 0.9, 0.8, 0.8, 0.8, 0.7, 0.6, 0.4, 0.3])


def series(peak: float, *, days: int = 9, seed: int = 1, subject: str = "nhs", kind: str = "topic",
           share: float = 0.25, end: dt.datetime = NOW) -> pd.DataFrame:
    """Hourly Poisson counts with a daily rhythm for the ``days`` before ``end``, zero hours dropped."""
    rng = np.random.default_rng(seed)
    hours = pd.date_range(end - dt.timedelta(days=days), end, freq="h", inclusive="left", tz="UTC").as_unit("us")
    mentions = rng.poisson(peak * RHYTHM[hours.hour])
    frame = pd.DataFrame({"subject_kind": kind, "subject": subject, "hour": hours, "mentions": mentions,
                          "negative": rng.binomial(mentions, share)})
    return frame[frame["mentions"] > 0].reset_index(drop=True)


def bump(frame: pd.DataFrame, start: dt.datetime, hours: int, factor: float, share: float | None = None,
         seed: int = 2) -> pd.DataFrame:
    """``frame`` with its counts in ``hours`` hours from ``start`` multiplied (and the negative share set)."""
    rng = np.random.default_rng(seed)
    out = frame.copy()
    inside = (out["hour"] >= start) & (out["hour"] < start + hours * HOUR)
    out.loc[inside, "mentions"] = np.round(out.loc[inside, "mentions"] * factor).astype(int)
    if share is not None:
        out.loc[inside, "negative"] = rng.binomial(out.loc[inside, "mentions"], share)
    return out


def kinds(spikes: list[Spike]) -> set[str]:
    return {s.kind for s in spikes}


def test_a_3x_spike_alerts_at_balanced_and_says_how_much() -> None:
    counts = bump(series(20), NOW - 2 * HOUR, 2, 3.0)
    spikes = detect(counts, NOW, "balanced")
    [spike] = [s for s in spikes if s.kind == "volume_spike"]
    assert (spike.subject_kind, spike.subject) == ("topic", "nhs")
    assert spike.window_end == NOW and spike.window_start >= NOW - 6 * HOUR
    assert spike.observed >= spike.threshold > spike.expected > 0
    assert spike.ratio == pytest.approx(spike.observed / spike.expected, rel=0.01)
    assert 2.0 <= spike.ratio <= 4.0
    assert 0 <= spike.negative_share <= 1


def test_the_same_series_without_the_spike_does_not_alert() -> None:
    assert detect(series(20), NOW, "balanced") == []


def test_a_series_without_spikes_stays_quiet_over_a_week_of_cycles() -> None:
    counts = series(20, days=15, seed=7)
    alerts = [s for h in range(0, 24 * 7, 1) for s in detect(counts, NOW - h * HOUR, "balanced")]
    assert len(alerts) <= 2  # Poisson noise alone: at most a rare crossing in 168 evaluations


def test_a_low_volume_blip_from_one_to_three_does_not_alert() -> None:
    counts = series(1.0, seed=3)
    blip = counts[counts["hour"] < NOW - HOUR]
    blip = pd.concat([blip, pd.DataFrame({"subject_kind": ["topic"], "subject": ["nhs"],
                                          "hour": [pd.Timestamp(NOW - HOUR)], "mentions": [3], "negative": [1]})])
    assert detect(blip, NOW, "balanced") == []
    assert detect(blip, NOW, "sensitive") == []


def test_a_subject_silent_all_week_alerts_on_a_real_burst() -> None:
    quiet = series(20, subject="other")  # gives the history its length; the subject itself had nothing
    burst = pd.DataFrame({"subject_kind": ["voice"], "subject": ["minister"], "hour": [pd.Timestamp(NOW - HOUR)],
                          "mentions": [15], "negative": [3]})
    spikes = detect(pd.concat([quiet, burst]), NOW, "balanced")
    assert [(s.subject, s.kind, s.expected, s.ratio) for s in spikes] == [("minister", "volume_spike", 0.0, 15.0)]


def test_strict_alerts_less_than_sensitive_on_the_same_data() -> None:
    counts = series(12, days=14, seed=5)
    for day, factor in ((8, 1.8), (9, 2.5), (10, 1.6), (11, 3.0), (12, 2.0)):
        counts = bump(counts, NOW - dt.timedelta(days=14 - day) + 3 * HOUR, 2, factor, seed=day)
    cycles = [NOW - h * HOUR for h in range(0, 24 * 6)]
    fired = {name: sum(len(detect(counts, t, name)) for t in cycles) for name in PRESETS}
    assert fired["strict"] < fired["balanced"] < fired["sensitive"]


def test_a_negative_surge_needs_volume_up_and_the_share_over_the_floor() -> None:
    counts = series(20, share=0.25)
    start = NOW - 2 * HOUR
    both = detect(bump(counts, start, 2, 2.0, share=0.7), NOW, "balanced")
    assert "negative_surge" in kinds(both)
    [surge] = [s for s in both if s.kind == "negative_surge"]
    assert surge.negative_share >= 0.4 and surge.observed >= surge.threshold
    share_only = detect(bump(counts, start, 2, 1.0, share=0.7), NOW, "balanced")  # angrier, not louder
    assert "negative_surge" not in kinds(share_only)
    volume_only = detect(bump(counts, start, 2, 2.5, share=0.25), NOW, "balanced")  # louder, not angrier
    assert "negative_surge" not in kinds(volume_only) and "volume_spike" in kinds(volume_only)
    under_floor = detect(bump(counts, start, 2, 2.0, share=0.7), NOW, "balanced", negative_floor=0.8)
    assert "negative_surge" not in kinds(under_floor)


def test_a_subject_usually_negative_needs_more_than_its_usual_share() -> None:
    counts = series(20, share=0.5)
    assert "negative_surge" not in kinds(detect(bump(counts, NOW - 2 * HOUR, 2, 2.0, share=0.5), NOW))
    assert "negative_surge" in kinds(detect(bump(counts, NOW - 2 * HOUR, 2, 2.0, share=0.85), NOW))


def test_missing_hours_are_zero() -> None:
    counts = bump(series(6, seed=11), NOW - HOUR, 1, 4.0)
    hours = pd.date_range(NOW - dt.timedelta(days=9), NOW, freq="h", inclusive="left", tz="UTC").as_unit("us")
    full = pd.DataFrame({"subject_kind": "topic", "subject": "nhs", "hour": hours})
    full = full.merge(counts, how="left", on=["subject_kind", "subject", "hour"]).fillna({"mentions": 0,
                                                                                        "negative": 0})
    assert len(full) > len(counts)  # the generated series does have empty hours
    assert detect(counts, NOW) == detect(full.astype({"mentions": int, "negative": int}), NOW)
    assert detect(counts, NOW) != []


def test_only_complete_hours_count() -> None:
    counts = series(20)
    in_progress = pd.DataFrame({"subject_kind": ["topic"], "subject": ["nhs"], "hour": [pd.Timestamp(NOW)],
                                "mentions": [200], "negative": [150]})
    counts = pd.concat([counts, in_progress])
    assert detect(counts, NOW + dt.timedelta(minutes=40)) == []  # 14:00-15:00 is not over at 14:40
    later = detect(counts, NOW + HOUR)
    assert "volume_spike" in kinds(later) and all(s.window_end == NOW + HOUR for s in later)


def test_past_spikes_do_not_hide_the_next_one() -> None:
    counts = series(20, days=9)
    for days_ago in (1, 4):  # the same hours on two earlier days already spiked
        counts = bump(counts, NOW - dt.timedelta(days=days_ago) - 2 * HOUR, 2, 4.0, seed=days_ago)
    assert "volume_spike" in kinds(detect(bump(counts, NOW - 2 * HOUR, 2, 3.0), NOW))


def test_weekends_are_compared_with_weekend_levels() -> None:
    saturday = dt.datetime(2025, 11, 15, 14, 0, tzinfo=dt.timezone.utc)
    counts = series(30, days=16, end=saturday, seed=4)
    weekend = counts["hour"].dt.day_of_week >= 5
    counts.loc[weekend, "mentions"] = counts.loc[weekend, "mentions"] // 3  # weekends a third of weekdays
    counts["negative"] = np.minimum(counts["negative"], counts["mentions"])
    assert detect(counts, saturday) == []
    spike = counts.copy()  # 3x a Saturday afternoon's usual (10 an hour): a weekday's usual
    spike.loc[spike["hour"] >= saturday - 2 * HOUR, "mentions"] = 30
    assert "volume_spike" in kinds(detect(spike, saturday))
    unscaled = dataclasses.replace(PRESETS["balanced"], baseline="daily")
    assert "volume_spike" not in kinds(detect(spike, saturday, unscaled))


def test_too_little_history_gives_no_alerts() -> None:
    counts = bump(series(20, days=2), NOW - 2 * HOUR, 2, 5.0)
    assert detect(counts, NOW) == []


def test_empty_input_gives_no_alerts() -> None:
    empty = pd.DataFrame({"subject_kind": pd.Series(dtype="string"), "subject": pd.Series(dtype="string"),
                          "hour": pd.Series(dtype="datetime64[us, UTC]"), "mentions": pd.Series(dtype="int64"),
                          "negative": pd.Series(dtype="int64")})
    assert detect(empty, NOW) == []
    assert detect(series(20), NOW - dt.timedelta(days=30)) == []  # nothing before that time


def test_presets_and_an_unknown_sensitivity() -> None:
    assert set(PRESETS) == {"sensitive", "balanced", "strict"}
    assert all(isinstance(p, Preset) for p in PRESETS.values())
    with pytest.raises(ValueError, match="sensitive, balanced, strict"):
        detect(series(5), NOW, "paranoid")


def alert(subject: str = "nhs", kind: str = "volume_spike", at: dt.datetime = NOW) -> Alert:
    return Alert(kind, "topic", subject, f"{subject} up", at - HOUR, at, 60.0, 20.0, 40.0, 3.0)


def test_cooldown_drops_repeats_within_its_time_and_keeps_them_after() -> None:
    fired = {alert().key: NOW - 2 * HOUR}
    assert cooldown([alert()], fired, NOW, 6) == []
    assert cooldown([alert()], fired, NOW + 4 * HOUR, 6) == [alert()]
    assert cooldown([alert()], fired, NOW + 4 * HOUR - dt.timedelta(seconds=1), 6) == []
    other_kind, other_subject = alert(kind="negative_surge"), alert(subject="dwp")
    assert cooldown([alert(), other_kind, other_subject], fired, NOW, 6) == [other_kind, other_subject]


def test_cooldown_keeps_only_the_first_of_one_key() -> None:
    first, second = alert(), dataclasses.replace(alert(), observed=90.0)
    assert cooldown([first, second, alert(subject="dwp")], {}, NOW, 6) == [first, alert(subject="dwp")]
    assert cooldown([first], {}, NOW, 0) == [first]


def test_cooldown_lets_an_alert_through_when_its_ratio_has_grown_by_half() -> None:
    fired, before = {alert().key: NOW - HOUR}, {alert().key: 2.0}  # last said: 2x the usual, an hour ago
    grown, bigger, none = (dataclasses.replace(alert(), ratio=r) for r in (3.0, 2.9, None))
    assert REALERT_GROWTH == 1.5
    assert cooldown([grown], fired, NOW, 3, last_ratio=before) == [grown]
    assert cooldown([bigger], fired, NOW, 3, last_ratio=before) == []  # bigger, but not by half
    assert cooldown([none], fired, NOW, 3, last_ratio=before) == []  # a kind without a ratio: held back
    assert cooldown([grown], fired, NOW, 3) == []  # no ratios given: the cooldown alone
    assert cooldown([grown], fired, NOW, 3, last_ratio=before, growth=2.0) == []
    assert cooldown([grown, dataclasses.replace(grown, ratio=5.0)], fired, NOW, 3, last_ratio=before) == [grown]


def test_alert_shape_is_unchanged() -> None:
    assert KINDS[:2] == ("volume_spike", "negative_surge")
    assert alert().key == "volume_spike:topic:nhs"
    assert alert().to_json()["window_end"] == NOW.isoformat()


BASELINE = [
    "Hospital waiting times published for October",
    "The NHS app now shows test results",
    "GP appointments: how to book online",
    "Winter vaccines are available at pharmacies",
    "New figures on A&E attendances in 2025",
    "Ambulance response times improve in the north",
] * 5


def test_top_terms_finds_the_words_of_the_window_and_drops_stop_words() -> None:
    window = [
        "Junior doctors strike from Friday over pay",
        "BMA confirms junior doctors strike dates",
        "What the junior doctors strike means for your appointment",
        "Hospitals prepare for the junior doctors strike",
        "Waiting times could rise with the strike, says NHS",
        "Junior doctors walk out again: the pay row explained",
    ]
    terms = top_terms(window, BASELINE, n=5)
    assert terms[0] in {"junior doctors", "doctors strike", "strike"}
    assert {"junior doctors", "strike"} & set(terms) or "doctors strike" in terms
    assert "pay" in terms or len(terms) == 5
    for term in terms:
        assert term == term.lower()
        assert not set(term.split()) & {"the", "for", "from", "with", "your", "what", "over", "says"}
        assert any(c.isalpha() for c in term)
    assert "waiting" not in terms and "nhs" not in terms  # as common before as now


def test_top_terms_leaves_out_numbers_and_one_off_words() -> None:
    window = ["Strike 2025 on 14 November", "2025 strike: 14 November dates", "Strike dates 14/11", "Strike"]
    terms = top_terms(window, BASELINE)
    assert "strike" in terms and "november" in terms
    assert not [t for t in terms if not any(c.isalpha() for c in t)]
    assert top_terms([], BASELINE) == [] and top_terms(["The and of"], []) == []


def everything(windows: tuple[int, ...] = (1,), baseline: str = "profile") -> Preset:
    """A preset that reports every subject's window, so its expected can be read."""
    return Preset(k=-30.0, min_count=0, min_ratio=0.0, surge_k=99.0, share_z=99.0, windows=windows,
                  baseline=baseline)


def newsy(peak: float, seed: int) -> pd.DataFrame:
    """:func:`series` with each earlier day's counts at that day's news level (log-normal, sd 0.25), as real
    days are; today at the usual level."""
    out = series(peak, seed=seed)
    days = (out["hour"].dt.floor("D") - out["hour"].min().floor("D")).dt.days  # UTC days
    level = np.exp(np.random.default_rng(seed + 100).normal(0, 0.25, days.max() + 1))
    level[-1] = 1.0
    out["mentions"] = np.round(out["mentions"] * level[days]).astype(int)
    out["negative"] = np.minimum(out["negative"], out["mentions"])
    return out


def scaled_today(frame: pd.DataFrame, factor: float, end: dt.datetime = NOW) -> pd.DataFrame:
    """``frame`` with today's hours before ``end`` (UTC day) multiplied: a quiet or busy news day."""
    out = frame.copy()
    today = (out["hour"] >= end.replace(hour=0)) & (out["hour"] < end)
    out.loc[today, "mentions"] = np.round(out.loc[today, "mentions"] * factor).astype(int)
    out["negative"] = np.minimum(out["negative"], out["mentions"])
    return out


def test_a_spike_on_a_quiet_news_day_is_judged_by_that_day_not_by_the_week() -> None:
    # Today runs at half the usual all day; the last two hours at 1.8x the usual are 3.6x today's level.
    quiet_day = bump(scaled_today(newsy(20, seed=21), 0.5), NOW - 2 * HOUR, 2, 3.6)
    [spike] = [s for s in detect(quiet_day, NOW, "balanced") if s.kind == "volume_spike"]
    assert spike.ratio >= 2.0
    week_only = dataclasses.replace(PRESETS["balanced"], baseline="seasonal")
    assert "volume_spike" not in kinds(detect(quiet_day, NOW, week_only))


def test_a_busy_news_day_raises_the_bar() -> None:
    # Today runs at 2.5x the usual all day: the last two hours at 2.5x the usual are no spike for it.
    busy_day = scaled_today(newsy(20, seed=22), 2.5)
    assert "volume_spike" not in kinds(detect(busy_day, NOW, "balanced"))
    week_only = dataclasses.replace(PRESETS["balanced"], baseline="seasonal")
    assert "volume_spike" in kinds(detect(busy_day, NOW, week_only))


def test_an_earlier_spike_today_does_not_raise_the_level_of_the_day() -> None:
    counts = bump(newsy(20, seed=23), NOW - 7 * HOUR, 4, 8.0)  # 07:00-11:00 at 8x
    counts = bump(counts, NOW - 2 * HOUR, 2, 3.0, seed=3)
    [spike] = [s for s in detect(counts, NOW, "balanced") if s.kind == "volume_spike"]
    assert spike.window_end == NOW and spike.ratio >= 2.0


def quiet_among_busy(seed: int) -> pd.DataFrame:
    busy = [series(30, seed=seed + i, subject=f"busy{i}") for i in range(5)]
    return pd.concat(busy + [series(3, seed=seed + 9, subject="quiet")], ignore_index=True)


def test_a_quiet_subject_borrows_the_hour_shares_of_all_subjects() -> None:
    # Seven days of a subject at 3 an hour at its peak say little about each hour; everyone's rhythm says more.
    errors = {"profile": [], "own_profile": []}
    for seed in (31, 41, 51):
        counts = quiet_among_busy(seed)
        for hours_back in range(0, 24, 2):
            now = NOW - hours_back * HOUR
            usual = 3 * RHYTHM[(now - HOUR).hour]
            for baseline, found in errors.items():
                found += [abs(s.expected - usual) / usual for s in detect(counts[counts["hour"] < now], now,
                          everything(baseline=baseline)) if s.subject == "quiet"]  # none when it had 0
    assert len(errors["profile"]) == len(errors["own_profile"]) > 20
    assert np.mean(errors["profile"]) < 0.75 * np.mean(errors["own_profile"])


def test_a_subject_with_its_own_rhythm_keeps_it() -> None:
    # A subject busy at night among subjects busy by day: its night is its usual, not a spike.
    night = series(20, seed=61, subject="night")
    night["mentions"] = np.random.default_rng(62).poisson(20 * RHYTHM[(night["hour"].dt.hour + 12) % 24])
    night["negative"] = np.minimum(night["negative"], night["mentions"])
    counts = pd.concat([series(30, seed=70 + i, subject=f"day{i}") for i in range(5)] + [night], ignore_index=True)
    at_night = NOW.replace(hour=3)  # 02:00-03:00 is its 14:00
    [spike] = [s for s in detect(counts[counts["hour"] < at_night], at_night, everything()) if s.subject == "night"]
    assert spike.expected == pytest.approx(20 * RHYTHM[14], rel=0.3)
    assert "night" not in {s.subject for s in detect(counts[counts["hour"] < at_night], at_night, "balanced")}
