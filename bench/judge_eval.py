"""The edit judge (factcheck.judge) measured: SummEdits news dev, leave-one-domain-out, cost.

1. News dev (``summedits_news_dev.json``, 133 items), the shipped model: original summary -> edited
   summary, each changed pair of aligned sentences judged (as the report judges slots; the item's
   most likely change decides), on the pair alone (``pair``), with the article as the rest of the
   story (``story``), and the edited summary alone against the article (``added``); balanced accuracy
   at the model's warning threshold, AUC, and per edit type the share of changed items flagged.
2. Leave-one-domain-out over the SummEdits domains: trained without a domain (on its sentence pairs,
   as shipped), scored on it, at even odds (the balanced model's own cut). Two trainings: on the other
   research-use domains (every domain but SAMSum, which is only scored), and as shipped (the
   licence-clean domains and the synthetic edits; ``training.judge_data.DOMAIN_TERMS``).
3. Cost on this CPU: loading the WordNet table and the model, and ms per pair for features and
   prediction.
With ``--nli``: the same leave-one-domain-out with the NLI features added (both directions on the
pair and on the local clause), scored by the configured NLI model through the result cache.

Usage: python bench/judge_eval.py [--data ../shared/data] [--nli] [--cache DIR]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

from factcheck.judge import Story, judge
from factcheck.judge.features import FEATURES, NLI_FEATURES
from factcheck.judge.model import shipped_model
from training import judge_fit as jf
from training.judge import SYNTHETIC_KINDS, Config, as_added, per_sentence, sentence_pairs, synthetic_examples
from training.judge_data import DOMAIN_TERMS, RESEARCH_DOMAINS, SHIPPED_DOMAINS, load_domains, load_news_dev
from training.synthetic import split_sentences_simple


def news_dev(data: Path) -> None:
    news = load_news_dev(data)
    model = shipped_model()
    y = np.array([e.y for e in news])
    stories = {e.source: Story(tuple(split_sentences_simple(e.source))) for e in news}
    print(f"## News dev: {len(news)} items, {int(y.sum())} change a fact, {int((1 - y).sum())} keep them\n")
    print("| judged on | BAcc at warning | changed flagged | kept unflagged | BAcc at even odds (P 0.5) | AUC "
          "| warning / error at P |")
    print("|---|---|---|---|---|---|---|")
    per_type: dict[str, dict[str, list[bool]]] = {}
    kinds: dict[str, dict[str, int]] = {}
    for name in ("pair", "story", "added"):
        verdicts = []
        for e in news:
            # as the report reads a summary: each changed sentence pair, the most likely change decides
            pairs = [as_added(e)] if name == "added" else sentence_pairs(e)
            story = stories[e.source] if name != "pair" else None
            verdicts.append(max((judge(x.old, x.new, story, model=model) for x in pairs),
                                key=lambda v: v.probability))
        p = np.array([v.probability for v in verdicts])
        v = model.variant(name)
        flagged = p >= v.thresholds["warning"]
        tpr, tnr = flagged[y == 1].mean(), (~flagged[y == 0]).mean()
        even = jf.balanced_accuracy(y, p >= 0.5)
        print(f"| {name} | {(tpr + tnr) / 2:.3f} | {tpr:.3f} | {tnr:.3f} | {even:.3f} | {jf.auc(y, p):.3f} | "
              f"{v.thresholds['warning']:.3f} / {v.thresholds['error']:.3f} |")
        by: dict[str, list[bool]] = defaultdict(list)
        for e, f in zip(news, flagged, strict=True):
            if e.y == 1:
                for t in e.edit_types or ("(none)",):
                    by[t].append(bool(f))
        per_type[name] = {**by, "_tnr": [bool(tnr)]}
        per_type[name]["_tnr_value"] = [bool(x) for x in ~flagged[y == 0]]
        kinds[name] = defaultdict(int)
        for verdict in verdicts:
            kinds[name][verdict.kind] += 1
    print("\nShare of changed items flagged per edit type (BAcc with the kept items' rate):\n")
    print("| edit type | n | pair | story |")
    print("|---|---|---|---|")
    for t in sorted(k for k in per_type["pair"] if not k.startswith("_")):
        cells = []
        for name in ("pair", "story"):
            vals = per_type[name][t]
            tnr = float(np.mean(per_type[name]["_tnr_value"]))
            cells.append(f"{np.mean(vals):.3f} (BAcc {(np.mean(vals) + tnr) / 2:.3f})")
        print(f"| {t} | {len(per_type['pair'][t])} | {' | '.join(cells)} |")
    print("\nVerdict kinds: " + "; ".join(f"{n}: " + ", ".join(f"{k} {c}" for k, c in sorted(kinds[n].items()))
                                        for n in kinds))


def lodo(data: Path, nli: jf.NLIScorer | None = None) -> None:
    domains = load_domains(data, tuple(DOMAIN_TERMS))
    news = load_news_dev(data)
    cfg = Config(data)
    synth = synthetic_examples(data, cfg.synthetic, cfg.seed)
    sets = {**domains, "news (dev)": news}
    names = (*FEATURES, *(NLI_FEATURES if nli else ()))
    # trained as shipped: one example per changed pair of aligned sentences (training.judge.per_sentence)
    train_sets = {d: per_sentence(exs) for d, exs in sets.items()}
    x = {d: jf.matrix(exs, names, False, nli) for d, exs in train_sets.items()}
    y = {d: np.array([e.y for e in exs]) for d, exs in train_sets.items()}
    # scored whole (the two summaries) and as the report reads them (an item is flagged when any of its
    # sentence pairs is: the highest score of its pairs)
    whole = {d: jf.matrix(exs, names, False, nli) for d, exs in sets.items()}
    y_whole = {d: np.array([e.y for e in exs]) for d, exs in sets.items()}
    parts = {d: [sentence_pairs(e) for e in exs] for d, exs in sets.items()}
    x_parts = {d: jf.matrix([p for ps in parts[d] for p in ps], names, False, nli) for d in sets}
    xs, ys = jf.matrix(synth, names, False, nli), np.array([e.y for e in synth])
    title = "with the NLI features" if nli else "edit and check features"
    print(f"\n## Leave one domain out ({title}), BAcc at even odds / AUC\n")
    print("Trained on sentence pairs, as shipped. Scored on the two summaries whole, and (last column) as "
          "the report reads them: the highest score of an item's changed sentence pairs.\n")
    print("| held out | n | trained on the other research-use domains "
          "| trained as shipped (clean domains + synthetic) | as shipped, read per sentence pair |")
    print("|---|---|---|---|---|")
    rows = []
    for test in sets:
        cells = []
        for pool, with_synth in ((RESEARCH_DOMAINS, False), (SHIPPED_DOMAINS, True)):
            train = [d for d in pool if d != test]
            xt = np.vstack([x[d] for d in train] + ([xs] if with_synth else []))
            yt = np.concatenate([y[d] for d in train] + ([ys] if with_synth else []))
            w = np.concatenate([np.ones(sum(len(y[d]) for d in train))]
                               + ([np.full(len(ys), cfg.synthetic_weight)] if with_synth else []))
            params = jf.fit_logistic(xt, yt, w, cfg.c, cfg.seed)
            s = jf.decision(params, whole[test])
            cells.append((jf.balanced_accuracy(y_whole[test], s >= 0), jf.auc(y_whole[test], s)))
            if with_synth:
                best = jf.highest_per_item(jf.decision(params, x_parts[test]), [len(ps) for ps in parts[test]])
                cells.append((jf.balanced_accuracy(y_whole[test], best >= 0), jf.auc(y_whole[test], best)))
        rows.append((test, cells))
        print(f"| {test} | {len(y_whole[test])} | " + " | ".join(f"{b:.3f} / {a:.3f}" for b, a in cells) + " |")
    for k, label in ((0, "research-use"), (1, "as shipped"), (2, "as shipped, read per sentence pair")):
        doms = [r[1][k] for r in rows if r[0] in DOMAIN_TERMS]
        print(f"\nMean over the {len(doms)} SummEdits domains, {label}: BAcc {np.mean([d[0] for d in doms]):.3f}, "
              f"AUC {np.mean([d[1] for d in doms]):.3f}", end="")
    print()


def cost(data: Path) -> None:
    code = ("import time; s = time.perf_counter(); import factcheck.judge; "
            "from factcheck.text.lexicon import lexicon; t = time.perf_counter(); lexicon(); a = time.perf_counter(); "
            "from factcheck.judge.model import shipped_model; shipped_model(); "
            "print(f'{a - t:.3f} {time.perf_counter() - a:.3f} {t - s:.3f}')")
    loads = []
    for _ in range(3):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
        loads.append((float(out[0]), float(out[1]), float(out[2])))
    news = load_news_dev(data)
    story = {e.source: Story(tuple(split_sentences_simple(e.source))) for e in news}
    judge(news[0].old, news[0].new)  # load the table and the model
    timings = {}
    for name in ("first pass", "pair", "story"):
        start = time.perf_counter()
        for e in news:
            from factcheck.judge.edit import extract_edits

            extract_edits.cache_clear()
            judge(e.old, e.new, story[e.source] if name != "pair" else None)
        timings[name] = (time.perf_counter() - start) / len(news) * 1000
    print("\n## Cost (this CPU, one process)\n")
    print(f"- cold process, medians of 3: `import factcheck.judge` {sorted(x[2] for x in loads)[1] * 1000:.0f} ms "
          f"(no table, no model), WordNet table load {sorted(x[0] for x in loads)[1] * 1000:.0f} ms, "
          f"model load {sorted(x[1] for x in loads)[1] * 1000:.0f} ms")
    print(f"- per pair, features and prediction, news dev summaries (about 40 words), no NLI: "
          f"pair alone {timings['pair']:.1f} ms, with the article as story {timings['story']:.1f} ms; the first "
          f"pass, with the article and the lexical lookups not yet cached, {timings['first pass']:.1f} ms")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--nli", action="store_true")
    ap.add_argument("--cache", default="")
    args = ap.parse_args()
    news_dev(args.data)
    lodo(args.data)
    if args.nli:
        from factcheck.models.cache import default_cache_dir

        _, model = jf.cached_models(args.cache or str(default_cache_dir()))
        every = [e for d in load_domains(args.data, tuple(DOMAIN_TERMS)).values() for e in d]
        every += load_news_dev(args.data)
        every += synthetic_examples(args.data, Config(args.data).synthetic, 0)
        every += [p for e in every for p in sentence_pairs(e)]  # the sentence pairs trained on and scored
        lodo(args.data, jf.nli_scorer(every, model))
    cost(args.data)
    print(f"\nSynthetic edit kinds in the shipped training: {', '.join(SYNTHETIC_KINDS)}")


if __name__ == "__main__":
    main()
