"""The per-story work, the same in every engine: one process (a pool worker, a Ray actor or the caller's
own) sets itself up once with ``WorkerState`` (models loaded on first need and kept, one cache connection),
then checks blocks of stories. Every story gives one record; nothing a story does stops the others."""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factcheck.batch.read import StoryInput
from factcheck.errors import FactcheckError, InputError
from factcheck.settings import Settings


@dataclass(frozen=True)
class WorkerSpec:
    """Everything a worker needs, picklable: the settings and the batch's own options."""

    settings: Settings
    cache_dir: str | None = None
    no_cache: bool = False
    allow_unrelated: bool = False
    exit_zero: bool = False
    # "module:function" returning factcheck.models.loaded.Models, called once per worker instead of loading
    # the configured models (tests use it: a worker process does not inherit the caller's monkeypatching)
    models_factory: str | None = None
    cwd: str | None = None       # paths in reports are relative to this folder, as with factcheck check
    threads: int | None = None   # the model runtime's threads per worker (None: its default, one per core)


def load_factory(dotted: str) -> Callable[[], Any]:
    module, _, name = dotted.partition(":")
    if not module or not name:
        raise ValueError(f"models factory {dotted!r}: expected module:function")
    fn = getattr(importlib.import_module(module), name)
    if not callable(fn):
        raise ValueError(f"models factory {dotted!r} is not callable")
    return fn


class WorkerState:
    """One per process: the models (through the pipeline's per-process model cache) and the result cache."""

    def __init__(self, spec: WorkerSpec) -> None:
        self.spec = spec
        if spec.cwd and Path(spec.cwd).is_dir() and os.getcwd() != spec.cwd:
            os.chdir(spec.cwd)   # a worker started elsewhere (a Ray node) names files as the caller does
        if spec.threads:
            _set_threads(spec.threads)
        self.models: Any = None
        if spec.models_factory:
            self.models = load_factory(spec.models_factory)()
        elif spec.settings.models is not None:
            self.models = Path(spec.settings.models)
        self.cache: Any = None
        if not spec.no_cache and not spec.models_factory:
            from factcheck.models.cache import ResultCache

            self.cache = ResultCache(spec.cache_dir)
        from factcheck.checker import Checker

        self.checker = Checker.from_settings(spec.settings, models=self.models, cache=self.cache,
                                             exit_zero=spec.exit_zero, allow_unrelated=spec.allow_unrelated)

    def check_block(self, block: Sequence[StoryInput]) -> list[dict[str, Any]]:
        return [self.check_story(story) for story in block]

    def check_story(self, story: StoryInput) -> dict[str, Any]:
        """The story's record: ``status`` checked (with the report) or failed (with the error)."""
        head: dict[str, Any] = {"story": story.story}
        if story.source is not None:
            head["source"] = story.source
        try:
            report = self._check(story)
        except FactcheckError as exc:
            return {**head, "status": "failed", "error": {"code": exc.code, "message": exc.one_line()}}
        except Exception as exc:  # noqa: BLE001 - one story's bug or exhaustion must not stop the batch
            message = f"FCE137: internal error: {exc.__class__.__name__}: {exc} (please report this story)"
            return {**head, "status": "failed", "error": {"code": "FCE137", "message": " ".join(message.split())}}
        data = report.to_dict()
        return {**head, "status": "checked", "exit_code": data["summary"]["exit_code"], "report": data}

    def _check(self, story: StoryInput) -> Any:
        s = self.spec.settings
        if story.problem is not None:
            raise InputError(story.problem[1], "", story.problem[0])
        if story.folder is not None:
            return self.checker.check([story.folder])
        limits = self.checker.limits
        limits.check_versions(len(story.versions))
        versions = [_version(vid, text, title, s.max_bytes, limits) for vid, text, title in story.versions]
        for n, v in enumerate(versions):   # the version column's order (2 before 10), not the ids' ("10" < "2")
            v.order = n
        return self.checker.check(versions)

    def close(self) -> None:
        if self.cache is not None:
            self.cache.close()
            self.cache = None


def _version(vid: str, text: str | bytes | None, title: str | None, max_bytes: int, limits: Any) -> Any:
    """A table row as a Version: bytes are decoded like a file's (detected encodings, with a warning),
    a title becomes the first paragraph, as a wire item's headline does."""
    from factcheck.inputs.versions import check_size, version_from_bytes

    if text is None:
        text = ""
    data = text if isinstance(text, bytes) else text.encode("utf-8", errors="surrogatepass")
    if title:
        data = title.encode("utf-8", errors="surrogatepass") + b"\n\n" + data
    check_size(vid, len(data), max_bytes)
    return version_from_bytes(data, vid, ".txt", None, empty_hint="the row's text is empty", max_bytes=max_bytes,
                              limits=limits)


def _set_threads(n: int) -> None:
    """Threads for the model libraries: the variables they read when they load (onnxruntime's sessions read
    OMP_NUM_THREADS through ``models.bert_onnx.threads``), and torch's own setting if it is loaded already
    (importing it here would cost seconds for fake models)."""
    for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = str(n)
    torch = sys.modules.get("torch")
    if torch is not None:
        torch.set_num_threads(n)


# --- the entry points of a pool process ---------------------------------------------------------------

_STATE: WorkerState | None = None


def init_process(spec: WorkerSpec) -> None:
    """A pool process's initializer: set up once, keep for every block it is given."""
    global _STATE
    _STATE = WorkerState(spec)


def check_block_in_process(block: Sequence[StoryInput]) -> list[dict[str, Any]]:
    if _STATE is None:  # pragma: no cover - the pool always runs init_process first
        raise RuntimeError("worker not initialised")
    return _STATE.check_block(block)
