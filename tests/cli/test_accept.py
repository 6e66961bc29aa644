"""factcheck accept: the way through for an intended change without a notice (issue 31, item 2). The editor
accepts a draft's current findings into the baseline; the pre-commit hook and CI read the baseline at the
base revision, so what the change accepts is shown to the reviewer (FC402, info) and passes unless new
suppressions are refused."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from factcheck.cli import app
from tests.inputs.gitrepo import CHANGED, STORY, Newsroom, git

runner = CliRunner()
SETTINGS = {"factcheck.toml": 'baseline = ".factcheck-baseline.json"\n'}


def fc(*args: str) -> Any:
    return runner.invoke(app, [*args, "-q"])


def entries(repo: Path) -> list[dict[str, Any]]:
    return json.loads((repo / ".factcheck-baseline.json").read_text())["findings"]


def test_an_editor_accepts_an_intended_change_before_committing(newsroom: Newsroom, cli_fake_models) -> None:  # type: ignore[no-untyped-def]
    repo = newsroom(SETTINGS)
    (repo / "drafts" / "story.md").write_text(CHANGED)
    assert fc("diff-branch", "HEAD", "drafts/story.md").exit_code == 1   # the pre-commit hook stops it
    done = fc("accept", "drafts/story.md")
    assert done.exit_code == 0, done.output
    assert "accepted 1 finding(s) of 1 draft(s) in .factcheck-baseline.json" in done.stderr
    [entry] = entries(repo)
    assert entry["rule"] == "FC220" and entry["draft"] == "drafts/story.md"
    hook = fc("diff-branch", "HEAD", "drafts/story.md", "-f", "json")
    assert hook.exit_code == 0, hook.output
    [report] = json.loads(hook.stdout)["reports"]
    [f] = report["findings"]
    assert f["rule"] == "FC402" and f["severity"] == "info" and [r["rule"] for r in f["related"]] == ["FC220"]
    assert "accepted in this change" in f["message"] and ".factcheck-baseline.json" in f["message"]
    assert fc("diff-branch", "HEAD", "drafts/story.md", "--new-suppressions", "refuse").exit_code == 1


def test_ci_shows_what_the_pull_request_accepted_and_can_refuse_it(newsroom: Newsroom, cli_fake_models) -> None:  # type: ignore[no-untyped-def]
    repo = newsroom(SETTINGS)
    git(repo, "checkout", "-q", "-b", "update")
    (repo / "drafts" / "story.md").write_text(CHANGED)
    assert fc("accept", "--base", "main", "drafts").exit_code == 0
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "vote: 8-3, accepted")
    ci = fc("diff-branch", "main", "drafts", "-f", "concise")
    assert ci.exit_code == 0 and "FC402 [info]" in ci.stdout and "accepted in this change" in ci.stdout, ci.output
    assert fc("diff-branch", "main", "drafts", "--fail-on", "info").exit_code == 1
    assert fc("diff-branch", "main", "drafts", "--new-suppressions", "refuse").exit_code == 1
    # merged: the base now holds the change and its entry
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "update")
    assert fc("diff-branch", "main", "drafts").exit_code == 0


def test_accept_refreshes_the_draft_s_entries_and_keeps_the_others(newsroom: Newsroom, cli_fake_models) -> None:  # type: ignore[no-untyped-def]
    repo = newsroom({**SETTINGS, "drafts/other.md": STORY})
    (repo / "drafts" / "story.md").write_text(CHANGED)
    (repo / "drafts" / "other.md").write_text(STORY.replace("40 million", "45 million"))
    assert fc("accept", "drafts").exit_code == 0
    assert sorted(e["draft"] for e in entries(repo)) == ["drafts/other.md", "drafts/story.md"]
    (repo / "drafts" / "story.md").write_text(CHANGED.replace("8-3", "9-2"))
    assert fc("accept", "drafts/story.md").exit_code == 0
    got = entries(repo)
    assert sorted(e["draft"] for e in got) == ["drafts/other.md", "drafts/story.md"]
    assert any("9" in e["message"] for e in got if e["draft"] == "drafts/story.md")
    assert not any('"8"' in e["message"] for e in got)


def test_accept_never_accepts_an_added_suppression(newsroom: Newsroom, cli_fake_models) -> None:  # type: ignore[no-untyped-def]
    repo = newsroom(SETTINGS)
    (repo / "drafts" / "story.md").write_text("<!-- factcheck off -->\n" + CHANGED)
    assert fc("accept", "drafts").exit_code == 0
    assert not (repo / ".factcheck-baseline.json").exists() or entries(repo) == []
    out = fc("diff-branch", "HEAD", "drafts", "-f", "concise").stdout
    assert "FC401" in out and "FC402" not in out


def test_accept_says_where_to_name_a_baseline(newsroom: Newsroom, cli_fake_models) -> None:  # type: ignore[no-untyped-def]
    repo = newsroom()
    (repo / "drafts" / "story.md").write_text(CHANGED)
    done = fc("accept", "drafts")
    assert done.exit_code == 2 and "FCE222" in done.stderr and "baseline =" in done.stderr, done.output
    assert fc("accept", "drafts", "--baseline", "known.json").exit_code == 0
    assert json.loads((repo / "known.json").read_text())["findings"][0]["rule"] == "FC220"
