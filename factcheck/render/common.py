"""What several renderers share: which evidence a finding is shown at, and labels."""

from __future__ import annotations

from factcheck.findings.finding import Evidence, Finding
from factcheck.findings.placement import Place
from factcheck.report import Report

SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def primary_evidence(report: Report, f: Finding) -> Evidence | None:
    """Where a finding is shown first: the version whose text departs from the others (``Report.locations``:
    one place for every format)."""
    found = report.locations(f)
    return found[0].evidence if found else None


def other_places(report: Report, f: Finding) -> list[Place]:
    """The finding's other places: the rest of its evidence, then the versions with the same text."""
    return report.locations(f)[1:]


def other_evidence(report: Report, f: Finding) -> list[Evidence]:
    return [p.evidence for p in other_places(report, f)]


def place_label(report: Report, p: Place) -> str:
    """A place's version (with its commit), and whose text it repeats."""
    label = version_label(report, p.evidence)
    return f"{label} (same text as {p.same_as})" if p.same_as is not None else label


def where(e: Evidence) -> str:
    return f"{e.path or e.version}:{e.line}:{e.column}"


def version_label(report: Report, e: Evidence) -> str:
    """The version's name, plus its commit when it came from git history."""
    rev = next((v.revision for v in report.versions if v.id == e.version), None)
    return f"{e.version} (commit {rev[:12]})" if rev else e.version
