"""One verdict per change: findings about the same change fold into the most specific one.

Two steps, both within one slot:
1. targeted findings that name the same changed words (``Finding.about``) are one change: the
   most severe leads (ties: the lower rule id, the more specific check), the others join its
   ``related`` (the UNHCR gloss is FC201; the bracket insertion FC241 of the same words joins it);
2. NLI findings (FC101 to FC103) join the slot's most severe targeted finding.
"""

from __future__ import annotations

from typing import Any

from factcheck.findings import Finding

NLI_SLOT_RULES = ("FC101", "FC102", "FC103")


def same_change(a: frozenset[str], b: frozenset[str]) -> bool:
    """At least half the words of the smaller set are shared."""
    if not a or not b:
        return False
    return len(a & b) * 2 >= min(len(a), len(b))


def _related(f: Finding) -> dict[str, Any]:
    return {"rule": f.rule, "name": f.name, "message": f.message, "scores": f.scores}


def fold_same_change(findings: list[Finding]) -> list[Finding]:
    by_slot: dict[int, list[Finding]] = {}
    for f in findings:
        if f.group is not None and f.about:
            by_slot.setdefault(f.group, []).append(f)
    folded: set[int] = set()
    for group in by_slot.values():
        group.sort(key=lambda f: (-f.sev.rank, f.rule))
        for i, lead in enumerate(group):
            if id(lead) in folded:
                continue
            for other in group[i + 1:]:
                if id(other) not in folded and same_change(lead.about, other.about):
                    lead.related.append(_related(other))
                    folded.add(id(other))
    return [f for f in findings if id(f) not in folded]


def merge_findings(findings: list[Finding]) -> list[Finding]:
    """Fold findings of one change, then the NLI findings of each slot into its lead targeted finding."""
    findings = fold_same_change(findings)
    leads: dict[int, Finding] = {}
    for f in findings:
        if f.group is not None and not f.rule.startswith("FC1"):
            lead = leads.get(f.group)
            if lead is None or f.sev.rank > lead.sev.rank:
                leads[f.group] = f
    out = []
    for f in findings:
        lead = leads.get(f.group) if f.group is not None else None
        if lead is not None and f.rule in NLI_SLOT_RULES:
            lead.related.append(_related(f))
            continue
        out.append(f)
    return out
