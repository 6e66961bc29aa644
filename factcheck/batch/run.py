"""``run_batch``: every story of INPUT checked, one record each appended to OUT, then the summary.

Library code: it never prints. Progress goes to an optional callback ``progress(done, total, story)``,
called once with ``(0, total, None)`` before the first story and then after each story is recorded.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from factcheck.batch.engines import cpu_count, start_engine
from factcheck.batch.output import (
    RecordWriter,
    done_stories,
    json_bytes,
    require_pyarrow,
    summarize,
    summary_path,
    write_findings_table,
    write_output,
)
from factcheck.batch.read import StoryInput, open_input
from factcheck.batch.worker import WorkerSpec
from factcheck.errors import ConfigError, InputError, ModelError, stop_reason
from factcheck.inputs.overwrite import refuse_overwrite
from factcheck.settings import Settings

BatchProgress = Callable[[int, int, str | None], None]


@dataclass(frozen=True)
class BatchOptions:
    """How to run a batch. ``workers``: local engine, None for one per CPU and 0 for this process alone;
    Ray engine, None for one per CPU of the cluster. ``address``: a Ray cluster (None: a local Ray).
    ``columns``: role -> column name for a table (story, version, text, title, source).
    ``findings``: also write every finding to this Parquet file. ``models_factory``: ``module:function``
    returning loaded ``factcheck.models.loaded.Models``, called once per worker (for tests)."""

    settings: Settings = field(default_factory=Settings)
    engine: str = "local"
    workers: int | None = None
    address: str | None = None
    columns: Mapping[str, str] = field(default_factory=dict)
    findings: Path | None = None
    cache_dir: Path | None = None
    no_cache: bool = False
    allow_unrelated: bool = False
    exit_zero: bool = False
    block_size: int = 1
    models_factory: str | None = None


@dataclass
class BatchResult:
    output: Path
    summary_path: Path
    summary: dict[str, Any]
    checked_now: int      # stories recorded by this run
    skipped: int          # stories already in OUT from an earlier run
    seconds: float

    @property
    def exit_code(self) -> int:
        return int(self.summary["exit_code"])


def worker_threads(engine: str, workers: int | None, cpus: int | None = None) -> int | None:
    """The model runtime's threads in each local worker: the CPUs shared among the workers, so one each
    by default (one single-thread worker per CPU, the fastest layout measured: bench/README.md); None
    (the runtime's own default) for the batch in this process (``--workers 0``) and for Ray, whose
    actors get threads from the CPUs Ray gives them."""
    if engine != "local" or workers == 0:
        return None
    cpus = cpus or cpu_count()
    return max(1, cpus // (workers or cpus))


def _blocks(stories: Iterable[StoryInput], size: int) -> Iterator[list[StoryInput]]:
    block: list[StoryInput] = []
    for story in stories:
        block.append(story)
        if len(block) >= size:
            yield block
            block = []
    if block:
        yield block


def fatal(record: Mapping[str, Any]) -> None:
    """A configuration or model error (FCE2xx, FCE3xx) would be the same for every story: it stops the batch
    (unrecorded, so that a re-run after the fix checks the story) instead of failing each story in turn."""
    code = str(record.get("error", {}).get("code", ""))
    if record.get("status") == "failed" and code[:4] in ("FCE2", "FCE3"):
        message = str(record["error"].get("message", ""))
        err = ConfigError if code.startswith("FCE2") else ModelError
        raise err(message.split(": ", 1)[-1], "", code)


def run_batch(input: str | os.PathLike[str], output: str | os.PathLike[str],
              options: BatchOptions | None = None, progress: BatchProgress | None = None) -> BatchResult:
    """Check every story of ``input`` (a folder of story folders, or a .jsonl/.csv/.parquet table of
    versions) and append one record per story to ``output`` (JSON Lines); stories already recorded there
    are skipped. Writes the summary next to ``output`` (``summary_path``) and returns it. A batch that is
    stopped (Ctrl-C, SIGTERM and SIGHUP where the CLI turns them into ``Interrupted``, an error) stops its
    workers at once, keeps every record written and writes the summary of OUT (``run.stopped`` says why)
    before the exception goes on."""
    opts = options or BatchOptions()
    out = Path(output)
    if opts.findings is not None and opts.findings.suffix.lower() not in (".parquet", ".pq"):
        raise InputError(f"--findings {opts.findings}: the findings table is Parquet", "name it *.parquet", "FCE134")
    refuse_overwrite([("-o", out), ("the summary", summary_path(out)), ("--findings", opts.findings)],
                     [("the input", Path(input)), ("the settings file", opts.settings.source),
                      ("the models file", opts.settings.models)], "FCE134")
    if opts.models_factory is None:   # a bad models file is the batch's error, not every story's
        from factcheck.models.config import load_models_config

        load_models_config(opts.settings.models)
    opts.settings.policy().validate()
    if opts.findings is not None:   # before the work, as --engine ray without Ray is
        require_pyarrow("--findings")
    batch = open_input(input, opts.columns)
    ids = set(batch.story_ids)
    started = time.perf_counter()
    writer = RecordWriter(out)
    done: set[str] = set()
    recorded = 0

    def summary_of_out(stopped: str | None) -> dict[str, Any]:
        summary = summarize(out, ids, opts.settings.fail_on, opts.exit_zero)
        seconds = time.perf_counter() - started
        summary["run"] = {"input": str(input), "kind": batch.kind, "engine": opts.engine,
                          "recorded": recorded, "skipped": len(done), "seconds": round(seconds, 3),
                          "stories_per_minute": round(60 * recorded / seconds, 2) if recorded and seconds else None,
                          "stopped": stopped}
        return summary

    try:
        done = done_stories(out) & ids
        todo = len(batch) - len(done)
        if progress:
            progress(0, todo, None)
        if todo:
            workers = opts.workers
            spec = WorkerSpec(opts.settings, str(opts.cache_dir) if opts.cache_dir else None, opts.no_cache,
                              opts.allow_unrelated, opts.exit_zero, opts.models_factory,
                              os.getcwd(), worker_threads(opts.engine, workers))
            engine = start_engine(opts.engine, spec, workers, opts.address)
            try:
                for records in engine.run(_blocks(batch.stories(skip=done), max(1, opts.block_size))):
                    for rec in records:
                        fatal(rec)
                        writer.write(rec)
                        recorded += 1
                        if progress:
                            progress(recorded, todo, str(rec["story"]))
            except BaseException:
                engine.abort()   # stopped (Ctrl-C, SIGTERM, an error): what the workers hold would not be recorded
                raise
            engine.close()
    except BaseException as exc:
        writer.close()
        # the summary of what OUT holds now; the error that stopped the batch is the one to report
        with contextlib.suppress(Exception):
            write_output(summary_path(out), json_bytes(summary_of_out(stop_reason(exc)), indent=2) + b"\n")
        raise
    writer.close()
    summary = summary_of_out(None)
    if opts.findings is not None:
        summary["findings"]["table"] = {"path": str(opts.findings),
                                        "rows": write_findings_table(out, opts.findings, ids)}
    spath = summary_path(out)
    write_output(spath, json_bytes(summary, indent=2) + b"\n")
    return BatchResult(out, spath, summary, recorded, len(done), summary["run"]["seconds"])
