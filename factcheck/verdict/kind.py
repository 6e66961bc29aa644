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
from factcheck.slots.slot import CHANGED, PARTIAL, Slot

# rules that concern form, not what the text claims
STYLE_RULES = rules_where(form_only=True)
# rules about a sentence some versions lack that adds or drops no fact
RESTATING = rules_where(restates=True)
FACT = "fact"
STYLE = "style"


def _rules(f: Finding) -> set[str]:
    return {f.rule, *(r["rule"] for r in f.related)}


def label_slots(slots: Sequence[Slot], findings: Sequence[Finding]) -> dict[int, str]:
    """``{slot id: "fact" | "style"}`` for every slot whose versions differ; identical slots are left out."""
    rules: dict[int, set[str]] = {}
    for f in findings:
        if f.group is not None:
            rules.setdefault(f.group, set()).update(_rules(f))
    out = {}
    for slot in slots:
        if slot.status == PARTIAL:
            found = rules.get(slot.id)
            out[slot.id] = STYLE if found and not found - STYLE_RULES - RESTATING else FACT
        elif slot.status == CHANGED:
            out[slot.id] = FACT if rules.get(slot.id, set()) - STYLE_RULES else STYLE
    return out
