"""The verdict on each slot, weighed in one place: the findings of the judge, the NLI model, the
targeted checks and the ledger go in; the rules the policy enables, at their severities, come out,
one lead finding per change with the others folded into it (``merge``), and each changed slot
labelled a fact or a style change (``kind``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from factcheck.findings.finding import Finding
from factcheck.findings.policy import Policy, select_and_grade
from factcheck.slots.slot import Slot
from factcheck.verdict.kind import label_slots
from factcheck.verdict.merge import merge_findings


@dataclass(frozen=True)
class Weighed:
    findings: list[Finding]
    disabled: int                 # findings of rules the policy turned off
    changes: dict[int, str]       # slot id -> "fact" | "style"


def weigh(findings: list[Finding], slots: Sequence[Slot], policy: Policy) -> Weighed:
    """Enabled rules at their severities (never above a finding's ceiling), folded into one lead finding
    per change, and the slots labelled."""
    kept, disabled = select_and_grade(findings, policy)
    merged = merge_findings(kept)
    return Weighed(merged, disabled, label_slots(slots, merged))
