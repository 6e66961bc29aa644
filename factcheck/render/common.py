"""What several renderers share: which evidence a finding is shown at, and labels."""

from __future__ import annotations

from factcheck.findings.finding import Evidence, Finding
from factcheck.report import Report

SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def primary_evidence(report: Report, f: Finding) -> Evidence | None:
    """Where a finding is shown: in the working-tree file when the other versions come from git
    history (the draft under review); else in the version it is about; else in the latest version."""
    if not f.evidence:
        return None
    order = {v.id: n for n, v in enumerate(report.versions)}
    from_git = {v.id for v in report.versions if v.revision}
    on_disk = [e for e in f.evidence if e.version not in from_git]
    if from_git and on_disk:
        return max(on_disk, key=lambda e: (order.get(e.version, -1), -e.start))
    if f.subject is not None:
        mine = [e for e in f.evidence if e.version == f.subject]
        if mine:
            return mine[0]
    return max(f.evidence, key=lambda e: (order.get(e.version, -1), -e.start))


def other_evidence(report: Report, f: Finding) -> list[Evidence]:
    first = primary_evidence(report, f)
    return [e for e in f.evidence if e is not first]


def where(e: Evidence) -> str:
    return f"{e.path or e.version}:{e.line}:{e.column}"


def version_label(report: Report, e: Evidence) -> str:
    """The version's name, plus its commit when it came from git history."""
    rev = next((v.revision for v in report.versions if v.id == e.version), None)
    return f"{e.version} (commit {rev[:12]})" if rev else e.version
