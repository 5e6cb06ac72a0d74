"""The mention schema: stable ids, canonical links, validation that lists every problem."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from mention import ALL_COLUMNS, COLLECTED, MentionSchemaError, canonical_url, coerce, make_id, new_frame, validate

NOW = dt.datetime(2025, 10, 1, tzinfo=dt.timezone.utc)


def row(**overrides: object) -> dict[str, object]:
    base = {"mention_id": "abc", "source": "s", "channel": "news", "url": "https://example.org/a", "title": "t",
            "text": "x", "author": None, "published_at": NOW, "collected_at": NOW, "replies": 3, "score": None}
    return {**base, **overrides}


@pytest.mark.parametrize("a, b", [
    ("https://Example.org/news/1/", "https://example.org/news/1"),
    ("https://example.org:443/news/1?utm_source=x&utm_medium=rss", "https://example.org/news/1"),
    ("http://example.org:80/a?id=2&fbclid=zz", "http://example.org/a?id=2"),
])
def test_trivially_different_links_share_an_id(a: str, b: str) -> None:
    assert canonical_url(a) == canonical_url(b)
    assert make_id(a) == make_id(b)


def test_different_items_have_different_ids() -> None:
    assert make_id("https://example.org/a?id=1") != make_id("https://example.org/a?id=2")
    assert make_id("https://example.org/story#comments") == make_id("https://example.org/story")
    assert make_id(None, "guid-1") != make_id(None, "guid-2")


def test_an_item_without_link_or_guid_has_no_id() -> None:
    assert make_id(None, None) is None
    assert make_id("  ", "") is None


def test_new_frame_has_the_declared_dtypes() -> None:
    frame = new_frame([row()])
    assert {c: str(frame[c].dtype) for c in COLLECTED} == COLLECTED
    assert str(frame["published_at"].dtype) == "datetime64[us, UTC]"
    validate(frame, "test")


def test_validate_reports_every_problem_at_once() -> None:
    frame = new_frame([row(mention_id="a", channel="tv", url=""), row(mention_id="a", source=None, replies=-1)])
    with pytest.raises(MentionSchemaError) as err:
        validate(frame, "unit test")
    problems = "\n".join(err.value.problems)
    assert "unknown channel 'tv'" in problems
    assert "'url' is empty" in problems
    assert "'source' is empty" in problems
    assert "mention_id repeats" in problems
    assert "'replies' is negative" in problems
    assert len(err.value.problems) == 5
    assert str(err.value).startswith("unit test: 5 problem(s)")


def test_validate_checks_dtypes_and_missing_columns() -> None:
    frame = new_frame([row()]).drop(columns=["score"])
    frame["replies"] = frame["replies"].astype("float64")
    with pytest.raises(MentionSchemaError) as err:
        validate(frame, "x")
    assert any("missing column(s): score" in p for p in err.value.problems)
    assert any("'replies' has dtype float64" in p for p in err.value.problems)


def test_coerce_fills_analysis_columns() -> None:
    frame = coerce(new_frame([row()]), ALL_COLUMNS)
    assert list(frame.columns) == list(ALL_COLUMNS)
    assert frame["is_question"].tolist() == [False]
    assert pd.isna(frame["sentiment"].iloc[0])


def test_bbc_tracking_parameters_are_dropped() -> None:
    assert canonical_url("https://www.bbc.co.uk/news/articles/c1?at_medium=RSS&at_campaign=rss") == \
        "https://www.bbc.co.uk/news/articles/c1"
