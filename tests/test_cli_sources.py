"""`cli.py sources ...` run as a user would, on a copy of the shipped config folder."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import cli
from collectors.opml import parse_opml
from config import load_config
from conftest import PROJECT, realdata

PRESS = b"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>Press office</title></head>
  <body>
    <outline text="government">
      <outline text="GOV.UK: DWP news" type="rss" xmlUrl="https://www.gov.uk/search/news.atom?dept=dwp"/>
    </outline>
    <outline text="Blog">
      <outline text="Quote &quot;this&quot; \\ blog" type="rss" xmlUrl="https://blog.example/feed"/>
    </outline>
    <outline text="r/UKPersonalFinance" type="rss" xmlUrl="https://www.reddit.com/r/UKPersonalFinance/new/.rss"/>
    <outline text="Not a feed"/>
  </body>
</opml>
"""


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


@pytest.fixture
def press_opml(tmp_path: Path) -> Path:
    path = tmp_path / "press.opml"
    path.write_bytes(PRESS)
    return path


def test_the_commands_have_help() -> None:
    for command in ("list", "import-opml", "export-opml"):
        done = subprocess.run([sys.executable, "cli.py", "sources", command, "--help"], cwd=PROJECT,
                              capture_output=True, text=True)
        assert done.returncode == 0 and "Usage:" in done.stdout, command


def test_list_shows_every_source(config_dir: Path) -> None:
    code, out = run("--config", str(config_dir), "sources", "list")
    lines = out.splitlines()

    assert code == 0
    assert lines[0].split() == ["NAME", "KIND", "CHANNEL", "ENABLED", "LOCATION"]
    assert len(lines) == 1 + len(load_config(config_dir).sources) == 12
    forum = next(line for line in lines if line.startswith("Benefits Forum: latest posts"))
    assert forum.split()[-4:-1] == ["discourse", "forum", "yes"]
    assert forum.endswith("sample_feeds/benefits_forum_posts.json")


def test_import_appends_new_sources_and_keeps_the_file_as_written(config_dir: Path, press_opml: Path) -> None:
    before = (config_dir / "sources.toml").read_text(encoding="utf-8")

    code, out = run("--config", str(config_dir), "sources", "import-opml", str(press_opml), "--channel", "social")

    assert code == 0, out
    assert "  skipped  Not a feed: no xmlUrl (not a feed subscription)" in out
    assert "  present  GOV.UK: DWP news: a source with this name is already configured" in out
    assert "added 2 source(s) to" in out
    after = (config_dir / "sources.toml").read_text(encoding="utf-8")
    assert after.startswith(before.rstrip("\n"))  # comments and entries untouched
    assert "# Imported from press.opml on " in after
    sources = {s.name: s for s in load_config(config_dir).sources}
    assert len(sources) == 11 + 2
    assert sources['Quote "this" \\ blog'].channel == "blog"  # quotes and backslashes escaped in TOML
    assert sources["r/UKPersonalFinance"].channel == "social"  # not in a channel folder: --channel
    assert sources["r/UKPersonalFinance"].url == "https://www.reddit.com/r/UKPersonalFinance/new/.rss"


def test_importing_twice_adds_nothing(config_dir: Path, press_opml: Path) -> None:
    run("--config", str(config_dir), "sources", "import-opml", str(press_opml))
    text = (config_dir / "sources.toml").read_text(encoding="utf-8")

    code, out = run("--config", str(config_dir), "sources", "import-opml", str(press_opml))

    assert code == 0
    assert "nothing added: all 3 feed(s) in press.opml are already configured" in out
    assert (config_dir / "sources.toml").read_text(encoding="utf-8") == text


def test_a_known_address_under_another_name_is_skipped(config_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "again.opml"
    path.write_bytes(PRESS.replace(b'text="r/UKPersonalFinance"', b'text="UK personal finance"'))
    run("--config", str(config_dir), "sources", "import-opml", str(path))
    again = tmp_path / "renamed.opml"
    again.write_bytes(PRESS.replace(b'text="r/UKPersonalFinance"', b'text="UKPF"')
                      .replace(b"/new/.rss", b"/new/.rss?utm_source=share"))

    code, out = run("--config", str(config_dir), "sources", "import-opml", str(again))

    assert code == 0
    assert ("  present  UKPF: https://www.reddit.com/r/UKPersonalFinance/new/.rss?utm_source=share is already "
            "configured as 'UK personal finance'") in out


def test_a_bad_opml_file_is_one_clear_message(config_dir: Path, tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.opml"
    bomb.write_bytes(b'<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY a "aaaa">]><opml><body/></opml>')
    before = (config_dir / "sources.toml").read_text(encoding="utf-8")

    code, out = run("--config", str(config_dir), "sources", "import-opml", str(bomb))

    assert code == 1
    assert out.strip() == ("Error: bomb.opml: refused: the file declares a DOCTYPE, which OPML never needs "
                           "(entity declarations can be used to attack the reader)")
    assert (config_dir / "sources.toml").read_text(encoding="utf-8") == before


def test_an_opml_file_with_no_feeds_is_an_error(config_dir: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty.opml"
    empty.write_bytes(b'<opml version="2.0"><body><outline text="Folder"/></body></opml>')
    code, out = run("--config", str(config_dir), "sources", "import-opml", str(empty))
    assert code == 1 and "Error: empty.opml: no feed subscriptions found (no outline has an xmlUrl)" in out


def test_export_skips_the_file_sources_and_says_so(config_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.opml"
    code, out = run("--config", str(config_dir), "sources", "export-opml", str(target))
    assert code == 0
    assert out.count("  skipped ") == 11
    assert "exported 0 source(s) ->" in out
    assert parse_opml(target.read_bytes(), "out.opml").sources == ()


def test_a_real_list_imported_then_exported_then_imported_into_a_fresh_config(config_dir: Path, tmp_path: Path) -> None:
    subs = realdata("feeds", "captured", "RSParser", "Subs.opml")
    code, out = run("--config", str(config_dir), "sources", "import-opml", str(subs), "--channel", "blog")
    assert code == 0 and "added 206 source(s)" in out
    first = load_config(config_dir).sources

    exported = tmp_path / "exported.opml"
    code, out = run("--config", str(config_dir), "sources", "export-opml", str(exported))
    assert code == 0 and "exported 206 source(s)" in out

    fresh = tmp_path / "fresh"
    fresh.mkdir()
    for toml in config_dir.glob("*.toml"):
        (fresh / toml.name).write_text("" if toml.name == "sources.toml" else toml.read_text(encoding="utf-8"),
                                       encoding="utf-8")
    code, out = run("--config", str(fresh), "sources", "import-opml", str(exported))
    assert code == 0 and "added 206 source(s)" in out
    assert load_config(fresh).sources == tuple(s for s in first if s.url)
