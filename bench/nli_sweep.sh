#!/usr/bin/env bash
# Compare training strategies for factcheck's NLI model (GPU recommended; each run also works on CPU).
# Usage: bash bench/nli_sweep.sh DATA_DIR ENCODER_DIR OUT_DIR
# Prints one line per configuration: held-out accuracies (MNLI, SNLI, synthetic) per epoch.
set -euo pipefail
data=${1:-../shared/data}; enc=${2:-}; out=${3:-build/sweep}
mkdir -p "$out"
run() {
  name=$1; shift
  python3 -m factcheck.training.nli --data "$data" ${enc:+--encoder "$enc"} --out "$out/$name" \
    --eval-each-epoch "$@" > "$out/$name.log" 2>&1 || { echo "$name failed"; tail -5 "$out/$name.log"; return; }
  python3 - "$out/$name/eval.json" "$name" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
print(sys.argv[2], m["train_seconds"], "s", [(h["epoch"], round(h.get("mnli", 0), 3),
      round(h.get("snli", 0), 3), round(h.get("synthetic", 0), 3)) for h in m["history"]])
PY
}
run e4_lr5e-5 --preset gpu --epochs 4 --lr 5e-5
run e6_lr1e-4 --preset gpu --epochs 6 --lr 1e-4
run e4_lr5e-5_nosynth --preset gpu --epochs 4 --lr 5e-5 --synthetic-per-sentence 0
run e6_lr8e-5_b16 --preset gpu --epochs 6 --lr 8e-5 --batch-size 16
