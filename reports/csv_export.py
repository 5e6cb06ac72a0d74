"""CSV exports: UTF-8 (optionally with a byte-order mark for Excel), ISO 8601 UTC times, and
spreadsheet formula injection neutralised (a cell starting with = + - @ tab or CR gets a leading ').
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path
from typing import IO

import pandas as pd

from mention import ALL_COLUMNS

#: Columns of the mentions report, in order (documented in the README).
MENTION_COLUMNS: tuple[str, ...] = tuple(
    c for name in ALL_COLUMNS
    for c in ((name, "sentiment_model_label", "sentiment_corrected") if name == "sentiment_label" else (name,)))
#: The response log: every response a person recorded as given, with the draft it started from.
RESPONSE_LOG_COLUMNS: tuple[str, ...] = ("responded_at", "responded_by", "authorised_by", "mention_id", "kind", "text",
                                         "suggested", "checks_failed", "source", "channel", "url", "published_at")
#: The triage audit log: one row per action and field, with the value before and after.
AUDIT_LOG_COLUMNS: tuple[str, ...] = ("acted_at", "acted_by", "mention_id", "action", "before", "after", "url")
_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """Prefix text that a spreadsheet would run as a formula with an apostrophe."""
    if isinstance(value, str) and value.startswith(_DANGEROUS):
        return "'" + value
    return value


def _cells(series: pd.Series) -> list[object]:
    """One column as CSV cells: a plain list (iterating pandas' Arrow-backed columns cell by cell is the
    slowest part of a large export), times as ISO 8601 UTC, booleans as true/false, missing as empty."""
    missing = series.isna().to_numpy()
    if isinstance(series.dtype, pd.DatetimeTZDtype) or pd.api.types.is_datetime64_any_dtype(series):
        values = series.dt.strftime("%Y-%m-%dT%H:%M:%SZ").to_numpy(dtype=object)
    elif pd.api.types.is_bool_dtype(series):
        values = series.map({True: "true", False: "false"}).to_numpy(dtype=object)
    elif pd.api.types.is_string_dtype(series) or series.dtype == object:
        values = series.to_numpy(dtype=object, na_value="")
        return ["" if gone else neutralise(v) for v, gone in zip(values.tolist(), missing.tolist())]
    else:  # numbers: missing values are empty cells, not "<NA>"
        values = series.to_numpy(dtype=object, na_value="")
    return ["" if gone else v for v, gone in zip(values.tolist(), missing.tolist())]


def _prepare(frame: pd.DataFrame, columns: Iterable[str]) -> list[tuple[object, ...]]:
    """The rows of ``frame`` in ``columns``, ready for csv.writer."""
    return list(zip(*(_cells(frame[name]) for name in columns)))


def write_csv(frames: Iterable[pd.DataFrame], out: IO[str], columns: Iterable[str] = MENTION_COLUMNS,
              bom: bool = False) -> int:
    """Write frames (pages of one report) as one CSV to a text stream; returns the rows written."""
    columns = list(columns)
    if bom:
        out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    rows = 0
    for frame in frames:
        prepared = _prepare(frame, columns)
        writer.writerows(prepared)
        rows += len(prepared)
    return rows


def to_csv(frames: Iterable[pd.DataFrame], path: Path | None = None, columns: Iterable[str] = MENTION_COLUMNS,
           bom: bool = False) -> tuple[int, bytes | None]:
    """Write a report to ``path`` (or return its bytes when no path is given) and count its rows."""
    if path is None:
        buffer = io.StringIO()
        rows = write_csv(frames, buffer, columns, bom)
        return rows, buffer.getvalue().encode("utf-8")
    with path.open("w", encoding="utf-8", newline="") as handle:
        rows = write_csv(frames, handle, columns, bom)
    return rows, None
