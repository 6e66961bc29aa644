"""Runs behind the CLI: the settings and baseline to apply, one Report per comparison (``Checker.pipe``),
the baseline written. Which versions to compare is ``inputs.sources``. Library code: no printing.

Settings read at a revision (``Settings.tree``: diff-branch's base) have their baseline and models file
read there too; the draft's own baseline (the working tree's file) then only says what the change under
review accepts (``Policy.accepted``: FC402), never hides a finding silently."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from factcheck.errors import ConfigError
from factcheck.findings.baseline import (
    Baseline,
    parse_baseline,
    read_baseline,
    read_entries,
    recordable,
    write_baseline,
)
from factcheck.findings.finding import Finding
from factcheck.findings.policy import Policy
from factcheck.inputs.limits import MAX_BASELINE_BYTES
from factcheck.inputs.regular_file import MISSING, FileProblem, read_regular
from factcheck.inputs.sources import Source
from factcheck.inputs.versions import shown
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
    # ``factcheck accept``: record each draft's findings in ``write_baseline``, replacing that draft's
    # entries and keeping the others; drafts are named by their path from this folder (the repository's)
    accept_root: Path | None = None


def run_checks(sources: Sequence[Source], options: RunOptions, models: object = None,
               progress: Progress | None = None) -> list[Report]:
    """One Report per source, with the settings' policy and baseline applied (or the baseline written)."""
    from factcheck.checker import Checker
    from factcheck.models.loaded import Models

    s = options.settings
    policy, about = _policy(s, options.write_baseline is None), s.describe()
    about["baseline"] = _about_baseline(s, policy)
    if not isinstance(models, Models):
        models = s.models
        if s.tree is not None and s.models is not None:
            from factcheck.models.config import load_models_config

            models = load_models_config(s.models, s.read)
    cache = None if options.no_cache else ResultCache(options.cache_dir)
    checker = Checker.from_settings(s, policy=policy, models=models, progress=progress, cache=cache,
                                    allow_unrelated=options.allow_unrelated, about=about,
                                    exit_zero=options.exit_zero or options.write_baseline is not None)
    try:
        reports = list(checker.pipe(sources))
    finally:
        if cache is not None:
            cache.close()
    if options.write_baseline is not None and options.accept_root is not None:
        accept(options.write_baseline, reports, options.accept_root)
    elif options.write_baseline is not None:
        write_baseline(options.write_baseline, [f for r in reports for f in r.findings])
    return reports


def accept(path: Path, reports: Sequence[Report], root: Path) -> tuple[int, int]:
    """Record each report's findings in the baseline at ``path`` under its draft (the working-tree version,
    named by its path from ``root``), replacing the entries that draft had and keeping every other entry.
    The findings about the review itself (FC401, FC402) are never recorded. (findings, drafts) recorded."""
    findings: list[Finding] = []
    drafts: dict[int, str] = {}
    for r in reports:
        draft = next((v.path for v in r.versions if v.revision is None and v.path), None)
        if draft is None:
            continue
        name = Path(os.path.relpath(os.path.abspath(draft), root)).as_posix()
        for f in r.findings:
            if recordable(f):
                findings.append(f)
                drafts[id(f)] = name
    named = set(drafts.values()) | {Path(os.path.relpath(os.path.abspath(v.path), root)).as_posix()
                                    for r in reports for v in r.versions if v.revision is None and v.path}
    keep = [e for e in read_entries(path) if e.get("draft") not in named]
    write_baseline(path, findings, keep, drafts)
    return len(findings), len(named)


def _policy(s: Settings, apply_baseline: bool) -> Policy:
    """The settings' policy with their baseline (none where one is being written). Settings read at a
    revision take the baseline at that revision; the working tree's file, whose entries the change under
    review may have added, only says what the change accepts (``Policy.accepted``)."""
    if s.baseline is None or not apply_baseline:
        return s.policy()
    if s.tree is None:
        return s.policy(read_baseline(s.baseline))
    base = _read_baseline(s.baseline, s.read, f"{s.baseline} at {s.tree.rev}")
    draft = _read_baseline(s.baseline, read_regular, str(s.baseline))
    return replace(s.policy(base), accepted=draft if draft else None,
                   accepted_from=f"{shown(s.baseline)} in the working tree (the baseline at {s.tree.rev} lacks it)")


def _about_baseline(s: Settings, policy: Policy) -> dict[str, Any] | None:
    """The baseline a report names: its file, where it was read, its entries, and the entries the change
    under review adds."""
    if s.baseline is None:
        return None
    added = len(policy.accepted.fingerprints - policy.baseline.fingerprints) if policy.accepted else 0
    return {"file": shown(s.baseline), "revision": s.tree.rev if s.tree else None,
            "entries": len(policy.baseline), "added": added}


def _read_baseline(path: Path, read: Callable[[Path, int], bytes], where: str) -> Baseline:
    """A baseline read with ``read``; one that is not there is empty (the change may add the first)."""
    try:
        raw = read(path, MAX_BASELINE_BYTES)
    except FileProblem as exc:
        if exc.kind == MISSING:
            return Baseline()
        raise ConfigError(f"baseline {path} {exc.reason}", "write it again with --write-baseline", "FCE220") from exc
    return parse_baseline(raw, where)


def exit_code(reports: Sequence[Report]) -> int:
    return max((r.exit_code() for r in reports), default=0)

