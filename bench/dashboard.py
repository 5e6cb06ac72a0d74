"""Dashboard speed on a large store (bench/seed.py), through Streamlit's AppTest, against the targets of
"Fast at scale": Overview first render, a filter change, every other page, a 200,000-row CSV export (in
this process and through the CLI) and the memory of the process.

    .venv/bin/python bench/seed.py bench/out/million.db          # once: 1,000,000 mentions
    .venv/bin/python bench/dashboard.py bench/out/million.db [--rows 200000]

"First render" clears st.cache_data first (a visitor after the cache's TTL); the very first run of the
process also pays the imports and the config load, printed apart. The pages are read from dashboard.py's
st.Page list and the sidebar keys from views.filters, so this follows the dashboard as it changes.
Prints figures beside their targets; asserts nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

import streamlit as st
from streamlit.testing.v1 import AppTest

from config import DEFAULT_CONFIG_DIR, load_config
from reports import to_csv
from storage import Filters, Store, queries

APP = PROJECT / "dashboard.py"
TARGETS = {"overview": 2.0, "filter": 0.5, "export": 15.0, "memory_mb": 1536}


def pages() -> list[str]:
    """The page files dashboard.py routes to, the default (Overview) first."""
    return re.findall(r'st\.Page\(\s*"([^"]+)"', APP.read_text(encoding="utf-8"))


def rss_mb() -> tuple[float, float]:
    """(resident now, peak resident) of this process in MB, from /proc/self/status."""
    fields = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines() if ":" in line)
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


SQL: list[tuple[float, str]] = []   # (seconds, statement) of each query since the last line(), with --sql


def trace_sql() -> None:
    """Time every statement any engine runs (to show which queries a step spent its time in)."""
    import sqlalchemy as sa

    @sa.event.listens_for(sa.engine.Engine, "before_cursor_execute")
    def _start(conn, cursor, statement, parameters, context, many):  # type: ignore[no-untyped-def]
        conn.info["t0"] = time.perf_counter()

    @sa.event.listens_for(sa.engine.Engine, "after_cursor_execute")
    def _end(conn, cursor, statement, parameters, context, many):  # type: ignore[no-untyped-def]
        SQL.append((time.perf_counter() - conn.info.pop("t0", time.perf_counter()), " ".join(statement.split())))


def line(what: str, seconds: float, target: float | None = None, note: str = "") -> None:
    verdict = "" if target is None else f"  (target <= {target:g} s: {'ok' if seconds <= target else 'OVER'})"
    print(f"{what:<52} {seconds:8.2f} s{verdict}{'  ' + note if note else ''}", flush=True)
    if SQL:
        print(f"    {len(SQL)} statements, {sum(t for t, _ in SQL):.2f} s in SQL; slowest:")
        for took, statement in sorted(SQL, reverse=True)[:6]:
            print(f"    {took:6.2f} s  {statement[:150]}")
    SQL.clear()


def timed_run(app: AppTest, cold: bool = True) -> float:
    if cold:
        st.cache_data.clear()
    t0 = time.perf_counter()
    app.run()
    took = time.perf_counter() - t0
    if app.exception:
        print("   exception:", [e.value for e in app.exception][:2])
    return took


def bench_pages(topic: str | None) -> None:
    from views.filters import KEYS
    app = AppTest.from_file(str(APP), default_timeout=900)
    line("process-cold first run (imports, config, store)", timed_run(app))
    line("Overview first render (cold data cache)", timed_run(app), TARGETS["overview"])
    line("Overview re-render (warm cache)", timed_run(app, cold=False))
    if topic:
        t0 = time.perf_counter()
        app.multiselect(key=KEYS["topics"]).set_value([topic]).run()
        line(f"filter change: Topic = {topic}", time.perf_counter() - t0, TARGETS["filter"])
        t0 = time.perf_counter()
        app.multiselect(key=KEYS["channels"]).set_value(["social"]).run()
        line("filter change: + Channel = social", time.perf_counter() - t0, TARGETS["filter"])
        app.multiselect(key=KEYS["topics"]).set_value([])
        app.multiselect(key=KEYS["channels"]).set_value([])
        app.run()
        SQL.clear()
    for page in pages()[1:]:
        st.cache_data.clear()
        t0 = time.perf_counter()
        app.switch_page(page).run()
        line(f"{page} first render (cold data cache)", time.perf_counter() - t0)
        if app.exception:
            print("   exception:", [e.value for e in app.exception][:2])


def export_filter(store: Store, rows: int) -> tuple[Filters, int]:
    """The newest days holding about ``rows`` mentions (whole days, found by bisection on the count)."""
    options = queries.options(store)
    last, low, high = options["last_day"], 1, (options["last_day"] - options["first_day"]).days + 1
    while low < high:
        mid = (low + high) // 2
        if queries.count(store, Filters(date_from=last - dt.timedelta(days=mid - 1), date_to=last)) < rows:
            low = mid + 1
        else:
            high = mid
    chosen = Filters(date_from=last - dt.timedelta(days=low - 1), date_to=last)
    return chosen, queries.count(store, chosen)


def bench_export(url: str, config: str, rows: int) -> None:
    store = Store.open(url)
    t0 = time.perf_counter()
    filters, matched = export_filter(store, rows)
    print(f"export filter: {filters.date_from} to {filters.date_to}, {matched:,} mentions "
          f"(found in {time.perf_counter() - t0:.1f} s)")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "mentions.csv"
        t0 = time.perf_counter()
        written, _ = to_csv(queries.iter_pages(store, filters), path)
        took = time.perf_counter() - t0
        line(f"CSV export in process ({written:,} rows)", took, TARGETS["export"],
             f"{written / took:,.0f} rows/s, {path.stat().st_size / 2**20:,.0f} MB")
        command = [sys.executable, str(PROJECT / "cli.py"), "--db", url, "--config", config, "export",
                   "--output", str(path), "--from", filters.date_from.isoformat(), "--to", filters.date_to.isoformat()]
        t0 = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, cwd=PROJECT, check=False)
        line("CSV export through the CLI, end to end", time.perf_counter() - t0, TARGETS["export"],
             (done.stdout.strip() or done.stderr.strip().splitlines()[-1:][0] if done.stdout or done.stderr else ""))
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"CLI export process peak RSS {child:,.0f} MB")
    store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("database", nargs="?", default="bench/out/million.db", help="SQLite file or SQLAlchemy URL")
    parser.add_argument("--config", default=str(DEFAULT_CONFIG_DIR))
    parser.add_argument("--rows", type=int, default=200_000, help="rows the timed CSV export should hold")
    parser.add_argument("--pages-only", action="store_true", help="skip the CSV export")
    parser.add_argument("--sql", action="store_true", help="print the slowest SQL statements of each step")
    parser.add_argument("--topic", help="topic to filter on (default: the watchlist's second topic)")
    args = parser.parse_args()
    url = args.database if "://" in args.database else f"sqlite:///{Path(args.database).resolve()}"
    os.environ["LISTENING_DB_URL"], os.environ["LISTENING_CONFIG_DIR"] = url, str(Path(args.config).resolve())
    if args.sql:
        trace_sql()
    store = Store.open(url)
    print(f"store: {url}, {store.count_mentions():,} mentions")
    store.close()
    SQL.clear()
    topics = [t.name for t in load_config(args.config).watchlist.topics]
    bench_pages(args.topic or (topics[1:2] or topics or [None])[0])
    now, peak = rss_mb()
    print(f"dashboard (AppTest) process: RSS {now:,.0f} MB, peak {peak:,.0f} MB "
          f"(target < {TARGETS['memory_mb']:,} MB: {'ok' if peak < TARGETS['memory_mb'] else 'OVER'})")
    if not args.pages_only:
        bench_export(url, os.environ["LISTENING_CONFIG_DIR"], args.rows)
    peak_all = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"this process after everything: peak RSS {peak_all:,.0f} MB (getrusage)")


if __name__ == "__main__":
    main()
