"""Which versions to compare: folders and files as given, revisions of a file from git, each draft a
branch changed; and no output path that would replace one of them."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from factcheck.errors import InputError
from factcheck.inputs.git import changed_files, repo_root, versions_at, versions_in_range
from factcheck.inputs.overwrite import refuse_overwrite
from factcheck.inputs.versions import Version, expand_paths, wanted

if TYPE_CHECKING:   # settings are read by the caller; no runtime arrow from inputs up to them
    from factcheck.settings import Settings

Source = Sequence[Version] | Sequence[str]


def check_sources(paths: Sequence[str], settings: Settings, git: bool = False,
                  git_range: str | None = None) -> list[Source]:
    """``factcheck check``: one comparison. With ``git``, ``paths`` is REV... PATH (one REV: against
    the working tree); with ``git_range``, ``paths`` is the one file."""
    s = settings
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


def diff_branch_sources(base: str, paths: Sequence[str], settings: Settings) -> list[Source]:
    """``factcheck diff-branch``: each changed draft under ``paths`` against its version on ``base``."""
    s = settings
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
