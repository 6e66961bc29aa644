"""What a candidate starting encoder would cost as factcheck's NLI cross-encoder on this CPU.

For each local model folder: parameters, fp16 size, inference pairs/s at batch 32 (length-sorted
batches padded to the longest pair, as factcheck runs it) and seconds per training step at batch
32 (forward and backward), from which one epoch over the training set is estimated. The three-way
head is new and untrained: this measures cost, not accuracy. Pairs: the held-out synthetic news
minimal edits, as in bench/nli_eval.py.

Usage: python bench/encoder_cost.py FOLDER [FOLDER ...] [--data ../shared/data] [--steps 5]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("folders", nargs="+")
    ap.add_argument("--data", default="../shared/data")
    ap.add_argument("--steps", type=int, default=5)
    args = ap.parse_args()

    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    from training.data import build

    split = build(Path(args.data), seed=13)
    news = [(p.premise, p.hypothesis) for p in split.held_out["synthetic"]][:256]
    news.sort(key=lambda p: len(p[0]) + len(p[1]))
    train_n = len(split.train)
    torch.set_num_threads(max(1, torch.get_num_threads()))
    print(f"{len(news)} pairs, batch 32, {torch.get_num_threads()} threads; training set {train_n} pairs")
    print("| encoder | parameters | fp16 MB | pairs/s (median of 3) | s per training step | est. epoch |")
    print("|---|---|---|---|---|---|")
    for folder in args.folders:
        tok = AutoTokenizer.from_pretrained(folder)
        model = AutoModelForSequenceClassification.from_pretrained(folder, num_labels=3)
        params = sum(p.numel() for p in model.parameters())
        batches = [news[i:i + 32] for i in range(0, len(news), 32)]

        def encode(batch: list[tuple[str, str]], tok=tok):  # type: ignore[no-untyped-def]
            return tok([a for a, _ in batch], [b for _, b in batch], padding="longest", truncation=True,
                       max_length=256, return_tensors="pt")

        model.eval()
        rates = []
        with torch.inference_mode():
            model(**encode(batches[0]))
            for _ in range(3):
                t = time.perf_counter()
                for b in batches:
                    model(**encode(b))
                rates.append(len(news) / (time.perf_counter() - t))
        model.train()
        opt = torch.optim.AdamW(model.parameters(), lr=2e-5)
        labels = torch.zeros(32, dtype=torch.long)
        steps = []
        for i in range(args.steps):
            batch = encode(batches[i % len(batches)])
            t = time.perf_counter()
            loss = torch.nn.functional.cross_entropy(model(**batch).logits, labels[: len(batch["input_ids"])])
            loss.backward()
            opt.step()
            opt.zero_grad()
            steps.append(time.perf_counter() - t)
        step = statistics.median(steps)
        label = Path(folder).name if Path(folder).name != "model" else Path(folder).parent.name
        print(f"| {label} | {params / 1e6:.1f} M | {params * 2 / 1e6:.0f} | "
              f"{statistics.median(rates):.1f} | {step:.2f} | {step * train_n / 32 / 60:.0f} min |")


if __name__ == "__main__":
    main()
