"""Measure a daily rollup for the dashboard's figures, before any of it is wired into storage.

    .venv/bin/python bench/rollup.py bench/out/million.db

Builds the proposed ``daily_rollup`` as a TEMP table (the store is not changed), prints its size and
build time, the time to refresh one day (what maintaining it on each upsert would cost), then for the
Overview's and the Voices page's figures under several filters: the time of the storage.queries
function and of the same figure read from the rollup, and whether the two are equal. SQLite only
(the SQL is written for it; PostgreSQL would use strpos and CAST AS DATE). Asserts nothing.

One rollup row per (day, source, channel, shown sentiment label, the mention's topic set, its voice
set, question?, inaccuracy?, response kind, triage status) counts the mentions (``tag_kind`` ''), and
one per tag of those mentions (``tag_kind`` topic|voice, ``tag_name``, the sentiment toward the tag)
counts them again per tag, so a topic filter (a set containing the topic) and a per-topic figure are
both exact, co-occurring topics included (means to 0.001: a sum of sums rounds differently from avg()).
The words and source filters are not in it: they fall back to the SQL over the mentions.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pandas as pd
import sqlalchemy as sa

from storage import Filters, Store, queries
from storage.triage import OPEN

KEY = ", ".join(str(i) for i in range(1, 14))   # day ... status, tag_kind, tag_name, toward (by position)
_LABEL = "coalesce(m.sentiment_corrected, m.sentiment_label, '')"
_TOWARD = ("coalesce(m.sentiment_corrected, CASE WHEN coalesce(t.sentiment, m.sentiment) >= 0.05 THEN 'positive' "
           "WHEN coalesce(t.sentiment, m.sentiment) <= -0.05 THEN 'negative' ELSE 'neutral' END)")
_COMMON = (f"date(m.published_at), m.source, m.channel, {_LABEL}, m.topics, m.voices, m.is_question, "
           "m.inaccuracy_ids != '', m.response_kind, coalesce(tr.status, 'new')")
BUILD = [
    ("CREATE TEMP TABLE daily_rollup (day TEXT, source TEXT, channel TEXT, label TEXT, topics TEXT, voices TEXT, "
     "is_question INT, has_inaccuracy INT, response_kind TEXT, status TEXT, tag_kind TEXT, tag_name TEXT, "
     "toward TEXT, mentions INT, sentiment_sum REAL, sentiment_n INT, toward_sum REAL, engagement INT)"),
    # the mention rows, then the tag rows (``{where}``: the whole store, or the day being refreshed)
    (f"INSERT INTO daily_rollup SELECT {_COMMON}, '', '', '', count(*), sum(m.sentiment), count(m.sentiment), NULL, "
     "sum(coalesce(m.replies, 0) + coalesce(m.score, 0)) FROM mentions m "
     f"LEFT JOIN mention_triage tr ON tr.mention_id = m.mention_id {{where}} GROUP BY {KEY.rsplit(', 11', 1)[0]}"),
    (f"INSERT INTO daily_rollup SELECT {_COMMON}, t.kind, t.name, {_TOWARD}, count(*), sum(m.sentiment), "
     "count(m.sentiment), sum(coalesce(t.sentiment, m.sentiment)), sum(coalesce(m.replies, 0) + coalesce(m.score, 0)) "
     "FROM mentions m JOIN mention_tags t ON t.mention_id = m.mention_id "
     f"LEFT JOIN mention_triage tr ON tr.mention_id = m.mention_id {{where}} GROUP BY {KEY}"),
]


def rollup_where(filters: Filters) -> tuple[str, dict[str, Any]] | None:
    """The rollup's condition for ``filters`` (None: words or sources, which it cannot answer)."""
    if filters.search.strip() or filters.sources:
        return None
    parts, params = ["1 = 1"], {}
    if filters.date_from:
        parts.append("day >= :date_from")
        params["date_from"] = filters.date_from.isoformat()
    if filters.date_to:
        parts.append("day <= :date_to")
        params["date_to"] = filters.date_to.isoformat()
    for column, names in (("topics", filters.topics), ("voices", filters.voices)):
        if names:
            keys = [f"{column}{i}" for i in range(len(names))]
            parts.append("(" + " OR ".join(f"instr(';' || {column} || ';', ';' || :{k} || ';') > 0" for k in keys) + ")")
            params.update(dict(zip(keys, names)))
    for column, values in (("channel", filters.channels), ("label", filters.sentiments), ("status", filters.statuses)):
        if values:
            keys = [f"{column}{i}" for i in range(len(values))]
            parts.append(f"{column} IN ({', '.join(':' + k for k in keys)})")
            params.update(dict(zip(keys, values)))
    flags = {"inaccuracy": "has_inaccuracy = 1", "question": "is_question = 1",
             "response": "response_kind NOT IN ('', 'do_not_engage')"}
    parts += [flags[f] for f in filters.flags]
    return " AND ".join(parts), params


def figures(conn: sa.Connection, filters: Filters) -> dict[str, pd.DataFrame | dict[str, int]]:
    where, params = rollup_where(filters)  # type: ignore[misc]
    read = lambda sql: pd.DataFrame(conn.execute(sa.text(sql), params).mappings().all())
    count = lambda label: f"sum(CASE WHEN label = '{label}' THEN mentions ELSE 0 END) AS {label}"
    totals = read(f"SELECT sum(mentions) AS mentions, sum(has_inaccuracy * mentions) AS inaccuracies, "
                  f"sum(is_question * mentions) AS questions, {count('negative')}, count(DISTINCT source) AS sources "
                  f"FROM daily_rollup WHERE tag_kind = '' AND {where}").iloc[0]
    daily = read(f"SELECT day, tag_name AS topic, sum(mentions) AS mentions, "
                 f"round(sum(sentiment_sum) / sum(sentiment_n), 3) AS mean_sentiment, {count('positive')}, "
                 f"{count('neutral')}, {count('negative')}, sum(has_inaccuracy * mentions) AS inaccuracies, "
                 f"sum(is_question * mentions) AS questions FROM daily_rollup WHERE tag_kind = 'topic' AND {where} "
                 f"GROUP BY day, tag_name ORDER BY day, tag_name")
    voices = read("SELECT tag_name AS voice, sum(mentions) AS mentions, round(sum(toward_sum) / sum(mentions), 3) "
                  "AS mean_toward, " + ", ".join(f"sum(CASE WHEN toward = '{k}' THEN mentions ELSE 0 END) AS {k}"
                                                  for k in ("positive", "neutral", "negative")) +
                  f", count(DISTINCT source) AS sources FROM daily_rollup WHERE tag_kind = 'voice' AND {where} "
                  f"GROUP BY tag_name")
    waiting = read(f"SELECT sum(mentions) AS n FROM daily_rollup WHERE tag_kind = '' AND is_question = 1 AND "
                   f"status IN ({', '.join(repr(s) for s in OPEN)}) AND {where}").iloc[0]
    return {"totals": {k: int(totals[k] or 0) for k in totals.index}, "daily": daily, "voices": voices,
            "open_questions": int(waiting["n"] or 0)}


def compare(store: Store, conn: sa.Connection, name: str, filters: Filters) -> None:
    t0 = time.perf_counter()
    real = {"totals": queries.totals(store, filters), "daily": queries.daily(store, filters, "topic"),
            "voices": queries.voices(store, filters)}
    t_sql = time.perf_counter() - t0
    if rollup_where(filters) is None:
        print(f"{name:<38} SQL {t_sql:6.2f} s   rollup: not answerable (falls back to the SQL)")
        return
    t0 = time.perf_counter()
    mine = figures(conn, filters)
    t_roll = time.perf_counter() - t0
    daily = mine["daily"].assign(day=pd.to_datetime(mine["daily"]["day"])) if len(mine["daily"]) else mine["daily"]
    counts = ["mentions", "positive", "neutral", "negative"]
    same = mine["totals"] == real["totals"] and _same(real["daily"], daily, ["day", "topic"],
                                                       [*counts, "inaccuracies", "questions"], "mean_sentiment") \
        and _same(real["voices"], mine["voices"], ["voice"], [*counts, "sources"], "mean_toward")
    print(f"{name:<38} SQL {t_sql:6.2f} s   rollup {t_roll:6.3f} s   equal: {same}")


def _same(real: pd.DataFrame, mine: pd.DataFrame, keys: list[str], counts: list[str], mean: str) -> bool:
    """Counts equal; the mean within 0.001 (a sum of sums rounds differently from avg() at a half)."""
    if len(real) != len(mine):
        return False
    if real.empty:
        return True
    both = real.merge(mine, on=keys, how="outer", suffixes=("", "_rollup"), indicator=True)
    return bool((both["_merge"] == "both").all()
                and all((both[c].astype("int64") == both[f"{c}_rollup"].astype("int64")).all() for c in counts)
                and ((both[mean] - both[f"{mean}_rollup"]).abs().fillna(0) <= 0.0011).all())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("database", nargs="?", default="bench/out/million.db")
    parser.add_argument("--topic", default="Pension Credit")
    args = parser.parse_args()
    url = args.database if "://" in args.database else f"sqlite:///{Path(args.database).resolve()}"
    store = Store.open(url)
    options = queries.options(store)
    last = options["last_day"]
    with store.engine.connect() as conn:
        t0 = time.perf_counter()
        conn.execute(sa.text(BUILD[0]))
        for statement in BUILD[1:]:
            conn.execute(sa.text(statement.format(where="")))
        conn.execute(sa.text("CREATE INDEX temp.ix_daily_rollup ON daily_rollup (tag_kind, day)"))
        conn.execute(sa.text("ANALYZE temp"))
        built = time.perf_counter() - t0
        sizes = dict(conn.execute(sa.text("SELECT tag_kind, count(*) FROM daily_rollup GROUP BY tag_kind")).all())
        print(f"{store.count_mentions():,} mentions -> daily_rollup of {sum(sizes.values()):,} rows "
              f"({', '.join(f'{k or chr(39) * 2}: {v:,}' for k, v in sizes.items())} by tag_kind), built in {built:.1f} s")
        busiest = conn.execute(sa.text("SELECT day, sum(mentions) AS n FROM daily_rollup WHERE tag_kind = '' "
                                       "GROUP BY day ORDER BY n DESC LIMIT 1")).one()
        start = dt.date.fromisoformat(busiest.day)
        window = (f"WHERE m.published_at >= '{start} 00:00:00.000000' "
                  f"AND m.published_at < '{start + dt.timedelta(days=1)} 00:00:00.000000'")
        t0 = time.perf_counter()
        conn.execute(sa.text("DELETE FROM daily_rollup WHERE day = :day"), {"day": busiest.day})
        for statement in BUILD[1:]:
            conn.execute(sa.text(statement.format(where=window)))
        print(f"refreshing one day (the busiest, {busiest.n:,} mentions): {time.perf_counter() - t0:.3f} s")
        base = Filters(date_from=last - dt.timedelta(days=89), date_to=last)
        narrowed = lambda **kw: Filters(**{**base.__dict__, **kw})
        for name, filters in {"default (newest 90 days)": base,
                              "previous 90 days": Filters(date_from=last - dt.timedelta(days=179),
                                                          date_to=last - dt.timedelta(days=90)),
                              f"+ topic {args.topic}": narrowed(topics=(args.topic,)),
                              "+ topic + channel social": narrowed(topics=(args.topic,), channels=("social",)),
                              "+ sentiment negative": narrowed(sentiments=("negative",)),
                              "+ flag question + status new": narrowed(flags=("question",), statuses=("new",)),
                              "+ words (falls back)": narrowed(search="winter fuel"),
                              "whole store": Filters()}.items():
            compare(store, conn, name, filters)
    store.close()


if __name__ == "__main__":
    main()
