"""Accuracy and speed of the NLI model named in models.yaml (or --models FILE).

Prints accuracy and per-class F1 on the held-out parts of MNLI dev and SNLI dev (20% by
premise hash, never trained on) and on the held-out synthetic minimal-edit set, then pairs
per second on this CPU at batch 32 (padded to the longest pair in each batch), median of 5.

Usage: python bench/nli_eval.py [--data ../shared/data] [--models FILE] [--max-eval N]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from factcheck.models.config import load_models_config
from factcheck.models.nli import NLIModel
from training.data import LABELS, build
from training.nli import scores


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="../shared/data")
    ap.add_argument("--models", default=None)
    ap.add_argument("--max-eval", type=int, default=0)
    args = ap.parse_args()
    spec = load_models_config(args.models).nli
    model = NLIModel(spec)
    split = build(Path(args.data), seed=13)
    print(f"model {spec.name} ({spec.source})")
    print(f"{'set':<10} {'n':>5} {'acc':>6} " + " ".join(f"{'F1 ' + lab[:6]:>10}" for lab in LABELS))
    for name, pairs in split.held_out.items():
        pairs = pairs[: args.max_eval] if args.max_eval else pairs
        out = model.predict([(p.premise, p.hypothesis) for p in pairs])
        pred = [max(LABELS, key=lambda lab, s=s: getattr(s, lab)) for s in out]
        r = scores([p.label for p in pairs], pred)
        print(f"{name:<10} {r['n']:>5} {r['accuracy']:>6.3f} " + " ".join(f"{r['f1_' + lab]:>10.3f}" for lab in LABELS))
    news = [(p.premise, p.hypothesis) for p in split.held_out["synthetic"]][:256]
    words = statistics.mean(len(a.split()) + len(b.split()) for a, b in news)
    rates = []
    model.predict(news[:32])  # warm-up
    for _ in range(5):
        t = time.perf_counter()
        model.predict(news)
        rates.append(len(news) / (time.perf_counter() - t))
    print(f"speed: {statistics.median(rates):.1f} pairs/s (median of 5, {len(news)} pairs of "
          f"{words:.0f} words on average, batch {spec.batch_size}, device {model.device})")


if __name__ == "__main__":
    main()
