"""A newsroom's repository made for a test: drafts committed on main, then a pull request's edits in the
working tree (what ``diff-branch main`` reviews)."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

STORY = ("Harbour vote\n\nThe council voted 7-4 to approve the harbour plan on Tuesday.\n\n"
         "The project will cost 40 million dollars, the mayor said.\n\nWork starts in May.\n")
CHANGED = STORY.replace("7-4", "8-3")   # an error (FC220) in the draft under review


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True).stdout


Newsroom = Callable[..., Path]


@pytest.fixture
def newsroom(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Newsroom:
    """``newsroom({path: text, ...})``: a repository whose main holds these files (drafts/story.md is
    STORY unless given), the current folder; write the pull request's edits into it afterwards."""
    for key, value in {"GIT_AUTHOR_NAME": "Ed", "GIT_AUTHOR_EMAIL": "ed@example.org", "GIT_COMMITTER_NAME": "Ed",
                       "GIT_COMMITTER_EMAIL": "ed@example.org", "GIT_CONFIG_GLOBAL": "/dev/null"}.items():
        monkeypatch.setenv(key, value)

    def make(files: dict[str, str] | None = None) -> Path:
        repo = tmp_path / "newsroom"
        (repo / "drafts").mkdir(parents=True)
        git(repo, "init", "-q", "-b", "main")
        for rel, text in {"drafts/story.md": STORY, **(files or {})}.items():
            (repo / rel).parent.mkdir(parents=True, exist_ok=True)
            (repo / rel).write_text(text)
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", "published")
        monkeypatch.chdir(repo)
        return repo

    return make
