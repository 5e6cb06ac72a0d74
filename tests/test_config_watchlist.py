"""watchlist.toml written from the dashboard: comments kept, checked before writing, stale edits refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis import check
from config import Config, ConfigError, WatchEntry, load_config
from config.watchlist import StaleEdit, file_version, save_watchlist


def checked(folder: Path) -> None:
    check(load_config(folder))


def test_changing_one_entry_keeps_every_other_line(config: Config) -> None:
    path = config.directory / "watchlist.toml"
    before = path.read_text(encoding="utf-8")
    entry = WatchEntry("Pension Credit", '"pension credit" OR "guarantee credit"', ("scam*",),
                       "https://www.gov.uk/pension-credit")
    save_watchlist(config.directory, "topic", entry, "Pension Credit", file_version(config.directory), checked)
    after = path.read_text(encoding="utf-8")
    changed = [line for line in after.splitlines() if line not in before.splitlines()]
    assert changed == ["query = '\"pension credit\" OR \"guarantee credit\"'", 'exclude = ["scam*"]']
    assert after.count("#") == before.count("#")
    assert load_config(config.directory).watchlist.topics[1] == entry
    assert (config.directory / "watchlist.toml.bak").read_text(encoding="utf-8") == before


def test_a_change_that_would_not_load_is_refused_and_nothing_is_written(config: Config) -> None:
    path = config.directory / "watchlist.toml"
    before = path.read_text(encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        save_watchlist(config.directory, "voice", WatchEntry("Broken", '"unclosed'), None,
                       file_version(config.directory), checked)
    assert err.value.problems == ["watchlist.toml: voices[6] (Broken): query: unclosed quote at 1"]
    assert path.read_text(encoding="utf-8") == before
    assert not (config.directory / "watchlist.toml.bak").exists()
    assert not list(config.directory.glob(".watchlist-*"))


def test_a_second_own_voice_is_refused(config: Config) -> None:
    with pytest.raises(ConfigError) as err:
        save_watchlist(config.directory, "voice", WatchEntry("Us too", "us", own=True), None,
                       file_version(config.directory), checked)
    assert err.value.problems == ["watchlist.toml: voices: at most one voice may have own = true"]


def test_stale_edits_are_refused(config: Config) -> None:
    version = file_version(config.directory)
    path = config.directory / "watchlist.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('"pension credit"', '"pension credits"'), encoding="utf-8")
    with pytest.raises(StaleEdit, match="changed by someone else"):
        save_watchlist(config.directory, "topic", WatchEntry("X", "x"), None, version, checked)
    with pytest.raises(StaleEdit, match="'Gone' is no longer in the watchlist"):
        save_watchlist(config.directory, "topic", WatchEntry("Gone", "x"), "Gone", file_version(config.directory),
                       checked)


def test_delete_and_add_round_trip(config: Config) -> None:
    directory = config.directory
    save_watchlist(directory, "topic", None, "Jobcentre services", file_version(directory), checked)
    save_watchlist(directory, "voice", WatchEntry("Resolution Foundation", '"Resolution Foundation"'), None,
                   file_version(directory), checked)
    reloaded = load_config(directory).watchlist
    assert "Jobcentre services" not in [t.name for t in reloaded.topics] and len(reloaded.topics) == 6
    assert reloaded.voices[-1] == WatchEntry("Resolution Foundation", '"Resolution Foundation"')


def test_a_missing_watchlist_file_can_be_started_from_the_dashboard(config: Config) -> None:
    (config.directory / "watchlist.toml").unlink()
    assert file_version(config.directory) == ""
    save_watchlist(config.directory, "topic", WatchEntry("PIP", "PIP"), None, "", checked)
    assert load_config(config.directory).watchlist.topics == (WatchEntry("PIP", "PIP"),)


@pytest.mark.parametrize("text, problem", [
    ('[[topics]]\nname = "A"\n', "watchlist.toml: topics[1] (A): query: missing"),
    ('[[topics]]\nname = "A"\nquery = "a"\nexclude = [1]\n',
     "watchlist.toml: topics[1] (A): exclude: every item must be a non-empty string, got 1"),
    ('[[voices]]\nname = "A"\nquery = "a"\nown = "yes"\n', "watchlist.toml: voices[1] (A): own: expected true or false, "
                                                         "got str 'yes'"),
    ('[[voices]]\nname = "A"\nquery = "a"\nurls = "x"\n',
     "watchlist.toml: voices[1] (A): urls: unknown field; expected name, query, exclude, url or own"),
])
def test_shape_problems_are_named(config: Config, text: str, problem: str) -> None:
    (config.directory / "watchlist.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_config(config.directory)
    assert problem in err.value.problems
