"""Help that reads like a person wrote it, and bad values said plainly, for every command."""

from __future__ import annotations

import re
import sys

import pytest
import typer
from typer.testing import CliRunner

from factcheck.cli import app, run

runner = CliRunner()
COMMANDS = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_help_has_no_type_names_or_ranges(command: str) -> None:
    result = runner.invoke(app, [*command.split(), "--help"], env={"COLUMNS": "200"}, prog_name="factcheck")
    assert result.exit_code == 0, result.output
    out = result.stdout
    for machine in ("<", "{", "list[", "x>=", "int range", "Value error"):
        assert machine not in out, (command, machine)
    if command == "":  # every command's short help whole, none cut off with "..."
        listed = out.split("Commands:\n", 1)[1].splitlines()
        assert [line.split()[0] for line in listed if line.strip()] == list(typer.main.get_command(app).commands)  # type: ignore[attr-defined]
        assert not any(re.search(r"\.\.\.\s*$", line) for line in listed), out


@pytest.mark.parametrize(("command", "usage", "options"), [
    ("check", "Usage: factcheck check [OPTIONS] FOLDER_OR_FILES...",
     ["--select RULES", "--extend-select RULES", "--ignore RULES", "--max-versions N", "--max-bytes BYTES",
      "--include GLOB", "-o, --output FILE", "--git-range RANGE", "--cache-dir FOLDER",
      "-f, --format [text|concise|json|sarif|junit|github|markdown|html]", "--fail-on [error|warning|info|never]"]),
    ("diff-branch", "Usage: factcheck diff-branch [OPTIONS] BASE [PATHS]...", ["--extend-select RULES"]),
    ("batch", "Usage: factcheck batch [OPTIONS] INPUT",
     ["--workers N", "--column ROLE=NAME", "--engine [local|ray]", "--address HOST:PORT", "--extend-select RULES"]),
    ("rule", "Usage: factcheck rule [OPTIONS] RULE", ["-f, --format [text|json]"]),
    ("rules", "Usage: factcheck rules [OPTIONS]", ["-f, --format [text|json]"]),
])
def test_help_names_arguments_and_values(command: str, usage: str, options: list[str]) -> None:
    out = runner.invoke(app, [command, "--help"], env={"COLUMNS": "200"}, prog_name="factcheck").stdout
    assert out.startswith(usage + "\n"), out
    for option in options:
        assert option in out, option


@pytest.mark.parametrize(("args", "message"), [
    (["check", "a.txt", "b.txt", "--format", "concise2"],
     "--format: 'concise2' is not one of text, concise, json, sarif, junit, github, markdown, html"),
    (["check", "a.txt", "b.txt", "--fail-on", "sometimes"], "--fail-on: 'sometimes' is not one of error, warning, "
     "info, never"),
    (["check", "a.txt", "b.txt", "--max-bytes", "0"], "--max-bytes: give 1 or more, not 0"),
    (["check", "a.txt", "b.txt", "--max-versions", "1"], "--max-versions: give 2 or more, not 1"),
    (["check", "a.txt", "b.txt", "--max-chars", "many"], "--max-chars: 'many' is not a whole number"),
    (["check", "a.txt", "b.txt", "--select", " , "], "--select: names no rule (give ids such as FC201"),
    (["diff-branch", "main", "--format", "yaml"], "--format: 'yaml' is not one of text, concise,"),
    (["batch", "in", "-o", "out.jsonl", "--engine", "spark"], "--engine: 'spark' is not one of local, ray"),
    (["batch", "in", "-o", "out.jsonl", "--workers", "-1"], "--workers: give 0 or more, not -1"),
    (["rule", "FC201", "--format", "yaml"], "--format: 'yaml' is not one of text, json"),
])
def test_bad_values_are_one_plain_line(args: list[str], message: str, monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "argv", ["factcheck", *args])
    with pytest.raises(SystemExit) as done:
        run()
    assert done.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith(f"factcheck: error: {message}"), err
    assert err.count("\n") == 1 and err.endswith(f"{args[0]} --help')\n")
    assert "Value error" not in err and "Invalid value" not in err and "Input should" not in err


def test_a_format_in_any_case_is_the_format() -> None:
    from factcheck.cli.options import Format, choice

    assert choice(Format)("JSON") is Format.json and choice(Format)(Format.concise) is Format.concise
