"""Time every read query the dashboard and the reports run, on a large store, with SQLite's plan for each.

    .venv/bin/python bench/queries.py bench/out/million.db [--only daily,voices] [--plans] [--pragma cache_size=-262144]

Runs each function of storage.queries and storage.aggregates for the dashboard's default filter (the
newest 90 days) and that filter narrowed by topic, channel, sentiment, flag and words, twice (the second
run has SQLite's page cache warm), and prints the seconds; with ``--plans``, the EXPLAIN QUERY PLAN of
every statement it ran. ``--pragma`` sets a PRAGMA on every connection first, to compare settings.
Asserts nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy as sa

from storage import Filters, Store, queries

try:
    from storage import aggregates
except ImportError:  # older trees
    aggregates = None


def calls(store: Store, base: Filters, topic: str) -> dict[str, Callable[[], Any]]:
    now = dt.datetime.combine(base.date_to, dt.time(23, 0), tzinfo=dt.UTC)
    out: dict[str, Callable[[], Any]] = {
        "options": lambda: queries.options(store),
        "count": lambda: queries.count(store, base),
        "totals": lambda: queries.totals(store, base),
        "totals (whole store)": lambda: queries.totals(store, Filters()),
        "page 1": lambda: queries.page(store, base, 25, 0),
        "page 100": lambda: queries.page(store, base, 25, 2475),
        "iter_pages first 5000": lambda: next(iter(queries.iter_pages(store, base))),
        "daily by topic": lambda: queries.daily(store, base, "topic"),
        "daily by voice": lambda: queries.daily(store, base, "voice"),
        "voices": lambda: queries.voices(store, base),
        "source_counts": lambda: queries.source_counts(store),
        "source_activity": lambda: queries.source_activity(store, now),
        "candidates open p1": lambda: queries.candidates(store, base, "open", 20, 0),
        "count_candidates open": lambda: queries.count_candidates(store, base, "open"),
        "inaccuracy_summary": lambda: queries.inaccuracy_summary(store, base),
        "inbox p1": lambda: queries.inbox(store, base, limit=20),
        "count_inbox": lambda: queries.count_inbox(store, base),
    }
    for name in ("daily_volume", "voice_daily", "tag_channels", "tag_sources", "waiting"):
        if aggregates is not None and hasattr(aggregates, name):
            out[name] = partial(getattr(aggregates, name), store, base)
    if aggregates is not None and hasattr(aggregates, "top_people"):
        for by, rank in (("author", "mentions"), ("author", "reach"), ("source", "engagement")):
            out[f"top_people {by} by {rank}"] = partial(aggregates.top_people, store, base, by, rank)
    narrowed = {"topic": Filters(**{**base.__dict__, "topics": (topic,)}),
                "channel": Filters(**{**base.__dict__, "channels": ("social",)}),
                "sentiment": Filters(**{**base.__dict__, "sentiments": ("negative",)}),
                "flag": Filters(**{**base.__dict__, "flags": ("inaccuracy",)}),
                "words": Filters(**{**base.__dict__, "search": "winter fuel"})}
    for label, filters in narrowed.items():
        out[f"totals + {label}"] = partial(queries.totals, store, filters)
        out[f"daily by topic + {label}"] = partial(queries.daily, store, filters, "topic")
        out[f"page 1 + {label}"] = partial(queries.page, store, filters, 25, 0)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("database", nargs="?", default="bench/out/million.db")
    parser.add_argument("--only", default="", help="comma-separated name prefixes to run")
    parser.add_argument("--plans", action="store_true", help="print EXPLAIN QUERY PLAN of each statement")
    parser.add_argument("--pragma", action="append", default=[], help="PRAGMA to set on every connection")
    parser.add_argument("--topic", default="Pension Credit")
    args = parser.parse_args()
    url = args.database if "://" in args.database else f"sqlite:///{Path(args.database).resolve()}"
    store = Store.open(url)
    statements: list[tuple[str, Any]] = []
    sa.event.listen(store.engine, "before_cursor_execute",
                    lambda conn, cursor, statement, parameters, context, many: statements.append((statement, parameters)))
    if args.pragma:
        sa.event.listen(store.engine, "connect", lambda dbapi, record: [dbapi.execute(f"PRAGMA {p}") for p in args.pragma])
        store.engine.dispose()
    options = queries.options(store)
    base = Filters(date_from=options["last_day"] - dt.timedelta(days=89), date_to=options["last_day"])
    print(f"{store.count_mentions():,} mentions; default filter {base.date_from} to {base.date_to}: "
          f"{queries.count(store, base):,}; pragmas: {args.pragma or 'none'}")
    wanted = [w for w in args.only.split(",") if w]
    for name, call in calls(store, base, args.topic).items():
        if wanted and not any(name.startswith(w) for w in wanted):
            continue
        statements.clear()
        times = []
        for _ in range(2):
            t0 = time.perf_counter()
            try:
                call()
            except Exception as exc:  # noqa: BLE001 - a function being rewritten: report it and go on
                print(f"{name:<34} failed: {type(exc).__name__}: {exc}"[:200])
                break
            times.append(time.perf_counter() - t0)
        if len(times) == 2:
            print(f"{name:<34} {times[0]:7.3f} s  {times[1]:7.3f} s  {'SLOW' if times[1] > 0.3 else ''}", flush=True)
        if args.plans and store.engine.dialect.name == "sqlite":
            for statement, parameters in dict.fromkeys((s, tuple(p) if isinstance(p, list | tuple) else p)
                                                       for s, p in statements[:len(statements) // 2 or 1]):
                if statement.lstrip().upper().startswith(("SELECT", "WITH")):
                    with store.engine.connect() as conn:
                        plan = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters).all()
                    print("    " + "\n    ".join(f"{'  ' * (r[1] > 0)}{r[3]}" for r in plan))
    store.close()


if __name__ == "__main__":
    main()
