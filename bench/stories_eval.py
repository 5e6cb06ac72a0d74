"""How well analysis.stories.group() puts mentions of one story together, on a labelled set of pairs.

    .venv/bin/python bench/stories_eval.py [--duplicate D] [--paraphrase P] [--window H] [--run-hours 6]
    .venv/bin/python bench/stories_eval.py --background 100   # plus 100 unlabelled on-topic mentions a day
    .venv/bin/python bench/stories_eval.py --sweep            # thresholds on the dev split only
    .venv/bin/python bench/stories_eval.py --data bench/data/story_pairs_fresh.jsonl   # another labelled file

Without options the thresholds are StoryParams' defaults.

bench/data/story_pairs.jsonl holds pairs of mentions (written for this project: UK benefits and pensions
news, GOV.UK announcements, charity blogs, forum and social posts) labelled same story or not, with a
kind (syndicated, edited_copy, paraphrase, quote, hard_negative_same_topic, hard_negative_template,
hard_negative_same_source, unrelated) and a dev/test split made by topic family, so no story and no
hard negative of the test split is seen while tuning on dev. Each item carries its story label too.

The items are streamed through the real group() the way the pipeline runs it: in collection runs of
``--run-hours`` of publication time, each run's ``known`` being the already-grouped items published
within the window. Then, for every labelled pair, were both put in one story? Prints precision, recall
and F1 for dev, test and overall; per kind; the same over *all* pairs of items by their story labels;
and a pairwise-only figure (each pair grouped alone, without the stream: no centroid, no IDF context).
``--background`` mixes in templated on-topic traffic (bench/seed_text.py) so that the word weights come
from a window of realistic size and the labelled items meet confusers. Asserts nothing.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from analysis.stories import StoryParams, group  # noqa: E402
from mention import UTC_TIMESTAMP  # noqa: E402

PAIRS = Path(__file__).resolve().parent / "data" / "story_pairs.jsonl"
POSITIVE_KINDS = ("syndicated", "edited_copy", "quote", "paraphrase")


def load(path: Path = PAIRS) -> tuple[list[dict], pd.DataFrame]:
    """The labelled pairs and a frame of their distinct items (mention_id = the item's id)."""
    pairs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    items = {}
    for pair in pairs:
        for side in ("a", "b"):
            items[pair[side]["id"]] = {**pair[side], "split": pair["split"]}
    frame = pd.DataFrame(list(items.values())).rename(columns={"id": "mention_id"})
    frame["published_at"] = pd.to_datetime(frame["published_at"], utc=True).astype(UTC_TIMESTAMP)
    for column in ("mention_id", "title", "text", "source", "channel", "story"):
        frame[column] = frame[column].astype("string")
    return pairs, frame.sort_values(["published_at", "mention_id"]).reset_index(drop=True)


def background(items: pd.DataFrame, per_day: int, seed: int = 7) -> pd.DataFrame:
    """``per_day`` unlabelled on-topic mentions a day (bench/seed_text.py's templated posts and headlines)
    around the labelled items: the traffic a real window holds, for word weights and as confusers."""
    import random

    import seed_text

    from config import DEFAULT_CONFIG_DIR, load_config

    rng = random.Random(seed)
    config = load_config(DEFAULT_CONFIG_DIR)
    bodies = seed_text.bodies(config, 1500, "headline", rng) + seed_text.bodies(config, 3000, "post", rng)
    days = sorted({stamp.floor("D") for stamp in items["published_at"]})
    rows = []
    for day in days:
        for n in range(per_day):
            body = rng.choice(bodies)
            rows.append({"mention_id": f"bg{day:%Y%m%d}{n:05d}", "title": body.title or "", "text": body.text,
                         "published_at": day + pd.Timedelta(seconds=rng.uniform(0, 86400)), "source": "background",
                         "channel": "forum" if body.style == "post" else "news", "story": None, "split": None})
    out = pd.DataFrame(rows)
    out["published_at"] = pd.to_datetime(out["published_at"], utc=True).astype(UTC_TIMESTAMP)
    for column in ("mention_id", "title", "text", "source", "channel", "story"):
        out[column] = out[column].astype("string")
    return out


def stream(items: pd.DataFrame, params: StoryParams, run_hours: float) -> dict[str, str]:
    """Group the items run by run, as the pipeline would; returns each item's story id."""
    story: dict[str, str] = {}
    start = items["published_at"].min()
    step = pd.Timedelta(hours=run_hours)
    done = items.iloc[0:0].assign(story_id=pd.Series([], dtype="string"))
    while len(story) < len(items):
        batch = items[(items["published_at"] >= start) & (items["published_at"] < start + step)]
        start += step
        if batch.empty:
            continue
        since = batch["published_at"].min() - pd.Timedelta(hours=params.window_hours)
        result = group(batch, done[done["published_at"] >= since], params)
        story.update(zip(result["mention_id"], result["story_id"]))
        done = pd.concat([done, batch.assign(story_id=batch["mention_id"].map(story).astype("string"))])
    return story


def scores(pairs: list[dict], same: dict[str, bool]) -> dict[str, float]:
    """Precision, recall and F1 of 'same story' over labelled pairs (same: pair id -> predicted)."""
    tp = sum(1 for p in pairs if p["same_story"] and same[p["id"]])
    fp = sum(1 for p in pairs if not p["same_story"] and same[p["id"]])
    fn = sum(1 for p in pairs if p["same_story"] and not same[p["id"]])
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"pairs": len(pairs), "precision": precision, "recall": recall, "f1": f1, "fp": fp, "fn": fn}


def all_pairs(items: pd.DataFrame, story: dict[str, str], split: str | None) -> dict[str, float]:
    """The same figures over every pair of items (of one split), labelled by the items' own story labels."""
    rows = items[items["story"].notna()]
    rows = rows if split is None else rows[rows["split"] == split]
    pairs, same = [], {}
    for n, (a, b) in enumerate(itertools.combinations(zip(rows["mention_id"], rows["story"]), 2)):
        pairs.append({"id": n, "same_story": a[1] == b[1]})
        same[n] = story[a[0]] == story[b[0]]
    return scores(pairs, same)


def pairwise(pairs: list[dict], items: pd.DataFrame, params: StoryParams) -> dict[str, bool]:
    """Each pair grouped alone (new = both items, nothing known): the raw similarity decision."""
    by_id = items.set_index("mention_id", drop=False)
    out = {}
    for pair in pairs:
        result = group(by_id.loc[[pair["a"]["id"], pair["b"]["id"]]].reset_index(drop=True), by_id.iloc[0:0], params)
        out[pair["id"]] = result["story_id"].nunique() == 1
    return out


def evaluate(pairs: list[dict], items: pd.DataFrame, params: StoryParams, run_hours: float) -> dict:
    story = stream(items, params, run_hours)
    same = {p["id"]: story[p["a"]["id"]] == story[p["b"]["id"]] for p in pairs}
    return {"story": story, "same": same}


def splits(pairs: list[dict]) -> list[str | None]:
    """The file's splits in the order dev, test, then any other (a fresh file has its own), then None: all."""
    named = sorted({p["split"] for p in pairs}, key=lambda s: ({"dev": 0, "test": 1}.get(s, 2), s))
    return [*named, None]


def report(pairs: list[dict], items: pd.DataFrame, params: StoryParams, run_hours: float) -> None:
    result = evaluate(pairs, items, params, run_hours)
    same, story = result["same"], result["story"]
    print(f"thresholds: duplicate={params.duplicate_threshold} paraphrase={params.paraphrase_threshold} "
          f"window_hours={params.window_hours}; runs of {run_hours} h")
    labelled = items["story"].notna()
    print(f"{int(labelled.sum())} items ({len(items) - int(labelled.sum())} background), "
          f"{len({story[m] for m in items.loc[labelled, 'mention_id']})} stories found for them, "
          f"{items['story'].nunique()} labelled; "
          f"{len(pairs)} labelled pairs, {sum(p['same_story'] for p in pairs)} positive")
    pair_alone = pairwise(pairs, items, params)
    print(f"\n{'labelled pairs':<18}{'pairs':>6}{'precision':>11}{'recall':>8}{'F1':>7}{'FP':>5}{'FN':>5}"
          f"   {'pair alone: P':>13}{'R':>7}")
    for split in splits(pairs):
        chosen = [p for p in pairs if split is None or p["split"] == split]
        s, alone = scores(chosen, same), scores(chosen, pair_alone)
        print(f"{split or 'overall':<18}{s['pairs']:>6}{s['precision']:>11.3f}{s['recall']:>8.3f}{s['f1']:>7.3f}"
              f"{s['fp']:>5}{s['fn']:>5}   {alone['precision']:>13.3f}{alone['recall']:>7.3f}")
    print(f"\n{'all item pairs':<18}{'pairs':>6}{'precision':>11}{'recall':>8}{'F1':>7}{'FP':>5}{'FN':>5}")
    for split in splits(pairs):
        s = all_pairs(items, story, split)
        print(f"{split or 'overall':<18}{s['pairs']:>6}{s['precision']:>11.3f}{s['recall']:>8.3f}{s['f1']:>7.3f}"
              f"{s['fp']:>5}{s['fn']:>5}")
    named = [s for s in splits(pairs) if s]
    print(f"\n{'kind':<27}" + "".join(f"{s:>12}" for s in named) + "   (positives: share grouped; negatives: share kept"
          " apart)")
    for kind in sorted({p["kind"] for p in pairs}, key=lambda k: (k not in POSITIVE_KINDS, k)):
        cells = []
        for split in named:
            chosen = [p for p in pairs if p["kind"] == kind and p["split"] == split]
            right = sum(1 for p in chosen if same[p["id"]] == p["same_story"])
            cells.append(f"{right}/{len(chosen)}" + (f" {right / len(chosen):.2f}" if chosen else ""))
        print(f"{kind:<27}" + "".join(f"{c:>12}" for c in cells))


def sweep(pairs: list[dict], items: pd.DataFrame, base: StoryParams, run_hours: float) -> None:
    """Labelled-pair and all-pair figures on the dev split over a grid of thresholds (test is not looked at)."""
    dev = [p for p in pairs if p["split"] == "dev"]
    print(f"{'duplicate':>9}{'paraphrase':>11}{'precision':>11}{'recall':>8}{'F1':>7}"
          f"{'all pairs: P':>14}{'R':>7}{'F1':>7}   (dev split)")
    for duplicate in (0.4, 0.5, 0.6):
        for paraphrase in (0.16, 0.18, 0.2, 0.22, 0.24, 0.26, 0.3, 0.35):
            params = StoryParams(duplicate, paraphrase, base.window_hours)
            result = evaluate(dev, items, params, run_hours)
            s, a = scores(dev, result["same"]), all_pairs(items, result["story"], "dev")
            print(f"{duplicate:>9}{paraphrase:>11}{s['precision']:>11.3f}{s['recall']:>8.3f}{s['f1']:>7.3f}"
                  f"{a['precision']:>14.3f}{a['recall']:>7.3f}{a['f1']:>7.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    defaults = StoryParams()
    parser.add_argument("--duplicate", type=float, default=defaults.duplicate_threshold)
    parser.add_argument("--paraphrase", type=float, default=defaults.paraphrase_threshold)
    parser.add_argument("--window", type=float, default=defaults.window_hours)
    parser.add_argument("--run-hours", type=float, default=6.0, help="publication hours per simulated run")
    parser.add_argument("--data", type=Path, default=PAIRS, help="labelled pairs (JSON lines)")
    parser.add_argument("--sweep", action="store_true", help="grid of thresholds on the dev split")
    parser.add_argument("--background", type=int, default=0, metavar="N",
                        help="add N unlabelled on-topic mentions a day to the stream (bench/seed_text.py)")
    args = parser.parse_args()
    pairs, items = load(args.data)
    if args.background:
        items = pd.concat([items, background(items, args.background)]).sort_values(["published_at", "mention_id"])
        items = items.reset_index(drop=True)
    params = StoryParams(args.duplicate, args.paraphrase, args.window)
    if args.sweep:
        sweep(pairs, items, params, args.run_hours)
    else:
        report(pairs, items, params, args.run_hours)


if __name__ == "__main__":
    main()
