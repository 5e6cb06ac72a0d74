"""How a story spread: the channels it reached in order, when, through whom, and whether it jumped.

The guide asks press officers to see how stories jump from forums and blogs into the mainstream
media. A story *jumped* when its first mention was in a forum, a blog or social media and it reached
a news outlet recently (within ``hours`` of the time asked about). Pure: a frame of a story's mentions
(``storage.stories.members``) in, plain figures out.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

#: Where a story starts when it "comes up from below": the conversation, not the press.
GRASSROOTS: tuple[str, ...] = ("forum", "blog", "social")
#: The mainstream media a story jumps to.
MAINSTREAM: tuple[str, ...] = ("news",)
PATH_COLUMNS = ["story_id", "channel", "reached_at", "mentions", "sources", "authors", "first_source"]


def path(members: pd.DataFrame) -> pd.DataFrame:
    """Per story and channel, in the order reached: when it was first reached, mentions, distinct sources and
    authors there, and the source that carried it first."""
    if members.empty:
        return pd.DataFrame(columns=PATH_COLUMNS)
    ordered = members.sort_values(["story_id", "published_at", "mention_id"])
    grouped = ordered.groupby(["story_id", "channel"], sort=False)
    table = grouped.agg(reached_at=("published_at", "min"), mentions=("mention_id", "count"),
                        sources=("source", "nunique"), authors=("author", "nunique"),
                        first_source=("source", "first")).reset_index()
    table = table.sort_values(["story_id", "reached_at", "channel"]).reset_index(drop=True)
    return table[PATH_COLUMNS]


def summary(members: pd.DataFrame, now: dt.datetime, hours: float = 24) -> pd.DataFrame:
    """Per story: its first mention (title, source, channel, time), the channel path as text
    ("forum → blog → news"), when news was reached, and whether it jumped within ``hours`` before ``now``."""
    columns = ["story_id", "title", "first_at", "first_source", "first_channel", "path", "news_at", "jumped",
               "authors"]
    if members.empty:
        return pd.DataFrame(columns=columns)
    steps = path(members)
    # the first mention's own row (groupby().first() would fill an empty title from a later mention)
    first = members.sort_values(["published_at", "mention_id"]).drop_duplicates("story_id").set_index("story_id")
    rows = []
    for story_id, story_steps in steps.groupby("story_id", sort=False):
        head = first.loc[story_id]
        news_at = _reached(story_steps, MAINSTREAM)
        rows.append({
            "story_id": story_id, "title": head["title"], "first_at": head["published_at"],
            "first_source": head["source"], "first_channel": head["channel"],
            "path": " → ".join(story_steps["channel"]), "news_at": news_at,
            "jumped": jumped(story_steps, now, hours),
            "authors": int(members.loc[members["story_id"] == story_id, "author"].nunique()),
        })
    return pd.DataFrame(rows, columns=columns)


def jumped(steps: pd.DataFrame, now: dt.datetime, hours: float = 24) -> bool:
    """Whether a story (its :func:`path` rows) started in :data:`GRASSROOTS` and reached :data:`MAINSTREAM`
    within ``hours`` before ``now`` (not after it: a replay at an earlier time sees only what was known then)."""
    if steps.empty or steps.iloc[0]["channel"] not in GRASSROOTS:
        return False
    news_at = _reached(steps, MAINSTREAM)
    if news_at is None:
        return False
    stamp = pd.Timestamp(now)
    stamp = stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp
    return stamp - pd.Timedelta(hours=hours) < news_at <= stamp


def _reached(steps: pd.DataFrame, channels: tuple[str, ...]) -> pd.Timestamp | None:
    hits = steps.loc[steps["channel"].isin(channels), "reached_at"]
    return None if hits.empty else pd.Timestamp(hits.min())
