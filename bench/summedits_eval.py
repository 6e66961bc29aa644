"""Balanced accuracy of factcheck on SummEdits news (original summary vs edited summary).

Each item becomes two versions; "flagged" means any error or warning. Label 1 (facts kept)
should not be flagged, label 0 (facts changed) should. Prints overall balanced accuracy
and, per edit type, the share of changed items flagged, for NLI alone ("before"), for NLI
plus the targeted checks ("after", the default run) and for the targeted checks' own findings
in that run; then, per rule, how often it fires on changed and on kept items.

Usage: python bench/summedits_eval.py [../shared/data/summedits/summedits_news_dev.json]
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

from factcheck.models.cache import ResultCache, default_cache_dir
from factcheck.models.config import load_models_config
from factcheck.pipeline import check_versions


def flagged(report) -> bool:  # type: ignore[no-untyped-def]
    return any(f.sev.value in ("error", "warning") for f in report.findings)


def main() -> None:
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/summedits/summedits_news_dev.json")
    items = json.loads(path.read_text("utf-8"))
    config = load_models_config()
    cache = ResultCache(default_cache_dir())  # scores are cached by model checksum and text
    rows = []
    fired: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # rule -> [changed items, kept items]
    for it in items:
        versions = {"1-original": it["original_summary"], "2-edited": it["summary"]}
        before = flagged(check_versions(versions, models=config, checks=[], cache=cache))
        report = check_versions(versions, models=config, cache=cache)
        after = flagged(report)
        checks_only = any(f.sev.value in ("error", "warning") and not f.rule.startswith("FC1") for f in report.findings)
        for rule in {f.rule for f in report.findings if f.sev.value in ("error", "warning")}:
            fired[rule][it["label"]] += 1
        rows.append((it["label"], it["edit_types"], before, after, checks_only))
    print(f"{len(rows)} items: {sum(r[0] == 0 for r in rows)} with changed facts, {sum(r[0] == 1 for r in rows)} kept")
    for col, name in ((2, "before (NLI only)"), (3, "after (NLI + checks)"), (4, "targeted checks alone")):
        pos = [r for r in rows if r[0] == 0]
        neg = [r for r in rows if r[0] == 1]
        tpr = sum(r[col] for r in pos) / len(pos)
        tnr = sum(not r[col] for r in neg) / len(neg)
        print(f"\n{name}: balanced accuracy {(tpr + tnr) / 2:.3f}  "
              f"(changed flagged {tpr:.3f}, kept unflagged {tnr:.3f})")
        by_type: dict[str, list[bool]] = defaultdict(list)
        for r in pos:
            for t in r[1]:
                by_type[t].append(r[col])
        for t, vals in sorted(by_type.items()):
            rate = sum(vals) / len(vals)
            print(f"  {t:<30} n={len(vals):<3} flagged {rate:.3f}  balanced accuracy {(rate + tnr) / 2:.3f}")
    n_changed = sum(r[0] == 0 for r in rows)
    n_kept = len(rows) - n_changed
    print("\nrules at error or warning (after): share of changed items / of kept items they fire on")
    for rule, (changed, kept) in sorted(fired.items()):
        print(f"  {rule}  changed {changed / n_changed:.3f}  kept {kept / n_kept:.3f}")


if __name__ == "__main__":
    main()
