"""Spike detection: unusual volume and negative surges per topic and voice, from hourly counts (pure).

:func:`detect` takes hourly buckets (subject_kind, subject, hour, mentions, negative) and the evaluation
time, sums windows of 1 and 2 complete hours ending then (two evaluation cycles see a spike's first two
hours; a 6-hour window added false alerts and caught nothing more, even of 6-hour 2x spikes) and compares
each with the previous ``baseline_days`` days. Choices, each measured by ``bench/alerts_eval.py`` (the
earlier same-hours mean, flat and unscaled baselines, unpooled profiles and other windows stay
:class:`Preset` options to compare):

* expected: the window's share of a day times today's level ("profile"). Each hour's share of the day
  comes from the whole baseline days (each day a total times the hours' shares), shrunk toward the shares
  of all subjects together as far as the subject's own hours do not say otherwise (seven samples of one
  hour are too noisy to trust; people wake and sleep at the same hours whatever they talk about). Today's
  level starts from the mean total of weekdays or of weekend days, whichever today is, and follows today's
  hours so far as far as their counts justify (a quiet news day is not judged by a busy week);
* spread: a negative binomial, variance ``mu + phi * mu**2``, ``phi`` the hours' over-dispersion around
  their day (shrunk toward all subjects') plus the uncertainty of today's level and of the shares; never
  below Poisson, and exact tails, so 1 -> 3 mentions is no spike;
* past spikes are left out of the baseline and of today's level, so last Tuesday's surge does not hide
  this one;
* a spike must also reach a preset's minimum count and ratio: alerts a press officer can trust.

A negative surge is volume up by a lower bar (``surge_k``) while the window's negative share is at least
the floor and clearly above the subject's usual share plus a margin (binomial test).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

_HOUR = dt.timedelta(hours=1)
_MIN_DAYS = 3  # fewer baseline days than this and the baseline is not worth an alert
_EXPECTED_FLOOR = 1.0  # ratio denominator: "12 mentions against a usual of ~0" reads as 12x, not infinity


@dataclass(frozen=True)
class Preset:
    """How unusual a window must be to alert.

    ``k``: how far above expected, in standard deviations of a normal (the bar is the count with the same
    upper-tail probability under the negative binomial); ``min_count``: mentions the window must hold;
    ``min_ratio``: observed / expected at least; ``surge_k``: the lower volume bar of a negative surge;
    ``share_margin`` and ``share_z``: the negative share must beat usual + margin by this binomial z;
    ``windows``: hours summed; ``baseline``: "profile" (hour shares of the baseline days, pooled over
    subjects, times today's level), or to compare: "own_profile" (the same, each subject's shares and noise
    alone), "seasonal" (the mean of the same hours of previous days, weekend days scaled; the baseline
    before the profile), "daily" (same hours, unscaled) or "flat" (every window of the baseline days).
    """

    k: float
    min_count: int
    min_ratio: float
    surge_k: float
    share_z: float
    share_margin: float = 0.1
    windows: tuple[int, ...] = (1, 2)
    baseline: str = "profile"


#: Chosen on bench/alerts_eval.py's generated months: "balanced" keeps false alerts under one per topic a week.
PRESETS: dict[str, Preset] = {
    "sensitive": Preset(k=2.4, min_count=5, min_ratio=1.5, surge_k=0.5, share_z=1.5),
    "balanced": Preset(k=2.7, min_count=8, min_ratio=2.0, surge_k=1.0, share_z=2.0),
    "strict": Preset(k=3.5, min_count=12, min_ratio=2.5, surge_k=1.5, share_z=2.5),
}


@dataclass(frozen=True)
class Spike:
    """One unusual window of one subject: what was seen against what is usual, and the bar it crossed.

    ``observed``: mentions in the window; ``expected``: the usual for that window; ``threshold``: the
    volume it had to reach (for a negative surge, the lower "volume up" bar); ``ratio``: observed /
    expected, expected floored at one mention; ``negative_share``: negative / all mentions in the window.
    """

    kind: str
    subject_kind: str
    subject: str
    window_start: dt.datetime
    window_end: dt.datetime
    observed: float
    expected: float
    threshold: float
    ratio: float
    negative_share: float


@dataclass(frozen=True)
class _Stats:
    """One window length, per subject: observed, expected, over-dispersion, negatives, usual negative share."""

    hours: int
    observed: np.ndarray
    expected: np.ndarray
    phi: np.ndarray
    negative: np.ndarray
    usual_share: np.ndarray
    valid: np.ndarray


def detect(counts: pd.DataFrame, now: dt.datetime, sensitivity: str | Preset = "balanced", *,
           negative_floor: float = 0.4, baseline_days: int = 7) -> list[Spike]:
    """Volume spikes and negative surges in windows ending at the last complete hour before ``now``.

    ``counts``: hourly buckets with columns subject_kind, subject, hour (UTC, floored to the hour),
    mentions, negative; missing hours are zero, but days before the first hour in ``counts`` are unknown
    (a fresh install), not zero. ``sensitivity`` is a :data:`PRESETS` name or a :class:`Preset`. At most one
    spike per kind and subject (its most unusual window), most unusual first.
    """
    preset = _preset(sensitivity)
    if counts.empty or baseline_days < 1:
        return []
    end = int(_epoch_hours(pd.Series([pd.Timestamp(now)]))[0])  # floored: the hour in progress is incomplete
    span = 24 * baseline_days + 24 + max(preset.windows)
    subjects, mentions, negative = _grid(counts, end, span)
    if not subjects:
        return []
    first = int(_epoch_hours(counts["hour"]).min()) - (end - span)
    if preset.baseline in ("profile", "own_profile"):
        windows = _profile_stats(mentions, negative, end, preset.windows, first, baseline_days,
                                 preset.baseline == "profile")
    else:
        windows = [_window_stats(mentions, negative, end, w, first, baseline_days, preset.baseline)
                   for w in preset.windows]
    found: list[tuple[float, Spike]] = []
    for kind, judge in (("volume_spike", _volume), ("negative_surge", _surge)):
        judged = [judge(w, preset, negative_floor) for w in windows]
        z = np.stack([zw for zw, _ in judged])  # windows x subjects, -inf where the bar is not crossed
        for row in np.flatnonzero(np.isfinite(z.max(axis=0))):
            w = int(np.argmax(z[:, row]))
            found.append((float(z[w, row]), _spike(kind, subjects[row], end, windows[w], row, judged[w][1][row])))
    return [spike for _, spike in sorted(found, key=lambda zs: -zs[0])]


def _preset(sensitivity: str | Preset) -> Preset:
    if isinstance(sensitivity, Preset):
        return sensitivity
    if sensitivity not in PRESETS:
        raise ValueError(f"unknown sensitivity {sensitivity!r}: expected one of {', '.join(PRESETS)}")
    return PRESETS[sensitivity]


def _epoch_hours(hours: pd.Series) -> np.ndarray:
    """Whole hours since the epoch (UTC; naive times are taken as UTC), floored."""
    index = pd.DatetimeIndex(hours)
    if index.tz is None:
        index = index.tz_localize("UTC")
    return index.as_unit("s").asi8 // 3600


def _grid(counts: pd.DataFrame, end: int, span: int) -> tuple[list[tuple[str, str]], np.ndarray, np.ndarray]:
    """Subjects and their (subjects x span) mentions and negatives for the ``span`` hours before ``end``."""
    hours = _epoch_hours(counts["hour"])
    keep = (hours >= end - span) & (hours < end)
    part = counts.loc[keep, ["subject_kind", "subject", "mentions", "negative"]]
    kind_codes, kinds = pd.factorize(part["subject_kind"].astype(str))
    name_codes, names = pd.factorize(part["subject"].astype(str))
    pairs, codes = np.unique(kind_codes * max(len(names), 1) + name_codes, return_inverse=True)
    mentions = np.zeros((len(pairs), span))
    negative = np.zeros((len(pairs), span))
    column = hours[keep] - (end - span)
    np.add.at(mentions, (codes, column), part["mentions"].fillna(0).to_numpy(dtype=float))  # duplicates add up
    np.add.at(negative, (codes, column), part["negative"].fillna(0).to_numpy(dtype=float))
    kinds, names = list(kinds), list(names)
    subjects = [(kinds[p // max(len(names), 1)], names[p % max(len(names), 1)]) for p in pairs.tolist()]
    return subjects, mentions, negative


def _sums(cumulative: np.ndarray, ends: np.ndarray, hours: int, first: int) -> np.ndarray:
    """Sums of the ``hours`` hours before each of ``ends`` (grid columns); NaN where they start before data."""
    out = cumulative[:, ends] - cumulative[:, ends - hours]
    out[:, (ends - hours) < first] = np.nan
    return out


def _window_stats(mentions: np.ndarray, negative: np.ndarray, end: int, hours: int, first: int, days: int,
                  baseline: str) -> _Stats:
    """The window of ``hours`` ending at the grid's end (epoch hour ``end``) against the ``days`` before it."""
    span = mentions.shape[1]
    first = max(first, 0)
    cumulative = np.concatenate([np.zeros((len(mentions), 1)), mentions.cumsum(axis=1)], axis=1)
    observed = cumulative[:, span] - cumulative[:, span - hours]
    if baseline == "flat":
        expected, phi, days_seen = _flat(cumulative, hours, first, days)
    else:
        expected, phi, days_seen = _seasonal(cumulative, end, hours, first, days, baseline == "seasonal")
    # The expected is itself a mean of n days: its error widens the spread by (1 + 1/n), put into phi.
    widen = 1 + 1 / np.maximum(days_seen, 1)
    phi = np.minimum(phi * widen + (widen - 1) / np.maximum(expected, 1e-9), 10.0)
    base = slice(max(first, span - hours - 24 * days), span - hours)
    share = (negative[:, base].sum(axis=1) + 1) / (mentions[:, base].sum(axis=1) + 3)  # prior ~1/3: no 0/0
    negative_now = negative[:, span - hours:].sum(axis=1)
    return _Stats(hours, observed, expected, phi, negative_now, share, days_seen >= _MIN_DAYS)


def _profile_stats(mentions: np.ndarray, negative: np.ndarray, end: int, windows: tuple[int, ...], first: int,
                   days: int, pooled: bool) -> list[_Stats]:
    """Every window against the subject's hour shares times today's level (see :func:`_day_model`)."""
    span = mentions.shape[1]
    model = _day_model(mentions, end, max(first, 0), days, max(windows), pooled)
    out = []
    for hours in windows:
        expected, phi = _predict(model, end, hours)
        base = slice(max(first, span - hours - 24 * days, 0), span - hours)
        share = (negative[:, base].sum(axis=1) + 1) / (mentions[:, base].sum(axis=1) + 3)  # prior ~1/3: no 0/0
        out.append(_Stats(hours, mentions[:, span - hours:].sum(axis=1), expected, phi,
                          negative[:, span - hours:].sum(axis=1), share, model["days"] >= _MIN_DAYS))
    return out


def _day_model(mentions: np.ndarray, end: int, first: int, days: int, longest: int,
               pooled: bool) -> dict[str, np.ndarray]:
    """Per subject: each hour's share of a day, its noise, and today's level with its uncertainty, from the
    ``days`` whole UTC days before today and today's hours before the longest window.

    A baseline day's hour is its day's total times the hour's share (a rank-one fit: a busy news day does
    not swell the spread of every hour). With ``pooled``, shares are shrunk toward all subjects' shares and
    the hours' over-dispersion toward all subjects' (:func:`_shrunk`): seven days of one hour are too few to
    trust alone. Today's level starts from the mean total of its day type (weekday or weekend) and moves
    with today's hours so far as far as their counts justify (a normal posterior, with the day-to-day
    spread of totals as the prior's); an hour of today far over its usual is left out of that, so an
    earlier spike does not raise the bar of the next.
    """
    n_subjects, span = mentions.shape
    offset = end - span  # epoch hour of grid column 0
    today = ((end - 1) // 24) * 24 - offset  # grid column of today's 00:00 (the day of the last whole hour)
    stop = span - longest  # the windows' hours are never their own baseline
    lo = today - 24 * days
    columns = np.arange(lo, today).reshape(days, 24).T  # hour of the day x day
    x = mentions[:, lo:today].reshape(n_subjects, days, 24).transpose(0, 2, 1).copy()
    x[:, (columns < first) | (columns >= stop)] = np.nan  # before the data began: unknown, not zero
    x = _without_past_spikes(x)
    seen = ~np.isnan(x)
    values = np.where(seen, x, 0.0)
    day_seen = seen.any(axis=1)  # subjects x days
    share, total = _rank_one(values, seen, np.full((n_subjects, 24), 1 / 24))
    cells = seen.sum(axis=(1, 2))
    fit = share[:, :, None] * total[:, None, :]
    excess = np.where(seen, (values - fit) ** 2 - fit, 0.0).sum(axis=(1, 2))
    phi = np.clip(excess * cells / np.maximum(cells - 24 - day_seen.sum(axis=1), 1)
                  / np.maximum((fit**2 * seen).sum(axis=(1, 2)), 1e-9), 0, 10.0)
    share_var = 1 / np.maximum(values.sum(axis=2), 1) + phi[:, None] / np.maximum(seen.sum(axis=2), 1)
    if pooled:
        share, share_var = _pooled_shares(values, seen, total, phi, share, share_var)
        total = _rank_one(values, seen, share, fit_shares=False)[1]
        fit = share[:, :, None] * total[:, None, :]
        squares = (fit**2 * seen).sum(axis=(1, 2))
        excess = np.where(seen, (values - fit) ** 2 - fit, 0.0).sum(axis=(1, 2))
        excess *= cells / np.maximum(cells - day_seen.sum(axis=1) - 1, 1)
        cell_var = np.where(seen, 2 * (fit + max(excess.sum(), 0) / max(squares.sum(), 1e-9) * fit**2) ** 2 + fit, 0)
        raw = excess / np.maximum(squares, 1e-9)
        phi = np.clip(_shrunk(raw, cell_var.sum(axis=(1, 2)) / np.maximum(squares, 1e-9) ** 2, squares > 0), 0, 10.0)
    # Today's level: the mean total of its day type, then today's hours so far.
    weekend = _is_weekend(offset + lo + 24 * np.arange(days))
    kind = np.where(day_seen & weekend[None, :], 1, np.where(day_seen, 0, -1))
    now_kind = int(_is_weekend(np.array(offset + today)))
    n_kind = np.stack([(kind == flag).sum(axis=1) for flag in (0, 1)], axis=1)
    level = np.stack([np.where(kind == flag, total, 0).sum(axis=1) for flag in (0, 1)], axis=1) / np.maximum(n_kind, 1)
    same = n_kind[:, now_kind] > 0  # a day type missing from the baseline is taken as the other's level
    prior = np.where(same, level[:, now_kind], (level * n_kind).sum(axis=1) / np.maximum(n_kind.sum(axis=1), 1))
    n_prior = np.where(same, n_kind[:, now_kind], n_kind.sum(axis=1))
    # The days' spread around their type's level beyond their own noise (relative variance), shrunk.
    usual = np.take_along_axis(level, np.maximum(kind, 0), axis=1)
    noise = (total + phi[:, None] * (fit**2 * seen).sum(axis=1)) / np.maximum(total, 1e-9) ** 2
    counted = (kind >= 0) & (usual > 0)
    dof = np.maximum(counted.sum(axis=1) - (n_kind > 0).sum(axis=1), 0)
    deviation = np.where(counted, (total / np.maximum(usual, 1e-9) - 1) ** 2 - noise, 0.0).sum(axis=1)
    raw = deviation / np.maximum(dof, 1)
    mean_noise = np.where(counted, noise, 0).sum(axis=1) / np.maximum(counted.sum(axis=1), 1)
    first_guess = max(float((raw * dof).sum() / max(dof.sum(), 1)), 0.0)  # the noise of raw, not raw's own
    tau2 = np.maximum(_shrunk(raw, 2 * (first_guess + mean_noise) ** 2 / np.maximum(dof, 1), dof > 0), 0.0)
    # Today's hours so far, those far over the prior's usual left out.
    y = mentions[:, today:max(stop, today)]
    mu = prior[:, None] * share[:, :y.shape[1]]
    ok = y <= mu + 4 * np.sqrt(mu + phi[:, None] * mu**2) + 1
    counts, usual_so_far = np.where(ok, y, 0).sum(axis=1), np.where(ok, mu, 0).sum(axis=1)
    prior_var = np.maximum(tau2 * (1 + 1 / np.maximum(n_prior, 1)), 1e-9)
    seen_var = (usual_so_far + phi * np.where(ok, mu**2, 0).sum(axis=1)) / np.maximum(usual_so_far, 1e-9) ** 2
    informed = usual_so_far > 1e-6
    level_var = np.where(informed, 1 / (1 / prior_var + 1 / np.maximum(seen_var, 1e-9)), prior_var)
    ratio = np.where(informed, level_var * (1 / prior_var + counts / np.maximum(usual_so_far, 1e-9)
                                            / np.maximum(seen_var, 1e-9)), 1.0)
    return {"share": share, "share_var": share_var, "phi": phi, "level": prior * ratio,
            "level_var": prior**2 * level_var, "days": day_seen.sum(axis=1)}


def _rank_one(values: np.ndarray, seen: np.ndarray, share: np.ndarray,
              fit_shares: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """Hour shares (summing to one) and day totals with values ~ share x total over the seen cells (Poisson
    likelihood, a few alternating steps); ``fit_shares`` False keeps the shares given."""
    for _ in range(4 if fit_shares else 0):
        total = values.sum(axis=1) / np.maximum((share[:, :, None] * seen).sum(axis=1), 1e-9)
        share = values.sum(axis=2) / np.maximum((total[:, None, :] * seen).sum(axis=2), 1e-9)
        share = np.where(share.sum(axis=1, keepdims=True) > 0, share, 1 / 24)
        share = share / share.sum(axis=1, keepdims=True)
    return share, values.sum(axis=1) / np.maximum((share[:, :, None] * seen).sum(axis=1), 1e-9)


def _pooled_shares(values: np.ndarray, seen: np.ndarray, total: np.ndarray, phi: np.ndarray, share: np.ndarray,
                   share_var: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each subject's hour shares shrunk toward the shares of all subjects together (people wake, work and
    sleep at the same hours whatever they talk about) as far as its own hours do not differ from them beyond
    their noise: one spread of true differences per subject (empirical Bayes), so a subject with a rhythm of
    its own keeps it. Also the shares' relative variance."""
    everyone = values.sum(axis=(0, 2))
    if everyone.sum() <= 0:
        return share, share_var
    everyone = everyone / everyone.sum()
    expected = everyone[None, :] * (total[:, None, :] * seen).sum(axis=2)  # subject x hour, with everyone's shape
    ratio = values.sum(axis=2) / np.maximum(expected, 1e-9)
    noise = 1 / np.maximum(expected, 1e-9) + phi[:, None] / np.maximum(seen.sum(axis=2), 1)
    use = expected > 0.5  # hours with next to nothing expected say nothing of the shape
    spread = np.maximum(np.where(use, (ratio - 1) ** 2 - noise, 0.0).sum(axis=1) / np.maximum(use.sum(axis=1), 1), 0)
    keep = np.where(use, spread[:, None] / np.maximum(spread[:, None] + noise, 1e-12), 0.0)
    shrunk = everyone[None, :] * (1 + keep * (ratio - 1))
    sums = shrunk.sum(axis=1, keepdims=True)
    return np.where(sums > 0, shrunk / np.maximum(sums, 1e-12), share), np.where(use, keep * noise, share_var)


def _shrunk(raw: np.ndarray, noise: np.ndarray, use: np.ndarray) -> np.ndarray:
    """Per-subject estimates ``raw`` (sampling variances ``noise``) shrunk toward their precision-weighted
    mean over the subjects in ``use``, as far as they spread beyond their noise (empirical Bayes, moments)."""
    if not use.any():
        return np.zeros_like(raw)
    weight = 1 / np.maximum(noise[use], 1e-12)
    centre = float((raw[use] * weight).sum() / weight.sum())
    spread = max(float(np.mean((raw[use] - centre) ** 2 - noise[use])), 0.0)
    return np.where(use, (spread * raw + noise * centre) / np.maximum(spread + noise, 1e-12), centre)


def _predict(model: dict[str, np.ndarray], end: int, hours: int) -> tuple[np.ndarray, np.ndarray]:
    """Expected count of the ``hours`` before epoch hour ``end`` and its negative-binomial ``phi``: the hours'
    noise, plus the uncertainty of today's level and of the shares."""
    share = model["share"][:, np.arange(end - hours, end) % 24]
    part = share.sum(axis=1)
    expected = model["level"] * part
    share_var = (share**2 * model["share_var"][:, np.arange(end - hours, end) % 24]).sum(axis=1)
    var = (expected + model["phi"] * ((model["level"][:, None] * share) ** 2).sum(axis=1)
           + part**2 * model["level_var"] + expected**2 * share_var / np.maximum(part, 1e-12) ** 2)
    return expected, np.clip((var - expected) / np.maximum(expected, 1e-9) ** 2, 0, 10.0)


def _flat(cumulative: np.ndarray, hours: int, first: int, days: int) -> tuple[np.ndarray, ...]:
    """Expected, over-dispersion and days of data from every window of the baseline days, whatever its hour."""
    span = cumulative.shape[1] - 1
    ends = np.arange(span - 24 * days, span - hours + 1)
    samples = _without_past_spikes(_sums(cumulative, ends, hours, first)[:, None, :])[:, 0, :]
    expected, variance = _mean_var(samples)
    phi = np.clip((variance - expected) / np.maximum(expected**2, 1e-9), 0, None)
    return expected, phi, np.sum(~np.isnan(samples), axis=1) // 24


def _seasonal(cumulative: np.ndarray, end: int, hours: int, first: int, days: int,
              weekend: bool) -> tuple[np.ndarray, ...]:
    """Expected from the same window on each previous day (scaled to a weekday or weekend level when
    ``weekend``); over-dispersion pooled over all 24 windows of those days (7 samples alone are too noisy)."""
    span = cumulative.shape[1] - 1
    back = np.arange(24)[:, None] + np.arange(1, days + 1)[None, :] * 24  # hours of the day x days
    samples = _sums(cumulative, (span - back).ravel(), hours, first).reshape(len(cumulative), 24, days)
    samples = _without_past_spikes(samples)
    if weekend:
        samples = _weekend_scaled(samples, _is_weekend(end - back - 1), bool(_is_weekend(np.array(end - 1))))
    means, variances = _mean_var(samples)  # per subject and hour of the day; hour 0 is this window's
    phi = np.clip((variances - means).sum(axis=1) / np.maximum((means**2).sum(axis=1), 1e-9), 0, None)
    return means[:, 0], phi, np.sum(~np.isnan(samples[:, 0, :]), axis=1)


def _is_weekend(epoch_hours: np.ndarray) -> np.ndarray:
    return (epoch_hours // 24 + 3) % 7 >= 5  # 1970-01-01 was a Thursday (Monday = 0)


def _weekend_scaled(samples: np.ndarray, weekend: np.ndarray, now_weekend: bool) -> np.ndarray:
    """Samples from weekend days scaled to the weekday level or the reverse, whichever ``now`` is: a
    Saturday is compared with Saturdays' level, not with Friday's. Levels get one mention of prior, so a
    quiet subject is hardly scaled; a day type missing from the baseline is taken as the other's level."""
    flat = samples.reshape(len(samples), -1)
    level = {}
    for flag in (False, True):
        part = np.where(weekend.ravel()[None, :] == flag, flat, np.nan)
        level[flag] = (_mean_var(part)[0], (~np.isnan(part)).sum(axis=1))
    target = np.where(level[now_weekend][1] > 0, level[now_weekend][0], level[not now_weekend][0])
    scale = {flag: np.where(level[flag][1] > 0, (target + 1) / (level[flag][0] + 1), 1.0) for flag in level}
    return samples * np.where(weekend[None, :, :], scale[True][:, None, None], scale[False][:, None, None])


def _without_past_spikes(samples: np.ndarray) -> np.ndarray:
    """``samples`` (subjects x hours of the day x days) with NaN for past spikes: last Tuesday's surge must
    not become this Tuesday's usual, nor swell the spread until the next surge goes unseen.

    A past spike is over about three standard deviations of its hour's other days, judged by a mean and
    a pooled over-dispersion that leave out each hour's highest day (so the spike cannot hide itself).
    """
    seen = ~np.isnan(samples)
    n = seen.sum(axis=-1)
    values = np.where(seen, samples, 0.0)
    top = np.where(n > 0, np.where(seen, samples, -np.inf).max(axis=-1), 0.0)
    rest = np.maximum(n - 1, 1)
    mean = (values.sum(axis=-1) - top) / rest
    variance = np.maximum((values**2).sum(axis=-1) - top**2 - rest * mean**2, 0) / np.maximum(n - 2, 1)
    phi = np.clip((variance - mean).sum(axis=-1) / np.maximum((mean**2).sum(axis=-1), 1e-9), 0, None)
    bar = mean + 4 * np.sqrt(mean + phi[:, None] * mean**2) + 1  # 4 trimmed sd: ~3 sd of all the days
    return np.where(samples > bar[..., None], np.nan, samples)


def _mean_var(samples: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Mean and sample variance over the last axis, ignoring NaN (0 where there is nothing to average)."""
    seen = ~np.isnan(samples)
    n = seen.sum(axis=-1)
    mean = np.nansum(samples, axis=-1) / np.maximum(n, 1)
    squares = np.where(seen, (np.nan_to_num(samples) - mean[..., None]) ** 2, 0.0).sum(axis=-1)
    return mean, squares / np.maximum(n - 1, 1)


def _tail_bar(expected: np.ndarray, phi: np.ndarray, k: float) -> np.ndarray:
    """The least count as unlikely as ``k`` standard deviations of a normal, under a negative binomial of
    mean ``expected`` and variance ``expected + phi * expected**2`` (exact tails: low counts are skewed)."""
    size = 1 / np.maximum(phi, 1e-6)  # phi -> 0 is Poisson
    return stats.nbinom.isf(stats.norm.sf(k), size, size / (size + np.maximum(expected, 1e-9))) + 1


def _z(observed: np.ndarray, expected: np.ndarray, phi: np.ndarray) -> np.ndarray:
    """How unusual ``observed`` is, as the normal z of its negative-binomial upper tail (for ranking)."""
    size = 1 / np.maximum(phi, 1e-6)
    tail = stats.nbinom.sf(observed - 1, size, size / (size + np.maximum(expected, 1e-9)))
    return np.minimum(stats.norm.isf(np.maximum(tail, 1e-300)), 37.0)


def _volume(s: _Stats, preset: Preset, floor: float) -> tuple[np.ndarray, np.ndarray]:
    """z of each subject's window where it crosses the spike bar (else -inf), and the bar."""
    bar = np.maximum.reduce([_tail_bar(s.expected, s.phi, preset.k), np.full_like(s.expected, preset.min_count),
                             preset.min_ratio * s.expected])
    return np.where(s.valid & (s.observed >= bar), _z(s.observed, s.expected, s.phi), -np.inf), bar


def _surge(s: _Stats, preset: Preset, floor: float) -> tuple[np.ndarray, np.ndarray]:
    """Where volume is up and the negative share is at least ``floor`` and clearly above usual: the binomial
    z of the negative count against the usual share plus ``share_margin`` (else -inf); and the volume bar.

    Testing against usual + margin, not the usual alone: a subject's share drifts from day to day, and with
    200 mentions a drift from 30% to 41% is "significant" but no surge. Volume up means by half the way to
    ``min_ratio`` as well (1.5x at balanced): a tight baseline puts ``surge_k`` within everyday noise."""
    bar = np.maximum.reduce([_tail_bar(s.expected, s.phi, preset.surge_k), np.full_like(s.expected, preset.min_count),
                             (1 + preset.min_ratio) / 2 * s.expected])
    share = s.negative / np.maximum(s.observed, 1.0)
    tail = stats.binom.sf(s.negative - 1, s.observed, np.minimum(s.usual_share + preset.share_margin, 1.0))
    z = np.minimum(stats.norm.isf(np.maximum(tail, 1e-300)), 37.0)
    ok = s.valid & (s.observed >= bar) & (share >= floor)
    return np.where(ok & (z >= preset.share_z), z, -np.inf), bar


def _spike(kind: str, subject: tuple[str, str], end: int, s: _Stats, row: int, bar: float) -> Spike:
    stop = dt.datetime.fromtimestamp(end * 3600, tz=dt.timezone.utc)
    observed, expected = float(s.observed[row]), float(s.expected[row])
    return Spike(kind=kind, subject_kind=subject[0], subject=subject[1], window_start=stop - s.hours * _HOUR,
                 window_end=stop, observed=observed, expected=round(expected, 2), threshold=round(float(bar), 2),
                 ratio=round(observed / max(expected, _EXPECTED_FLOOR), 2),
                 negative_share=round(float(s.negative[row]) / max(observed, 1.0), 3))
