"""The pipeline: versions -> sentences -> embeddings -> slots -> NLI and checks -> Report.

Library code: it never prints or exits. Progress goes to an optional callback
``progress(stage, done, total)``; errors are FactcheckError subclasses.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from factcheck.align import AlignedGroup, candidate_links, cosine_matrix, group_links
from factcheck.align.candidates import verify_splits
from factcheck.align.grouping import slot_variants
from factcheck.align.lexical import blend, dice_matrix
from factcheck.cache import ResultCache
from factcheck.change_kind import label_slots
from factcheck.checks import CHECKS, CheckContext
from factcheck.errors import ConfigError
from factcheck.judge_findings import Judged, judge_slots
from factcheck.ledger.corrections import notices as story_notices
from factcheck.limits import Limits
from factcheck.merge import merge_findings
from factcheck.models.config import ModelsConfig, load_models_config
from factcheck.nli_findings import NLIPair, interpret_pairs, plan_pairs
from factcheck.policy import Policy, select_and_grade, suppress
from factcheck.relatedness import overlaps, require_related
from factcheck.report import Report
from factcheck.segment import Sentence, split_sentences
from factcheck.versions import DEFAULT_MAX_BYTES, Version, folder_notes, load_versions, require_two, tell_apart

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


def align(sentences: list[list[Sentence]], embeddings: list[np.ndarray],
          thresholds: Mapping[str, float], embed: Callable[[list[str]], Any],
          names: Sequence[str] | None = None) -> list[AlignedGroup]:
    """Similarity (embeddings blended with word overlap) -> candidate links -> verified splits -> slots.

    Each pair of versions is compared in the order of their ``names``, so the links do not depend on
    the order in which the versions were given."""
    label = list(names) if names is not None else [f"{v:09d}" for v in range(len(sentences))]
    links = []
    for a, b in combinations(range(len(sentences)), 2):
        if label[b] < label[a]:
            a, b = b, a
        sim = blend(cosine_matrix(embeddings[a], embeddings[b]),
                    dice_matrix([s.norm for s in sentences[a]], [s.norm for s in sentences[b]]),
                    thresholds["align_weight"])
        links += candidate_links(a, b, sim, thresholds["align"], thresholds["align_split"])
    texts = {s.key: s.norm for sents in sentences for s in sents}
    links = verify_splits(links, texts, embed, thresholds["align_weight"])
    return group_links([len(s) for s in sentences], links, label)


def _models_for(config: ModelsConfig, cache: ResultCache | None, progress: Progress | None,
                cached: list[Any]) -> Models:
    """The models for a run: loaded now, or (with a cache) wrapped so that they load on first need."""
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


def _cache_stats(cached: list[Any], cache: ResultCache | None) -> dict[str, Any]:
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


def check_versions(
    versions: Mapping[str, str] | Iterable[str | os.PathLike[str]] | Sequence[Version],
    models: str | Path | ModelsConfig | Models | None = None,
    fail_on: str = "error",
    progress: Progress | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    thresholds: Mapping[str, float] | None = None,
    checks: Iterable[str] | None = None,
    policy: Policy | None = None,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    exit_zero: bool = False,
    cache: ResultCache | None = None,
    limits: Limits | None = None,
    follow_links: bool = False,
    allow_unrelated: bool = False,
    judge: bool = True,
) -> Report:
    """Compare versions of one story and return the Report.

    ``versions``: a mapping of name -> text, paths (folders or files), or Version objects.
    ``models``: a models.yaml path, a parsed config, loaded Models, or None for the default.
    ``checks``: names of the targeted checks to run (default: all of ``factcheck.checks.CHECKS``).
    ``policy``: enabled rules, severities, inline suppressions and a baseline (default: all rules).
    ``include``/``exclude``: globs that choose the files inside folders.
    ``cache``: where embeddings and NLI scores are kept between runs; with every result cached, no
    model is loaded at all. Injected ``Models`` are never cached.
    ``limits``: most versions, sentences per version and characters per version (InputError past them).
    ``follow_links``: read links in folders whose targets are outside the folder (skipped by default).
    ``allow_unrelated``: compare versions that look like different stories (noted in the report)
    instead of raising InputError FCE125.
    ``judge``: let the edit judge decide the changed slots it can read (default); False leaves every
    changed slot to the NLI model, as before the judge.
    """
    limits = limits or Limits()
    policy = policy or Policy()
    policy.validate()
    selected = list(CHECKS) if checks is None else list(checks)
    unknown = [c for c in selected if c not in CHECKS]
    if unknown:
        raise ConfigError(f"unknown check {unknown[0]!r}", f"valid checks: {', '.join(CHECKS)}", "FCE203")
    timings: dict[str, float] = {}
    notes: list[str] = []
    t = time.perf_counter()
    if isinstance(versions, Sequence) and versions and all(isinstance(v, Version) for v in versions):
        vs = [v for v in versions if isinstance(v, Version)]
        limits.check_versions(len(vs))
        require_two(vs)
    else:
        vs = load_versions(versions, max_bytes=max_bytes, include=include, exclude=exclude,  # type: ignore[arg-type]
                           limits=limits, follow_links=follow_links)
        if not isinstance(versions, Mapping):
            notes = folder_notes(versions, include, exclude, follow_links)  # type: ignore[arg-type]
    tell_apart(vs)
    timings["read"] = time.perf_counter() - t

    t = time.perf_counter()
    sentences = [split_sentences(v, n, limits) for n, v in enumerate(vs)]
    timings["segment"] = time.perf_counter() - t

    t = time.perf_counter()
    cached: list[Any] = []
    if isinstance(models, Models):
        loaded = models
        config_thresholds: dict[str, float] = {}
    else:
        config = models if isinstance(models, ModelsConfig) else load_models_config(models)
        config_thresholds = config.thresholds
        loaded = _models_for(config, cache, progress, cached)
    from factcheck.models.config import THRESHOLDS

    th = {**THRESHOLDS, **config_thresholds, **(thresholds or {})}
    timings["load_models"] = time.perf_counter() - t

    t = time.perf_counter()
    flat = [s.norm for sents in sentences for s in sents]
    if progress:
        progress("embedding", 0, len(flat))
    matrix = np.asarray(loaded.embedder.encode(flat), dtype=np.float32) if flat else np.zeros((0, 1))
    embeddings, pos = [], 0
    for sents in sentences:
        embeddings.append(matrix[pos:pos + len(sents)])
        pos += len(sents)
    if progress:
        progress("embedding", len(flat), len(flat))
    timings["embed"] = time.perf_counter() - t

    t = time.perf_counter()
    groups = align(sentences, embeddings, th, loaded.embedder.encode, [v.id for v in vs])
    timings["align"] = time.perf_counter() - t
    overlap = overlaps(sentences, groups, embeddings)
    if allow_unrelated:
        notes += [f"{vs[o.version].id} shares {o.shared} of {o.sentences} sentences with {vs[o.partner].id}: it "
                  "looks like a different story (compared anyway: --allow-unrelated)" for o in overlap if o.unrelated]
    else:
        require_related([v.id for v in vs], overlap)

    t = time.perf_counter()
    ctx = CheckContext(vs, sentences, groups, embeddings)
    # verdicts are cached only with models loaded from a config (whose embedder is named): injected
    # test models would key the story's vectors wrongly
    judge_cache = cache if cached else None
    judged = judge_slots(ctx, judge_cache, repr(loaded.described[:1])) if judge else Judged([], frozenset())
    timings["judge"] = time.perf_counter() - t

    t = time.perf_counter()
    # the NLI model compares the slots the judge leaves undecided (rewrites) and finds neighbours
    pairs: list[NLIPair] = [p for p in plan_pairs(sentences, groups, embeddings, th["neighbour"])
                            if p.kind != "slot" or p.group not in judged.decided]
    texts = [(p.premise_text, p.hypothesis_text) for p in pairs]
    done = [0]

    def tick(n: int) -> None:
        done[0] += n
        if progress:
            progress("NLI", done[0], len(texts))

    if progress:
        progress("NLI", 0, len(texts))
    scores = loaded.nli.predict(texts, tick) if texts else []
    timings["nli"] = time.perf_counter() - t

    t = time.perf_counter()
    findings = interpret_pairs(ctx, pairs, scores, th) + judged.findings
    for name in selected:
        findings += CHECKS[name](ctx)
    findings, disabled = select_and_grade(findings, policy)
    findings = merge_findings(findings)
    changes = label_slots(sentences, groups, len(vs), findings)
    findings, suppressed = suppress(findings, vs, sentences, policy)
    timings["checks"] = time.perf_counter() - t

    changed = sum(1 for g in groups if len(slot_variants(sentences, g)) > 1)
    stats = {
        "versions": len(vs),
        "sentences": sum(len(s) for s in sentences),
        "slots": len(groups),
        "changed_slots": changed,
        "nli_pairs": len(pairs),
        "cache": _cache_stats(cached, cache),
        "seconds": {k: round(v, 4) for k, v in timings.items()},
    }
    notices = [{"version": vs[n.sentence.version].id, "line": n.sentence.line,
                "text": " ".join(s.text for s in n.sentences)} for n in story_notices(ctx)]
    return Report(vs, sentences, groups, findings, loaded.described, stats, fail_on, exit_zero, suppressed, disabled,
                  notes, changes, notices)
