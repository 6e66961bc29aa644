"""Judgement on the development data, per story and per document, with the spread (issue 30).

Three development sets, each read the way issue 30 asks:

- **real news** (``../shared/data/realnews``: 22 stories, 2 unrelated pairs): precision and fact recall
  of the findings at warning or above, the share of errors that are not a gold fact change, the
  unrelated pairs refused; scored as ``../shared/data/realnews/score.py`` scores (the same matching of
  evidence to gold sentences), in this process and per story;
- **SummEdits news pairs** (``summedits_news_dev.json`` and ``summedits_news_dev2.json``: 14
  documents): the original summary against the edited one; balanced accuracy per document;
- **SummEdits news in article**: the summary above its article, the last two paragraphs swapped in
  the edited version (``summedits_in_article.story``); balanced accuracy per document and the findings,
  at any severity, in text that did not change (per 20 articles).

Every figure is given pooled and as the mean, the standard deviation and the range over the stories
or documents. ``--save FILE`` writes every unit's outcome (what ``bench/cv_thresholds.py`` reads to
choose thresholds by leaving one story or document out); ``--set NAME=VALUE`` runs with a tunable
threshold changed (``factcheck.models.config.THRESHOLDS``); ``--verbose`` lists the false findings, the missed
fact changes and the flagged consistent summaries.

Usage: python bench/judgement.py [--sets realnews,pairs,article] [--set NAME=VALUE ...] [--save FILE]
       [--verbose]
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import statistics
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from summedits_in_article import story  # noqa: E402

from factcheck.errors import FactcheckError  # noqa: E402
from factcheck.models.cache import ResultCache, default_cache_dir  # noqa: E402
from factcheck.models.config import THRESHOLDS, load_models_config  # noqa: E402
from factcheck.pipeline import check_versions  # noqa: E402
from factcheck.report import Report  # noqa: E402
from factcheck.text.normalize import match_key  # noqa: E402

DATA = Path("../shared/data")
REALNEWS = DATA / "realnews"
SUMMEDITS = (DATA / "summedits/summedits_news_dev.json", DATA / "summedits/summedits_news_dev2.json")
SETS = ("realnews", "pairs", "article")
UNRELATED = re.compile(r"unrelated|different (stor|article)|low overlap|little overlap|not versions of|no common|"
                       r"share (almost )?no", re.I)


# -- matching evidence to gold, as ../shared/data/realnews/score.py does -----------------------------------

def norm(s: str) -> str:
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", s).strip().lower()


def match(text: str, gold: str) -> bool:
    if not text or not gold:
        return False
    t, g = norm(text), norm(gold)
    if t[:60] in g or g[:60] in t:
        return True
    return difflib.SequenceMatcher(None, t, g).ratio() >= 0.85


def _hits(texts: list[str], change: dict[str, Any]) -> bool:
    return any(match(t, change["old"]) or match(t, change["new"]) for t in texts)


def _texts(f: Any) -> list[str]:
    return [e.text for e in f.evidence if e.text]


def _record(f: Any) -> dict[str, Any]:
    return {"rule": f.rule, "severity": f.sev.value, "message": f.message, "texts": _texts(f),
            "related": sorted({r["rule"] for r in f.related})}


# -- the three sets -------------------------------------------------------------------------------------------

def realnews(cache: ResultCache, config: Any, th: dict[str, float]) -> list[dict[str, Any]]:
    """One unit per story: every finding with its gold class, the facts caught, or the refusal."""
    gold = json.loads((REALNEWS / "gold.json").read_text("utf-8"))
    units = []
    for sid, g in gold.items():
        paths = [REALNEWS / "stories" / sid / v for v in ("v1.txt", "v2.txt")]
        unit: dict[str, Any] = {"set": "realnews", "unit": sid, "group": sid, "unrelated": bool(g.get("unrelated"))}
        try:
            report = check_versions(paths, models=config, cache=cache, thresholds=th)
        except FactcheckError as e:
            unit["refused"] = str(e)
            if unit["unrelated"]:
                unit["caught"] = bool(UNRELATED.search(str(e)))
            else:
                unit["facts"] = [c["note"] for c in g["changes"] if c["kind"] == "fact"]
                unit["caught_facts"] = []
                unit["findings"] = []
            units.append(unit)
            continue
        if unit["unrelated"]:
            said = [f"{f.rule} {f.name} {f.message}" for f in report.findings] + list(report.notes)
            unit["caught"] = any(UNRELATED.search(m) for m in said)
            units.append(unit)
            continue
        facts = [c for c in g["changes"] if c["kind"] == "fact"]
        debatable = [c for c in g["changes"] if c["kind"] == "debatable"]
        findings = []
        for f in report.findings:
            rec = _record(f)
            texts = rec["texts"]
            rec["class"] = "true" if any(_hits(texts, c) for c in facts) else \
                "debatable" if any(_hits(texts, c) for c in debatable) else "false"
            findings.append(rec)
        warn = [f for f in findings if f["severity"] != "info"]
        unit["facts"] = [c["note"] for c in facts]
        unit["caught_facts"] = [c["note"] for c in facts if any(_hits(f["texts"], c) for f in warn)]
        unit["caught_any"] = [c["note"] for c in facts if any(_hits(f["texts"], c) for f in findings)]
        unit["findings"] = findings
        units.append(unit)
    return units


def summedits_items() -> list[dict[str, Any]]:
    """The news items of both development files, each with its document's number (one document per
    distinct article, in the order first seen)."""
    items: list[dict[str, Any]] = []
    docs: dict[str, int] = {}
    for path in SUMMEDITS:
        for it in json.loads(path.read_text("utf-8")):
            it = dict(it)
            it["document"] = docs.setdefault(it["doc"], len(docs))
            items.append(it)
    return items


def pairs(cache: ResultCache, config: Any, items: list[dict[str, Any]], th: dict[str, float]) -> list[dict[str, Any]]:
    units = []
    for it in items:
        report = check_versions({"1-original": it["original_summary"], "2-edited": it["summary"]}, models=config,
                                cache=cache, thresholds=th)
        flagged = [_record(f) for f in report.findings if f.sev.rank >= 2]
        units.append({"set": "pairs", "unit": it["id"], "group": f"doc{it['document']:02d}", "label": it["label"],
                      "flagged": bool(flagged), "findings": flagged,
                      "original": it["original_summary"], "edited": it["summary"]})
    return units


def article(cache: ResultCache, config: Any, items: list[dict[str, Any]],
            th: dict[str, float]) -> list[dict[str, Any]]:
    units = []
    for it in items:
        report: Report = check_versions({"a.txt": story(it["original_summary"], it["doc"], "none"),
                                         "b.txt": story(it["summary"], it["doc"], "last")}, models=config,
                                        cache=cache, thresholds=th)
        summary = {match_key(s) for s in (it["original_summary"], it["summary"])}
        cut = {v.id: len(v.text.split("\n\n", 1)[0]) for v in report.versions}
        inside, outside = [], []
        for f in report.findings:
            where = inside if any(e.start < cut[e.version] or match_key(e.text) in summary for e in f.evidence) \
                else outside
            where.append(_record(f))
        units.append({"set": "article", "unit": it["id"], "group": f"doc{it['document']:02d}", "label": it["label"],
                      "flagged": any(f["severity"] != "info" for f in inside),
                      "findings": [f for f in inside if f["severity"] != "info"], "outside": outside,
                      "original": it["original_summary"], "edited": it["summary"]})
    return units


# -- figures --------------------------------------------------------------------------------------------------

def realnews_figures(units: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Pooled precision, recall, false-error share and unrelated pairs caught, over ``units``."""
    t = d = f = et = ef = facts = caught = 0
    unrelated = unrelated_caught = 0
    for u in units:
        if u["unrelated"]:
            unrelated += 1
            unrelated_caught += u["caught"]
            continue
        warn = [x for x in u["findings"] if x["severity"] != "info"]
        t += sum(x["class"] == "true" for x in warn)
        d += sum(x["class"] == "debatable" for x in warn)
        f += sum(x["class"] == "false" for x in warn)
        et += sum(x["severity"] == "error" and x["class"] == "true" for x in warn)
        ef += sum(x["severity"] == "error" and x["class"] != "true" for x in warn)
        facts += len(u["facts"])
        caught += len(u["caught_facts"])
    n = t + d + f
    return {"findings": n, "true": t, "debatable": d, "false": f, "precision": t / n if n else 1.0,
            "recall": caught / facts if facts else 1.0, "facts": facts, "caught": caught, "errors": et + ef,
            "false_errors": ef, "false_error_share": ef / (et + ef) if et + ef else 0.0,
            "unrelated": unrelated, "unrelated_caught": unrelated_caught}


def balanced(units: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Balanced accuracy of ``flagged`` against the labels (0: facts changed, must be flagged)."""
    units = list(units)
    changed = [u["flagged"] for u in units if u["label"] == 0]
    kept = [u["flagged"] for u in units if u["label"] == 1]
    tpr = sum(changed) / len(changed) if changed else 1.0
    tnr = 1 - sum(kept) / len(kept) if kept else 1.0
    out = {"items": len(units), "balanced_accuracy": (tpr + tnr) / 2, "changed_flagged": tpr, "kept_unflagged": tnr}
    if units and "outside" in units[0]:
        out["outside_any"] = sum(len(u["outside"]) for u in units)
        out["outside_warning"] = sum(1 for u in units for x in u["outside"] if x["severity"] != "info")
        out["outside_per_20"] = 20 * out["outside_any"] / len(units)
    return out


def by_group(units: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for u in units:
        out.setdefault(u["group"], []).append(u)
    return out


def spread(values: list[float]) -> str:
    if not values:
        return "n/a"
    sd = statistics.pstdev(values) if len(values) > 1 else 0.0
    return f"mean {statistics.mean(values):.3f} sd {sd:.3f} range {min(values):.3f}-{max(values):.3f}"


def realnews_line(f: dict[str, Any]) -> str:
    """The real-news figures of ``realnews_figures`` in one line (this script's and cv_thresholds.py's)."""
    return (f"{f['findings']} findings at warning+ ({f['true']} true, {f['debatable']} debatable, {f['false']} "
            f"false): precision {f['precision']:.3f}, fact recall {f['recall']:.3f} ({f['caught']}/{f['facts']}), "
            f"errors {f['errors']} of which not a fact change {f['false_errors']} ({f['false_error_share']:.2f}), "
            f"unrelated refused {f['unrelated_caught']}/{f['unrelated']}")


def figures(units: list[dict[str, Any]], verbose: bool = False) -> list[str]:
    """The printed table of one run."""
    lines = []
    news = [u for u in units if u["set"] == "realnews"]
    if news:
        lines.append("realnews: " + realnews_line(realnews_figures(news)))
        per = {u["unit"]: realnews_figures([u]) for u in news if not u["unrelated"]}
        lines.append("  per story precision: " + spread([p["precision"] for p in per.values() if p["findings"]]))
        lines.append("  per story recall:    " + spread([p["recall"] for p in per.values() if p["facts"]]))
        for sid, p in per.items():
            lines.append(f"    {sid:12} warn+ {p['findings']:3} true {p['true']:3} deb {p['debatable']:3} "
                         f"false {p['false']:3} facts {p['facts']:3} caught {p['caught']:3} errors {p['errors']}")
        if verbose:
            for u in news:
                for x in u.get("findings", []):
                    if x["severity"] != "info" and x["class"] != "true":
                        lines.append(f"  {x['class'].upper():9} {u['unit']} {x['rule']} [{x['severity']}] "
                                     f"{x['message'][:200]}")
                        lines += [f"      | {t[:150]}" for t in x["texts"][:2]]
                for note in u.get("facts", []):
                    if note not in u.get("caught_facts", []):
                        level = "info" if note in u.get("caught_any", []) else "none"
                        lines.append(f"  MISSED    {u['unit']} ({level}) {note}")
    for name in ("pairs", "article"):
        part = [u for u in units if u["set"] == name]
        if not part:
            continue
        pooled = balanced(part)
        extra = f"; findings in unchanged text {pooled['outside_per_20']:.2f} per 20 ({pooled['outside_any']}, " \
                f"{pooled['outside_warning']} at warning+)" if "outside_any" in pooled else ""
        lines.append(f"summedits {name}: balanced accuracy {pooled['balanced_accuracy']:.3f} (changed flagged "
                     f"{pooled['changed_flagged']:.3f}, kept unflagged {pooled['kept_unflagged']:.3f}){extra}")
        docs = {g: balanced(us) for g, us in sorted(by_group(part).items())}
        lines.append("  per document: " + spread([d["balanced_accuracy"] for d in docs.values()]))
        lines.append("    " + " ".join(f"{g}:{d['balanced_accuracy']:.2f}" for g, d in docs.items()))
        if verbose:
            for u in part:
                if u["flagged"] != (u["label"] == 0):
                    lines.append(f"  {'FALSE ALARM' if u['flagged'] else 'MISSED':11} {u['group']} {u['unit']}")
                    lines.append(f"      - {u['original'][:300]}")
                    lines.append(f"      + {u['edited'][:300]}")
                    lines += [f"      {x['rule']} [{x['severity']}] {x['message'][:200]}" for x in u["findings"]]
                for x in u.get("outside", []):
                    lines.append(f"  UNCHANGED {u['group']} {u['unit']} {x['rule']} [{x['severity']}] "
                                 f"{x['message'][:160]}")
    return lines


def run(sets: Iterable[str], th: dict[str, float] | None = None) -> list[dict[str, Any]]:
    """Every unit of the named sets, with ``th`` overriding thresholds."""
    th = dict(th or {})
    config, cache = load_models_config(), ResultCache(default_cache_dir())
    units: list[dict[str, Any]] = []
    try:
        sets = list(sets)
        if "realnews" in sets:
            units += realnews(cache, config, th)
        items = summedits_items() if {"pairs", "article"} & set(sets) else []
        if "pairs" in sets:
            units += pairs(cache, config, items, th)
        if "article" in sets:
            units += article(cache, config, items, th)
    finally:
        cache.close()
    return units


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sets", default=",".join(SETS), help=f"comma-separated, of {', '.join(SETS)}")
    ap.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                    help=f"run with a threshold changed (of {', '.join(THRESHOLDS)})")
    ap.add_argument("--save", metavar="FILE", help="write every unit's outcome to FILE as JSON")
    ap.add_argument("--verbose", "-v", action="store_true", help="list the false findings and misses")
    args = ap.parse_args()
    sets = [s for s in args.sets.split(",") if s]
    unknown = [s for s in sets if s not in SETS]
    if unknown:
        ap.error(f"unknown set {unknown[0]!r}; valid: {', '.join(SETS)}")
    overrides = {}
    for item in args.set:
        name, _, value = item.partition("=")
        if name not in THRESHOLDS:
            ap.error(f"unknown threshold {name!r}; valid: {', '.join(THRESHOLDS)}")
        overrides[name] = float(value)
    start = time.perf_counter()
    units = run(sets, overrides)
    print("\n".join(figures(units, args.verbose)))
    print(f"({time.perf_counter() - start:.0f} s; thresholds {dict(THRESHOLDS, **overrides)})")
    if args.save:
        Path(args.save).write_text(json.dumps({"overrides": overrides, "thresholds": {**THRESHOLDS, **overrides},
                                               "units": units}, ensure_ascii=False), "utf-8")


if __name__ == "__main__":
    main()
