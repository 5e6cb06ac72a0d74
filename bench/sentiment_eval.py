"""Sentiment measured against people: plain vaderSentiment against ours, with and without the lexicon.

    .venv/bin/python bench/sentiment_eval.py [--realdata DIR] [--lexicon FILE]
    .venv/bin/python bench/sentiment_eval.py --lexicon-table

Reads ``../shared/realdata/sentiment/`` in place. For each of VADER's four human-rated sets
(Hutto and Gilbert 2014: tweets, NYT editorial snippets, movie and Amazon review snippets) it
prints Pearson r between the human mean rating (-4..4) and each scorer; for the TweetEval
sentiment validation set (2,000 tweets labelled negative/neutral/positive) 3-class accuracy and
macro-F1, labelling compound scores with the usual +/-0.05 thresholds. Scorers:

  plain VADER       vaderSentiment's compound on the whole text (the published baseline)
  sentence mean     the mean of per-sentence compounds (what analysis.sentiment did before)
  ours, no lexicon  analysis.sentiment.score_text without domain overrides
  ours              analysis.sentiment.score_text with config/lexicon.toml

A second table checks long text, where VADER saturates: posts built by joining 3 to 10 random
snippets of one set, rated by the mean of their human ratings (a proxy: nobody rated the joined
post). ``--lexicon-table`` prints policy sentences before and after the overrides instead.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer  # noqa: E402

from analysis import sentiment  # noqa: E402
from analysis.lexicon import DEFAULT_LEXICON_PATH, EMPTY, Lexicon, load_lexicon  # noqa: E402
from analysis.text import sentences  # noqa: E402

REALDATA = Path(__file__).resolve().parent.parent.parent / "shared" / "realdata"
VADER_SETS = {"tweets": "tweets", "NYT editorials": "nytEditorialSnippets",
              "movie reviews": "movieReviewSnippets", "Amazon reviews": "amazonReviewSnippets"}
LONG_POSTS = 2000
PUBLISHED_R = {"tweets": 0.872, "NYT editorials": 0.503, "movie reviews": 0.427, "Amazon reviews": 0.590}

#: Policy sentences for the before/after table: (sentence, what a press officer would call it).
EXAMPLES = [
    ("Benefit cuts will hit disabled people hardest.", "negative"),
    ("You may be entitled to Pension Credit.", "neutral"),
    ("Universal Credit payments are made monthly.", "neutral"),
    ("Child Benefit is paid every four weeks.", "neutral"),
    ("Apply to the Household Support Fund through your council.", "neutral"),
    ("Statutory Sick Pay rises to £118.75 a week in April.", "neutral"),
    ("Ask your GP for a fit note.", "neutral"),
    ("Social care funding crisis deepens.", "negative"),
    ("The cost of living crisis is getting worse.", "negative"),
    ("Families are struggling with the cost of living.", "negative"),
    ("The next cost of living payment arrives in November.", "neutral"),
    ("Tax relief on pension contributions explained.", "neutral"),
    ("He was sanctioned for missing one appointment.", "negative"),
    ("The Winter Fuel Payment has been scrapped for most pensioners.", "negative"),
    ("Great news: Pension Credit claims are up 40%.", "positive"),
    ("The Jobcentre staff were really helpful, thank you.", "positive"),
]


class Plain:
    """vaderSentiment as published, one analyzer for every call."""

    def __init__(self) -> None:
        self.analyzer = SentimentIntensityAnalyzer()

    def whole(self, text: str) -> float:
        return self.analyzer.polarity_scores(text)["compound"]

    def sentence_mean(self, text: str) -> float:
        parts = sentences(text)
        return sum(self.whole(p) for p in parts) / len(parts) if parts else 0.0


def read_vader_set(path: Path) -> tuple[np.ndarray, list[str]]:
    """``id<TAB>mean rating<TAB>text`` lines (CRLF; the movie file holds a few UTF-8 characters)."""
    rows = [line.split("\t", 2) for line in path.read_text(encoding="utf-8", errors="replace").splitlines()
            if line.strip()]
    return np.array([float(r[1]) for r in rows]), [r[2] for r in rows]


def read_tweeteval(folder: Path) -> tuple[np.ndarray, list[str]]:
    """TweetEval's ``val_text.txt`` (one tweet a line) and ``val_labels.txt`` (0 neg, 1 neu, 2 pos)."""
    texts = (folder / "val_text.txt").read_text(encoding="utf-8").splitlines()
    labels = np.array([int(x) for x in (folder / "val_labels.txt").read_text(encoding="utf-8").split()])
    if len(texts) != len(labels):
        raise SystemExit(f"{folder}: {len(texts)} texts but {len(labels)} labels")
    return labels, texts


def classes(scores: np.ndarray) -> np.ndarray:
    """0 negative, 1 neutral, 2 positive, by the same thresholds as analysis.sentiment.label."""
    return np.where(scores >= sentiment.POSITIVE_AT, 2, np.where(scores <= sentiment.NEGATIVE_AT, 0, 1))


def macro_f1(truth: np.ndarray, predicted: np.ndarray) -> float:
    f1s = []
    for c in (0, 1, 2):
        tp = int(((predicted == c) & (truth == c)).sum())
        wrong = int(((predicted == c) != (truth == c)).sum())
        f1s.append(2 * tp / (2 * tp + wrong) if tp else 0.0)
    return float(np.mean(f1s))


def pearson(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.corrcoef(a, b)[0, 1])


def scorers(lexicon: Lexicon) -> dict[str, Callable[[str], float]]:
    plain = Plain()
    return {"plain VADER": plain.whole, "sentence mean": plain.sentence_mean,
            "ours, no lexicon": lambda t: sentiment.score_text(t, EMPTY),
            "ours": lambda t: sentiment.score_text(t, lexicon)}


def scores(score: Callable[[str], float], texts: Sequence[str]) -> np.ndarray:
    return np.fromiter((score(t) for t in texts), dtype="float64", count=len(texts))


def print_row(name: str, n: int, values: Sequence[float], width: int = 18) -> None:
    print(f"{name:<34}{n:>6}" + "".join(f"{v:>{width}.4f}" for v in values))


def evaluate(realdata: Path, lexicon: Lexicon) -> None:
    score_fns = scorers(lexicon)
    header = f"{'set (metric)':<34}{'n':>6}" + "".join(f"{k:>18}" for k in score_fns)
    print(header + "\n" + "-" * len(header))
    sets = {name: read_vader_set(realdata / "sentiment" / "vader" / f"{stem}_GroundTruth.txt")
            for name, stem in VADER_SETS.items()}
    results = human_rated(sets, read_tweeteval(realdata / "sentiment" / "tweeteval" / "sentiment"), score_fns)
    print("\npublished plain VADER r: " + ", ".join(f"{k} {v:.3f}" for k, v in PUBLISHED_R.items()))
    print("ours >= plain VADER on every row (full precision): "
          + ("yes" if all(r[3] >= r[0] for r in results) else "NO"))
    print("lexicon costs nothing (ours >= ours, no lexicon, on every row): "
          + ("yes" if all(r[3] >= r[2] for r in results) else "NO"))
    print(f"\nLong posts: {LONG_POSTS} per set, each 3-10 random snippets of the set joined, "
          "rated by the mean of their ratings (a proxy)")
    print(header + "\n" + "-" * len(header))
    long_posts(sets, score_fns)


def human_rated(sets: dict[str, tuple[np.ndarray, list[str]]], tweeteval: tuple[np.ndarray, list[str]],
                score_fns: dict[str, Callable[[str], float]]) -> list[list[float]]:
    """Print and return one row per set and metric, one figure per scorer."""
    results: list[list[float]] = []
    for name, (ratings, texts) in sets.items():
        results.append([pearson(ratings, scores(f, texts)) for f in score_fns.values()])
        print_row(f"{name} (Pearson r)", len(texts), results[-1])
    labels, texts = tweeteval
    predicted = [classes(scores(f, texts)) for f in score_fns.values()]
    results.append([float((p == labels).mean()) for p in predicted])
    print_row("TweetEval (accuracy)", len(texts), results[-1])
    results.append([macro_f1(labels, p) for p in predicted])
    print_row("TweetEval (macro-F1)", len(texts), results[-1])
    return results


def long_posts(sets: dict[str, tuple[np.ndarray, list[str]]], score_fns: dict[str, Callable[[str], float]]) -> None:
    rng = random.Random(2014)
    for name, (ratings, texts) in sets.items():
        picks = [rng.sample(range(len(texts)), rng.randint(3, 10)) for _ in range(LONG_POSTS)]
        joined = [" ".join(texts[i].strip() for i in p) for p in picks]
        means = np.array([ratings[p].mean() for p in picks])
        print_row(f"{name} x3-10 (Pearson r)", len(joined),
                  [pearson(means, scores(f, joined)) for f in score_fns.values()])


def lexicon_table(lexicon: Lexicon) -> None:
    plain = Plain()
    width = max(len(s) for s, _ in EXAMPLES) + 2
    header = f"{'sentence':<{width}}{'plain VADER':>20}{'with overrides':>20}  expected"
    print(header + "\n" + "-" * len(header))
    for text, expected in EXAMPLES:
        before, after = plain.whole(text), sentiment.score_text(text, lexicon)
        cells = [f"{v:+.3f} {sentiment.label(v):<8}" for v in (before, after)]
        mark = "" if sentiment.label(after) == expected else "  (still wrong)"
        print(f"{text:<{width}}{cells[0]:>20}{cells[1]:>20}  {expected}{mark}")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--realdata", type=Path, default=REALDATA, help="the shared real-data folder")
    parser.add_argument("--lexicon", type=Path, default=DEFAULT_LEXICON_PATH, help="the overrides file")
    parser.add_argument("--lexicon-table", action="store_true", help="print policy sentences before and after")
    args = parser.parse_args(argv)
    lexicon = load_lexicon(args.lexicon)
    if args.lexicon_table:
        lexicon_table(lexicon)
        return
    if not (args.realdata / "sentiment").is_dir():
        raise SystemExit(f"no real data at {args.realdata / 'sentiment'}; pass --realdata DIR")
    started = time.perf_counter()
    evaluate(args.realdata, lexicon)
    print(f"\n{time.perf_counter() - started:.1f} s; whole-text limit {sentiment.WHOLE_TEXT_CHARS} characters; "
          f"{len(lexicon.entries)} overrides from {args.lexicon}")


if __name__ == "__main__":
    main()
