"""One self-contained HTML page: the versions side by side, slot by slot, findings at their slot.

Inline CSS and JavaScript only, and a Content-Security-Policy that forbids every fetch. All
article text goes through ``html.escape``; the script only toggles attributes and never builds
markup from text. Filters: severities and categories (``#hide=info,quote`` in the address sets
them on load), identical slots collapsed, "only slots with findings" (``#flagged`` sets it on load).
"""

from __future__ import annotations

import html
import json
from collections import Counter
from collections.abc import Sequence

from factcheck import __version__
from factcheck.findings.finding import Finding, related_line
from factcheck.findings.rules import RULES, Severity
from factcheck.render.common import primary_evidence
from factcheck.render.highlight import changed_spans
from factcheck.report import Report
from factcheck.text.counted import counted, severity_counts
from factcheck.text.safe import flat, no_commands

SEVERITIES = [s.value for s in Severity]
CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"

CSS = """
:root{--error:#c62828;--warning:#b26a00;--info:#1565c0;--line:#ddd;--mark:#fff3a0}
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#222;background:#fafafa}
header{background:#fff;border-bottom:1px solid var(--line);padding:12px 20px}
h1{font-size:20px;margin:0 0 6px}h2{font-size:16px;margin:18px 0 8px}
main{padding:0 20px 40px}
.counts span{display:inline-block;margin-right:14px;font-weight:600}
.sev-error{--c:var(--error)}.sev-warning{--c:var(--warning)}.sev-info{--c:var(--info)}
.badge{display:inline-block;min-width:62px;text-align:center;border-radius:3px;padding:0 6px;color:#fff;
background:var(--c);font-size:12px;font-weight:600}
#filters{margin-top:6px;font-size:13px}#filters fieldset{display:inline-block;border:0;padding:0;margin:0 16px 0 0}
#filters legend{float:left;margin-right:6px;font-weight:600}
.meta{color:#555;font-size:13px;margin:4px 0}
table.slots{border-collapse:collapse;width:100%;table-layout:fixed;background:#fff}
table.slots th,table.slots td{border:1px solid var(--line);padding:6px 8px;vertical-align:top;text-align:left;
overflow-wrap:anywhere}
table.slots thead th{background:#f0f0f0;position:sticky;top:0;z-index:1}
tr.slot{scroll-margin-top:40px}
details.info-list>summary{cursor:pointer;color:var(--info);margin:4px 0}
th.slotno{width:46px;color:#777;font-weight:400}
tr.slot.worst-error>th.slotno{border-left:4px solid var(--error)}
tr.slot.worst-warning>th.slotno{border-left:4px solid var(--warning)}
tr.slot.worst-info>th.slotno{border-left:4px solid var(--info)}
td.absent{background:repeating-linear-gradient(45deg,#f6f6f6,#f6f6f6 6px,#fff 6px,#fff 12px);
color:#999;font-style:italic}
.change{display:block;font-size:11px;margin-top:2px}.change-fact{color:var(--error)}.change-style{color:#777}
.line{color:#888;font-size:12px;margin-right:4px}.moved{color:#6a1b9a;font-size:12px;font-weight:600}
mark{background:var(--mark);border-radius:2px}
.also{display:block;font-size:12px}.notice{background:#fff8e1;border-left:4px solid var(--warning);padding:4px 8px}
tr.findings td{background:#fcfcfc;padding:4px 8px 8px}
.finding{border-left:4px solid var(--c);padding:3px 8px;margin:4px 0;background:#fff}
.finding .rule{font-weight:600;margin:0 6px}.finding .at{color:#666;margin-left:6px}
.finding .msg{display:block;margin-top:2px}
.finding details{font-size:12px;color:#555}.finding pre{white-space:pre-wrap;margin:2px 0}
ol.finding-list{margin:6px 0 12px;padding-left:22px}ol.finding-list li{margin:2px 0}
tr:target>th,tr:target>td{box-shadow:inset 0 0 0 2px #6a1b9a}
body.collapse-identical tr.slot.identical,body.collapse-identical tr.findings.identical{display:none}
body.only-flagged tr.slot.unflagged,body.only-flagged tr.findings.unflagged{display:none}
[hidden]{display:none!important}
@media print{#filters{display:none}table.slots thead th{position:static}
body.collapse-identical tr.slot.identical{display:table-row}details{display:none}}
"""

SCRIPT = """
(function () {
  var boxes = Array.prototype.slice.call(document.querySelectorAll('input[data-filter]'));
  var m = /(?:^#|&)hide=([^&]*)/.exec(location.hash);
  if (m) {
    var names = decodeURIComponent(m[1]).split(',');
    boxes.forEach(function (b) { if (names.indexOf(b.value) >= 0) { b.checked = false; } });
  }
  if (/(?:^#|&)flagged(?:&|$)/.test(location.hash)) { document.getElementById('only-flagged').checked = true; }
  function apply() {
    var off = {};
    boxes.forEach(function (b) { if (!b.checked) { off[b.dataset.filter + ':' + b.value] = true; } });
    document.querySelectorAll('[data-severity]').forEach(function (el) {
      var hide = off['severity:' + el.dataset.severity] || off['category:' + el.dataset.category];
      if (hide) { el.setAttribute('hidden', ''); } else { el.removeAttribute('hidden'); }
    });
    document.querySelectorAll('tr.findings').forEach(function (row) {
      var shown = row.querySelectorAll('.finding:not([hidden])').length > 0;
      var slot = document.getElementById(row.dataset.slot);
      [row, slot].forEach(function (el) {
        if (!el) { return; }
        el.classList.toggle('unflagged', !shown);
      });
      if (shown) { row.removeAttribute('hidden'); } else { row.setAttribute('hidden', ''); }
    });
    document.body.classList.toggle('collapse-identical', document.getElementById('collapse-identical').checked);
    document.body.classList.toggle('only-flagged', document.getElementById('only-flagged').checked);
  }
  boxes.concat([document.getElementById('collapse-identical'), document.getElementById('only-flagged')])
    .forEach(function (b) { b.addEventListener('change', apply); });
  apply();
  document.body.setAttribute('data-ready', '1');
})();
"""


def esc(text: object) -> str:
    """Text for the page: HTML inert, on one line (``flat``: so that no line of the page starts with it)."""
    return html.escape(flat(str(text)), quote=True)


def _marked(text: str, reference: str | None) -> str:
    if reference is None:
        return esc(text)
    out, pos = [], 0
    for a, b in changed_spans(text, reference):
        out += [esc(text[pos:a]), f"<mark>{esc(text[a:b])}</mark>"]
        pos = b
    out.append(esc(text[pos:]))
    return "".join(out)


def _finding_html(report: Report, f: Finding, compact: bool = False, also: str = "") -> str:
    # JSON: every line end and control character inside a value is a JSON escape, so its lines are safe
    scores = json.dumps(f.scores, ensure_ascii=False, indent=1, default=str)
    related = "".join(f"<li>{esc(related_line(r))}</li>" for r in f.related)
    details = "" if compact else (
        f"<details><summary>scores{' and related findings' if related else ''}</summary>"
        f"<pre>{html.escape(scores)}</pre>{f'<ul>{related}</ul>' if related else ''}</details>")
    first = primary_evidence(report, f)
    place = (f' data-file="{esc(first.path or first.version)}" data-line="{first.line}"' if first else "")
    at = f'<span class="at">{esc(first.version)} line {first.line}</span>' if first else ""
    return (f'<div class="finding sev-{f.sev.value}" data-severity="{f.sev.value}" data-category="{esc(f.category)}" '
            f'data-rule="{esc(f.rule)}"{place}><span class="badge">{f.sev.value}</span><span class="rule">'
            f"{esc(f.rule)}</span>{esc(f.name)}{at}<span class=\"msg\">{esc(f.message)}</span>{also}{details}</div>")


def _also(report: Report, f: Finding, prefix: str) -> str:
    """Links to the other slots a finding's evidence lies in (a story finding links two places)."""
    others = report.finding_slots(f)[1:]
    if not others:
        return ""
    links = ", ".join(f'<a href="#{prefix}slot-{g}">slot {g}</a>' for g in others)
    return f'<span class="also">also at {links}</span>'



CHANGE_TITLES = {"fact": "fact change: a fact added, removed or changed",
                 "style": "style change: the same facts, reworded or corrected"}


def _slot_rows(report: Report, prefix: str) -> list[str]:
    rows = []
    last_seen = [-1] * len(report.versions)
    for g in report.groups:
        texts: list[str | None] = []
        for v, idx in enumerate(g.members):
            texts.append(" ".join(report.sentences[v][i].text for i in idx) if idx else None)
        findings = report.group_findings(g.id)
        status = report.group_status(g)
        worst = max(findings, key=lambda f: f.sev.rank).sev.value if findings else "none"
        slot_id = f"{prefix}slot-{g.id}"
        flagged = "flagged" if findings else "unflagged"
        cells = []
        for v, idx in enumerate(g.members):
            text = texts[v]
            if text is None:
                cells.append('<td class="absent">not in this version</td>')
                continue
            others = [t for t in texts[v - 1::-1] + texts[v + 1:] if t is not None] if v else \
                [t for t in texts[1:] if t is not None]
            reference = others[0] if others and status != "identical" else None
            first = report.sentences[v][idx[0]]
            moved = idx[0] < last_seen[v]
            last_seen[v] = max(last_seen[v], idx[-1])
            badge = '<span class="moved" title="earlier in this version than the slot above">moved</span> ' \
                if moved else ""
            cells.append(f'<td data-version="{esc(report.versions[v].id)}">{badge}<span class="line">'
                         f"l.{first.line}</span>{_marked(text, reference)}</td>")
        change = report.changes.get(g.id)
        kind = (f'<span class="change change-{change}" title="{CHANGE_TITLES[change]}">{change}</span>'
                if change else "")
        rows.append(f'<tr id="{slot_id}" class="slot {status} worst-{worst} {flagged}" data-status="{status}"'
                    f' data-change="{change or "none"}"><th class="slotno" scope="row">{g.id}{kind}</th>'
                    f'{"".join(cells)}</tr>')
        if findings:
            rows.append(f'<tr class="findings {status}" data-slot="{slot_id}"><td></td>'
                        f'<td colspan="{len(report.versions)}">'
                        f'{"".join(_finding_html(report, f, also=_also(report, f, prefix)) for f in findings)}'
                        '</td></tr>')
    return rows


def _section(report: Report, n: int, many: bool) -> str:
    prefix = f"r{n}-" if many else ""
    head = "".join(f'<th scope="col" title="{esc(v.path or v.id)}">{esc(v.id)}'
                   f"{f' <span class=line>{esc(v.revision[:12])}</span>' if v.revision else ''}</th>"
                   for v in report.versions)
    links: list[str] = []
    info_links: list[str] = []
    for f in report.findings:
        target = f"#{prefix}slot-{f.group}" if f.group is not None else f"#{prefix}document"
        first = primary_evidence(report, f)
        item = (f'<li class="sev-{f.sev.value}" data-severity="{f.sev.value}" data-category="{esc(f.category)}">'
                f'<span class="badge">{f.sev.value}</span> <a href="{target}">{esc(f.rule)} {esc(f.name)}'
                f"{f' (slot {f.group})' if f.group is not None else ''}</a>"
                f"{f' at {esc(first.version)} line {first.line}' if first else ''}: {esc(f.message)}</li>")
        (info_links if f.sev is Severity.INFO else links).append(item)
    info_html = (f'<details class="info-list"><summary>{counted(len(info_links), "info finding")}</summary>'
                 f'<ol class="finding-list">{"".join(info_links)}</ol></details>' if info_links else "")
    loose = [f for f in report.findings if f.group is None]
    loose_html = (f'<div id="{prefix}document"><h3>Across slots</h3>'
                  f'{"".join(_finding_html(report, f) for f in loose)}</div>' if loose else "")
    identical = sum(1 for g in report.groups if report.group_status(g) == "identical")
    hidden = report.suppressed_counts()
    changes = report.change_counts()
    note = (f"{len(report.groups)} slots, {identical} identical in every version, {changes['fact']} changed in fact, "
            f"{changes['style']} in style only; "
            f"{report.stats.get('nli_pairs', 0)} NLI pairs.")
    if hidden["inline"] or hidden["baseline"] or hidden["accepted"]:
        note += f" Not shown: {hidden['baseline']} in the baseline, {hidden['inline']} hidden by comments" + (
            f", {hidden['accepted']} accepted in this change." if hidden["accepted"] else ".")
    run = "".join(f'<p class="meta run">{esc(line)}</p>' for line in report.run_lines().values())
    notices = "".join(f'<p class="notice"><strong>Notice</strong> in {esc(n["version"])} line {esc(n["line"])}: '
                      f'{esc(n["text"])}</p>' for n in report.notices)
    return (f'<section class="comparison" id="{prefix}report"><h2>{esc(" vs ".join(v.id for v in report.versions))}'
            f'</h2>{notices}<p class="meta">{esc(note)}</p>{run}<ol class="finding-list">{"".join(links)}</ol>'
            f'{info_html}{loose_html}'
            f'<table class="slots"><thead><tr><th class="slotno">slot</th>{head}</tr></thead>'
            f'<tbody>{"".join(_slot_rows(report, prefix))}</tbody></table></section>')


def render_html(reports: Sequence[Report], color: bool = False) -> str:
    findings = [f for r in reports for f in r.findings]
    by_sev = Counter(f.sev.value for f in findings)
    by_cat = Counter(f.category for f in findings)
    categories = sorted({r.category for r in RULES.values()})
    models = sorted({f"{m.get('name')}" for r in reports for m in r.models})
    title = f"factcheck: {severity_counts(by_sev)}"
    sev_boxes = "".join(f'<label class="sev-{s}"><input type="checkbox" data-filter="severity" value="{s}" checked> '
                        f"{s} ({by_sev[s]})</label> " for s in SEVERITIES)
    cat_boxes = "".join(f'<label><input type="checkbox" data-filter="category" value="{c}" checked> {c} ({by_cat[c]})'
                        "</label> " for c in categories if by_cat[c])
    counts = "".join(f'<span class="sev-{s}"><span class="badge">{s}</span> {by_sev[s]}</span>' for s in SEVERITIES)
    cat_line = ", ".join(f"{esc(c)} {n}" for c, n in sorted(by_cat.items())) or "none"
    sections = "".join(_section(r, n, len(reports) > 1) for n, r in enumerate(reports))
    return no_commands(f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="factcheck {esc(__version__)}">
<title>{esc(title)}</title><style>{CSS}</style></head>
<body class="collapse-identical">
<header><h1>{esc(title)}</h1>
<div class="counts" id="summary">{counts}</div>
<p class="meta">By category: {cat_line}. Models: {esc(", ".join(models) or "none")}.</p>
<form id="filters" onsubmit="return false">
<fieldset><legend>Show</legend>{sev_boxes}</fieldset>
<fieldset><legend>Categories</legend>{cat_boxes or "none"}</fieldset>
<fieldset><label><input type="checkbox" id="collapse-identical" checked> collapse identical slots</label>
<label><input type="checkbox" id="only-flagged"> only slots with findings</label></fieldset>
</form></header>
<main>{sections or "<p>No comparisons.</p>"}</main>
<script>{SCRIPT}</script>
</body></html>
""", markup=True)
