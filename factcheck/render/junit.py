"""JUnit XML for CI dashboards: one testsuite per slot, one testcase per finding.

A finding at or above the failure level is a failing testcase; lower findings are passing
testcases that carry their message in ``system-out``; a slot with no finding is one passing
testcase, so the counts show how much was checked. A testcase's file and line are the finding's primary
place (``Report.locations``); the first testsuite of a comparison says how its versions were ordered.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from factcheck.findings.finding import Finding, related_line
from factcheck.findings.rules import Severity
from factcheck.render.common import place_label, where
from factcheck.report import Report
from factcheck.text.safe import flat, no_commands

_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _clean(text: str) -> str:
    """XML 1.0 cannot hold most control characters, even escaped: they are shown as escapes (``flat``),
    and what is left that XML cannot hold (a lone surrogate, U+FFFE) becomes U+FFFD."""
    return _XML_BAD.sub("\ufffd", flat(text))


def _details(report: Report, f: Finding) -> str:
    lines = [f"{f.rule} {f.name} ({f.sev.value}): {f.message}"]
    lines += [f"  {place_label(report, p)} at {where(p.evidence)}: {p.evidence.text}" for p in report.locations(f)]
    lines += [f"  also {related_line(r)}" for r in f.related]
    return "\n".join(_clean(line) for line in lines)


def _failing_floor(report: Report) -> int:
    return 99 if report.fail_on == "never" else Severity(report.fail_on).rank


def junit_tree(reports: Sequence[Report]) -> ET.Element:
    root = ET.Element("testsuites", name="factcheck")
    total = failures = 0
    for report in reports:
        floor = _failing_floor(report)
        prefix = " vs ".join(v.id for v in report.versions)
        by_group: dict[int | None, list[Finding]] = {g.id: [] for g in report.groups}
        for f in report.findings:
            by_group.setdefault(f.group, []).append(f)
        for n, (gid, findings) in enumerate(by_group.items()):
            name = f"{prefix}: slot {gid}" if gid is not None else f"{prefix}: across slots"
            suite = ET.SubElement(root, "testsuite", name=_clean(name))
            if n == 0:   # how the comparison read and judged its versions, once
                props = ET.SubElement(suite, "properties")
                for key, line in report.run_lines().items():
                    ET.SubElement(props, "property", name=f"factcheck.{key}", value=_clean(line))
            cases = fails = 0
            if not findings:
                ET.SubElement(suite, "testcase", classname=f"factcheck.slot{gid}", name="consistent")
                cases = 1
            for f in findings:
                places = report.locations(f)
                first = places[0].evidence if places else None
                case = ET.SubElement(suite, "testcase", classname=f"factcheck.slot{gid}",
                                     name=_clean(f"{f.rule} {f.name}: {where(first) if first else ''}"))
                if first is not None:
                    case.set("file", _clean(first.path or first.version))
                    case.set("line", str(first.line))
                cases += 1
                if f.sev.rank >= floor:
                    fails += 1
                    fail = ET.SubElement(case, "failure", type=f.rule, message=_clean(f.message))
                    fail.text = _details(report, f)
                else:
                    ET.SubElement(case, "system-out").text = _details(report, f)
            suite.set("tests", str(cases))
            suite.set("failures", str(fails))
            suite.set("errors", "0")
            suite.set("skipped", "0")
            total += cases
            failures += fails
    root.set("tests", str(total))
    root.set("failures", str(failures))
    root.set("errors", "0")
    return root


def render_junit(reports: Sequence[Report], color: bool = False) -> str:
    tree = junit_tree(reports)
    ET.indent(tree)
    return no_commands('<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(tree, encoding="unicode") + "\n",
                       markup=True)
