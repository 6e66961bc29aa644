"""SARIF 2.1.0 for GitHub code scanning and other viewers.

One run; the rule catalogue in ``tool.driver.rules``; one result per finding, located at its primary
place (``Report.locations``: the version whose text departs from the others), with the other versions'
sentences as related locations; the run's properties say how each comparison read its versions.
``partialFingerprints["factcheck/v1"]`` is the finding's fingerprint, stable across runs.
Findings hidden by a comment or a baseline are kept as suppressed results.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any
from urllib.parse import quote

from factcheck import __version__
from factcheck.findings.finding import Evidence, Finding
from factcheck.findings.rules import RULES
from factcheck.render.common import SARIF_LEVEL, other_places, place_label, primary_evidence, version_label
from factcheck.report import Report

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_SUPPRESSION_KIND = {"inline": "inSource", "baseline": "external", "accepted": "external"}


def _rule(rule_id: str) -> dict[str, Any]:
    r = RULES[rule_id]
    return {
        "id": r.id,
        "name": r.name,
        "shortDescription": {"text": r.summary},
        "fullDescription": {"text": r.help},
        "help": {"text": f"{r.summary}. {r.help}", "markdown": f"**{r.summary}.** {r.help}"},
        "defaultConfiguration": {"level": SARIF_LEVEL[r.severity.value]},
        "properties": {"category": r.category, "tags": ["factcheck", r.category]},
    }


def _location(e: Evidence, message: str | None = None, ident: int | None = None) -> dict[str, Any]:
    loc: dict[str, Any] = {
        "physicalLocation": {
            "artifactLocation": {"uri": quote(e.path or e.version, safe="/"), "uriBaseId": "%SRCROOT%"},
            "region": {"startLine": e.line, "startColumn": e.column, "endLine": e.end_line,
                       "endColumn": e.end_column, "snippet": {"text": e.text}},
        }
    }
    if ident is not None:
        loc["id"] = ident
    if message is not None:
        loc["message"] = {"text": message}
    return loc


def _result(report: Report, f: Finding, index: dict[str, int], reason: str | None) -> dict[str, Any]:
    first = primary_evidence(report, f)
    result: dict[str, Any] = {
        "ruleId": f.rule,
        "ruleIndex": index[f.rule],
        "level": SARIF_LEVEL[f.sev.value],
        "message": {"text": f.message},
        "locations": [_location(first, version_label(report, first))] if first else [],
        "partialFingerprints": {"factcheck/v1": f.fingerprint},
        "properties": {"severity": f.sev.value, "category": f.category, "slot": f.group,
                       "versions": sorted({e.version for e in f.evidence}), "scores": f.scores,
                       "related": f.related,
                       "change": report.changes.get(f.group) if f.group is not None else None},
    }
    places = [(p.evidence, place_label(report, p)) for p in other_places(report, f)]
    # the places of the findings folded into this one, each once (a moved fact stands in both)
    seen = {(p.evidence.version, p.evidence.sentence) for p in report.locations(f)}
    for rel in f.related:
        for d in rel.get("evidence", []):
            e = Evidence(**d)
            if (e.version, e.sentence) not in seen:
                seen.add((e.version, e.sentence))
                places.append((e, f"{version_label(report, e)} ({rel['rule']})"))
    related = [_location(e, label, n) for n, (e, label) in enumerate(places, 1)]
    if related:
        result["relatedLocations"] = related
    if reason is not None:
        why = {"inline": "a factcheck comment in the text", "baseline": "the baseline",
               "accepted": "the draft's own baseline (accepted in this change)"}[reason]
        result["suppressions"] = [{"kind": _SUPPRESSION_KIND[reason], "justification": f"hidden by {why}"}]
    return result


def sarif_log(reports: Sequence[Report]) -> dict[str, Any]:
    index = {rid: n for n, rid in enumerate(RULES)}
    results = []
    for report in reports:
        results += [_result(report, f, index, None) for f in report.findings]
        results += [_result(report, f, index, reason) for reason, f in report.suppressed]
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "factcheck", "version": __version__, "semanticVersion": __version__,
                                "rules": [_rule(rid) for rid in RULES]}},
            "columnKind": "unicodeCodePoints",
            "results": results,
            # how each comparison read its input (the versions' order), which settings judged it and what
            # the change under review hid or accepted: for programs, and as lines for people
            "properties": {"comparisons": [{"versions": [v.id for v in r.versions], **r.about_run(),
                                            "settings": r.settings, "suppressed": r.suppressed_counts(),
                                            "lines": list(r.run_lines().values())} for r in reports]},
        }],
    }


def render_sarif(reports: Sequence[Report], color: bool = False) -> str:
    return json.dumps(sarif_log(reports), indent=2, ensure_ascii=False) + "\n"
