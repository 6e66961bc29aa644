"""One verdict per change: how a slot's findings fold into one lead (factcheck.verdict.merge)."""

from __future__ import annotations

from factcheck.findings.finding import Finding
from factcheck.findings.rules import Severity
from factcheck.verdict.merge import merge_findings


def finding(rule: str, severity: Severity, group: int = 0) -> Finding:
    return Finding(rule, f"{rule} message", group, [], severity=severity)


def leads(findings: list[Finding]) -> list[tuple[str, str, list[str]]]:
    return [(f.rule, f.sev.value, [r["rule"] for r in f.related]) for f in merge_findings(findings)]


def test_a_verdict_joins_a_targeted_warning_that_named_the_change() -> None:
    # a hedge is a warning, whatever the whole-statement judge reads
    assert leads([finding("FC230", Severity.WARNING), finding("FC120", Severity.ERROR)]) == [
        ("FC230", "warning", ["FC120"])]


def test_a_note_never_hides_a_fact_change() -> None:
    # the later version leaves out a name (a note) where the judge reads a contradiction
    assert leads([finding("FC212", Severity.INFO), finding("FC120", Severity.ERROR)]) == [
        ("FC120", "error", ["FC212"])]
    # an info verdict still joins the note, and other slots are untouched
    assert leads([finding("FC212", Severity.INFO), finding("FC122", Severity.INFO),
                  finding("FC102", Severity.WARNING, group=1)]) == [
        ("FC212", "info", ["FC122"]), ("FC102", "warning", [])]
