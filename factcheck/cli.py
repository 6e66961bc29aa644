"""The command line: a thin layer over factcheck.check_versions.

Exit codes: 0 no finding at or above --fail-on, 1 findings, 2 usage, input or model error.
torch, transformers and sentence-transformers are imported only when a check runs.
Everything printed to stderr passes through ``factcheck.terminal`` (no escape sequence gets through).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from factcheck import __version__
from factcheck.errors import FactcheckError
from factcheck.terminal import one_line

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="Check versions of a news story against each other for changed facts.")


class Format(StrEnum):
    text = "text"
    json = "json"
    sarif = "sarif"
    junit = "junit"
    github = "github"
    markdown = "markdown"
    html = "html"


class FailOn(StrEnum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


def say(message: str) -> None:
    """One line on stderr, made safe for a terminal."""
    typer.echo(f"factcheck: {one_line(message)}", err=True)


def fail(message: str) -> NoReturn:
    say(f"error: {message}")
    raise typer.Exit(2)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"factcheck {__version__}")
        raise typer.Exit(0)


@app.callback()
def main(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                               help="Show the version and exit.")] = False) -> None:
    """factcheck: a fact-consistency checker for versions of a news story."""


# options shared by check and diff-branch
FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
OutputOpt = Annotated[Path | None, typer.Option("--output", "-o", help="Write the report to FILE.")]
FailOnOpt = Annotated[FailOn | None, typer.Option(
    "--fail-on", help="Lowest severity that makes the exit code 1 [default: error, or the config's fail-on].",
    show_default=False)]
ExitZeroOpt = Annotated[bool, typer.Option("--exit-zero",
                                           help="Exit 0 even with findings (input errors still exit 2).")]
ModelsOpt = Annotated[Path | None, typer.Option("--models", help="A models.yaml to use instead of the default.")]
MaxBytesOpt = Annotated[int | None, typer.Option("--max-bytes", min=1, show_default=False,
                                                 help="Refuse files larger than this [default: 5 MB].")]
MaxVersionsOpt = Annotated[int | None, typer.Option("--max-versions", min=2, show_default=False,
                                                    help="Refuse more versions than this in one comparison "
                                                    "[default: 200].")]
MaxSentencesOpt = Annotated[int | None, typer.Option("--max-sentences", min=1, show_default=False,
                                                     help="Refuse a version of more sentences [default: 20000].")]
MaxCharsOpt = Annotated[int | None, typer.Option("--max-chars", min=1, show_default=False,
                                                 help="Refuse a version of more characters of text "
                                                 "[default: 2000000].")]
ConfigOpt = Annotated[Path | None, typer.Option(
    "--config", help="Settings file (factcheck.toml, or pyproject.toml with [tool.factcheck]) instead of the "
    "nearest one found upward from the first path.")]
IsolatedOpt = Annotated[bool, typer.Option("--isolated", help="Ignore every settings file.")]
SelectOpt = Annotated[str | None, typer.Option(
    "--select", help="Comma-separated rules to report: ids, prefixes (FC2) or names; replaces the config's.")]
IgnoreOpt = Annotated[str | None, typer.Option("--ignore", help="Comma-separated rules not to report.")]
IncludeOpt = Annotated[list[str] | None, typer.Option("--include", help="Glob of files to read in folders (repeat).")]
ExcludeOpt = Annotated[list[str] | None, typer.Option("--exclude", help="Glob of files to skip in folders (repeat).")]
BaselineOpt = Annotated[Path | None, typer.Option("--baseline", help="Hide the findings recorded in this baseline.")]
WriteBaselineOpt = Annotated[Path | None, typer.Option(
    "--write-baseline", help="Record the current findings in FILE (exit 0); later runs with --baseline FILE "
    "report only new ones.")]
CacheDirOpt = Annotated[Path | None, typer.Option(
    "--cache-dir", help="Keep embeddings and NLI scores here [default: $FACTCHECK_CACHE_DIR or ~/.cache/factcheck].",
    show_default=False)]
NoCacheOpt = Annotated[bool, typer.Option("--no-cache", help="Neither read nor write the cache.")]
AllowUnrelatedOpt = Annotated[bool, typer.Option(
    "--allow-unrelated", help="Compare versions even when one looks like a different story (else exit 2).")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")]
VerboseOpt = Annotated[bool, typer.Option("--verbose", "-v", help="Text: show info findings with their slots too.")]


def _split(value: str | None, option: str) -> tuple[str, ...] | None:
    if value is None:
        return None
    items = tuple(v.strip() for v in value.split(",") if v.strip())
    if not items and option == "--select":
        raise typer.BadParameter("names no rule (give rules, or ALL)", param_hint="'--select'")
    return items


def _settings(targets: list[str], config: Path | None, isolated: bool, fail_on: FailOn | None,
              select: str | None, ignore: str | None, include: list[str] | None, exclude: list[str] | None,
              **flags: Any) -> Any:
    """The settings file's values with every flag that was given put in their place."""
    from factcheck.settings import settings_for

    return settings_for(targets, config, isolated).override(
        fail_on=fail_on and fail_on.value, select=_split(select, "--select"), ignore=_split(ignore, "--ignore"),
        include=tuple(include) if include else None, exclude=tuple(exclude) if exclude else None, **flags)


@contextmanager
def _one_line_errors() -> Iterator[None]:
    """Library errors become one line on stderr and exit code 2."""
    try:
        yield
    except FactcheckError as exc:
        fail(exc.one_line())
    except KeyboardInterrupt:
        fail("interrupted")


def _run(sources: list[Any], options: Any, quiet: bool) -> list[Any]:
    from factcheck.progress import progress_bar
    from factcheck.runner import run_checks

    with progress_bar(enabled=not quiet and sys.stderr.isatty()) as progress:
        return run_checks(sources, options, progress=progress)


def _emit(reports: list[Any], format: Format, output: Path | None, verbose: bool) -> None:
    from factcheck.render import render

    if output is None and sys.stdout is None:
        fail("FCE120: standard output is closed; the report cannot be written (use --output FILE)")
    color = output is None and format is Format.text and sys.stdout.isatty()
    text = render(format.value, reports, color, verbose)
    if output is not None:
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as exc:
            fail(f"FCE120: cannot write {output}: {exc.strerror or exc}")
        return
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except OSError as exc:
        _drop_stdout()
        fail(f"FCE120: cannot write the report to standard output: {exc.strerror or exc}")


def _drop_stdout() -> None:
    """Point stdout at /dev/null, so that the interpreter's last flush cannot fail again."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError):
        pass


@app.command()
def check(
    paths: Annotated[list[str], typer.Argument(
        help="A folder of versions, or two or more files. With --git: REV... FILE.", show_default=False)],
    format: FormatOpt = Format.text,
    output: OutputOpt = None,
    fail_on: FailOnOpt = None,
    exit_zero: ExitZeroOpt = False,
    models: ModelsOpt = None,
    max_bytes: MaxBytesOpt = None,
    max_versions: MaxVersionsOpt = None,
    max_sentences: MaxSentencesOpt = None,
    max_chars: MaxCharsOpt = None,
    follow_links: Annotated[bool, typer.Option(
        "--follow-links", help="Read links in a folder (or named) whose target is outside their folder; by "
        "default they are skipped with a note. For a person at a terminal, not for CI.")] = False,
    config: ConfigOpt = None,
    isolated: IsolatedOpt = False,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    include: IncludeOpt = None,
    exclude: ExcludeOpt = None,
    baseline: BaselineOpt = None,
    write_baseline: WriteBaselineOpt = None,
    git: Annotated[bool, typer.Option("--git", help="Take the versions of FILE from git: check --git REV1 [REV2 ...] "
                                      "FILE (one REV: against the working tree).")] = False,
    git_range: Annotated[str | None, typer.Option("--git-range", help="Take the versions of FILE from each commit "
                                                  "in a range, e.g. main..HEAD.")] = None,
    cache_dir: CacheDirOpt = None,
    no_cache: NoCacheOpt = False,
    allow_unrelated: AllowUnrelatedOpt = False,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
) -> None:
    """Compare the versions and report what contradicts what."""
    from factcheck.runner import RunOptions, check_sources, exit_code, refuse_overwriting_inputs

    with _one_line_errors():
        settings = _settings(paths[-1:] if git or git_range else paths, config, isolated, fail_on, select, ignore,
                             include, exclude, models=models, max_bytes=max_bytes, baseline=baseline,
                             max_versions=max_versions, max_sentences=max_sentences, max_chars=max_chars,
                             follow_links=follow_links or None)
        sources = check_sources(paths, git, git_range, settings)
        refuse_overwriting_inputs(sources, settings, output, write_baseline)
        reports = _run(sources, RunOptions(settings, exit_zero, write_baseline, cache_dir, no_cache, allow_unrelated),
                       quiet)
        _emit(reports, format, output, verbose)
        if write_baseline is not None:
            n = sum(len(r.findings) for r in reports)
            say(f"wrote {n} finding(s) to the baseline {write_baseline}")
    raise typer.Exit(exit_code(reports))


@app.command("diff-branch")
def diff_branch(
    base: Annotated[str, typer.Argument(help="The base revision, e.g. main or origin/main.", show_default=False)],
    paths: Annotated[list[str] | None, typer.Argument(
        help="Drafts or folders to look in [default: the current folder].", show_default=False)] = None,
    format: FormatOpt = Format.text,
    output: OutputOpt = None,
    fail_on: FailOnOpt = None,
    exit_zero: ExitZeroOpt = False,
    models: ModelsOpt = None,
    max_bytes: MaxBytesOpt = None,
    max_versions: MaxVersionsOpt = None,
    max_sentences: MaxSentencesOpt = None,
    max_chars: MaxCharsOpt = None,
    config: ConfigOpt = None,
    isolated: IsolatedOpt = False,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    include: IncludeOpt = None,
    exclude: ExcludeOpt = None,
    baseline: BaselineOpt = None,
    cache_dir: CacheDirOpt = None,
    no_cache: NoCacheOpt = False,
    allow_unrelated: AllowUnrelatedOpt = False,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
) -> None:
    """Check each draft that differs from BASE against its version on BASE (no checkout is touched)."""
    from factcheck.runner import RunOptions, diff_branch_sources, exit_code, refuse_overwriting_inputs

    with _one_line_errors():
        targets = paths or ["."]
        settings = _settings(targets, config, isolated, fail_on, select, ignore, include, exclude,
                             models=models, max_bytes=max_bytes, baseline=baseline, max_versions=max_versions,
                             max_sentences=max_sentences, max_chars=max_chars)
        sources = diff_branch_sources(base, targets, settings)
        refuse_overwriting_inputs(sources, settings, output, None)
        if not sources:
            say(f"no changed drafts against {base}")
        reports = _run(sources, RunOptions(settings, exit_zero, None, cache_dir, no_cache, allow_unrelated), quiet)
        if reports or format is not Format.text:
            _emit(reports, format, output, verbose)
    raise typer.Exit(exit_code(reports))


class Engine(StrEnum):
    local = "local"
    ray = "ray"


@app.command()
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
    fail_on: FailOnOpt = None,
    exit_zero: ExitZeroOpt = False,
    models: ModelsOpt = None,
    max_bytes: MaxBytesOpt = None,
    max_versions: MaxVersionsOpt = None,
    max_sentences: MaxSentencesOpt = None,
    max_chars: MaxCharsOpt = None,
    config: ConfigOpt = None,
    isolated: IsolatedOpt = False,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    include: IncludeOpt = None,
    exclude: ExcludeOpt = None,
    cache_dir: CacheDirOpt = None,
    no_cache: NoCacheOpt = False,
    allow_unrelated: AllowUnrelatedOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Check every story of an archive; one JSON record per story, then a summary."""
    from factcheck.batch import BatchOptions, run_batch
    from factcheck.batch.read import parse_column_flags
    from factcheck.progress import batch_progress_bar

    with _one_line_errors():
        settings = _settings([str(input)], config, isolated, fail_on, select, ignore, include, exclude,
                             models=models, max_bytes=max_bytes, max_versions=max_versions,
                             max_sentences=max_sentences, max_chars=max_chars)
        options = BatchOptions(settings, engine.value, workers, address, parse_column_flags(column or []), findings,
                               cache_dir, no_cache, allow_unrelated, exit_zero)
        with batch_progress_bar(enabled=not quiet and sys.stderr.isatty()) as progress:
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
    from factcheck.rules import RULES

    for rule in RULES.values():
        typer.echo(f"{rule.id}  {rule.name:<32} {rule.severity.value:<8} {rule.summary}")


def run() -> None:
    """Entry point: never a traceback; usage errors and unexpected failures are one line and exit code 2."""
    try:
        code = app(standalone_mode=False)
    except typer.Abort:
        say("error: interrupted")
        sys.exit(2)
    except SystemExit:
        raise
    except Exception as exc:  # noqa: BLE001 - the last line of defence for the CLI
        if type(exc).__name__ == "NoArgsIsHelpError":  # the bare command: its help, as click shows it
            exc.show()  # type: ignore[attr-defined]
        elif callable(getattr(exc, "format_message", None)) and hasattr(exc, "exit_code"):  # click's usage errors
            ctx = getattr(exc, "ctx", None)
            where = f" (see '{ctx.command_path} --help')" if ctx is not None else ""
            say(f"error: {exc.format_message()}{where}")  # type: ignore[attr-defined]
        else:
            say(f"internal error: {exc.__class__.__name__}: {exc} "
                "(please report this with the input that caused it)")
        sys.exit(2)
    sys.exit(code if isinstance(code, int) else 0)
