"""Issue 18, security: no code run from configuration, no file leaked through a link, no escape
sequence printed, no endless file read, no FIFO opened. Each test builds its hostile input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from factcheck.models.config import ModelSpec, package_folder
from tests.hostile.run import run_cli

A = "The council approved the harbour plan on Tuesday. It will cost 40 million dollars.\n"
B = "The council approved the harbour plan on Monday. It will cost 40 million dollars.\n"
SECRET = "TOKEN-0123456789-SECRET"
FORMATS = ("text", "json", "sarif", "junit", "github", "markdown", "html")


def drafts(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "a.txt").write_text(A)
    (folder / "b.txt").write_text(B)
    return folder


def git(repo: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Ed", "GIT_AUTHOR_EMAIL": "ed@example.org", "GIT_COMMITTER_NAME": "Ed",
           "GIT_COMMITTER_EMAIL": "ed@example.org", "GIT_CONFIG_GLOBAL": os.devnull}
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, env=env)


# 1. a models file names packages; none is ever imported

def evil_package(root: Path, name: str = "evilpkg") -> Path:
    """A package that leaves a marker file when imported, with a folder that looks like a model."""
    pkg = root / name
    (pkg / "model").mkdir(parents=True)
    (pkg / "__init__.py").write_text(f"open({str(root / 'IMPORTED')!r}, 'w').write('ran')\nprint('EVIL CODE RAN')\n")
    (pkg / "sub").mkdir()
    (pkg / "sub" / "__init__.py").write_text(f"open({str(root / 'IMPORTED')!r}, 'w').write('ran')\n")
    return pkg


@pytest.mark.parametrize(("source", "code", "needle"), [
    ("package:evilpkg/model", "FCE303", "model.safetensors is missing"),
    ("package:evilpkg.sub", "FCE303", "model.safetensors is missing"),
    ("package:this", "FCE301", "is a module, not a package folder"),
])
def test_a_committed_config_cannot_run_code(tmp_path: Path, source: str, code: str, needle: str) -> None:
    evil_package(tmp_path)
    drafts(tmp_path / "drafts")
    sha = "0" * 64
    (tmp_path / "models.yaml").write_text(
        f"embedder: {{name: e, source: '{source}', sha256: '{sha}'}}\n"
        f"nli: {{name: n, source: '{source}', sha256: '{sha}'}}\n")
    (tmp_path / "factcheck.toml").write_text('models = "models.yaml"\n')
    # the repository is the working folder, so its packages are importable, as with python -m factcheck
    run = run_cli(["check", "-q", "--no-cache", "drafts"], tmp_path, fake_models=False)
    run.one_line_error(code, needle)
    run.bounded()
    assert not (tmp_path / "IMPORTED").exists()
    assert "EVIL CODE RAN" not in run.stdout + run.stderr and "Beautiful is better" not in run.stdout + run.stderr


def test_a_dotted_package_is_found_without_importing_its_parent(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    evil_package(tmp_path)
    monkeypatch.syspath_prepend(str(tmp_path))
    spec = ModelSpec("nli", "n", "package:evilpkg.sub")
    assert package_folder("evilpkg.sub", spec) == tmp_path / "evilpkg" / "sub"
    assert "evilpkg" not in sys.modules and not (tmp_path / "IMPORTED").exists()


# 2. links out of the folder are skipped, with a note, in every format

def leaky(tmp_path: Path) -> Path:
    (tmp_path / "secret.txt").write_text(f"The {SECRET} is here. Nobody should see it.\n")
    folder = drafts(tmp_path / "drafts")
    (folder / "leak.md").symlink_to("../secret.txt")
    (folder / "passwd.txt").symlink_to("/etc/passwd")
    return folder


@pytest.mark.parametrize("fmt", FORMATS)
def test_links_out_of_the_folder_are_skipped_in_every_format(tmp_path: Path, fmt: str) -> None:
    leaky(tmp_path)
    run = run_cli(["check", "-q", "--no-cache", "drafts", "--format", fmt, "--fail-on", "never"], tmp_path)
    assert run.code == 0, run.stderr
    run.bounded()
    assert SECRET not in run.stdout and "root:" not in run.stdout
    if fmt in ("text", "json"):
        assert "skipped drafts/leak.md: a link to a file outside its folder" in run.stdout
        assert "skipped drafts/passwd.txt" in run.stdout and "etc/passwd" not in run.stdout


def test_named_links_are_skipped_and_follow_links_reads_them(tmp_path: Path) -> None:
    leaky(tmp_path)
    named = ["drafts/a.txt", "drafts/b.txt", "drafts/leak.md"]
    run = run_cli(["check", "-q", "--no-cache", "-f", "json", *named], tmp_path)
    run.bounded()
    data = json.loads(run.stdout)
    assert [v["id"] for v in data["versions"]] == ["a.txt", "b.txt"] and SECRET not in run.stdout
    assert any("leak.md" in n for n in data["notes"])
    run = run_cli(["check", "-q", "--no-cache", "-f", "json", "--follow-links", "--allow-unrelated", "drafts"],
                  tmp_path)
    assert SECRET in run.stdout and run.code in (0, 1)


def test_a_settings_file_cannot_turn_on_following_links(tmp_path: Path) -> None:
    leaky(tmp_path)
    (tmp_path / "factcheck.toml").write_text("follow-links = true\n")
    run = run_cli(["check", "-q", "--no-cache", "drafts"], tmp_path)
    run.one_line_error("FCE204", "unknown key 'follow-links'")


@pytest.mark.parametrize("target", ["../../outside.md", "../.git/config"])
def test_git_and_diff_branch_refuse_links_out_of_the_repository(tmp_path: Path, target: str) -> None:
    (tmp_path / "outside.md").write_text(f"{SECRET}.\n")
    repo = tmp_path / "repo"
    drafts(repo / "drafts")
    git(repo, "init", "-q", "-b", "main")
    (repo / "drafts" / "story.md").symlink_to("a.txt")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "one")
    (repo / "drafts" / "story.md").unlink()
    (repo / "drafts" / "story.md").symlink_to(target)
    for args in (["check", "--git", "HEAD", "drafts/story.md"], ["diff-branch", "main", "drafts"]):
        run = run_cli([*args, "-q", "--no-cache", "--follow-links"] if args[0] == "check" else [*args, "-q"], repo)
        run.one_line_error("FCE112", "story.md")
        run.bounded()
        assert SECRET not in run.stdout + run.stderr


# 3. escape sequences and bidi controls reach no terminal

ESC_NAME = "e\x1b[31mvil\u202etxt.txt"
ESC_TEXT = "Breaking \x1b[2J\x1b]0;pwned\x07 news: the mayor \u202eresigned\u202c today.\n"


def test_names_and_text_are_printed_safely(tmp_path: Path) -> None:
    folder = drafts(tmp_path / "drafts")
    (folder / ESC_NAME).write_text(ESC_TEXT)
    (folder / "notes\x1b[2J.pdf").write_bytes(b"%PDF")
    run = run_cli(["check", "-q", "--no-cache", "-v", "--allow-unrelated", "drafts", "--fail-on", "never"], tmp_path)
    assert run.code == 0, run.stderr
    run.bounded()
    assert "\x1b" not in run.stdout and "\u202e" not in run.stdout and "\x07" not in run.stdout
    assert "e\\x1b[31mvil\\u202etxt.txt" in run.stdout  # the name, shown visibly
    # a right-to-left override in the text is read as a reader sees it ("resigned" shown backwards) and named
    assert all(part in run.stdout for part in ("\\x1b[2J", "\\x1b]0;", "pwned\\x07", "dengiser", "FC254"))
    assert "skipped drafts/notes\\x1b[2J.pdf" in run.stdout


def test_error_messages_are_printed_safely(tmp_path: Path) -> None:
    run = run_cli(["check", "-q", "--no-cache", f"missing-{ESC_NAME}", "other.txt"], tmp_path)
    run.one_line_error("FCE101", "missing-e\\x1b[31mvil\\u202etxt.txt: no such file")
    assert "\x1b" not in run.stderr and "\u202e" not in run.stderr
    run = run_cli(["diff-branch", "\x1b]0;title\x07", "-q"], tmp_path)
    assert run.code == 2 and "\x1b" not in run.stderr and "\x07" not in run.stderr


# 5. models, settings and baselines: only regular files, with a cap

@pytest.mark.parametrize(("args", "code", "needle"), [
    (["--models", "/dev/zero"], "FCE201", "is a character device, not a regular file"),
    (["--models", "pipe.yaml"], "FCE201", "is a named pipe (FIFO), not a regular file"),
    (["--models", "huge.yaml"], "FCE201", "over the limit of 1,048,576"),
    (["--config", "/dev/zero"], "FCE205", "is a character device"),
    (["--config", "pipe.yaml"], "FCE205", "is a named pipe (FIFO)"),
    (["--baseline", "/dev/zero"], "FCE220", "is a character device"),
    (["--baseline", "huge.yaml"], "FCE220", "not readable JSON"),
])
def test_endless_files_are_refused_unread(tmp_path: Path, args: list[str], code: str, needle: str) -> None:
    drafts(tmp_path / "drafts")
    os.mkfifo(tmp_path / "pipe.yaml")
    (tmp_path / "huge.yaml").write_text("# " + "x" * (1 << 20) + "\n")
    run = run_cli(["check", "-q", "--no-cache", "drafts", *args], tmp_path, timeout=20)
    run.one_line_error(code, needle)
    run.bounded()


def test_a_committed_settings_file_cannot_point_at_an_endless_file(tmp_path: Path) -> None:
    drafts(tmp_path / "drafts")
    (tmp_path / "factcheck.toml").write_text('models = "/dev/zero"\nbaseline = "/dev/zero"\n')
    run = run_cli(["check", "-q", "--no-cache", "drafts"], tmp_path, timeout=20)
    assert run.code == 2 and "is a character device" in run.stderr and len(run.stderr.splitlines()) == 1
    run.bounded()


# 8. FIFOs are never opened

def test_a_fifo_named_on_the_command_line_says_what_it_is(tmp_path: Path) -> None:
    drafts(tmp_path)
    os.mkfifo(tmp_path / "c.txt")
    run = run_cli(["check", "-q", "--no-cache", "a.txt", "c.txt"], tmp_path, timeout=20)
    run.one_line_error("FCE119", "c.txt: is a named pipe (FIFO), not a regular file")
    run.bounded()


def test_a_fifo_in_a_folder_is_skipped_with_a_note(tmp_path: Path) -> None:
    drafts(tmp_path / "drafts")
    os.mkfifo(tmp_path / "drafts" / "c.txt")
    run = run_cli(["check", "-q", "--no-cache", "-f", "json", "drafts"], tmp_path, timeout=20)
    run.bounded()
    assert "skipped drafts/c.txt: a named pipe (FIFO), not a regular file" in json.loads(run.stdout)["notes"]


def test_a_fifo_in_the_working_tree_hangs_neither_git_nor_diff_branch(tmp_path: Path) -> None:
    repo = drafts(tmp_path / "repo")
    git(repo, "init", "-q", "-b", "main")
    (repo / "story.md").write_text(A)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "one")
    (repo / "story.md").unlink()
    os.mkfifo(repo / "story.md")
    for args in (["check", "--git", "HEAD", "story.md"], ["diff-branch", "main"]):
        run = run_cli([*args, "-q"], repo, timeout=20)
        run.one_line_error("FCE119", "story.md: is a named pipe (FIFO)")
        run.bounded()
