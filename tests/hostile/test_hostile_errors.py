"""Issue 18, coded errors: inputs that used to print "internal error ... please report" now give a
coded one-line error (or, for the cache, a rebuild), and small usage mistakes are refused."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import numpy as np
import pytest

from factcheck import check_versions
from factcheck.models import loaded
from factcheck.models.cache import ResultCache
from factcheck.models.cached import model_key
from factcheck.models.config import load_models_config
from tests.conftest import FixedNLI, HashingEmbedder
from tests.hostile.run import run_cli

A = "The council approved the harbour plan on Tuesday. It will cost 40 million dollars.\n"
B = "The council approved the harbour plan on Monday. It will cost 40 million dollars.\n"


def two(folder: Path) -> list[str]:
    (folder / "a.txt").write_text(A)
    (folder / "b.txt").write_text(B)
    return ["a.txt", "b.txt"]


@pytest.mark.parametrize(("name", "content", "code", "needle"), [
    ("c.json", lambda: "[" * 100_000 + "]" * 100_000, "FCE108", "c.json: is JSON nested too deeply"),
    ("c.json", lambda: '{"body": "x", "id": ' + "9" * 5000 + "}", "FCE108", "c.json: is JSON that cannot be read"),
    ("factcheck.toml", lambda: "select = " + "[" * 100_000 + "]" * 100_000, "FCE205", "nests too deeply"),
    ("models.yaml", lambda: "embedder: {name: e, source: 'path:x', max_length: " + "9" * 5000 + "}\n",
     "FCE202", "holds a value that cannot be read"),
    ("models.yaml", lambda: "embedder: {name: e, source: 'path:x', batch_size: true}\n"
     "nli: {name: n, source: 'path:x'}\n", "FCE202", "batch_size must be a whole number from 1 to 65,536"),
    ("models.yaml", lambda: "embedder: {name: e, source: 'path:x', max_length: 100000000}\n"
     "nli: {name: n, source: 'path:x'}\n", "FCE202", "max_length must be a whole number"),
    ("models.yaml", lambda: "a: " + "[" * 50_000 + "]" * 50_000 + "\n", "FCE202", "models.yaml"),
], ids=["deep-json", "huge-int-json", "deep-toml", "huge-int-yaml", "bool-batch", "huge-max-length", "deep-yaml"])
def test_malformed_files_are_coded_errors(tmp_path: Path, name: str, content, code: str,  # type: ignore[no-untyped-def]
                                          needle: str) -> None:
    args = two(tmp_path)
    (tmp_path / name).write_text(content())
    if name == "c.json":
        args.append("c.json")
    if name == "models.yaml":
        args += ["--models", "models.yaml"]
    run = run_cli(["check", "-q", "--no-cache", *args], tmp_path)
    run.one_line_error(code, needle)
    run.bounded()


def test_a_cache_with_vectors_of_the_wrong_length_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    models = loaded.Models(HashingEmbedder(), FixedNLI(), [])
    monkeypatch.setattr(loaded, "load_models", lambda config, progress=None: models)
    config = load_models_config(None)
    first = check_versions({"a": A, "b": B}, models=config, cache=ResultCache(tmp_path))
    cache = ResultCache(tmp_path)
    key = model_key(config.embedder)
    assert key is not None and cache.db is not None
    rows = cache.db.execute("SELECT key FROM embeddings WHERE model = ?", [key]).fetchall()
    cache.db.execute("UPDATE embeddings SET vec = ? WHERE key = ?", [np.ones(5, np.float32).tobytes(), rows[0][0]])
    cache.db.execute("UPDATE embeddings SET vec = ? WHERE key = ?", [b"\x01\x02\x03", rows[1][0]])
    again = check_versions({"a": A, "b": B}, models=config, cache=cache)
    assert [f.to_dict() for f in again.findings] == [f.to_dict() for f in first.findings]
    assert "wrong length" in again.stats["cache"]["problem"]
    third = check_versions({"a": A, "b": B}, models=config, cache=ResultCache(tmp_path))
    assert third.stats["cache"]["embeddings"]["computed"] == 0 and "problem" not in third.stats["cache"]


def test_the_cache_stats_agree_with_the_problem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    models = loaded.Models(HashingEmbedder(), FixedNLI(), [])
    monkeypatch.setattr(loaded, "load_models", lambda config, progress=None: models)
    (tmp_path / "file").write_text("x")
    report = check_versions({"a": A, "b": B}, models=load_models_config(None), cache=ResultCache(tmp_path / "file"))
    stats = report.stats["cache"]
    assert stats["used"] is False and "running without it" in stats["problem"]
    assert stats["embeddings"]["from_cache"] == 0 and stats["inference"] is True


def test_an_unreadable_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from factcheck.errors import InputError
    from factcheck.inputs.versions import load_versions

    two(tmp_path)

    def denied(self: Path):  # type: ignore[no-untyped-def]
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "iterdir", denied)
    with pytest.raises(InputError, match="cannot be read \\(permission denied\\)") as err:
        load_versions([tmp_path])
    assert err.value.code == "FCE106"


@pytest.mark.skipif(os.geteuid() == 0, reason="root lists any folder (the test above covers it in-process)")
def test_an_unreadable_folder_from_the_command_line(tmp_path: Path) -> None:  # pragma: no cover - not as root
    folder = tmp_path / "locked"
    folder.mkdir()
    two(folder)
    folder.chmod(0)
    try:
        run = run_cli(["check", "-q", "--no-cache", "locked"], tmp_path)
        run.one_line_error("FCE106", "locked: cannot be read (permission denied)")
    finally:
        folder.chmod(0o755)


def test_diff_branch_with_a_path_outside_the_repository(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    two(repo)
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_AUTHOR_NAME": "E", "GIT_AUTHOR_EMAIL": "e@x",
           "GIT_COMMITTER_NAME": "E", "GIT_COMMITTER_EMAIL": "e@x"}
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "one"]):
        subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, env=env)
    run = run_cli(["diff-branch", "main", ".", str(tmp_path), "-q"], repo)
    run.one_line_error("FCE112", "is outside the repository")
    run.bounded()


def test_a_five_thousand_character_file_name(tmp_path: Path) -> None:
    run = run_cli(["check", "-q", "--no-cache", "x" * 5000 + ".txt", "b.txt"], tmp_path)
    run.one_line_error("FCE106", "File name too long")
    assert len(run.stderr) < 400
    run.bounded()


def test_stdout_full_or_closed(tmp_path: Path) -> None:
    args = ["check", "-q", "--no-cache", *two(tmp_path)]
    with open("/dev/full", "wb") as full:
        run_cli(args, tmp_path, stdout=full).one_line_error("FCE120", "No space left on device")
    run_cli(args, tmp_path, shell_suffix=">&-").one_line_error("FCE120", "standard output is closed")


@pytest.mark.parametrize(("args", "needle"), [
    (["check", "--frobnicate", "a.txt"], "No such option: --frobnicate"),
    (["check"], "Missing argument"),
    (["check", "a.txt", "b.txt", "--format", "yaml"], "--format: 'yaml' is not one of text, concise, json"),
    (["check", "a.txt", "b.txt", "--max-bytes", "0"], "--max-bytes: give 1 or more, not 0"),
    (["check", "a.txt", "b.txt", "--max-bytes", "-1"], "--max-bytes: give 1 or more, not -1"),
    (["check", "a.txt", "b.txt", "--max-versions", "1"], "--max-versions: give 2 or more, not 1"),
    (["check", "a.txt", "b.txt", "--select", ""], "--select: names no rule"),
    (["check", "a.txt", "b.txt", "--select", " , "], "--select: names no rule"),
    (["nonsense"], "No such command"),
])
def test_usage_errors_are_one_line(tmp_path: Path, args: list[str], needle: str) -> None:
    two(tmp_path)
    run = run_cli(args, tmp_path)
    assert run.code == 2 and len(run.stderr.strip().splitlines()) == 1, run.stderr
    assert needle in run.stderr and run.stderr.startswith("factcheck: error: ") and "--help" in run.stderr


def test_an_empty_select_in_settings_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "factcheck.toml").write_text("select = []\n")
    run = run_cli(["check", "-q", "--no-cache", *two(tmp_path)], tmp_path)
    run.one_line_error("FCE204", "select = [] names no rule")


@pytest.mark.parametrize("args", [["a.txt", "a.txt"], [".", "a.txt"], ["a.txt", "./a.txt", "b.txt"]])
def test_a_file_given_twice_is_refused(tmp_path: Path, args: list[str]) -> None:
    two(tmp_path)
    run = run_cli(["check", "-q", "--no-cache", *args], tmp_path)
    run.one_line_error("FCE114", "a.txt are the same file")
    run.bounded()


def test_a_link_to_a_version_in_the_same_folder_is_the_same_file(tmp_path: Path) -> None:
    two(tmp_path)
    (tmp_path / "latest.txt").symlink_to("b.txt")
    run_cli(["check", "-q", "--no-cache", "."], tmp_path).one_line_error("FCE114", "b.txt and latest.txt")


def test_the_bare_command_shows_its_help(tmp_path: Path) -> None:
    run = run_cli([], tmp_path)
    assert run.code == 2 and "Usage: factcheck" in run.stdout + run.stderr
    assert json.dumps(run.stderr).count("internal error") == 0
