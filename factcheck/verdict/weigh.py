"""The verdict on each slot, weighed in one place: the findings of the judge, the NLI model, the
targeted checks and the ledger go in; the rules the policy enables, at their severities, come out,
one lead finding per change with the others folded into it (``merge``), a run of sentences some
versions lack as one finding (``blocks``), and each changed slot
labelled a fact or a style change (``kind``)."""

from __future__ import annotations

from dataclasses import dataclass

from factcheck.findings.finding import Finding
from factcheck.findings.policy import Policy
from factcheck.slots.context import CheckContext
from factcheck.verdict.blocks import fold_blocks
from factcheck.verdict.kind import label_slots
from factcheck.verdict.merge import merge_findings
from factcheck.verdict.severity import grade


@dataclass(frozen=True)
class Weighed:
    findings: list[Finding]
    disabled: int                 # findings of rules the policy turned off
    changes: dict[int, str]       # slot id -> "fact" | "style"


def weigh(findings: list[Finding], ctx: CheckContext, policy: Policy) -> Weighed:
    """Enabled rules, at the severities their evidence earns (``severity.grade``: never above the rule's,
    or the settings', nor a finding's ceiling), folded into one lead finding per change, and the slots
    labelled."""
    enabled = policy.enabled()
    kept = [f for f in findings if f.rule in enabled]
    graded = grade(kept, ctx, policy.severities())
    merged = fold_blocks(merge_findings(graded), ctx, ctx.thresholds["off_topic"])
    return Weighed(merged, len(findings) - len(kept), label_slots(ctx, merged))
