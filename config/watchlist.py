"""``watchlist.toml``: the topics and voices Listening Post watches, read and written.

Each entry is an include ``query`` in the query language (docs/query-language.md) with optional
``exclude`` queries: a mention is tagged when the query matches and no exclusion does. Reading
checks the file's shape here; the queries' syntax is checked by :func:`analysis.watch.problems`,
which config cannot import (analysis builds on config). :func:`save_watchlist` rewrites the file
from the dashboard with tomlkit, so the comments and entries a person wrote by hand stay as they
were; it refuses a stale edit (the file changed since the editor read it) and keeps the previous
file as ``watchlist.toml.bak``.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomlkit

WATCHLIST_FILE = "watchlist.toml"
KINDS = {"topic": "topics", "voice": "voices"}


@dataclass(frozen=True)
class WatchEntry:
    """A topic or voice: an include query, optional exclusion queries, a GOV.UK page (topics), own (voices)."""
    name: str
    query: str
    exclude: tuple[str, ...] = ()
    url: str | None = None
    own: bool = False


@dataclass(frozen=True)
class Watchlist:
    topics: tuple[WatchEntry, ...]
    voices: tuple[WatchEntry, ...]

    def entries(self, kind: str) -> tuple[WatchEntry, ...]:
        return self.topics if kind == "topic" else self.voices

    @property
    def own_voice(self) -> str | None:
        """The name of the voice marked ``own = true`` (the organisation's), if any."""
        return next((v.name for v in self.voices if v.own), None)


class StaleEdit(RuntimeError):
    """The watchlist file changed on disk after the editor read it."""


def _phrase(term: str) -> str:
    return '"' + term.replace('"', "") + '"' if " " in term or not term.isalnum() else term


def terms_as_query(terms: list[Any]) -> str:
    """The query that matches what an old-style ``terms`` list matched: any of the terms."""
    return " OR ".join(_phrase(str(t).strip()) for t in terms if str(t).strip())


def read_entries(reader: Any, data: dict[str, Any], key: str) -> tuple[WatchEntry, ...]:
    """The ``[[topics]]`` or ``[[voices]]`` of ``data``, each field checked, problems told to ``reader``."""
    out: list[WatchEntry] = []
    seen: set[str] = set()
    for where, entry in reader.entries(data, key, WATCHLIST_FILE):
        name = reader.get(entry, "name", where, str)
        if "terms" in entry and "query" not in entry:
            hint = terms_as_query(entry["terms"]) if isinstance(entry["terms"], list) else '"a phrase" OR word'
            reader.problem(f"{where}: terms", f"terms were replaced by a query; write query = '{hint}'")
            query = ""
        else:
            query = reader.get(entry, "query", where, str) or ""
        exclude = entry.get("exclude", [])
        if isinstance(exclude, str):
            exclude = [exclude]
        exclude = reader.strings({"exclude": exclude}, "exclude", where, required=False)
        url = reader.get(entry, "url", where, str, required=False)
        own = reader.get(entry, "own", where, bool, required=False, default=False)
        for extra in sorted(set(entry) - {"name", "query", "terms", "exclude", "url", "own"}):
            reader.problem(f"{where}: {extra}", "unknown field; expected name, query, exclude, url or own")
        if name in seen:
            reader.problem(f"{where}: name", f"duplicate name {name!r}")
        seen.add(name or "")
        if name and ";" in name:
            reader.problem(f"{where}: name", "must not contain ';' (used to join names in exports)")
        out.append(WatchEntry(name or "", query.strip(), exclude, url, own))
    return tuple(out)


def read_watchlist(reader: Any, data: dict[str, Any]) -> Watchlist:
    voices = read_entries(reader, data, "voices")
    if sum(v.own for v in voices) > 1:
        reader.problem(f"{WATCHLIST_FILE}: voices", "at most one voice may have own = true")
    return Watchlist(read_entries(reader, data, "topics"), voices)


def file_version(directory: Path) -> str:
    """A fingerprint of the watchlist file as it is now, to detect an edit made meanwhile."""
    path = Path(directory) / WATCHLIST_FILE
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else ""


def _readable(value: str) -> Any:
    """A query as a TOML literal string ('...') when it can be one, so its quotes need no escaping."""
    if '"' in value and "'" not in value and "\n" not in value:
        return tomlkit.string(value, literal=True)
    return value


def _table(entry: WatchEntry, kind: str, into: Any = None) -> Any:
    table = into if into is not None else tomlkit.table()
    table["name"] = entry.name
    table["query"] = _readable(entry.query)
    if entry.exclude:
        table["exclude"] = [_readable(x) for x in entry.exclude]
    elif "exclude" in table:
        del table["exclude"]
    for key, value, wanted in (("url", entry.url, kind == "topic" and bool(entry.url)),
                               ("own", True, kind == "voice" and entry.own)):
        if wanted:
            table[key] = value
        elif key in table:
            del table[key]
    return table


def save_watchlist(directory: Path, kind: str, entry: WatchEntry | None, replaces: str | None, version: str,
                   check: Callable[[Path], None]) -> Path:
    """Add, change (``replaces`` = its old name) or delete (``entry`` None) one entry, atomically.

    ``version`` is :func:`file_version` when the editor read the file: if the file has changed
    since, :class:`StaleEdit` is raised and nothing is written. ``check`` is given a folder
    holding the new file (the rest of the config alongside) and raises to refuse it.
    """
    directory = Path(directory)
    path = directory / WATCHLIST_FILE
    before = path.read_text(encoding="utf-8") if path.exists() else ""
    if file_version(directory) != version:
        raise StaleEdit("the watchlist was changed by someone else since you opened it; reload to see their change")
    document = tomlkit.parse(before)
    key = KINDS[kind]
    tables = document.get(key)
    if tables is None:
        tables = tomlkit.aot()
        document.append(key, tables)
    position = next((i for i, t in enumerate(tables) if t.get("name") == replaces), None) if replaces else None
    if replaces and position is None:
        raise StaleEdit(f"{replaces!r} is no longer in the watchlist; reload to see the current entries")
    if entry is None:
        if position is not None:
            del tables[position]
    elif position is not None:
        _table(entry, kind, tables[position])
    else:
        tables.append(_table(entry, kind))
    text = tomlkit.dumps(document)
    with tempfile.TemporaryDirectory() as scratch:  # the whole folder as it would be, checked before writing
        trial = Path(scratch)
        for item in directory.iterdir():
            if item.is_file() and item.suffix == ".toml" and item.name != WATCHLIST_FILE:
                (trial / item.name).symlink_to(item.resolve())
        (trial / WATCHLIST_FILE).write_text(text, encoding="utf-8")
        check(trial)
    if before:
        (directory / (WATCHLIST_FILE + ".bak")).write_text(before, encoding="utf-8")
    handle, temporary = tempfile.mkstemp(dir=directory, prefix=".watchlist-", suffix=".toml")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(text)
    os.replace(temporary, path)
    return path
