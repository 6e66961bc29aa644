"""Models behind the cache: each text (or pair) is looked up first; the real model is loaded only
when something is missing, so a re-run on an unchanged folder loads no model at all."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from factcheck.models.cache import ResultCache, text_key
from factcheck.models.config import ModelsConfig, ModelSpec


def model_key(spec: ModelSpec) -> str | None:
    """What identifies a model's outputs: its checksum (or pinned hub revision) and how it is read.
    None when nothing pins the weights: such a model is not cached."""
    if spec.sha256:
        pin = spec.sha256
    elif spec.kind == "hub" and "@" in spec.source:
        pin = spec.source
    else:
        return None
    return text_key(spec.role, spec.name, pin, str(spec.max_length), ",".join(spec.labels or ()))


class CachedEmbedder:
    """Vectors from the cache, else from the model. The vectors of one call always have one length:
    cached vectors whose lengths disagree with each other or with the model's are a corrupt cache,
    so they are computed again and replaced (the cache's ``problem`` says so)."""

    def __init__(self, key: str, cache: ResultCache, load: Callable[[], Any]) -> None:
        self.key, self.cache, self.load = key, cache, load
        self.hits = self.computed = 0
        self.dim: int | None = None  # the model's vector length, once a vector has been computed

    def _compute(self, texts: list[str]) -> dict[str, np.ndarray]:
        vectors = np.asarray(self.load().encode(texts), dtype=np.float32)
        self.dim = int(vectors.shape[1])
        new = {text_key(t): v for t, v in zip(texts, vectors, strict=True)}
        self.cache.put_embeddings(self.key, new)
        self.computed += len(texts)
        return new

    def _corrupt(self) -> dict[str, np.ndarray]:
        self.cache.problem = "cache held vectors of the wrong length; they were computed again and replaced"
        return {}

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        keys = [text_key(t) for t in texts]
        found = self.cache.get_embeddings(self.key, sorted(set(keys)))
        if len({len(v) for v in found.values()} | ({self.dim} if self.dim else set())) > 1:
            found = self._corrupt()
        missing = sorted({t for t, k in zip(texts, keys, strict=True) if k not in found})
        new = self._compute(missing) if missing else {}
        if any(len(v) != self.dim for v in found.values()) and new:  # the cache disagrees with the model
            new.update(self._compute(sorted({t for t, k in zip(texts, keys, strict=True) if k in found})))
            found = self._corrupt()
        found.update(new)
        self.hits += sum(k not in new for k in keys)
        if not texts:
            return np.zeros((0, 1), dtype=np.float32)
        return np.stack([found[k] for k in keys])


class CachedNLI:
    def __init__(self, key: str, cache: ResultCache, load: Callable[[], Any]) -> None:
        self.key, self.cache, self.load = key, cache, load
        self.hits = self.computed = 0

    def predict(self, pairs: Sequence[tuple[str, str]], progress: Callable[[int], None] | None = None) -> Any:
        from factcheck.models.nli import NLIScores

        keys = [text_key(a, b) for a, b in pairs]
        found = self.cache.get_nli(self.key, sorted(set(keys)))
        todo = [(k, p) for k, p in dict(zip(keys, pairs, strict=True)).items() if k not in found]
        if progress and len(pairs) > len(todo):
            progress(len(pairs) - len(todo))
        if todo:
            scores = self.load().predict([p for _, p in todo], progress)
            new = {k: (s.entailment, s.neutral, s.contradiction) for (k, _), s in zip(todo, scores, strict=True)}
            self.cache.put_nli(self.key, new)
            found.update(new)
        self.hits += len(pairs) - len(todo)
        self.computed += len(todo)
        return [NLIScores(*found[k]) for k in keys]


def cached_models(config: ModelsConfig, cache: ResultCache, load_all: Callable[[], Any]) -> tuple[Any, Any, bool]:
    """Embedder and NLI wrapped by the cache where their weights are pinned; ``load_all()`` gives the
    real models on first need. Returns (embedder, nli, cached_any)."""
    ek, nk = model_key(config.embedder), model_key(config.nli)
    embedder: Any = CachedEmbedder(ek, cache, lambda: load_all().embedder) if ek else None
    nli: Any = CachedNLI(nk, cache, lambda: load_all().nli) if nk else None
    return embedder, nli, bool(ek or nk)
