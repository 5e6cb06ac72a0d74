"""The config loader: the shipped demo loads; every mistake is named with file, entry and field."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from config import ConfigError, load_config
from config.loader import database_url

SHIPPED = Path(__file__).resolve().parent.parent / "config"


def test_shipped_config_is_a_realistic_demo() -> None:
    config = load_config(SHIPPED)
    assert config.settings.organisation_name == "Department for Work and Pensions"
    assert config.settings.server_address == "127.0.0.1"
    assert len(config.sources) >= 8
    assert {s.channel for s in config.sources} >= {"news", "blog", "forum", "social", "government"}
    assert sum(v.own for v in config.watchlist.voices) == 1
    assert len([v for v in config.watchlist.voices if not v.own]) >= 3
    assert len(config.watchlist.topics) >= 5
    nsp = next(f for f in config.facts if f.id == "nsp-2025")
    assert (nsp.value, nsp.unit, nsp.per) == (230.25, "GBP", "week")
    assert nsp.valid_on(dt.date(2025, 10, 1)) and not nsp.valid_on(dt.date(2026, 5, 1))
    assert nsp.tolerance == 0.01
    assert {m.id for m in config.myths} >= {"myth-wfp-scrapped"}
    assert set(config.templates) == {"correct", "myth", "answer", "refer"}
    for source in config.sources:
        assert source.path is None or source.path.is_absolute()


def _broken(tmp_path: Path, name: str, text: str) -> Path:
    for toml in SHIPPED.glob("*.toml"):
        (tmp_path / toml.name).write_text(toml.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_every_problem_is_reported_with_file_entry_and_field(tmp_path: Path) -> None:
    _broken(tmp_path, "sources.toml", """
[[sources]]
name = "One"
kind = "rss"
channel = "tv"
url = "ftp://example.org/feed"

[[sources]]
name = "One"
kind = "feed"
channel = "news"

[[sources]]
kind = "feed"
channel = "news"
path = "x.xml"
url = "https://example.org"
""")
    with pytest.raises(ConfigError) as err:
        load_config(tmp_path)
    problems = err.value.problems
    assert "sources.toml: sources[1] (One): kind: unknown kind 'rss'; expected one of feed, discourse, reddit, mastodon" in problems
    assert "sources.toml: sources[1] (One): channel: unknown channel 'tv'; expected one of news, blog, forum, social, government, video" in problems
    assert any(p.startswith("sources.toml: sources[1] (One): url: only http and https") for p in problems)
    assert "sources.toml: sources[2] (One): give exactly one of url or path" in problems
    assert "sources.toml: sources[2] (One): name: duplicate source name 'One'" in problems
    assert "sources.toml: sources[3]: name: missing" in problems
    assert "sources.toml: sources[3]: give exactly one of url or path" in problems


def test_facts_and_templates_are_checked(tmp_path: Path) -> None:
    _broken(tmp_path, "facts.toml", """
[[facts]]
id = "a"
statement = "s"
keywords = []
value = "eleven"
unit = "GBP"
per = "fortnight"
valid_from = 2025-04-01
valid_to = 2024-04-01
source_url = "https://www.gov.uk"

[[facts]]
id = "a"
statement = "s"
keywords = ["k"]
value = 1
unit = "furlongs"
source_url = "https://www.gov.uk"
""")
    (tmp_path / "responses.toml").write_text('[templates]\ncorrect = "{official} {nonsense}"\nmyth = "{"\n'
                                             'answer = "{statement}"\nrefer = "{topic}"\nshout = "x"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_config(tmp_path)
    text = "\n".join(err.value.problems)
    assert "facts.toml: facts[1] (a): keywords: is empty" in text
    assert "facts.toml: facts[1] (a): value: expected a number, got str 'eleven'" in text
    assert "facts.toml: facts[1] (a): per: unknown period 'fortnight'" in text
    assert "facts.toml: facts[1] (a): valid_to: is before valid_from" in text
    assert "facts.toml: facts[2] (a): id: duplicate id 'a'" in text
    assert "facts.toml: facts[2] (a): unit: unknown unit 'furlongs'" in text
    assert "responses.toml: [templates]: correct: unknown placeholder(s) {nonsense}" in text
    assert "responses.toml: [templates]: myth: bad placeholder syntax" in text
    assert "responses.toml: [templates]: shout: unknown template kind" in text


def test_broken_toml_and_missing_files_are_named(tmp_path: Path) -> None:
    _broken(tmp_path, "watchlist.toml", "[[topics]\nname = ")
    (tmp_path / "facts.toml").unlink()
    with pytest.raises(ConfigError) as err:
        load_config(tmp_path)
    assert any(p.startswith("watchlist.toml: not valid TOML") for p in err.value.problems)
    assert any(p.startswith("facts.toml: file not found") for p in err.value.problems)


def test_unknown_setting_and_wrong_type(tmp_path: Path) -> None:
    _broken(tmp_path, "settings.toml", '[fetch]\ntimeout_seconds = "ten"\nretries = 3\n')
    with pytest.raises(ConfigError) as err:
        load_config(tmp_path)
    assert "settings.toml: [fetch]: timeout_seconds: expected a number, got str 'ten'" in err.value.problems
    assert "settings.toml: [fetch]: retries: unknown setting" in err.value.problems


def test_missing_settings_file_uses_defaults(tmp_path: Path) -> None:
    _broken(tmp_path, "settings.toml", "")
    (tmp_path / "settings.toml").unlink()
    config = load_config(tmp_path)
    assert config.settings.max_bytes == 10_000_000
    assert config.settings.server_port == 8501


def test_database_url_precedence(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = load_config(SHIPPED).settings
    monkeypatch.delenv("LISTENING_DB_URL", raising=False)
    assert database_url(settings) == "sqlite:///data/listening.db"
    monkeypatch.setenv("LISTENING_DB_URL", "sqlite:////tmp/env.db")
    assert database_url(settings) == "sqlite:////tmp/env.db"
    assert database_url(settings, "postgresql+psycopg://x/y") == "postgresql+psycopg://x/y"
