"""How far one check is from what its model passes alone must cost: tokens, arithmetic and seconds.

Usage: python bench/model_floor.py FOLDER [--rounds 1]

Runs `check_versions` on FOLDER in this process (no cache; the shipped models, loaded before timing) with
the embedder and the NLI model wrapped, so that it can count what reaches them: the distinct sentences
embedded and the NLI pairs, their tokens as the models' tokenizers give them (padded as the batches pad
them), and the seconds each pass takes. The arithmetic is 2 multiply-adds per weight of the encoder's
layers per token plus the attention's two products (the embedding tables are looked up, not
multiplied); divided by the pass's seconds it gives the rate the runtime reached, to compare with what
the machine's cores can do (numpy's float32 matrix product, timed at the end).
Prints the wall seconds of the whole check, the model passes' share, and
the report's stage seconds. A 2-core machine does not finish a check in less than the model passes
take, whatever the Python stages cost: this is the floor.

The folders of `bench/long_version.py --keep DIR` are the long cases (DIR/x8: two versions of ~1 MB).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from factcheck.models.bert_numpy import PlainBert  # noqa: E402
from factcheck.models.config import load_models_config  # noqa: E402
from factcheck.models.loaded import Models, load_models  # noqa: E402
from factcheck.pipeline import check_versions  # noqa: E402


def layer_flops(config: dict[str, Any], length: int) -> float:
    """Multiply-adds x 2 of one sequence padded to ``length`` tokens through the encoder's layers."""
    h, inner, layers = config["hidden_size"], config["intermediate_size"], config["num_hidden_layers"]
    dense = 4 * h * h + 2 * h * inner  # query, key, value, output; the feed-forward's two matrices
    attention = 2 * length * h  # scores and the weighted sum, per token
    return 2.0 * layers * length * (dense + attention)


class Counted:
    """A model whose inputs and seconds are recorded."""

    def __init__(self, model: Any, bert: PlainBert | None) -> None:
        self.model, self.bert = model, bert
        self.seconds = 0.0
        self.items: list[Any] = []

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        start = time.perf_counter()
        out: np.ndarray = self.model.encode(texts)
        self.seconds += time.perf_counter() - start
        self.items += list(dict.fromkeys(texts))
        return out

    def predict(self, pairs: Sequence[tuple[str, str]], progress: Any = None) -> Any:
        start = time.perf_counter()
        out = self.model.predict(pairs, progress)
        self.seconds += time.perf_counter() - start
        self.items += list(pairs)
        return out

    def tokens(self, batch: int) -> tuple[int, int, float]:
        """Tokens, tokens as padded in batches of ``batch`` (longest first), and the arithmetic."""
        if self.bert is None or not self.items:
            return 0, 0, 0.0
        lengths = [sum(e.attention_mask) for e in self.bert.tokenizer.encode_batch(list(self.items))]
        order = sorted(lengths, reverse=True)
        padded, flops = 0, 0.0
        for start in range(0, len(order), batch):
            chunk = order[start:start + batch]
            padded += chunk[0] * len(chunk)
            flops += len(chunk) * layer_flops(self.bert.config, chunk[0])
        return sum(lengths), padded, flops


def matmul_rate(size: int = 2048, rounds: int = 5) -> float:
    """GFLOP/s of numpy's float32 matrix product (OpenBLAS, all cores) on ``size`` squares: best of
    ``rounds``, as a measure of what this machine's cores deliver on the arithmetic the models do."""
    rng = np.random.default_rng(0)
    a, b = rng.standard_normal((size, size), dtype=np.float32), rng.standard_normal((size, size), dtype=np.float32)
    a @ b  # warm-up
    best = min(_timed(lambda: a @ b) for _ in range(rounds))
    return 2.0 * size ** 3 / best / 1e9


def _timed(fn: Any) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", type=Path)
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    config = load_models_config()
    loaded = load_models(config)
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; {os.cpu_count()} CPUs", flush=True)
    walls, rows = [], []
    for _ in range(args.rounds):
        embedder = Counted(loaded.embedder, getattr(loaded.embedder, "numpy", None))
        nli = Counted(loaded.nli, getattr(loaded.nli, "numpy", None))
        start = time.perf_counter()
        report = check_versions([args.folder], models=Models(embedder, nli))
        walls.append(time.perf_counter() - start)
        rows.append((embedder, nli, report.stats["seconds"]))
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    wall = statistics.median(walls)
    embedder, nli, stages = rows[-1]
    print(f"\ncheck: {wall:.1f} s wall (median of {len(walls)}), {len(report.findings)} findings")
    print("\n| pass | items | tokens | padded | GFLOP | seconds | GFLOP/s |\n|---|---|---|---|---|---|---|")
    floor = 0.0
    for name, model, spec in (("embedding", embedder, config.embedder), ("NLI", nli, config.nli)):
        seconds = statistics.median(r[0 if name == "embedding" else 1].seconds for r in rows)
        tokens, padded, flops = model.tokens(spec.batch_size)
        floor += seconds
        rate = f"{flops / 1e9 / seconds:.0f}" if seconds and flops else "-"
        print(f"| {name} | {len(model.items)} | {tokens} | {padded} | {flops / 1e9:.0f} | {seconds:.1f} | {rate} |")
    print(f"\nnumpy float32 matrix product on this machine: {matmul_rate():.0f} GFLOP/s (best of 5, 2048 squares)")
    print(f"the model passes: {floor:.1f} s of {wall:.1f} s ({floor / wall:.0%}); the rest: {wall - floor:.1f} s")
    print("stage seconds:", ", ".join(f"{k} {v:.1f}" for k, v in stages.items()))


if __name__ == "__main__":
    main()
