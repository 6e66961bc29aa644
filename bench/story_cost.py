"""Steady cost per story against its floor, and the shipped models on numpy, onnxruntime and torch side by side.

Usage: python bench/story_cost.py [STORIES] [--rounds 5] [--threads 1] [--runtimes numpy,onnx,torch] [--code DIR]

The stories are `bench/batch_speed.py`'s archive (three versions each, from the SummEdits news articles,
the real-news versions and the seeds; about 770 words a version). First the default pipeline checks each
story once with recording models, which keep every text it embeds and every pair it scores, call by call:
those are the story's model passes. Then, in interleaved rounds (the order of the contenders turns each
round), with the models loaded and no result cache, CPU seconds of this process (`time.process_time`: every
thread of it) for:

- each runtime's model passes over every story (the same calls, in the same batches: `Embedder.encode`,
  `NLIModel.predict`): numpy (`bert_numpy`), onnxruntime (`bert_onnx`), torch (transformers);
- the whole check of every story (`check_versions`, the default models, no cache).

Prints medians over the rounds and ratios: each runtime against numpy, with how far its outputs are from
numpy's (largest difference of a vector component and of an NLI probability, smallest cosine, share of
pairs with the same label); and the whole check against the floor, the default runtime's model passes in
the same round. `--threads` sets every runtime's threads (OMP_NUM_THREADS, OPENBLAS_NUM_THREADS, torch),
one by default, as in a batch worker. `--code DIR` runs another checkout's factcheck (e.g. a `git worktree`
of an older commit; numpy and torch only if it has no onnxruntime path).
"""

from __future__ import annotations

import argparse
import os
import sys

ARGS = argparse.ArgumentParser()
ARGS.add_argument("stories", nargs="?", type=int, default=24)
ARGS.add_argument("--rounds", type=int, default=5)
ARGS.add_argument("--threads", type=int, default=1)
ARGS.add_argument("--runtimes", default="numpy,onnx,torch")
ARGS.add_argument("--code", default=None)
OPTS = ARGS.parse_args()
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = str(OPTS.threads)  # before numpy is imported: OpenBLAS reads it once
if OPTS.code:
    sys.path.insert(0, OPTS.code)

import json  # noqa: E402
import statistics  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from batch_speed import build_archive  # noqa: E402


class Recording:
    """A model that keeps each call's input (texts or pairs) before passing it on."""

    def __init__(self, model: Any) -> None:
        self.model, self.calls = model, []  # type: ignore[var-annotated]

    def encode(self, texts: Any) -> Any:
        self.calls.append(list(texts))
        return self.model.encode(texts)

    def predict(self, pairs: Any, progress: Any = None) -> Any:
        self.calls.append(list(pairs))
        return self.model.predict(pairs, progress)


def stories(count: int) -> list[dict[str, str]]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "archive.jsonl"
        build_archive(path, count)
        rows = [json.loads(line) for line in path.read_text("utf-8").splitlines()]
    out: dict[str, dict[str, str]] = {}
    for r in rows:
        out.setdefault(r["story_id"], {})[f"v{r['version']}.txt"] = r["text"]
    return list(out.values())


def load(runtime: str) -> tuple[Any, Any]:
    """The shipped embedder and NLI model on one runtime."""
    from factcheck.models.config import load_models_config
    from factcheck.models.embedder import Embedder
    from factcheck.models.nli import NLIModel

    os.environ["FACTCHECK_BACKEND"] = runtime
    try:
        config = load_models_config(None)
        embedder, nli = Embedder(config.embedder), NLIModel(config.nli)
    finally:
        del os.environ["FACTCHECK_BACKEND"]
    if runtime == "torch":
        import torch

        torch.set_num_threads(OPTS.threads)
    kind = type(getattr(embedder, "numpy", None)).__name__
    want = {"numpy": "NumpyBert", "onnx": "OnnxBert", "torch": "NoneType"}[runtime]
    if kind != want:
        raise SystemExit(f"{runtime}: this code runs the embedder with {kind}")
    return embedder, nli


def passes(embedder: Any, nli: Any, calls: list[tuple[list[list[str]], list[list[tuple[str, str]]]]]) -> Any:
    """Every story's model calls, as the pipeline made them; the outputs, concatenated."""
    vecs, probs = [], []
    for embeds, scored in calls:
        vecs += [embedder.encode(texts) for texts in embeds if texts]
        for pairs in scored:
            probs += [(s.entailment, s.neutral, s.contradiction) for s in nli.predict(pairs)]
    return np.concatenate(vecs), np.asarray(probs, dtype=np.float32)


def main() -> None:
    from factcheck import check_versions
    from factcheck.models.config import load_models_config
    from factcheck.models.loaded import Models, load_models

    texts = stories(OPTS.stories)
    default = load_models(load_models_config(None))
    calls = []
    for story in texts:
        emb, nli = Recording(default.embedder), Recording(default.nli)
        check_versions(story, models=Models(emb, nli, default.described))
        calls.append((emb.calls, nli.calls))
    n_texts = sum(len(t) for e, _ in calls for t in e)
    n_pairs = sum(len(p) for _, s in calls for p in s)
    default_kind = type(getattr(default.embedder, "numpy", None)).__name__
    print(f"{len(texts)} stories: {n_texts} texts embedded ({n_texts / len(texts):.0f} a story), {n_pairs} NLI pairs "
          f"({n_pairs / len(texts):.1f} a story); threads {OPTS.threads}; default runtime {default_kind}; "
          f"load average {os.getloadavg()[0]:.2f}", flush=True)
    runtimes = [r for r in OPTS.runtimes.split(",") if r]
    models = {r: load(r) for r in runtimes}
    contenders: dict[str, Callable[[], Any]] = {r: (lambda m=m: passes(*m, calls)) for r, m in models.items()}
    contenders["floor"] = lambda: passes(default.embedder, default.nli, calls)
    contenders["check"] = lambda: [check_versions(s, models=default) for s in texts]
    outputs = {r: contenders[r]() for r in runtimes}  # warm-up, and the outputs compared
    times: dict[str, list[float]] = {k: [] for k in contenders}
    order = list(contenders)
    for n in range(OPTS.rounds):
        for name in order[n % len(order):] + order[:n % len(order)]:
            start = time.process_time()
            contenders[name]()
            times[name].append(time.process_time() - start)
        print(f"round {n + 1}: " + ", ".join(f"{k} {v[-1]:.2f}" for k, v in times.items()), flush=True)
    med = {k: statistics.median(v) for k, v in times.items()}
    print(f"\nload average after: {os.getloadavg()[0]:.2f}")
    print(f"\n| runtime | CPU s, {len(texts)} stories (median of {OPTS.rounds}) | per story | vs numpy "
          "| max abs diff vector / cosine min | NLI max abs diff | same NLI label |")
    print("|---|---|---|---|---|---|---|")
    base = outputs.get("numpy")
    for r in runtimes:
        v, p = outputs[r]
        if base is not None:
            diff_v = float(np.abs(v - base[0]).max())
            norms = np.linalg.norm(v, axis=1) * np.linalg.norm(base[0], axis=1)
            cos = float(np.min(np.sum(v * base[0], axis=1) / norms))
            diff_p = float(np.abs(p - base[1]).max())
            same = float((p.argmax(1) == base[1].argmax(1)).mean())
            close = f"{diff_v:.1e} / {cos:.7f} | {diff_p:.1e} | {same:.4f}"
        else:
            close = " | | "
        ratio = f"{med[r] / med['numpy']:.2f}" if "numpy" in med else ""
        print(f"| {r} | {med[r]:.2f} | {med[r] / len(texts):.3f} | {ratio} | {close} |")
    print(f"\n| | CPU s, {len(texts)} stories (median of {OPTS.rounds}) | per story | vs floor |")
    print("|---|---|---|---|")
    print(f"| floor: the model passes ({default_kind}) | {med['floor']:.2f} | {med['floor'] / len(texts):.3f} | 1.00 |")
    print(f"| the whole check | {med['check']:.2f} | {med['check'] / len(texts):.3f} | "
          f"{med['check'] / med['floor']:.2f} |")


if __name__ == "__main__":
    main()
