"""The outcome of sending one message on one channel (its own module so every channel can build one)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Delivery:
    """What became of one message on one channel; ``error`` says what and where in plain words."""

    channel: str  # "email" | "webhook"
    ok: bool
    error: str = ""
