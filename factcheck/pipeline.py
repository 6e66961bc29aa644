"""``check_versions``: the Python API for one comparison, a thin layer over ``factcheck.checker.Checker``."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from factcheck.checker import Checker, Progress
from factcheck.findings.policy import Policy
from factcheck.inputs.limits import Limits
from factcheck.inputs.order import OrderSpec, parse_order
from factcheck.inputs.versions import DEFAULT_MAX_BYTES, Version
from factcheck.models.cache import ResultCache
from factcheck.models.config import ModelsConfig
from factcheck.models.loaded import Models
from factcheck.report import Report


def check_versions(
    versions: Mapping[str, str] | Iterable[str | os.PathLike[str]] | Sequence[Version],
    models: str | Path | ModelsConfig | Models | None = None,
    fail_on: str = "error",
    progress: Progress | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    thresholds: Mapping[str, float] | None = None,
    checks: Iterable[str] | None = None,
    policy: Policy | None = None,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    exit_zero: bool = False,
    cache: ResultCache | None = None,
    limits: Limits | None = None,
    follow_links: bool = False,
    allow_unrelated: bool = False,
    judge: bool = True,
    order: str | Sequence[str] | OrderSpec | None = None,
) -> Report:
    """Compare versions of one story and return the Report.

    ``versions``: a mapping of name -> text, paths (folders or files), or Version objects.
    ``models``: a models.yaml path, a parsed config, loaded Models, or None for the default.
    ``checks``: names of the targeted checks to run (default: all of ``factcheck.checker.EVIDENCE``).
    ``policy``: enabled rules, severities, inline suppressions and a baseline (default: all rules).
    ``include``/``exclude``: globs that choose the files inside folders.
    ``cache``: where embeddings and NLI scores are kept between runs; with every result cached, no
    model is loaded at all. Injected ``Models`` are never cached.
    ``limits``: most versions, sentences per version and characters per version (InputError past them).
    ``follow_links``: read links in folders whose targets are outside the folder (skipped by default).
    ``allow_unrelated``: compare versions that look like different stories (noted in the report)
    instead of raising InputError FCE125.
    ``judge``: let the edit judge decide the changed slots it can read (default); False leaves every
    changed slot to the NLI model, as before the judge.
    ``order``: the versions' order in time: "name", "given", "mtime" or the names in order (default: a
    folder's files by name, files and a mapping as given; Version objects by their ``order``).
    """
    spec = order if isinstance(order, OrderSpec) or order is None else parse_order(order, "order")
    return Checker(models=models, fail_on=fail_on, progress=progress, max_bytes=max_bytes,
                   thresholds=dict(thresholds or {}), checks=None if checks is None else list(checks),
                   policy=policy or Policy(), include=include, exclude=exclude, exit_zero=exit_zero, cache=cache,
                   limits=limits or Limits(), follow_links=follow_links, allow_unrelated=allow_unrelated,
                   judge=judge, order=spec).check(versions)
