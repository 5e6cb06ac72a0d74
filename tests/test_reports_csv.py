"""CSV reports: UTF-8 with optional BOM, ISO 8601 UTC, formula injection neutralised, round trip."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pandas as pd
import pytest

from mention import ALL_COLUMNS, coerce, new_frame
from reports import MENTION_COLUMNS, neutralise, to_csv

WHEN = dt.datetime(2025, 9, 1, 7, 5, 9, tzinfo=dt.timezone.utc)


@pytest.mark.parametrize("cell, expected", [
    ("=HYPERLINK(\"http://evil\")", "'=HYPERLINK(\"http://evil\")"),
    ("+44 20 7946 0000", "'+44 20 7946 0000"), ("-1", "'-1"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\tcmd", "'\tcmd"), ("\rcmd", "'\rcmd"), ("plain £ text", "plain £ text"), ("", ""),
])
def test_neutralise(cell: str, expected: str) -> None:
    assert neutralise(cell) == expected


def frame() -> pd.DataFrame:
    rows = [{"mention_id": "a1", "source": "Forum", "channel": "forum", "url": "https://f.example/1",
             "title": "=cmd|' /C calc'!A0", "text": "Line one\nline two, with \"quotes\" and £", "author": "@troll",
             "published_at": WHEN, "collected_at": WHEN, "replies": 2, "score": None}]
    return coerce(new_frame(rows), ALL_COLUMNS).assign(sentiment_model_label="neutral", sentiment_corrected=False)


def test_csv_is_utf8_iso_times_and_safe(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    rows, _ = to_csv([frame()], path)
    assert rows == 1
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    records = list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))
    assert list(records[0]) == list(MENTION_COLUMNS)
    record = records[0]
    assert record["published_at"] == "2025-09-01T07:05:09Z"
    assert record["title"] == "'=cmd|' /C calc'!A0" and record["author"] == "'@troll"
    assert record["text"] == "Line one\nline two, with \"quotes\" and £"
    assert record["replies"] == "2" and record["score"] == "" and record["is_question"] == "false"


def test_bom_option_for_excel() -> None:
    rows, content = to_csv([frame(), frame().assign(mention_id="a2")], bom=True)
    assert rows == 2 and content is not None
    assert content.startswith(b"\xef\xbb\xbfmention_id,")
    assert content.count(b"\r\n") >= 3
