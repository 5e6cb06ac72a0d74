"""Adding sources to a config folder's sources.toml without disturbing what a person wrote there.

The new entries are appended as ``[[sources]]`` tables written by tomli-w (so names and addresses
are quoted and escaped correctly), after the existing text, whose comments and order stay as they
were. The folder is then loaded again; if that fails the file is put back as it was.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import tomli_w

from config.loader import Config, ConfigError, Source, load_config
from mention import canonical_url

SOURCES_FILE = "sources.toml"


def split_new(config: Config, candidates: Iterable[Source]) -> tuple[list[Source], list[str]]:
    """The candidates not yet configured, and a line for each one that is (same name or same address)."""
    names = {s.name for s in config.sources}
    urls = {canonical_url(s.url): s.name for s in config.sources if s.url}
    new: list[Source] = []
    present: list[str] = []
    for source in candidates:
        if source.name in names:
            present.append(f"{source.name}: a source with this name is already configured")
        elif source.url and canonical_url(source.url) in urls:
            present.append(f"{source.name}: {source.url} is already configured as {urls[canonical_url(source.url)]!r}")
        else:
            new.append(source)
            names.add(source.name)
            if source.url:
                urls[canonical_url(source.url)] = source.name
    return new, present


def append_sources(directory: Path, sources: list[Source], comment: str = "") -> Path:
    """Append web ``sources`` to ``directory``/sources.toml; raise ConfigError (file restored) if it stops loading."""
    path = directory / SOURCES_FILE
    before = path.read_text(encoding="utf-8") if path.exists() else ""
    block = tomli_w.dumps({"sources": [_entry(s) for s in sources]})
    heading = "".join(f"# {line}\n" for line in comment.splitlines())
    path.write_text((before.rstrip("\n") + "\n\n" if before.strip() else "") + heading + block, encoding="utf-8")
    try:
        load_config(directory)
    except ConfigError:
        path.write_text(before, encoding="utf-8")
        raise
    return path


def _entry(source: Source) -> dict[str, Any]:
    if not source.url:
        raise ValueError(f"{source.name}: only web sources (with a url) can be appended")
    entry: dict[str, Any] = {"name": source.name, "kind": source.kind, "channel": source.channel, "url": source.url}
    if source.base_url:
        entry["base_url"] = source.base_url
    if not source.enabled:
        entry["enabled"] = False
    return entry
