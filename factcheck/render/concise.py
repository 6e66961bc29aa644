"""One line per finding, like ruff's concise output: ``path:line:col: RULE [severity] message``.

Most important first (errors, then warnings, then info; in a severity, by file and line), each
folded finding left to the fuller formats, a line on the versions' order, and a last line with the
counts and the exit code. Made for a terminal's scrollback, an editor's quickfix list and grep.
"""

from __future__ import annotations

from collections.abc import Sequence

from factcheck.render.common import primary_evidence, where
from factcheck.report import Report
from factcheck.text.counted import severity_counts
from factcheck.text.safe import flat


def concise_lines(report: Report) -> list[str]:
    """The report's findings, one line each, most severe first."""
    rows = []
    for f in report.findings:
        e = primary_evidence(report, f)
        place = where(e) if e is not None else "(story)"
        rows.append(((-f.sev.rank, e.path or e.version if e else "", e.line if e else 0, f.rule),
                     f"{flat(place)}: {f.rule} [{f.sev.value}] {flat(f.message)}"))
    return [line for _, line in sorted(rows, key=lambda r: r[0])]


def render_concise(reports: Sequence[Report], color: bool = False) -> str:
    lines: list[str] = []
    counts = {"error": 0, "warning": 0, "info": 0}
    for report in reports:
        lines += concise_lines(report)
        for k, n in report.counts().items():
            counts[k] = counts.get(k, 0) + n
    code = max((r.exit_code() for r in reports), default=0)
    for report in reports:   # how each comparison read its versions and which settings judged it, once each
        lines += [flat(line) for line in report.run_lines().values() if flat(line) not in lines]
    lines.append(f"Found {severity_counts(counts)}; exit code {code}.")
    return "\n".join(lines) + "\n"
