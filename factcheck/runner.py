"""Runs behind the CLI: which versions to compare (folders, git revisions, a branch diff), the
settings and baseline to apply, and one Report per comparison. Library code: no printing."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from factcheck.baseline import read_baseline, write_baseline
from factcheck.cache import ResultCache
from factcheck.errors import InputError
from factcheck.gitsource import changed_files, repo_root, versions_at, versions_in_range
from factcheck.overwrite import refuse_overwrite
from factcheck.report import Report
from factcheck.settings import Settings
from factcheck.versions import Version, expand_paths, wanted

Progress = Callable[[str, int, int], None]
Source = Sequence[Version] | Sequence[str]


@dataclass(frozen=True)
class RunOptions:
    settings: Settings
    exit_zero: bool = False
    write_baseline: Path | None = None   # record the findings there instead of applying a baseline
    cache_dir: Path | None = None        # None: the default cache folder
    no_cache: bool = False
    allow_unrelated: bool = False        # compare versions that look like different stories


def check_sources(paths: Sequence[str], git: bool = False, git_range: str | None = None,
                  settings: Settings | None = None) -> list[Source]:
    """``factcheck check``: one comparison. With ``git``, ``paths`` is REV... PATH (one REV: against
    the working tree); with ``git_range``, ``paths`` is the one file."""
    s = settings or Settings()
    max_bytes, limits = s.max_bytes, s.limits()
    if git and git_range:
        raise InputError("--git and --git-range cannot be combined", "use one of them", "FCE115")
    if git_range is not None:
        if len(paths) != 1:
            raise InputError("--git-range takes exactly one file", "e.g. --git-range main..HEAD story.md", "FCE115")
        return [versions_in_range(paths[0], git_range, max_bytes, limits)]
    if git:
        if len(paths) < 2:
            raise InputError("--git needs revisions and then a file", "e.g. --git HEAD~2 HEAD story.md", "FCE115")
        *revs, path = paths
        targets: list[str | None] = list(revs) if len(revs) > 1 else [revs[0], None]
        return [versions_at(path, targets, max_bytes, limits)]
    return [list(paths)]


def diff_branch_sources(base: str, paths: Sequence[str], settings: Settings | None = None) -> list[Source]:
    """``factcheck diff-branch``: each changed draft under ``paths`` against its version on ``base``."""
    s = settings or Settings()
    root = repo_root(Path(paths[0]) if paths else Path.cwd())
    files = [f for f in changed_files(base, paths) if wanted(f, root, s.include, s.exclude)]
    return [versions_at(f, [base, None], s.max_bytes, s.limits()) for f in files]


def refuse_overwriting_inputs(sources: Sequence[Source], settings: Settings, output: Path | None,
                              write_baseline: Path | None) -> None:
    """FCE121 when ``--output`` or ``--write-baseline`` would replace a version being read, a settings,
    models or baseline file, or each other."""
    inputs: list[tuple[str, Path | None]] = []
    for src in sources:
        if src and all(isinstance(v, Version) for v in src):
            inputs += [("a version read", Path(v.path)) for v in src
                       if isinstance(v, Version) and v.revision is None and v.path]
        else:
            inputs += [("a version read", f) for f in expand_paths([str(p) for p in src], settings.include,
                                                                 settings.exclude, settings.follow_links)]
    inputs += [("the settings file", settings.source), ("the models file", settings.models)]
    if write_baseline is None:
        inputs.append(("the baseline", settings.baseline))
    refuse_overwrite([("--output", output), ("--write-baseline", write_baseline)], inputs, "FCE121")


def run_checks(sources: Sequence[Source], options: RunOptions, models: object = None,
               progress: Progress | None = None) -> list[Report]:
    """One Report per source, with the settings' policy and baseline applied (or the baseline written)."""
    from factcheck.pipeline import Models, check_versions

    s = options.settings
    baseline = None
    if s.baseline is not None and options.write_baseline is None:
        baseline = read_baseline(s.baseline)
    policy = s.policy(baseline)
    chosen = models if isinstance(models, Models) else s.models
    cache = None if options.no_cache else ResultCache(options.cache_dir)
    try:
        reports = [check_versions(src, models=chosen, fail_on=s.fail_on, progress=progress, max_bytes=s.max_bytes,
                                  thresholds=dict(s.thresholds), policy=policy, include=s.include,
                                  exclude=s.exclude, exit_zero=options.exit_zero or options.write_baseline is not None,
                                  cache=cache, allow_unrelated=options.allow_unrelated, limits=s.limits(),
                                  follow_links=s.follow_links)
                   for src in sources]
    finally:
        if cache is not None:
            cache.close()
    if options.write_baseline is not None:
        write_baseline(options.write_baseline, [f for r in reports for f in r.findings])
    return reports


def exit_code(reports: Sequence[Report]) -> int:
    return max((r.exit_code() for r in reports), default=0)
