"""Issue 22 in one run: can a build trust factcheck's errors, and does the editor still see the changes?

Three development sets, each with what issue 22 asks of it:

- real news (``../shared/data/realnews/score.py``): precision >= 0.85, fact recall >= 0.90 (warnings and
  errors), and at most 5% of the errors not a fact change;
- SummEdits news in article (the summary first, then the article, its last two paragraphs swapped in
  the edited version: ``summedits_in_article.story``): balanced accuracy >= 0.80, and at most one
  finding, of any severity, per 20 articles in text that did not change;
- SummEdits news pairs (original summary against edited summary): balanced accuracy >= 0.80.

Prints one line per set and, with ``--rules``, the rules behind the errors and the warnings of each.
Usage: python bench/error_trust.py [--rules] [--realnews-only | --summedits-only]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

from factcheck import check_versions
from factcheck.models.cache import ResultCache, default_cache_dir
from factcheck.models.config import load_models_config
from factcheck.text.normalize import match_key

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from summedits_in_article import story  # noqa: E402

SUMMEDITS = Path("../shared/data/summedits/summedits_news_dev.json")
SCORE = Path("../shared/data/realnews/score.py")


def realnews() -> str:
    done = subprocess.run([sys.executable, str(SCORE), "0.85", "0.9", "0.05"], capture_output=True, text=True)
    line = [x for x in done.stdout.splitlines() if x.startswith("realnews:")]
    return line[0] if line else (done.stdout + done.stderr)[-500:]


def _balanced(rows: list[tuple[int, bool]]) -> tuple[float, float, float]:
    pos = [f for label, f in rows if label == 0]
    neg = [f for label, f in rows if label == 1]
    tpr, tnr = sum(pos) / len(pos), 1 - sum(neg) / len(neg)
    return (tpr + tnr) / 2, tpr, tnr


def summedits(show_rules: bool) -> list[str]:
    items = json.loads(SUMMEDITS.read_text("utf-8"))
    config, cache = load_models_config(), ResultCache(default_cache_dir())
    pair_rows, article_rows = [], []
    unchanged = unchanged_warn = 0
    rules: dict[str, Counter[str]] = {"pair": Counter(), "article": Counter(), "unchanged": Counter()}
    for it in items:
        pair = check_versions({"1-original": it["original_summary"], "2-edited": it["summary"]}, models=config,
                              cache=cache)
        flagged = [f for f in pair.findings if f.sev.rank >= 2]
        pair_rows.append((it["label"], bool(flagged)))
        rules["pair"].update(f"{f.rule} {f.sev.value} label={it['label']}" for f in flagged)
        article = check_versions({"a.txt": story(it["original_summary"], it["doc"], "none"),
                                  "b.txt": story(it["summary"], it["doc"], "last")}, models=config, cache=cache)
        summary = {match_key(s) for s in (it["original_summary"], it["summary"])}
        first = {v.id: v.text.split("\n\n", 1)[0] for v in article.versions}
        hit = False
        for f in article.findings:
            in_summary = any(e.text in first[e.version] or match_key(e.text) in summary for e in f.evidence)
            if in_summary:
                hit = hit or f.sev.rank >= 2
                if f.sev.rank >= 2:
                    rules["article"][f"{f.rule} {f.sev.value} label={it['label']}"] += 1
            else:
                unchanged += 1
                unchanged_warn += f.sev.rank >= 2
                rules["unchanged"][f"{f.rule} {f.sev.value}"] += 1
        article_rows.append((it["label"], hit))
    cache.close()
    n = len(items)
    ba, tpr, tnr = _balanced(pair_rows)
    out = [f"summedits pairs: balanced accuracy {ba:.3f} (changed flagged {tpr:.3f}, kept unflagged {tnr:.3f}); "
           "need >= 0.80"]
    ba, tpr, tnr = _balanced(article_rows)
    out.append(f"summedits in article: balanced accuracy {ba:.3f} (changed flagged {tpr:.3f}, kept unflagged "
               f"{tnr:.3f}); findings in unchanged text {unchanged} in {n} articles = {20 * unchanged / n:.2f} per 20 "
               f"({unchanged_warn} at warning or above); need >= 0.80 and <= 1 per 20")
    if show_rules:
        for name, counts in rules.items():
            out.append(f"  {name}: " + (", ".join(f"{k} x{v}" for k, v in sorted(counts.items())) or "none"))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rules", action="store_true", help="list the rules behind the flagged items")
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--realnews-only", action="store_true")
    group.add_argument("--summedits-only", action="store_true")
    args = parser.parse_args()
    if not args.summedits_only:
        print(realnews())
    if not args.realnews_only:
        print("\n".join(summedits(args.rules)))


if __name__ == "__main__":
    main()
