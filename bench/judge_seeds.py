"""The edit judge on the bundled example (examples/kerry), beside today's pipeline, without rewiring it.

Runs the pipeline as it is (for its slots and embeddings), then calls factcheck.judge the way the
pipeline will: for each changed slot, each pair of its distinct texts, with the rest of the story
(every other sentence of every version, with its embedding); for a slot some versions lack, the
sentence as added (or removed) against the story. Prints each verdict at warning or above, the
counts per kind and severity, and the judge's time against the pipeline's.

Usage: python bench/judge_seeds.py [FOLDER]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

from factcheck.judge import Request, Story, judge_many
from factcheck.judge.model import shipped_model
from factcheck.models.cache import ResultCache, default_cache_dir
from factcheck.models.config import load_models_config
from factcheck.pipeline import check_versions
from factcheck.slots.context import CheckContext
from factcheck.text.lexicon import lexicon


def main() -> None:
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "examples/kerry")
    cache = ResultCache(default_cache_dir())
    config = load_models_config()
    start = time.perf_counter()
    report = check_versions([folder], models=config, cache=cache)
    pipeline_s = time.perf_counter() - start
    from factcheck.models.cached import cached_models
    from factcheck.models.loaded import load_models

    embedder, _, _ = cached_models(config, cache, lambda: load_models(config))
    sentences = report.sentences
    flat = [s for sents in sentences for s in sents]
    vectors = np.asarray(embedder.encode([s.norm for s in flat]), dtype=np.float32)
    vec = {s.key: v for s, v in zip(flat, vectors, strict=True)}
    ctx = CheckContext(report.versions, sentences, report.groups)
    lexicon()
    shipped_model()  # loaded once per process: not counted per slot

    t = time.perf_counter()
    requests, labels = [], []
    unique = {}
    for s in flat:
        unique.setdefault(s.norm, s)
    whole = Story(tuple(unique), np.stack([vec[s.key] for s in unique.values()]),
                  tuple(f"{report.versions[s.version].id} line {s.line}" for s in unique.values()))
    for g in report.groups:
        # the rest of the story: every sentence but the slot's own
        story = whole.excluding([sentences[v][i].norm for v, i in g.keys()])
        texts = ctx.slot_texts(g)
        present = g.versions
        if texts is not None:
            for a, b in texts.pairs():
                new_vec = np.mean([vec[s.key] for s in texts.sents[b]], axis=0)
                requests.append(Request(texts.text(a), texts.text(b), story, new_vec))
                labels.append(f"slot {g.id}: {texts.labels[a]} -> {texts.labels[b]}")
        if len(present) < len(report.versions):
            v = present[0]
            text = " ".join(sentences[v][i].norm for i in g.members[v])
            new_vec = np.mean([vec[(v, i)] for i in g.members[v]], axis=0)
            older = [u for u in range(len(report.versions)) if u not in present and u < v]
            if older:
                requests.append(Request("", text, story, new_vec))
                labels.append(f"slot {g.id}: only from {report.versions[v].id} on (added)")
            else:
                requests.append(Request(text, "", story))
                labels.append(f"slot {g.id}: not in the later versions (removed)")
    verdicts = judge_many(requests)
    judge_s = time.perf_counter() - t

    counts: dict[tuple[str, str], int] = {}
    for label, r, v in zip(labels, requests, verdicts, strict=True):
        counts[(v.kind, v.severity)] = counts.get((v.kind, v.severity), 0) + 1
        if v.severity in ("error", "warning") or "UNHCR" in r.old + r.new:
            print(f"- {label}: **{v.kind}** P={v.probability:.2f} {v.severity}: {'; '.join(v.reasons)}")
    print("\n| kind | severity | count |\n|---|---|---|")
    for (kind, sev), n in sorted(counts.items()):
        print(f"| {kind} | {sev} | {n} |")
    print(f"\n{len(requests)} judged pairs; judge {judge_s * 1000:.0f} ms in all (features and prediction, "
          f"no NLI), pipeline {pipeline_s:.2f} s for the same folder in this process "
          f"({judge_s / pipeline_s * 100:.1f}% added)")


if __name__ == "__main__":
    main()
