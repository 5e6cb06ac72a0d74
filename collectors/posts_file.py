"""Posts exported from other tools (CSV or JSONL) -> mention frame, for offline analysis.

Fields: ``id, title, text, url, author, source, published`` and optionally ``channel`` (only ``id`` and one of ``title`` or
``text`` are required). Every problem is reported with its line number; bad rows are skipped
and the good ones analysed, so one odd row never stops the rest.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from mention import CHANNELS, make_id, new_frame

FIELDS = ("id", "title", "text", "url", "author", "source", "published", "channel")


class PostsFileError(ValueError):
    """The file cannot be read at all (missing, wrong format, no id field)."""


@dataclass
class Posts:
    ids: list[str]
    frame: pd.DataFrame
    problems: list[str] = field(default_factory=list)


def _decode(raw: bytes, name: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")  # Excel's default on Windows; better than refusing


def _records(path: Path) -> list[tuple[int, dict[str, Any] | None, str | None]]:
    """(line, record or None, problem or None) for each record in the file."""
    text = _decode(path.read_bytes(), path.name)
    if path.suffix.lower() in (".jsonl", ".ndjson", ".json"):
        out: list[tuple[int, dict[str, Any] | None, str | None]] = []
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                value = json.loads(line)
            except json.JSONDecodeError as exc:
                out.append((number, None, f"not valid JSON ({exc.msg} at column {exc.colno})"))
                continue
            out.append((number, value, None) if isinstance(value, dict) else (number, None, "not a JSON object"))
        return out
    sample = text[:4096]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text, newline=""), dialect=dialect)
    if not reader.fieldnames or "id" not in [f.strip().lower() for f in reader.fieldnames]:
        raise PostsFileError(f"{path}: line 1: no 'id' column (found: {', '.join(reader.fieldnames or []) or 'nothing'}); "
                             f"expected columns {', '.join(FIELDS)}")
    return [(reader.line_num, {k.strip().lower(): v for k, v in row.items() if k}, None) for row in reader]


def _published(value: Any) -> pd.Timestamp:
    """ISO 8601 first; anything else day-first, as UK spreadsheets write dates (01/10/2025 is 1 October)."""
    text = str(value or "").strip() or None
    iso = pd.to_datetime(text, utc=True, errors="coerce", format="ISO8601")
    return iso if not pd.isna(iso) else pd.to_datetime(text, utc=True, errors="coerce", dayfirst=True)


def read_posts(path: Path, collected_at: dt.datetime) -> Posts:
    """Read a CSV or JSONL file of posts; raise PostsFileError only when nothing can be read."""
    if not path.exists():
        raise PostsFileError(f"{path}: file not found")
    rows, ids, problems = [], [], []
    seen: set[str] = set()
    for line, record, problem in _records(path):
        if record is None:
            problems.append(f"{path.name}: line {line}: {problem}")
            continue
        post_id = str(record.get("id") or "").strip()
        title, text = str(record.get("title") or ""), str(record.get("text") or "")
        published = _published(record.get("published"))
        reason = ("missing id" if not post_id else f"id {post_id!r} repeats an earlier row" if post_id in seen
                  else "no title or text" if not (title.strip() or text.strip()) else None)
        if record.get("published") and pd.isna(published):
            problems.append(f"{path.name}: line {line}: published {record.get('published')!r} is not a date; "
                            "using the time of analysis")
        if reason:
            problems.append(f"{path.name}: line {line}: {reason}; row skipped")
            continue
        seen.add(post_id)
        url = str(record.get("url") or "").strip()
        ids.append(post_id)
        rows.append({
            "mention_id": make_id(f"{url}#{post_id}" if url else None, f"{path.name}:{post_id}"),
            "source": str(record.get("source") or "").strip() or path.name,
            "channel": str(record.get("channel") or "").strip() if record.get("channel") in CHANNELS else "social",
            "url": url or f"post:{post_id}", "title": title, "text": text,
            "author": str(record.get("author") or "").strip() or None,
            "published_at": collected_at if pd.isna(published) else published.to_pydatetime(),
            "collected_at": collected_at, "replies": None, "score": None,
        })
    return Posts(ids, new_frame(rows), problems)
