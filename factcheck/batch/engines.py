"""Where the stories are checked: in this process, in a local pool of worker processes, or on Ray.

Every engine takes an iterator of blocks of stories and yields each block's records as it finishes (in
any order), keeping only a bounded number of blocks in flight, so the input is read as the work goes.
The work itself is ``WorkerState.check_block`` in every engine; the scheduling is the standard
library's ``ProcessPoolExecutor`` or Ray's ``ActorPool``.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import signal
import sys
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

from factcheck.batch.read import StoryInput
from factcheck.batch.worker import WorkerSpec, WorkerState, check_block_in_process, init_process
from factcheck.errors import FactcheckError, InputError

Block = Sequence[StoryInput]
Records = list[dict[str, Any]]


def died(block: Block, what: str) -> Records:
    """The records of stories whose worker process died while checking them."""
    return [{"story": s.story, "status": "failed",
             "error": {"code": "FCE138", "message": f"FCE138: {what} died while checking story {s.story} "
                       "(out of memory, or a crash in a model library)"}} for s in block]


def cpu_count() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


class InProcess:
    """``--workers 0``: check each story in this process, one after another."""

    name = "in-process"

    def __init__(self, spec: WorkerSpec) -> None:
        self.state = WorkerState(spec)
        self.workers = 0

    def run(self, blocks: Iterable[Block]) -> Iterator[Records]:
        for block in blocks:
            yield self.state.check_block(block)

    def close(self) -> None:
        self.state.close()

    abort = close


def _worker_start(spec: WorkerSpec) -> None:
    """A pool process's start. Ctrl-C, SIGTERM and SIGHUP are the batch's to handle (sent to the whole process
    group, they would otherwise kill a worker first and have its stories recorded as FCE138): the batch stops
    its workers itself. A worker whose batch is gone (killed outright) ends within a second."""
    for name in ("SIGINT", "SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_IGN)
    _end_with_parent()
    init_process(spec)


def _end_with_parent(every: float = 0.5) -> None:
    """A thread that ends this process when its parent is gone (it has been given another parent)."""
    import threading
    import time

    parent = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(every)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="factcheck-parent-watch", daemon=True).start()


class LocalPool:
    """``--workers N``: N worker processes (spawned, so no model library state is forked), each loading the
    models once; up to two blocks per worker in flight. If a worker dies, the blocks that were in flight are
    run again one at a time in a fresh pool: the one that kills its worker alone is recorded as FCE138."""

    name = "local"

    def __init__(self, spec: WorkerSpec, workers: int) -> None:
        import multiprocessing

        self.spec, self.workers = spec, workers
        self._context = multiprocessing.get_context("spawn")
        self.pool = self._start()

    def _start(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=self.workers, mp_context=self._context,
                                   initializer=_worker_start, initargs=(self.spec,))

    def run(self, blocks: Iterable[Block]) -> Iterator[Records]:
        source = iter(blocks)
        suspects: deque[Block] = deque()
        inflight: dict[Future[Records], tuple[Block, bool]] = {}
        while True:
            if suspects:
                if not inflight:
                    block = suspects.popleft()
                    inflight[self.pool.submit(check_block_in_process, block)] = (block, True)
            else:
                while len(inflight) < 2 * self.workers:
                    block = next(source, [])
                    if not block:
                        break
                    inflight[self.pool.submit(check_block_in_process, block)] = (block, False)
            if not inflight:
                return
            done, _ = wait(inflight, return_when=FIRST_COMPLETED)
            broken = False
            for fut in done:
                block, alone = inflight.pop(fut)
                try:
                    records = fut.result()
                except BrokenProcessPool:
                    broken = True
                    if alone:
                        yield died(block, "a worker process")
                    else:
                        suspects.append(block)
                    continue
                yield records
            if broken:
                suspects.extend(block for block, _ in inflight.values())
                inflight.clear()
                self.pool.shutdown(wait=False, cancel_futures=True)
                self.pool = self._start()

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)

    def abort(self) -> None:
        """Stop now (Ctrl-C, SIGTERM, SIGHUP, an error that stops the batch): the workers are killed rather than
        waited for, since what they hold would not be recorded; no process is left behind."""
        processes = list((getattr(self.pool, "_processes", None) or {}).values())
        self.pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            with contextlib.suppress(OSError, ValueError):
                process.kill()
        for process in processes:
            with contextlib.suppress(OSError, ValueError, AssertionError):
                process.join(timeout=10)


class RayEngine:
    """``--engine ray``: one Ray actor per worker, each loading the models once (its ``__init__``), fed by
    Ray's ``ActorPool``; up to two blocks per actor in flight. ``address``: an existing cluster (or
    ``auto``); None starts a local Ray that ends with the batch. An actor that dies is restarted by Ray and
    its task tried twice more; a block that still fails is split into single stories, and a story that kills
    its worker alone is recorded as FCE138. An actor Ray will not restart (its ``__init__`` failed, its node
    died) or a failure of the cluster stops the batch with FCE136, blaming no story (``_lost``)."""

    name = "ray"

    def __init__(self, spec: WorkerSpec, workers: int | None, address: str | None) -> None:
        try:
            import ray
            from ray.util import ActorPool
        except ImportError as exc:
            raise InputError("--engine ray needs Ray", "pip install \"newsroom-factcheck[ray]\"", "FCE133") from exc
        self._ray = ray
        self._started = False
        if not ray.is_initialized():
            kwargs: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False,
                                      "logging_level": logging.ERROR, "configure_logging": True}
            if address is None:
                kwargs["num_cpus"] = max(cpu_count(), workers or 0)
                kwargs["runtime_env"] = {"env_vars": {"PYTHONPATH": _python_path(spec)}}
            try:
                ray.init(address=address, **kwargs)
            except Exception as exc:
                where = f"the Ray cluster at {address}" if address else "a local Ray"
                raise InputError(f"cannot start or reach {where}: {exc}",
                                 "check --address (host:port of the head node, or auto)", "FCE136") from exc
            self._started = True
        self._printed = _ray_prints(False)
        cpus = int(ray.cluster_resources().get("CPU", 0))
        n = workers or cpus
        if n < 1 or n > cpus:
            self.close()
            raise InputError(f"--workers {n}: the Ray cluster has {cpus} CPUs",
                             f"give at most {cpus} workers, or leave --workers out to use them all", "FCE136")
        per = max(1, cpus // n)
        if spec.threads is None:
            from dataclasses import replace

            spec = replace(spec, threads=per)
        actor = ray.remote(num_cpus=per, max_restarts=-1, max_task_retries=2)(WorkerState)
        self.workers = n
        self.pool = ActorPool([actor.remote(spec) for _ in range(n)])

    def run(self, blocks: Iterable[Block]) -> Iterator[Records]:
        ray = self._ray
        refs: dict[str, tuple[Any, Block]] = {}   # a block's first story -> its task and the block
        pending = 0

        def submit(block: Block) -> None:
            nonlocal pending

            def call(a: Any, b: Block) -> Any:
                ref = a.check_block.remote(b)
                refs[b[0].story] = (ref, b)
                return ref

            self.pool.submit(call, block)
            pending += 1

        def collect() -> Records | None:
            """The next block's records; None when a block of several stories died and they were
            submitted again one by one (only the story that kills its worker alone is recorded as FCE138)."""
            nonlocal pending
            pending -= 1
            gone = getattr(ray.exceptions, "ActorDiedError", ())
            try:
                records: Records = self.pool.get_next_unordered()
            except gone as exc:
                raise _lost("a Ray worker is gone for good", exc) from exc
            except StopIteration as exc:   # every worker gone: nothing left to run the rest on
                raise _lost("no Ray worker is left", exc) from exc
            except ray.exceptions.RayActorError:
                block = self._dead_block(refs)
                if len(block) == 1:
                    return died(block, "a Ray worker")
                for story in block:
                    submit([story])
                return None
            except ray.exceptions.RayError as exc:   # the cluster itself failed (an object lost, a node died)
                raise _lost("the Ray cluster failed", exc) from exc
            del refs[records[0]["story"]]
            return records

        for block in blocks:
            while pending >= 2 * self.workers:
                if (done := collect()) is not None:
                    yield done
            submit(block)
        while pending:
            if (done := collect()) is not None:
                yield done

    def _dead_block(self, refs: dict[str, tuple[Any, Block]]) -> Block:
        ray = self._ray
        ready, _ = ray.wait([r for r, _ in refs.values()], num_returns=len(refs), timeout=0)
        for first, (ref, block) in list(refs.items()):
            if ref in ready:
                try:
                    ray.get(ref)
                except ray.exceptions.RayActorError:
                    del refs[first]
                    return block
        raise RuntimeError("a Ray worker died, but no task says so")  # pragma: no cover

    def close(self) -> None:
        if self._started:
            self._ray.shutdown()
            self._started = False
        _ray_prints(self._printed)

    abort = close


def _lost(what: str, exc: BaseException) -> InputError:
    """FCE136 for a worker that Ray will not bring back (it could not start, or its node or the driver's is
    gone) or a cluster that failed: no story is to blame, so none is recorded as failed. The batch stops with
    every record it made kept; the same command resumes with the stories that were in flight."""
    text = re.sub(r"\x1b\[[0-9;]*m", "", str(exc))   # Ray colours the traceback it quotes
    lines = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("\t")]
    if getattr(exc, "actor_init_failed", False) and lines:
        reason = f"it could not start: {lines[-1]}"   # the exception its __init__ raised
    else:
        base = getattr(type(exc), "BASE_ERROR_MSG", None)
        reason = " ".join(ln for ln in lines if ln != base)[:300] or type(exc).__name__
    return InputError(f"{what} ({reason}); the stories it held are not recorded",
                      "run the same command again to check them and the rest (a worker that cannot start: check "
                      "that factcheck and its models are installed on every node)", "FCE136")


def _ray_prints(on: bool) -> bool:
    """Whether Ray's driver prints what the raylet reports (a worker that died, a task tried again: many lines,
    on standard output, whatever ``log_to_driver`` says), set to ``on``; the old setting is returned. The batch
    records such a death itself (FCE138) and, as library code, prints nothing. Ray has no public switch for it:
    this is the one its debugger uses, left alone where a Ray lacks it."""
    try:
        from ray._private import worker
    except ImportError:  # pragma: no cover - another Ray
        return True
    was = bool(getattr(worker, "_worker_logs_enabled", True))
    if hasattr(worker, "_worker_logs_enabled"):
        worker._worker_logs_enabled = on
    return was


def _python_path(spec: WorkerSpec) -> str:
    """PYTHONPATH for local Ray workers: where this factcheck (and a test's models factory) is imported from."""
    import factcheck

    roots = [str(Path(factcheck.__file__).resolve().parent.parent)]
    if spec.models_factory:
        module = spec.models_factory.partition(":")[0]
        mod = sys.modules.get(module)
        if mod is None:
            import importlib

            mod = importlib.import_module(module)
        path = Path(mod.__file__ or "").resolve()
        for _ in module.split("."):
            path = path.parent
        roots.append(str(path))
    roots += [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    return os.pathsep.join(dict.fromkeys(roots))


def start_engine(engine: str, spec: WorkerSpec, workers: int | None, address: str | None) -> Any:
    if engine == "ray":
        return RayEngine(spec, workers, address)
    if engine != "local":
        raise InputError(f"unknown engine {engine!r}", "use local or ray", "FCE136")
    if address is not None:
        raise InputError("--address is for --engine ray", "add --engine ray, or leave --address out", "FCE136")
    n = cpu_count() if workers is None else workers
    if n == 0:
        return InProcess(spec)
    return LocalPool(spec, n)


__all__ = ["FactcheckError", "InProcess", "LocalPool", "RayEngine", "start_engine"]
