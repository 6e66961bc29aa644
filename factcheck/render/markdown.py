"""Markdown for ``$GITHUB_STEP_SUMMARY`` or a pull-request comment: counts, then a findings table.

Article text is escaped: HTML is inert, pipes, brackets, emphasis and backticks are literal, and nothing
GitHub would link by itself (``#42``, ``GH-42``, ``@name``, bare URLs) is live.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from factcheck.findings.finding import related_line
from factcheck.render.common import primary_evidence, version_label
from factcheck.report import Report
from factcheck.text.counted import severity_counts
from factcheck.text.safe import flat, no_commands

MAX_ROWS = 100
ICON = {"error": "🔴 error", "warning": "🟠 warning", "info": "🔵 info"}
_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
_WJ = "&#8288;"   # U+2060 WORD JOINER: invisible, and no link, reference or mention spans it
# what GitHub links by itself in a summary or a comment: #42 (and owner/repo#42), @name (and e-mail), GH-42,
# a URL's scheme (http://, https://, ftp://...), www., and a commit id (7 to 40 hex digits, letters and digits)
_LIVE = re.compile(
    r"(?P<hash>#)|(?P<at>@)"
    r"|(?P<gh>(?<![0-9A-Za-z])[Gg][Hh]-)(?=[0-9])"
    r"|(?P<scheme>(?<![0-9A-Za-z+.-])[A-Za-z][A-Za-z0-9+.-]*):(?=//)"
    r"|(?P<www>(?<![0-9A-Za-z])[Ww]{3})\."
    r"|(?P<sha>(?<![0-9A-Za-z])(?=[0-9a-f]*[a-f])(?=[0-9a-f]*[0-9])[0-9a-f]{7,40}(?![0-9A-Za-z]))")


def _unlink(m: re.Match[str]) -> str:
    """One live form made inert: its trigger written as a character reference where Markdown itself would
    link it (a URL's colon, www's dot), and a word joiner where GitHub's references and mentions would."""
    if m.group("hash"):
        return "&#35;" + _WJ
    if m.group("at"):
        return "&#64;" + _WJ
    if m.group("gh"):
        return m.group("gh") + _WJ
    if m.group("scheme"):
        return m.group("scheme") + _WJ + "&#58;"
    if m.group("www"):
        return m.group("www") + _WJ + "&#46;"
    sha = m.group("sha")   # in pieces of 6, each too short to be a commit id
    return _WJ.join(sha[i:i + 6] for i in range(0, len(sha), 6))


def md(text: str) -> str:
    """Escape text for a Markdown table cell: one line; HTML inert; emphasis, code, links and
    pipes literal; nothing GitHub would link by itself (``#42``, ``GH-42``, ``@name``, bare URLs, ``www.``,
    e-mail addresses, commit ids), so no reference notifies people or links an issue. It reads the same."""
    one_line = " ".join(flat(text).split())
    out = _SPECIAL.sub(r"\\\1", html.escape(one_line, quote=False))
    return _LIVE.sub(_unlink, out)


def _report_section(report: Report, heading: str) -> list[str]:
    counts = report.counts()
    out = [f"### {md(heading)}", "",
           "| severity | findings |", "|---|---:|",
           *(f"| {ICON[level]} | {counts[level]} |" for level in ("error", "warning", "info")), ""]
    changes = report.change_counts()
    out += [f"Slots changed: {changes['fact']} in fact, {changes['style']} in style only.", ""]
    out += [f"{md(line)}  " for line in report.run_lines().values()] + [""]
    out += [f"> **Notice** in {md(str(n['version']))} line {n['line']}: {md(str(n['text']))}" for n in report.notices]
    out += [""] if report.notices else []
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
    lines = [f"## factcheck: {severity_counts(totals)}", "",
             f"Exit code {exit_code}. Models: "
             + (", ".join(md(str(m.get("name"))) for m in reports[0].models) if reports else "none") + ".", ""]
    for r in reports:
        lines += _report_section(r, " vs ".join(v.id for v in r.versions))
    return no_commands("\n".join(lines), markup=True)
