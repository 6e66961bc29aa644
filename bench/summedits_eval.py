"""Balanced accuracy of factcheck on SummEdits news (original summary vs edited summary).

Each item becomes two versions; "flagged" means any error or warning. Label 1 (facts kept)
should not be flagged, label 0 (facts changed) should. Prints overall balanced accuracy
and, per edit type, the share of changed items flagged, for NLI alone ("before") and for
NLI plus the targeted checks ("after").

Usage: python bench/summedits_eval.py [../shared/data/summedits/summedits_news_dev.json]
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

from factcheck.models.config import load_models_config
from factcheck.pipeline import check_versions, load_models


def flagged(report) -> bool:  # type: ignore[no-untyped-def]
    return any(f.sev.value in ("error", "warning") for f in report.findings)


def main() -> None:
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/summedits/summedits_news_dev.json")
    items = json.loads(path.read_text("utf-8"))
    models = load_models(load_models_config())
    rows = []
    for it in items:
        versions = {"original": it["original_summary"], "edited": it["summary"]}
        before = flagged(check_versions(versions, models=models, checks=[]))
        after = flagged(check_versions(versions, models=models))
        rows.append((it["label"], it["edit_types"], before, after))
    print(f"{len(rows)} items: {sum(r[0] == 0 for r in rows)} with changed facts, {sum(r[0] == 1 for r in rows)} kept")
    for col, name in ((2, "before (NLI only)"), (3, "after (NLI + checks)")):
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


if __name__ == "__main__":
    main()
