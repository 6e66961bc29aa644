"""The models of a run: loaded once per process, or wrapped by the cache so that they load on first need.

``Models`` holds an embedder and an NLI model (anything with ``encode`` and ``predict``): tests and
batch workers inject their own. ``models_for`` gives a run its models; ``embed`` turns every
version's sentences into unit vectors, one matrix per version.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np

from factcheck.inputs.segment import Sentence
from factcheck.models.cache import ResultCache
from factcheck.models.config import ModelsConfig

Progress = Callable[[str, int, int], None]


class EmbedderLike(Protocol):
    def encode(self, texts: Sequence[str]) -> Any: ...


class NLILike(Protocol):
    def predict(self, pairs: Sequence[tuple[str, str]], progress: Callable[[int], None] | None = None) -> Any: ...


@dataclass
class Models:
    """The loaded models and their descriptions; injectable for tests."""

    embedder: EmbedderLike
    nli: NLILike
    described: list[dict[str, Any]] = field(default_factory=list)


_LOADED: dict[tuple[str, str], Models] = {}


def load_models(config: ModelsConfig, progress: Progress | None = None) -> Models:
    """Load (once per process and models file) the embedder and the NLI model."""
    key = (config.path, repr((config.embedder, config.nli)))
    if key in _LOADED:
        return _LOADED[key]
    from factcheck.models.embedder import Embedder
    from factcheck.models.nli import NLIModel

    if progress:
        progress("loading models", 0, 2)
    embedder = Embedder(config.embedder)
    if progress:
        progress("loading models", 1, 2)
    nli = NLIModel(config.nli)
    if progress:
        progress("loading models", 2, 2)
    models = Models(embedder, nli, [config.embedder.describe(), config.nli.describe()])
    _LOADED[key] = models
    return models


def models_for(config: ModelsConfig, cache: ResultCache | None, progress: Progress | None,
               cached: list[Any]) -> Models:
    """The models for a run: loaded now, or (with a cache) wrapped so that they load on first need;
    the cache's wrappers are appended to ``cached`` (for ``cache_stats``)."""
    described = [config.embedder.describe(), config.nli.describe()]
    if cache is None:
        return load_models(config, progress)
    from factcheck.models.cached import cached_models

    holder: list[Models] = []

    def load_all() -> Models:
        if not holder:
            holder.append(load_models(config, progress))
        return holder[0]

    embedder, nli, _ = cached_models(config, cache, load_all)
    cached += [w for w in (embedder, nli) if w is not None]
    return Models(embedder or load_all().embedder, nli or load_all().nli, described)


def cache_stats(cached: list[Any], cache: ResultCache | None) -> dict[str, Any]:
    """What the cache did in a run: hits and computed texts per model, whether any model ran."""
    if cache is None or not cached:
        return {"used": False}
    # "used" agrees with the problem: a cache that could not be opened (or failed) was not used
    out: dict[str, Any] = {"used": cache.db is not None or any(w.hits for w in cached)}
    for w in cached:
        out["embeddings" if hasattr(w, "encode") else "nli"] = {"from_cache": w.hits, "computed": w.computed}
    out["inference"] = any(w.computed for w in cached)
    if cache.problem:
        out["problem"] = cache.problem
    return out


def embed(sentences: Sequence[Sequence[Sentence]], embedder: EmbedderLike,
          progress: Progress | None = None) -> list[np.ndarray]:
    """One matrix of sentence vectors per version (its normalised texts, encoded in one call)."""
    flat = [s.norm for sents in sentences for s in sents]
    if progress:
        progress("embedding", 0, len(flat))
    matrix = np.asarray(embedder.encode(flat), dtype=np.float32) if flat else np.zeros((0, 1))
    out, pos = [], 0
    for sents in sentences:
        out.append(matrix[pos:pos + len(sents)])
        pos += len(sents)
    if progress:
        progress("embedding", len(flat), len(flat))
    return out
