"""Precision and recall of the NLI contradiction decision on held-out MNLI and SNLI pairs.

factcheck calls a slot a contradiction when the mean contradiction probability over both
directions reaches a threshold. This prints, for several thresholds, the precision and
recall of that decision against the gold "contradiction" label, to choose the threshold
without looking at the example. Usage: python bench/calibrate_contradiction.py [DATA_DIR]
"""

from __future__ import annotations

import sys
from pathlib import Path

from factcheck.models.config import load_models_config
from factcheck.models.nli import NLIModel
from training.data import held_out, read_nli_csv


def main() -> None:
    data = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data") / "nli"
    pairs = [p for name in ("mnli", "snli") for p in read_nli_csv(data / f"{name}_dev.csv", name)
             if held_out(p.premise)]
    model = NLIModel(load_models_config().nli)
    fwd = model.predict([(p.premise, p.hypothesis) for p in pairs])
    bwd = model.predict([(p.hypothesis, p.premise) for p in pairs])
    gold = [p.label == "contradiction" for p in pairs]
    print(f"{len(pairs)} held-out pairs, {sum(gold)} contradictions")
    print("threshold  precision  recall   (mean of both directions) | precision recall (max)")
    for t in (0.4, 0.5, 0.6, 0.65, 0.7, 0.8, 0.9):
        row = []
        for agg in (lambda a, b: (a + b) / 2, max):
            pred = [agg(f.contradiction, b.contradiction) >= t for f, b in zip(fwd, bwd, strict=True)]
            tp = sum(p and g for p, g in zip(pred, gold, strict=True))
            row.append((tp / max(1, sum(pred)), tp / max(1, sum(gold))))
        print(f"{t:9.2f}  {row[0][0]:9.3f}  {row[0][1]:6.3f}   | {row[1][0]:9.3f} {row[1][1]:6.3f}")


if __name__ == "__main__":
    main()
