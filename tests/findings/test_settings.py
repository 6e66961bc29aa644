"""Settings files, rule selection, severities, exit policy and include/exclude globs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck import check_versions
from factcheck.cli import app
from factcheck.errors import ConfigError
from factcheck.findings.policy import Policy
from factcheck.findings.rules import Severity
from factcheck.settings import KEYS, find_config, load_settings, settings_for

runner = CliRunner()
A = "The minister said 150 refugees would come.\n\nThe talks were long."
B = "The minister said 999 refugees would come.\n\nThe talks were long."


def drafts(folder: Path) -> Path:
    d = folder / "drafts"
    d.mkdir(parents=True)
    (d / "a.md").write_text(A)
    (d / "b.md").write_text(B)
    return d


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["check", "-q", *args])
    return result.exit_code, result.stdout, result.stderr


def test_nearest_config_wins_and_plain_pyproject_is_passed_over(tmp_path: Path) -> None:
    d = drafts(tmp_path / "project")
    (tmp_path / "factcheck.toml").write_text('fail-on = "warning"\n')
    (tmp_path / "project" / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert find_config(d) == tmp_path / "factcheck.toml"
    (tmp_path / "project" / "pyproject.toml").write_text('[tool.factcheck]\nfail-on = "info"\n')
    assert find_config(d) == tmp_path / "project" / "pyproject.toml"
    (tmp_path / "project" / "factcheck.toml").write_text('fail-on = "never"\n')
    assert find_config(d) == tmp_path / "project" / "factcheck.toml"
    assert settings_for([d]).fail_on == "never"
    assert settings_for([d], isolated=True).fail_on == "error"


def test_paths_in_a_config_are_relative_to_it(tmp_path: Path) -> None:
    (tmp_path / "factcheck.toml").write_text('models = "conf/models.yaml"\nbaseline = "base.json"\n')
    s = load_settings(tmp_path / "factcheck.toml")
    assert s.models == tmp_path / "conf" / "models.yaml" and s.baseline == tmp_path / "base.json"


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("colour = 1\n", "valid keys: " + ", ".join(KEYS)),
        ('fail-on = "sometimes"\n', "valid: error, warning, info, never"),
        ('select = ["FC999"]\n', "valid: ALL, a prefix such as FC2, or one of FC101"),
        ('ignore = "nonsense-rule"\n', "unknown rule 'nonsense-rule'"),
        ('[severity]\nFC201 = "fatal"\n', "valid: error, warning, info"),
        ("[thresholds]\nalign = 2\n", "give a number from 0 to 1"),
        ("[thresholds]\nalignment = 0.5\n", "unknown threshold 'alignment'"),
        ("max-bytes = -1\n", "positive whole number"),
        ("fail-on = [\n", "not valid TOML"),
    ],
)
def test_bad_config_is_a_one_line_error(tmp_path: Path, text: str, needle: str) -> None:
    d = drafts(tmp_path)
    (tmp_path / "factcheck.toml").write_text(text)
    with pytest.raises(ConfigError) as err:
        settings_for([d])
    assert needle in err.value.one_line()
    code, _, stderr = run(str(d))
    assert code == 2 and len(stderr.strip().splitlines()) == 1 and needle in stderr


def test_rule_selectors() -> None:
    p = Policy(select=("FC2",), ignore=("number-changed", "FC24"))
    assert "FC201" in p.enabled() and "FC220" not in p.enabled() and "FC240" not in p.enabled()
    assert "FC101" not in p.enabled()
    assert Policy(severity={"FC22": "info"}).severities() == {"FC220": Severity.INFO}


def test_config_and_flags_decide_the_exit_code(tmp_path: Path, cli_fake_models) -> None:  # type: ignore[no-untyped-def]
    d = drafts(tmp_path)
    assert run(str(d))[0] == 1
    assert run(str(d), "--exit-zero")[0] == 0
    assert run(str(d), "--fail-on", "never")[0] == 0
    (tmp_path / "factcheck.toml").write_text('fail-on = "never"\n')
    assert run(str(d))[0] == 0
    assert run(str(d), "--fail-on", "error")[0] == 1  # the flag overrides the file
    assert run(str(d), "--isolated")[0] == 1


def test_ignore_and_severity_change_what_is_reported(tmp_path: Path, cli_fake_models) -> None:  # type: ignore[no-untyped-def]
    d = drafts(tmp_path)
    code, out, _ = run(str(d), "--ignore", "FC220", "--format", "json")
    assert code == 0 and "FC220" not in reported(out) and '"disabled_rules": 1' in out
    assert json.loads(out)["settings"]["rules_off"] == ["FC220"]   # and the report says what is off
    (tmp_path / "factcheck.toml").write_text('[severity]\nnumber-changed = "info"\n')
    code, out, _ = run(str(d), "--format", "json")
    assert code == 0 and '"severity": "info"' in out
    code, out, _ = run(str(d), "--format", "json", "--select", "FC1")
    assert code == 0 and "FC220" not in reported(out)


def reported(out: str) -> list[str]:
    return [f["rule"] for f in json.loads(out)["findings"]]


def test_include_and_exclude_globs(tmp_path: Path, cli_fake_models) -> None:  # type: ignore[no-untyped-def]
    d = drafts(tmp_path)
    (d / "c.md").write_text(A.replace("150", "151"))
    (d / "item.json").write_text(json.dumps({"text": A.replace("150", "152")}))
    report = check_versions([str(d)], exclude=("c.*",))
    assert [v.id for v in report.versions] == ["a.md", "b.md"]
    assert any("c.md: matches --exclude" in n for n in report.notes)
    report = check_versions([str(d)], include=("*.json", "a.md"))
    assert [v.id for v in report.versions] == ["a.md", "item.json"]
    code, _, err = run(str(d), "--include", "*.docx")
    assert code == 2 and "no files matching *.docx" in err


def test_thresholds_from_the_config_reach_the_pipeline(tmp_path: Path, cli_fake_models) -> None:  # type: ignore[no-untyped-def]
    d = drafts(tmp_path)
    default = runner.invoke(app, ["check", "-q", str(d), "-f", "json"]).stdout
    (tmp_path / "factcheck.toml").write_text("[thresholds]\nalign = 1.0\nalign_split = 1.0\n")
    strict = runner.invoke(app, ["check", "-q", str(d), "-f", "json"]).stdout
    assert json.loads(default)["stats"]["slots"] < json.loads(strict)["stats"]["slots"]
