"""Training and evaluation data for factcheck's NLI model.

Only sets whose licences allow a shipped model are used for training:
MultiNLI (OANC / CC BY-SA 3.0), SNLI (CC BY-SA 4.0), and synthetic pairs made from
their premises and from SummEdits news articles (Apache-2.0). SICK (CC BY-NC-SA)
is never read for training. Held-out parts are chosen by a hash of the premise, so
no premise of a held-out pair is ever trained on, whatever the seed.
"""

from __future__ import annotations

import csv
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from training.synthetic import Pair, make_pairs, split_sentences_simple

LABELS = ("entailment", "neutral", "contradiction")
HELD_OUT_SHARE = 0.2

LICENCES = {
    "mnli": "MultiNLI matched/mismatched dev: OANC and CC BY-SA 3.0 text",
    "snli": "SNLI dev: CC BY-SA 4.0",
    "summedits": "SummEdits news articles (salesforce/factualNLG): Apache-2.0",
    "synthetic": "made here from the premises above by rule-based edits",
}


@dataclass
class Split:
    train: list[Pair]
    held_out: dict[str, list[Pair]]
    counts: dict[str, int]


def held_out(key: str, share: float = HELD_OUT_SHARE) -> bool:
    digest = hashlib.sha256(key.strip().lower().encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "big") / 2**32 < share


def read_nli_csv(path: Path, name: str) -> list[Pair]:
    with path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return [Pair(r["premise"].strip(), r["hypothesis"].strip(), r["label"], name)
            for r in rows if r["label"] in LABELS and r["premise"] and r["hypothesis"]]


def build(data_dir: Path, seed: int, synthetic_per_sentence: int = 2) -> Split:
    nli_dir = data_dir / "nli"
    mnli = read_nli_csv(nli_dir / "mnli_dev.csv", "mnli")
    snli = read_nli_csv(nli_dir / "snli_dev.csv", "snli")
    docs = json.loads((data_dir / "summedits" / "summedits_news_dev.json").read_text("utf-8"))
    articles = sorted({d["doc"] for d in docs})

    train: list[Pair] = []
    heldout: dict[str, list[Pair]] = {"mnli": [], "snli": []}
    train_sentences: list[str] = []
    heldout_sentences: list[str] = []
    for name, pairs in (("mnli", mnli), ("snli", snli)):
        for p in pairs:
            if held_out(p.premise):
                heldout[name].append(p)
            else:
                train.append(p)
    for p in mnli:
        (heldout_sentences if held_out(p.premise) else train_sentences).append(p.premise)
    for art in articles:
        sents = split_sentences_simple(art)
        (heldout_sentences if held_out(art[:500]) else train_sentences).extend(sents)
    train_sentences = sorted(set(train_sentences))
    heldout_sentences = sorted(set(heldout_sentences))

    synth_train = make_pairs(train_sentences, seed, synthetic_per_sentence) if synthetic_per_sentence else []
    synth_held = make_pairs(heldout_sentences, seed + 1, 1)
    heldout["synthetic"] = synth_held
    train.extend(synth_train)
    counts = {"train_total": len(train), "train_synthetic": len(synth_train),
              **{f"held_out_{k}": len(v) for k, v in heldout.items()}}
    return Split(train, heldout, counts)
