"""The learned decision on known false claims: how likely is it that a sentence asserts a myth?

A sentence that names a myth's subject is described by a few numbers (:data:`FEATURES`): how near it
is in meaning to the myth's wordings (the nearest one, the nearest that agrees with it on negation,
the nearest that does not, their mean), to the myth's rebuttal and to its bare subject; whether it
is negated, asks, reports, denies, hedges, supposes or speaks of the speaker; whether it states other
numbers than the myth; how many of the myth's own words it shares, and how long it is. A logistic
regression over these, fitted on the labelled development posts by ``bench/train_myths.py``, turns
them into a probability. Its coefficients are data (``myth_model.json`` beside this file), so the
model can be fitted again and the figures reproduced; nothing is learned at run time.

Why a learned decision: the embedding model alone cannot tell "PIP is means-tested" from "PIP isn't
means-tested" (their cosine similarity is 0.87), and paraphrases ("that's pension credit out the
window") are far from every wording. Fixed margins on one similarity blocked the paraphrases; the
weights of several contrasts, fitted on examples, let a paraphrase through when the other evidence
agrees, and keep out a denial that is near the myth in meaning.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

MODEL_FILE = Path(__file__).resolve().with_name("myth_model.json")
FEATURES = ("support", "against", "sim_subject", "beyond_support", "beyond_against", "outranked", "negated",
            "hedged", "hypothetical", "prediction", "personal", "other_numbers", "claim_words", "log_words")


class ModelError(ValueError):
    """The model file does not fit this code (other features, or a malformed file)."""


@dataclass(frozen=True)
class Model:
    """Standardise each feature (``(x - mean) / scale``), then the logistic function of ``weights`` . x + bias."""

    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    bias: float

    def probability(self, x: np.ndarray) -> np.ndarray:
        """P(asserts the myth) for each row of ``x`` (rows of :data:`FEATURES`)."""
        z = ((np.atleast_2d(x) - self.mean) / self.scale) @ self.weights + self.bias
        return 1.0 / (1.0 + np.exp(-z))

    def to_dict(self) -> dict[str, object]:
        return {"features": list(self.features), "mean": self.mean.round(6).tolist(),
                "scale": self.scale.round(6).tolist(), "weights": self.weights.round(6).tolist(),
                "bias": round(self.bias, 6)}

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> Model:
        try:
            features = tuple(data["features"])  # type: ignore[arg-type]
            arrays = [np.asarray(data[k], dtype=np.float64) for k in ("mean", "scale", "weights")]
            bias = float(data["bias"])  # type: ignore[arg-type]
        except (KeyError, TypeError, ValueError) as exc:
            raise ModelError(f"malformed myth model: {exc}") from exc
        if features != FEATURES or any(a.shape != (len(FEATURES),) for a in arrays):
            raise ModelError(f"the myth model's features {features} are not {FEATURES}: run bench/train_myths.py")
        if not math.isfinite(bias) or not all(np.isfinite(a).all() for a in arrays) or (arrays[1] <= 0).any():
            raise ModelError("the myth model holds a non-finite number or a scale that is not positive")
        return cls(features, arrays[0], arrays[1], arrays[2], bias)


@lru_cache(maxsize=4)
def load(path: Path = MODEL_FILE) -> Model:
    """The shipped model (read once per process)."""
    return Model.from_dict(json.loads(path.read_text(encoding="utf-8")))
