"""collectors.mastodon on public statuses JSON, and Mastodon's RSS through the feed parser.

No Mastodon API response was captured in ../shared/realdata, so the timeline below is written here
in the shape Mastodon documents for /api/v1/timelines/tag/:hashtag (https://docs.joinmastodon.org/entities/Status/):
HTML content with hashtag and mention links, a content warning, boosts, a remote account, a status
without a url, one with missing counts, a private one. The RSS files are real captures.
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
from collectors.mastodon import is_statuses, parse_mastodon
from config import Config, Source
from conftest import NOW, LocalServer, Route, realdata
from mention import validate

LATER = dt.datetime(2030, 1, 1, tzinfo=dt.timezone.utc)


def account(acct: str, display_name: str = "") -> dict[str, Any]:
    username = acct.split("@")[0]
    server = acct.split("@")[1] if "@" in acct else "mastodon.social"
    return {"id": str(109_000_000 + sum(map(ord, acct))), "username": username, "acct": acct,
            "display_name": display_name,
            "url": f"https://{server}/@{username}", "bot": False, "locked": False, "followers_count": 120}


def status(sid: str, who: dict[str, Any], content: str, created: str, **fields: Any) -> dict[str, Any]:
    server = who["url"].split("/")[2]
    data = {"id": sid, "created_at": created, "in_reply_to_id": None, "sensitive": False, "spoiler_text": "",
            "visibility": "public", "language": "en", "uri": f"https://{server}/users/{who['username']}/statuses/{sid}",
            "url": f"https://{server}/@{who['username']}/{sid}", "replies_count": 0, "reblogs_count": 0,
            "favourites_count": 0, "edited_at": None, "content": content, "reblog": None, "account": who,
            "media_attachments": [], "mentions": [], "tags": [{"name": "statepension"}], "emojis": [], "card": None}
    data.update(fields)
    return data


MARGARET = account("margaret", "Margaret ✨")
REMOTE = account("benefitsadvice@social.example.org", "Benefits Advice")
BOOSTER = account("shares_things")

ORIGINAL = status(
    "113400000000000001", MARGARET,
    '<p>Just checked my <a href="https://mastodon.social/tags/StatePension" class="mention hashtag" rel="tag">'
    '#<span>StatePension</span></a> forecast &amp; it says £221.20 a week.</p><p>Is that right, '
    '<span class="h-card"><a href="https://social.example.org/@benefitsadvice" class="u-url mention">'
    '@<span>benefitsadvice</span></a></span>?</p>',
    "2025-10-31T18:04:05.123Z", replies_count=4, reblogs_count=2, favourites_count=9)

TIMELINE = [
    ORIGINAL,
    status("113400000000000002", REMOTE, "<p>Pension Credit can be backdated by three months.</p>",
           "2025-10-31T17:00:00.000Z", spoiler_text="money, benefits", replies_count=1, favourites_count=3,
           url=None, uri="https://social.example.org/users/benefitsadvice/statuses/998877"),
    # a boost of the first status: its own id and address, the boosted status inside, empty content
    status("113400000000000003", BOOSTER, "", "2025-10-31T19:00:00.000Z", reblog=ORIGINAL,
           uri="https://mastodon.social/users/shares_things/statuses/113400000000000003/activity", url=None),
    # a boost of a status not otherwise in the timeline
    status("113400000000000004", BOOSTER, "", "2025-10-31T16:00:00.000Z",
           reblog=status("113399999999999999", REMOTE, "<p>Winter Fuel Payment letters are going out.</p>",
                         "2025-10-31T15:00:00Z", favourites_count=20, reblogs_count=11)),
    {"id": "113400000000000005", "uri": "https://mastodon.social/users/margaret/statuses/113400000000000005",
     "url": "https://mastodon.social/@margaret/113400000000000005", "content": "<p>Missing counts and date</p>",
     "account": MARGARET},
    status("113400000000000006", MARGARET, "<p>followers only</p>", "2025-10-31T14:00:00Z", visibility="private"),
]

TAG = Source(name="#StatePension", kind="mastodon", channel="social",
             url="https://mastodon.social/api/v1/timelines/tag/StatePension")


def parse(document: Any, source: Source = TAG) -> pd.DataFrame:
    return validate(parse_mastodon(json.dumps(document).encode(), {}, source, NOW), "mastodon")


def test_one_row_per_public_status_with_its_fields() -> None:
    frame = parse(TIMELINE)

    assert frame["url"].tolist() == [
        "https://mastodon.social/@margaret/113400000000000001",
        "https://social.example.org/users/benefitsadvice/statuses/998877",  # no url: the uri
        "https://social.example.org/@benefitsadvice/113399999999999999",
        "https://mastodon.social/@margaret/113400000000000005",
    ]
    first = frame.iloc[0]
    assert first["text"] == ("Just checked my #StatePension forecast & it says £221.20 a week.\n"
                             "Is that right, @benefitsadvice?")
    assert first["title"] == ""
    assert first["author"] == "margaret"
    assert first["published_at"] == pd.Timestamp("2025-10-31 18:04:05.123", tz="UTC")
    assert (first["replies"], first["score"]) == (4, 11)  # score: favourites + boosts


def test_a_content_warning_leads_the_text_and_a_remote_account_keeps_its_server() -> None:
    row = parse(TIMELINE).iloc[1]
    assert row["text"] == "money, benefits\nPension Credit can be backdated by three months."
    assert row["author"] == "benefitsadvice@social.example.org"
    assert (row["replies"], row["score"]) == (1, 3)


def test_a_boost_is_the_boosted_status() -> None:
    frame = parse(TIMELINE)
    assert not frame["author"].eq("shares_things").any()  # the booster is not the author of anything
    boosted = frame.iloc[2]
    assert boosted["author"] == "benefitsadvice@social.example.org"
    assert boosted["text"] == "Winter Fuel Payment letters are going out."
    assert boosted["score"] == 31
    assert boosted["published_at"] == pd.Timestamp("2025-10-31 15:00:00", tz="UTC")


def test_a_boost_and_its_status_are_one_mention() -> None:
    boost_only = parse([TIMELINE[2]])
    assert boost_only["mention_id"].tolist() == parse([ORIGINAL])["mention_id"].tolist()
    assert len(parse([ORIGINAL, TIMELINE[2]])) == 1


def test_missing_fields_are_empty_not_errors() -> None:
    row = parse(TIMELINE).iloc[3]
    assert row["text"] == "Missing counts and date"
    assert pd.isna(row["replies"]) and pd.isna(row["score"])
    assert row["published_at"] == NOW


def test_private_statuses_are_left_out() -> None:
    assert not parse(TIMELINE)["text"].str.contains("followers only").any()
    with pytest.raises(ParseError, match=r"^no usable items: 1 status\(es\), none public"):
        parse_mastodon(json.dumps([TIMELINE[5]]).encode(), {}, TAG, NOW)


def test_a_v2_search_result() -> None:
    frame = parse({"accounts": [], "hashtags": [], "statuses": [ORIGINAL]})
    assert frame["url"].tolist() == ["https://mastodon.social/@margaret/113400000000000001"]


@pytest.mark.parametrize(("content", "words"), [
    (b"<!DOCTYPE html><html><body>Mastodon</body></html>",
     "not Mastodon statuses: got an HTML or XML page (is the address an /api/ one?)"),
    (b'[{"id": "1",', "not Mastodon statuses: broken JSON at line 1 column 13"),
    (b'{"error": "This method requires an authenticated user"}',
     "not Mastodon statuses: expected an array of statuses"),
    (b"[]", "no statuses: the timeline is empty"),
    (b'[{"id": "1"}]', "not Mastodon statuses: no item has an account and content"),
    (b"  ", "empty response: no Mastodon content"),
])
def test_other_documents_give_a_plain_words_parse_error(content: bytes, words: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse_mastodon(content, {}, TAG, NOW)
    assert str(caught.value) == words


def test_shape_recognition() -> None:
    assert is_statuses(TIMELINE) and is_statuses({"accounts": [], "statuses": [ORIGINAL]})
    assert not is_statuses([]) and not is_statuses([1, 2]) and not is_statuses([{"id": "1", "content": ""}])
    assert not is_statuses({"statuses": [ORIGINAL]})  # only a search result (with accounts) wraps statuses


# -- through the collector ------------------------------------------------------------------------


def test_kind_mastodon_through_parse_bytes() -> None:
    assert len(parse_bytes(TAG, Fetched(json.dumps(TIMELINE).encode()), NOW)) == 4


def test_a_pasted_api_address_with_kind_feed_is_read_as_mastodon(http_server: LocalServer, config: Config) -> None:
    http_server.routes["/api/v1/timelines/tag/StatePension"] = Route(
        body=json.dumps(TIMELINE).encode(), headers={"Content-Type": "application/json; charset=utf-8"})
    source = Source(name="pasted", kind="feed", channel="social",
                    url=http_server.url("/api/v1/timelines/tag/StatePension"))
    settings = dataclasses.replace(config.settings, timeout_seconds=5)

    with make_client(settings.timeout_seconds, settings.user_agent, allow_private=True) as client:
        got = collect_source(source, settings, client, NOW)

    assert got.ok, got.error
    assert got.frame["author"].tolist() == ["margaret", "benefitsadvice@social.example.org",
                                            "benefitsadvice@social.example.org", "margaret"]


def test_json_that_is_neither_reddit_nor_mastodon_stays_a_feed_error(config: Config, tmp_path: Path) -> None:
    path = tmp_path / "numbers.json"
    path.write_text("[1, 2, 3]", encoding="utf-8")
    got = collect_source(Source(name="x", kind="feed", channel="social", path=path), config.settings, None, NOW)
    assert got.error == "not a feed: JSON, but not a JSON Feed (no jsonfeed.org version)"


# -- Mastodon's RSS (real captures) goes through the feed parser -----------------------------------

USER_RSS = "rowanmanning-sample-feeds/public_mastodon_feed_user__f19a1363184d6e853b7e7d6c020102b8/feed.xml"
BOT_RSS = "rowanmanning-sample-feeds/public_mastodon_feed_bot__21102cb3a4214b392bcff783815cb127/feed.xml"


def parse_captured(name: str) -> pd.DataFrame:
    path = realdata("feeds", "captured", name)
    return validate(parse_feed(path.read_bytes(), {}, Source(name="m", kind="feed", channel="social", path=path),
                               LATER), name)


def test_mastodon_account_rss_parses() -> None:
    frame = parse_captured(USER_RSS)
    assert len(frame) == 20
    assert frame["url"].str.startswith("https://mastodon.social/@Gargron/").all()
    assert (frame["text"] != "").all() and not frame["text"].str.contains("<p>|<a |&amp;", regex=True).any()
    first = frame.iloc[0]
    assert first["text"] == "mastodon.social is now entirely served from our new #Kubernetes cluster 🎉"
    assert first["published_at"] == pd.Timestamp("2023-03-01 20:23:36", tz="UTC")
    assert frame["author"].isna().all()  # the RSS names the account once, for the channel, not per item


def test_mastodon_bot_rss_parses() -> None:
    frame = parse_captured(BOT_RSS)
    assert len(frame) == 20 and frame["url"].str.startswith("https://botsin.space/@PersevereImgBot/").all()


def test_a_status_read_from_rss_and_from_the_api_is_one_mention() -> None:
    rss = parse_captured(USER_RSS).iloc[0]
    gargron = account("Gargron", "Eugen Rochko")
    api = parse([status("109949892433321784", gargron, "<p>mastodon.social is now entirely served from our new "
                        "#Kubernetes cluster 🎉</p>", "2023-03-01T20:23:36.000Z")]).iloc[0]
    assert api["url"] == rss["url"] and api["mention_id"] == rss["mention_id"]
