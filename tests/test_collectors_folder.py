"""collectors.folder: a local folder as one source, on folders of real files made in tmp_path.

The files are the bundled sample feeds (national_news.rss and regional_news.rss share 5 syndicated
stories; broken_parish_news.xml is an HTML page) and, where present, the real Discourse capture.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import pytest

from collectors.folder import collect_folder, folder_files
from collectors.reddit import parse_reddit
from config import Config, Source, load_config
from conftest import NOW, SAMPLE_FEEDS, realdata, write_sources
from mention import validate
from test_collectors_mastodon import TIMELINE
from test_collectors_reddit import NEW


def folder_of(tmp_path: Path, *names: str) -> Path:
    folder = tmp_path / "saved"
    folder.mkdir()
    for name in names:
        shutil.copy(SAMPLE_FEEDS / name, folder / name)
    return folder


def folder_source(folder: Path, kind: str = "feed") -> Source:
    return Source(name="Saved feeds", kind=kind, channel="news", path=folder)


def test_every_file_is_read_and_their_rows_joined(tmp_path: Path, config: Config) -> None:
    folder = folder_of(tmp_path, "national_news.rss", "pensions_blog.atom", "money_blog.json")
    frame, error = collect_folder(folder_source(folder), config.settings, NOW)

    assert error is None
    validate(frame, "folder")
    assert len(frame) == 70 + 45 + 40
    assert (frame["source"] == "Saved feeds").all() and (frame["channel"] == "news").all()


def test_one_bad_file_is_named_and_the_good_rows_are_kept(tmp_path: Path, config: Config) -> None:
    folder = folder_of(tmp_path, "national_news.rss", "broken_parish_news.xml", "pensions_blog.atom")
    (folder / "empty.xml").write_bytes(b"")

    frame, error = collect_folder(folder_source(folder), config.settings, NOW)

    assert error == ("2 of 4 files failed: broken_parish_news.xml: not a feed: got an HTML page; "
                     "empty.xml: empty response: no feed content")
    assert len(frame) == 70 + 45


def test_an_item_saved_in_two_files_is_one_row(tmp_path: Path, config: Config) -> None:
    folder = folder_of(tmp_path, "national_news.rss", "regional_news.rss")
    frame, error = collect_folder(folder_source(folder), config.settings, NOW)
    assert error is None
    assert len(frame) == 70 + 45 - 5  # the five syndicated stories link to the national original
    assert frame["mention_id"].is_unique


def test_hidden_files_readmes_and_subfolders_are_skipped(tmp_path: Path, config: Config) -> None:
    folder = folder_of(tmp_path, "national_news.rss")
    (folder / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (folder / "README.md").write_text("# Feeds saved on 1 November\n", encoding="utf-8")
    (folder / "readme.txt").write_text("notes\n", encoding="utf-8")
    (folder / "older").mkdir()
    shutil.copy(SAMPLE_FEEDS / "regional_news.rss", folder / "older" / "regional_news.rss")
    shutil.copy(SAMPLE_FEEDS / "pensions_blog.atom", folder / "a_blog.atom")

    assert [p.name for p in folder_files(folder)] == ["a_blog.atom", "national_news.rss"]
    frame, error = collect_folder(folder_source(folder), config.settings, NOW)
    assert error is None and len(frame) == 45 + 70


def test_json_files_are_told_apart_by_shape(tmp_path: Path, config: Config) -> None:
    folder = folder_of(tmp_path, "money_blog.json")
    (folder / "reddit_new.json").write_text(json.dumps(NEW), encoding="utf-8")
    (folder / "mastodon_tag.json").write_text(json.dumps(TIMELINE), encoding="utf-8")

    frame, error = collect_folder(folder_source(folder), config.settings, NOW)

    assert error is None
    assert len(frame) == 40 + 4 + 4
    assert frame["url"].str.startswith("https://www.reddit.com/r/UKPersonalFinance/").sum() == 4
    assert frame["url"].str.startswith("https://mastodon.social/@margaret/").sum() == 2


def test_a_file_larger_than_the_limit_is_named(tmp_path: Path, config: Config) -> None:
    folder = folder_of(tmp_path, "national_news.rss", "money_blog.json")
    limit = (folder / "money_blog.json").stat().st_size + 1
    settings = dataclasses.replace(config.settings, max_bytes=limit)
    assert (folder / "national_news.rss").stat().st_size > limit

    frame, error = collect_folder(folder_source(folder), settings, NOW)

    assert error == f"1 of 2 files failed: national_news.rss: larger than {limit / 1000:g} kB"
    assert len(frame) == 40


def test_every_file_failing_gives_no_rows_and_every_reason(tmp_path: Path, config: Config) -> None:
    folder = folder_of(tmp_path, "broken_parish_news.xml", "money_blog.json")
    frame, error = collect_folder(folder_source(folder, kind="reddit"), config.settings, NOW)
    assert frame.empty
    assert error == ("2 of 2 files failed: broken_parish_news.xml: not a Reddit listing: got an HTML or XML page "
                     '(is the address a .json one?); money_blog.json: not a Reddit listing: expected '
                     '{"kind": "Listing", "data": {"children": [...]}}')


@pytest.mark.parametrize(("name", "words"), [
    ("", "the folder has no files to read: {}"),
    ("gone", "folder not found: {}"),
])
def test_an_empty_or_missing_folder_says_so(tmp_path: Path, config: Config, name: str, words: str) -> None:
    folder = tmp_path / name if name else tmp_path
    frame, error = collect_folder(folder_source(folder), config.settings, NOW)
    assert frame.empty and error == words.format(folder)


def test_the_real_discourse_capture_as_a_folder_of_kind_feed(tmp_path: Path, config: Config) -> None:
    """Its RSS files are feeds; its JSON needs kind "discourse" and says so, by file name."""
    capture = realdata("feeds", "captured", "discourse_criticalfallibilism")
    frame, error = collect_folder(folder_source(capture), config.settings, NOW)

    assert error == ("2 of 5 files failed: "
                     "posts.json: not a feed: JSON, but not a JSON Feed (no jsonfeed.org version); "
                     "t_2144_posts.json: not a feed: JSON, but not a JSON Feed (no jsonfeed.org version)")
    assert len(frame) > 50
    assert frame["url"].str.startswith("https://discuss.criticalfallibilism.com/t/").all()


def test_a_folder_path_loads_from_sources_toml(config_dir: Path, tmp_path: Path) -> None:
    folder = folder_of(tmp_path, "national_news.rss")
    write_sources(config_dir, [{"name": "Saved", "kind": "feed", "channel": "news", "path": str(folder)},
                               {"name": "Saved Reddit", "kind": "reddit", "channel": "social", "path": "r.json"},
                               {"name": "Toots", "kind": "mastodon", "channel": "social",
                                "url": "https://mastodon.social/api/v1/timelines/tag/StatePension"}])
    sources = load_config(config_dir).sources
    assert sources[0].path == folder and sources[0].path.is_dir()
    assert [s.kind for s in sources] == ["feed", "reddit", "mastodon"]


def test_reddit_rows_from_a_folder_match_the_file_parsed_alone(tmp_path: Path, config: Config) -> None:
    folder = tmp_path / "reddit"
    folder.mkdir()
    (folder / "new.json").write_text(json.dumps(NEW), encoding="utf-8")
    source = folder_source(folder, kind="reddit")
    frame, error = collect_folder(source, config.settings, NOW)
    alone = parse_reddit((folder / "new.json").read_bytes(), {}, source, NOW)
    assert error is None and frame.equals(alone)
