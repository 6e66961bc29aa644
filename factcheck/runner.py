"""Runs behind the CLI: the settings and baseline to apply, one Report per comparison (``Checker.pipe``),
the baseline written. Which versions to compare is ``inputs.sources``. Library code: no printing."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from factcheck.findings.baseline import read_baseline, write_baseline
from factcheck.inputs.sources import Source
from factcheck.models.cache import ResultCache
from factcheck.report import Report
from factcheck.settings import Settings

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class RunOptions:
    settings: Settings
    exit_zero: bool = False
    write_baseline: Path | None = None   # record the findings there instead of applying a baseline
    cache_dir: Path | None = None        # None: the default cache folder
    no_cache: bool = False
    allow_unrelated: bool = False        # compare versions that look like different stories


def run_checks(sources: Sequence[Source], options: RunOptions, models: object = None,
               progress: Progress | None = None) -> list[Report]:
    """One Report per source, with the settings' policy and baseline applied (or the baseline written)."""
    from factcheck.checker import Checker
    from factcheck.models.loaded import Models

    s = options.settings
    baseline = None
    if s.baseline is not None and options.write_baseline is None:
        baseline = read_baseline(s.baseline)
    cache = None if options.no_cache else ResultCache(options.cache_dir)
    checker = Checker.from_settings(s, baseline=baseline, models=models if isinstance(models, Models) else s.models,
                                    progress=progress, cache=cache, allow_unrelated=options.allow_unrelated,
                                    exit_zero=options.exit_zero or options.write_baseline is not None)
    try:
        reports = list(checker.pipe(sources))
    finally:
        if cache is not None:
            cache.close()
    if options.write_baseline is not None:
        write_baseline(options.write_baseline, [f for r in reports for f in r.findings])
    return reports


def exit_code(reports: Sequence[Report]) -> int:
    return max((r.exit_code() for r in reports), default=0)
