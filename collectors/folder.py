"""A local folder as one source: every file in it parsed on its own, the good ones kept.

A folder of saved feeds (or Reddit and Mastodon JSON, or Discourse exports) is handy for offline
monitoring and for batches sent by colleagues. Files are read in name order, not recursively;
hidden files and README* are skipped. One bad file never hides the others: its problem is named
in the source's error ("1 of 5 files failed: a.xml: not a feed: got an HTML page") while the rows
of the good files are still returned.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from pathlib import Path

import pandas as pd

import collectors  # parse_bytes, looked up at call time: collectors/__init__ may import this module
from collectors._common import ParseError
from collectors.fetch import FetchError, read_file
from config import Settings, Source
from mention import MentionSchemaError, new_frame, validate

log = logging.getLogger(__name__)


def folder_files(folder: Path) -> list[Path]:
    """The files a folder source reads: sorted by name, no subfolders, hidden files or READMEs."""
    return sorted((p for p in folder.iterdir()
                   if p.is_file() and not p.name.startswith(".") and not p.name.lower().startswith("readme")),
                  key=lambda p: p.name)


def collect_folder(source: Source, settings: Settings, now: dt.datetime) -> tuple[pd.DataFrame, str | None]:
    """Parse every file in ``source.path``; return the rows of the good ones and the problems of the rest."""
    folder = source.path
    if folder is None or not folder.is_dir():
        return new_frame([]), f"folder not found: {folder}"
    try:
        files = folder_files(folder)
    except PermissionError:
        return new_frame([]), f"permission denied reading the folder {folder}"
    if not files:
        return new_frame([]), f"the folder has no files to read: {folder}"
    frames: list[pd.DataFrame] = []
    problems: list[str] = []
    for file in files:
        frame, problem = _collect_file(source, file, settings, now)
        if problem:
            problems.append(f"{file.name}: {problem}")
        else:
            frames.append(frame)
    # the same item saved in two files is one mention
    rows = pd.concat(frames, ignore_index=True) if frames else new_frame([])
    rows = validate(rows.drop_duplicates("mention_id", keep="first").reset_index(drop=True), f"source {source.name!r}")
    error = f"{len(problems)} of {len(files)} files failed: " + "; ".join(problems) if problems else None
    return rows, error


def _collect_file(source: Source, file: Path, settings: Settings, now: dt.datetime) -> tuple[pd.DataFrame, str | None]:
    try:
        fetched = read_file(file, settings.max_bytes)
        return collectors.parse_bytes(dataclasses.replace(source, path=file), fetched, now), None
    except (FetchError, ParseError) as exc:
        return new_frame([]), str(exc)
    except MentionSchemaError as exc:
        log.error("file %s of source %s produced rows that break the schema: %s", file, source.name, exc)
        return new_frame([]), f"the items could not be read: {exc.problems[0]}"
    except Exception as exc:  # a parser bug in one file must not lose the others; it is logged in full
        log.exception("unexpected error reading %s for %s", file, source.name)
        return new_frame([]), f"internal error while reading this file: {exc!r}"
