"""One verdict per change: findings about the same change fold into the most specific one.

Two steps, both within one slot:
1. targeted findings that name the same changed words (``Finding.about``) are one change: the
   most severe leads (ties: a story finding that links two places, then the lower rule id), the others join its
   ``related`` (the UNHCR gloss is FC201; the bracket insertion FC241 of the same words joins it);
2. a story finding that links two places (``Rule.links_places``: FC301, FC302, FC305, FC306) takes in
   the slot-level findings about either place (``Rule.joins_story``): the added and dropped sentences
   (FC110, FC111), facts added to a statement (FC212, FC103) and the NLI hint that the two sentences
   contradict (FC104);
3. the whole-statement verdicts (``Rule.verdict``: NLI FC101 to FC103, the judge's FC120 to FC122) join the slot's
   most severe targeted finding; where that finding is only info and a verdict is more severe, the
   verdict leads and the note joins it.
"""

from __future__ import annotations

from typing import Any

from factcheck.findings.finding import Finding
from factcheck.findings.rules import RULES, Rule, Severity
from factcheck.text.normalize import match_key


def _rule(f: Finding) -> Rule:
    return RULES[f.rule]


def same_change(a: frozenset[str], b: frozenset[str]) -> bool:
    """At least half the words of the smaller set are shared."""
    if not a or not b:
        return False
    return len(a & b) * 2 >= min(len(a), len(b))


def _related(f: Finding) -> dict[str, Any]:
    return f.as_related()


def fold_same_change(findings: list[Finding]) -> list[Finding]:
    by_slot: dict[int, list[Finding]] = {}
    for f in findings:
        if f.group is not None and f.about:
            by_slot.setdefault(f.group, []).append(f)
    folded: set[int] = set()
    for group in by_slot.values():
        # at one severity a story finding leads: it links the places the fact stands
        group.sort(key=lambda f: (-f.sev.rank, not _rule(f).links_places, f.rule))
        for i, lead in enumerate(group):
            if id(lead) in folded:
                continue
            for other in group[i + 1:]:
                if id(other) not in folded and same_change(lead.about, other.about):
                    lead.related.append(_related(other))
                    folded.add(id(other))
    return [f for f in findings if id(f) not in folded]


def fold_into_story(findings: list[Finding]) -> list[Finding]:
    """An added or dropped sentence (FC110, FC111) or a fact added to a statement (FC212, FC103) that a
    story finding already links to its counterpart is reported once, under the story finding."""
    leads = [f for f in findings if _rule(f).links_places]
    # the leads that hold each text, in order: a finding is compared with those alone, not with every lead
    holding: dict[str, list[int]] = {}
    for n, lead in enumerate(leads):
        for key in dict.fromkeys(match_key(e.text) for e in lead.evidence):
            holding.setdefault(key, []).append(n)
    folded: set[int] = set()
    for f in findings:
        if not _rule(f).joins_story:
            continue
        texts = {match_key(e.text) for e in f.evidence}
        for lead in (leads[n] for n in sorted({n for t in texts for n in holding.get(t, ())})):
            if _rule(f).absence or same_change(lead.about, f.about) or not f.about:
                lead.related.append(_related(f))
                folded.add(id(f))
                break
    return [f for f in findings if id(f) not in folded]


def merge_findings(findings: list[Finding]) -> list[Finding]:
    """Fold findings of one change, those a story finding links, then the NLI findings of each slot into
    its lead targeted finding. A targeted warning or error has named the change and says how much it
    matters (a hedge is a warning, whatever a whole-statement model reads). A targeted note does not:
    where the lead is only info (an omission) and a verdict is a warning or an error, the verdict
    leads and the note joins it, so that a note never hides a fact change."""
    findings = fold_into_story(fold_same_change(findings))
    targeted: dict[int, Finding] = {}
    for f in findings:
        if f.group is not None and _rule(f).stage != "statement":
            lead = targeted.get(f.group)
            if lead is None or f.sev.rank > lead.sev.rank:
                targeted[f.group] = f
    leads = dict(targeted)
    for f in findings:
        g = f.group
        if g is not None and g in leads and _rule(f).verdict and leads[g].sev is Severity.INFO \
                and f.sev.rank > leads[g].sev.rank:
            leads[g] = f
    out = []
    for f in findings:
        g = f.group
        lead = leads.get(g) if g is not None else None
        if g is not None and lead is not None and f is not lead and (_rule(f).verdict or f is targeted.get(g)):
            lead.related.append(_related(f))
            continue
        out.append(f)
    return out
