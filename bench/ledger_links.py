"""How many added or dropped fact sentences a finding links to the other version (the story ledger).

On real news edits (``../shared/data/realnews``, its gold list of changed sentences), a fact that
moved is often an added sentence in one version and a dropped one in the other. Counted here: gold
fact changes that are an added or a dropped sentence, and how many of them sit in a finding at
warning or above whose evidence also holds a sentence of the other version (a linked change),
without the ledger (``--checks`` all but ``ledger``) and with it. Sentence matching is score.py's.

Usage: python bench/ledger_links.py [../shared/data/realnews]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from factcheck.checker import EVIDENCE
from factcheck.models.cache import ResultCache, default_cache_dir
from factcheck.pipeline import check_versions

sys.path.insert(0, str(Path(__file__).resolve().parent))
from judgement import match


def main() -> None:
    root = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/realnews")
    gold = json.loads((root / "gold.json").read_text("utf-8"))
    cache = ResultCache(default_cache_dir())
    without = [c for c in EVIDENCE if c != "ledger"]
    totals = {"moved facts": 0, "linked without the ledger": 0, "linked with the ledger": 0}
    for sid, story in gold.items():
        if story.get("unrelated"):
            continue
        texts = {v: (root / "stories" / sid / v).read_text("utf-8") for v in ("v1.txt", "v2.txt")}
        moved = [c for c in story["changes"] if c["kind"] == "fact" and bool(c["old"]) != bool(c["new"])]
        totals["moved facts"] += len(moved)
        for label, checks in (("linked without the ledger", without), ("linked with the ledger", None)):
            report = check_versions(texts, checks=checks, cache=cache)
            for c in moved:
                here = "v1.txt" if c["old"] else "v2.txt"
                sentence = c["old"] or c["new"]
                if any(f.sev.rank >= 2 and any(match(e.text, sentence) and e.version == here for e in f.evidence)
                       and any(e.version != here for e in f.evidence) for f in report.findings):
                    totals[label] += 1
    print(json.dumps(totals))


if __name__ == "__main__":
    main()
