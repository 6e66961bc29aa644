"""Scaling, NLI pairs and peak memory on a synthetic long story built from real articles.

Usage: python bench/scaling.py [--runs 5] [--baseline-runs 3] [--data ../shared/data/summedits/summedits_news_dev.json]

The story: sentences of the SummEdits news articles and of the seeds' first version, in order, in
paragraphs of three. 1x is 30 sentences; 4x is 120 (all real text); 16x is 480, the real sentences
used four times over, each pass prefixed with its part number so no two sentences are equal.
Version B is version A with every 7th sentence edited (its first number + 1, or ", officials said"
appended) and every 11th dropped.

Each size runs in its own process with the models loaded once (start-up excluded): the median of
``--runs`` calls to ``check_versions`` (no cache), the NLI pairs and slots, and the peak resident
memory of the process (measured before the baseline runs). With ``--baseline-runs N`` the same NLI
model also scores every sentence of A
against every sentence of B (SummaC-ZS style, one direction) at 1x and 4x: median of N.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
UNIT = 30


def corpus(data: Path) -> list[str]:
    from factcheck.inputs.segment import split_sentences
    from factcheck.inputs.versions import Version

    items = json.loads(data.read_text("utf-8"))
    texts = list(dict.fromkeys(x["doc"] for x in items))
    texts.append(next((REPO / "examples" / "kerry").glob("000_*.txt")).read_text("utf-8"))
    out: list[str] = []
    for t in texts:
        for s in split_sentences(Version("x", t), 0):
            if len(s.norm.split()) >= 4 and s.norm not in out:
                out.append(s.norm)
    return out


def story(sentences: list[str], size: int) -> tuple[str, str]:
    real = sentences[:min(len(sentences), UNIT * size)]
    picked = list(real)
    part = 2
    while len(picked) < UNIT * size:
        picked += [f"In part {part}, {s[0].lower()}{s[1:]}" for s in real][:UNIT * size - len(picked)]
        part += 1
    edited = []
    for i, s in enumerate(picked):
        if i % 11 == 5:
            continue
        if i % 7 == 3:
            m = re.search(r"\d+", s)
            s = s[:m.start()] + str(int(m.group()) + 1) + s[m.end():] if m else s.rstrip(".") + ", officials said."
        edited.append(s)

    def paras(xs: list[str]) -> str:
        return "\n\n".join(" ".join(xs[i:i + 3]) for i in range(0, len(xs), 3))

    return paras(picked), paras(edited)


def one(size: int, runs: int, baseline_runs: int, data: Path) -> dict[str, object]:
    from factcheck import check_versions
    from factcheck.inputs.segment import split_sentences
    from factcheck.inputs.versions import Version
    from factcheck.models.config import load_models_config
    from factcheck.models.loaded import load_models

    a, b = story(corpus(data), size)
    models = load_models(load_models_config(None))
    check_versions({"a": a, "b": b}, models=models)  # warm-up: first-call overheads
    times, report = [], None
    for _ in range(runs):
        t = time.perf_counter()
        report = check_versions({"a": a, "b": b}, models=models)
        times.append(time.perf_counter() - t)
    assert report is not None
    out: dict[str, object] = {
        "size": size, "sentences_a": len(split_sentences(Version("a", a), 0)),
        "sentences_b": len(split_sentences(Version("b", b), 1)), "median_s": statistics.median(times),
        "nli_pairs": report.stats["nli_pairs"], "slots": report.stats["slots"],
        "changed_slots": report.stats["changed_slots"],
        "findings": {k: v for k, v in report.counts().items()},
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,  # before any baseline
    }
    if baseline_runs and size <= 4:
        sa = [s.norm for s in split_sentences(Version("a", a), 0)]
        sb = [s.norm for s in split_sentences(Version("b", b), 1)]
        pairs = [(x, y) for x in sa for y in sb]
        bt = []
        for _ in range(baseline_runs):
            t = time.perf_counter()
            models.nli.predict(pairs)
            bt.append(time.perf_counter() - t)
        out["baseline_pairs"] = len(pairs)
        out["baseline_median_s"] = statistics.median(bt)
        out["peak_rss_with_baseline_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--baseline-runs", type=int, default=0)
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data" / "summedits" /
                    "summedits_news_dev.json")
    ap.add_argument("--size", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.size:
        print(json.dumps(one(args.size, args.runs, args.baseline_runs, args.data)))
        return
    rows = []
    for size in (1, 4, 16):
        done = subprocess.run([sys.executable, __file__, "--size", str(size), "--runs", str(args.runs),
                               "--baseline-runs", str(args.baseline_runs), "--data", str(args.data)],
                              capture_output=True, text=True, check=True)
        rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
        print(json.dumps(rows[-1]), flush=True)
    base = rows[0]["median_s"]
    print(f"\n| size | sentences (A/B) | slots | NLI pairs | pairs per slot | median s ({args.runs} runs) "
          "| time vs 1x | peak RSS MB |")
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['size']}x | {r['sentences_a']}/{r['sentences_b']} | {r['slots']} | {r['nli_pairs']} | "
              f"{r['nli_pairs'] / r['slots']:.2f} | {r['median_s']:.2f} | {r['median_s'] / base:.2f} | "
              f"{r['peak_rss_mb']:.0f} |")
    with_base = [r for r in rows if "baseline_median_s" in r]
    if with_base:
        print(f"\n| size | factcheck pairs | factcheck s | all-pairs pairs | all-pairs s ({args.baseline_runs} runs) "
              "| speed-up |")
        print("|---|---|---|---|---|---|")
        for r in with_base:
            print(f"| {r['size']}x | {r['nli_pairs']} | {r['median_s']:.2f} | {r['baseline_pairs']} | "
                  f"{r['baseline_median_s']:.1f} | {r['baseline_median_s'] / r['median_s']:.1f}x |")


if __name__ == "__main__":
    main()
