"""Domain overrides for VADER's lexicon: read and check ``config/lexicon.toml``.

VADER's general lexicon misreads public-policy language: "benefit" is the welfare payment, not
an advantage; "Universal Credit" and "Child Benefit" are names, not praise; "crisis" is a routine
label in policy news. Each ``[[terms]]`` entry gives a word or phrase a valence on VADER's scale
(-4 extremely negative .. 4 extremely positive; 0 makes it neutral) and says why.

A *word* (no space or hyphen) replaces VADER's own lexicon entry for that spelling (0 removes it,
so it no longer counts as a sentiment word at all). A *phrase* matches its words in order, in any
case, separated by spaces or hyphens, with or without a final "s" on its last word; the scorer
rewrites each occurrence to one token that carries the phrase's valence (see
:mod:`analysis.sentiment`), so "cost of living payment" can be neutral while "cost of living" is
negative (the longest phrase wins).

:func:`load_lexicon` reads the file and raises :class:`config.ConfigError` listing every problem
with file, entry and field, as ``config/loader.py`` does; :func:`parse_lexicon` returns the
problems instead, for a caller that gathers them with other config files.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from analysis.text import fold
from config import PROJECT_DIR, ConfigError

DEFAULT_LEXICON_PATH = PROJECT_DIR / "config" / "lexicon.toml"
FILENAME = "lexicon.toml"
MAX_VALENCE = 4.0
_FIELDS = ("term", "valence", "why")
_WORD = r"[a-z0-9]+(?:'[a-z0-9]+)*'?"
_TERM = re.compile(rf"^{_WORD}(?:[ \-]{_WORD})*$")


@dataclass(frozen=True)
class LexiconEntry:
    term: str      # folded (lower case, accents removed), words separated by one space ("cost-of-living" too)
    valence: float
    why: str

    @property
    def is_phrase(self) -> bool:
        return " " in self.term


@dataclass(frozen=True)
class Lexicon:
    """The overrides, in file order; hashable so a scorer can cache one analyzer per lexicon."""

    entries: tuple[LexiconEntry, ...] = ()

    @property
    def words(self) -> dict[str, float]:
        return {e.term: e.valence for e in self.entries if not e.is_phrase}

    @property
    def phrases(self) -> dict[str, float]:
        return {e.term: e.valence for e in self.entries if e.is_phrase}


EMPTY = Lexicon()


def parse_lexicon(data: dict[str, Any], filename: str = FILENAME) -> tuple[Lexicon, list[str]]:
    """The lexicon in ``data`` (a parsed TOML table) and every problem found, 'file: entry: field: message'."""
    problems: list[str] = [f"{filename}: {key}: unknown table or key; expected [[terms]]" for key in data
                           if key != "terms"]
    value = data.get("terms", [])
    if not isinstance(value, list):
        return EMPTY, problems + [f"{filename}: terms: must be an array of tables ([[terms]])"]
    entries: list[LexiconEntry] = []
    seen: dict[str, int] = {}
    for i, entry in enumerate(value, start=1):
        term_value = entry.get("term") if isinstance(entry, dict) else None
        where = f"{filename}: terms[{i}]" + (f" ({term_value})" if isinstance(term_value, str) else "")
        if not isinstance(entry, dict):
            problems.append(f"{where}: must be a table")
            continue
        parsed = _entry(entry, where, problems)
        if parsed is None:
            continue
        if parsed.term in seen:
            problems.append(f"{where}: term: duplicate term {parsed.term!r} (also terms[{seen[parsed.term]}])")
            continue
        seen[parsed.term] = i
        entries.append(parsed)
    return Lexicon(tuple(entries)), problems


def _entry(entry: dict[str, Any], where: str, problems: list[str]) -> LexiconEntry | None:
    before = len(problems)
    problems.extend(f"{where}: {key}: unknown field; expected one of {', '.join(_FIELDS)}"
                    for key in entry if key not in _FIELDS)
    term, valence, why = entry.get("term"), entry.get("valence"), entry.get("why")
    if term is None:
        problems.append(f"{where}: term: missing")
    elif not isinstance(term, str) or not term.strip():
        problems.append(f"{where}: term: expected a non-empty string, got {term!r}")
    elif not _TERM.match(_normal(term)):
        problems.append(f"{where}: term: {term!r} must be a word or words (letters, digits, an apostrophe, "
                        "separated by spaces or hyphens)")
    if valence is None:
        problems.append(f"{where}: valence: missing")
    elif isinstance(valence, bool) or not isinstance(valence, (int, float)):
        problems.append(f"{where}: valence: expected a number, got {type(valence).__name__} {valence!r}")
    elif not -MAX_VALENCE <= valence <= MAX_VALENCE:
        problems.append(f"{where}: valence: must be between -4 and 4 (VADER's scale), got {valence!r}")
    if why is None:
        problems.append(f"{where}: why: missing (say what VADER misreads and why this value)")
    elif not isinstance(why, str) or not why.strip():
        problems.append(f"{where}: why: expected a non-empty string, got {why!r}")
    if len(problems) > before:
        return None
    return LexiconEntry(_normal(term).replace("-", " "), float(valence), why.strip())


def _normal(term: str) -> str:
    return re.sub(r"\s*-+\s*", "-", fold(" ".join(term.split())))


def load_lexicon(path: str | Path = DEFAULT_LEXICON_PATH) -> Lexicon:
    """Read the lexicon file at ``path``; raise ConfigError listing every problem found."""
    path = Path(path)
    name = path.name
    if not path.is_file():
        raise ConfigError([f"{name}: file not found in {path.parent}"])
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError([f"{name}: not valid TOML: {exc}"]) from exc
    lexicon, problems = parse_lexicon(data, name)
    if problems:
        raise ConfigError(problems)
    return lexicon


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The shipped ``config/lexicon.toml``, read once (until config loading passes a lexicon in)."""
    return load_lexicon(DEFAULT_LEXICON_PATH)


def lexicon_for(directory: str | Path) -> Lexicon:
    """The lexicon of a config folder: its ``lexicon.toml`` (optional; none means no overrides).

    Cached per file and modification time, so an edited lexicon is picked up without a restart.
    Raises ConfigError listing every problem, like the config loader.
    """
    path = Path(directory) / FILENAME
    if not path.is_file():
        return EMPTY
    return _cached(str(path), path.stat().st_mtime_ns)


@lru_cache(maxsize=8)
def _cached(path: str, _mtime: int) -> Lexicon:
    return load_lexicon(path)
