"""Build analysed mention rows directly (topics, labels, channels given), for storage tests that need exact
figures; the analysis itself is tested on its own and through the pipeline."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from mention import ALL_COLUMNS, coerce, validate

T0 = dt.datetime(2025, 11, 10, 12, 0, tzinfo=dt.timezone.utc)


def row(mention_id: str, at: dt.datetime, *, source: str = "forum-a", channel: str = "forum", title: str = "",
        text: str = "", author: str = "someone", topics: str = "", voices: str = "", label: str = "neutral",
        inaccuracy_ids: str = "", collected_at: dt.datetime | None = None) -> dict[str, Any]:
    return {"mention_id": mention_id, "source": source, "channel": channel,
            "url": f"https://example.org/{source}/{mention_id}", "title": title or f"Item {mention_id}",
            "text": text, "author": author, "published_at": at, "collected_at": collected_at or at,
            "replies": 0, "score": 0, "topics": topics, "voices": voices, "matches": "",
            "sentiment": {"positive": 0.5, "negative": -0.5}.get(label, 0.0), "sentiment_label": label,
            "is_question": False, "question_kind": "", "inaccuracy_ids": inaccuracy_ids,
            "inaccuracy_detail": "", "inaccuracies": "", "response_kind": "", "suggested_response": "",
            "response_reason": ""}


def frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """An analysed-mention frame the store accepts."""
    return validate(coerce(pd.DataFrame(rows), ALL_COLUMNS)[list(ALL_COLUMNS)], "test rows", ALL_COLUMNS)
