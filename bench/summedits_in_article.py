"""SummEdits news inside its article: the edit must be found among a whole story's other changes.

Each item becomes two versions of a story: the original summary as the lede above the article, and
the edited summary above the same article with two of its paragraphs swapped (the second and the
third body paragraphs: a moved paragraph, which is no fact change). "Flagged" is a finding at
warning or above whose evidence holds a summary sentence; findings at warning or above anywhere
else are false alarms, counted per article. Prints balanced accuracy (label 1: facts kept, must
not be flagged; label 0: facts changed, must be) and false alarms per 20 articles, with the judge
(the default) and without it (``judge=False``: every changed slot to the NLI model).

Usage: python bench/summedits_in_article.py [../shared/data/summedits/summedits_news_dev.json]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from factcheck.cache import ResultCache, default_cache_dir
from factcheck.models.config import load_models_config
from factcheck.normalize import match_key
from factcheck.pipeline import check_versions


def story(summary: str, doc: str, swap: bool) -> str:
    paras = [p for p in doc.split("\n\n") if p.strip()]
    if swap and len(paras) > 4:
        paras[2], paras[3] = paras[3], paras[2]
    return summary.strip() + "\n\n" + "\n\n".join(paras)


def main() -> None:
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/summedits/summedits_news_dev.json")
    items = json.loads(path.read_text("utf-8"))
    config = load_models_config()
    cache = ResultCache(default_cache_dir())
    for judge in (False, True):
        rows, alarms = [], 0
        for it in items:
            versions = {"a.txt": story(it["original_summary"], it["doc"], False),
                        "b.txt": story(it["summary"], it["doc"], True)}
            report = check_versions(versions, models=config, cache=cache, judge=judge)
            summary = {match_key(s) for s in (it["original_summary"], it["summary"])}
            first_para = {v.id: v.text.split("\n\n", 1)[0] for v in report.versions}
            flagged = False
            for f in report.findings:
                if f.sev.rank < 2:
                    continue
                if any(e.text in first_para[e.version] or match_key(e.text) in summary for e in f.evidence):
                    flagged = True
                else:
                    alarms += 1
            rows.append((it["label"], flagged))
        pos = [f for label, f in rows if label == 0]
        neg = [f for label, f in rows if label == 1]
        tpr, tnr = sum(pos) / len(pos), 1 - sum(neg) / len(neg)
        print(f"{'judge' if judge else 'NLI, no judge'}: balanced accuracy {(tpr + tnr) / 2:.3f} (changed flagged "
              f"{tpr:.3f}, kept unflagged {tnr:.3f}); false alarms outside the summary {alarms} in {len(rows)} "
              f"articles = {20 * alarms / len(rows):.2f} per 20 articles")


if __name__ == "__main__":
    main()
