"""SummEdits news inside its article: the edit must be found among a whole story's other changes.

Each item becomes two versions of a story: the original summary as the first paragraph above the
article, and the edited summary above the same article with two of its paragraphs swapped (a moved
paragraph, which is no fact change). By default the swap is issue 22's construction: the article's
last two paragraphs, when it has at least 3; ``--swap middle`` swaps the second and third body
paragraphs (index 2 and 3) when there are more than 4, the construction of the figures before it;
``--swap none`` swaps nothing.

A finding is "in the summary" when one of its evidence sentences lies in the first paragraph (the
summary) of its version; every other finding is in unchanged text (the article is the same in both
versions but for the swap) and is false by construction. "Flagged" is a finding at warning or above
in the summary. For the judge (the default) and without it (``judge=False``: every changed slot to
the NLI model) it prints:

- balanced accuracy (label 1: facts kept, must not be flagged; label 0: facts changed, must be);
- findings in unchanged text per 20 articles, at warning or above and at any severity (info too),
  with the rules that made them;
- how many of the consistent (label 1) items get a warning or error anywhere, summary or article.

``--dump FILE`` writes, per run, every finding in unchanged text and every consistent item that
gets a warning or error anywhere (with its findings and both summaries) to FILE as JSON, for reading.

Usage: python bench/summedits_in_article.py [DATA] [--swap last|middle|none] [--judge both|on|off]
       [--dump FILE]
DATA defaults to ../shared/data/summedits/summedits_news_dev.json.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path
from typing import Any

from factcheck.findings.finding import Finding
from factcheck.models.cache import ResultCache, default_cache_dir
from factcheck.models.config import load_models_config
from factcheck.pipeline import check_versions
from factcheck.text.normalize import match_key


def story(summary: str, doc: str, swap: str) -> str:
    """The summary as the first paragraph, then the article's paragraphs, two of them swapped."""
    paras = [p for p in doc.split("\n\n") if p.strip()]
    if swap == "last" and len(paras) >= 3:
        paras[-2], paras[-1] = paras[-1], paras[-2]
    elif swap == "middle" and len(paras) > 4:
        paras[2], paras[3] = paras[3], paras[2]
    return summary.strip() + "\n\n" + "\n\n".join(paras)


def finding_record(f: Finding, in_summary: list[bool]) -> dict[str, Any]:
    return {"rule": f.rule, "name": f.name, "severity": f.sev.value, "message": f.message,
            "evidence": [{"version": e.version, "sentence": e.sentence, "in_summary": s, "text": e.text}
                         for e, s in zip(f.evidence, in_summary, strict=True)],
            "scores": f.scores, "related": [r.get("rule") for r in f.related]}


def run(items: list[dict[str, Any]], swap: str, judge: bool) -> dict[str, Any]:
    config = load_models_config()
    cache = ResultCache(default_cache_dir())  # scores are cached by model checksum and text
    rows: list[tuple[int, bool]] = []
    outside_warn = outside_any = 0
    consistent_warned = 0
    rules_warn: Counter[str] = Counter()
    rules_any: Counter[str] = Counter()
    outside: list[dict[str, Any]] = []
    flagged_consistent: list[dict[str, Any]] = []
    for it in items:
        versions = {"a.txt": story(it["original_summary"], it["doc"], "none"),
                    "b.txt": story(it["summary"], it["doc"], swap)}
        report = check_versions(versions, models=config, cache=cache, judge=judge)
        summary_keys = {match_key(s) for s in (it["original_summary"], it["summary"])}
        # the summary is the first paragraph: its characters come before the first blank line
        cut = {v.id: len(v.text.split("\n\n", 1)[0]) for v in report.versions}
        flagged = warned = False
        records = []
        for f in report.findings:
            in_summary = [e.start < cut[e.version] or match_key(e.text) in summary_keys for e in f.evidence]
            warn = f.sev.rank >= 2
            warned |= warn
            rec = finding_record(f, in_summary)
            records.append(rec)
            if any(in_summary):
                flagged |= warn
                continue
            outside_any += 1
            rules_any[f.rule] += 1
            if warn:
                outside_warn += 1
                rules_warn[f.rule] += 1
            outside.append({"id": it["id"], "label": it["label"], **rec})
        if it["label"] == 1 and warned:
            consistent_warned += 1
            flagged_consistent.append({"id": it["id"], "edit_types": it["edit_types"], "flagged_in_summary": flagged,
                                       "original_summary": it["original_summary"], "summary": it["summary"],
                                       "findings": [r for r in records if r["severity"] != "info"]})
        rows.append((it["label"], flagged))
    pos = [f for label, f in rows if label == 0]
    neg = [f for label, f in rows if label == 1]
    tpr = sum(pos) / len(pos) if pos else 0.0
    tnr = 1 - sum(neg) / len(neg) if neg else 0.0
    return {"judge": judge, "swap": swap, "items": len(rows), "consistent": len(neg),
            "balanced_accuracy": (tpr + tnr) / 2, "changed_flagged": tpr, "kept_unflagged": tnr,
            "outside_warning_or_above": outside_warn, "outside_any": outside_any,
            "outside_warning_or_above_per_20": 20 * outside_warn / len(rows),
            "outside_any_per_20": 20 * outside_any / len(rows),
            "outside_rules_warning_or_above": dict(rules_warn.most_common()),
            "outside_rules_any": dict(rules_any.most_common()),
            "consistent_warned_anywhere": consistent_warned,
            "outside": outside, "flagged_consistent": flagged_consistent}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    ap.add_argument("data", nargs="?", default="../shared/data/summedits/summedits_news_dev.json",
                    help="a SummEdits JSON file (default: the news dev file)")
    ap.add_argument("--swap", choices=("last", "middle", "none"), default="last",
                    help="paragraphs swapped in the edited version: the last two (default, issue 22), "
                         "index 2 and 3 (the construction before it), or none")
    ap.add_argument("--judge", choices=("both", "on", "off"), default="both",
                    help="run with the judge, without it (NLI alone), or both (default)")
    ap.add_argument("--dump", metavar="FILE", help="write the findings in unchanged text and the consistent "
                                                   "items warned anywhere to FILE as JSON")
    args = ap.parse_args()
    items = json.loads(Path(args.data).read_text("utf-8"))
    judges = {"both": (False, True), "on": (True,), "off": (False,)}[args.judge]
    results = []
    for judge in judges:
        r = run(items, args.swap, judge)
        results.append(r)
        n = r["items"]
        print(f"{'judge' if judge else 'NLI, no judge'} (swap {args.swap}): balanced accuracy "
              f"{r['balanced_accuracy']:.3f} (changed flagged {r['changed_flagged']:.3f}, kept unflagged "
              f"{r['kept_unflagged']:.3f})")
        print(f"  findings in unchanged text: warning or above {r['outside_warning_or_above']} in {n} articles = "
              f"{r['outside_warning_or_above_per_20']:.2f} per 20; any severity {r['outside_any']} = "
              f"{r['outside_any_per_20']:.2f} per 20")
        for label, key in (("warning+", "outside_rules_warning_or_above"), ("any", "outside_rules_any")):
            rules = ", ".join(f"{rule} {c}" for rule, c in r[key].items()) or "none"
            print(f"    by rule ({label}): {rules}")
        print(f"  consistent items with a warning or error anywhere: {r['consistent_warned_anywhere']} of "
              f"{r['consistent']}")
    if args.dump:
        Path(args.dump).write_text(json.dumps({"data": args.data, "runs": results}, indent=1, ensure_ascii=False),
                                   "utf-8")
        print(f"wrote {args.dump}")


if __name__ == "__main__":
    main()
