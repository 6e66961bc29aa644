"""Versions from git history: --git, --git-range and diff-branch, against a real repository made here."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.errors import InputError
from factcheck.inputs.git import changed_files, versions_at, versions_in_range

runner = CliRunner()
V1 = ("Harbour plan approved\n\nThe city council approved the harbour plan on Tuesday.\n\n"
      "The project will cost 40 million dollars, the mayor said.\n")
V2 = V1.replace("on Tuesday", "on Tuesday evening")          # a detail, no contradiction
V3 = V2.replace("40 million dollars", "400 million dollars")  # the contradiction


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for key, value in {"GIT_AUTHOR_NAME": "Ed", "GIT_AUTHOR_EMAIL": "ed@example.org", "GIT_COMMITTER_NAME": "Ed",
                       "GIT_COMMITTER_EMAIL": "ed@example.org", "GIT_CONFIG_GLOBAL": "/dev/null"}.items():
        monkeypatch.setenv(key, value)
    r = tmp_path / "newsroom"
    (r / "drafts").mkdir(parents=True)
    git(r, "init", "-q", "-b", "main")
    for n, text in enumerate((V1, V2, V3), 1):
        (r / "drafts" / "story.md").write_text(text)
        (r / "drafts" / "other.md").write_text(f"Other story, edit {min(n, 2)}.\n")
        git(r, "add", "-A")
        git(r, "commit", "-q", "-m", f"edit {n}")
    monkeypatch.chdir(r)
    return r


def test_versions_at_revisions_and_working_tree(repo: Path) -> None:
    vs = versions_at("drafts/story.md", ["HEAD~2", "HEAD~1", "HEAD"])
    assert [v.id for v in vs] == ["HEAD~2:story.md", "HEAD~1:story.md", "HEAD:story.md"]
    assert [v.text for v in vs] == [V1, V2, V3] and all(v.path == "drafts/story.md" and v.revision for v in vs)
    (repo / "drafts" / "story.md").write_text(V1)
    now = versions_at("drafts/story.md", ["HEAD", None])
    assert now[1].id == "story.md" and now[1].revision is None and now[1].text == V1


def test_range_takes_each_commit_that_changed_the_file(repo: Path) -> None:
    vs = versions_in_range("drafts/story.md", "HEAD~2..HEAD")
    assert [v.text for v in vs] == [V1, V2, V3] and vs[0].id == "HEAD~2:story.md"


def test_git_finds_the_contradiction_of_the_last_commit(repo: Path, cli_fake_models) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(app, ["check", "-q", "--git", "HEAD~2", "HEAD~1", "drafts/story.md"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["check", "-q", "--git", "HEAD~2", "HEAD~1", "HEAD", "drafts/story.md",
                                 "-f", "github"])
    assert result.exit_code == 1, result.output
    first = result.stdout.splitlines()[0]
    assert first.startswith("::error file=drafts/story.md,line=5") and "FC220" in first and "400" in first
    assert runner.invoke(app, ["check", "-q", "--git-range", "HEAD~2..HEAD", "drafts/story.md"]).exit_code == 1
    assert runner.invoke(app, ["check", "-q", "--git", "HEAD~1", "drafts/story.md"]).exit_code == 1
    assert git(repo, "status", "--porcelain") == ""


def test_diff_branch_checks_changed_drafts_only_and_touches_nothing(repo: Path, cli_fake_models) -> None:  # type: ignore[no-untyped-def]
    git(repo, "branch", "published", "HEAD~1")
    assert changed_files("published", ["drafts"]) == [repo / "drafts" / "story.md"]
    head = git(repo, "rev-parse", "HEAD")
    result = runner.invoke(app, ["diff-branch", "published", "drafts", "-q", "-f", "json"])
    assert result.exit_code == 1, result.output
    assert '"published:story.md"' in result.stdout and "other.md" not in result.stdout
    assert git(repo, "rev-parse", "HEAD") == head and git(repo, "status", "--porcelain") == ""
    result = runner.invoke(app, ["diff-branch", "HEAD", "drafts", "-q"])
    assert result.exit_code == 0 and "no changed drafts" in result.stderr


@pytest.mark.parametrize(
    ("args", "code", "needle"),
    [
        (["check", "--git", "nosuchrev", "drafts/story.md"], "FCE111", "'nosuchrev' is no commit"),
        (["check", "--git", "drafts/story.md"], "FCE115", "needs revisions and then a file"),
        (["check", "--git", "HEAD", "HEAD", "drafts/story.md"], "FCE114", "same revision"),
        (["check", "--git-range", "HEAD", "drafts/story.md"], "FCE111", "not a range"),
        (["diff-branch", "nosuchbranch", "drafts"], "FCE111", "'nosuchbranch' is no commit"),
    ],
)
def test_git_errors_are_one_line(repo: Path, args: list[str], code: str, needle: str) -> None:
    result = runner.invoke(app, [*args, "-q"])
    assert result.exit_code == 2 and code in result.stderr and needle in result.stderr, result.output
    assert len(result.stderr.strip().splitlines()) == 1


def test_file_missing_at_a_revision_and_outside_a_repository(repo: Path, tmp_path: Path) -> None:
    (repo / "drafts" / "new.md").write_text("A new story.\n")
    with pytest.raises(InputError, match="does not exist at HEAD"):
        versions_at("drafts/new.md", ["HEAD", None])
    outside = tmp_path / "loose.md"
    outside.write_text("x")
    with pytest.raises(InputError, match="not inside a git repository"):
        versions_at(outside, ["HEAD", None])


@pytest.mark.model
def test_git_with_the_real_models(repo: Path) -> None:
    result = runner.invoke(app, ["check", "-q", "--git", "HEAD~2", "HEAD~1", "HEAD", "drafts/story.md", "-f", "json"])
    assert result.exit_code == 1, result.output
    assert '"rule": "FC220"' in result.stdout and "400 million" in result.stdout


def test_versions_from_git_are_read_by_file_type(repo: Path) -> None:
    page = "<html><body><nav>Menu</nav><article><p>{}</p></article></body></html>"
    (repo / "drafts" / "page.html").write_text(page.format("The council met on Monday."))
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "page")
    (repo / "drafts" / "page.html").write_text(page.format("The council met on Tuesday."))
    old, new = versions_at("drafts/page.html", ["HEAD", None])
    assert old.text == "The council met on Monday." and new.text == "The council met on Tuesday."


# --- versions from git in time order ------------------------------------------------------------------

FIRE = ("Harbour fire\n\nFirefighters were called to the harbour warehouse at 6 a.m. on Tuesday.\n\n"
        "The mayor said {n} people were hurt in the fire.\n\nA spokesman{who} said the cause was not known.\n")


def commit_at(repo: Path, monkeypatch: pytest.MonkeyPatch, when: int, text: str, message: str) -> None:
    monkeypatch.setenv("GIT_COMMITTER_DATE", f"{when} +0000")
    monkeypatch.setenv("GIT_AUTHOR_DATE", f"{when} +0000")
    (repo / "drafts" / "fire.md").write_text(text)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


def test_git_versions_come_oldest_first_by_commit_time_the_working_tree_last(
        repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    commit_at(repo, monkeypatch, 1_700_000_000, FIRE.format(n="three", who=""), "first")
    git(repo, "branch", "side")
    commit_at(repo, monkeypatch, 1_700_000_300, FIRE.format(n="five", who=""), "third, on main")
    git(repo, "checkout", "-q", "side")
    commit_at(repo, monkeypatch, 1_700_000_200, FIRE.format(n="four", who=""), "second, on a side branch")
    git(repo, "checkout", "-q", "main")
    (repo / "drafts" / "fire.md").write_text(FIRE.format(n="six", who=""))
    vs = versions_at("drafts/fire.md", ["main", None, "side", "main~1"])   # named in no order at all
    assert [v.id for v in vs] == ["main~1:fire.md", "side:fire.md", "main:fire.md", "fire.md"]
    assert [v.order for v in vs] == [0, 1, 2, 3] and vs[-1].revision is None
    assert sorted(vs, key=lambda v: v.sort_key) == vs   # where sorting by name would put main: first
    ranged = versions_in_range("drafts/fire.md", "main~1..main")
    assert [v.order for v in ranged] == [0, 1] and "three" in ranged[0].text and "five" in ranged[1].text


def test_commits_of_one_second_are_ordered_by_ancestry(repo: Path) -> None:
    # the fixture's three commits are made within a second or two: ancestry tells them apart
    vs = versions_at("drafts/story.md", ["HEAD", "HEAD~2", "HEAD~1"])
    assert [v.text for v in vs] == [V1, V2, V3] and [v.order for v in vs] == [0, 1, 2]


def test_folder_versions_keep_their_name_order(tmp_path: Path) -> None:
    from factcheck.inputs.versions import load_versions

    for name in ("b.txt", "a.txt", "c.txt"):
        (tmp_path / name).write_text(f"Version {name}: the council met on Tuesday.\n")
    vs = load_versions([str(tmp_path)])
    assert [v.id for v in vs] == ["a.txt", "b.txt", "c.txt"] and [v.order for v in vs] == [0, 1, 2]
    assert sorted(reversed(vs), key=lambda v: v.sort_key) == vs


def test_messages_from_git_read_old_to_new(repo: Path, monkeypatch: pytest.MonkeyPatch,
                                           cli_fake_models) -> None:  # type: ignore[no-untyped-def]
    import json

    for n, (count, who) in enumerate((("three", ""), ("four", ""), ("five", ", Adrian Edwards,")), 1):
        commit_at(repo, monkeypatch, 1_700_000_000 + 60 * n, FIRE.format(n=count, who=who), f"edit {n}")
    result = runner.invoke(app, ["check", "-q", "--git", "HEAD", "HEAD~1", "HEAD~2", "drafts/fire.md", "-f", "json"])
    assert result.exit_code == 1, result.output
    findings = json.loads(result.stdout)["findings"]
    numbers = [f["message"] for f in findings if f["rule"] == "FC220"]
    assert numbers and all(m.index('"three') < m.index('"four') if '"three' in m else
                           m.index('"four') < m.index('"five') for m in numbers), numbers
    assert '"three people" in HEAD~2:fire.md but "four people" in HEAD~1:fire.md' in " ".join(numbers)
    named = [f for f in findings if f["rule"] == "FC212"]   # HEAD adds the spokesman's name: not an omission
    assert named and all(f["severity"] == "warning" and "HEAD:fire.md gives" in f["message"] for f in named), named
