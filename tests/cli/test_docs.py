"""The docs stay honest: every command and option is on the usage page, every rule on the rules page, every
error code on the exit-codes page, every format, settings key and Action input where the reference says, and
every command the docs sketch exists with the options it is given."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import typer
import yaml

from factcheck.cli import app
from factcheck.findings.rules import RULES, rules_where
from factcheck.render import FORMATS
from factcheck.settings import KEYS
from tests.conftest import REPO
from tests.docs_pages import argv, headings, norm, page, pages, section, sketched_commands

USAGE = page("docs/usage.md")
SHARED = "Options shared by every command that checks"
BASES = {"FCE000", "FCE100", "FCE200", "FCE300"}   # the base classes' defaults, never raised as such


def _group() -> Any:
    """The app as click sees it (typer carries its own copy of click, so its classes are not click's)."""
    group = typer.main.get_command(app)
    assert hasattr(group, "commands")
    return group


def _options(command: Any) -> set[str]:
    return {o for p in command.params for o in (*p.opts, *p.secondary_opts) if o.startswith("-")}


def _command_section(name: str) -> str:
    [title] = [t for level, t in headings(USAGE) if level == 2 and f"`factcheck {name}`" in t]
    return section(USAGE, title)


def test_every_command_has_a_section_on_the_usage_page_listing_each_of_its_options() -> None:
    group = _group()
    commands = dict(group.commands)
    checking = [c for c in commands.values() if "--fail-on" in _options(c)]
    shared = set.intersection(*(_options(c) for c in checking))
    assert {"--fail-on", "--select", "--quiet", "-q"} <= shared and len(checking) == 4
    shared_text = section(USAGE, SHARED)
    for opt in shared:
        assert f"`{opt}`" in shared_text, f"{opt} in '{SHARED}'"
    for name, command in commands.items():
        text = _command_section(name)
        for opt in sorted(_options(command) - {"--help"}):
            if opt in shared:
                assert "(#options-shared-by-every-command-that-checks)" in text, f"{name}: link to the shared options"
            else:
                assert f"`{opt}`" in text, f"factcheck {name} {opt} is not in its section of docs/usage.md"
    documented = {m for _, t in headings(USAGE) for m in re.findall(r"`factcheck ([a-z-]+)`", t)}
    assert documented == set(commands), "a section for a command that does not exist, or one missing"
    for opt in _options(group) - {"--help"}:
        assert f"`factcheck {opt}`" in USAGE, opt


def test_every_command_the_docs_sketch_exists_with_the_options_given() -> None:
    group = _group()
    sketched = sketched_commands()
    assert len(sketched) > 30
    for where, command in sketched:
        words = argv(command)
        if words[1].startswith("-"):
            assert words[1] in _options(group) | {"--help"}, (where, command)
            continue
        assert words[1] in group.commands, f"{where}: {command}: no command {words[1]!r}"
        valid = _options(group.commands[words[1]]) | {"--help"}
        for word in words[2:]:
            if word.startswith("-") and word != "-":
                assert word.split("=", 1)[0] in valid, f"{where}: {command}: factcheck {words[1]} has no {word}"


def test_every_format_has_its_section_on_the_reports_page() -> None:
    text = page("docs/reports.md")
    titles = [t.lower() for _, t in headings(text)]
    for fmt in FORMATS:
        assert f"`{fmt}`" in text, fmt
        assert any(fmt in t for t in titles), f"no heading for the {fmt} format"


def test_every_rule_is_on_the_rules_page_as_the_catalogue_has_it() -> None:
    text = page("docs/rules.md")
    for rule in RULES.values():
        row = f"| {rule.id} | {rule.name} | {rule.severity.value} | {rule.category} | {rule.summary} |"
        assert row in text, rule.id
        body = norm(section(text, f"{rule.id} {rule.name}"))
        assert norm(rule.help) in body, f"{rule.id}: its help text, as `factcheck rule` prints it"
        assert f"Severity: {rule.severity.value} at most" in body, rule.id
    for name, content in pages().items():   # no page names a rule that does not exist
        unknown = set(re.findall(r"\bFC\d{3}\b", content)) - set(RULES)
        assert not unknown, (name, unknown)


def test_the_style_rules_the_docs_name_are_the_catalogue_s() -> None:
    text = norm(section(page("docs/how-it-works.md"), "Fact changes and style changes"))
    named = text.split("those about form alone, ", 1)[1].split(" (", 1)[0]
    assert set(re.findall(r"FC\d{3}", named)) == rules_where(form_only=True)


def test_every_error_code_is_on_the_exit_codes_page_and_every_code_there_exists() -> None:
    raised = set()
    for path in (REPO / "factcheck").rglob("*.py"):
        raised |= set(re.findall(r"\bFCE\d{3}\b", path.read_text()))
    raised -= BASES
    assert len(raised) > 40
    text = page("docs/exit-codes.md")
    missing = sorted(c for c in raised if f"| {c} |" not in text)
    assert not missing, f"not on docs/exit-codes.md: {missing}"
    for name, content in pages().items():
        stale = set(re.findall(r"\bFCE\d{3}\b", content)) - raised
        assert not stale, (name, stale)


def test_every_settings_key_is_in_the_settings_example_and_the_example_is_valid(tmp_path: Path) -> None:
    from factcheck.settings import load_settings

    text = page("docs/settings.md")
    [block] = re.findall(r"```toml\n(\[tool\.factcheck\]\n.*?)```", text, re.DOTALL)
    for key in KEYS:
        assert re.search(rf"^{re.escape(key)} = ", block, re.MULTILINE), key
        assert f"`{key}`" in text, key   # and what it does
    (tmp_path / "pyproject.toml").write_text(block)
    s = load_settings(tmp_path / "pyproject.toml")
    assert s.fail_on == "warning" and s.thresholds == {"contradiction": 0.7} and "FC203" in s.severity


def test_every_input_of_the_action_is_in_the_ci_page_with_its_default() -> None:
    action = yaml.safe_load((REPO / "action.yml").read_text())
    text = section(page("docs/ci.md"), "Inputs and outputs")
    rows = dict(re.findall(r"^\| `([a-z-]+)` \|([^|]*)\|", text, re.MULTILINE))
    assert set(rows) == set(action["inputs"])
    for name, spec in action["inputs"].items():
        default = str(spec.get("default", ""))
        if default and "${{" not in default:
            assert rows[name].strip() == f"`{default}`", name
    outputs = text.split("Outputs:", 1)[1]
    assert all(f"`{name}`" in outputs for name in action["outputs"])


def test_the_torch_requirement_the_docs_state_is_pyproject_s() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    [torch] = [r for r in project["dependencies"] if re.match(r"torch\b", r)]
    hooks = section(page("docs/ci.md"), "As a pre-commit hook")
    assert f"`{torch}`" in hooks and f"`{torch}`" in page("docs/install.md")
    # what pip takes is the newest release either index has, not a release the docs could name
    assert not re.search(r"pip (then )?takes `?torch \d", hooks)


def test_integration_files_name_real_commands() -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    names = set(_group().commands)
    for hook in hooks:
        assert hook["entry"].split()[1] in names and hook["language"] == "python"
    workflow = (REPO / "docs" / "github-actions.yml").read_text()
    yaml.safe_load(workflow)
    for fmt in re.findall(r"--format (\w+)", workflow):
        assert fmt in FORMATS
    assert "upload-sarif" in workflow and "fetch-depth: 0" in workflow


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
