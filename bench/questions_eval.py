"""Question detection measured against posts labelled by hand: ours against the old rule.

    .venv/bin/python bench/questions_eval.py [--data FILE] [--repeat 20]

Reads ``bench/data/questions.jsonl`` (posts written for this project, each labelled true when it
asks something an official could answer or refer, with a kind, and split into dev and test: the
rules were tuned on dev, the unit cases and the sample feeds, never on test; the same person wrote
the posts and the rules, so expect lower figures on posts from elsewhere). For dev, test and all
it prints n, precision, recall and F1 of

  old rule   any sentence ends with '?' or opens like a question (what analysis.questions did before)
  ours       analysis.questions.is_question_text

The same for ``bench/data/questions_unseen.jsonl``, 120 posts written by someone who saw neither
the rules nor the posts above (nothing was tuned on them). Then how many posts of each kind each detector flags (true kinds should be flagged, false kinds
not), how often ``question_kind`` names the labelled kind of a true post, and microseconds per post,
also on the posts joined in fours (~350 characters, news and blog length).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis.questions import is_question_text, question_kind  # noqa: E402
from analysis.text import fold, sentences  # noqa: E402

DATA = Path(__file__).resolve().parent / "data" / "questions.jsonl"
#: 120 posts written by someone who never saw the rules or the posts above: the honest figure.
UNSEEN = Path(__file__).resolve().parent / "data" / "questions_unseen.jsonl"
TRUE_KINDS = ("eligibility", "dates", "amounts", "how_to_apply", "other_policy", "personal_case")
FALSE_KINDS = ("rhetorical", "headline", "opinion", "self_answered", "prediction", "off_topic", "reported", "statement")

# The rule analysis.questions used before this detector, re-implemented for comparison.
_OLD_OPENERS = re.compile(
    r"^(?:how (?:much|many|long|do|does|can|come)|what (?:is|are|happens|do|does)|when (?:is|are|will|do|does)"
    r"|where (?:do|can|is)|why (?:is|are|do|does|has|have)|who (?:is|can|do)|which"
    r"|(?:can|could|do|does|did|is|are|am|will|should|would|has|have)"
    r" (?:i|we|you|my|anyone|anybody|someone|the|it|they|there)"
    r"|does anyone know|is it true|any(?:one|body) know)\b")


def old_rule(text: str) -> bool:
    return any(s.rstrip().endswith("?") or _OLD_OPENERS.match(fold(s)) for s in sentences(text))


DETECTORS: dict[str, Callable[[str], bool]] = {"old rule": old_rule, "ours": is_question_text}


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def scores(rows: Sequence[dict], flagged: Sequence[bool]) -> tuple[float, float, float]:
    tp = sum(1 for r, f in zip(rows, flagged) if f and r["label"])
    fp = sum(1 for r, f in zip(rows, flagged) if f and not r["label"])
    fn = sum(1 for r, f in zip(rows, flagged) if not f and r["label"])
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def split_table(rows: list[dict], flags: dict[str, list[bool]]) -> None:
    header = (f"{'split':<8}{'n':>5}{'true':>6}"
              + "".join(f"{name + ' ' + m:>16}" for name in flags for m in ("P", "R", "F1")))
    print(header + "\n" + "-" * len(header))
    for split in dict.fromkeys(["dev", "test", "unseen", "all"]) if "split" in rows[0] else ("unseen",):
        idx = [i for i, r in enumerate(rows) if split in ("all", r.get("split", "unseen"))]
        if not idx:
            continue
        part = [rows[i] for i in idx]
        cells = [v for f in flags.values() for v in scores(part, [f[i] for i in idx])]
        print(f"{split:<8}{len(part):>5}{sum(r['label'] for r in part):>6}" + "".join(f"{v:>16.3f}" for v in cells))


def kind_table(rows: list[dict], flags: dict[str, list[bool]], kinds: list[str]) -> None:
    header = (f"{'kind':<16}{'label':>6}{'n':>6}" + "".join(f"{name + ' flagged':>18}" for name in flags)
              + f"{'kind right':>14}")
    print(header + "\n" + "-" * len(header))
    for kind in (*TRUE_KINDS, *FALSE_KINDS):
        idx = [i for i, r in enumerate(rows) if r["kind"] == kind]
        label = kind in TRUE_KINDS
        right = f"{sum(kinds[i] == kind for i in idx)}/{len(idx)}" if label else ""
        print(f"{kind:<16}{str(label).lower():>6}{len(idx):>6}"
              + "".join(f"{sum(f[i] for i in idx):>18}" for f in flags.values()) + f"{right:>14}")
    true_idx = [i for i, r in enumerate(rows) if r["label"]]
    named = sum(kinds[i] == rows[i]["kind"] for i in true_idx)
    print(f"question_kind names the labelled kind of {named}/{len(true_idx)} true posts ({named / len(true_idx):.1%})")


def timing(texts: list[str], repeat: int) -> None:
    """Best of ``repeat`` passes, on the posts as written and on posts four times as long (news and blog length)."""
    longer = [" ".join(texts[i:i + 4]) for i in range(0, len(texts), 4)]
    for label, posts in (("posts", texts), ("posts joined in fours", longer)):
        mean = sum(map(len, posts)) / len(posts)
        for name, fn in DETECTORS.items():
            best = float("inf")
            for _ in range(repeat):
                started = time.perf_counter()
                for text in posts:
                    fn(text)
                best = min(best, time.perf_counter() - started)
            print(f"{name:<10}{best / len(posts) * 1e6:8.1f} µs per post  ({label}: {len(posts)}, "
                  f"mean {mean:.0f} characters, best of {repeat})")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA, help="the labelled posts (JSON lines)")
    parser.add_argument("--repeat", type=int, default=20, help="timed passes over the posts (the best counts)")
    args = parser.parse_args(argv)
    rows = load(args.data)
    texts = [r["text"] for r in rows]
    flags = {name: [fn(t) for t in texts] for name, fn in DETECTORS.items()}
    kinds = [question_kind(t) for t in texts]
    print(f"{args.data}: {len(rows)} posts\n")
    split_table(rows, flags)
    print()
    kind_table(rows, flags, kinds)
    if args.data == DATA and UNSEEN.exists():
        unseen = load(UNSEEN)
        print(f"\n{UNSEEN}: {len(unseen)} posts written without sight of the rules or the posts above\n")
        unseen_texts = [r["text"] for r in unseen]
        unseen_flags = {name: [fn(t) for t in unseen_texts] for name, fn in DETECTORS.items()}
        split_table(unseen, unseen_flags)
        print()
        kind_table(unseen, unseen_flags, [question_kind(t) for t in unseen_texts])
    print()
    timing(texts, args.repeat)


if __name__ == "__main__":
    main()
