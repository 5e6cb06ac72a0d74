"""Ingest speed of the whole pipeline (read -> parse -> analyse -> store) on a generated corpus.

    .venv/bin/python bench/ingest.py [--feeds 20] [--items 250]

Also times re-tagging the stored items (what saving a watchlist edit costs), and what checking
claims against the facts register and myths adds: the same collection with an empty register,
after loading the sentence model once (its load time is printed apart: once per process).
Writes RSS files of realistic posts to a temporary folder, collects them into a fresh SQLite
store with the shipped watchlist and facts, and prints items per second overall and per stage,
plus the peak memory of the process. Nothing here asserts a time: it prints figures.

Claims checking's share is printed two ways: the best run with the register against the best without, and
the median over attempts of one run with against one run without, back to back (the order alternating): this
machine's speed drifts by more than the margin between runs a minute apart, hardly between two in a row.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import resource
import statistics
import sys
import tempfile
import time
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import dataclasses  # noqa: E402

import pipeline  # noqa: E402
from analysis import analyse, clear_caches, embed  # noqa: E402
from collectors import collect_source  # noqa: E402
from config import DEFAULT_CONFIG_DIR, Config, load_config  # noqa: E402
from storage import Store, stories  # noqa: E402

OPENERS = ["Just read that", "Apparently", "Our readers tell us", "Breaking:", "Honestly,", "Update:", "Reminder:"]
CLAIMS = [
    "the full new State Pension is £230.25 a week", "the full new State Pension is only £221.20 a week",
    "Pension Credit tops you up to £227.10 a week", "the national living wage is £11.44 an hour",
    "the Universal Credit standard allowance is £400.14 a month", "the winter fuel payment has been scrapped",
    "the Jobcentre in town is closing", "PIP assessments are taking months", "DWP has updated its guidance",
    "Citizens Advice says demand is up", "Age UK is running a Pension Credit campaign",
    "Martin Lewis explained the triple lock", "the cost of living is biting", "the football was good",
    "they've axed the winter fuel allowance for pensioners", "you can't get pension credit if you own your home",
    "the state pension age is 66", "VAT is 17.5% on most things", "child benefit is £26.05 a week for the eldest",
]
ENDINGS = ["Brilliant news!", "What a disgrace.", "Thanks for the help.", "How much is it now?",
           "Does anyone know when it changes?", "Not sure what to make of it.", "Furious about this.", ""]


def post(rng: random.Random) -> str:
    sentences = [f"{rng.choice(OPENERS)} {rng.choice(CLAIMS)}." for _ in range(rng.randint(1, 3))]
    return " ".join(sentences + [rng.choice(ENDINGS)]).strip()


def write_corpus(folder: Path, feeds: int, items: int, seed: int = 7) -> list[Path]:
    rng = random.Random(seed)
    start = dt.datetime(2025, 9, 1, tzinfo=dt.timezone.utc)
    paths = []
    for f in range(feeds):
        entries = []
        for i in range(items):
            when = start + dt.timedelta(minutes=rng.randint(0, 60 * 24 * 60))
            body = escape(f"<p>{post(rng)}</p>")
            entries.append(f"<item><title>{escape(post(rng)[:80])}</title><link>https://bench.example/{f}/{i}</link>"
                           f"<guid>https://bench.example/{f}/{i}</guid><pubDate>{format_datetime(when)}</pubDate>"
                           f"<description>{body}</description><author>user{rng.randint(1, 400)}@bench.example</author></item>")
        path = folder / f"feed{f:03d}.xml"
        path.write_text(f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Bench {f}</title>'
                        f'<link>https://bench.example/{f}</link><description>bench</description>{"".join(entries)}'
                        "</channel></rss>", encoding="utf-8")
        paths.append(path)
    return paths


def bench_config(folder: Path, locations: list[tuple[str, str]]) -> Config:
    """The shipped config with its sources replaced by numbered feeds at ``locations`` (key, value)."""
    config_dir = folder / "config"
    config_dir.mkdir()
    for toml in DEFAULT_CONFIG_DIR.glob("*.toml"):
        if toml.name != "sources.toml":
            (config_dir / toml.name).write_text(toml.read_text(encoding="utf-8"), encoding="utf-8")
    (config_dir / "sources.toml").write_text("".join(
        f'[[sources]]\nname = "bench {i}"\nkind = "feed"\nchannel = "news"\n{key} = "{value}"\n\n'
        for i, (key, value) in enumerate(locations)), encoding="utf-8")
    return load_config(config_dir)


REALDATA = Path(__file__).resolve().parent.parent.parent / "shared" / "realdata" / "feeds" / "captured"


def real_corpora() -> list[tuple[str, list[Path]]]:
    """The bundled sample feeds (UK policy posts) and the real captured feeds, when present."""
    sample = Path(__file__).resolve().parent.parent / "sample_feeds"
    captured = sorted(p for p in REALDATA.rglob("*") if p.suffix in (".xml", ".rss", ".atom", ".rdf"))
    return [("the bundled sample feeds", sorted(p for p in sample.iterdir() if p.suffix != ".md")),
            ("the real captured feeds", captured)]


def claims_overhead(folder: Path, locations: list[tuple[str, str]], now: dt.datetime,
                    repeat: int = 3) -> tuple[int, float, float, float]:
    """(items, ms per item with the register, ms per item without, the median of the paired overheads) for
    collecting ``locations``: ``repeat`` cold runs each, with and without back to back, the order alternating.
    The best of each is the usual timing figure; the median of each pair's ratio is steadier on a shared machine,
    whose speed drifts between runs far apart but hardly between two runs in a row."""
    folder.mkdir()
    config = bench_config(folder, locations)
    runs: dict[bool, list[float]] = {True: [], False: []}
    items = 0
    for attempt in range(repeat):
        for register in (True, False) if attempt % 2 == 0 else (False, True):
            clear_caches()
            chosen = config if register else dataclasses.replace(config, facts=(), myths=())
            store = Store.open(f"sqlite:///{folder / f'{register}{attempt}.db'}")
            t0 = time.perf_counter()
            report = pipeline.collect(chosen, store, now=now)
            runs[register].append((time.perf_counter() - t0) / max(report.new, 1) * 1e3)
            items = report.new
            store.close()
    paired = statistics.median(w / wo for w, wo in zip(runs[True], runs[False]))
    return items, min(runs[True]), min(runs[False]), paired


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=20)
    parser.add_argument("--items", type=int, default=250)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = write_corpus(folder, args.feeds, args.items)
        config = bench_config(folder, [("path", str(p)) for p in paths])
        now = dt.datetime.now(dt.timezone.utc)
        t0 = time.perf_counter()
        embed.encode(["load the sentence model"])
        t_model = time.perf_counter() - t0

        t0 = time.perf_counter()
        frames = [collect_source(s, config.settings, None, now).frame for s in config.sources]
        t_parse = time.perf_counter() - t0
        t0 = time.perf_counter()
        analysed = [analyse(f, config) for f in frames]
        t_analyse = time.perf_counter() - t0
        store = Store.open(f"sqlite:///{folder / 'stage.db'}")
        t0 = time.perf_counter()
        for frame in analysed:
            store.upsert_mentions(frame)
        t_store = time.perf_counter() - t0
        total_items = sum(len(f) for f in frames)

        end_to_end = Store.open(f"sqlite:///{folder / 'bench.db'}")
        clear_caches()  # the analyse stage above saw these sentences: start cold, as a real run does
        t0 = time.perf_counter()
        report = pipeline.collect(config, end_to_end, now=now)
        t_all = time.perf_counter() - t0
        t0 = time.perf_counter()
        again = pipeline.collect(config, end_to_end, now=now)
        t_again = time.perf_counter() - t0
        stories.reset(end_to_end)   # what the pipeline's grouping step cost, timed on its own
        t0 = time.perf_counter()
        grouped = pipeline.group_stories(config, end_to_end, now)
        t_group = time.perf_counter() - t0
        t0 = time.perf_counter()
        retagged = pipeline.retag(config, end_to_end)  # what a watchlist edit costs: tags only, no fetch
        t_retag = time.perf_counter() - t0
        # three cold runs each, with and without back to back: one run apart varies by several points
        synthetic = claims_overhead(folder / "synthetic", [("path", str(p)) for p in paths], now)
        # the bundled sample feeds run in about a second, where a pause of the machine weighs most: nine cold runs
        # each there
        real = [(name, repeat, claims_overhead(folder / name, [("path", str(p)) for p in files], now, repeat=repeat))
                for name, files in real_corpora() if files for repeat in [9 if len(files) < 50 else 3]]

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"corpus: {args.feeds} RSS feeds x {args.items} items = {total_items} items")
    print(f"parse   : {t_parse:6.2f} s  {total_items / t_parse:8.0f} items/s")
    print(f"analyse : {t_analyse:6.2f} s  {total_items / t_analyse:8.0f} items/s")
    print(f"store   : {t_store:6.2f} s  {total_items / t_store:8.0f} items/s (SQLite upsert)")
    print(f"pipeline: {t_all:6.2f} s  {report.new / t_all:8.0f} items/s end to end ({report.new} new)")
    print(f"  of which grouping into stories: {t_group:6.2f} s  {grouped / t_group:8.0f} items/s "
          f"({grouped} grouped; {t_group / t_all * 100:.0f}% of the pipeline's time)")
    print(f"re-collect (nothing new): {t_again:6.2f} s ({again.new} new)")
    print(f"re-tag after a watchlist edit: {t_retag:6.2f} s  {retagged / t_retag:8.0f} items/s ({retagged} stored)")
    _, with_claims, without, paired = synthetic
    print(f"claims checking: pipeline {with_claims:.3f} ms per item with the facts register and myths, "
          f"{without:.3f} ms without: {(with_claims / without - 1) * 100:+.1f}%, best of 3 cold runs each; "
          f"median of the paired runs {(paired - 1) * 100:+.1f}% (sentence model loaded once per process in "
          f"{t_model:.1f} s)")
    for name, repeat, (items, with_ms, without_ms, paired) in real:
        print(f"claims checking on {name} ({items} items): {with_ms:.3f} ms per item with, {without_ms:.3f} without: "
              f"{(with_ms / without_ms - 1) * 100:+.1f}% (best of {repeat} cold runs each); median of the paired "
              f"runs {(paired - 1) * 100:+.1f}%")
    print(f"peak memory: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
