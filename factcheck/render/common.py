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


def _listed(ids: list[str], most: int = 6) -> str:
    return ", ".join(ids) if len(ids) <= most else f"{', '.join(ids[:most])} and {len(ids) - most} more"


def run_lines(report: Report) -> list[str]:
    """What judged the versions, one plain line each, the same in every format: the settings file and where
    it was read (a revision and its commit, or the working tree), what the settings and the command line
    turn off (rules, lowered severities, excluded files), the baseline, and refused new suppressions."""
    s = report.settings
    if not s:
        return []
    at = f" at {s['revision']} (commit {str(s.get('commit') or '')[:12]})" if s.get("revision") else ""
    lines = [f"Settings: {s['file']}{at or ' (working tree)'}." if s.get("file") else
             f"Settings: none{' found' + at if at else ''} (defaults and the command line)."]
    off = []
    rules_off, chosen = list(s.get("rules_off") or []), []
    if s.get("select", ["ALL"]) != ["ALL"]:
        chosen.append("select " + ", ".join(s["select"]))
    if s.get("ignore"):
        chosen.append("ignore " + ", ".join(s["ignore"]))
    if rules_off:
        off.append(f"turn off {_listed(rules_off)} ({'; '.join(chosen) or 'not selected'})")
    lowered: dict[str, list[str]] = {}
    for rule, level in (s.get("lowered") or {}).items():
        lowered.setdefault(level, []).append(rule)
    off += [f"lower {_listed(rules)} to {level}" for level, rules in lowered.items()]
    if s.get("exclude"):
        off.append("exclude " + ", ".join(s["exclude"]))
    if s.get("include"):
        off.append("read only " + ", ".join(s["include"]))
    if off:
        lines.append(f"The settings {'; '.join(off)}.")
    base = s.get("baseline")
    if base:
        where = f" at {base['revision']}" if base.get("revision") else " (working tree)"
        added = f"; {base['added']} more in the working tree, added by this change (FC402)" if base.get("added") else ""
        lines.append(f"Baseline: {base['file']}{where}, {base['entries']} entries{added}.")
    if s.get("new_suppressions") == "refuse":
        lines.append("New suppressions are refused: a comment or baseline entry this change adds is an error.")
    return lines
