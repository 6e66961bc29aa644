"""What the CLI says: the order option, what -o wrote, near misses of a format, the rule catalogue for
people, counts in words, and errors that name what they are about."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.findings.rules import RULES
from tests.render.test_locations import WEB, WIRE

runner = CliRunner()


@pytest.fixture
def story(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "story"
    folder.mkdir()
    for name, text in (("wire", WIRE), ("web", WEB), ("update", WIRE)):
        (folder / f"{name}.txt").write_text(text)
    return folder


def test_order_option_takes_a_list(story: Path, cli_fake_models: Any) -> None:
    result = runner.invoke(app, ["check", "story", "-q", "-f", "json", "--order", "wire.txt,web.txt,update.txt"])
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    assert data["order"] == {"by": "list", "versions": ["wire.txt", "web.txt", "update.txt"], "assumed": False}
    [number] = [f for f in data["findings"] if f["rule"] == "FC220"]
    assert number["locations"][0]["version"] == "web.txt"


def test_order_option_takes_a_keyword(story: Path, cli_fake_models: Any) -> None:
    result = runner.invoke(app, ["check", "story/wire.txt", "story/web.txt", "-q", "-f", "json", "--order", "name"])
    assert json.loads(result.stdout)["order"]["versions"] == ["web.txt", "wire.txt"]
    bad = runner.invoke(app, ["check", "story", "-q", "--order", "wire.txt"])
    assert bad.exit_code == 2 and "--order" in bad.stderr and "name, given, mtime" in bad.stderr


def test_order_comes_from_the_settings_and_the_option_wins(story: Path, cli_fake_models: Any) -> None:
    (story / "factcheck.toml").write_text('order = ["wire.txt", "web.txt", "update.txt"]\n')
    data = json.loads(runner.invoke(app, ["check", "story", "-q", "-f", "json"]).stdout)
    assert data["order"]["by"] == "list" and data["order"]["versions"][0] == "wire.txt"
    data = json.loads(runner.invoke(app, ["check", "story", "-q", "-f", "json", "--order", "name"]).stdout)
    assert data["order"]["versions"] == ["update.txt", "web.txt", "wire.txt"]


def test_order_does_not_apply_to_git(story: Path) -> None:
    result = runner.invoke(app, ["check", "-q", "--git", "HEAD", "story/wire.txt", "--order", "name"])
    assert result.exit_code == 2 and "FCE115" in result.stderr and "commit order" in result.stderr


def test_output_says_what_it_wrote_unless_quiet(story: Path, cli_fake_models: Any) -> None:
    result = runner.invoke(app, ["check", "story", "-f", "sarif", "-o", "out.sarif"])
    assert result.exit_code == 1 and Path("out.sarif").is_file()
    assert result.stderr == "factcheck: wrote the sarif report to out.sarif (1 error, 0 warnings, 0 info)\n"
    quiet = runner.invoke(app, ["check", "story", "-q", "-f", "sarif", "-o", "out.sarif"])
    assert quiet.exit_code == 1 and quiet.stderr == ""


@pytest.mark.parametrize(("given", "meant"), [("sarf", "sarif"), ("jsn", "json"), ("Markdwon", "markdown")])
def test_a_misspelt_format_gets_a_did_you_mean(given: str, meant: str) -> None:
    result = runner.invoke(app, ["check", "x", "--format", given])
    assert result.exit_code == 2 and f"did you mean '{meant}'" in result.stderr, result.stderr


def test_rules_are_listed_in_id_order() -> None:
    ids = [line.split()[0] for line in runner.invoke(app, ["rules"]).stdout.splitlines()]
    assert ids == sorted(RULES) and ids.index("FC110") < ids.index("FC120")
    data = json.loads(runner.invoke(app, ["rules", "--format", "json"]).stdout)
    assert [r["id"] for r in data] == sorted(RULES)


def test_a_rule_for_people_leaves_the_catalogue_s_internals_to_verbose_and_json() -> None:
    out = runner.invoke(app, ["rule", "FC201"]).stdout
    assert "Role in the catalogue" not in out and "links_places" not in out
    assert "Ignore it: --ignore FC201" in out
    verbose = runner.invoke(app, ["rule", "FC201", "--verbose"]).stdout
    assert "Role in the catalogue" in verbose and "links_places" in verbose
    assert "role" in json.loads(runner.invoke(app, ["rule", "FC201", "--format", "json"]).stdout)


def test_counts_are_words(story: Path, cli_fake_models: Any) -> None:
    concise = runner.invoke(app, ["check", "story", "-q", "-f", "concise"]).stdout
    assert concise.splitlines()[-1] == "Found 1 error, 0 warnings, 0 info; exit code 1."
    text = runner.invoke(app, ["check", "story", "-q"]).stdout
    assert "(s)" not in text and "1 error, 0 warnings" in text
    for fmt in ("github", "markdown", "html"):
        out = runner.invoke(app, ["check", "story", "-q", "-f", fmt]).stdout
        assert "(s)" not in out and "1 error" in out, fmt


def test_the_only_version_error_names_what_was_skipped(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("One version of the story.")
    (tmp_path / "b.pdf").write_bytes(b"%PDF-1.4")
    result = runner.invoke(app, ["check", "-q", str(tmp_path)])
    assert result.exit_code == 2
    err = result.stderr
    assert "FCE107" in err and "skipped" in err and "b.pdf" in err and len(err.splitlines()) == 1


def test_a_revision_that_is_not_there_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for key, value in {"GIT_AUTHOR_NAME": "Ed", "GIT_AUTHOR_EMAIL": "ed@example.org", "GIT_COMMITTER_NAME": "Ed",
                       "GIT_COMMITTER_EMAIL": "ed@example.org", "GIT_CONFIG_GLOBAL": "/dev/null"}.items():
        monkeypatch.setenv(key, value)
    monkeypatch.chdir(tmp_path)
    subprocess.run(["git", "init", "-q", "-b", "main"], check=True)
    Path("story.md").write_text("The council met on Tuesday.\n")
    subprocess.run(["git", "add", "-A"], check=True)
    subprocess.run(["git", "commit", "-q", "-m", "one"], check=True)
    result = runner.invoke(app, ["check", "-q", "--git", "HEAD~5", "story.md"])
    assert result.exit_code == 2 and "FCE111" in result.stderr
    assert "'HEAD~5'" in result.stderr and "failed: 1" not in result.stderr, result.stderr


def test_the_fix_list_keeps_what_changed_past_a_semicolon() -> None:
    from factcheck.render.text import _first_sentence

    message = ('001.txt gives the figure "2013" that 000.txt never gives (adds "Although"; drops "never"; '
               '"taken up by" -> "in place since 2013" and 4 more changes).')
    assert _first_sentence(message) == message
    two = "In b.txt, UNHCR is glossed as \"United Nations Human Rights Council\", a wrong gloss. More detail."
    assert _first_sentence(two) == two.split(" More")[0]
    assert re.search(r"\(adds \"Although\"; drops", _first_sentence(message))


def test_the_library_s_unknown_format_names_the_nearest_too() -> None:
    from factcheck.errors import ConfigError
    from factcheck.render import render

    with pytest.raises(ConfigError) as caught:
        render("sarf", [])
    assert caught.value.code == "FCE206" and "did you mean 'sarif'?" in caught.value.one_line()
