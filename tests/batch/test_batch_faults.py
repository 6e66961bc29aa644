"""Issue 29 items 8-10 and issue 31 item 4: a batch that is stopped, fed a big CSV field, resumed over a
damaged OUT, or asked for a Parquet table it cannot write loses nothing and leaves nothing running."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from factcheck.batch import run_batch
from factcheck.batch.output import read_records, summary_path
from factcheck.errors import InputError
from factcheck.settings import Settings
from tests.batch.batch_models import FIRE, archive_rows, write_jsonl
from tests.batch.test_batch import options, records
from tests.conftest import REPO

# ``factcheck ARGS`` in a child process, with the batch's models chosen by $FACTCHECK_TEST_FACTORY (worker
# processes cannot inherit a monkeypatch) and the modules named in $FACTCHECK_TEST_BLOCK made unimportable
_CHILD = """
import dataclasses, os, sys

class Block:
    names = os.environ.get("FACTCHECK_TEST_BLOCK", "").split()
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in self.names:
            raise ImportError(f"No module named {name!r} (blocked by the test)")
        return None

sys.meta_path.insert(0, Block())
import factcheck.batch as batch
if os.environ.get("FACTCHECK_TEST_FACTORY"):
    real = batch.BatchOptions
    batch.BatchOptions = lambda *a, **k: dataclasses.replace(real(*a, **k),
                                                             models_factory=os.environ["FACTCHECK_TEST_FACTORY"])
from factcheck.cli import run
sys.argv = ["factcheck", *sys.argv[1:]]
run()
"""
SLOW = "tests.batch.batch_models:slow_models"
FAKE = "tests.batch.batch_models:fake_models"


def start(args: list[str], tmp_path: Path, **env: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", _CHILD, *args], cwd=REPO, text=True, start_new_session=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, "PYTHONPATH": str(REPO), "FACTCHECK_CACHE_DIR": str(tmp_path / "c"),
                                 **env})


def stories(n: int) -> list[dict[str, Any]]:
    return [{"story_id": f"s{i:02d}", "version": v, "text": FIRE.format(n=i + v)} for i in range(n) for v in (1, 2)]


def alive(pid: int) -> bool:
    """Whether a process runs (a zombie waiting for its parent to reap it does not)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def in_group(pgid: int) -> list[int]:
    """The live processes of a process group (found in /proc: no psutil)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="utf-8") as fh:
                    fields = fh.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[2]) == pgid and fields[0] != "Z":
                found.append(int(entry))
    return found


def wait_for(test: Any, seconds: float, what: str) -> None:
    end = time.monotonic() + seconds
    while not test():
        assert time.monotonic() < end, f"timed out waiting for {what}"
        time.sleep(0.05)


# 8. SIGTERM and SIGHUP stop the workers as Ctrl-C does; the records and the summary are kept

@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
@pytest.mark.parametrize(("signum", "phase"), [(signal.SIGTERM, "checking"), (signal.SIGHUP, "checking"),
                                               (signal.SIGINT, "checking"), (signal.SIGTERM, "loading"),
                                               (signal.SIGTERM, "group")])
def test_a_signal_stops_the_workers_and_keeps_the_records(tmp_path: Path, signum: int, phase: str) -> None:
    table = write_jsonl(tmp_path / "in.jsonl", stories(12))
    out, pids = tmp_path / "out.jsonl", tmp_path / "pids"
    loading = phase == "loading"
    child = start(["batch", str(table), "-o", str(out), "--workers", "2", "--isolated", "-q"], tmp_path,
                  FACTCHECK_TEST_FACTORY=SLOW, FACTCHECK_TEST_PIDS=str(pids), FACTCHECK_TEST_SLOW="0.3",
                  FACTCHECK_TEST_LOAD_SLOW="60" if loading else "0")
    workers: list[int] = []
    try:
        wait_for(lambda: pids.exists() and len(pids.read_text().split()) == 2, 60, "two workers")
        workers = [int(p) for p in pids.read_text().split()]
        if not loading:
            wait_for(lambda: out.exists() and out.read_bytes().count(b"\n") >= 2, 60, "two records")
        before = out.read_bytes() if out.exists() else b""
        if phase == "group":           # the whole process group, workers included, as a shell's job control does
            os.killpg(child.pid, signum)
        else:                          # the batch alone, as `timeout` sends it
            os.kill(child.pid, signum)
        _, stderr = child.communicate(timeout=60)
        assert child.returncode == 128 + signum, stderr
        lines = stderr.strip().splitlines()
        assert len(lines) == 1 and f"interrupted ({signal.Signals(signum).name})" in lines[0], lines
        assert "Traceback" not in stderr
        wait_for(lambda: not any(alive(p) for p in workers), 15, "the workers to end")
        wait_for(lambda: not in_group(child.pid), 15, "the process group to end")
        kept = out.read_bytes() if out.exists() else b""
        assert (kept.startswith(before) and kept.endswith(b"\n")) or kept == b""   # whole records, none lost
        recorded = len(list(read_records(out))) if out.exists() else 0
        assert recorded >= (0 if loading else 2)
        assert all(r["status"] == "checked" for r in read_records(out))   # no story blamed for the stop (FCE138)
        summary = json.loads(summary_path(out).read_text())       # issue 31.4: the summary covers OUT
        assert summary["stories"]["recorded"] == recorded and summary["run"]["stopped"] == signal.Signals(signum).name
    finally:
        for pid in [*workers, child.pid]:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
        child.wait(timeout=30)
    result = run_batch(table, out, options())   # the same command goes on from there
    assert result.skipped == recorded and result.checked_now == 12 - recorded


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_workers_end_when_their_batch_is_killed_outright(tmp_path: Path) -> None:
    table = write_jsonl(tmp_path / "in.jsonl", stories(12))
    out, pids = tmp_path / "out.jsonl", tmp_path / "pids"
    child = start(["batch", str(table), "-o", str(out), "--workers", "2", "--isolated", "-q"], tmp_path,
                  FACTCHECK_TEST_FACTORY=SLOW, FACTCHECK_TEST_PIDS=str(pids), FACTCHECK_TEST_SLOW="0.3")
    workers: list[int] = []
    try:
        wait_for(lambda: pids.exists() and len(pids.read_text().split()) == 2, 60, "two workers")
        workers = [int(p) for p in pids.read_text().split()]
        os.kill(child.pid, signal.SIGKILL)   # nothing runs in the batch any more: the workers see it gone
        child.wait(timeout=30)
        wait_for(lambda: not any(alive(p) for p in workers), 15, "the workers to end")
    finally:
        for pid in workers:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
        child.communicate(timeout=30)


def test_an_interrupted_run_writes_its_summary(tmp_path: Path) -> None:
    table = write_jsonl(tmp_path / "in.jsonl", archive_rows())
    out = tmp_path / "out.jsonl"

    def stop_after_three(done: int, total: int, story: str | None) -> None:
        if done == 3:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_batch(table, out, options(), progress=stop_after_three)
    summary = json.loads(summary_path(out).read_text())
    assert summary["stories"]["recorded"] == 3 and summary["stories"]["not_recorded"] == 6
    assert summary["run"]["stopped"] == "SIGINT" and summary["run"]["recorded"] == 3


# 9. CSV fields up to --max-bytes; a story past its limits is recorded as failed and the batch goes on

def _csv(path: Path, rows: list[tuple[str, int, str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["story_id", "version", "text"])
        w.writerows(rows)
    return path


def long_text(size: int, n: int = 12) -> str:
    text = "".join(f"Item {i}: the council met on the quay to talk about the harbour. " for i in range(size // 60 + 1))
    return text[:size - 40] + f" The mayor said {n} people were hurt."


def test_a_150_kb_csv_field_is_read_and_a_story_past_a_limit_fails_alone(tmp_path: Path) -> None:
    limit = csv.field_size_limit()
    table = _csv(tmp_path / "in.csv", [
        ("big", 1, long_text(150_000, 12)), ("big", 2, long_text(150_000, 13)),
        ("over", 1, FIRE.format(n=1)), ("over", 2, long_text(250_000)),
        ("small", 1, FIRE.format(n=1)), ("small", 2, FIRE.format(n=2)),
    ])
    result = run_batch(table, tmp_path / "out.jsonl", options(settings=Settings(max_bytes=200_000)))
    recs = records(tmp_path / "out.jsonl")
    assert recs["big"]["status"] == "checked" and recs["small"]["status"] == "checked"
    assert recs["over"]["status"] == "failed" and recs["over"]["error"]["code"] == "FCE103"
    assert "over the limit of 200,000" in recs["over"]["error"]["message"]
    assert "FC220" in {f["rule"] for f in recs["big"]["report"]["findings"]}
    assert result.summary["stories"]["failed"] == 1
    assert csv.field_size_limit() == limit   # the reader's raised limit does not outlive it


def test_a_csv_with_a_nul_byte_names_its_line(tmp_path: Path) -> None:
    table = tmp_path / "in.csv"
    table.write_text("story_id,version,text\na,1,fine\na,2,te\x00xt\n", encoding="utf-8")
    result = run_batch(table, tmp_path / "out.jsonl", options())
    rec = records(tmp_path / "out.jsonl")["a"]
    assert result.summary["stories"]["recorded"] == 1 and rec["status"] in ("checked", "failed")


# 10. a damaged OUT: a record of the wrong shape is FCE134 naming its line; a story not in the input is not counted

GOOD_FINDING = {"rule": "FC220", "name": "number-changed", "severity": "error", "category": "fact",
                "message": "m", "group": 0, "subject": None, "fingerprint": "f",
                "evidence": [{"version": "1", "line": 1}]}


def checked(story: str, findings: Any = (), **report: Any) -> dict[str, Any]:
    return {"story": story, "status": "checked", "exit_code": 1,
            "report": {"findings": list(findings) if isinstance(findings, tuple) else findings, **report}}


@pytest.mark.parametrize(("record", "needle"), [
    (checked("alpha", 5), "findings is not a list"),
    (checked("alpha", [{**GOOD_FINDING, "severity": "bogus"}]), "severity 'bogus'"),
    (checked("alpha", [{k: v for k, v in GOOD_FINDING.items() if k != "rule"}]), "has no rule"),
    (checked("alpha", [{**GOOD_FINDING, "evidence": "v1"}]), "evidence is not a list"),
    (checked("alpha", ["FC220"]), "finding 1 is not an object"),
    ({"story": "alpha", "status": "checked"}, "has no report"),
    ({"story": "alpha", "status": "checked", "report": []}, "has no report"),
    ({"story": 7, "status": "failed", "error": {"code": "FCE107", "message": "m"}}, "story is not text"),
    ({"story": "alpha", "status": "failed", "error": "boom"}, "error is not an object"),
    ({"story": "alpha", "status": "failed", "error": {"code": 5, "message": "m"}}, "error code is not text"),
])
def test_a_record_of_the_wrong_shape_names_its_line(tmp_path: Path, record: dict[str, Any], needle: str) -> None:
    table = write_jsonl(tmp_path / "in.jsonl", archive_rows())
    out = tmp_path / "out.jsonl"
    run_batch(table, out, options())
    lines = out.read_text().splitlines(keepends=True)
    out.write_text("".join(lines[:2]) + json.dumps(record) + "\n" + "".join(lines[2:]))
    with pytest.raises(InputError) as caught:
        run_batch(table, out, options())
    assert caught.value.code == "FCE134", caught.value.one_line()
    assert "line 3" in caught.value.one_line() and needle in caught.value.one_line(), caught.value.one_line()
    assert "delete line 3 to resume" in caught.value.one_line()
    child = start(["batch", str(table), "-o", str(out), "--workers", "0", "--isolated"], tmp_path,
                  FACTCHECK_TEST_FACTORY=FAKE)
    _, stderr = child.communicate(timeout=120)
    assert child.returncode == 2 and len(stderr.strip().splitlines()) == 1, stderr
    assert "FCE134" in stderr and "line 3" in stderr and "Traceback" not in stderr


def test_records_of_stories_not_in_the_input_are_not_counted(tmp_path: Path) -> None:
    table = write_jsonl(tmp_path / "in.jsonl", [r for r in archive_rows() if r["story_id"] == "bravo"])
    out = tmp_path / "out.jsonl"
    other = checked("zulu", [GOOD_FINDING, GOOD_FINDING])
    other["report"]["summary"] = {"exit_code": 1}
    out.write_text(json.dumps(other) + "\n" + json.dumps(other) + "\n" +
                   json.dumps({"story": "yankee", "status": "failed", "error": {"code": "FCE107", "message": "m"}})
                   + "\n")
    result = run_batch(table, out, options())
    st = result.summary["stories"]
    assert st["input"] == 1 and st["recorded"] == 1 and st["checked"] == 1 and st["failed"] == 0
    assert st["not_in_input"] == 2          # zulu (twice, counted once) and yankee: ignored, and said so
    assert result.summary["findings"]["total"] == 0 and result.exit_code == 0   # zulu's errors do not fail it


# issue 31.4: --findings without pyarrow is refused before any work, as --engine ray without Ray is

def test_findings_without_pyarrow_is_refused_before_any_work(tmp_path: Path) -> None:
    table = write_jsonl(tmp_path / "in.jsonl", archive_rows())
    out = tmp_path / "out.jsonl"
    child = start(["batch", str(table), "-o", str(out), "--workers", "0", "--isolated", "--findings",
                   str(tmp_path / "f.parquet")], tmp_path, FACTCHECK_TEST_FACTORY=FAKE,
                  FACTCHECK_TEST_BLOCK="pyarrow")
    _, stderr = child.communicate(timeout=120)
    assert child.returncode == 2 and len(stderr.strip().splitlines()) == 1, stderr
    assert "FCE133: --findings needs pyarrow" in stderr
    assert not out.exists() or out.read_bytes() == b""      # nothing was checked
    assert not (tmp_path / "f.parquet").exists()
