"""Is onnxruntime faster than torch for the shipped NLI model on this CPU? (needs: pip install onnxruntime onnx)

Usage: python bench/onnx_speed.py [N_PAIRS] [--runs 3]
Exports the default NLI model to ONNX (fp32, dynamic batch and length) in a temporary folder, then
scores the first N_PAIRS (default 640) pairs of MNLI dev with both, batches of 32 sorted by length and
padded to the longest pair. Prints pairs/s (median of runs), the speed-up, and how often the two
agree on the label (and the largest probability difference).
"""

from __future__ import annotations

import argparse
import csv
import os
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("n", nargs="?", type=int, default=640)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data" / "nli" / "mnli_dev.csv")
    args = ap.parse_args()
    import onnxruntime as ort
    import torch

    from factcheck.models.config import load_models_config
    from factcheck.models.nli import NLIModel

    with args.data.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))[:args.n]
    pairs = [(r["premise"], r["hypothesis"]) for r in rows]
    os.environ["FACTCHECK_BACKEND"] = "torch"  # this compares torch's model with its onnx export
    nli = NLIModel(load_models_config(None).nli)
    tok, size = nli.tokenizer, 32
    order = sorted(range(len(pairs)), key=lambda i: len(pairs[i][0]) + len(pairs[i][1]))
    batches = [tok([pairs[i][0] for i in order[s:s + size]], [pairs[i][1] for i in order[s:s + size]],
                   padding=True, truncation=True, max_length=nli.spec.max_length, return_tensors="pt")
               for s in range(0, len(order), size)]

    def run_torch() -> np.ndarray:
        with torch.inference_mode():
            return np.concatenate([torch.softmax(nli.model(**b).logits, -1).numpy() for b in batches])

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "nli.onnx"
        names = list(batches[0].keys())
        dyn = {n: {0: "batch", 1: "length"} for n in names}
        dyn["logits"] = {0: "batch"}
        with torch.inference_mode():
            torch.onnx.export(nli.model, tuple(batches[0][n] for n in names), str(path), input_names=names,
                              output_names=["logits"], dynamic_axes=dyn, opset_version=17, dynamo=False)
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = len(os.sched_getaffinity(0))
        sess = ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])

        def run_onnx() -> np.ndarray:
            out = []
            for b in batches:
                logits = sess.run(["logits"], {n: b[n].numpy() for n in names})[0]
                e = np.exp(logits - logits.max(-1, keepdims=True))
                out.append(e / e.sum(-1, keepdims=True))
            return np.concatenate(out)

        results = {}
        for name, fn in (("torch", run_torch), ("onnxruntime", run_onnx)):
            fn()  # warm-up
            times = []
            for _ in range(args.runs):
                t = time.perf_counter()
                probs = fn()
                times.append(time.perf_counter() - t)
            results[name] = (statistics.median(times), probs)
    (tt, pt), (to, po) = results["torch"], results["onnxruntime"]
    print(f"{len(pairs)} pairs, batch {size}, median of {args.runs}, {torch.get_num_threads()} torch threads")
    print(f"torch        {len(pairs) / tt:7.1f} pairs/s")
    print(f"onnxruntime  {len(pairs) / to:7.1f} pairs/s   speed-up {tt / to:.2f}x")
    print(f"same label {float((pt.argmax(1) == po.argmax(1)).mean()):.4f}, max |dp| {float(np.abs(pt - po).max()):.2e}")


if __name__ == "__main__":
    main()
