"""Stories and alerts on a large store: grouping new mentions, the Stories page's reads, counting per story
or distinct source, and one alert evaluation.

    .venv/bin/python bench/seed.py bench/out/million.db        # once: 1,000,000 mentions (about 3 minutes)
    .venv/bin/python bench/stories_alerts.py bench/out/million.db [--days 3]

Works on a copy-free store: the grouping it does is kept (run ``cli.py stories --regroup`` to start again).
Prints seconds per step; nothing is asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import alerting  # noqa: E402
import pipeline  # noqa: E402
from config import DEFAULT_CONFIG_DIR, load_config  # noqa: E402
from storage import Filters, Store, counting, queries, stories  # noqa: E402
from storage import alerts as stored  # noqa: E402


def timed(what: str, call: object) -> object:
    t0 = time.perf_counter()
    result = call()  # type: ignore[operator]
    print(f"{what:62s} {time.perf_counter() - t0:7.2f} s")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("database", nargs="?", default="bench/out/million.db")
    parser.add_argument("--days", type=float, default=3, help="group the mentions of the newest DAYS days")
    parser.add_argument("--config", default=str(DEFAULT_CONFIG_DIR))
    args = parser.parse_args()
    url = args.database if "://" in args.database else f"sqlite:///{Path(args.database).resolve()}"
    config = load_config(args.config)
    store = Store.open(url)
    options = queries.options(store)
    newest = dt.datetime.combine(options["last_day"], dt.time(23, 59), tzinfo=dt.timezone.utc)
    print(f"store: {url}, {store.count_mentions():,} mentions, newest day {options['last_day']}")
    since = newest - dt.timedelta(days=args.days)
    t0 = time.perf_counter()
    grouped = pipeline.group_stories(config, store, newest, since=since)
    took = time.perf_counter() - t0
    print(f"{'group the newest ' + str(args.days) + ' days (' + format(grouped, ',') + ' mentions)':62s} "
          f"{took:7.2f} s  {grouped / max(took, 1e-9):,.0f} mentions/s")
    month = Filters(date_from=options["last_day"] - dt.timedelta(days=29), date_to=options["last_day"])
    timed("stories growing fastest (30-day filter)", lambda: stories.growing(store, month, newest))
    top = stories.growing(store, month, newest)
    timed("members of the 20 growing stories", lambda: stories.members(store, top["story_id"].tolist()))
    timed("volume per week by topic, counted per story (30 days)",
          lambda: counting.counted(store, month, "stories", "week", by="topic"))
    timed("share of voice counted per distinct source (30 days)",
          lambda: counting.totals(store, month, "sources", by="voice"))
    timed("hourly counts per topic and voice, 8 days", lambda: stored.hourly_counts(
        store, newest - dt.timedelta(days=8), newest))
    raised = timed("one alert evaluation (no delivery)", lambda: alerting.evaluate(config, store, newest, send=False))
    print(f"   {len(raised)} alert(s): " + "; ".join(sorted({a.kind for a in raised})))  # type: ignore[union-attr]
    print(f"peak memory: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB")
    store.close()


if __name__ == "__main__":
    main()
