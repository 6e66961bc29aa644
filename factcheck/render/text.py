"""Terminal output with rich: findings grouped by slot, each slot's sentences side by side.

Every name and text from the input goes through ``flat`` (on one line, control and bidi characters
shown visibly), so a report printed to a terminal can hold no escape sequence but rich's own colours,
and ``no_commands`` keeps any line of it from being read as a CI workflow command."""

from __future__ import annotations

import io
import textwrap

from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from factcheck.findings.finding import Finding, related_line
from factcheck.findings.rules import RULES
from factcheck.render.common import primary_evidence
from factcheck.report import Report
from factcheck.text.counted import counted
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


# the fix list: at most this many lines; findings of one rule about the same versions fold into one line
# from this many on
FIX_LINES = 15
FOLD_FROM = 3


def _counts_line(report: Report) -> Text:
    counts = report.counts()
    out = Text("factcheck: ", style="bold")
    out.append(counted(counts["error"], "error"), style=STYLE["error"] if counts["error"] else "")
    out.append(", ")
    out.append(counted(counts["warning"], "warning"), style=STYLE["warning"] if counts["warning"] else "")
    out.append(f", {counts['info']} info across {len(report.versions)} versions; "
               f"exit code {report.exit_code()} (fail level: {report.fail_on}).")
    return out


def _place(report: Report, f: Finding) -> tuple[str, int]:
    e = primary_evidence(report, f)
    return (e.version, e.line) if e is not None else ("", 0)


def _first_sentence(message: str) -> str:
    """A message's first sentence (the rest is in the detail below): up to the first full stop outside
    quotation marks and parentheses, so that what changed ("(adds "Although"; drops "never")") is kept."""
    depth = 0
    for n, ch in enumerate(message[:-1]):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif (n >= 40 and ch == "." and message[n + 1] == " " and not depth
              and message[:n].count('"') % 2 == 0):
            return message[:n + 1]
    return message


def fix_list(report: Report) -> list[tuple[str, str, str, str]]:
    """What to fix first, most important first: (severity, rule, where, what) for each error and
    warning; findings of one rule and severity about the same versions fold into one row from
    ``FOLD_FROM`` on ("FC111 x20", "000.txt", "lines 10, 14, 16 and 17 more: ...")."""
    serious = [f for f in report.findings if f.sev.rank >= 2]
    bunches: dict[tuple[str, str, frozenset[str]], list[Finding]] = {}
    for f in serious:
        bunches.setdefault((f.sev.value, f.rule, frozenset(e.version for e in f.evidence)), []).append(f)
    rows: list[tuple[tuple[int, str, int], tuple[str, str, str, str]]] = []
    for (sev, rule, _), found in bunches.items():
        found.sort(key=lambda f: _place(report, f))
        if len(found) < FOLD_FROM:
            for f in found:
                version, line = _place(report, f)
                rows.append(((-f.sev.rank, version, line),
                             (sev, rule, f"{version}:{line}" if version else "(story)", _first_sentence(f.message))))
            continue
        version, line = _place(report, found[0])
        lines = list(dict.fromkeys(str(_place(report, f)[1]) for f in found if _place(report, f)[0] == version))
        shown = ", ".join(lines[:6]) + (f" and {len(lines) - 6} more" if len(lines) > 6 else "")
        others = sum(1 for f in found if _place(report, f)[0] != version)
        what = f"lines {shown}{f' (and {others} in other files)' if others else ''}: {RULES[rule].summary}."
        rows.append(((-found[0].sev.rank, version, line), (sev, f"{rule} x{len(found)}", version, what)))
    return [row for _, row in sorted(rows, key=lambda r: r[0])]


def _fix_first(console: Console, report: Report) -> None:
    """The fix list, each row at most two lines of the console's width."""
    rows = fix_list(report)
    if not rows:
        return
    console.print(Text("To fix first:", style="bold"))
    for sev, rule, where, what in rows[:FIX_LINES]:
        head = f"  {sev:<7} {rule} {flat(where)}"
        lines = textwrap.wrap(f"{head}: {flat(what)}", width=console.width - 1, subsequent_indent=" " * 10,
                              max_lines=2, placeholder=" …", break_on_hyphens=False)
        first = Text(lines[0])
        first.stylize(STYLE[sev], 2, 2 + len(sev))
        first.stylize("bold", 10, 10 + len(rule))
        console.print(first, *(Text(line) for line in lines[1:]), sep="\n", no_wrap=True, overflow="ellipsis")
    if len(rows) > FIX_LINES:
        console.print(Text(f"  ... and {len(rows) - FIX_LINES} more below", style="dim"))
    console.print(Text("Details, slot by slot:", style="bold"))


def render_text(report: Report, color: bool = False, verbose: bool = False, width: int | None = None) -> str:
    """The counts, then what to fix first (one line per error or warning, most important first, repeated
    findings folded), then the detail: slots with errors or warnings as panels with the versions side by
    side, info findings one line each (as panels too when ``verbose``), and the counts again. ``width``:
    the terminal's columns (120 when not given)."""
    buf = io.StringIO()
    console = Console(file=buf, force_terminal=color, no_color=not color, width=max(40, width or 120),
                      highlight=False, soft_wrap=False)
    console.print(_counts_line(report))
    for line in report.run_lines().values():
        console.print(Text(flat(line), style="dim"))
    for n in report.notices:
        console.print(Text("notice ", style="bold") + Text(flat(f"{n['version']} line {n['line']}: {n['text']}")))
    _fix_first(console, report)
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
        console.print(Text(f"{counted(len(compact), 'info finding')}:", style="bold"))
        for f in compact:
            console.print(_compact_line(report, f))
    counts = report.counts()
    stats = report.stats
    summary = Text()
    summary.append(counted(counts["error"], "error"), style=STYLE["error"] if counts["error"] else "")
    summary.append(", ")
    summary.append(counted(counts["warning"], "warning"), style=STYLE["warning"] if counts["warning"] else "")
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
                           f"factcheck comments, {hidden['disabled_rules']} of disabled rules"
                           + (f", {hidden['accepted']} accepted in this change" if hidden["accepted"] else "")
                           + ".", style="dim"))
    for note in report.notes:
        console.print(Text(flat(f"note: {note}"), style="dim"))
    for v in report.versions:
        for w in v.warnings:
            console.print(Text(flat(f"note: {w}"), style="dim"))
    return no_commands(buf.getvalue())
