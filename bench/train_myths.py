"""Fit the learned myth decision (analysis/myth_model.json) on the development posts, with cross-validation.

    .venv/bin/python bench/train_myths.py [--folds 5] [--repeats 5] [--C 1.0] [--dry-run]

Training data: the labelled posts of bench/data/claims.jsonl and claims_unseen.jsonl (development
data; claims_heldout.jsonl is never read here). Every sentence that names a myth's subject gives one
(sentence, myth) pair per myth it names (:func:`analysis.myths.pairs`, the same code the pipeline
runs). A pair is negative when the post's label does not hold that myth. A post that repeats a myth
says so in one sentence, not always the one that names the subject most: which sentence is the
positive is chosen as multiple-instance learning does, by the current model's highest score
(first by the nearest wording's similarity), and the other sentences of that post are left out of
the fit. Pairs whose wording is found verbatim are decided by rule and left out too. The model is a
logistic regression with an L2 penalty (``--C``) whose weights' signs are bounded where the direction
is known beforehand (:data:`SIGNS`), fitted by scipy's L-BFGS-B.

Cross-validation: posts are split into folds (stratified by whether they repeat a myth, grouped so
that every sentence of a post falls in one fold), the model is fitted on the other folds and the
held-back posts are scored exactly as the pipeline scores them (verbatim wordings, one myth per
sentence, the suggest and flag thresholds of config/settings.toml, the short-text margin). Printed:
myth precision and recall per post at the flag threshold, and for all claims with the facts checks,
over ``--repeats`` different splits. Then the model is fitted on every post and written (unless
``--dry-run``), with the figures on its own training posts for comparison.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy.optimize import minimize
from sklearn.model_selection import StratifiedKFold

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from analysis import claims, myth_model, myths  # noqa: E402
from analysis.text import full_text, sentences  # noqa: E402
from config import Config, load_config  # noqa: E402

DATA = PROJECT / "bench" / "data"
TRAIN_FILES = ("claims.jsonl", "claims_unseen.jsonl")
MIL_ROUNDS = 3


@dataclass
class Posts:
    """The development posts and every (sentence, myth) pair they give."""

    posts: list[dict]
    post: np.ndarray       # the post of each pair
    sentence: np.ndarray   # its sentence within the post
    myth: list[str]
    x: np.ndarray
    verbatim: np.ndarray
    n_words: np.ndarray
    positive: np.ndarray   # the post's label holds the pair's myth
    facts: list[set[str]]  # the facts flagged in each post (rules, not learned)


def load_posts() -> list[dict]:
    return [json.loads(line) for name in TRAIN_FILES
            for line in (DATA / name).read_text(encoding="utf-8").splitlines() if line.strip()]


def build(posts: list[dict], config: Config) -> Posts:
    rows: list[tuple[int, myths.Pair]] = []
    for p, post in enumerate(posts):
        rows += [(p, pair) for pair in myths.pairs(sentences(full_text(post.get("title"), post["text"])), config.myths)]
    facts = []
    for post in posts:
        day = dt.date.fromisoformat(post["published_at"][:10])
        title = post.get("title") or ""
        found = claims.check_facts(full_text(title, post["text"]), config.facts, day, title)
        facts.append({c.id for c in found if c.level == "flag"})
    return Posts(posts, np.array([p for p, _ in rows]), np.array([r.index for _, r in rows]),
                 [r.myth.id for _, r in rows], np.stack([r.features for _, r in rows]),
                 np.array([r.verbatim for _, r in rows]), np.array([r.n_words for _, r in rows]),
                 np.array([r.myth.id in posts[p]["label"] for p, r in rows]), facts)


# The direction each feature may push, where it is known beforehand (0: either). Fitted freely on ~40
# positives, correlated similarities take opposite signs that cancel on the training posts and not on
# new ones ("nearer the myth" lowering the score); fixing the signs keeps each weight meaningful.
SIGNS = {"support": 1, "against": -1, "sim_subject": -1, "beyond_support": 1, "beyond_against": -1, "outranked": -1,
         "negated": 0, "hedged": -1, "hypothetical": -1, "prediction": -1, "personal": 0,
         "other_numbers": -1, "claim_words": 1, "log_words": 0}


def _logistic(x: np.ndarray, y: np.ndarray, c: float) -> tuple[np.ndarray, float]:
    """L2-penalised logistic regression (as scikit-learn's, penalty 1/2C) with each weight's sign bounded
    by :data:`SIGNS`, fitted by L-BFGS-B."""
    target = y.astype(np.float64)

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        w, b = theta[:-1], theta[-1]
        z = x @ w + b
        p = 1.0 / (1.0 + np.exp(-z))
        value = np.sum(np.logaddexp(0.0, z) - target * z) + w @ w / (2 * c)
        gradient = p - target
        return value, np.append(x.T @ gradient + w / c, gradient.sum())

    bounds = [(0, None) if SIGNS[f] > 0 else (None, 0) if SIGNS[f] < 0 else (None, None)
              for f in myth_model.FEATURES] + [(None, None)]
    found = minimize(loss, np.zeros(x.shape[1] + 1), jac=True, method="L-BFGS-B", bounds=bounds,
                     options={"maxiter": 10000, "gtol": 1e-8})
    return found.x[:-1].astype(np.float64), float(found.x[-1])


def fit(data: Posts, train: np.ndarray, c: float) -> myth_model.Model:
    """Fit on the pairs of the posts in ``train`` (a boolean mask over pairs), choosing each positive
    post's asserting sentence by multiple-instance rounds."""
    score = data.x[:, myth_model.FEATURES.index("support")]
    model = None
    for _ in range(MIL_ROUNDS):
        use = train & ~data.verbatim & ~data.positive
        groups: dict[tuple[int, str], int] = {}
        for i in np.flatnonzero(train & ~data.verbatim & data.positive):
            key = (int(data.post[i]), data.myth[i])
            if key not in groups or score[i] > score[groups[key]]:
                groups[key] = i
        use = use.copy()
        use[list(groups.values())] = True
        x, y = data.x[use], data.positive[use]
        mean, scale = x.mean(axis=0), x.std(axis=0)
        scale[scale == 0] = 1.0
        weights, bias = _logistic((x - mean) / scale, y, c)
        model = myth_model.Model(myth_model.FEATURES, mean, scale, weights, bias)
        score = model.probability(data.x)
    assert model is not None
    return model


def thresholds(config: Config, flag: float | None = None) -> myths.Thresholds:
    s = config.settings
    flag = s.myth_flag_threshold if flag is None else flag
    return myths.Thresholds(min(s.myth_suggest_threshold, flag), flag, s.short_text_margin)


def predict(data: Posts, probability: np.ndarray, thresholds: myths.Thresholds) -> list[set[str]]:
    """The myths flagged in each post, as :func:`analysis.myths.match` decides from the model's probabilities."""
    scores = np.where(data.verbatim, 1.0, np.minimum(np.round(probability, 3), 0.999))
    by_sentence: dict[tuple[int, int], list[tuple[float, str, str]]] = {}
    for i in range(len(data.myth)):
        level = "flag" if data.verbatim[i] else thresholds.level(float(scores[i]), int(data.n_words[i]))
        if level:
            by_sentence.setdefault((int(data.post[i]), int(data.sentence[i])), []).append(
                (float(scores[i]), data.myth[i], level))
    out: list[set[str]] = [set() for _ in data.posts]
    for (p, _), found in by_sentence.items():
        best = max(found)
        out[p] |= {myth for score, myth, level in found if level == "flag" and (score == 1.0 or
                                                                              (score, myth, level) == best)}
    return out


def figures(posts: list[dict], predicted: list[set[str]], facts: list[set[str]]) -> dict[str, float]:
    def pr(want: list[set[str]], got: list[set[str]]) -> tuple[float, float, int, int, int]:
        tp = sum(len(g & w) for g, w in zip(got, want))
        fp = sum(len(g - w) for g, w in zip(got, want))
        fn = sum(len(w - g) for g, w in zip(got, want))
        return (tp / (tp + fp) if tp + fp else 1.0, tp / (tp + fn) if tp + fn else 1.0, tp, fp, fn)

    myth_want = [{i for i in p["label"] if i.startswith("myth")} for p in posts]
    all_want = [set(p["label"]) for p in posts]
    mp, mr, *_ = pr(myth_want, predicted)
    ap, ar, tp, fp, fn = pr(all_want, [f | m for f, m in zip(facts, predicted)])
    return {"myth_precision": mp, "myth_recall": mr, "precision": ap, "recall": ar, "tp": tp, "fp": fp, "fn": fn}


def cross_validate(data: Posts, folds: int, repeats: int, c: float) -> list[np.ndarray]:
    """Out-of-fold probabilities of every pair, one array per split."""
    has_myth = np.array([any(i.startswith("myth") for i in p["label"]) for p in data.posts])
    out = []
    for seed in range(repeats):
        probability = np.zeros(len(data.myth))
        for train_posts, test_posts in StratifiedKFold(folds, shuffle=True, random_state=seed).split(
                np.zeros(len(data.posts)), has_myth):
            held = np.isin(data.post, test_posts)
            probability[held] = fit(data, ~held, c).probability(data.x[held])
        out.append(probability)
    return out


def summary(data: Posts, runs: list[np.ndarray], cut: myths.Thresholds) -> dict[str, np.ndarray]:
    results = [figures(data.posts, predict(data, p, cut), data.facts) for p in runs]
    return {key: np.array([r[key] for r in results]) for key in results[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--C", type=float, default=1.0, help="inverse strength of the L2 penalty")
    parser.add_argument("--config", type=Path, default=PROJECT / "config")
    parser.add_argument("--dry-run", action="store_true", help="print the figures, do not write the model")
    args = parser.parse_args()
    config = load_config(args.config)
    posts = load_posts()
    data = build(posts, config)
    print(f"{len(posts)} development posts ({', '.join(TRAIN_FILES)}), {len(data.myth)} (sentence, myth) pairs, "
          f"{sum(any(i.startswith('myth') for i in p['label']) for p in posts)} posts repeating a myth")
    runs = cross_validate(data, args.folds, args.repeats, args.C)
    print(f"\n{args.folds}-fold cross-validation over posts, {args.repeats} splits "
          f"(flag >= {config.settings.myth_flag_threshold}):")
    for key, values in summary(data, runs, thresholds(config)).items():
        if key in ("myth_precision", "myth_recall", "precision", "recall"):
            print(f"  {key:15s} mean {values.mean():.3f}  min {values.min():.3f}  max {values.max():.3f}")
    print("by flag threshold (mean over splits): myth precision / recall, all precision / recall")
    for flag in (0.3, 0.4, 0.5, 0.6, 0.62, 0.72, 0.8):
        f = {k: v.mean() for k, v in summary(data, runs, thresholds(config, flag)).items()}
        print(f"  flag >= {flag:.2f}: myths {f['myth_precision']:.3f} / {f['myth_recall']:.3f}   "
              f"all {f['precision']:.3f} / {f['recall']:.3f}")
    model = fit(data, np.ones(len(data.myth), dtype=bool), args.C)
    seen = figures(posts, predict(data, model.probability(data.x), thresholds(config)), data.facts)
    print(f"\nfitted on all {len(posts)} posts, scored on them (optimistic): myth precision "
          f"{seen['myth_precision']:.3f} recall {seen['myth_recall']:.3f}; all precision {seen['precision']:.3f} "
          f"recall {seen['recall']:.3f}")
    print("weights (standardised features):")
    for name, w in sorted(zip(myth_model.FEATURES, model.weights), key=lambda t: -abs(t[1])):
        print(f"  {name:14s} {w:+.3f}")
    if not args.dry_run:
        myth_model.MODEL_FILE.write_text(json.dumps(model.to_dict(), indent=1) + "\n", encoding="utf-8")
        print(f"\nwrote {myth_model.MODEL_FILE.relative_to(PROJECT)}")


if __name__ == "__main__":
    main()
