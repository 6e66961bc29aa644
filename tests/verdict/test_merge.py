"""One verdict per change: how a slot's findings fold into one lead (factcheck.verdict.merge)."""

from __future__ import annotations

from factcheck.findings.finding import Evidence, Finding
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


def _evidence(version: str, line: int) -> Evidence:
    return Evidence(version, None, line, 0, 10, line, 1, line, 10, f"sentence {line} of {version}")


def test_a_story_finding_leads_the_slot_findings_it_links_and_they_keep_their_places() -> None:
    # a toll moved from the last paragraph into the new lede: the ledger's FC302 links both places; the
    # lede's added figure (FC212, same words, same severity) joins it, and the sentence that went (FC111)
    story = Finding("FC302", "killed: 12 -> 15: updated", 0, [_evidence("a", 9), _evidence("b", 1)],
                    severity=Severity.WARNING, about=frozenset({"12", "15"}))
    added = Finding("FC212", "b gives 15", 0, [_evidence("a", 1), _evidence("b", 1)],
                    severity=Severity.WARNING, about=frozenset({"15"}))
    gone = Finding("FC111", "only in a", 4, [_evidence("a", 9)], severity=Severity.WARNING)
    out = merge_findings([added, story, gone])
    assert [f.rule for f in out] == ["FC302"]
    related = {r["rule"]: r for r in out[0].related}
    assert set(related) == {"FC212", "FC111"}
    assert related["FC111"]["group"] == 4 and related["FC111"]["severity"] == "warning"
    assert [(e["version"], e["line"]) for e in related["FC111"]["evidence"]] == [("a", 9)]
    assert [(e["version"], e["line"]) for e in related["FC212"]["evidence"]] == [("a", 1), ("b", 1)]
