"""collectors.reddit on Reddit .json listings, and Reddit's RSS and Atom through the feed parser.

No Reddit JSON was captured in ../shared/realdata, so the listings below are written here in the
shape Reddit's API returns (https://www.reddit.com/dev/api: Listing, t1 comment, t3 link): a
subreddit's /new.json, a post's comment page (an array of two listings, nested replies, a "more"
stub), a user's comments and a search. Titles and bodies are HTML-escaped as Reddit sends them
without raw_json=1. The RSS and Atom files are real captures.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from collectors import collect_source, make_client, parse_bytes
from collectors.feeds import ParseError, parse_feed
from collectors.fetch import Fetched
from collectors.reddit import is_listing, parse_reddit
from config import Config, Source
from conftest import NOW, LocalServer, Route, realdata
from mention import make_id, validate

LATER = dt.datetime(2030, 1, 1, tzinfo=dt.timezone.utc)


def post(id36: str, title: str, permalink: str, created: float, **fields: Any) -> dict[str, Any]:
    data = {"id": id36, "name": f"t3_{id36}", "title": title, "permalink": permalink, "created_utc": created,
            "subreddit": "UKPersonalFinance", "author": "pension_pete", "selftext": "", "selftext_html": None,
            "num_comments": 0, "score": 1, "ups": 1, "upvote_ratio": 1.0, "is_self": True, "over_18": False,
            "url": f"https://www.reddit.com{permalink}", "domain": "self.UKPersonalFinance"}
    data.update(fields)
    return {"kind": "t3", "data": data}


def comment(id36: str, body: str, link_id: str, created: float, replies: Any = "", **fields: Any) -> dict[str, Any]:
    data = {"id": id36, "name": f"t1_{id36}", "body": body, "link_id": link_id, "parent_id": link_id,
            "permalink": f"/r/UKPersonalFinance/comments/{link_id[3:]}/state_pension_forecast/{id36}/",
            "created_utc": created, "author": "helpful_hannah", "score": 3, "replies": replies,
            "subreddit": "UKPersonalFinance", "body_html": "&lt;div class=\"md\"&gt;...&lt;/div&gt;"}
    data.update(fields)
    return {"kind": "t1", "data": data}


def listing(children: list[dict[str, Any]], after: str | None = None) -> dict[str, Any]:
    return {"kind": "Listing", "data": {"after": after, "dist": len(children), "modhash": "", "geo_filter": "",
                                        "children": children, "before": None}}


NEW = listing([
    post("1o2abc", "State Pension forecast says &amp;pound;221.20 &gt; what I expected?",
         "/r/UKPersonalFinance/comments/1o2abc/state_pension_forecast/", 1761980400.0,
         selftext="My forecast says I&amp;#39;ll get the full new State Pension.\n\nIs that &lt;right&gt;?",
         selftext_html="&lt;!-- SC_OFF --&gt;&lt;div class=\"md\"&gt;&lt;p&gt;My forecast&lt;/p&gt;&lt;/div&gt;",
         num_comments=14, score=57),
    post("1o2xyz", "Winter Fuel Payment: letters going out this week",
         "/r/UKPersonalFinance/comments/1o2xyz/winter_fuel_payment_letters/", 1761976800,
         is_self=False, url="https://www.gov.uk/winter-fuel-payment", domain="gov.uk", num_comments=3, score=-2),
    post("1o2ded", "[deleted by user]", "/r/UKPersonalFinance/comments/1o2ded/deleted_by_user/", 1761973200.5,
         author="[deleted]", selftext="[removed]", num_comments=2, score=0),
    {"kind": "t3", "data": {"id": "1o2min", "name": "t3_1o2min", "title": "Only the bare fields",
                            "permalink": "/r/UKPersonalFinance/comments/1o2min/only_the_bare_fields/"}},
], after="t3_1o2min")

COMMENT_PAGE = [
    listing([post("1o2abc", "State Pension forecast says &amp;pound;221.20 &gt; what I expected?",
                  "/r/UKPersonalFinance/comments/1o2abc/state_pension_forecast/", 1761980400.0, num_comments=14,
                  score=57)]),
    listing([
        comment("nb1", "Check your National Insurance record &amp; look for gaps.", "t3_1o2abc", 1761981000,
                replies=listing([
                    comment("nb2", "Thanks, I have 3 gap years.", "t3_1o2abc", 1761982000, author="pension_pete",
                            score=1),
                    comment("nb3", "[deleted]", "t3_1o2abc", 1761983000, author="[deleted]", score=0,
                            replies=listing([comment("nb4", "You can pay voluntary contributions.", "t3_1o2abc",
                                                     1761984000, score=5)])),
                    {"kind": "more", "data": {"count": 4, "name": "t1_nb9", "id": "nb9", "children": ["nb9"]}},
                ])),
        comment("nb5", "Full rate is £230.25 a week from April 2025.", "t3_1o2abc", 1761985000, score=12),
    ]),
]

USER_COMMENTS = listing([
    comment("nc1", "Pension Credit is worth claiming: it unlocks other help.", "t3_1o1zzz", 1761900000,
            link_title="Is Pension Credit worth it?"),
])

SEARCH = listing([
    {"kind": "t5", "data": {"display_name": "UKPersonalFinance", "name": "t5_2s4r6"}},  # a subreddit result
    post("1o2abc", "State Pension forecast says &amp;pound;221.20 &gt; what I expected?",
         "/r/UKPersonalFinance/comments/1o2abc/state_pension_forecast/", 1761980400.0, num_comments=15, score=60),
    post("1ny777", "Universal Credit and Pension Credit at the same time?",
         "/r/AskUK/comments/1ny777/universal_credit_and_pension_credit/", 1761500000, subreddit="AskUK"),
])

SUB = Source(name="r/UKPersonalFinance", kind="reddit", channel="social",
             url="https://www.reddit.com/r/UKPersonalFinance/new.json")


def parse(document: Any, source: Source = SUB) -> pd.DataFrame:
    return validate(parse_reddit(json.dumps(document).encode(), {}, source, NOW), "reddit")


# -- a subreddit's new posts ----------------------------------------------------------------------


def test_one_row_per_post_with_its_fields() -> None:
    frame = parse(NEW)

    assert frame["url"].tolist() == [
        "https://www.reddit.com/r/UKPersonalFinance/comments/1o2abc/state_pension_forecast/",
        "https://www.reddit.com/r/UKPersonalFinance/comments/1o2xyz/winter_fuel_payment_letters/",
        "https://www.reddit.com/r/UKPersonalFinance/comments/1o2ded/deleted_by_user/",
        "https://www.reddit.com/r/UKPersonalFinance/comments/1o2min/only_the_bare_fields/"]
    first = frame.iloc[0]
    assert first["title"] == "State Pension forecast says &pound;221.20 > what I expected?"  # unescaped once only
    assert first["text"] == "My forecast says I&#39;ll get the full new State Pension.\n\nIs that <right>?"
    assert first["author"] == "pension_pete"
    assert first["published_at"] == pd.Timestamp("2025-11-01 07:00:00", tz="UTC")
    assert (first["replies"], first["score"]) == (14, 57)
    assert (frame["source"] == "r/UKPersonalFinance").all() and (frame["channel"] == "social").all()


def test_a_link_post_is_linked_by_its_discussion_not_its_target() -> None:
    row = parse(NEW).iloc[1]
    assert row["url"].startswith("https://www.reddit.com/r/UKPersonalFinance/comments/1o2xyz/")
    assert row["text"] == ""
    assert row["score"] == -2  # downvoted posts keep their negative score


def test_a_deleted_post_has_no_author_and_no_removed_text() -> None:
    row = parse(NEW).iloc[2]
    assert pd.isna(row["author"])
    assert row["text"] == ""
    assert row["published_at"] == pd.Timestamp("2025-11-01 05:00:00.5", tz="UTC")


def test_missing_fields_are_empty_not_errors() -> None:
    row = parse(NEW).iloc[3]
    assert row["title"] == "Only the bare fields"
    assert pd.isna(row["author"]) and pd.isna(row["replies"]) and pd.isna(row["score"])
    assert row["published_at"] == NOW  # undated: counted from collection


def test_ids_are_stable_and_follow_the_permalink() -> None:
    frame = parse(NEW)
    assert frame["mention_id"].tolist() == parse(NEW)["mention_id"].tolist()
    assert frame["mention_id"].iloc[0] == make_id(
        "https://www.reddit.com/r/UKPersonalFinance/comments/1o2abc/state_pension_forecast")


# -- comments -------------------------------------------------------------------------------------


def test_a_comment_page_gives_the_post_and_every_comment() -> None:
    frame = parse(COMMENT_PAGE)

    assert len(frame) == 1 + 5  # the post, five comments at any depth; the "more" stub is not a comment
    comments = frame.iloc[1:]
    assert comments["url"].str.endswith(("/nb1/", "/nb2/", "/nb3/", "/nb4/", "/nb5/")).all()
    assert set(comments["title"]) == {"State Pension forecast says &pound;221.20 > what I expected?"}
    by_end = {url.rstrip("/").rsplit("/", 1)[1]: row for url, (_, row) in zip(comments["url"], comments.iterrows(),
                                                                              strict=True)}
    assert by_end["nb1"]["text"] == "Check your National Insurance record & look for gaps."
    assert by_end["nb1"]["replies"] == 2  # two comments below it in the document
    assert by_end["nb2"]["replies"] == 0  # "replies": "" is none
    assert pd.isna(by_end["nb3"]["author"]) and by_end["nb3"]["text"] == ""
    assert by_end["nb4"]["text"] == "You can pay voluntary contributions."
    assert by_end["nb5"]["score"] == 12
    assert by_end["nb5"]["published_at"] == pd.Timestamp("2025-11-01 08:16:40", tz="UTC")


def test_the_same_post_in_a_listing_and_on_its_comment_page_has_one_id() -> None:
    assert parse(NEW)["mention_id"].iloc[0] == parse(COMMENT_PAGE)["mention_id"].iloc[0]


def test_a_users_comments_take_the_post_title_they_carry() -> None:
    row = parse(USER_COMMENTS).iloc[0]
    assert row["title"] == "Is Pension Credit worth it?"
    assert row["text"] == "Pension Credit is worth claiming: it unlocks other help."
    assert pd.isna(row["replies"])  # a user's comment listing always says "replies": "", so it says nothing


def test_a_search_listing_keeps_posts_and_skips_subreddits() -> None:
    frame = parse(SEARCH)
    assert frame["title"].tolist() == ["State Pension forecast says &pound;221.20 > what I expected?",
                                       "Universal Credit and Pension Credit at the same time?"]
    assert frame["url"].iloc[1] == "https://www.reddit.com/r/AskUK/comments/1ny777/universal_credit_and_pension_credit/"


# -- what is not a listing ------------------------------------------------------------------------


@pytest.mark.parametrize(("content", "words"), [
    (b"<!doctype html><html><body>Too Many Requests</body></html>",
     "not a Reddit listing: got an HTML or XML page (is the address a .json one?)"),
    (b'{"kind": "Listing", "data": {', "not a Reddit listing: broken JSON at line 1 column 30"),
    (b'{"version": "https://jsonfeed.org/version/1.1", "items": []}',
     'not a Reddit listing: expected {"kind": "Listing", "data": {"children": [...]}}'),
    (json.dumps(listing([])).encode(), "the Reddit listing has no posts or comments"),
    (json.dumps(listing([{"kind": "t3", "data": {"title": "no permalink, no id"}}])).encode(),
     "no usable items: 1 item(s), none with a permalink or an id"),
    (b"", "empty response: no Reddit content"),
])
def test_other_documents_give_a_plain_words_parse_error(content: bytes, words: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse_reddit(content, {}, SUB, NOW)
    assert str(caught.value) == words


def test_shape_recognition() -> None:
    assert is_listing(NEW) and is_listing(COMMENT_PAGE) and is_listing(SEARCH)
    assert not is_listing({"kind": "Listing", "data": {}})
    assert not is_listing([NEW, {"kind": "t3"}])
    assert not is_listing([])


# -- through the collector: kind "reddit", and kind "feed" told by shape ---------------------------


def test_kind_reddit_through_parse_bytes() -> None:
    frame = parse_bytes(SUB, Fetched(json.dumps(NEW).encode(), {"content-type": "application/json"}), NOW)
    assert len(frame) == 4


def test_a_pasted_json_address_with_kind_feed_is_read_as_reddit(http_server: LocalServer, config: Config) -> None:
    http_server.routes["/r/UKPersonalFinance/new.json"] = Route(
        body=json.dumps(NEW).encode(), headers={"Content-Type": "application/json; charset=UTF-8"})
    source = Source(name="pasted", kind="feed", channel="social", url=http_server.url("/r/UKPersonalFinance/new.json"))
    settings = dataclasses.replace(config.settings, timeout_seconds=5)

    with make_client(settings.timeout_seconds, settings.user_agent, allow_private=True) as client:
        got = collect_source(source, settings, client, NOW)

    assert got.ok, got.error
    assert len(got.frame) == 4
    assert got.frame["url"].iloc[0] == ("https://www.reddit.com/r/UKPersonalFinance/comments/1o2abc/"
                                        "state_pension_forecast/")
    assert got.frame["replies"].iloc[0] == 14


def test_a_reddit_file_source_through_collect_source(tmp_path: Path, config: Config) -> None:
    saved = tmp_path / "comments.json"
    saved.write_text(json.dumps(COMMENT_PAGE), encoding="utf-8")
    got = collect_source(Source(name="saved", kind="feed", channel="social", path=saved), config.settings, None, NOW)
    assert got.ok, got.error
    assert len(got.frame) == 6


# -- Reddit's RSS and Atom (real captures) go through the feed parser ------------------------------


def captured(name: str) -> Path:
    return realdata("feeds", "captured", name)


def parse_captured(name: str) -> pd.DataFrame:
    path = captured(name)
    return validate(parse_feed(path.read_bytes(), {}, Source(name="r", kind="feed", channel="social", path=path),
                               LATER), name)


def test_reddit_atom_gives_authors_and_links() -> None:
    frame = parse_captured("rss-parser/input/reddit-home.rss")  # Atom, despite the name
    assert len(frame) == 24
    assert frame["author"].str.startswith("/u/").all()
    assert frame["url"].str.startswith("https://www.reddit.com/r/").all()
    first = frame.iloc[0]
    assert first["author"] == "/u/AngryRedditorsBelow"
    assert first["title"] == "How the British as seen by Americans and Europeans"
    assert first["url"] == ("https://www.reddit.com/r/funny/comments/42tizy/"
                            "how_the_british_as_seen_by_americans_and_europeans/")


def test_reddit_search_atom_gives_author_and_link() -> None:
    row = parse_captured("feed-rs/rss2/rss_2.0_reddit.xml").iloc[0]
    assert row["author"] == "/u/kevincox_ca"
    assert row["url"] == "https://www.reddit.com/r/kevincox/comments/qksbf1/announcing_feedmail/"
    assert row["published_at"] == pd.Timestamp("2021-11-02 00:46:08", tz="UTC")


def test_old_reddit_rss2_has_links_but_names_authors_only_in_its_description() -> None:
    frame = parse_captured("rss-parser/input/reddit.rss")
    assert len(frame) == 24 and frame["url"].str.startswith("https://www.reddit.com/r/").all()
    assert frame["author"].isna().all()
    assert frame["text"].iloc[0].startswith("submitted by cakebeerandmorebeer to funny")


def test_a_post_read_from_atom_and_from_json_is_one_mention() -> None:
    atom = parse_captured("rss-parser/input/reddit-home.rss").iloc[0]
    as_json = parse(listing([post("42tizy", "How the British as seen by Americans and Europeans",
                                  "/r/funny/comments/42tizy/how_the_british_as_seen_by_americans_and_europeans/",
                                  1453840294, author="AngryRedditorsBelow", num_comments=1143)])).iloc[0]
    assert atom["mention_id"] == as_json["mention_id"]
