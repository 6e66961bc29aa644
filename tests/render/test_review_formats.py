"""What a pull request adds to hide findings, and which settings judged it, in every format (issue 29, items
2 and 3): diff-branch over a repository whose draft the pull request edits."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from factcheck.cli import app
from tests.conftest import REPO
from tests.inputs.gitrepo import CHANGED, STORY, Newsroom

runner = CliRunner()
FORMATS = ("text", "concise", "json", "sarif", "junit", "github", "markdown", "html")


def diff_branch(*args: str) -> Any:
    return runner.invoke(app, ["diff-branch", "main", "drafts", "-q", *args])


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_added_off_comment_is_counted_in_every_format(fmt: str, newsroom: Newsroom, cli_fake_models) -> None:  # type: ignore[no-untyped-def]
    repo = newsroom()
    (repo / "drafts" / "story.md").write_text("<!-- factcheck off -->\n" + CHANGED)
    result = diff_branch("-f", fmt)
    assert result.exit_code == 0, result.output   # a warning: the build passes, the reviewer sees it
    out = result.stdout
    assert "FC401" in out, out
    if fmt == "markdown":
        assert "No findings." not in out and "1 warning," in out
    if fmt in ("text", "concise", "github"):
        assert "1 warning," in out
    if fmt == "json":
        [report] = json.loads(out)["reports"]
        assert [f["rule"] for f in report["findings"]] == ["FC401"]
        assert report["summary"]["suppressed"]["inline"] == 1 and report["summary"]["warning"] == 1
    if fmt == "sarif":
        results = json.loads(out)["runs"][0]["results"]
        shown = [r for r in results if not r.get("suppressions")]
        assert [r["ruleId"] for r in shown] == ["FC401"] and shown[0]["level"] == "warning"
        assert [r["ruleId"] for r in results if r.get("suppressions")] == ["FC220"]
    if fmt == "junit":
        assert 'name="FC401 suppression-added' in out
    result = diff_branch("-f", fmt, "--new-suppressions", "refuse")
    assert result.exit_code == 1 and "FC401" in result.stdout, result.output


def test_markdown_never_says_no_findings_when_comments_hid_some(newsroom: Newsroom, cli_fake_models) -> None:  # type: ignore[no-untyped-def]
    # the comment was there before the change: not added, but what it hides is still said
    def commented(text: str) -> str:
        return text.replace("on Tuesday.", "on Tuesday. <!-- factcheck: ignore FC220 -->")

    repo = newsroom({"drafts/story.md": commented(STORY)})
    (repo / "drafts" / "story.md").write_text(commented(CHANGED))
    out = diff_branch("-f", "markdown").stdout
    assert "No findings." not in out and "1 hidden by comments" in out, out


def _findings_step() -> dict[str, Any]:
    steps = yaml.safe_load((REPO / "action.yml").read_text())["runs"]["steps"]
    return next(s for s in steps if s.get("name", "").startswith("Findings"))


def test_the_action_s_log_and_summary_show_the_added_comment(newsroom: Newsroom, cli_fake_models,  # type: ignore[no-untyped-def]
                                                              tmp_path: Path) -> None:
    repo = newsroom()
    (repo / "drafts" / "story.md").write_text("<!-- factcheck off -->\n" + CHANGED)
    sarif = tmp_path / "factcheck.sarif"
    assert diff_branch("-f", "sarif", "-o", str(sarif)).exit_code == 0
    script = tmp_path / "step.py"
    script.write_text(_findings_step()["run"])
    summary = tmp_path / "summary.md"
    for fmt in ("github", "text"):
        done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=60,
                              env={"FC_SARIF": str(sarif), "FC_FORMAT": fmt, "GITHUB_STEP_SUMMARY": str(summary),
                                   "PATH": "/usr/bin:/bin"})
        assert done.returncode == 0, done.stderr
        assert "FC401" in done.stdout and "1 warning," in done.stdout.splitlines()[-1], done.stdout
    assert "1 warning," in summary.read_text()
