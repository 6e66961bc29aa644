"""Terminal output with rich: findings grouped by slot, each slot's sentences side by side.

Every name and text from the input goes through ``flat`` (on one line, control and bidi characters
shown visibly), so a report printed to a terminal can hold no escape sequence but rich's own colours,
and ``no_commands`` keeps any line of it from being read as a CI workflow command."""

from __future__ import annotations

import io

from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from factcheck.findings.finding import Finding, related_line
from factcheck.report import Report
from factcheck.text.safe import flat, no_commands

STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def _slot_table(report: Report, group_id: int) -> Table:
    group = report.groups[group_id]
    table = Table(show_header=True, header_style="bold", expand=True, show_lines=False)
    for version in report.versions:
        table.add_column(escape(flat(version.id)), ratio=1, overflow="fold")
    cells = []
    for v, idx in enumerate(group.members):
        sents = [report.sentences[v][i] for i in idx]
        if not sents:
            cells.append(Text("(not in this version)", style="dim italic"))
        else:
            where = f"line {sents[0].line}: "
            cells.append(Text(where, style="dim") + Text(flat(" ".join(s.text for s in sents))))
    table.add_row(*cells)
    return table


def _compact_line(report: Report, f: Finding) -> Text:
    """An info finding: one line, then the text each version has in its slot (or its evidence)."""
    where = ", ".join(sorted({f"{e.version}:{e.line}" for e in f.evidence}))
    out = Text(f"info    {f.rule} ", style=STYLE["info"]) + Text(flat(f"slot {f.group} ({where}): {f.message}"))
    for label, line, text in _slot_texts(report, f):
        out.append("\n        ")
        out.append(flat(label), style="dim")
        if text is None:
            out.append(": (not in this version)", style="dim italic")
        else:
            out.append(f" line {line}: " if line else ": ", style="dim")
            out.append(flat(text))
    return out


def _slot_texts(report: Report, f: Finding) -> list[tuple[str, int | None, str | None]]:
    """(versions, line, text) for each distinct text of the finding's slot, versions sharing a text
    named together; text None for the versions that lack the slot."""
    if f.group is None:
        return [(e.version, e.line, e.text) for e in f.evidence]
    group = report.groups[f.group]
    by_text: dict[str | None, list[tuple[str, int | None]]] = {}
    for v, idx in enumerate(group.members):
        sents = [report.sentences[v][i] for i in idx]
        text = " ".join(s.text for s in sents) if sents else None
        by_text.setdefault(text, []).append((report.versions[v].id, sents[0].line if sents else None))
    out: list[tuple[str, int | None, str | None]] = []
    for text, holders in by_text.items():
        ids = [h[0] for h in holders]
        label = ids[0] if len(ids) == 1 else f"{ids[0]} (and {len(ids) - 1} more with the same text)"
        if text is None:
            label = ", ".join(ids) if len(ids) <= 4 else f"{', '.join(ids[:4])} and {len(ids) - 4} more"
        out.append((label, holders[0][1], text))
    return out


def render_text(report: Report, color: bool = False, verbose: bool = False) -> str:
    """Slots with errors or warnings as panels with the versions side by side; info findings
    as one line each (as panels too when ``verbose``)."""
    buf = io.StringIO()
    console = Console(file=buf, force_terminal=color, no_color=not color, width=120,
                      highlight=False, soft_wrap=False)
    for n in report.notices:
        console.print(Text("notice ", style="bold") + Text(flat(f"{n['version']} line {n['line']}: {n['text']}")))
    by_group: dict[int | None, list[Finding]] = {}
    for f in report.findings:
        by_group.setdefault(f.group, []).append(f)
    ordered = sorted(by_group, key=lambda g: (-max(f.sev.rank for f in by_group[g]), g if g is not None else -1))
    compact = []
    for gid in ordered:
        findings = by_group[gid]
        worst = max(findings, key=lambda f: f.sev.rank).sev.value
        if worst == "info" and not verbose:
            compact.extend(findings)
            continue
        lines = []
        for f in findings:
            head = Text(f"{f.sev.value:<7} ", style=STYLE[f.sev.value]) + Text(f"{f.rule} {f.name}", style="bold")
            lines.append(head + Text("  " + flat(f.message)))
            elsewhere = report.finding_slots(f)[1:]
            if elsewhere:
                lines.append(Text(f"          also at slot {', '.join(str(g) for g in elsewhere)}", style="dim"))
            for rel in f.related:
                lines.append(Text(f"          also {flat(related_line(rel))}", style="dim"))
        body = Group(*lines, _slot_table(report, gid)) if gid is not None else Group(*lines)
        title = f"slot {gid}" if gid is not None else "document"
        if gid is not None and gid in report.changes:
            title += f" · {report.changes[gid]} change"
        console.print(Panel(body, title=title, title_align="left", border_style=STYLE[worst]))
    if compact:
        console.print(Text(f"{len(compact)} info finding(s):", style="bold"))
        for f in compact:
            console.print(_compact_line(report, f))
    counts = report.counts()
    stats = report.stats
    summary = Text()
    summary.append(f"{counts['error']} error(s)", style=STYLE["error"] if counts["error"] else "")
    summary.append(", ")
    summary.append(f"{counts['warning']} warning(s)", style=STYLE["warning"] if counts["warning"] else "")
    summary.append(f", {counts['info']} info")
    changes = report.change_counts()
    summary.append(f" in {stats.get('slots', 0)} slots ({changes['fact']} changed in fact, {changes['style']} in"
                   f" style only) across {len(report.versions)} versions"
                   f" ({stats.get('sentences', 0)} sentences, {stats.get('nli_pairs', 0)} NLI pairs)."
                   f" Fail level: {report.fail_on}; exit code {report.exit_code()}.")
    console.print(summary)
    hidden = report.suppressed_counts()
    if any(hidden.values()):
        console.print(Text(f"Not shown: {hidden['baseline']} in the baseline, {hidden['inline']} hidden by "
                           f"factcheck comments, {hidden['disabled_rules']} of disabled rules.", style="dim"))
    for note in report.notes:
        console.print(Text(flat(f"note: {note}"), style="dim"))
    for v in report.versions:
        for w in v.warnings:
            console.print(Text(flat(f"note: {w}"), style="dim"))
    return no_commands(buf.getvalue())
