"""GitHub Actions workflow commands: ``::error file=…,line=…::message`` annotations.

GitHub shows at most 10 annotations of each level per step, so findings go out most severe
first, 10 per level, and one plain summary line counts the rest. Every value is escaped, so
article text (newlines, ``::``, commas, ``%``) cannot end a command or start a new one.
"""

from __future__ import annotations

from collections.abc import Sequence

from factcheck.findings.finding import Finding, related_line
from factcheck.render.common import other_evidence, primary_evidence, run_lines, version_label
from factcheck.report import Report
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
    others = other_evidence(report, f)
    if others:
        message += " Other versions: " + "; ".join(f"{version_label(report, e)} line {e.line}: {e.text}"
                                                    for e in others)
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
    summary = (f"factcheck: {counts['error']} error(s), {counts['warning']} warning(s), {counts['info']} info "
               f"in {len(reports)} comparison(s)")
    if any(left.values()):
        summary += ("; not annotated (GitHub shows 10 of each level per step): "
                    + ", ".join(f"{n} more {level}" for level, n in left.items() if n)
                    + "; see the full report with --format text or sarif")
    for report in reports:   # plain log lines: which settings judged each comparison
        lines += [said for line in run_lines(report)
                  if (said := escape_data(f"factcheck: {line}").replace("::", ": :")) not in lines]
    lines.append(escape_data(summary).replace("::", ": :"))
    return "\n".join(lines) + "\n"
