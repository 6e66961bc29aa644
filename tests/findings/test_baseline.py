"""Baselines (write, read, hide known findings) and suppression comments in the text."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck import check_versions
from factcheck.cli import app
from factcheck.errors import ConfigError
from factcheck.findings.baseline import read_baseline, write_baseline
from factcheck.findings.policy import Policy
from tests.conftest import KERRY

runner = CliRunner()
A = "The minister said 150 refugees would come.\n\nThe talks were long.\n\nThe deal cost 5 dollars."
B = "The minister said 999 refugees would come.\n\nThe talks were long.\n\nThe deal cost 5 dollars."


def test_baseline_round_trip_hides_known_findings(tmp_path: Path, fake_models) -> None:  # type: ignore[no-untyped-def]
    first = check_versions({"a": A, "b": B}, models=fake_models)
    assert write_baseline(tmp_path / "b.json", first.findings) == 1
    known = read_baseline(tmp_path / "b.json")
    again = check_versions({"a": A, "b": B}, models=fake_models, policy=Policy(baseline=known))
    assert again.findings == [] and again.exit_code() == 0
    assert again.suppressed_counts()["baseline"] == 1
    newer = check_versions({"a": A, "b": B.replace("5 dollars", "50 dollars")}, models=fake_models,
                           policy=Policy(baseline=known))
    assert [f.rule for f in newer.findings] == ["FC220"] and "50" in newer.findings[0].message


@pytest.mark.parametrize(
    ("content", "needle"),
    [(None, "not found"), ("{", "not readable JSON"), ('{"schema": "x", "findings": []}', "not a factcheck baseline"),
     ('{"schema": "factcheck-baseline/1", "findings": [{}]}', "no fingerprint")],
)
def test_broken_baseline_is_a_config_error(tmp_path: Path, content: str | None, needle: str) -> None:
    path = tmp_path / "b.json"
    if content is not None:
        path.write_text(content)
    with pytest.raises(ConfigError, match=needle):
        read_baseline(path)


def test_comment_hides_a_rule_on_the_next_sentence(fake_models) -> None:  # type: ignore[no-untyped-def]
    marked = B.replace("The minister", "<!-- factcheck: ignore FC220 -->\nThe minister")
    report = check_versions({"a.md": A, "b.md": marked}, models=fake_models)
    # the comment b.md adds is reported (FC401: tests/findings/test_added.py); what it hides is counted
    assert [f.rule for f in report.findings] == ["FC401"] and report.suppressed_counts()["inline"] == 1
    assert all("factcheck" not in s.norm for s in report.sentences[1])  # the comment is never checked
    other_rule = B.replace("The minister", "<!-- factcheck: ignore FC201 -->\nThe minister")
    assert [f.rule for f in check_versions({"a.md": A, "b.md": other_rule}, models=fake_models).findings] == [
        "FC220", "FC401"]
    too_far = B.replace("The deal", "<!-- factcheck: ignore -->\nThe deal")
    assert [f.rule for f in check_versions({"a.md": A, "b.md": too_far}, models=fake_models).findings] == [
        "FC220", "FC401"]


def test_ignore_file_comment_and_unknown_rule(fake_models) -> None:  # type: ignore[no-untyped-def]
    whole = "<!-- factcheck: ignore-file number-changed -->\n\n" + B
    assert [f.rule for f in check_versions({"a.md": A, "b.md": whole}, models=fake_models).findings] == ["FC401"]
    with pytest.raises(ConfigError, match="unknown rule 'FC999'"):
        check_versions({"a.md": A, "b.md": "<!-- factcheck: ignore FC999 -->\n" + B}, models=fake_models)


@pytest.mark.model
def test_kerry_baseline_then_a_new_contradiction(tmp_path: Path) -> None:
    folder = tmp_path / "kerry"
    shutil.copytree(KERRY, folder)
    base = tmp_path / "baseline.json"
    result = runner.invoke(app, ["check", "-q", str(folder), "--write-baseline", str(base)])
    assert result.exit_code == 0 and "wrote" in result.stderr
    assert runner.invoke(app, ["check", "-q", str(folder), "--baseline", str(base)]).exit_code == 0
    assert runner.invoke(app, ["check", "-q", str(folder), "--fail-on", "info", "--baseline", str(base)]).exit_code == 0
    draft = folder / "000_73a31ef219c82012.txt"
    draft.write_text(draft.read_text().replace("Kerry said the US would take", "Kerry said the US would not take"))
    out = tmp_path / "new.json"
    result = runner.invoke(app, ["check", "-q", str(folder), "--baseline", str(base), "-f", "json", "-o", str(out),
                                 "--fail-on", "warning"])
    assert result.exit_code == 1, result.output
    data = json.loads(out.read_text())
    # one new finding: the negation sits in a sentence the other versions word differently, so the
    # contradiction is the NLI model's on a rewritten statement (FC101), a warning: likely, not sure
    # (in a word-for-word edit it would be FC231, an error)
    assert [f["severity"] for f in data["findings"]] == ["warning"], data["findings"]
    assert data["findings"][0]["rule"] in ("FC101", "FC231")
    assert "would not take" in json.dumps(data["findings"][0]["evidence"])
    # every finding the baseline recorded is hidden but the one about the edited sentence (a run of cut
    # sentences is one finding)
    recorded = len(json.loads(base.read_text())["findings"])
    assert recorded >= 15 and data["summary"]["suppressed"]["baseline"] >= recorded - 1
