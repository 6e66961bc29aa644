"""SARIF (validated against the official 2.1.0 schema), JUnit, GitHub annotations and Markdown."""

from __future__ import annotations

import copy
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from factcheck import check_versions
from factcheck.render import FORMATS, render
from factcheck.report import Report
from tests.conftest import KERRY, REPO

SCHEMA = json.loads((REPO / "tests" / "data" / "sarif-schema-2.1.0.json").read_text())
A = "The minister said 150 refugees would come.\n\nThe talks were long."
B = "The minister said 999 refugees would come.\n\nThe talks were long.\n\nFireworks lit the sky over the harbour." \
    "\n\nPhoto: Jane Doe"


def validate_sarif(text: str) -> dict:  # type: ignore[type-arg]
    log = json.loads(text)
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    return log


@pytest.fixture
def report(fake_models) -> Report:  # type: ignore[no-untyped-def]
    return check_versions({"a.md": A, "b.md": B}, models=fake_models)


def test_every_format_renders(report: Report) -> None:
    for fmt in FORMATS:
        assert render(fmt, [report]).strip()


def test_sarif_is_valid_and_complete(report: Report) -> None:
    log = validate_sarif(render("sarif", [report]))
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert {r["id"] for r in rules} >= {"FC101", "FC201", "FC220", "FC250"}
    assert all(r["shortDescription"]["text"] and r["fullDescription"]["text"] and r["help"]["text"] for r in rules)
    results = run["results"]
    assert len(results) == len(report.findings)
    number = next(r for r in results if r["ruleId"] == "FC220")
    assert number["level"] == "error" and rules[number["ruleIndex"]]["id"] == "FC220"
    region = number["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] == 1 and region["startColumn"] == 1 and region["endColumn"] > 10
    assert number["relatedLocations"][0]["message"]["text"] == "a.md"
    info = [r for r in results if r["ruleId"] == "FC110"]
    assert info and all(r["level"] == "note" for r in info)


def test_sarif_fingerprints_are_stable_across_runs(fake_models) -> None:  # type: ignore[no-untyped-def]
    first = json.loads(render("sarif", [check_versions({"a.md": A, "b.md": B}, models=fake_models)]))
    again = json.loads(render("sarif", [check_versions({"a.md": A, "b.md": B}, models=fake_models)]))
    prints = [r["partialFingerprints"]["factcheck/v1"] for r in first["runs"][0]["results"]]
    assert prints == [r["partialFingerprints"]["factcheck/v1"] for r in again["runs"][0]["results"]]
    assert len(set(prints)) == len(prints)


def test_sarif_paths_are_relative(tmp_path: Path, cli_fake_models, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "a.md").write_text(A)
    (tmp_path / "drafts" / "b.md").write_text(B)
    monkeypatch.chdir(tmp_path)
    log = validate_sarif(render("sarif", [check_versions([str(tmp_path / "drafts")])]))
    uris = {loc["physicalLocation"]["artifactLocation"]["uri"]
            for r in log["runs"][0]["results"] for loc in r["locations"] + r.get("relatedLocations", [])}
    assert uris == {"drafts/a.md", "drafts/b.md"}


def test_junit_parses_with_one_failure_per_error(report: Report) -> None:
    root = ET.fromstring(render("junit", [report]))
    assert root.tag == "testsuites"
    failures = root.findall(".//failure")
    assert len(failures) == report.counts()["error"] == int(root.get("failures", "-1"))
    assert failures[0].get("type") == "FC220"
    assert int(root.get("tests", "0")) == sum(int(s.get("tests", "0")) for s in root.findall("testsuite"))
    strict = copy.copy(report)
    strict.fail_on = "warning"
    assert len(ET.fromstring(render("junit", [strict])).findall(".//failure")) == (
        report.counts()["error"] + report.counts()["warning"])


def test_junit_survives_control_characters(fake_models) -> None:  # type: ignore[no-untyped-def]
    report = check_versions({"a": "He paid \x0b150 dollars \x1b[31m.", "b": "He paid \x0b151 dollars \x1b[31m."},
                            models=fake_models)
    assert ET.fromstring(render("junit", [report])).findall(".//failure")


def test_github_annotations_cannot_be_injected(fake_models) -> None:  # type: ignore[no-untyped-def]
    evil = "Intro.\n\nPolice said 150 people came\n::error file=x::pwned %0A, title=a:b today."
    report = check_versions({"a.md": evil, "b.md": evil.replace("150", "151")}, models=fake_models)
    out = render("github", [report])
    lines = out.splitlines()
    assert lines[0].startswith("::error file=b.md,line=3,col=1,")
    assert "title=factcheck FC220 number-changed::" in lines[0]
    assert all(line.startswith(("::error ", "::warning ", "::notice ", "factcheck: ")) for line in lines)
    assert "%0A::error file=x::pwned %250A" in out  # newline and percent escaped in the message


def test_github_shows_ten_per_level_and_summarises_the_rest(report: Report) -> None:
    many = copy.copy(report)
    many.findings = [copy.copy(report.findings[0]) for _ in range(13)]
    out = render("github", [many]).splitlines()
    assert sum(line.startswith("::error ") for line in out) == 10
    assert "3 more error" in out[-1]


def test_markdown_escapes_article_text(fake_models) -> None:  # type: ignore[no-untyped-def]
    evil = "A <script>alert(1)</script> | @editor [link](http://x) paid 150 dollars."
    report = check_versions({"a.md": evil, "b.md": evil.replace("150", "151")}, models=fake_models)
    out = render("markdown", [report])
    assert "<script>" not in out and "@editor" not in out and "[link](" not in out
    table = [line for line in out.splitlines() if "FC220" in line]
    assert table and table[0].count(" | ") == 4  # the pipe in the text did not add a column


@pytest.mark.model
def test_kerry_sarif_validates_and_points_at_the_gloss(real_report: Report) -> None:
    log = validate_sarif(render("sarif", [real_report]))
    gloss = next(r for r in log["runs"][0]["results"] if r["ruleId"] == "FC201")
    loc = gloss["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == "examples/kerry/001_743a431a600bc642.txt" or \
        loc["artifactLocation"]["uri"].endswith("kerry/001_743a431a600bc642.txt")
    assert "[United Nations Human Rights Council]" in loc["region"]["snippet"]["text"]
    assert gloss["level"] == "error" and gloss["relatedLocations"]
    assert ET.fromstring(render("junit", [real_report])).findall(".//failure")
    assert KERRY.is_dir()


MOVED_A = ("A fire destroyed a furniture warehouse in the river town of Orne on Friday, officials said.\n\n"
           "Crews fought the flames for six hours before bringing them under control.\n\n"
           "Nine people were killed in the fire, the mayor said.")
MOVED_B = ("The death toll from the fire at a furniture warehouse in the river town of Orne rose to 11, the mayor "
           "said.\n\nCrews fought the flames for six hours before bringing them under control.")


def test_a_folded_finding_keeps_its_places_in_every_format(fake_models) -> None:  # type: ignore[no-untyped-def]
    report = check_versions({"a.md": MOVED_A, "b.md": MOVED_B}, models=fake_models)
    lead = next(f for f in report.findings if f.rule == "FC302")
    gone = next(r for r in lead.related if r["rule"] == "FC111")
    assert [(e["version"], e["line"]) for e in gone["evidence"]] == [("a.md", 5)] and gone["group"] is not None
    data = json.loads(render("json", [report]))
    folded = next(r for f in data["findings"] if f["rule"] == "FC302" for r in f["related"] if r["rule"] == "FC111")
    assert folded["evidence"][0]["line"] == 5 and folded["group"] == gone["group"]
    for fmt in ("text", "junit", "github", "markdown", "html"):
        assert "FC111 (a.md line 5)" in render(fmt, [report]), fmt
    sarif = validate_sarif(render("sarif", [report]))
    result = next(r for r in sarif["runs"][0]["results"] if r["ruleId"] == "FC302")
    assert result["properties"]["related"][0]["evidence"]
    # the lede's figure folded in (FC212) stands in a.md line 1 too: a related location of its own
    assert {(loc["message"]["text"], loc["physicalLocation"]["region"]["startLine"])
            for loc in result["relatedLocations"]} >= {("a.md", 5), ("a.md (FC212)", 1)}


def test_diff_branch_json_has_one_shape_for_any_number_of_drafts(report: Report) -> None:
    # a CI step parses diff-branch's JSON the same way whether no draft, one or several changed
    for reports in ([], [report], [report, report]):
        data = json.loads(render("json", reports, many=True))
        assert data["schema"] == "factcheck-multi/1" and len(data["reports"]) == len(reports)
        assert data["exit_code"] == (1 if reports else 0)
    assert json.loads(render("json", [report]))["schema"] == "factcheck/2"  # check: one report, its own shape
