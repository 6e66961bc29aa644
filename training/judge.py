"""Train the edit judge: ``python -m training.judge [--data ../shared/data] [--seed 0]``.

Writes ``factcheck/models_data/edit-judge/model.json`` (coefficients, calibration, thresholds: plain
numbers, read with numpy alone) and its model card ``README.md``. Deterministic for a given seed and
data. Data:

- the SummEdits domains whose documents' terms allow a shipped model (``judge_data.DOMAIN_TERMS``);
- synthetic edits of real sentences (``judge_synthetic``) of the kinds that SummEdits rarely has and
  factcheck meets often (contractions, numbers in words, moved phrases, speech verbs; changed
  numbers, names and negations), weighted ``--synthetic-weight`` against a real example;
- SummEdits news dev only to choose the warning threshold (never trained on).

Three variants: ``pair`` (the two texts), ``story`` (and the source document as the story), ``added``
(the new text alone against the story). Each: a balanced logistic regression on standardised
features, Platt calibration on out-of-fold scores (folds by document), an error threshold where the
out-of-fold precision of "fact changed" (at even odds) reaches ``--error-precision``, and a warning
threshold with the best balanced accuracy on news dev.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from factcheck.judge.edit import extract_edits
from factcheck.judge.features import FEATURES, NLI_FEATURES, SUPPORT_FEATURES
from factcheck.judge.model import FORMAT
from training import judge_fit as jf
from training.judge_data import (
    DOMAIN_TERMS,
    SHIPPED_DOMAINS,
    Example,
    load_domains,
    load_news_dev,
)
from training.judge_synthetic import make_edits
from training.synthetic import split_sentences_simple

OUT = Path(__file__).resolve().parent.parent / "factcheck" / "models_data" / "edit-judge"
SYNTHETIC_KINDS = ("contraction", "number_words", "reorder", "speech_verb", "number", "name", "negation",
                   "noun_sibling")
STORY_FEATURES = tuple(f for f in SUPPORT_FEATURES if not f.startswith("ctx_nli"))
ADDED_FEATURES = ("ctx_added_found", "ctx_added_missing", "ctx_added_implied", "ctx_names_missing",
                  "ctx_numbers_missing")
SUPPORT_NLI = ("ctx_nli_entailment", "ctx_nli_contradiction")
DEFAULT_ERROR_PRECISION = 0.9
# features left out of every variant: what a domain's texts happen to look like, not what an edit does
# ("log_len": SummEdits' longer summaries were more often unfaithful; a news sentence is long, a headline
# short, and neither says whether its edit changed a fact)
DROPPED: tuple[str, ...] = ()
# pairs with more words edited than this share of the training pairs are outside what a variant has learned
DOMAIN_QUANTILE = 0.99


@dataclass(frozen=True)
class Config:
    data: Path
    seed: int = 0
    c: float = 0.03
    synthetic: int = 4000
    synthetic_weight: float = 0.25
    error_precision: float = DEFAULT_ERROR_PRECISION
    nli: bool = False
    domains: tuple[str, ...] = SHIPPED_DOMAINS
    drop: tuple[str, ...] = DROPPED


def variant_features(name: str, nli: bool, drop: tuple[str, ...] = DROPPED) -> tuple[str, ...]:
    if name == "pair":
        found = (*FEATURES, *(NLI_FEATURES if nli else ()))
    elif name == "story":
        found = (*FEATURES, *STORY_FEATURES, *(NLI_FEATURES if nli else ()), *(SUPPORT_NLI if nli else ()))
    else:
        found = (*ADDED_FEATURES, *(SUPPORT_NLI if nli else ()))
    return tuple(f for f in found if f not in drop)


def as_added(ex: Example) -> Example:
    """The SummEdits task itself: the (edited) summary as a sentence added to the story (the article)."""
    return replace(ex, old="")


def sentence_pairs(e: Example) -> list[Example]:
    """The changed pairs of aligned sentences of an example, as factcheck judges them one slot at a
    time: a text split into as many sentences on both sides gives its changed pairs (its first pair
    when none changed); one sentence, or a different split on the two sides, stays whole."""
    old, new = split_sentences_simple(e.old), split_sentences_simple(e.new)
    if len(old) != len(new) or len(old) < 2:
        return [e]
    changed = [(a, b) for a, b in zip(old, new, strict=True) if a != b] or [(old[0], new[0])]
    return [replace(e, old=a, new=b) for a, b in changed]


def per_sentence(examples: Sequence[Example]) -> list[Example]:
    """Training examples as factcheck judges them: one pair of aligned sentences. factcheck judges each
    changed slot on its own, so a summary whose two sentences both changed is two edits to it. All
    the pairs of a faithful summary are faithful; an unfaithful summary with one changed pair gives
    that one, and one with several is left out (which of them changed the fact is not known)."""
    out: list[Example] = []
    for e in examples:
        parts = sentence_pairs(e)
        if e.y == 0 or len(parts) == 1:
            out.extend(parts)
    return out


def synthetic_examples(data: Path, n: int, seed: int) -> list[Example]:
    """Edits of MNLI premises (OANC / CC BY-SA 3.0 text), of the kinds in SYNTHETIC_KINDS. Each one's
    story is the old sentence itself: what the new one says beyond it is new to the story."""
    with (data / "nli" / "mnli_dev.csv").open(newline="", encoding="utf-8") as fh:
        sentences = sorted({r["premise"].strip() for r in csv.DictReader(fh) if r["premise"].strip()})
    random.Random(seed).shuffle(sentences)
    return [replace(e, source=e.old) for e in make_edits(sentences[:n], seed)
            if e.origin.split(":", 1)[1] in SYNTHETIC_KINDS]


@dataclass
class Trained:
    params: dict[str, Any]
    platt: tuple[float, float]
    thresholds: dict[str, float]
    metrics: dict[str, Any]


def _weights(examples: Sequence[Example], synthetic_weight: float) -> np.ndarray:
    return np.array([synthetic_weight if e.origin.startswith("synthetic") else 1.0 for e in examples])


def balanced_precision_threshold(y: np.ndarray, p: np.ndarray, target: float) -> float:
    """The lowest P at which the flagged examples' precision, with the classes weighted to even odds,
    reaches ``target``; 1.0 if it never does. At least 20 flagged examples decide it."""
    w = np.where(y == 1, len(y) / (2 * max(1, (y == 1).sum())), len(y) / (2 * max(1, (y == 0).sum())))
    order = np.argsort(-p, kind="stable")
    hits = np.cumsum((y[order] == 1) * w[order])
    prec = hits / np.cumsum(w[order])
    ok = [i for i in np.flatnonzero(prec >= target) if i >= 19]
    return float(p[order][max(ok)]) if ok else 1.0


def train_variant(name: str, train: Sequence[Example], dev: Sequence[Example], cfg: Config,
                  nli: jf.NLIScorer | None = None) -> Trained:
    names = variant_features(name, cfg.nli, cfg.drop)
    with_story = name != "pair"
    x = jf.matrix(train, names, with_story, nli)
    y = np.array([e.y for e in train])
    w = _weights(train, cfg.synthetic_weight)
    params = jf.fit_logistic(x, y, w, cfg.c, cfg.seed)
    params["features"] = list(names)
    # the range each feature had in training: the judge reads a value outside it at its edge
    params["low"], params["high"] = x.min(axis=0).tolist(), x.max(axis=0).tolist()
    groups = [e.doc_id for e in train]
    real = np.array([not e.origin.startswith("synthetic") for e in train])
    oof = jf.out_of_fold(x, y, groups, w, cfg.c, k=5, seed=cfg.seed, scored=real)
    a, b = jf.fit_platt(oof, y)
    p_oof = jf.platt(oof[real], a, b)
    error = balanced_precision_threshold(y[real], p_oof, cfg.error_precision)
    # news dev as the report reads it: an item is flagged when any of its sentence pairs is
    parts = [sentence_pairs(e) if name != "added" else [e] for e in dev]
    xd = jf.matrix([part for ps in parts for part in ps], names, with_story, nli)
    p_dev = jf.highest_per_item(jf.platt(jf.decision(params, xd), a, b), [len(ps) for ps in parts])
    yd = np.array([e.y for e in dev])
    warning, dev_bacc = jf.best_threshold(yd, p_dev)
    error = max(error, warning)
    metrics = {
        "train_examples": len(y), "train_real": int(real.sum()),
        "oof_auc": round(jf.auc(y[real], oof[real]), 4),
        "oof_bacc_at_warning": round(jf.balanced_accuracy(y[real], p_oof >= warning), 4),
        "news_dev_auc": round(jf.auc(yd, p_dev), 4),
        "news_dev_bacc_at_warning": round(dev_bacc, 4),
        "news_dev_bacc_at_even_odds": round(jf.balanced_accuracy(yd, p_dev >= 0.5), 4),
    }
    sizes = [extract_edits(e.old, e.new).changed_tokens for e in train if not e.origin.startswith("synthetic")]
    if name != "added":
        params["max_changed_tokens"] = float(np.quantile(sizes, DOMAIN_QUANTILE))
    return Trained(params, (a, b), {"error": round(error, 4), "warning": round(warning, 4)}, metrics)


def train_all(cfg: Config, nli: jf.NLIScorer | None = None) -> dict[str, Any]:
    domains = load_domains(cfg.data, cfg.domains)
    whole = [e for d in cfg.domains for e in domains[d]]
    real = per_sentence(whole)
    synth = synthetic_examples(cfg.data, cfg.synthetic, cfg.seed) if cfg.synthetic else []
    news = load_news_dev(cfg.data)
    out: dict[str, Any] = {"format": FORMAT, "seed": cfg.seed, "c": cfg.c, "nli_features": cfg.nli,
                           "domains": list(cfg.domains), "synthetic_weight": cfg.synthetic_weight,
                           "error_precision": cfg.error_precision,
                           "synthetic_kinds": list(SYNTHETIC_KINDS),
                           # the story variant reads stories at least as long as the smallest it learned from
                           "min_story_sentences": min(len(split_sentences_simple(e.source)) for e in whole),
                           "counts": {"summedits": len(whole), "summedits_sentence_pairs": len(real),
                                      "synthetic": len(synth), "news_dev": len(news)},
                           "variants": {}, "metrics": {}}
    plans = {"pair": ([*real, *synth], news), "story": ([*real, *synth], news),
             "added": ([as_added(e) for e in whole], [as_added(e) for e in news])}
    for name, (train, dev) in plans.items():
        t = train_variant(name, train, dev, cfg, nli)
        out["variants"][name] = {**t.params, "platt": [round(t.platt[0], 6), round(t.platt[1], 6)],
                                 "thresholds": t.thresholds}
        out["metrics"][name] = t.metrics
    return out


def card(model: dict[str, Any]) -> str:
    """The model card (README.md beside model.json): data, licence chain, measured results."""
    m = model["metrics"]
    rows = "\n".join(
        f"| {name} | {len(model['variants'][name]['features'])} | {m[name]['train_real']} + "
        f"{m[name]['train_examples'] - m[name]['train_real']} | {m[name]['oof_auc']:.3f} | "
        f"{m[name]['news_dev_auc']:.3f} | {m[name]['news_dev_bacc_at_warning']:.3f} | "
        f"{model['variants'][name]['thresholds']['warning']:.3f} | "
        f"{model['variants'][name]['thresholds']['error']:.3f} |"
        for name in model["variants"])
    header = ("| variant | features | trained on (real + synthetic) | AUC, out of fold | news dev AUC "
              "| news dev BAcc at warning | warning at P | error at P |\n|---|---|---|---|---|---|---|---|")
    terms = "\n".join(f"- **{d}** ({'trained on' if ok else 'not trained on'}): {why}"
                       for d, (ok, why) in DOMAIN_TERMS.items())
    return f"""# factcheck edit judge

A logistic regression over the features of an edit between two versions of a text (factcheck.judge):
the typed token diff, WordNet relations of swapped words, factcheck's targeted checks, and, when the
rest of the story is given, which new words the story already has. It gives a calibrated
P(the edit changes a fact) and, from it, a severity. `model.json` holds plain numbers (feature
names, means, scales, coefficients, Platt calibration, thresholds); factcheck reads it with numpy.
Built by `python -m training.judge` (seed {model['seed']}, C = {model['c']}); rebuilding from
the same data gives the same file.

## Variants

{header}
{rows}

- **pair**: the two texts alone. **story**: the two texts and the rest of the story (in training, the
  SummEdits source document; a story of fewer than {model['min_story_sentences']} sentences, the
  smallest it learned from, is read by the pair variant). **added**: a text only one version has,
  against the story (in training, each SummEdits summary against its document).
- **As factcheck uses it.** factcheck judges one aligned pair of sentences at a time, so pair and
  story are trained on sentence pairs: a summary split into as many sentences on both sides gives its
  changed pairs ({model['counts']['summedits']} summaries give
  {model['counts']['summedits_sentence_pairs']} examples; an unfaithful summary with more than one
  changed sentence is left out, since which one changed the fact is not known). News dev is read the
  same way: an item is flagged when any of its sentence pairs is. A feature value outside its
  training range is read at the edge of the range (`low`, `high`), so that the linear model never
  extrapolates.
- Out-of-fold: five folds by document over the training domains, each scored by a model trained
  without it; the Platt calibration is fitted on these scores, with the two classes at even odds
  (P = 0.5 means even odds, whatever the share of fact changes in the data).
- **error** threshold: the lowest P at which the out-of-fold precision of "changes a fact" (classes at
  even odds) reaches {model['error_precision']}. **warning** threshold: the P with the best balanced
  accuracy on the SummEdits news development files ({model['counts']['news_dev']} items of 14 documents,
  never trained on), for the `factcheck.judge` API. **factcheck's reports use their own warning
  thresholds** (`judge_story`, `judge_pair` in `factcheck.models.config.THRESHOLDS`), each chosen by
  leaving one story or document out of the development data (`bench/cv_thresholds.py`): the report's
  judge never errs alone. The news dev AUC above is measured on documents never trained on; the BAcc at
  warning uses a threshold chosen on them (optimistic); bench/README.md has the cross-validated figures.

## Data and licence chain

- Code: factcheck, Apache-2.0.
- WordNet 3.0 (Princeton University): the lexical table in `factcheck/data/lexicon/` is derived from it;
  its licence is in `factcheck/data/lexicon/LICENSE-WordNet.txt` and in the wheel's licence files.
- SummEdits (salesforce/factualNLG): labels and edited summaries Apache-2.0; each domain's documents
  keep their own terms, so a domain is trained on only where they allow a shipped model:
{terms}
- SummEdits news development files (14 documents): never trained on; the report's warning thresholds
  are chosen on them by leaving one document out, and the choice of synthetic edit kinds was read off
  their AUC (the kinds above against the same without `noun_sibling`: 0.855 -> 0.861).
- Synthetic edits ({model['counts']['synthetic']}, weight {model['synthetic_weight']} each): rule-made edits of
  MultiNLI dev premises (OANC and CC BY-SA 3.0 text; the same source factcheck's NLI model was
  trained on), of the kinds {', '.join(model['synthetic_kinds'])}.
- NLI features: {'used' if model['nli_features'] else 'not used by this model (measured: bench/README.md)'}.

## Limits

- SummEdits labels say whether a summary still agrees with its source, so a dropped detail counts as
  keeping the facts; the judge reports omissions as their own kind (dropped-fact, info), not from
  this model.
- P is calibrated with the two outcomes at even odds. In real news most edits are rewordings; a
  caller that knows its prior odds can shift the log-odds.
- Shifts of meaning WordNet does not list ("prop up" -> "rescue"), opposites it does not link, and
  heavy paraphrase are the main errors (bench/README.md).
"""


def _round(obj: Any) -> Any:
    if isinstance(obj, float):
        return round(obj, 6)
    if isinstance(obj, list):
        return [_round(x) for x in obj]
    if isinstance(obj, dict):
        return {k: _round(v) for k, v in obj.items()}
    return obj


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="Train factcheck's edit judge.")
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--c", type=float, default=0.03,
                    help="inverse L2 strength of the logistic regression (0.03: best mean AUC leaving one "
                         "SummEdits domain out, bench/judge_eval.py)")
    ap.add_argument("--synthetic", type=int, default=4000, help="source sentences for synthetic edits (0: none)")
    ap.add_argument("--synthetic-weight", type=float, default=0.25)
    ap.add_argument("--error-precision", type=float, default=DEFAULT_ERROR_PRECISION)
    ap.add_argument("--nli", action="store_true", help="add the NLI features (runs the configured NLI model)")
    ap.add_argument("--drop", action="append", default=None, metavar="FEATURE",
                    help=f"leave a feature out (repeatable; default: {', '.join(DROPPED) or 'none'})")
    ap.add_argument("--cache", default="", help="result cache folder for NLI scores (default: factcheck's)")
    args = ap.parse_args(argv)
    cfg = Config(args.data, args.seed, args.c, args.synthetic, args.synthetic_weight, args.error_precision, args.nli,
                 drop=DROPPED if args.drop is None else tuple(args.drop))
    start = time.perf_counter()
    scorer = None
    if cfg.nli:
        from factcheck.models.cache import default_cache_dir

        _, model = jf.cached_models(args.cache or str(default_cache_dir()))
        every = [e for d in load_domains(cfg.data, cfg.domains).values() for e in d] + load_news_dev(cfg.data)
        every += [p for e in every for p in sentence_pairs(e)]  # what is trained on and scored: sentence pairs
        every += synthetic_examples(cfg.data, cfg.synthetic, cfg.seed) if cfg.synthetic else []
        scorer = jf.nli_scorer(every, model)
    model_json = _round(train_all(cfg, scorer))
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "model.json").write_text(json.dumps(model_json, indent=1, sort_keys=True) + "\n", "utf-8")
    (args.out / "README.md").write_text(card(model_json), "utf-8")
    print(json.dumps(model_json["metrics"], indent=1))
    print(f"wrote {args.out / 'model.json'} in {time.perf_counter() - start:.0f} s")


if __name__ == "__main__":
    main()
