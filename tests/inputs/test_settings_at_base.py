"""diff-branch judges a pull request by the settings of the branch it is reviewed against (issue 29, item 3):
settings files, the baseline and the models file they name are read at BASE with git plumbing; a file the
pull request adds or edits changes nothing, unless --settings-from worktree says so. Every format says which
settings file applied and what it turned off."""

from __future__ import annotations

import json
from typing import Any

import pytest
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.inputs.git import GitTree, repo_root
from factcheck.settings import settings_for
from tests.conftest import REPO
from tests.inputs.gitrepo import CHANGED, STORY, Newsroom, git

runner = CliRunner()
FORMATS = ("text", "concise", "json", "sarif", "junit", "github", "markdown", "html")


def diff_branch(*args: str) -> Any:
    return runner.invoke(app, ["diff-branch", "main", "drafts", "-q", *args])


@pytest.mark.parametrize("hostile", [
    'ignore = ["ALL"]', 'select = ["FC110"]', 'exclude = ["*"]', 'severity = { FC220 = "info", FC2 = "info" }',
    'fail-on = "never"', 'new-suppressions = "report"', 'include = ["*.txt"]', 'thresholds = { align = 0.99 }'])
@pytest.mark.parametrize("where", ["drafts/factcheck.toml", "factcheck.toml", "pyproject.toml"])
def test_settings_the_pull_request_adds_change_nothing(hostile: str, where: str, newsroom: Newsroom,  # type: ignore[no-untyped-def]
                                                       cli_fake_models) -> None:
    repo = newsroom()
    (repo / "drafts" / "story.md").write_text(CHANGED)
    body = f"[tool.factcheck]\n{hostile}\n" if where.endswith("pyproject.toml") else hostile + "\n"
    (repo / where).write_text(body)
    result = diff_branch("-f", "json")
    assert result.exit_code == 1, result.output
    [report] = json.loads(result.stdout)["reports"]
    assert [f["rule"] for f in report["findings"]] == ["FC220"]
    assert report["settings"]["file"] is None and report["settings"]["revision"] == "main"
    # told otherwise on the command line, the working tree's file applies, and the report says so
    told = diff_branch("-f", "json", "--settings-from", "worktree")
    [report] = json.loads(told.stdout)["reports"] or [{"settings": {"file": where}}]
    assert report["settings"]["file"] == where


def test_a_pull_request_cannot_edit_the_settings_of_the_base(newsroom: Newsroom, cli_fake_models) -> None:  # type: ignore[no-untyped-def]
    repo = newsroom({"drafts/factcheck.toml": 'new-suppressions = "refuse"\nignore = ["FC103"]\n'})
    (repo / "drafts" / "factcheck.toml").write_text('ignore = ["ALL"]\nnew-suppressions = "report"\n')
    (repo / "drafts" / "story.md").write_text("<!-- factcheck off -->\n" + CHANGED)
    result = diff_branch("-f", "json")
    assert result.exit_code == 1, result.output
    [report] = json.loads(result.stdout)["reports"]
    assert [(f["rule"], f["severity"]) for f in report["findings"]] == [("FC401", "error")]
    settings = report["settings"]
    assert settings["file"] == "drafts/factcheck.toml" and settings["revision"] == "main"
    assert settings["commit"] == git(repo, "rev-parse", "main").strip()
    assert settings["ignore"] == ["FC103"] and settings["rules_off"] == ["FC103"]
    assert settings["new_suppressions"] == "refuse"


def test_the_baseline_named_at_base_is_read_at_base(newsroom: Newsroom, cli_fake_models) -> None:  # type: ignore[no-untyped-def]
    repo = newsroom({"factcheck.toml": 'baseline = "known.json"\n'})
    (repo / "drafts" / "story.md").write_text(CHANGED)
    # the pull request writes a baseline that knows its own finding: it is not the base's
    assert runner.invoke(app, ["check", "-q", "--git", "main", "drafts/story.md", "--write-baseline",
                               "known.json"]).exit_code == 0
    result = diff_branch("-f", "json", "--new-suppressions", "refuse")
    assert result.exit_code == 1, result.output
    [report] = json.loads(result.stdout)["reports"]
    assert report["settings"]["baseline"] == {"file": "known.json", "revision": "main", "entries": 0, "added": 1}
    assert report["summary"]["suppressed"]["baseline"] == 0


def test_the_models_file_named_at_base_is_read_at_base(newsroom: Newsroom, cli_fake_models) -> None:  # type: ignore[no-untyped-def]
    models = (REPO / "models.yaml").read_text()
    repo = newsroom({"factcheck.toml": 'models = "m.yaml"\n', "m.yaml": models})
    (repo / "drafts" / "story.md").write_text(CHANGED)
    (repo / "m.yaml").write_text("embedder: {name: x, source: 'path:/nowhere'}\n")
    assert diff_branch().exit_code == 1
    told = diff_branch("--settings-from", "worktree")
    assert told.exit_code == 2 and "m.yaml" in told.stderr, told.output


def test_a_settings_file_missing_at_base_means_defaults(newsroom: Newsroom, cli_fake_models) -> None:  # type: ignore[no-untyped-def]
    repo = newsroom()
    tree = GitTree(repo_root(repo), "main")
    assert settings_for(["drafts"], tree=tree).source is None
    (repo / "factcheck.toml").write_text('ignore = ["ALL"]\n')
    assert settings_for(["drafts"], tree=tree).ignore == ()
    assert settings_for(["drafts"]).ignore == ("ALL",)   # check reads the working tree, as before


def test_an_explicit_config_is_read_at_base_too(newsroom: Newsroom, cli_fake_models) -> None:  # type: ignore[no-untyped-def]
    repo = newsroom({"ci/factcheck.toml": 'fail-on = "error"\n'})
    (repo / "drafts" / "story.md").write_text(CHANGED)
    (repo / "ci" / "factcheck.toml").write_text('fail-on = "never"\n')
    result = diff_branch("--config", "ci/factcheck.toml", "-f", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["reports"][0]["settings"]["file"] == "ci/factcheck.toml"


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_says_which_settings_applied_and_what_they_turn_off(fmt: str, newsroom: Newsroom,  # type: ignore[no-untyped-def]
                                                                         cli_fake_models) -> None:
    repo = newsroom({"factcheck.toml": 'ignore = ["FC103"]\nseverity = { FC111 = "info" }\nexclude = ["*-notes.md"]\n'})
    (repo / "drafts" / "story.md").write_text(CHANGED)
    out = diff_branch("-f", fmt).stdout
    if fmt == "json":
        settings = json.loads(out)["reports"][0]["settings"]
        assert settings["lowered"] == {"FC111": "info"} and settings["exclude"] == ["*-notes.md"]
    elif fmt == "sarif":
        props = json.loads(out)["runs"][0]["properties"]["comparisons"][0]["settings"]
        assert props["file"] == "factcheck.toml" and props["revision"] == "main"
    else:
        assert "factcheck.toml at main" in out, out
        assert "FC103" in out and "FC111" in out and "*-notes.md" in out, out


@pytest.mark.parametrize("fmt", ["text", "concise", "markdown", "github", "junit", "html"])
def test_check_says_which_settings_file_applied(fmt: str, tmp_path, cli_fake_models,  # type: ignore[no-untyped-def]
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "story"
    folder.mkdir()
    (folder / "a.md").write_text(STORY)
    (folder / "b.md").write_text(CHANGED)
    (tmp_path / "factcheck.toml").write_text('ignore = ["FC103"]\n')
    monkeypatch.chdir(tmp_path)
    out = runner.invoke(app, ["check", "story", "-q", "-f", fmt]).stdout
    assert "factcheck.toml (working tree)" in out and "FC103" in out, out
    (tmp_path / "factcheck.toml").unlink()
    out = runner.invoke(app, ["check", "story", "-q", "-f", fmt]).stdout
    assert "Settings: none" in out, out
