"""Fill a store with many realistic mentions, reproducibly, to measure the dashboard at scale.

    .venv/bin/python bench/seed.py [bench/out/million.db | DATABASE_URL] [--mentions 1000000] [--seed 7]

Mentions are spread over a year of publication times (daily and weekly rhythm, news events lifting one
topic for a few days) across the channels and sources of config/sources.toml, with Zipf-like authors
and sources and heavy-tailed engagement. Their words come from bench/seed_text.py; the *real* analysis
(``analysis.analyse``) runs once per distinct (body, channel, facts valid that day, low reach), which is
everything it reads, so topics, voices, per-tag sentiment, questions, inaccuracy candidates and
suggested responses are what a collection would store. Rows are bulk-inserted with SQLAlchemy Core
(one transaction per chunk) into the tables of storage/schema.py, derived rows (mention_tags,
inaccuracy_candidates, mention_sources) built as Store.upsert_mentions builds them; a few thousand
reviews, triage actions and source-health rows then go through the real Store methods.
tests/test_bench_seed.py checks the result against Store.upsert_mentions and analyse().
Prints rows/s and the file size; asserts nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import seed_text
import sqlalchemy as sa

from analysis import analyse, watch
from analysis.lexicon import lexicon_for
from analysis.responses import low_reach
from config import DEFAULT_CONFIG_DIR, Config, load_config
from mention import ANALYSED, COLLECTED, make_id, new_frame, read_matches
from storage import Store, queries
from storage.inaccuracies import DISMISS_REASONS
from storage.schema import inaccuracy_candidates, mention_sources, mention_tags, mentions, migrate

CHANNEL_SHARE = {"social": 0.40, "forum": 0.22, "news": 0.18, "blog": 0.09, "video": 0.06, "government": 0.05}
STYLE = {"news": "headline", "blog": "headline", "government": "headline", "video": "headline",
         "forum": "post", "social": "post"}
AUTHORS = {"news": 900, "blog": 600, "government": 30, "video": 300, "forum": 40_000, "social": 150_000}
BODIES = {"headline": 2500, "post": 5000}
WEEKDAY = (1.0, 1.05, 1.0, 0.95, 0.9, 0.65, 0.6)
HOURS = (1, 1, 1, 1, 1, 2, 4, 7, 9, 10, 10, 10, 11, 10, 9, 9, 9, 9, 10, 11, 10, 8, 5, 3)
CHUNK = 50_000
CACHE_KB = 512 * 1024
#: The default year: the 2025 to 2026 tax year up to the April uprating (fixed, so seeding is reproducible).
END = dt.datetime(2026, 3, 31, 23, 0)
DAYS = 358


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("database", nargs="?", default="bench/out/million.db", help="SQLite file or SQLAlchemy URL")
    parser.add_argument("--mentions", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--config", default=str(DEFAULT_CONFIG_DIR))
    parser.add_argument("--end", default=END.isoformat(), help="newest publication time (UTC, ISO 8601)")
    parser.add_argument("--days", type=int, default=DAYS)
    parser.add_argument("--reviews", type=int, default=4000, help="inaccuracy decisions to record")
    parser.add_argument("--triaged", type=int, default=3000, help="mentions to move through triage")
    args = parser.parse_args()
    url = args.database if "://" in args.database else f"sqlite:///{Path(args.database).resolve()}"
    store = Store.open(url)
    if store.engine.dialect.name == "sqlite":  # seeding only: a big page cache for the random-key index inserts
        sa.event.listen(store.engine, "connect", lambda dbapi, _: dbapi.execute(f"PRAGMA cache_size=-{CACHE_KB}"))
        store.engine.dispose()
    if store.count_mentions():
        sys.exit(f"{args.database} already holds {store.count_mentions():,} mentions: seed an empty store")
    config = load_config(args.config)
    t0 = time.perf_counter()
    stats = seed(store, config, args.mentions, args.seed, dt.datetime.fromisoformat(args.end), args.days,
                 args.reviews, args.triaged, progress=print)
    took = time.perf_counter() - t0
    print(f"seeded {args.mentions:,} mentions in {took:.1f} s: {args.mentions / took:,.0f} mentions/s overall; "
          f"bulk insert {stats['inserted_rows']:,} rows (all tables) in {stats['insert_s']:.1f} s = "
          f"{stats['inserted_rows'] / stats['insert_s']:,.0f} rows/s, then indexes and ANALYZE in {stats['index_s']:.1f} s; "
          f"{stats['analyses']:,} distinct analyses in {stats['analyse_s']:.1f} s")
    for name, value in stats["rates"].items():
        print(f"  {name}: {value}")
    if store.engine.dialect.name == "sqlite":
        with store.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        path = Path(store.engine.url.database)
        print(f"file: {path} {path.stat().st_size / 2**20:,.0f} MB")
    store.close()


def seed(store: Store, config: Config, count: int, seed_value: int = 7, end: dt.datetime = END, days: int = DAYS,
         reviews: int = 0, triaged: int = 0, progress: Any = None) -> dict[str, Any]:
    """Generate and store ``count`` mentions, then ``reviews`` decisions and ``triaged`` triage actions through
    the Store; returns timings and the realised rates."""
    world = World(config, np.random.default_rng(seed_value), random.Random(seed_value))
    rows = world.draw(count, end, days)
    analyst = Analyst(config, world.sources)
    stats: dict[str, Any] = {"inserted_rows": 0, "insert_s": 0.0, "analyse_s": 0.0, "kinds": {}, "questions": 0,
                             "flagged": 0, "tags": 0}
    follow_up: dict[str, list] = {"flags": [], "drafts": []}
    indexes = [i for table in (mentions, mention_tags, mention_sources) for i in table.indexes]
    with store.engine.begin() as conn:  # built once after the load (by migrate, as on opening an old store)
        for index in indexes:
            index.drop(conn, checkfirst=True)
    for start in range(0, count, CHUNK):
        batch = [world.collected(rows, i) for i in range(start, min(count, start + CHUNK))]
        t0 = time.perf_counter()
        analysed = analyst.analysed(batch)
        stats["analyse_s"] += time.perf_counter() - t0
        t0 = time.perf_counter()
        with store.engine.begin() as conn:
            for table, records in _tables(batch, analysed, stats, follow_up):
                if records:
                    conn.execute(table.insert(), records)
                    stats["inserted_rows"] += len(records)
        stats["insert_s"] += time.perf_counter() - t0
        if progress:
            progress(f"  {start + len(batch):,} mentions ({len(analyst.cache):,} distinct analyses so far)")
    stats["analyses"] = len(analyst.cache)
    t0 = time.perf_counter()
    migrate(store.engine)
    stats["index_s"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    done = _follow_up(store, config, follow_up, reviews, triaged, end, random.Random(seed_value))
    stats["follow_up"] = f"{done} reviews, triage actions and source-health rows through the Store in " \
                         f"{time.perf_counter() - t0:.1f} s"
    stats["rates"] = _rates(stats, count)
    return stats


OFFICERS = ("Amira Officer", "Ben Patel", "Carys Jones", "Dan Evans")


def _follow_up(store: Store, config: Config, follow_up: dict[str, list], reviews: int, triaged: int,
               end: dt.datetime, rng: random.Random) -> int:
    """What people did: decisions on older flags, triage of older drafts, and each source's last poll."""
    settled = end - dt.timedelta(days=14)
    flags = [f for f in follow_up["flags"] if f[2] < settled]
    for mid, inaccuracy_id, published in rng.sample(flags, min(reviews, len(flags))):
        at = published + dt.timedelta(hours=rng.uniform(1, 72))
        if rng.random() < 0.55:
            store.review_inaccuracy(mid, inaccuracy_id, "confirmed", rng.choice(OFFICERS), at=at)
        else:
            store.review_inaccuracy(mid, inaccuracy_id, "dismissed", rng.choice(OFFICERS),
                                    reason=rng.choice(DISMISS_REASONS), at=at)
    drafts = [d for d in follow_up["drafts"] if d[3] < settled]
    for mid, kind, draft, published in rng.sample(drafts, min(triaged, len(drafts))):
        at, who, roll = published + dt.timedelta(hours=rng.uniform(0.5, 48)), rng.choice(OFFICERS), rng.random()
        if roll < 0.5:
            store.record_response(mid, 0, who, draft or "Thank you.", kind, suggested=draft, at=at)
        else:
            store.update_triage(mid, 0, who, at=at, status="no_action" if roll < 0.8 else "in_review",
                                assignee=who if roll >= 0.8 else "")
    for source in (s for s in config.sources if s.enabled):
        store.record_health(source.name, source.location, source.kind, source.channel, end, None, 50, 5, {},
                            usual_gap_minutes=queries.usual_gap_minutes(store, source.name))
    return min(reviews, len(flags)) + min(triaged, len(drafts)) + len(config.sources)


def _rates(stats: dict[str, Any], count: int) -> dict[str, str]:
    kinds = ", ".join(f"{k or 'none'} {v / count:.1%}" for k, v in sorted(stats["kinds"].items(), key=lambda x: -x[1]))
    return {"questions": f"{stats['questions'] / count:.1%}", "inaccuracy candidates (flagged)":
            f"{stats['flagged'] / count:.2%}", "tags per mention": f"{stats['tags'] / count:.2f}",
            "response kinds": kinds, "follow-up": stats["follow_up"]}


class World:
    """The sources, authors, bodies and calendar a seed draws from."""

    def __init__(self, config: Config, rng: np.random.Generator, text_rng: random.Random) -> None:
        self.config, self.rng = config, rng
        enabled = [s for s in config.sources if s.enabled]
        self.channels = [c for c in CHANNEL_SHARE if any(s.channel == c for s in enabled)]
        self.sources = {c: [s.name for s in enabled if s.channel == c] for c in self.channels}
        self.authors = {c: seed_text.author_names(c, AUTHORS[c], text_rng) for c in self.channels}
        self.bodies = {style: seed_text.bodies(config, n, style, text_rng) for style, n in BODIES.items()}
        self.by_topic = {style: _index_by_topic(b) for style, b in self.bodies.items()}

    def draw(self, count: int, end: dt.datetime, days: int) -> dict[str, np.ndarray]:
        """Every random choice for ``count`` mentions, in publication order."""
        rng = self.rng
        first = (end - dt.timedelta(days=days - 1)).replace(hour=0, minute=0, second=0, microsecond=0)
        weights, events = _calendar(first, days, rng, [t.name for t in self.config.watchlist.topics])
        day = rng.choice(days, count, p=weights / weights.sum())
        seconds = (rng.choice(24, count, p=np.array(HOURS) / sum(HOURS)) * 3600 + rng.integers(0, 3600, count)) * 1000 \
            + rng.integers(0, 1000, count)
        stamp = day.astype(np.int64) * 86_400_000 + seconds
        order = np.argsort(stamp, kind="stable")
        share = np.array([CHANNEL_SHARE[c] for c in self.channels])
        rows = {"stamp": stamp[order], "day": day[order],
                "channel": rng.choice(len(self.channels), count, p=share / share.sum())}
        rows["source"] = _zipf(rng, [len(self.sources[c]) for c in self.channels], rows["channel"], 1.2)
        rows["author"] = _zipf(rng, [len(self.authors[c]) for c in self.channels], rows["channel"], 1.1)
        rows["body"] = self._bodies(rows, events)
        rows["replies"], rows["score"] = self._engagement(rows["channel"])
        rows["delay_ms"] = (rng.lognormal(3.0, 1.2, count) * 60_000).astype(np.int64)
        rows["second_source"] = rng.random(count)
        rows["missing_author"] = rng.random(count)
        self.first = first
        return rows

    def _bodies(self, rows: dict[str, np.ndarray], events: dict[int, tuple[str, float]]) -> np.ndarray:
        rng, out = self.rng, np.empty(len(rows["day"]), dtype=np.int64)
        pick, lifted = rng.random(len(out)), rng.random(len(out))
        for i, (channel, day) in enumerate(zip(rows["channel"], rows["day"])):
            style = STYLE[self.channels[channel]]
            event = events.get(int(day))
            if event is not None and lifted[i] < event[1] and self.by_topic[style].get(event[0]):
                choices = self.by_topic[style][event[0]]
                out[i] = choices[int(pick[i] * len(choices))]
            else:
                out[i] = int(pick[i] * len(self.bodies[style]))
        return out

    def _engagement(self, channel: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Replies and score (-1: the source gives none): heavy-tailed where the channel reports them."""
        rng, n = self.rng, len(channel)
        replies = np.floor(rng.lognormal(0.6, 1.3, n)).astype(np.int64)
        score = np.floor(rng.lognormal(1.0, 1.6, n)).astype(np.int64)
        names = np.array(self.channels)[channel]
        replies[np.isin(names, ["news", "government", "video"])] = -1
        replies[(names == "blog") & (rng.random(n) < 0.7)] = -1
        score[np.isin(names, ["news", "government", "blog"])] = -1
        score[names == "video"] *= 40
        return replies, score

    def collected(self, rows: dict[str, np.ndarray], i: int) -> dict[str, Any]:
        """Mention ``i`` as a collector hands it over (database form: naive UTC times, None for unknown)."""
        channel = self.channels[rows["channel"][i]]
        source = self.sources[channel][rows["source"][i]]
        body = self.bodies[STYLE[channel]][rows["body"][i]]
        published = self.first + dt.timedelta(milliseconds=int(rows["stamp"][i]))
        url = _url(source, channel, body.title or body.text, published, i)
        author = None if rows["missing_author"][i] < (0.5 if channel == "government" else 0.05) else \
            self.authors[channel][rows["author"][i]]
        replies, score = int(rows["replies"][i]), int(rows["score"][i])
        second = None
        if rows["second_source"][i] < 0.04 and len(self.sources[channel]) > 1:
            others = [s for s in self.sources[channel] if s != source]
            second = others[int(rows["second_source"][i] * 1000) % len(others)]
        return {"mention_id": make_id(url), "source": source, "channel": channel, "url": url, "title": body.title,
                "text": body.text, "author": author, "published_at": published,
                "collected_at": published + dt.timedelta(milliseconds=int(rows["delay_ms"][i])),
                "replies": None if replies < 0 else replies, "score": None if score < 0 else score,
                "_body": (STYLE[channel], int(rows["body"][i])), "_second": second}


def _index_by_topic(bodies: list[seed_text.Body]) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for i, body in enumerate(bodies):
        out.setdefault(body.topic, []).append(i)
    return out


def _calendar(first: dt.datetime, days: int, rng: np.random.Generator,
              topics: list[str]) -> tuple[np.ndarray, dict[int, tuple[str, float]]]:
    """Relative volume per day (weekly rhythm, a slow rise, events) and each event day's (topic, share)."""
    weights = np.array([WEEKDAY[(first + dt.timedelta(days=d)).weekday()] * (0.8 + 0.4 * d / days)
                        for d in range(days)])
    events: dict[int, tuple[str, float]] = {}
    for _ in range(max(1, days // 30) if topics else 0):
        day, topic, lift = int(rng.integers(0, days)), topics[int(rng.integers(0, len(topics)))], rng.uniform(1, 4)
        for after in range(3):
            if day + after < days:
                weights[day + after] *= 1 + lift / (after + 1)
                events[day + after] = (topic, (lift / (after + 1)) / (1 + lift / (after + 1)))
    return weights, events


def _zipf(rng: np.random.Generator, sizes: list[int], group: np.ndarray, exponent: float) -> np.ndarray:
    """A rank within each row's group (of ``sizes[group]`` items), drawn with weight 1 / rank ** exponent."""
    out = np.zeros(len(group), dtype=np.int64)
    for g, size in enumerate(sizes):
        mask = group == g
        p = 1 / np.arange(1, size + 1) ** exponent
        out[mask] = rng.choice(size, int(mask.sum()), p=p / p.sum())
    return out


def _url(source: str, channel: str, words: str, published: dt.datetime, i: int) -> str:
    host = "".join(ch if ch.isalnum() else "-" for ch in source.lower()).strip("-").replace("--", "-")
    slug = "-".join("".join(ch for ch in w.lower() if ch.isalnum()) for w in words.split()[:8])
    path = {"forum": f"t/{slug}/{i}", "social": f"r/comments/{i:x}/{slug}"}.get(
        channel, f"{published:%Y/%m/%d}/{slug}-{i}")
    return f"https://{host}.example/{path}"


class Analyst:
    """The real analysis, run once per distinct input it reads, with the rows derived from its result.

    What analyse() reads of a mention besides its words: the channel, the facts and FAQ answers valid on
    the publication day, and (only when the post holds an inaccuracy candidate) its reach on a low-reach
    channel; the source and link too when a watchlist query looks at them (``site:``, ``url:``, ``source:``),
    which :func:`_reads_source` finds by running the real matcher on one bare row per source; the author
    when a query names ``author:`` (exact, but then nearly every mention is analysed)."""

    def __init__(self, config: Config, sources: dict[str, list[str]]) -> None:
        self.config = config
        self.cache: dict[tuple[Any, ...], tuple[dict[str, Any], list[tuple], list[dict[str, Any]]]] = {}
        self.has_candidates: dict[tuple[Any, ...], bool] = {}
        self.signatures: dict[dt.date, int] = {}
        self._valid_sets: dict[tuple[frozenset[str], frozenset[str]], int] = {}
        self.by_source = _reads_source(config, sources)
        entries = [*config.watchlist.topics, *config.watchlist.voices]
        self.by_author = any("author:" in q for e in entries for q in (e.query, *e.exclude))  # exact, if slow

    def analysed(self, batch: list[dict[str, Any]]) -> list[tuple[dict[str, Any], list[tuple], list[dict]]]:
        self._run(list({self._base(r): r for r in reversed(batch) if self._base(r) not in self.has_candidates}
                       .values()))
        self._run(list({self._key(r): r for r in reversed(batch) if self._key(r) not in self.cache}.values()))
        return [self.cache[self._key(r)] for r in batch]

    def _signature(self, day: dt.date) -> int:
        """A number for the facts and FAQ answers valid on ``day`` (equal sets, equal numbers)."""
        if day not in self.signatures:
            valid = (frozenset(f.id for f in self.config.facts if f.valid_on(day)),
                     frozenset(e.id for e in self.config.responses.faq if e.valid_on(day)))
            self.signatures[day] = self._valid_sets.setdefault(valid, len(self._valid_sets))
        return self.signatures[day]

    def _base(self, row: dict[str, Any]) -> tuple[Any, ...]:
        return (row["_body"], self._signature(row["published_at"].date()), row["source"] if self.by_source else "",
                row["author"] if self.by_author else "")

    def _key(self, row: dict[str, Any]) -> tuple[Any, ...]:
        reach = low_reach(row["channel"], row["replies"], row["score"], self.config) \
            if self.has_candidates[self._base(row)] else None
        return *self._base(row), row["channel"], reach

    def _run(self, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        out = analyse(new_frame([{k: row[k] for k in COLLECTED} for row in rows]), self.config)
        for row, result in zip(rows, out[list(ANALYSED)].to_dict("records")):
            values = {k: _db_value(k, v) for k, v in result.items()}
            self.has_candidates[self._base(row)] = values["inaccuracies"] != ""
            self.cache[self._key(row)] = (values, _tags(values), _candidates(values))


def _reads_source(config: Config, sources: dict[str, list[str]]) -> bool:
    """Whether the watchlist tags a bare mention from some source by its source or link alone."""
    pairs = [(channel, name) for channel, group in sources.items() for name in group]
    probe = new_frame([{"mention_id": str(i), "source": name, "channel": channel, "url": _url(name, channel, "x", END, i),
                        "title": "x", "text": "x", "published_at": END, "collected_at": END}
                       for i, (channel, name) in enumerate(pairs)])
    tagged = watch.match(probe, config.watchlist, lexicon_for(config.directory))
    return bool(((tagged["topics"].fillna("") != "") | (tagged["voices"].fillna("") != "")).any())


def _db_value(column: str, value: Any) -> Any:
    """An analysed value as the store writes it: missing text is "", a missing number NULL."""
    if value is None or pd.isna(value):
        return "" if ANALYSED[column] == "string" else None
    if ANALYSED[column] == "bool":
        return bool(value)
    if ANALYSED[column] == "float64":
        return float(value)
    return str(value)


def _tags(values: dict[str, Any]) -> list[tuple[str, str, float | None]]:
    """(kind, name, sentiment toward it) per topic and voice, as Store.upsert_mentions writes mention_tags."""
    toward = {(t.get("kind"), t.get("name")): t.get("sentiment") for t in read_matches(values["matches"])}
    return [(kind, name, toward.get((kind, name)))
            for kind, column in (("topic", "topics"), ("voice", "voices"))
            for name in dict.fromkeys(n for n in values[column].split(";") if n)]


def _candidates(values: dict[str, Any]) -> list[dict[str, Any]]:
    """The inaccuracy_candidates rows of one mention (without its id), as the store writes them."""
    fields = [c.name for c in inaccuracy_candidates.columns if c.name not in ("mention_id", "inaccuracy_id")]
    rows = [{"inaccuracy_id": c["id"], **{k: c.get(k) for k in fields}}
            for c in read_matches(values["inaccuracies"]) if c.get("id")]
    for row in rows:
        row["keyword"], row["claimed"] = row["keyword"] or "", row["claimed"] or ""
    return rows


def _tables(batch: list[dict[str, Any]], analysed: list[tuple], stats: dict[str, Any],
            follow_up: dict[str, list]) -> list[tuple[sa.Table, list[dict[str, Any]]]]:
    """The rows of every table for one chunk, and the tallies and follow-up candidates they give."""
    rows, tags, candidates, sources = [], [], [], []
    for row, (values, tag_rows, candidate_rows) in zip(batch, analysed):
        mid = row["mention_id"]
        rows.append({**{k: row[k] for k in COLLECTED}, **values})
        tags += [{"mention_id": mid, "kind": k, "name": n, "sentiment": s} for k, n, s in tag_rows]
        candidates += [{"mention_id": mid, **c} for c in candidate_rows]
        sources.append({"mention_id": mid, "source": row["source"], "first_seen_at": row["collected_at"],
                        "published_at": row["published_at"]})
        if row["_second"]:  # carried by a second feed, collected a few hours later
            sources.append({"mention_id": mid, "source": row["_second"], "published_at": row["published_at"],
                            "first_seen_at": row["collected_at"] + dt.timedelta(hours=2 + len(mid) % 5)})
        stats["kinds"][values["response_kind"]] = stats["kinds"].get(values["response_kind"], 0) + 1
        stats["questions"] += values["is_question"]
        stats["flagged"] += values["inaccuracy_ids"] != ""
        stats["tags"] += len(tag_rows)
        follow_up["flags"] += [(mid, c["inaccuracy_id"], row["published_at"]) for c in candidate_rows
                               if c["level"] == "flag"]
        if values["response_kind"] not in ("", "do_not_engage"):
            follow_up["drafts"].append((mid, values["response_kind"], values["suggested_response"],
                                        row["published_at"]))
    return [(mentions, rows), (mention_tags, tags), (inaccuracy_candidates, candidates), (mention_sources, sources)]


if __name__ == "__main__":
    main()
