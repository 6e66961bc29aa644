"""GitHub Actions workflow commands: ``::error file=…,line=…::message`` annotations.

GitHub shows at most 10 annotations of each level per step, so findings go out most severe
first, 10 per level, and one plain summary line counts the rest. Every value is escaped, so
article text (newlines, ``::``, commas, ``%``) cannot end a command or start a new one.
"""

from __future__ import annotations

from collections.abc import Sequence

from factcheck.findings.finding import Finding, related_line
from factcheck.render.common import other_places, place_label, primary_evidence
from factcheck.report import Report
from factcheck.text.counted import counted, severity_counts
from factcheck.text.safe import flat

LEVEL = {"error": "error", "warning": "warning", "info": "notice"}
PER_LEVEL = 10


def escape_data(text: str) -> str:
    """A command's value: control characters shown as escapes (``flat``), then GitHub's own escapes."""
    return flat(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(report: Report, f: Finding) -> str:
    first = primary_evidence(report, f)
    props = []
    if first is not None:
        props += [f"file={escape_property(first.path or first.version)}", f"line={first.line}",
                  f"col={first.column}", f"endLine={first.end_line}", f"endColumn={first.end_column}"]
    props.append(f"title={escape_property(f'factcheck {f.rule} {f.name}')}")
    message = f.message
    others = other_places(report, f)
    if others:
        message += " Other versions: " + "; ".join(f"{place_label(report, p)} line {p.evidence.line}: "
                                                    f"{p.evidence.text}" for p in others)
    if f.related:
        message += " Also: " + "; ".join(related_line(r) for r in f.related)
    return f"::{LEVEL[f.sev.value]} {','.join(props)}::{escape_data(message)}"


def render_github(reports: Sequence[Report], color: bool = False) -> str:
    findings = [(r, f) for r in reports for f in r.findings]
    findings.sort(key=lambda rf: -rf[1].sev.rank)
    shown = {level: 0 for level in LEVEL}
    left = {level: 0 for level in LEVEL}
    lines = []
    for report, f in findings:
        level = f.sev.value
        if shown[level] < PER_LEVEL:
            lines.append(annotation(report, f))
            shown[level] += 1
        else:
            left[level] += 1
    counts = {level: shown[level] + left[level] for level in LEVEL}
    summary = f"factcheck: {severity_counts(counts)} in {counted(len(reports), 'comparison')}"
    if any(left.values()):
        summary += ("; not annotated (GitHub shows 10 of each level per step): "
                    + ", ".join(counted(n, f"more {level}", "more info" if level == "info" else None)
                                for level, n in left.items() if n)
                    + "; see the full report with --format text or sarif")
    lines += [escape_data(f"factcheck: {line}").replace("::", ": :")
              for r in reports for line in r.run_lines().values()]
    lines.append(escape_data(summary).replace("::", ": :"))
    return "\n".join(lines) + "\n"
