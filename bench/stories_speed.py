"""How fast analysis.stories.group() runs at the size of a busy collection run.

    .venv/bin/python bench/stories_speed.py [--new 5000] [--known 50000] [--hours 72] [--seed 7]

``known`` mentions (already grouped: here each is its own story, the worst case for the centroid step)
are spread over the last ``--hours``; the ``new`` ones over the last hour. Three kinds of text:

* templated: bench/seed_text.py's on-topic posts and headlines (what bench/seed.py fills stores with),
  short and repetitive, so shingle buckets and word overlaps are far denser than in real feeds;
* reworded: the labelled items of bench/data/story_pairs.jsonl with a few words dropped and a filler in
  front: real sentences, but each story copied hundreds of times within the window;
* shuffled: words drawn from those items at random: no copies at all, so the sparse TF-IDF products
  and the centroid checks do all the work, and nearly every pair shares some word.

Each is timed on a first call and again with the texts already prepared (analysis.story_text caches
them, as a long-running collector has them from the previous run). Prints seconds and new mentions per
second; asserts nothing.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import seed_text  # noqa: E402
from stories_eval import load  # noqa: E402

from analysis.stories import StoryParams, group  # noqa: E402
from config import DEFAULT_CONFIG_DIR, load_config  # noqa: E402
from mention import UTC_TIMESTAMP  # noqa: E402

END = pd.Timestamp("2025-11-26T12:00:00Z")
FILLERS = ["Latest:", "Update:", "Breaking:", "Reminder:", "Read this:", "", "", ""]


def templated(count: int, rng: random.Random) -> list[tuple[str, str]]:
    """(title, text) from bench/seed_text.py's bodies, half headline style, half post style."""
    config = load_config(DEFAULT_CONFIG_DIR)
    bodies = (seed_text.bodies(config, 2500, "headline", rng) + seed_text.bodies(config, 5000, "post", rng))
    return [(b.title or "", b.text) for b in (rng.choice(bodies) for _ in range(count))]


def reworded(count: int, rng: random.Random) -> list[tuple[str, str]]:
    """(title, text) of the labelled items, each with a few words dropped and a filler in front."""
    _, items = load()
    pool = list(zip(items["title"].fillna(""), items["text"].fillna("")))
    out = []
    for _ in range(count):
        title, text = rng.choice(pool)
        words = [w for w in text.split() if rng.random() > 0.1]
        out.append((f"{rng.choice(FILLERS)} {title}".strip(), " ".join(words)))
    return out


def shuffled(count: int, rng: random.Random) -> list[tuple[str, str]]:
    """(title, text) of words drawn from the labelled items by their frequency: no copies at all, so every
    new mention goes through the TF-IDF products."""
    _, items = load()
    vocabulary = " ".join(items["title"].fillna("") + " " + items["text"].fillna("")).split()
    out = []
    for _ in range(count):
        words = rng.choices(vocabulary, k=rng.randint(20, 60))
        out.append((" ".join(words[:8]), " ".join(words[8:])))
    return out


def frame(texts: list[tuple[str, str]], hours: float, prefix: str, rng: random.Random) -> pd.DataFrame:
    offsets = sorted(rng.uniform(0, hours) for _ in texts)
    return pd.DataFrame({
        "mention_id": [f"{prefix}{i:06d}" for i in range(len(texts))],
        "title": pd.Series([t for t, _ in texts], dtype="string"),
        "text": pd.Series([x for _, x in texts], dtype="string"),
        "published_at": pd.Series([END - pd.Timedelta(hours=h) for h in offsets]).astype(UTC_TIMESTAMP),
        "source": pd.Series(["bench"] * len(texts), dtype="string"),
        "channel": pd.Series(["forum"] * len(texts), dtype="string"),
    })


def measure(name: str, texts: list[tuple[str, str]], new: int, hours: float, rng: random.Random) -> None:
    known = frame(texts[new:], hours, "k", rng)
    known["story_id"] = known["mention_id"]
    fresh = frame(texts[:new], 1.0, "n", rng)
    params = StoryParams()
    for run in ("first call", "again"):  # again: the texts of the window are prepared already (cached)
        started = time.perf_counter()
        result = group(fresh, known, params)
        seconds = time.perf_counter() - started
        methods = result["method"].value_counts().to_dict()
        print(f"{name:<10} {run:<10} {len(fresh):>6} new vs {len(known):>6} known: {seconds:6.2f} s, "
              f"{len(fresh) / seconds:6.0f} new mentions/s; {methods}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--new", type=int, default=5000)
    parser.add_argument("--known", type=int, default=50000)
    parser.add_argument("--hours", type=float, default=72.0)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    print(f"thresholds: {StoryParams()}")
    measure("templated", templated(args.new + args.known, rng), args.new, args.hours, rng)
    measure("reworded", reworded(args.new + args.known, rng), args.new, args.hours, rng)
    measure("shuffled", shuffled(args.new + args.known, rng), args.new, args.hours, rng)


if __name__ == "__main__":
    main()
