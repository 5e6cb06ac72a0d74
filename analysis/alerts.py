"""Alerts: what an alert is, and detecting unusual volume and negative surges (pure, frame -> alerts).

Storage reads the counts, ``alerting.py`` (top level) enriches, stores and delivers; this module decides.
Here: :class:`Alert`, :func:`cooldown` (no repeats unless grown) and :func:`top_terms` (what a spike is about). The
detection itself (:func:`detect`, :data:`PRESETS`, :class:`Spike`) lives in :mod:`analysis.spikes` and is
re-exported here, so callers import everything about alerts from one place.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from analysis.spikes import PRESETS, Preset, Spike, detect

#: Kinds of alert, in the order the dashboard lists them.
KINDS: tuple[str, ...] = ("volume_spike", "negative_surge", "story_jump", "wide_reach_candidate", "source_silent")


@dataclass(frozen=True)
class Alert:
    """One alert: what happened, how much against the usual, and what to look at.

    ``subject_kind`` is topic | voice | story | source | mention; ``subject`` the topic or voice name,
    story id, source name or mention id. ``expected`` is the usual level for the same window (0 when the
    kind has none) and ``threshold`` the level that was crossed. ``sources`` are (source, mentions) pairs;
    ``samples`` dicts with mention_id, title, url, source, published_at (ISO text).
    """

    kind: str
    subject_kind: str
    subject: str
    title: str
    window_start: dt.datetime
    window_end: dt.datetime
    observed: float
    expected: float = 0.0
    threshold: float = 0.0
    ratio: float | None = None
    top_terms: tuple[str, ...] = ()
    sources: tuple[tuple[str, int], ...] = ()
    samples: tuple[dict[str, Any], ...] = ()
    link: str = ""

    @property
    def key(self) -> str:
        """What the cooldown compares: the same kind about the same subject."""
        return f"{self.kind}:{self.subject_kind}:{self.subject}"

    def to_json(self) -> dict[str, Any]:
        """A plain dict (ISO times, lists) for a webhook body or a stored row's detail."""
        out = dataclasses.asdict(self)
        out["window_start"] = self.window_start.isoformat()
        out["window_end"] = self.window_end.isoformat()
        out["top_terms"] = list(self.top_terms)
        out["sources"] = [{"source": s, "mentions": n} for s, n in self.sources]
        out["samples"] = [dict(s) for s in self.samples]
        out["key"] = self.key
        return out


#: Within the cooldown, an alert of the same kind about the same subject is let through when its ratio to
#: the usual is at least this many times the last one's: the surge has clearly grown ("re-alert if it grows").
REALERT_GROWTH = 1.5


def cooldown(alerts: list[Alert], last_fired: dict[str, dt.datetime], now: dt.datetime, hours: float,
             last_ratio: dict[str, float] | None = None, growth: float = REALERT_GROWTH) -> list[Alert]:
    """The alerts worth sending now: drop those whose :attr:`Alert.key` fired less than ``hours`` before
    ``now`` (``last_fired`` maps key -> when it last fired) and all but the first of one key in ``alerts``;
    but keep one that has grown: given ``last_ratio`` (key -> the ratio of the alert sent at that time), an
    alert whose ratio is at least ``growth`` times it passes the cooldown.

    A press officer told about a surge at 9 does not want it again at 10 unless it is clearly bigger (or an
    alert about ordinary noise at 9 would hide a real surge at 10); the same surge still going after the
    cooldown is news again.
    """
    quiet = dt.timedelta(hours=hours)
    kept: list[Alert] = []
    seen: set[str] = set()
    for alert in alerts:
        fired = last_fired.get(alert.key)
        if alert.key in seen:
            continue
        if fired is not None and now - fired < quiet and not _grown(alert, (last_ratio or {}).get(alert.key), growth):
            continue
        seen.add(alert.key)
        kept.append(alert)
    return kept


def _grown(alert: Alert, before: float | None, growth: float) -> bool:
    """Whether ``alert``'s ratio to the usual is at least ``growth`` times ``before`` (both known)."""
    return alert.ratio is not None and before is not None and before > 0 and alert.ratio >= growth * before


# Function words and the filler of posts and headlines: never what a spike is about.
_STOP = frozenset("""
a about above after again against all also am an and any are aren't as at be because been before being below
between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down during each few
for from further get gets got had hadn't has hasn't have haven't having he he'd he'll he's her here here's hers
herself him himself his how how's i i'd i'll i'm i've if in into is isn't it it's its itself just let's like me
more most much must mustn't my myself new no nor not now of off on once one only or other ought our ours
ourselves out over own same say says said shan't she she'd she'll she's should shouldn't so some such than that
that's the their theirs them themselves then there there's these they they'd they'll they're they've this those
through to too under until up upon us very via was wasn't we we'd we'll we're we've were weren't what what's when
when's where where's which while who who's whom why why's will with won't would wouldn't you you'd you'll you're
you've your yours yourself yourselves amp http https www com co uk rt today yesterday week year years people
""".split())
_TOKEN = re.compile(r"[a-z0-9][a-z0-9'’-]*[a-z0-9]|[a-z]")


def _terms(text: str) -> set[str]:
    """The distinct words and two-word phrases of one text, stop words and bare numbers left out."""
    words = [w.replace("’", "'") for w in _TOKEN.findall(text.lower())]
    kept = [w if w not in _STOP and any(c.isalpha() for c in w) else "" for w in words]
    bigrams = {f"{a} {b}" for a, b in zip(kept, kept[1:]) if a and b}
    return {w for w in kept if len(w) > 1} | bigrams


def top_terms(window_texts: list[str], baseline_texts: list[str], n: int = 8) -> list[str]:
    """The ``n`` words or two-word phrases most distinctive of the window's texts against the baseline's.

    Weighted log-odds with an informative Dirichlet prior (Monroe, Colaresi and Quinn 2008) on document
    counts, so one long post repeating a word does not make it the story; a term must be in two window
    texts (one when the window has fewer than four). A phrase replaces its own words when it carries most
    of their weight.
    """
    window = Counter(t for text in window_texts for t in _terms(text))
    baseline = Counter(t for text in baseline_texts for t in _terms(text))
    n_w, n_b = max(len(window_texts), 1), max(len(baseline_texts), 1)
    least = 2 if len(window_texts) >= 4 else 1
    scores: dict[str, float] = {}
    for term, y_w in window.items():
        if y_w < least:
            continue
        y_b = baseline.get(term, 0)
        prior = 0.5 + 10 * (y_w + y_b) / (n_w + n_b)  # more weight where the term is common: shrinks it more
        delta = math.log((y_w + prior) / (n_w - y_w + prior)) - math.log((y_b + prior) / (n_b - y_b + prior))
        spread = 1 / (y_w + prior) + 1 / (n_w - y_w + prior) + 1 / (y_b + prior) + 1 / (n_b - y_b + prior)
        scores[term] = delta / math.sqrt(spread)
    ranked = sorted((t for t, z in scores.items() if z > 0), key=lambda t: (-scores[t], t))
    return _fold_phrases(ranked, window)[:n]


def _fold_phrases(ranked: list[str], window: Counter[str]) -> list[str]:
    """A phrase replaces a word of it when it is in ~60% of the word's texts ("junior doctors", not "junior");
    a phrase whose words are both listed anyway is dropped."""
    covered = {w for p in ranked if " " in p for w in p.split() if window[p] >= 0.6 * window[w]}
    words = {t for t in ranked if " " not in t and t not in covered}
    return [t for t in ranked if t in words or (" " in t and not all(w in words for w in t.split()))]


__all__ = ["KINDS", "PRESETS", "REALERT_GROWTH", "Alert", "Preset", "Spike", "cooldown", "detect", "top_terms"]
