"""Fitting pieces for the edit judge (training time only: scikit-learn is imported here, never by
factcheck.judge): features of labelled examples, a standardised logistic regression, out-of-fold
scores grouped by document, Platt calibration and the metrics the model card reports.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from factcheck.judge.edit import extract_edits
from factcheck.judge.features import NLIPairScores, nli_features, pair_features, support_features, vector
from factcheck.judge.support import Story
from training.judge_data import Example
from training.synthetic import split_sentences_simple

NLIScorer = Callable[[Example], NLIPairScores | None]
SupportScorer = Callable[[Example], tuple[float, float, float] | None]
_STORIES: dict[str, Story] = {}


def story_of(ex: Example) -> Story | None:
    if not ex.source:
        return None
    if ex.source not in _STORIES:
        _STORIES[ex.source] = Story(tuple(split_sentences_simple(ex.source)))
    return _STORIES[ex.source]


def example_features(ex: Example, with_story: bool, nli: NLIScorer | None = None,
                     support: SupportScorer | None = None) -> dict[str, float]:
    e = extract_edits(ex.old, ex.new)
    f = pair_features(ex.old, ex.new, e)
    if with_story:
        f.update(support_features(e, story_of(ex), support(ex) if support is not None else None))
    if nli is not None:
        f.update(nli_features(nli(ex)))
    return f


def matrix(examples: Sequence[Example], names: Sequence[str], with_story: bool,
           nli: NLIScorer | None = None, support: SupportScorer | None = None) -> np.ndarray:
    return np.array([vector(example_features(ex, with_story, nli, support), names) for ex in examples],
                    dtype=np.float64)


def fit_logistic(x: np.ndarray, y: np.ndarray, weights: np.ndarray | None = None, c: float = 0.3,
                 seed: int = 0) -> dict[str, Any]:
    """A logistic regression on standardised features, balanced between the two classes; returned
    as plain numbers (mean, scale, coef, intercept)."""
    from sklearn.linear_model import LogisticRegression

    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    w = np.ones(len(y)) if weights is None else np.asarray(weights, dtype=np.float64)
    # balance the classes after the sample weights
    for cls in (0, 1):
        total = w[y == cls].sum()
        if total > 0:
            w = np.where(y == cls, w * (w.sum() / (2 * total)), w)
    model = LogisticRegression(C=c, max_iter=5000, random_state=seed)
    model.fit((x - mean) / scale, y, sample_weight=w)
    return {"mean": mean.tolist(), "scale": scale.tolist(), "coef": model.coef_[0].tolist(),
            "intercept": float(model.intercept_[0])}


def decision(params: dict[str, Any], x: np.ndarray) -> np.ndarray:
    """The linear score (log-odds before calibration), each feature read within its training range
    when the parameters give one (as factcheck.judge.model reads it)."""
    if "low" in params and "high" in params:
        x = np.clip(x, np.asarray(params["low"]), np.asarray(params["high"]))
    z = (x - np.asarray(params["mean"])) / np.asarray(params["scale"])
    return np.asarray(z @ np.asarray(params["coef"]) + params["intercept"], dtype=np.float64)


def highest_per_item(scores: np.ndarray, sizes: Sequence[int]) -> np.ndarray:
    """Each item's highest score, ``scores`` holding the scores of every item's parts in turn (``sizes``
    parts each): an item is flagged when any of its sentence pairs is."""
    ends = np.cumsum(sizes)
    return np.array([scores[end - n:end].max() for n, end in zip(sizes, ends, strict=True)])


def grouped_folds(groups: Sequence[str], k: int, seed: int) -> list[np.ndarray]:
    """Fold index of each example: every example of one document lands in the same fold."""
    rng = np.random.default_rng(seed)
    names = sorted(set(groups))
    rng.shuffle(names)
    fold_of = {g: i % k for i, g in enumerate(names)}
    idx = np.array([fold_of[g] for g in groups])
    return [np.flatnonzero(idx == i) for i in range(k)]


def out_of_fold(x: np.ndarray, y: np.ndarray, groups: Sequence[str], weights: np.ndarray | None, c: float,
                k: int = 5, seed: int = 0, scored: np.ndarray | None = None) -> np.ndarray:
    """Scores of each example by a model trained without its document. ``scored`` marks the examples
    to score (the others only train, e.g. synthetic pairs)."""
    out = np.full(len(y), np.nan)
    for fold in grouped_folds(groups, k, seed):
        train = np.setdiff1d(np.arange(len(y)), fold)
        params = fit_logistic(x[train], y[train], None if weights is None else weights[train], c, seed)
        out[fold] = decision(params, x[fold])
    if scored is not None:
        out[~scored] = np.nan
    return out


def fit_platt(scores: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """P = 1 / (1 + exp(-(a * score + b))), fitted on held-out scores with the classes balanced."""
    from sklearn.linear_model import LogisticRegression

    ok = ~np.isnan(scores)
    m = LogisticRegression(C=1e6, class_weight="balanced", max_iter=5000)
    m.fit(scores[ok].reshape(-1, 1), y[ok])
    return float(m.coef_[0][0]), float(m.intercept_[0])


def platt(scores: np.ndarray, a: float, b: float) -> np.ndarray:
    return np.asarray(1.0 / (1.0 + np.exp(-(a * scores + b))), dtype=np.float64)


def balanced_accuracy(y: np.ndarray, flagged: np.ndarray) -> float:
    pos, neg = y == 1, y == 0
    tpr = float(flagged[pos].mean()) if pos.any() else 0.0
    tnr = float((~flagged[neg]).mean()) if neg.any() else 0.0
    return (tpr + tnr) / 2


def auc(y: np.ndarray, scores: np.ndarray) -> float:
    from sklearn.metrics import roc_auc_score

    return float(roc_auc_score(y, scores))


def best_threshold(y: np.ndarray, p: np.ndarray) -> tuple[float, float]:
    """The probability threshold with the highest balanced accuracy (midpoint between scores), and it."""
    values = np.unique(p)
    cuts = np.concatenate([[values[0] - 1e-9], (values[:-1] + values[1:]) / 2, [values[-1] + 1e-9]])
    scored = [(balanced_accuracy(y, p >= t), -abs(t - 0.5), t) for t in cuts]
    best = max(scored)
    return float(best[2]), float(best[0])


def precision_threshold(y: np.ndarray, p: np.ndarray, target: float) -> float:
    """The lowest threshold at which the flagged examples' precision reaches ``target`` (1.0 if never)."""
    order = np.argsort(-p, kind="stable")
    hits = np.cumsum(y[order] == 1)
    prec = hits / np.arange(1, len(order) + 1)
    ok = np.flatnonzero(prec >= target)
    # the deepest cut that still keeps the precision: the largest prefix
    good = [i for i in ok if i >= 19]  # at least 20 flagged, so that one example does not decide
    if not good:
        return 1.0
    return float(p[order][max(good)])


def pair_nli_requests(ex: Example) -> list[tuple[str, str]]:
    """The NLI pairs the pair features read: whole texts both ways, local clauses both ways."""
    from factcheck.judge.edit import local_clauses

    if not ex.old.strip() or not ex.new.strip():
        return []
    out = [(ex.old, ex.new), (ex.new, ex.old)]
    local = local_clauses(extract_edits(ex.old, ex.new))
    if local is not None and all(local):
        out += [local, (local[1], local[0])]
    return out


def nli_scorer(examples: Sequence[Example], nli: Any) -> NLIScorer:
    """Scores every example's NLI pairs in one batch (through ``nli``, e.g. a cached model) and returns
    a lookup from example to its NLIPairScores."""
    wanted = sorted({p for ex in examples for p in pair_nli_requests(ex)})
    scores = dict(zip(wanted, nli.predict(wanted), strict=True)) if wanted else {}

    def triple(p: tuple[str, str]) -> tuple[float, float, float]:
        s = scores[p]
        return (s.entailment, s.neutral, s.contradiction)

    def lookup(ex: Example) -> NLIPairScores | None:
        req = pair_nli_requests(ex)
        if not req:
            return None
        local = (triple(req[2]), triple(req[3])) if len(req) == 4 else (None, None)
        return NLIPairScores(triple(req[0]), triple(req[1]), *local)

    return lookup


def cached_models(cache_dir: str) -> tuple[Any, Any]:
    """The configured embedder and NLI model behind factcheck's result cache (loaded on first need)."""
    from factcheck.models.cache import ResultCache
    from factcheck.models.cached import cached_models as wrap
    from factcheck.models.config import load_models_config
    from factcheck.models.loaded import load_models

    config = load_models_config()
    cache = ResultCache(cache_dir)
    embedder, nli, _ = wrap(config, cache, lambda: load_models(config))
    return embedder, nli


def support_scorer(examples: Sequence[Example], embedder: Any, nli: Any) -> SupportScorer:
    """NLI of the story sentences closest to each example's new text (one premise of the top
    TOP_K, as factcheck.judge.decide builds it) against that text."""
    from factcheck.judge.support import retrieve, support_premise

    stories = {ex.source: story_of(ex) for ex in examples if ex.source}
    texts = sorted({s for st in stories.values() if st is not None for s in st.sentences}
                   | {ex.new for ex in examples if ex.new.strip()})
    vectors = dict(zip(texts, np.asarray(embedder.encode(texts)), strict=True))
    for src, st in stories.items():
        if st is not None:
            stories[src] = Story(st.sentences, np.stack([vectors[s] for s in st.sentences]))
    wanted: dict[Example, tuple[str, str]] = {}
    for ex in examples:
        st = stories.get(ex.source)
        if st is None or not ex.new.strip():
            continue
        idx = retrieve(vectors[ex.new], st, exclude=(ex.old, ex.new))
        if idx:
            wanted[ex] = (support_premise(idx, st), ex.new)
    pairs = sorted(set(wanted.values()))
    scores = dict(zip(pairs, nli.predict(pairs), strict=True)) if pairs else {}

    def lookup(ex: Example) -> tuple[float, float, float] | None:
        p = wanted.get(ex)
        if p is None:
            return None
        s = scores[p]
        return (s.entailment, s.neutral, s.contradiction)

    return lookup
