"""collectors.discourse on a real forum's JSON (discuss.criticalfallibilism.com, January 2026).

posts.json (the forum's latest 50 posts) and t_2144_posts.json (a topic's post stream) are real API
responses; latest.json is written here in the shape Discourse documents, since none was captured.
The posts are dated January 2026, so they are collected "later" to keep their own dates.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest

from collectors import collect_source, make_client, parse_bytes
from collectors.discourse import parse_discourse
from collectors.feeds import ParseError
from collectors.fetch import Fetched
from config import Config, Source
from conftest import NOW, LocalServer, Route, realdata
from mention import validate

FORUM = "https://discuss.criticalfallibilism.com"
LATER = dt.datetime(2026, 2, 1, 9, 0, tzinfo=dt.timezone.utc)  # after every post in the capture


def forum_file(name: str) -> Path:
    return realdata("feeds", "captured", "discourse_criticalfallibilism", name)


def forum_source(base_url: str | None = FORUM + "/", **kwargs: object) -> Source:
    return Source(name="CF forum", kind="discourse", channel="forum", base_url=base_url, **kwargs)


def parse(content: bytes, source: Source | None = None, fetched_url: str = "") -> pd.DataFrame:
    return parse_discourse(content, {}, source or forum_source(), LATER, fetched_url)


@pytest.fixture(scope="module")
def latest_posts() -> list[dict]:
    return json.loads(forum_file("posts.json").read_bytes())["latest_posts"]


# -- /posts.json ------------------------------------------------------------------------------------


def test_posts_json_gives_one_row_per_post(latest_posts: list[dict]) -> None:
    frame = validate(parse(forum_file("posts.json").read_bytes()), "posts.json")

    assert len(frame) == len(latest_posts) == 50
    assert frame["mention_id"].is_unique
    assert (frame["channel"] == "forum").all() and (frame["source"] == "CF forum").all()
    assert frame["author"].tolist() == [post["username"] for post in latest_posts]
    assert frame["author"].value_counts().head(3).to_dict() == {"Elliot": 14, "Jarrod": 8, "Eternity": 7}
    assert frame["replies"].tolist() == [post["reply_count"] for post in latest_posts]
    assert frame["url"].tolist() == [FORUM + post["post_url"] for post in latest_posts]


def test_a_known_post(latest_posts: list[dict]) -> None:
    frame = parse(forum_file("posts.json").read_bytes())
    row = frame[frame["url"] == f"{FORUM}/t/kpop-demon-hunters/2144/28"].iloc[0]

    assert row["author"] == "anonymous105"
    assert row["title"] == "KPop Demon Hunters"
    assert row["replies"] == 3
    assert row["published_at"] == pd.Timestamp("2026-01-21 19:30:37.795", tz="UTC")
    assert row["text"].startswith("Oh, oops! I was absolutely confusing We the Living with Anthem. Anthem is the "
                                  "short dystopia.\nIs We the Living also short?")


def test_post_text_is_the_cooked_html_as_plain_text(latest_posts: list[dict]) -> None:
    assert sum("<p>" in post["cooked"] for post in latest_posts) > 40
    frame = parse(forum_file("posts.json").read_bytes())
    assert not frame["text"].str.contains("<p>|</p>|<em>|<a href|&amp;", regex=True).any()
    assert frame.iloc[0]["text"].startswith("I was talking with someone about people not being very good at math "
                                            "and logic")
    assert frame.iloc[0]["title"] == "People Being Bad at Logic"


def test_likes_become_score(latest_posts: list[dict]) -> None:
    """Action type 2 is a like; Discourse's own float 'score' (a ranking weight) is not taken as likes."""
    frame = parse(forum_file("posts.json").read_bytes())
    by_url = dict(zip(frame["url"], frame["score"], strict=True))
    assert by_url[f"{FORUM}/t/cf-archiver-webapp-bot-for-linked-material-reddit-tiktok-etc/2147/1"] == 2
    assert by_url[f"{FORUM}/t/capitalism-means-policing-big-companies/1491/191"] == 1
    assert pd.isna(by_url[f"{FORUM}/t/people-being-bad-at-logic/2148/1"])  # no likes recorded, score 0.6
    assert frame["score"].notna().sum() == 11


def test_the_same_document_parsed_twice_gives_the_same_ids() -> None:
    content = forum_file("posts.json").read_bytes()
    assert parse(content)["mention_id"].tolist() == parse(content)["mention_id"].tolist()


def test_a_trailing_slash_on_base_url_is_not_doubled() -> None:
    without = parse(forum_file("posts.json").read_bytes(), forum_source(FORUM))
    with_slash = parse(forum_file("posts.json").read_bytes(), forum_source(FORUM + "/"))
    assert without["url"].tolist() == with_slash["url"].tolist()
    assert not with_slash["url"].str.contains(".com//", regex=False).any()


def test_posts_dated_after_collection_count_from_collection() -> None:
    frame = parse_discourse(forum_file("posts.json").read_bytes(), {}, forum_source(), NOW)
    assert (frame["published_at"] == NOW).all()  # November 2025 saw no January 2026 posts yet


# -- /t/{id}/posts.json -----------------------------------------------------------------------------


def test_a_topic_post_stream() -> None:
    stream = json.loads(forum_file("t_2144_posts.json").read_bytes())["post_stream"]["posts"]
    frame = validate(parse(forum_file("t_2144_posts.json").read_bytes()), "t_2144_posts.json")

    assert len(frame) == 20
    assert frame["url"].tolist() == [f"{FORUM}/t/kpop-demon-hunters/2144/{p['post_number']}" for p in stream]
    assert frame["author"].tolist() == [p["username"] for p in stream]
    first = frame.iloc[0]
    assert first["author"] == "Elliot"
    assert first["replies"] == 5 and first["score"] == 1
    assert first["text"] == ("This is a companion discussion topic for the original entry at "
                             "https://curi.us/2607-kpop-demon-hunters")
    assert first["published_at"] == pd.Timestamp("2026-01-08 19:23:48.342", tz="UTC")


def test_a_post_in_both_documents_has_one_id() -> None:
    latest = parse(forum_file("posts.json").read_bytes())
    topic = parse(forum_file("t_2144_posts.json").read_bytes())
    shared = set(latest["mention_id"]) & set(topic["mention_id"])
    assert len(shared) == len(set(latest["url"]) & set(topic["url"])) > 5


def test_without_base_url_a_file_has_no_links_but_keeps_its_posts() -> None:
    frame = parse(forum_file("t_2144_posts.json").read_bytes(), forum_source(None))
    assert len(frame) == 20
    assert frame["url"].str.startswith("discourse-post-").all()


# -- /latest.json -----------------------------------------------------------------------------------

LATEST = {
    "users": [{"id": 1, "username": "Elliot"}, {"id": 7, "username": "Jarrod"}, {"id": 9, "username": "Max"}],
    "topic_list": {"topics": [
        {"id": 2148, "title": "People Being Bad at Logic", "slug": "people-being-bad-at-logic",
         "created_at": "2026-01-21T23:29:42.524Z", "posts_count": 4, "like_count": 3,
         "excerpt": "I was talking with someone about <b>math</b> &amp; logic",
         "posters": [{"user_id": 7, "description": "Most Recent Poster"},
                     {"user_id": 1, "description": "Original Poster, Most Recent Poster"}]},
        {"id": 2147, "title": "CF Archiver webapp/bot", "slug": "cf-archiver-webapp-bot", "reply_count": 2,
         "created_at": "2026-01-21T00:03:53.289Z", "last_poster_username": "Max", "posters": []},
        {"title": "A topic without an id is skipped"},
    ]},
}


def test_latest_json_gives_one_row_per_topic() -> None:
    frame = validate(parse(json.dumps(LATEST).encode()), "latest.json")

    assert frame["url"].tolist() == [f"{FORUM}/t/people-being-bad-at-logic/2148",
                                     f"{FORUM}/t/cf-archiver-webapp-bot/2147"]
    assert frame["title"].tolist() == ["People Being Bad at Logic", "CF Archiver webapp/bot"]
    assert frame["author"].tolist() == ["Elliot", "Max"]  # the Original Poster, else the last poster
    assert frame["replies"].tolist() == [3, 2]  # posts_count - 1 when reply_count is absent
    assert frame["score"].tolist()[0] == 3
    assert frame["text"].iloc[0] == "I was talking with someone about math & logic"
    assert frame["published_at"].iloc[1] == pd.Timestamp("2026-01-21 00:03:53.289", tz="UTC")


# -- what is not Discourse JSON ---------------------------------------------------------------------


@pytest.mark.parametrize(("content", "words"), [
    (b"<!DOCTYPE html><html><body>Oops</body></html>",
     "not Discourse JSON: got an HTML or XML page (is the address a .json one?)"),
    (b'{"latest_posts": [{"id": 1,', "not Discourse JSON: broken JSON at line 1 column 28"),
    (b'{"users": []}', "not Discourse JSON: expected latest_posts, post_stream or topic_list"),
    (b"[1, 2, 3]", "not Discourse JSON: expected an object with latest_posts, post_stream or topic_list"),
    ("{}".encode("utf-16"), "not Discourse JSON: the body is not UTF-8 text"),
])
def test_other_documents_give_a_plain_words_parse_error(content: bytes, words: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse(content)
    assert str(caught.value) == words


def test_the_real_rss_of_the_forum_is_not_taken_for_json() -> None:
    with pytest.raises(ParseError, match=r"^not Discourse JSON: got an HTML or XML page"):
        parse(forum_file("posts.rss").read_bytes())


# -- the same forum through the feed parser and through the collector ------------------------------


def test_posts_rss_goes_through_the_feed_parser() -> None:
    path = forum_file("posts.rss")
    frame = parse_bytes(Source(name="CF rss", kind="feed", channel="forum", path=path),
                        Fetched(path.read_bytes(), {}, path.as_uri()), LATER)

    assert len(frame) == 50
    first = frame.iloc[0]
    assert first["title"] == "People Being Bad at Logic"
    assert first["url"] == f"{FORUM}/t/people-being-bad-at-logic/2148#post_1"
    assert first["author"] == "@Elliot"
    assert first["published_at"] == pd.Timestamp("2026-01-21 23:29:42", tz="UTC")
    assert first["text"].startswith("I was talking with someone about people not being very good at math")


def test_a_discourse_file_source_through_collect_source(config: Config) -> None:
    got = collect_source(forum_source(path=forum_file("posts.json")), config.settings, None, LATER)
    assert got.ok, got.error
    assert len(got.frame) == 50 and got.frame["url"].iloc[0] == f"{FORUM}/t/people-being-bad-at-logic/2148/1"


def test_a_discourse_source_over_http_takes_its_base_from_the_address(http_server: LocalServer, config: Config) -> None:
    http_server.routes["/posts.json"] = Route(body=forum_file("posts.json").read_bytes(),
                                              headers={"Content-Type": "application/json; charset=utf-8"})
    settings = dataclasses.replace(config.settings, timeout_seconds=5)
    source = forum_source(None, url=http_server.url("/posts.json"))

    with make_client(settings.timeout_seconds, settings.user_agent, allow_private=True) as client:
        got = collect_source(source, settings, client, LATER)

    assert got.ok, got.error
    assert len(got.frame) == 50
    assert got.frame["url"].iloc[0] == f"{http_server.base}/t/people-being-bad-at-logic/2148/1"


def test_an_html_error_page_from_a_discourse_address_is_reported(http_server: LocalServer, config: Config) -> None:
    http_server.routes["/posts.json"] = Route(body=b"<html><body>Rate limited</body></html>",
                                              headers={"Content-Type": "text/html"})
    with make_client(5, config.settings.user_agent, allow_private=True) as client:
        got = collect_source(forum_source(None, url=http_server.url("/posts.json")), config.settings, client, LATER)
    assert got.error == "not Discourse JSON: got an HTML or XML page (is the address a .json one?)"


def test_topic_posts_without_a_title_take_it_from_the_slug() -> None:
    frame = parse(forum_file("t_2144_posts.json").read_bytes())
    assert set(frame["title"]) == {"Kpop demon hunters"}


def test_an_empty_body_is_an_empty_response_not_broken_json() -> None:
    with pytest.raises(ParseError, match="^empty response: no Discourse content$"):
        parse(b"  \n")
