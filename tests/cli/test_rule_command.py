"""``factcheck rule ID`` explains one rule; ``factcheck rules --format json`` is the catalogue for programs."""

from __future__ import annotations

import json
from dataclasses import fields

import pytest
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.findings.rules import RULES, Rule

runner = CliRunner()
MAIN = ("id", "name", "severity", "category", "summary", "help")
ROLE = [f.name for f in fields(Rule) if f.name not in MAIN]


@pytest.mark.parametrize("key", ["FC201", "fc201", "acronym-expansion-mismatch"])
def test_rule_explains_one_rule(key: str) -> None:
    result = runner.invoke(app, ["rule", key, "--verbose"])
    assert result.exit_code == 0, result.output
    rule = RULES["FC201"]
    out = result.stdout
    assert out.startswith("FC201 acronym-expansion-mismatch\n")
    for said in (rule.summary, "Severity: error", "Category: acronym", "--ignore FC201", 'ignore = ["FC201"]',
                 "<!-- factcheck: ignore FC201 -->", "<!-- factcheck off FC201 -->", "--extend-select FC201",
                 "--select FC201"):
        assert said in out, said
    assert " ".join(rule.help.split()) in " ".join(out.split())  # wrapped, every word kept
    for role in ROLE:  # with --verbose, every role field of the catalogue, with its value
        assert f"  {role} " in out, role
    assert "source        checks: found by a targeted check of one slot" in out
    assert "fact          acronym" in out


def test_rule_says_what_a_story_rule_links() -> None:
    out = runner.invoke(app, ["rule", "FC302", "-v"]).stdout
    assert "links_places  yes: links two places" in out and "source        ledger" in out
    assert "stage         story" in out


def test_rule_as_json_is_the_catalogue_entry() -> None:
    result = runner.invoke(app, ["rule", "FC302", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    rule = RULES["FC302"]
    assert {k: data[k] for k in MAIN} == {"id": "FC302", "name": rule.name, "severity": "warning",
                                          "category": rule.category, "summary": rule.summary, "help": rule.help}
    assert data["role"] == {k: getattr(rule, k) for k in ROLE}
    assert data["ignore"]["flag"] == "--ignore FC302" and data["select"]["settings"] == 'extend-select = ["FC302"]'


@pytest.mark.parametrize(("key", "says"), [
    ("FC299", "unknown rule 'FC299' (nearest: FC301, FC302, FC303; valid: an id, one of FC101"),
    ("FC2O1", "unknown rule 'FC2O1' (nearest: FC201,"),
    ("quote-change", "nearest: quote-changed"),
    ("FC2", "'FC2' names 22 rules, not one (give one of FC201, FC202"),
    ("", "unknown rule ''"),
])
def test_an_unknown_rule_is_one_coded_line_naming_the_nearest(key: str, says: str) -> None:
    result = runner.invoke(app, ["rule", key])
    assert result.exit_code == 2
    err = result.stderr
    assert err.count("\n") == 1 and err.startswith("factcheck: error: FCE210: ") and says in err, err
    assert result.stdout == ""


def test_rules_as_json_lists_every_rule_and_the_text_table_stays() -> None:
    result = runner.invoke(app, ["rules", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [r["id"] for r in data] == sorted(RULES)
    assert all(r["severity"] == RULES[r["id"]].severity.value and r["name"] == RULES[r["id"]].name for r in data)
    assert all(set(r["role"]) == set(ROLE) for r in data)
    text = runner.invoke(app, ["rules"]).stdout.splitlines()
    assert len(text) == len(RULES) and text[0].split()[:3] == ["FC101", "nli-contradiction", "warning"]


def test_rules_format_is_checked() -> None:
    result = runner.invoke(app, ["rules", "--format", "xml"])
    assert result.exit_code == 2 and "--format: 'xml' is not one of text, json" in result.output
