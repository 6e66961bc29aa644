"""factcheck batch: reading archives, the per-story records and failures, resuming, the engines agreeing."""

from __future__ import annotations

import copy
import csv
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import filelock
import pytest
from typer.testing import CliRunner

from factcheck.batch import BatchOptions, open_input, run_batch
from factcheck.batch.output import RecordWriter, lock_path, read_records, summary_path
from factcheck.cli import app
from factcheck.errors import FactcheckError, InputError
from factcheck.settings import Settings
from tests.batch.batch_models import EXPECTED, archive_rows, write_folders, write_jsonl
from tests.conftest import REPO

FAKE = "tests.batch.batch_models:fake_models"
CRASHING = "tests.batch.batch_models:crashing_models"
runner = CliRunner()


def options(**kw: Any) -> BatchOptions:
    base: dict[str, Any] = {"settings": Settings(max_bytes=2000, max_versions=3), "models_factory": FAKE,
                            "workers": 0}
    return BatchOptions(**{**base, **kw})


def records(path: Path) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for rec in read_records(path):
        assert rec["story"] not in out, f"{rec['story']} recorded twice"
        out[rec["story"]] = rec
    return out


def comparable(rec: dict[str, Any]) -> dict[str, Any]:
    """A record without what depends on timing and on the cache."""
    rec = copy.deepcopy(rec)
    if "report" in rec:
        rec["report"]["stats"].pop("seconds")
        rec["report"]["stats"].pop("cache")
    return rec


def outcome(rec: dict[str, Any]) -> str:
    return rec["status"] if rec["status"] == "checked" else rec["error"]["code"]


@pytest.fixture
def table(tmp_path: Path) -> Path:
    return write_jsonl(tmp_path / "archive.jsonl", archive_rows())


# --- reading ------------------------------------------------------------------------------------------

def test_table_stories_come_whole_and_in_version_order(table: Path) -> None:
    batch = open_input(table)
    assert batch.kind == "jsonl" and batch.columns == {"story": "story_id", "version": "version", "text": "text",
                                                       "source": "source"}
    assert len(batch) == 9 and batch.story_ids[:3] == ["alpha", "bravo", "charlie"]
    stories = {s.story: s for s in batch.stories()}
    assert [v[0] for v in stories["india"].versions] == ["1", "2", "10"]          # numbers, not text
    assert [v[0] for v in stories["bravo"].versions] == ["2021-03-01T09:30:00Z", "2021-03-01T10:00:00Z"]
    assert [v[0] for v in stories["alpha"].versions] == ["1", "2", "3"]           # its last row is the file's last
    assert stories["delta"].problem is not None and stories["delta"].problem[0] == "FCE135"
    assert stories["alpha"].source == "test"
    assert [s.story for s in batch.stories(skip={"alpha", "india"})] == \
        ["charlie", "bravo", "delta", "echo", "foxtrot", "golf", "hotel"]


def test_a_tables_versions_reach_the_rules_in_the_version_columns_order(table: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from factcheck.batch.worker import WorkerSpec, WorkerState

    state = WorkerState(WorkerSpec(Settings(), models_factory=FAKE))
    monkeypatch.setattr(state.checker, "check", lambda versions: versions)
    india = next(s for s in open_input(table).stories() if s.story == "india")
    versions = state._check(india)
    # by name "10" would come before "2": the rules with a direction sort by sort_key, which follows the column
    assert [v.id for v in sorted(versions, key=lambda v: v.sort_key)] == ["1", "2", "10"]


def test_versions_order_in_time_across_zones_and_naturally_as_text(tmp_path: Path) -> None:
    rows = [{"story": "a", "version": "2020-01-01T10:00:00+02:00", "text": "x"},
            {"story": "a", "version": "2020-01-01T09:00:00Z", "text": "y"},
            {"story": "b", "version": "v10", "text": "x"}, {"story": "b", "version": "v9", "text": "y"}]
    stories = {s.story: s for s in open_input(write_jsonl(tmp_path / "t.jsonl", rows)).stories()}
    assert [v[0] for v in stories["a"].versions] == ["2020-01-01T10:00:00+02:00", "2020-01-01T09:00:00Z"]
    assert [v[0] for v in stories["b"].versions] == ["v9", "v10"]


def test_csv_and_parquet_read_like_jsonl(tmp_path: Path, table: Path) -> None:
    pa = _needs("pyarrow")
    import pyarrow.parquet as pq

    rows = archive_rows()
    with (tmp_path / "a.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows({**r, "version": str(r["version"])} for r in rows)
    pq.write_table(pa.Table.from_pylist([{**r, "version": str(r["version"])} for r in rows]), tmp_path / "a.parquet")
    def essence(path: Path) -> list[tuple[Any, ...]]:   # a problem's message names lines, which differ
        return [(s.story, s.versions, s.source, s.problem and s.problem[0]) for s in open_input(path).stories()]

    want = essence(table)
    assert len(want) == 9
    for name in ("a.csv", "a.parquet"):
        assert essence(tmp_path / name) == want, name


@pytest.mark.parametrize(("content", "code", "message"), [
    ('{"story_id": "a", "version": 1, "text": "x"}\nnot json\n', "FCE132", "line 2: is not JSON"),
    ('{"story_id": "a", "version": 1, "text": "x"}\n{"version": 2, "text": "y"}\n', "FCE132", "line 2: has no story"),
    ('{"story_id": "a", "version": 1, "text": "x"}\n{"story_id": "a", "text": "y"}\n', "FCE132", "has no version"),
    ('[1, 2]\n', "FCE132", "line 1: is not a JSON object"),
    ('{"story_id": "a", "text": "x"}\n', "FCE131", "no version column (tried version_id, version, timestamp"),
    ('{"id": "a", "version": 1, "body": "x"}\n', "FCE131", "no story column"),
    ('\n', "FCE130", "holds no rows"),
])
def test_malformed_tables_stop_before_any_work(tmp_path: Path, content: str, code: str, message: str) -> None:
    path = tmp_path / "t.jsonl"
    path.write_text(content)
    with pytest.raises(InputError) as err:
        run_batch(path, tmp_path / "out.jsonl", options())
    assert err.value.code == code and message in err.value.message, err.value.one_line()
    assert not (tmp_path / "out.jsonl").exists() or not (tmp_path / "out.jsonl").read_text()


def test_columns_are_chosen_by_flag(tmp_path: Path) -> None:
    rows = [{"entry": "s", "when": i, "summary": f"Text {i}.", "headline": "H"} for i in (1, 2)]
    path = write_jsonl(tmp_path / "t.jsonl", rows)
    with pytest.raises(InputError, match="no story column"):
        open_input(path)
    batch = open_input(path, {"story": "entry", "version": "when", "text": "summary"})
    story = next(batch.stories())
    assert story.versions == (("1", "Text 1.", "H"), ("2", "Text 2.", "H"))   # title found by its usual name
    with pytest.raises(InputError) as err:
        open_input(path, {"story": "entry", "version": "when", "text": "nope"})
    assert err.value.code == "FCE131" and "its columns: entry, when, summary, headline" in err.value.hint


def test_inputs_that_are_not_archives(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("x")
    (tmp_path / "story").mkdir()
    (tmp_path / "story" / "a.txt").write_text("x")
    for path, message in [(tmp_path / "missing.jsonl", "no such file"), (tmp_path / "notes.txt", "not a batch input"),
                          (tmp_path / "story", "holds no story folders")]:
        with pytest.raises(InputError, match=message) as err:
            run_batch(path, tmp_path / "out.jsonl", options())
        assert err.value.code == "FCE130"


# --- records, failures, summary -----------------------------------------------------------------------

def test_every_story_gets_one_record_and_failures_do_not_stop_the_batch(tmp_path: Path, table: Path) -> None:
    seen: list[tuple[int, int, str | None]] = []
    result = run_batch(table, tmp_path / "out.jsonl", options(), progress=lambda *a: seen.append(a))
    recs = records(tmp_path / "out.jsonl")
    assert {s: outcome(r) for s, r in recs.items()} == {s: c for s, c in EXPECTED.items() if s != "kilo"}
    assert seen[0] == (0, 9, None) and seen[-1][:2] == (9, 9) and len(seen) == 10
    alpha = recs["alpha"]
    assert alpha["source"] == "test" and alpha["exit_code"] == 1
    assert alpha["report"]["schema"] == "factcheck/2" and [v["id"] for v in alpha["report"]["versions"]] == \
        ["1", "2", "3"]
    assert "FC220" in {f["rule"] for f in alpha["report"]["findings"]}
    assert recs["foxtrot"]["error"]["message"].startswith("FCE125: ")
    s = result.summary
    assert s == json.loads(summary_path(tmp_path / "out.jsonl").read_text())
    assert s["stories"] == {"input": 9, "recorded": 9, "checked": 3, "failed": 6, "not_recorded": 0,
                            "with_findings": 2, "failing": 2, "not_in_input": 0}
    assert s["failures"]["by_code"] == {"FCE102": 1, "FCE103": 1, "FCE107": 1, "FCE116": 1, "FCE125": 1, "FCE135": 1}
    assert s["findings"]["by_rule"]["FC220"] == {"error": 2}
    assert s["findings"]["total"] == sum(len(r["report"]["findings"]) for r in recs.values() if "report" in r)
    assert [x["story"] for x in s["stories_with_findings"]][:2] == ["alpha", "india"]   # errors, then warnings
    assert result.exit_code == 1 and s["run"]["recorded"] == 9 and s["run"]["skipped"] == 0
    assert s["run"]["stopped"] is None


def test_the_record_is_what_check_writes(tmp_path: Path, table: Path) -> None:
    from factcheck.inputs.versions import Version
    from factcheck.pipeline import check_versions
    from tests.batch.batch_models import fake_models

    run_batch(table, tmp_path / "out.jsonl", options())
    rows = [r for r in archive_rows() if r["story_id"] == "alpha"]
    versions = [Version(id=str(r["version"]), text=r["text"]) for r in sorted(rows, key=lambda r: r["version"])]
    alone = check_versions(versions, models=fake_models()).to_dict()
    assert comparable({"report": alone}) == comparable({"report": records(tmp_path / "out.jsonl")["alpha"]["report"]})


def test_fail_on_and_exit_zero_decide_the_exit_code(tmp_path: Path, table: Path) -> None:
    never = Settings(max_bytes=2000, max_versions=3, fail_on="never")
    assert run_batch(table, tmp_path / "a.jsonl", options(settings=never)).exit_code == 0
    assert run_batch(table, tmp_path / "b.jsonl", options(exit_zero=True)).exit_code == 0
    # a summary computed again later follows the fail-on it is given, whatever the records were made with
    assert run_batch(table, tmp_path / "a.jsonl", options()).exit_code == 1


def test_findings_table(tmp_path: Path, table: Path) -> None:
    _needs("pyarrow")
    import pyarrow.parquet as pq
    result = run_batch(table, tmp_path / "out.jsonl", options(findings=tmp_path / "findings.parquet"))
    t = pq.read_table(tmp_path / "findings.parquet")
    assert t.num_rows == result.summary["findings"]["total"] == result.summary["findings"]["table"]["rows"]
    rows = t.to_pylist()
    assert {r["story"] for r in rows} == {"alpha", "india"}
    fc220 = next(r for r in rows if r["story"] == "india" and r["rule"] == "FC220")
    assert fc220["severity"] == "error" and fc220["versions"] and json.loads(fc220["evidence"])[0]["text"]
    with pytest.raises(InputError) as err:
        run_batch(table, tmp_path / "out.jsonl", options(findings=tmp_path / "findings.csv"))
    assert err.value.code == "FCE134"


def test_a_model_or_configuration_error_stops_the_batch_instead_of_failing_every_story(tmp_path: Path,
                                                                                       table: Path) -> None:
    out = tmp_path / "out.jsonl"
    with pytest.raises(FactcheckError) as err:
        run_batch(table, out, options(models_factory="tests.batch.batch_models:broken_models"))
    assert err.value.code == "FCE305" and "the embedder cannot be loaded" in err.value.one_line()
    assert all(r["status"] == "failed" and r["error"]["code"] < "FCE2" for r in read_records(out))
    (tmp_path / "models.yaml").write_text("embedder: [\n")
    with pytest.raises(FactcheckError) as err:
        run_batch(table, tmp_path / "o2.jsonl", options(settings=Settings(models=tmp_path / "models.yaml"),
                                                        models_factory=None))
    assert err.value.code == "FCE202" and not (tmp_path / "o2.jsonl").exists()


# --- resuming -----------------------------------------------------------------------------------------

def test_an_interrupted_run_resumes_without_losing_or_repeating_a_story(tmp_path: Path, table: Path) -> None:
    out = tmp_path / "out.jsonl"

    def stop_after_four(done: int, total: int, story: str | None) -> None:
        if done == 4:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_batch(table, out, options(), progress=stop_after_four)
    first = records(out)
    assert len(first) == 4
    with out.open("ab") as fh:                       # a record torn by a kill in the middle of a write
        fh.write(b'{"story":"zulu","status":"chec')
    result = run_batch(table, out, options())
    again = records(out)
    assert len(again) == 9 and all(again[s] == r for s, r in first.items())
    assert result.checked_now == 5 and result.skipped == 4 and "zulu" not in again
    assert run_batch(table, out, options()).checked_now == 0   # all done: nothing to do, same summary
    assert records(out) == again


def test_an_output_that_is_not_a_batch_output_is_refused(tmp_path: Path, table: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text('{"hello": 1}\n')
    with pytest.raises(InputError) as err:
        run_batch(table, out, options())
    assert err.value.code == "FCE134" and "line 1 is not a batch record" in err.value.message
    with pytest.raises(InputError, match="is the input"):
        run_batch(table, table, options())


def test_two_runs_cannot_write_one_output(tmp_path: Path, table: Path) -> None:
    writer = RecordWriter(tmp_path / "out.jsonl")
    try:
        with pytest.raises(InputError, match="another batch is writing to it"):
            run_batch(table, tmp_path / "out.jsonl", options())
    finally:
        writer.close()


_HOLD = """
import sys
from pathlib import Path
from factcheck.batch.output import RecordWriter
writer = RecordWriter(Path(sys.argv[1]))
print("holding", flush=True)
sys.stdin.readline()
writer.close()
"""


def _holder(out: Path) -> subprocess.Popen[str]:
    """Another process holding OUT's lock (as a running batch does) until told to stop."""
    child = subprocess.Popen([sys.executable, "-c", _HOLD, str(out)], cwd=REPO, stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None and child.stdout.readline() == "holding\n"
    return child


def test_two_processes_cannot_write_one_output_and_a_dead_holder_frees_it(tmp_path: Path, table: Path) -> None:
    out = tmp_path / "out.jsonl"
    run_batch(table, out, options())
    before = out.read_bytes()
    (tmp_path / "alias").symlink_to(tmp_path)   # OUT itself as a link is refused (tests/hostile); its folder's is not
    holder = _holder(out)
    try:
        for name in (out, tmp_path / "alias" / "out.jsonl"):   # OUT by another name is the same OUT
            with pytest.raises(InputError) as err:
                run_batch(table, name, options())
            assert err.value.code == "FCE134" and "another batch is writing to it" in err.value.message
        with pytest.raises(filelock.Timeout):   # the lock is filelock's, so it holds on Windows too
            filelock.FileLock(lock_path(out), timeout=0).acquire()
    finally:
        holder.communicate("\n", timeout=30)
    assert holder.returncode == 0 and out.read_bytes() == before   # the refused run touched nothing
    assert run_batch(table, out, options()).skipped == 9           # released: the next run takes it
    killed = _holder(out)                                          # a batch killed outright (SIGKILL) ...
    killed.kill()
    killed.wait(timeout=30)
    assert run_batch(table, out, options()).skipped == 9           # ... leaves no lock behind to clear by hand


# --- engines ------------------------------------------------------------------------------------------

@pytest.fixture
def crash_table(tmp_path: Path) -> Path:
    return write_jsonl(tmp_path / "crash.jsonl", archive_rows(crash=True))


def test_the_local_pool_gives_the_in_process_records_and_survives_a_dying_worker(tmp_path: Path, table: Path,
                                                                                 crash_table: Path) -> None:
    run_batch(table, tmp_path / "alone.jsonl", options())
    result = run_batch(crash_table, tmp_path / "pool.jsonl", options(workers=2, models_factory=CRASHING))
    alone, pool = records(tmp_path / "alone.jsonl"), records(tmp_path / "pool.jsonl")
    assert {s: outcome(r) for s, r in pool.items()} == EXPECTED
    assert {s: comparable(r) for s, r in pool.items() if s != "kilo"} == {s: comparable(r) for s, r in alone.items()}
    assert "worker process died while checking story kilo" in pool["kilo"]["error"]["message"]
    assert result.summary["failures"]["by_code"]["FCE138"] == 1


def test_folder_archives_read_each_story_as_check_reads_a_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                                                 ) -> None:
    write_folders(tmp_path / "archive", archive_rows())
    (tmp_path / "archive" / "lima").mkdir()
    (tmp_path / "archive" / "lima" / "a.txt").write_bytes(b"\x00\x01binary\x00" * 20)
    (tmp_path / "archive" / "lima" / "b.txt").write_text("A version.")
    monkeypatch.chdir(tmp_path)
    run_batch("archive", "alone.jsonl", options())
    run_batch("archive", "pool.jsonl", options(workers=2))
    alone, pool = records(tmp_path / "alone.jsonl"), records(tmp_path / "pool.jsonl")
    assert {s: comparable(r) for s, r in pool.items()} == {s: comparable(r) for s, r in alone.items()}
    assert {s: outcome(r) for s, r in alone.items()} == {
        **{s: c for s, c in EXPECTED.items() if s != "kilo"}, "delta": "checked", "lima": "FCE104"}
    assert alone["alpha"]["report"]["versions"][0]["path"] == "archive/alpha/v1.txt"


def _needs(module: str) -> Any:
    """CI installs Ray and pyarrow: there a missing one fails the test; elsewhere it skips."""
    if os.environ.get("CI"):
        return __import__(module)
    return pytest.importorskip(module)


def test_ray_gives_the_same_records_as_the_local_pool_failures_included(tmp_path: Path, crash_table: Path) -> None:
    _needs("ray")
    run_batch(crash_table, tmp_path / "pool.jsonl", options(workers=2, models_factory=CRASHING))
    result = run_batch(crash_table, tmp_path / "ray.jsonl", options(engine="ray", workers=2, models_factory=CRASHING,
                                                                   block_size=2))
    pool, ray = records(tmp_path / "pool.jsonl"), records(tmp_path / "ray.jsonl")
    assert {s: outcome(r) for s, r in ray.items()} == EXPECTED
    assert {s: comparable(r) for s, r in ray.items() if s != "kilo"} == \
        {s: comparable(r) for s, r in pool.items() if s != "kilo"}
    assert "Ray worker died while checking story kilo" in ray["kilo"]["error"]["message"]
    assert result.summary["stories"] == json.loads(summary_path(tmp_path / "pool.jsonl").read_text())["stories"]
    import ray as ray_module

    assert not ray_module.is_initialized()   # the local Ray it started is gone


def test_a_ray_worker_killed_mid_run_is_replaced_and_the_batch_goes_on(
        tmp_path: Path, table: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]) -> None:
    """Issue: a Ray worker killed from outside (SIGKILL, as the OOM killer does) while it checks: Ray starts
    the actor again and runs its task again; every story gets its own record, none blamed (FCE138), and
    nothing of Ray's reports of the death is printed."""
    _needs("ray")
    import signal

    run_batch(table, tmp_path / "alone.jsonl", options())
    pids = tmp_path / "pids"
    pids.write_text("")
    monkeypatch.setenv("FACTCHECK_TEST_PIDS", str(pids))   # the workers inherit the environment
    monkeypatch.setenv("FACTCHECK_TEST_SLOW", "0.4")
    killed: list[int] = []

    def kill_a_worker(done: int, total: int, story: str | None) -> None:
        if done == 2 and not killed:   # two quick failures recorded: the workers are busy with the others
            killed.append(int(pids.read_text().split()[0]))
            os.kill(killed[0], signal.SIGKILL)

    capfd.readouterr()
    result = run_batch(table, tmp_path / "ray.jsonl", options(engine="ray", workers=2, block_size=2,
                                                              models_factory="tests.batch.batch_models:slow_models"),
                       progress=kill_a_worker)
    printed = capfd.readouterr()
    assert killed and len(pids.read_text().split()) == 3   # the killed worker was started again
    ray, alone = records(tmp_path / "ray.jsonl"), records(tmp_path / "alone.jsonl")
    assert {s: comparable(r) for s, r in ray.items()} == {s: comparable(r) for s, r in alone.items()}
    assert result.summary["stories"]["recorded"] == 9 and "FCE138" not in result.summary["failures"]["by_code"]
    assert "raylet" not in printed.out and "worker died" not in printed.out + printed.err, printed


def test_ray_workers_that_cannot_start_stop_the_batch_blaming_no_story(tmp_path: Path, table: Path) -> None:
    """A worker Ray will not bring back (it could not start; its node died) is not the story's fault: the batch
    stops with FCE136 (it used to record stories as FCE138, then crash with a StopIteration traceback) and a
    re-run checks every story."""
    _needs("ray")
    out = tmp_path / "out.jsonl"
    with pytest.raises(InputError) as err:
        run_batch(table, out, options(engine="ray", workers=2,
                                      models_factory="tests.batch.batch_models:unstartable_models"))
    assert err.value.code == "FCE136" and "it could not start: RuntimeError: no models on this node" in \
        err.value.message, err.value.one_line()
    assert "\x1b" not in err.value.one_line() and records(out) == {}
    assert run_batch(table, out, options()).checked_now == 9


def test_engine_options_are_checked(tmp_path: Path, table: Path) -> None:
    with pytest.raises(InputError) as err:
        run_batch(table, tmp_path / "o.jsonl", options(address="auto"))
    assert err.value.code == "FCE136"
    with pytest.raises(InputError) as err:
        run_batch(table, tmp_path / "o.jsonl", options(engine="nope"))
    assert err.value.code == "FCE136"


# --- the command line ---------------------------------------------------------------------------------

def test_cli_batch(tmp_path: Path, table: Path, cli_fake_models: Any) -> None:
    out = tmp_path / "out.jsonl"
    args = ["batch", str(table), "-o", str(out), "--workers", "0", "--max-versions", "3", "--max-bytes", "2000",
            "--isolated"]
    result = runner.invoke(app, args)
    assert result.exit_code == 1, result.output
    assert "9 stories recorded now, 0 already recorded" in result.output
    assert "3 checked, 6 failed (FCE102 x1, FCE103 x1, FCE107 x1, FCE116 x1, FCE125 x1, FCE135 x1)" in result.output
    assert len(records(out)) == 9 and summary_path(out).is_file()
    assert runner.invoke(app, [*args, "--fail-on", "never"]).exit_code == 0
    again = runner.invoke(app, [*args, "--exit-zero"])
    assert again.exit_code == 0 and "0 stories recorded now, 9 already recorded" in again.output


@pytest.mark.parametrize(("extra", "code"), [
    (["--address", "auto"], "FCE136"), (["--column", "story"], "FCE131"), (["--column", "nope=x"], "FCE131"),
    (["--findings", "f.csv"], "FCE134"),
])
def test_cli_batch_usage_errors_are_one_line_and_exit_2(tmp_path: Path, table: Path, extra: list[str],
                                                        code: str) -> None:
    result = runner.invoke(app, ["batch", str(table), "-o", str(tmp_path / "o.jsonl"), "--workers", "0", *extra])
    assert result.exit_code == 2 and result.output.startswith(f"factcheck: error: {code}: "), result.output
    assert result.output.count("\n") == 1


def test_batch_help_imports_no_heavy_library() -> None:
    code = ("import sys; from typer.testing import CliRunner; from factcheck.cli import app; "
            "r = CliRunner().invoke(app, ['batch', '--help']); assert r.exit_code == 0, r.output; "
            "heavy = [m for m in ('torch', 'ray', 'pyarrow', 'transformers') if m in sys.modules]; "
            "assert not heavy, heavy")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO)


@pytest.mark.model
def test_real_models_in_worker_processes_and_the_shipped_example(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                                                 ) -> None:
    """The default models, loaded in a spawned worker, on the archive docs/batch.md shows; the cache is
    shared, so a second run over the same stories loads no model."""
    monkeypatch.chdir(REPO)
    out = tmp_path / "out.jsonl"
    cache = tmp_path / "cache"
    result = run_batch("examples/archive", out, BatchOptions(workers=1, cache_dir=cache))
    recs = records(out)
    assert {s: outcome(r) for s, r in recs.items()} == {"harbour-fire": "checked", "library-hours": "checked",
                                                         "night-train": "checked", "owl-sighting": "FCE107"}
    assert {f["rule"] for f in recs["harbour-fire"]["report"]["findings"]} >= {"FC220"}
    assert recs["harbour-fire"]["report"]["stats"]["cache"]["inference"] is True
    assert result.exit_code == 1
    run_batch("examples/archive", tmp_path / "again.jsonl", BatchOptions(workers=0, cache_dir=cache))
    again = records(tmp_path / "again.jsonl")
    assert again["harbour-fire"]["report"]["stats"]["cache"]["inference"] is False
    assert comparable(again["harbour-fire"]) == comparable(recs["harbour-fire"])
    run_batch("examples/archive.jsonl", tmp_path / "table.jsonl", BatchOptions(workers=0, cache_dir=cache))
    table = records(tmp_path / "table.jsonl")   # the same stories as a table: the same findings
    assert {s: sorted(f["rule"] for f in r.get("report", {}).get("findings", [])) for s, r in table.items()} == \
        {s: sorted(f["rule"] for f in r.get("report", {}).get("findings", [])) for s, r in recs.items()}
    assert table["owl-sighting"]["error"]["code"] == "FCE107" and table["harbour-fire"]["source"] == "Portvale Courier"


def test_local_workers_default_to_one_thread_each() -> None:
    """The default layout is one single-thread worker per CPU (the fastest measured, bench/README.md)."""
    from factcheck.batch.run import worker_threads

    assert worker_threads("local", None, cpus=2) == 1
    assert worker_threads("local", None, cpus=16) == 1
    assert worker_threads("local", 1, cpus=2) == 2      # fewer workers than CPUs: the rest as threads
    assert worker_threads("local", 3, cpus=2) == 1
    assert worker_threads("local", 0, cpus=2) is None   # in this process: the runtime's own default
    assert worker_threads("ray", None, cpus=2) is None  # Ray gives its actors their CPUs
