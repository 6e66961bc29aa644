"""The docs stay honest: every command, option, format, rule, settings key and error code is in the README."""

from __future__ import annotations

import re
import tomllib

import typer
import yaml

from factcheck.cli import app
from factcheck.findings.rules import RULES
from factcheck.render import FORMATS
from factcheck.settings import KEYS
from tests.conftest import REPO

README = (REPO / "README.md").read_text()


def _commands() -> dict[str, object]:
    group = typer.main.get_command(app)
    return dict(group.commands)  # type: ignore[attr-defined]


def test_every_command_and_option_is_documented() -> None:
    for name, command in _commands().items():
        assert f"factcheck {name}" in README, name
        for param in command.params:  # type: ignore[attr-defined]
            for opt in param.opts:
                if opt.startswith("--") and opt != "--help":
                    assert f"`{opt}`" in README, f"{name} {opt}"


def test_every_format_rule_and_settings_key_is_documented() -> None:
    for fmt in FORMATS:
        assert f"`{fmt}`" in README
    for rule in RULES.values():
        assert f"| {rule.id} | {rule.name} | {rule.severity.value} |" in README, rule.id
    for key in KEYS:
        assert re.search(rf"^\s*{re.escape(key)} = ", README, re.MULTILINE), key


def test_every_error_code_is_documented() -> None:
    codes = set()
    for path in (REPO / "factcheck").rglob("*.py"):
        codes |= set(re.findall(r"\"(FCE\d{3})\"", path.read_text()))
    codes -= {"FCE000", "FCE100", "FCE200", "FCE300"}  # the base classes' defaults
    missing = sorted(c for c in codes if f"({c})" not in README)
    assert not missing, missing


def test_integration_files_name_real_commands() -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    names = set(_commands())
    for hook in hooks:
        assert hook["entry"].split()[1] in names and hook["language"] == "python"
    workflow = (REPO / "docs" / "github-actions.yml").read_text()
    yaml.safe_load(workflow)
    for fmt in re.findall(r"--format (\w+)", workflow):
        assert fmt in FORMATS
    assert "upload-sarif" in workflow and "fetch-depth: 0" in workflow


def test_the_readme_settings_example_is_valid(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from factcheck.settings import load_settings

    block = README.split("    [tool.factcheck]\n", 1)[1].split("\n\n", 1)[0]
    toml = "[tool.factcheck]\n" + "\n".join(line[4:] for line in block.splitlines())
    (tmp_path / "pyproject.toml").write_text(toml)
    s = load_settings(tmp_path / "pyproject.toml")
    assert s.fail_on == "warning" and s.thresholds == {"contradiction": 0.7} and "FC203" in s.severity


def test_the_licence_and_the_notices_of_everything_bundled_ship_in_the_wheel() -> None:
    licence = (REPO / "LICENSE").read_text()
    assert licence.lstrip().startswith("Apache License") and "Version 2.0, January 2004" in licence
    assert "END OF TERMS AND CONDITIONS" in licence and "APPENDIX: How to apply the Apache License" in licence
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    assert project["license"] == "Apache-2.0 AND LicenseRef-WordNet-3.0"
    assert set(project["license-files"]) == {"LICENSE", "NOTICE", "THIRD_PARTY_NOTICES.md",
                                             "factcheck/data/lexicon/LICENSE-WordNet.txt"}
    assert all((REPO / f).is_file() for f in project["license-files"])
    notices = (REPO / "THIRD_PARTY_NOTICES.md").read_text()
    bundled = [p for p in (REPO / "factcheck").rglob("*")
               if p.is_file() and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts]
    assert bundled
    for path in bundled:  # every data file of the package has its origin and licence stated
        assert f"`{path.name}`" in notices, path
