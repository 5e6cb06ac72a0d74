"""Poll-cycle speed: 1,000 feeds of 50 items served from local HTTP servers.

    .venv/bin/python bench/poll.py [--feeds 1000] [--items 50] [--hosts 200]

A separate process serves the feeds from ``--hosts`` loopback addresses (127.0.1.1, 127.0.1.2, …),
with ETag validators, so per-host politeness works as it would across many sites (2 requests in
flight per host, 0.25 s between starts). The script then

1. fills the store with a first poll of every feed (printed, not a target);
2. changes 10% of the feeds (5 new items each) and times a full poll cycle;
3. times a second cycle in which nothing changed (every feed answers 304).

It prints the figures; it asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import cProfile
import dataclasses
import datetime as dt
import hashlib
import multiprocessing as mp
import pstats
import resource
import sys
import tempfile
import threading
import time
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import pipeline  # noqa: E402
from ingest import bench_config, post  # noqa: E402  (shared with bench/ingest.py)
from storage import Store  # noqa: E402

START = dt.datetime(2025, 9, 1, tzinfo=dt.timezone.utc)


def feed_bytes(feed: int, items: int, epoch: int) -> bytes:
    """Feed ``feed`` at ``epoch``: a changed feed (every 10th, from epoch 1) gains 5 newer items."""
    import random

    rng = random.Random(feed)
    extra = 5 if epoch >= 1 and feed % 10 == 0 else 0
    entries = []
    for i in range(items + extra):
        when = START + dt.timedelta(hours=i * 3, minutes=feed % 60)
        entries.append(f"<item><title>{escape(post(rng)[:80])}</title><link>https://bench{feed}.example/{i}</link>"
                       f"<guid>https://bench{feed}.example/{i}</guid><pubDate>{format_datetime(when)}</pubDate>"
                       f"<description>{escape('<p>' + post(rng) + '</p>')}</description></item>")
    newest_first = "".join(reversed(entries))
    body = (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Bench {feed}</title>'
            f"<link>https://bench{feed}.example/</link><description>bench</description>{newest_first}</channel></rss>")
    return body.encode("utf-8")


def serve(hosts: int, feeds: int, items: int, epoch: mp.Value, ready: mp.Event) -> None:  # type: ignore[type-arg]
    cache: dict[tuple[int, int], tuple[bytes, str]] = {}
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:  # noqa: N802
            feed = int(self.path.strip("/").split(".")[0])
            key = (feed, epoch.value if feed % 10 == 0 else 0)
            with lock:
                if key not in cache:
                    body = feed_bytes(feed, items, key[1])
                    cache[key] = (body, '"' + hashlib.md5(body).hexdigest() + '"')
                body, etag = cache[key]
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("ETag", etag)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            return

    servers = []
    for h in range(hosts):
        server = ThreadingHTTPServer((f"127.0.1.{h + 1}", 18080), Handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
    ready.set()
    threading.Event().wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=1000)
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--hosts", type=int, default=200)
    parser.add_argument("--profile", action="store_true", help="print where the quiet cycle spends its time")
    args = parser.parse_args()
    epoch, ready = mp.Value("i", 0), mp.Event()
    server = mp.Process(target=serve, args=(args.hosts, args.feeds, args.items, epoch, ready), daemon=True)
    server.start()
    ready.wait(30)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            config = bench_config(folder, [("url", f"http://127.0.1.{f % args.hosts + 1}:18080/{f}.xml")
                                           for f in range(args.feeds)])
            settings = dataclasses.replace(config.settings, allow_private_addresses=True,
                                           per_host_interval_seconds=float(os.environ.get("BENCH_SPACING", "0.25")))
            config = dataclasses.replace(config, settings=settings)
            store = Store.open(f"sqlite:///{folder / 'poll.db'}")

            t0 = time.perf_counter()
            fill = pipeline.collect(config, store)
            t_fill = time.perf_counter() - t0
            epoch.value = 1
            t0 = time.perf_counter()
            changed = pipeline.collect(config, store)
            t_changed = time.perf_counter() - t0
            profiler = cProfile.Profile() if args.profile else None
            t0 = time.perf_counter()
            if profiler:
                profiler.enable()
            quiet = pipeline.collect(config, store)
            t_quiet = time.perf_counter() - t0
            if profiler:
                profiler.disable()
                pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
            stored = store.count_mentions()
    finally:
        server.terminate()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{args.feeds} feeds x {args.items} items on {args.hosts} loopback hosts "
          f"(2 in flight and 0.25 s apart per host, {config.settings.concurrency} at once)")
    print(f"first fill          : {t_fill:6.2f} s  {fill.new} new mentions, {len(fill.failed)} failed")
    print(f"cycle, 10% changed  : {t_changed:6.2f} s  {changed.new} new, "
          f"{sum(r.unchanged for r in changed.sources)} unchanged (target <= 15 s)")
    print(f"cycle, none changed : {t_quiet:6.2f} s  {quiet.new} new, "
          f"{sum(r.unchanged for r in quiet.sources)} unchanged (target <= 3 s)")
    print(f"stored mentions: {stored}; peak memory {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
