"""Markdown for ``$GITHUB_STEP_SUMMARY`` or a pull-request comment: counts, then a findings table.

Article text is escaped: HTML is inert, and pipes, brackets, emphasis and backticks are literal.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from factcheck.findings.finding import related_line
from factcheck.render.common import primary_evidence, run_lines, version_label
from factcheck.report import Report
from factcheck.text.safe import flat, no_commands

MAX_ROWS = 100
ICON = {"error": "🔴 error", "warning": "🟠 warning", "info": "🔵 info"}
_SPECIAL = re.compile(r"([\\`*_\[\]|~])")


def md(text: str) -> str:
    """Escape text for a Markdown table cell: one line; HTML inert; emphasis, code, links and
    pipes literal; no @mentions or #references that would notify people or link issues."""
    one_line = " ".join(flat(text).split())
    out = _SPECIAL.sub(r"\\\1", html.escape(one_line, quote=False))
    return out.replace("#", "&#35;").replace("@", "&#64;")


def _report_section(report: Report, heading: str) -> list[str]:
    counts = report.counts()
    out = [f"### {md(heading)}", "",
           "| severity | findings |", "|---|---:|",
           *(f"| {ICON[level]} | {counts[level]} |" for level in ("error", "warning", "info")), ""]
    changes = report.change_counts()
    out += [f"Slots changed: {changes['fact']} in fact, {changes['style']} in style only.", ""]
    out += [f"> **Notice** in {md(str(n['version']))} line {n['line']}: {md(str(n['text']))}" for n in report.notices]
    out += [""] if report.notices else []
    out += [*(f"- {md(line)}" for line in run_lines(report)), ""]
    hidden = report.suppressed_counts()
    not_shown = hidden["inline"] + hidden["baseline"] + hidden["accepted"]
    if not_shown:
        out += [f"Not shown: {hidden['baseline']} in the baseline, {hidden['inline']} hidden by comments"
                + (f", {hidden['accepted']} accepted in this change" if hidden["accepted"] else "") + ".", ""]
    if not report.findings:   # never a bare "No findings." where comments or a baseline hid some
        return [*out, f"No findings shown ({not_shown} hidden)." if not_shown else "No findings.", ""]
    out += ["| severity | rule | where | change | finding |", "|---|---|---|---|---|"]
    for f in report.findings[:MAX_ROWS]:
        first = primary_evidence(report, f)
        place = f"{md(version_label(report, first))} line {first.line}" if first else ""
        change = report.changes.get(f.group, "") if f.group is not None else ""
        also = "".join(f" Also {related_line(r)}" for r in f.related)
        out.append(f"| {ICON[f.sev.value]} | `{f.rule}` {md(f.name)} | {place} | {change} | {md(f.message + also)} |")
    if len(report.findings) > MAX_ROWS:
        out.append(f"\n… and {len(report.findings) - MAX_ROWS} more; see the full report.")
    return [*out, ""]


def render_markdown(reports: Sequence[Report], color: bool = False) -> str:
    totals = {"error": 0, "warning": 0, "info": 0}
    for r in reports:
        for level, n in r.counts().items():
            totals[level] += n
    exit_code = max((r.exit_code() for r in reports), default=0)
    lines = [f"## factcheck: {totals['error']} error(s), {totals['warning']} warning(s), {totals['info']} info", "",
             f"Exit code {exit_code}. Models: "
             + (", ".join(md(str(m.get("name"))) for m in reports[0].models) if reports else "none") + ".", ""]
    for r in reports:
        lines += _report_section(r, " vs ".join(v.id for v in r.versions))
    return no_commands("\n".join(lines), markup=True)
