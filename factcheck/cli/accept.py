"""``factcheck accept``: record the current findings of drafts in the baseline, for an intended change
that no notice names. Each changed draft is compared with its version at BASE (as ``diff-branch`` and
the pre-commit hook compare it); its entries in the baseline are replaced, every other entry is kept.

The baseline is the one the settings name (read as ``diff-branch`` reads them: at BASE), or
``--baseline FILE``. ``diff-branch`` reads the baseline at its base, so an entry this command adds in a
pull request hides nothing there: the finding it accepts is shown to the reviewer as FC402 (info), and
fails the build only where new suppressions are refused.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from factcheck.cli.app import Command, app
from factcheck.cli.options import Common, SettingsFrom, choice, choices, shared
from factcheck.cli.output import one_line_errors, say


@app.command(cls=Command, short_help="Accept the current findings of changed drafts into the baseline.")
@shared(Common)
def accept(
    paths: Annotated[list[str] | None, typer.Argument(
        metavar="PATHS", help="Drafts or folders to look in [default: the current folder].",
        show_default=False)] = None,
    base: Annotated[str, typer.Option(
        "--base", metavar="REV", help="Compare each changed draft with its version at REV, as diff-branch REV "
        "does (the pre-commit hook compares with HEAD; CI with the pull request's base, e.g. origin/main).")] = "HEAD",
    baseline: Annotated[Path | None, typer.Option(
        "--baseline", metavar="FILE", help="The baseline to write [default: the one the settings name].")] = None,
    settings_from: Annotated[SettingsFrom, typer.Option(
        "--settings-from", metavar=choices(SettingsFrom), parser=choice(SettingsFrom),
        help="Where the settings are read, as diff-branch reads them: at the base revision, or in the working "
        "tree.")] = SettingsFrom.base,
    *, common: Common,
) -> None:
    """Accept the current findings of each draft changed since BASE: write them to the baseline."""
    from factcheck.errors import ConfigError
    from factcheck.findings.baseline import recordable
    from factcheck.inputs.git import GitTree, repo_root
    from factcheck.inputs.sources import diff_branch_sources, refuse_overwriting_inputs
    from factcheck.inputs.versions import shown
    from factcheck.runner import RunOptions, run_checks

    with one_line_errors():
        targets = paths or ["."]
        common.check_rules()
        root = repo_root(Path(targets[0]))
        tree = GitTree(root, base) if settings_from is SettingsFrom.base else None
        named = common.settings(targets, tree)
        settings = named.override(baseline=baseline)
        target = settings.baseline
        if target is None:
            at = f" at {base}" if tree is not None else ""
            raise ConfigError(f"no baseline to write: the settings{at} name none",
                              "give --baseline FILE, or name one in the settings (baseline = "
                              "\".factcheck-baseline.json\") in a change of its own, as diff-branch reads them at "
                              "the base", "FCE222")
        sources = diff_branch_sources(base, targets, settings)
        refuse_overwriting_inputs(sources, settings, None, target)
        if not sources:
            say(f"no changed drafts against {base}; {shown(target)} is unchanged")
            raise typer.Exit(0)
        options = RunOptions(settings, True, target, common.cache_dir, common.no_cache, common.allow_unrelated,
                             accept_root=root)
        from factcheck.cli.progress import progress_bar

        with progress_bar(enabled=not common.quiet and sys.stderr.isatty()) as progress:
            reports = run_checks(sources, options, progress=progress)
        n = sum(1 for r in reports for f in r.findings if recordable(f))
        say(f"accepted {n} finding(s) of {len(reports)} draft(s) in {shown(target)}")
        if named.baseline is None or named.baseline.absolute() != target.absolute():
            say(f"note: the settings{f' at {base}' if tree is not None else ''} do not name {shown(target)}: "
                f"diff-branch reads it only with --baseline {shown(target)}")
    raise typer.Exit(0)
