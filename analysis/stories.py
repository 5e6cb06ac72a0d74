"""Group mentions into stories: the same story carried by several sources, copied or told in other words.

Owns :func:`group` (new mentions, plus already-grouped ones near in time -> each new mention's story)
and :class:`StoryParams`. Text normalisation is :mod:`analysis.story_text`. Two kinds of evidence:

* **duplicate**: near-identical copies (syndicated wire copy, an edited copy, a re-post). Texts become
  sets of word 3-shingles; datasketch MinHash signatures in an LSH index find the candidates without
  comparing all pairs (the index holds the new texts, every text in the window queries it), and a
  candidate counts when the exact Jaccard similarity of the two shingle sets reaches
  ``duplicate_threshold``.
* **paraphrase**: the same story in other words. Content terms (stop words out, lightly stemmed, the
  headline's counted twice) are weighted by TF-IDF over the mentions of the call, so words every mention
  uses ("pension", "DWP") weigh little and names and figures weigh much; cosines come from sparse
  matrix products by chunks of new mentions against the mentions of their window only.

Evidence is weighed with care where it is thin or misleading:

* short texts need more: the paraphrase threshold rises by up to :data:`SHORT_BOOST` as the shorter
  text of a pair has fewer content terms, and one of under :data:`MIN_TERMS` terms (a bare "Winter
  Fuel Payment" forum title) joins only as a copy;
* time apart needs more: ``paraphrase_threshold`` is for mentions published together and rises by
  :data:`TIME_BOOST` across ``window_hours``, as a story's coverage comes in a burst and a report two
  days on is more often a new turn (a protest about a review) than the same news;
* two texts that both state figures (£150, 4.8%, 24 December) and share none are never one story,
  however alike their words: that is one template told of another case (payment dates for Christmas
  and for Easter; two councils' support funds; two court cases);
* a publisher's own template words ("An Act of the Scottish Parliament to make provision...") are
  discounted by the share of that source's other mentions in the call that use them.

Chaining (A like B, B like C, A unlike C, until one story swallows a topic) is guarded by the story's
centroid: a mention joins by paraphrase only if it is similar enough to one member *and* the sum of all
the story's members' vectors is as similar to it as that link needed. The centroid is what the story
is about so far, so a mention that matches one member on a side detail does not pull the story
towards its own subject; unlike a cap on members compared, it costs one sparse dot product per
candidate story. Copies skip that check: a copy adds nothing new.

New mentions are taken in published_at order (ties by mention_id); each is compared with the known
mentions and the earlier new ones. A batch split gives the same stories as one call as long as the word
weights (document frequencies over the call) do not carry a pair across a threshold.
"""

from __future__ import annotations

import math
import zlib
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from datasketch import MinHash, MinHashLSH
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.preprocessing import OneHotEncoder, normalize

from analysis import story_text

METHODS = ("first", "duplicate", "paraphrase")
OUTPUT_COLUMNS = {"mention_id": "string", "story_id": "string", "method": "string", "similarity": "float64"}

NUM_PERM = 96  # MinHash permutations: 32 bands of 3 at the default threshold; the exact Jaccard decides
MAX_COPY_CANDIDATES = 50  # copies compared exactly per text, the likeliest first (by MinHash estimate)
MIN_SHINGLES = 4  # a text of fewer shingles (under 6 words) is a copy only word for word...
MIN_TERMS = 4  # ...and of at least this many content terms; also the least for joining by paraphrase
SHORT_TERMS = 12  # below this many content terms in the shorter text, the paraphrase threshold rises...
SHORT_BOOST = 0.25  # ...by up to this much, for the shortest texts...
TIME_BOOST = 0.2  # ...and by this much more across the window: a story's coverage comes in a burst
CENTROID_SHARE = 1.0  # a story's centroid must reach this share of what its best member link needed...
MAX_TRIES = 10  # ...tried on the stories of the best-matching members, best first
MAX_CANDIDATES = 200  # most similar earlier mentions kept per new mention (a story-heavy window has thousands)
PRIOR_DOCS = 50  # IDF as if the call held this many more mentions without the word: steadies a small window
TITLE_REPEAT = 1  # the headline's terms are counted once more: a headline states what the story is
SOURCE_MIN = 5  # mentions of one source in a call before its own template words are discounted
CHUNK = 512  # new mentions per sparse product
OPTIONAL = ("title", "text", "source")  # columns read when present; a missing one counts as empty


@dataclass(frozen=True)
class StoryParams:
    """Thresholds of :func:`group`; see config/loader.py's [stories] settings for their help texts."""

    duplicate_threshold: float = 0.5
    paraphrase_threshold: float = 0.2
    window_hours: float = 72.0

    @classmethod
    def from_settings(cls, settings: Any) -> StoryParams:
        return cls(duplicate_threshold=float(settings.duplicate_threshold),
                   paraphrase_threshold=float(settings.paraphrase_threshold),
                   window_hours=float(settings.story_window_hours))


def group(new: pd.DataFrame, known: pd.DataFrame, params: StoryParams) -> pd.DataFrame:
    """Each new mention's story: mention_id, story_id, method (one of METHODS), similarity; in ``new``'s order.

    ``new`` has mention_id, title, text, published_at, source, channel; ``known`` the same plus story_id
    (already-grouped mentions near in time). A mention that starts a story gets its own id as story_id."""
    if new.empty:
        return _frame([], [], [], [])
    docs = _Docs(new, known, params.window_hours)
    vectors = _vectors(docs)
    copies = _copies(docs, params.duplicate_threshold)
    similar = _similar(docs, vectors, params.paraphrase_threshold, skip=copies)
    centroids = _Centroids(docs, vectors)
    decided = {}
    for k in range(docs.n_known, len(docs.ids)):
        code, how, score = _choose(docs, k, copies.get(k), similar.get(k), centroids)
        code = docs.join(k, code)
        centroids.add(code, k)
        decided[docs.ids[k]] = (docs.story_ids[code], how, score)
    ids = new["mention_id"].astype("string").tolist()
    return _frame(ids, *zip(*(decided[i] for i in ids)))


class _Docs:
    """Known mentions (in time order) then new ones (in processing order): words, times and story codes."""

    def __init__(self, new: pd.DataFrame, known: pd.DataFrame, window_hours: float) -> None:
        new = new.reindex(columns=[*new.columns, *(c for c in OPTIONAL if c not in new.columns)])
        new = new.assign(mention_id=new["mention_id"].astype("string"), _hours=_hours(new["published_at"]))
        # an undated new mention counts from the latest date of the call, as collectors date undated items
        latest = new["_hours"].max()
        new["_hours"] = new["_hours"].fillna(latest if pd.notna(latest) else 0.0)
        new = new.sort_values(["_hours", "mention_id"], kind="stable")
        known = _usable_known(known, new, window_hours)
        self.n_known = len(known)
        self.ids: list[str] = known["mention_id"].tolist() + new["mention_id"].astype(str).tolist()
        self.hours = np.concatenate([known["_hours"].to_numpy(float), new["_hours"].to_numpy(float)])
        self.window = float(window_hours)
        codes, story_ids = pd.factorize(known["story_id"], sort=True)
        self.story_ids: list[str] = list(story_ids)
        self.code = np.concatenate([codes, np.full(len(new), -1)]).astype(np.int64)
        self.sources = [_str(x) or "" for x in known["source"].tolist() + new["source"].tolist()]
        titles = [_str(t) for t in known["title"].tolist() + new["title"].tolist()]
        texts = [_str(t) for t in known["text"].tolist() + new["text"].tolist()]
        prepared = [story_text.prepare(t, x) for t, x in zip(titles, texts)]
        self.words = [p.words for p in prepared]
        self.terms = [p.terms + p.headline * TITLE_REPEAT for p in prepared]
        self.figures = [p.figures for p in prepared]
        self.n_terms = np.array([len(set(t)) for t in self.terms])

    def join(self, k: int, code: int | None) -> int:
        """Record new mention ``k``'s story code; None starts a story named after the mention."""
        if code is None:
            self.story_ids.append(self.ids[k])
            code = len(self.story_ids) - 1
        self.code[k] = code
        return code

    def conflict(self, i: int, j: int) -> bool:
        """Whether the two texts' figures show different cases of one template (story_text.disagree)."""
        return story_text.disagree(self.figures[i], self.figures[j])

    def window_start(self, rows: np.ndarray) -> int:
        """First known mention within the window of new mentions ``rows`` (known ones are in time order)."""
        return int(np.searchsorted(self.hours[:self.n_known], self.hours[rows].min() - self.window))


def _usable_known(known: pd.DataFrame, new: pd.DataFrame, window_hours: float) -> pd.DataFrame:
    """Known rows with a story, a date within the window of some new mention, and not themselves new."""
    columns = ["mention_id", "story_id", "title", "text", "source", "_hours"]
    if known is None or known.empty:
        return pd.DataFrame({c: pd.Series([], dtype=float if c == "_hours" else object) for c in columns})
    known = known.reindex(columns=[*known.columns, *(c for c in OPTIONAL if c not in known.columns)])
    known = known.assign(mention_id=known["mention_id"].astype("string"), _hours=_hours(known["published_at"]))
    keep = (known["story_id"].notna() & known["_hours"].notna() & ~known["mention_id"].isin(set(new["mention_id"]))
            & known["_hours"].between(new["_hours"].min() - window_hours, new["_hours"].max() + window_hours))
    known = known.loc[keep].sort_values(["_hours", "mention_id"], kind="stable")
    return known.assign(story_id=known["story_id"].astype(str), mention_id=known["mention_id"].astype(str))[columns]


def _vectors(docs: _Docs) -> Any:
    """Unit-length TF-IDF rows (sparse; sublinear term counts), IDF over the call with :data:`PRIOR_DOCS` damping."""
    if not any(docs.terms):
        return None
    counts = CountVectorizer(analyzer=lambda terms: terms, lowercase=False).fit_transform(docs.terms)
    counts = counts.astype(np.float64)
    df = np.bincount(counts.indices, minlength=counts.shape[1])
    idf = np.log((counts.shape[0] + PRIOR_DOCS) / (df + 1.0)) + 1.0
    weights = (1.0 + np.log(counts.data)) * idf[counts.indices] * _source_factor(docs, counts)
    counts.data = weights
    counts.eliminate_zeros()
    return normalize(counts, norm="l2", copy=False)


def _source_factor(docs: _Docs, counts: Any) -> np.ndarray:
    """For each (mention, term) of ``counts``: 1 - the share of the source's other mentions that use the
    term too, for sources of at least :data:`SOURCE_MIN` mentions in the call. A publisher's own template
    ("An Act of the Scottish Parliament to make provision...") says nothing about which story it is."""
    rows = np.repeat(np.arange(counts.shape[0]), np.diff(counts.indptr))
    sources = pd.Series(docs.sources)
    per_source = sources.map(sources.value_counts()).to_numpy()[rows]
    used_by = pd.DataFrame({"source": sources.to_numpy()[rows], "term": counts.indices})
    used_by = used_by.groupby(["source", "term"])["term"].transform("size").to_numpy()
    share = (used_by - 1) / np.maximum(per_source - 1, 1)
    return np.where(per_source >= SOURCE_MIN, 1.0 - share, 1.0)


def _copies(docs: _Docs, threshold: float) -> dict[int, tuple[np.ndarray, np.ndarray]]:
    """For each new mention: (earlier mentions in its window whose shingle sets it shares at ``threshold``
    or more, those Jaccard similarities). Identical texts are indexed once, so a re-posted text costs once."""
    text_of, texts = _distinct_shingle_sets(docs)
    fresh = sorted(set(text_of[docs.n_known:].tolist()) - {-1})
    if not fresh:
        return {}
    signatures = MinHash.bulk([[s.encode("utf-8") for s in text] for text in texts], num_perm=NUM_PERM, seed=1,
                              hashfunc=_hash)
    # the index holds the new mentions' texts only and every text queries it: a few thousand inserts
    # rather than tens of thousands, and each pair (new, earlier) is still found
    lsh = MinHashLSH(num_perm=NUM_PERM, params=_bands(threshold))
    with lsh.insertion_session() as session:
        for t in fresh:
            session.insert(t, signatures[t], check_duplication=False)
    candidates: dict[int, list[int]] = {t: [] for t in fresh}
    for u, signature in enumerate(signatures):
        for t in lsh.query(signature):
            candidates[t].append(u)
    order = np.argsort(text_of, kind="stable")
    starts = np.searchsorted(text_of[order], np.arange(len(texts) + 1))
    members = {u: order[starts[u]:starts[u + 1]] for u in range(len(texts))}
    hashes = np.vstack([signature.hashvalues for signature in signatures])
    near = {t: _near_copies(t, sorted(candidates[t]), texts, hashes, members, threshold, docs) for t in fresh}
    out = {}
    for k in range(docs.n_known, len(docs.ids)):
        if text_of[k] >= 0:
            found, scores = near[int(text_of[k])]
            inside = (found < k) & (np.abs(docs.hours[found] - docs.hours[k]) <= docs.window)
            if inside.any():
                out[k] = (found[inside], scores[inside])
    return out


def _bands(threshold: float) -> tuple[int, int]:
    """LSH (bands, rows): the most rows per band (fewest chance candidates) that still make a pair at the
    threshold a candidate at least 97 times in 100."""
    for rows in range(8, 1, -1):
        bands = NUM_PERM // rows
        if 1 - (1 - threshold ** rows) ** bands >= 0.97:
            return bands, rows
    return NUM_PERM // 2, 2


def _near_copies(t: int, candidates: list[int], texts: list[frozenset[str]], hashes: np.ndarray,
                 members: dict[int, np.ndarray], threshold: float, docs: _Docs) -> tuple[np.ndarray, np.ndarray]:
    """Mentions whose text is a copy of text ``t`` and their Jaccard similarities: the exact Jaccard of the
    :data:`MAX_COPY_CANDIDATES` candidates of highest MinHash estimate (a text posted hundreds of times in
    a window would otherwise cost hundreds of set comparisons per mention)."""
    estimate = (hashes[candidates] == hashes[t]).mean(axis=1)
    ranked = [candidates[i] for i in np.argsort(-estimate, kind="stable")[:MAX_COPY_CANDIDATES]]
    found, scores = [], []
    for u in ranked:
        jaccard = len(texts[t] & texts[u]) / len(texts[t] | texts[u])
        short = min(len(texts[t]), len(texts[u])) < MIN_SHINGLES  # a short text is a copy only word for word
        if jaccard >= (1.0 if short else threshold) and not docs.conflict(members[t][0], members[u][0]):
            found.append(members[u])
            scores.append(np.full(len(members[u]), jaccard))
    if not found:
        return np.array([], dtype=np.int64), np.array([])
    return np.concatenate(found), np.concatenate(scores)


def _hash(data: bytes) -> int:
    return zlib.crc32(data)  # stable across processes, and several times faster than the default SHA-1


def _distinct_shingle_sets(docs: _Docs) -> tuple[np.ndarray, list[frozenset[str]]]:
    """Each mention's text number (-1: too little to be anything's copy) and the distinct shingle sets."""
    numbers: dict[frozenset[str], int] = {}
    text_of = np.full(len(docs.ids), -1, dtype=np.int64)  # -1 sorts first: members[] never sees it
    for i, words in enumerate(docs.words):
        shingles = story_text.shingles(words)
        if len(shingles) >= MIN_SHINGLES or docs.n_terms[i] >= MIN_TERMS:
            text_of[i] = numbers.setdefault(frozenset(shingles), len(numbers))
    return text_of, list(numbers)


def _similar(docs: _Docs, vectors: Any, threshold: float, skip: Any) -> dict[int, tuple[np.ndarray, ...]]:
    """For each new mention not in ``skip`` (those with a copy): (the earlier mentions in its window similar
    enough for a paraphrase, at most :data:`MAX_CANDIDATES` of the most similar; their cosines; the cosine
    each pair needed)."""
    out: dict[int, tuple[np.ndarray, ...]] = {}
    todo = np.array([k for k in range(docs.n_known, len(docs.ids)) if k not in skip and docs.n_terms[k] >= MIN_TERMS])
    if vectors is None or not len(todo):
        return out
    for chunk in np.array_split(todo, -(-len(todo) // CHUNK)):
        lo = docs.window_start(chunk)
        product = (vectors[chunk] @ vectors[lo:int(chunk.max())].T).tocsr()
        passing = np.flatnonzero(product.data >= threshold)  # the least any pair needs: cheap, and most fail
        rows = chunk[np.searchsorted(product.indptr, passing, side="right") - 1]
        cols, cos = product.indices[passing] + lo, product.data[passing]
        shorter = np.minimum(docs.n_terms[rows], docs.n_terms[cols])
        # shorter texts need more evidence; a text of fewer than MIN_TERMS terms joins only as a copy
        gap = np.abs(docs.hours[cols] - docs.hours[rows])
        needed = (threshold + SHORT_BOOST * np.clip((SHORT_TERMS - shorter) / SHORT_TERMS, 0.0, 1.0)
                  + TIME_BOOST * gap / max(docs.window, 1.0))
        keep = (cos >= needed) & (cols < rows) & (shorter >= MIN_TERMS) & (gap <= docs.window)
        rows, cols, cos, needed = _most_similar(rows[keep], cols[keep], cos[keep], needed[keep])
        # figures that differ (£150 vs £200, 24 December vs 2 April) mark one template told of another
        # case, however many words it shares: never the same story
        keep = np.array([not docs.conflict(r, c) for r, c in zip(rows.tolist(), cols.tolist())], dtype=bool)
        rows, cols, cos, needed = rows[keep], cols[keep], cos[keep], needed[keep]
        bounds = np.flatnonzero(np.diff(rows)) + 1
        for r, c, v, n in zip(*(np.split(a, bounds) for a in (rows, cols, cos, needed))):
            if len(r):
                out[int(r[0])] = (c, v, n)
    return out


def _most_similar(rows: np.ndarray, cols: np.ndarray, cos: np.ndarray, needed: np.ndarray) -> tuple[np.ndarray, ...]:
    """The pairs grouped by row, each row's :data:`MAX_CANDIDATES` most similar first."""
    order = np.lexsort((cols, -cos, rows))
    rows = rows[order]
    starts = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]])
    rank = np.arange(len(rows)) - np.repeat(starts, np.diff(np.r_[starts, len(rows)]))
    keep = rank < MAX_CANDIDATES
    return rows[keep], cols[order][keep], cos[order][keep], needed[order][keep]


class _Centroids:
    """Each story's summed member vectors ({term: weight}) and squared norm, kept up to date as mentions join."""

    def __init__(self, docs: _Docs, vectors: Any) -> None:
        self.vectors, self.totals = vectors, None
        self.sums: dict[int, dict[int, float]] = {}
        self.norms: dict[int, float] = {}
        if vectors is not None and docs.n_known:
            # one-hot story membership times the member vectors: every known story's sum in one product
            membership = OneHotEncoder(dtype=np.float64).fit_transform(docs.code[:docs.n_known].reshape(-1, 1))
            self.totals = (membership.T @ vectors[:docs.n_known]).tocsr()

    def similarity(self, code: int, k: int) -> float:
        total = self._sum(code)
        dot = sum(total.get(t, 0.0) * w for t, w in _row(self.vectors, k))
        return dot / math.sqrt(self.norms[code]) if self.norms[code] > 0 else 0.0

    def add(self, code: int, k: int) -> None:
        if self.vectors is not None:
            total, row = self._sum(code), _row(self.vectors, k)
            self.norms[code] += sum((2 * total.get(t, 0.0) + w) * w for t, w in row)  # |s + x|^2, term by term
            for t, w in row:
                total[t] = total.get(t, 0.0) + w

    def _sum(self, code: int) -> dict[int, float]:
        if code not in self.sums:
            known = self.totals is not None and code < self.totals.shape[0]
            row = _row(self.totals, code) if known else []
            self.sums[code], self.norms[code] = dict(row), sum(w * w for _, w in row)
        return self.sums[code]


def _row(matrix: Any, row: int) -> list[tuple[int, float]]:
    """(column, value) of one row of a CSR matrix."""
    begin, end = matrix.indptr[row], matrix.indptr[row + 1]
    return list(zip(matrix.indices[begin:end].tolist(), matrix.data[begin:end].tolist()))


def _choose(docs: _Docs, k: int, copies: tuple | None, similar: tuple | None,
            centroids: _Centroids) -> tuple[int | None, str, float]:
    """(story code, method, similarity) for new mention ``k``: the best copy's story, else the best
    paraphrase's whose centroid agrees, else None: a story of its own."""
    if copies is not None:
        code, score, _ = _best(docs, *copies, copies[1])[0]
        return code, "duplicate", score
    if similar is not None:
        # the centroid must reach what the best member link needed (its threshold, short and time boosts)
        for code, score, needed in _best(docs, *similar)[:MAX_TRIES]:
            if centroids.similarity(code, k) >= CENTROID_SHARE * needed:
                return code, "paraphrase", score
    return None, "first", 1.0


def _best(docs: _Docs, cols: np.ndarray, scores: np.ndarray, needed: np.ndarray) -> list[tuple[int, float, float]]:
    """Each candidate story's best (score, what it needed), best first (ties by story id: deterministic)."""
    codes = docs.code[cols]
    order = np.lexsort((-scores, codes))
    codes, scores, needed = codes[order], scores[order], needed[order]
    first = np.r_[True, codes[1:] != codes[:-1]]
    best = zip(codes[first].tolist(), scores[first].tolist(), needed[first].tolist())
    return sorted(best, key=lambda c: (-c[1], docs.story_ids[c[0]]))


def _hours(values: pd.Series) -> pd.Series:
    stamps = pd.to_datetime(values, utc=True, errors="coerce")
    return (stamps - pd.Timestamp("1970-01-01", tz="UTC")) / pd.Timedelta(hours=1)


def _str(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _frame(ids: Any, stories: Any, methods: Any, scores: Any) -> pd.DataFrame:
    frame = pd.DataFrame({"mention_id": list(ids), "story_id": list(stories), "method": list(methods),
                          "similarity": list(scores)})
    return frame.astype(OUTPUT_COLUMNS)
