"""Where a finding is shown: at the version whose text departs from the others (the one that brought the
new value in), with the other versions as related places, and the same place in every format; and the
versions' order stated in every format."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from factcheck import check_versions
from factcheck.render import FORMATS, render
from factcheck.report import Report

WIRE = ("Harbour City council approves new budget\n\n"
        "The Harbour City council approved its budget for next year on Tuesday after a long debate.\n\n"
        "The budget raises property rates by 4.5% for most households.\n\n"
        "Mayor Ana Ruiz said the increase will pay for road repairs and a new library.\n\n"
        "The vote was seven to four.\n")
WEB = WIRE.replace("4.5%", "5.4%")


def _write(folder: Path, **texts: str) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (folder / f"{name}.txt").write_text(text)
    return [f"{name}.txt" for name in texts]


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _place(report: Report, rule: str) -> tuple[str, int]:
    [f] = [f for f in report.findings if f.rule == rule]
    e = report.locations(f)[0].evidence
    return e.version, e.line


def test_a_change_reverted_later_is_located_where_it_was_made(here: Path, fake_models: Any) -> None:
    # web.txt changed 4.5% to 5.4%, update.txt changed it back
    files = _write(here, wire=WIRE, web=WEB, update=WIRE)
    report = check_versions(files, models=fake_models)
    assert _place(report, "FC220") == ("web.txt", 5)


def test_a_change_kept_later_is_located_at_the_first_version_that_departs(here: Path, fake_models: Any) -> None:
    files = _write(here, wire=WIRE, web=WEB, update=WEB.replace("will pay", "may pay"))
    report = check_versions(files, models=fake_models)
    assert _place(report, "FC220") == ("web.txt", 5)   # not update.txt, which only keeps it
    assert _place(report, "FC230") == ("update.txt", 7)   # the hedge came in with the update
    [number] = [f for f in report.findings if f.rule == "FC220"]
    others = [(p.evidence.version, p.evidence.line) for p in report.locations(number)[1:]]
    assert set(others) == {("wire.txt", 5), ("update.txt", 5)}   # update.txt carries it: a related place


def test_with_two_versions_the_later_one(here: Path, fake_models: Any) -> None:
    for order in (["wire", "web"], ["web", "wire"]):
        texts = {"wire": WIRE, "web": WEB}
        files = _write(here / "-".join(order), **{name: texts[name] for name in order})
        report = check_versions([str(Path("-".join(order)) / f) for f in files], models=fake_models)
        assert _place(report, "FC220") == (f"{order[1]}.txt", 5)


def test_what_the_findings_are_does_not_change_with_their_place(here: Path, fake_models: Any) -> None:
    files = _write(here, wire=WIRE, web=WEB, update=WIRE)
    report = check_versions(files, models=fake_models)
    before = [(f.rule, f.fingerprint, f.message, [e.to_dict() for e in f.evidence]) for f in report.findings]
    for fmt in FORMATS:
        render(fmt, [report])
    assert [(f.rule, f.fingerprint, f.message, [e.to_dict() for e in f.evidence]) for f in report.findings] == before


# --- one place in every format ------------------------------------------------------------------

def _text(out: str) -> set[tuple[str, str, int]]:
    rows = re.findall(r"^  (?:error|warning)\s+(FC\d+) (\S+?):(\d+): ", out, re.M)
    return {(rule, where, int(line)) for rule, where, line in rows}


def _concise(out: str) -> set[tuple[str, str, int]]:
    rows = re.findall(r"^(\S+?):(\d+):\d+: (FC\d+) \[(?:error|warning)\]", out, re.M)
    return {(rule, where, int(line)) for where, line, rule in rows}


def _json(out: str) -> set[tuple[str, str, int]]:
    data = json.loads(out)
    return {(f["rule"], f["locations"][0]["path"], f["locations"][0]["line"]) for f in data["findings"]
            if f["severity"] != "info"}


def _sarif(out: str) -> set[tuple[str, str, int]]:
    log = json.loads(out)
    return {(r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
             r["locations"][0]["physicalLocation"]["region"]["startLine"])
            for r in log["runs"][0]["results"] if r["level"] != "note"}


def _github(out: str) -> set[tuple[str, str, int]]:
    rows = re.findall(r"^::(?:error|warning) file=([^,]+),line=(\d+),.*?title=factcheck (FC\d+)", out, re.M)
    return {(rule, where, int(line)) for where, line, rule in rows}


def _junit(out: str) -> set[tuple[str, str, int]]:
    cases = ET.fromstring(out).iter("testcase")
    return {(c.get("name", "").split()[0], c.get("file", ""), int(c.get("line", "0"))) for c in cases
            if c.get("file") and c.get("name", "").split()[0] not in ("FC110",) and _serious_case(c)}


def _serious_case(case: ET.Element) -> bool:
    detail = (case.findtext("failure") or case.findtext("system-out") or "")
    return "(error)" in detail.split("\n", 1)[0] or "(warning)" in detail.split("\n", 1)[0]


def _markdown(out: str) -> set[tuple[str, str, int]]:
    rows = re.findall(r"^\| \S+ (?:error|warning) \| `(FC\d+)` [^|]+ \| (\S+) line (\d+) \|", out, re.M)
    return {(rule, where, int(line)) for rule, where, line in rows}


def _html(out: str) -> set[tuple[str, str, int]]:
    rows = re.findall(r'<div class="finding sev-(?:error|warning)"[^>]*data-rule="(FC\d+)"[^>]*'
                      r'data-file="([^"]+)" data-line="(\d+)"', out)
    return {(rule, where, int(line)) for rule, where, line in rows}


READERS = {"text": _text, "concise": _concise, "json": _json, "sarif": _sarif, "github": _github,
           "junit": _junit, "markdown": _markdown, "html": _html}


@pytest.mark.parametrize("case", ["reverted", "kept"])
def test_every_format_shows_each_finding_at_the_same_place(here: Path, fake_models: Any, case: str) -> None:
    update = WIRE if case == "reverted" else WEB.replace("will pay", "may pay")
    files = _write(here, wire=WIRE, web=WEB, update=update)
    report = check_versions(files, models=fake_models)
    serious = [f for f in report.findings if f.sev.value != "info"]
    assert serious and len({f.rule for f in serious}) == len(serious)   # one finding per rule: comparable
    expected = {(f.rule, report.locations(f)[0].evidence.path, report.locations(f)[0].evidence.line)
                for f in serious}
    assert ("FC220", "web.txt", 5) in expected
    assert set(READERS) == set(FORMATS)
    for fmt, read in READERS.items():
        assert read(render(fmt, [report])) == expected, fmt


# --- the order, stated ----------------------------------------------------------------------------

def test_every_format_states_the_order_and_how_to_change_it(here: Path, fake_models: Any) -> None:
    _write(here / "story", wire=WIRE, web=WEB, update=WIRE)
    report = check_versions(["story"], models=fake_models)
    said = "versions taken in name order: update.txt, web.txt, wire.txt"
    for fmt in ("text", "concise", "github", "markdown", "html"):
        out = " ".join(render(fmt, [report]).split())   # a terminal's report wraps the line
        assert said in out and "set --order" in out, fmt
    data = json.loads(render("json", [report]))
    assert data["order"] == {"by": "name", "versions": ["update.txt", "web.txt", "wire.txt"], "assumed": True}
    run = json.loads(render("sarif", [report]))["runs"][0]
    assert run["properties"]["comparisons"][0]["order"] == data["order"]
    junit = ET.fromstring(render("junit", [report]))
    props = {p.get("name"): p.get("value") for p in junit.iter("property")}
    assert said in props["factcheck.order"]


def test_an_order_the_names_show_is_stated_without_advice(here: Path, fake_models: Any) -> None:
    files = _write(here, v1=WIRE, v2=WEB)
    report = check_versions(files, models=fake_models)
    out = render("text", [report])
    assert "versions in the order given: v1.txt, v2.txt" in out and "--order" not in out
