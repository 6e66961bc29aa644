"""Fact change or style change: one label per slot whose versions differ, after NewsEdits 2.0.

NewsEdits 2.0 sorts the edits between versions of a news article into fact updates (a fact
added, removed or changed) and style updates (the same facts, reworded or corrected). Here a
slot is a **fact** change when any finding about it, or folded into one, is of a rule that
concerns what the text claims (numbers, names, quotations, attribution, certainty, NLI), or when
some versions lack a statement that carries facts (added or removed); it is a **style** change when
its texts differ and every finding, if any, concerns form only (punctuation, spelling, editorial
defects), or when the statement some versions lack only restates what they say elsewhere (FC110).
"""

from __future__ import annotations

from collections.abc import Sequence

from factcheck.findings.finding import Finding
from factcheck.findings.rules import rules_where
from factcheck.slots.context import CheckContext
from factcheck.slots.slot import CHANGED, PARTIAL

# rules that concern form, not what the text claims
STYLE_RULES = rules_where(form_only=True)
# rules about a sentence some versions lack that adds or drops no fact
RESTATING = rules_where(restates=True)
FACT = "fact"
STYLE = "style"


def _rules(f: Finding) -> set[str]:
    return {f.rule, *(r["rule"] for r in f.related)}


def label_slots(ctx: CheckContext, findings: Sequence[Finding]) -> dict[int, str]:
    """``{slot id: "fact" | "style"}`` for every slot whose versions differ; identical slots are left out.
    A finding speaks for its own slot and every slot its evidence lies in (a block of sentences, a fact
    that moved), and a finding folded into another for its own slot."""
    rules: dict[int, set[str]] = {}
    index = {v.id: n for n, v in enumerate(ctx.versions)}
    for f in findings:
        groups = {f.group} | {ctx.group_of(ctx.sentences[index[e.version]][e.sentence])
                              for e in f.evidence if e.version in index}
        for g in groups - {None}:
            rules.setdefault(g, set()).update(_rules(f))  # type: ignore[arg-type]
        for r in f.related:
            if r.get("group") is not None:
                rules.setdefault(r["group"], set()).add(r["rule"])
    out = {}
    for slot in ctx.slots:
        if slot.status == PARTIAL:
            found = rules.get(slot.id)
            out[slot.id] = STYLE if found and not found - STYLE_RULES - RESTATING else FACT
        elif slot.status == CHANGED:
            out[slot.id] = FACT if rules.get(slot.id, set()) - STYLE_RULES else STYLE
    return out
