"""The commands: each a few lines that turn options into settings, call the library and write the result.

torch, transformers and sentence-transformers are imported only when a check runs.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from factcheck.cli.app import app
from factcheck.cli.options import Common, Format, Reporting, shared
from factcheck.cli.output import emit, one_line_errors, say


def _run(sources: list[Any], options: Any, quiet: bool) -> list[Any]:
    from factcheck.cli.progress import progress_bar
    from factcheck.runner import run_checks

    with progress_bar(enabled=not quiet and sys.stderr.isatty()) as progress:
        return run_checks(sources, options, progress=progress)


@app.command()
@shared(Reporting, Common)
def check(
    paths: Annotated[list[str], typer.Argument(
        help="A folder of versions, or two or more files. With --git: REV... FILE.", show_default=False)],
    follow_links: Annotated[bool, typer.Option(
        "--follow-links", help="Read links in a folder (or named) whose target is outside their folder; by "
        "default they are skipped with a note. For a person at a terminal, not for CI.")] = False,
    write_baseline: Annotated[Path | None, typer.Option(
        "--write-baseline", help="Record the current findings in FILE (exit 0); later runs with --baseline FILE "
        "report only new ones.")] = None,
    git: Annotated[bool, typer.Option("--git", help="Take the versions of FILE from git: check --git REV1 [REV2 ...] "
                                      "FILE (one REV: against the working tree).")] = False,
    git_range: Annotated[str | None, typer.Option("--git-range", help="Take the versions of FILE from each commit "
                                                  "in a range, e.g. main..HEAD.")] = None,
    *, reporting: Reporting, common: Common,
) -> None:
    """Compare the versions and report what contradicts what."""
    from factcheck.inputs.sources import check_sources, refuse_overwriting_inputs
    from factcheck.runner import exit_code

    with one_line_errors():
        settings = common.settings(paths[-1:] if git or git_range else paths, baseline=reporting.baseline,
                                   follow_links=follow_links or None)
        sources = check_sources(paths, settings, git, git_range)
        refuse_overwriting_inputs(sources, settings, reporting.output, write_baseline)
        reports = _run(sources, _options(common, settings, write_baseline), common.quiet)
        emit(reports, reporting.format.value, reporting.output, reporting.verbose)
        if write_baseline is not None:
            n = sum(len(r.findings) for r in reports)
            say(f"wrote {n} finding(s) to the baseline {write_baseline}")
    raise typer.Exit(exit_code(reports))


@app.command("diff-branch")
@shared(Reporting, Common)
def diff_branch(
    base: Annotated[str, typer.Argument(help="The base revision, e.g. main or origin/main.", show_default=False)],
    paths: Annotated[list[str] | None, typer.Argument(
        help="Drafts or folders to look in [default: the current folder].", show_default=False)] = None,
    *, reporting: Reporting, common: Common,
) -> None:
    """Check each draft that differs from BASE against its version on BASE (no checkout is touched)."""
    from factcheck.inputs.sources import diff_branch_sources, refuse_overwriting_inputs
    from factcheck.runner import exit_code

    with one_line_errors():
        targets = paths or ["."]
        settings = common.settings(targets, baseline=reporting.baseline)
        sources = diff_branch_sources(base, targets, settings)
        refuse_overwriting_inputs(sources, settings, reporting.output, None)
        if not sources:
            say(f"no changed drafts against {base}")
        reports = _run(sources, _options(common, settings, None), common.quiet)
        if reports or reporting.format is not Format.text:
            emit(reports, reporting.format.value, reporting.output, reporting.verbose)
    raise typer.Exit(exit_code(reports))


def _options(common: Common, settings: Any, write_baseline: Path | None) -> Any:
    from factcheck.runner import RunOptions

    return RunOptions(settings, common.exit_zero, write_baseline, common.cache_dir, common.no_cache,
                      common.allow_unrelated)


class Engine(StrEnum):
    local = "local"
    ray = "ray"


@app.command()
@shared(Common)
def batch(
    input: Annotated[Path, typer.Argument(
        help="A folder of story folders, or a table of versions (.jsonl, .csv or .parquet).", show_default=False)],
    output: Annotated[Path, typer.Option(
        "--output", "-o", help="JSON Lines, one record per story; a re-run with the same file skips the stories "
        "already in it. The summary goes beside it (OUT.summary.json).", show_default=False)],
    engine: Annotated[Engine, typer.Option("--engine", help="local: a pool of worker processes; ray: Ray "
                                           "(pip install \"factcheck[ray]\").")] = Engine.local,
    workers: Annotated[int | None, typer.Option(
        "--workers", min=0, help="Worker processes [default: one per CPU; ray: one per CPU of the cluster]; "
        "0: check in this process.", show_default=False)] = None,
    address: Annotated[str | None, typer.Option(
        "--address", help="Ray cluster to use (host:port, or auto) [default: start a local Ray].")] = None,
    column: Annotated[list[str] | None, typer.Option(
        "--column", help="ROLE=NAME: the table's column for story, version, text, title or source (repeat).")] = None,
    findings: Annotated[Path | None, typer.Option(
        "--findings", help="Also write every finding, one row each, to this Parquet file.")] = None,
    *, common: Common,
) -> None:
    """Check every story of an archive; one JSON record per story, then a summary."""
    from factcheck.batch import BatchOptions, run_batch
    from factcheck.batch.read import parse_column_flags
    from factcheck.cli.progress import batch_progress_bar

    with one_line_errors():
        settings = common.settings([str(input)])
        options = BatchOptions(settings, engine.value, workers, address, parse_column_flags(column or []), findings,
                               common.cache_dir, common.no_cache, common.allow_unrelated, common.exit_zero)
        with batch_progress_bar(enabled=not common.quiet and sys.stderr.isatty()) as progress:
            result = run_batch(input, output, options, progress)
        typer.echo(_batch_summary_line(result.summary, result.summary_path))
    raise typer.Exit(result.exit_code)


def _batch_summary_line(summary: dict[str, Any], path: Path) -> str:
    st, run, fs = summary["stories"], summary["run"], summary["findings"]["by_severity"]
    failed = ", ".join(f"{code} x{n}" for code, n in summary["failures"]["by_code"].items())
    return (f"factcheck batch: {run['recorded']} stories recorded now, {run['skipped']} already recorded; in all "
            f"{st['checked']} checked, {st['failed']} failed{f' ({failed})' if failed else ''}, "
            f"{st['not_recorded']} not recorded; findings: {fs['error']} errors, {fs['warning']} warnings, "
            f"{fs['info']} info in {st['with_findings']} stories; summary: {path}")


@app.command()
def rules() -> None:
    """List the rules: id, name, default severity and what each means."""
    from factcheck.findings.rules import RULES

    for rule in RULES.values():
        typer.echo(f"{rule.id}  {rule.name:<32} {rule.severity.value:<8} {rule.summary}")


