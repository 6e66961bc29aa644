"""Issue 29, items 1 and 7: an output never writes through a link, and never leaves a half-written file.

Every output (``-o``, ``--write-baseline``, the batch's ``--findings`` and summary) is written to a new file
in the target's folder and renamed over the target, so a link committed in the target's place is replaced
(its target is never opened) and a full disk leaves the previous file as it was. The batch's OUT, appended
to and resumed, is refused when it is a link.
"""

from __future__ import annotations

import errno
import json
import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from factcheck.batch import run_batch
from factcheck.batch.output import summary_path
from factcheck.cli import app
from factcheck.errors import InputError
from tests.batch.batch_models import archive_rows, write_jsonl
from tests.batch.test_batch import options
from tests.conftest import REPO
from tests.hostile.run import _CHILD
from tests.hostile.test_hostile_security import drafts

runner = CliRunner()
VICTIM = b"#!/bin/sh\necho 'the CI user's own script'\n"


def victim(tmp_path: Path) -> Path:
    """A file outside the checkout that the CI user can write: a link in the pull request points at it."""
    path = tmp_path / "home" / "script.sh"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(VICTIM)
    return path


def leftovers(folder: Path) -> list[str]:
    """Temporary files an output left behind."""
    return sorted(p.name for p in folder.iterdir() if ".tmp" in p.name)


# 1. a link at an output's path is replaced, never written through

@pytest.mark.parametrize("flag", ["-o", "--write-baseline"])
@pytest.mark.parametrize("dangling", [False, True])
def test_a_link_in_place_of_an_output_is_replaced_not_written_through(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                      cli_fake_models: Any, flag: str,
                                                                      dangling: bool) -> None:
    monkeypatch.chdir(tmp_path)
    drafts(tmp_path / "drafts")
    target = victim(tmp_path)
    if dangling:
        target = tmp_path / "home" / "created-by-factcheck"
    Path("factcheck.sarif").symlink_to(target)
    result = runner.invoke(app, ["check", "-q", "drafts", "-f", "sarif", flag, "factcheck.sarif"])
    assert result.exit_code in (0, 1), result.output
    out = Path("factcheck.sarif")
    assert not out.is_symlink() and out.is_file()
    assert json.loads(out.read_text())   # the report (or the baseline) itself, in place of the link
    if dangling:
        assert not target.exists()
    else:
        assert target.read_bytes() == VICTIM
    assert leftovers(tmp_path) == []


def test_a_hard_link_at_an_output_keeps_its_other_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                       cli_fake_models: Any) -> None:
    monkeypatch.chdir(tmp_path)
    drafts(tmp_path / "drafts")
    target = victim(tmp_path)
    os.link(target, "report.json")
    result = runner.invoke(app, ["check", "-q", "drafts", "-f", "json", "-o", "report.json"])
    assert result.exit_code in (0, 1), result.output
    assert target.read_bytes() == VICTIM and json.loads(Path("report.json").read_text())["findings"] is not None
    assert os.stat("report.json").st_nlink == 1


@pytest.mark.parametrize(("flag", "label"), [("-o", "--output"), ("--write-baseline", "--write-baseline")])
def test_a_folder_at_an_output_path_is_refused_before_the_work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                               cli_fake_models: Any, flag: str, label: str) -> None:
    monkeypatch.chdir(tmp_path)
    drafts(tmp_path / "drafts")
    Path("out").mkdir()
    (Path("out") / "kept.txt").write_text("kept")
    monkeypatch.setattr(cli_fake_models.embedder, "encode", lambda texts: pytest.fail("checked before refusing"))
    result = runner.invoke(app, ["check", "-q", "drafts", flag, "out"])
    assert result.exit_code == 2 and result.output.count("\n") == 1, result.output
    assert result.output.startswith(f"factcheck: error: FCE121: {label} out: is a folder"), result.output
    assert (Path("out") / "kept.txt").read_text() == "kept"


def _archive(tmp_path: Path) -> Path:
    return write_jsonl(tmp_path / "in.jsonl", archive_rows()[:6])


def test_the_batch_summary_and_findings_table_replace_a_link(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("pyarrow")
    monkeypatch.chdir(tmp_path)
    table = _archive(tmp_path)
    script, table_victim = victim(tmp_path), tmp_path / "home" / "dangling.parquet"
    summary_path(Path("out.jsonl")).symlink_to(script)
    Path("f.parquet").symlink_to(table_victim)
    run_batch(table, "out.jsonl", options(findings=Path("f.parquet")))
    assert script.read_bytes() == VICTIM and not table_victim.exists()
    summary = summary_path(Path("out.jsonl"))
    assert not summary.is_symlink() and json.loads(summary.read_text())["stories"]["recorded"] == 4
    assert not Path("f.parquet").is_symlink() and Path("f.parquet").stat().st_size > 0
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("dangling", [False, True])
def test_the_batch_out_is_never_opened_through_a_link(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                      dangling: bool) -> None:
    monkeypatch.chdir(tmp_path)
    table = _archive(tmp_path)
    target = tmp_path / "home" / "never.jsonl" if dangling else victim(tmp_path)
    target.parent.mkdir(exist_ok=True)
    Path("out.jsonl").symlink_to(target)
    with pytest.raises(InputError) as caught:
        run_batch(table, "out.jsonl", options())
    assert caught.value.code == "FCE134" and "out.jsonl: is a link" in caught.value.one_line()
    assert (not target.exists()) if dangling else target.read_bytes() == VICTIM
    assert sorted(p.name for p in target.parent.iterdir()) == ([] if dangling else ["script.sh"])  # no lock there


def test_a_link_in_place_of_the_batch_lock_is_not_truncated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    table = _archive(tmp_path)
    script = victim(tmp_path)
    Path(".out.jsonl.lock").symlink_to(script)
    with pytest.raises(InputError) as caught:
        run_batch(table, "out.jsonl", options())
    assert caught.value.code == "FCE134" and ".out.jsonl.lock: is a link" in caught.value.one_line()
    assert script.read_bytes() == VICTIM and not Path("out.jsonl").exists()


def test_an_out_with_other_names_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    table = _archive(tmp_path)
    script = victim(tmp_path)
    os.link(script, "out.jsonl")
    with pytest.raises(InputError) as caught:
        run_batch(table, "out.jsonl", options())
    assert caught.value.code == "FCE134" and "has other names (hard links)" in caught.value.one_line()
    assert script.read_bytes() == VICTIM


# the helper every output uses

def write_atomically(path: Path, data: bytes) -> None:
    from factcheck.inputs.overwrite import write_atomically as helper

    helper(path, data)

def test_the_helper_writes_a_new_file_with_the_umask_and_keeps_an_existing_files_mode(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        write_atomically(tmp_path / "new.txt", b"one")
        assert stat.S_IMODE(os.stat(tmp_path / "new.txt").st_mode) == 0o640
        private = tmp_path / "private.txt"
        private.write_bytes(b"old")
        os.chmod(private, 0o600)
        write_atomically(private, b"new")
        assert private.read_bytes() == b"new" and stat.S_IMODE(os.stat(private).st_mode) == 0o600
    finally:
        os.umask(old)
    assert leftovers(tmp_path) == []


def test_the_helper_leaves_the_old_file_and_no_temporary_file_when_a_write_fails(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "baseline.json"
    path.write_bytes(b"the previous baseline\n")

    def full(fd: int) -> None:   # where a file system that allocates late reports a full disk
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OSError, match="No space left on device"):
        write_atomically(path, b"x" * 100_000)
    monkeypatch.undo()
    assert path.read_bytes() == b"the previous baseline\n" and leftovers(tmp_path) == []


def test_a_long_output_name_gets_a_temporary_name_that_fits(tmp_path: Path) -> None:
    path = tmp_path / ("r" * 250 + ".json")
    write_atomically(path, b"{}")
    assert path.read_bytes() == b"{}" and leftovers(tmp_path) == []


# 7. a full disk (here a file-size limit) while writing -o or --write-baseline

def _limited(limit: int) -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


@pytest.mark.parametrize(("flag", "code"), [("-o", "FCE120"), ("--write-baseline", "FCE221")])
def test_a_full_disk_leaves_the_previous_output_whole(tmp_path: Path, flag: str, code: str) -> None:
    drafts(tmp_path / "drafts")
    previous = b'{"previous": "report, byte for byte"}\n'
    (tmp_path / "out.json").write_bytes(previous)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-c", _CHILD, "-", "fake", "-", "check", "-q", "--no-cache", "drafts",
                           "-f", "json", flag, "out.json"], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=120, preexec_fn=lambda: _limited(len(previous) + 10))
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 2, done.stderr
    assert len(lines) == 1 and f"{code}: " in lines[0] and "File too large" in lines[0], lines
    assert (tmp_path / "out.json").read_bytes() == previous
    assert leftovers(tmp_path) == []


# what is left: streams, interrupts, loops and modes

def test_streams_are_written_into_not_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    write_atomically(fifo, b"through the pipe")
    assert reader.communicate(timeout=30)[0] == b"through the pipe" and stat.S_ISFIFO(os.lstat(fifo).st_mode)
    null = os.stat("/dev/null")
    write_atomically("/dev/null", b"gone")
    assert os.stat("/dev/null").st_ino == null.st_ino and stat.S_ISCHR(os.lstat("/dev/null").st_mode)
    assert not [p for p in os.listdir("/dev") if p.startswith(".null.")]
    done = subprocess.run([sys.executable, "-c", "from factcheck.inputs.overwrite import write_atomically; "
                           "write_atomically('/dev/stdout', b'to stdout')"], cwd=REPO, capture_output=True,
                          timeout=60)
    assert done.stdout == b"to stdout" and os.path.islink("/dev/stdout")


def test_an_interrupt_while_writing_leaves_the_old_file(tmp_path: Path) -> None:
    from factcheck.inputs.overwrite import atomic_output

    path = tmp_path / "report.sarif"
    path.write_bytes(b"old")
    with pytest.raises(KeyboardInterrupt), atomic_output(path) as fh:
        fh.write(b"half a rep")
        raise KeyboardInterrupt
    assert path.read_bytes() == b"old" and leftovers(tmp_path) == []


def test_a_link_loop_at_an_output_is_replaced(tmp_path: Path) -> None:
    loop = tmp_path / "loop.json"
    loop.symlink_to(loop)
    write_atomically(loop, b"{}")
    assert not loop.is_symlink() and loop.read_bytes() == b"{}"


def test_an_unwritable_folder_is_a_coded_error_and_nothing_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                   cli_fake_models: Any) -> None:
    monkeypatch.chdir(tmp_path)
    drafts(tmp_path / "drafts")
    Path("out.json").write_bytes(b"old report")
    real_open = os.open

    def read_only(path: Any, flags: int, *args: Any, **kw: Any) -> int:
        if flags & os.O_CREAT and ".tmp" in str(path):   # the folder refuses new files (root ignores chmod)
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_open(path, flags, *args, **kw)

    monkeypatch.setattr(os, "open", read_only)
    result = runner.invoke(app, ["check", "-q", "drafts", "-f", "json", "-o", "out.json"])
    assert result.exit_code == 2 and result.output.count("\n") == 1, result.output
    assert "FCE120: cannot write out.json: Permission denied" in result.output
    assert Path("out.json").read_bytes() == b"old report"


def test_a_folder_at_a_batch_output_path_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    table = _archive(tmp_path)
    for out, folder, findings in (("out", "out", None), ("o.jsonl", "f.parquet", Path("f.parquet")),
                                  ("s.jsonl", "s.summary.json", None)):
        Path(folder).mkdir()
        with pytest.raises(InputError) as caught:
            run_batch(table, out, options(findings=findings))
        assert caught.value.code == "FCE134" and f"{folder}: is a folder" in caught.value.one_line()
        assert not Path(out).is_file()
