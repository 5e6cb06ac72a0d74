"""Alerts: what an alert is, and detecting unusual volume and negative surges (pure, frame -> alerts).

Storage reads the counts, ``alerting.py`` (top level) enriches, stores and delivers; this module decides.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any

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
