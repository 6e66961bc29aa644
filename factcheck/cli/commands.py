"""The commands: each a few lines that turn options into settings, call the library and write the result.

torch, transformers and sentence-transformers are imported only when a check runs.
"""

from __future__ import annotations

import json
import sys
import textwrap
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from factcheck.cli.app import Command, app
from factcheck.cli.options import Common, Format, Reporting, SettingsFrom, choice, choices, shared, whole
from factcheck.cli.output import emit, one_line_errors, say
from factcheck.text.counted import counted, severity_counts


def _run(sources: list[Any], options: Any, quiet: bool) -> list[Any]:
    from factcheck.cli.progress import progress_bar
    from factcheck.runner import run_checks

    with progress_bar(enabled=not quiet and sys.stderr.isatty()) as progress:
        return run_checks(sources, options, progress=progress)


@app.command(cls=Command)
@shared(Reporting, Common)
def check(
    paths: Annotated[list[str], typer.Argument(
        metavar="FOLDER_OR_FILES", show_default=False,
        help="A folder of versions, or two or more files. With --git: REV... FILE.")],
    follow_links: Annotated[bool, typer.Option(
        "--follow-links", help="Read links in a folder (or named) whose target is outside their folder; by "
        "default they are skipped with a note. For a person at a terminal, not for CI.")] = False,
    write_baseline: Annotated[Path | None, typer.Option(
        "--write-baseline", metavar="FILE", help="Record the current findings in FILE (exit 0); later runs with "
        "--baseline FILE report only new ones.")] = None,
    git: Annotated[bool, typer.Option("--git", help="Take the versions of FILE from git: check --git REV1 [REV2 ...] "
                                      "FILE (one REV: against the working tree).")] = False,
    git_range: Annotated[str | None, typer.Option("--git-range", metavar="RANGE", help="Take the versions of FILE "
                                                  "from each commit in a range, e.g. main..HEAD.")] = None,
    order: Annotated[str | None, typer.Option(
        "--order", metavar="ORDER", show_default=False,
        help="The versions' order in time, oldest first: name (a folder's default), given (the default for "
        "files), mtime (modification time), or the files in order, e.g. wire.txt,web.txt,update.txt "
        "[default: the config's order]. --git keeps commit order.")] = None,
    *, reporting: Reporting, common: Common,
) -> None:
    """Compare the versions and report what contradicts what."""
    from factcheck.errors import InputError
    from factcheck.inputs.order import parse_order
    from factcheck.inputs.sources import check_sources, refuse_overwriting_inputs
    from factcheck.runner import exit_code

    with one_line_errors():
        if order is not None and (git or git_range):
            raise InputError("--order does not apply to --git or --git-range", "their versions are read in "
                             "commit order, oldest first", "FCE115")
        settings = common.settings(paths[-1:] if git or git_range else paths, baseline=reporting.baseline,
                                   follow_links=follow_links or None,
                                   order=None if order is None else parse_order(order))
        sources = check_sources(paths, settings, git, git_range)
        refuse_overwriting_inputs(sources, settings, reporting.output, write_baseline)
        reports = _run(sources, _options(common, settings, write_baseline), common.quiet)
        emit(reports, reporting.format.value, reporting.output, reporting.verbose)
        _wrote(reports, reporting, common.quiet)
        if write_baseline is not None:
            n = sum(len(r.findings) for r in reports)
            say(f"wrote {counted(n, 'finding')} to the baseline {write_baseline}")
    raise typer.Exit(exit_code(reports))


def _wrote(reports: list[Any], reporting: Reporting, quiet: bool) -> None:
    """One line on stderr for a report written to a file (``-o``), unless ``quiet``."""
    if reporting.output is None or quiet:
        return
    totals = {level: sum(r.counts()[level] for r in reports) for level in ("error", "warning", "info")}
    say(f"wrote the {reporting.format.value} report to {reporting.output} ({severity_counts(totals)})")


@app.command("diff-branch", cls=Command, short_help="Check each draft changed against BASE.")
@shared(Reporting, Common)
def diff_branch(
    base: Annotated[str, typer.Argument(
        metavar="BASE", help="The base revision, e.g. main or origin/main.", show_default=False)],
    paths: Annotated[list[str] | None, typer.Argument(
        metavar="PATHS", help="Drafts or folders to look in [default: the current folder].",
        show_default=False)] = None,
    settings_from: Annotated[SettingsFrom, typer.Option(
        "--settings-from", metavar=choices(SettingsFrom), parser=choice(SettingsFrom),
        help="Where the settings, the baseline and the models file inside the repository are read: at BASE, "
        "the branch under review (a change cannot edit what judges it), or in the working tree.")] = SettingsFrom.base,
    *, reporting: Reporting, common: Common,
) -> None:
    """Check each draft that differs from BASE against its version on BASE (no checkout is touched)."""
    from factcheck.inputs.git import GitTree, repo_root
    from factcheck.inputs.sources import diff_branch_sources, refuse_overwriting_inputs
    from factcheck.runner import exit_code

    with one_line_errors():
        targets = paths or ["."]
        common.check_rules()
        tree = GitTree(repo_root(Path(targets[0])), base) if settings_from is SettingsFrom.base else None
        settings = common.settings(targets, tree, baseline=reporting.baseline)
        sources = diff_branch_sources(base, targets, settings)
        refuse_overwriting_inputs(sources, settings, reporting.output, None)
        if not sources:
            say(f"no changed drafts against {base}")
        reports = _run(sources, _options(common, settings, None), common.quiet)
        if reports or reporting.format is not Format.text:
            emit(reports, reporting.format.value, reporting.output, reporting.verbose, many=True)
            _wrote(reports, reporting, common.quiet)
    raise typer.Exit(exit_code(reports))


def _options(common: Common, settings: Any, write_baseline: Path | None) -> Any:
    from factcheck.runner import RunOptions

    return RunOptions(settings, common.exit_zero, write_baseline, common.cache_dir, common.no_cache,
                      common.allow_unrelated)


class Engine(StrEnum):
    local = "local"
    ray = "ray"


@app.command(cls=Command, short_help="Check every story of an archive.")
@shared(Common)
def batch(
    input: Annotated[Path, typer.Argument(
        metavar="INPUT", show_default=False,
        help="A folder of story folders, or a table of versions (.jsonl, .csv or .parquet).")],
    output: Annotated[Path, typer.Option(
        "--output", "-o", metavar="OUT", help="JSON Lines, one record per story; a re-run with the same file skips "
        "the stories already in it. The summary goes beside it (OUT.summary.json).", show_default=False)],
    engine: Annotated[Engine, typer.Option(
        "--engine", metavar=choices(Engine), parser=choice(Engine),
        help="local: a pool of worker processes; ray: Ray (pip install \"newsroom-factcheck[ray]\").")] = Engine.local,
    workers: Annotated[int | None, typer.Option(
        "--workers", metavar="N", parser=whole(0), show_default=False,
        help="Worker processes [default: one per CPU; ray: one per CPU of the cluster]; 0: check in this "
        "process.")] = None,
    address: Annotated[str | None, typer.Option(
        "--address", metavar="HOST:PORT",
        help="Ray cluster to use (host:port, or auto) [default: start a local Ray].")] = None,
    column: Annotated[list[str] | None, typer.Option(
        "--column", metavar="ROLE=NAME", help="The table's column NAME holds the ROLE: story, version, text, "
        "title or source (repeat).")] = None,
    findings: Annotated[Path | None, typer.Option(
        "--findings", metavar="FILE", help="Also write every finding, one row each, to this Parquet file.")] = None,
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
            f"{fs['info']} info in {st['with_findings']} stories; "
            + (f"{st['not_in_input']} recorded stories not in INPUT ignored; " if st.get("not_in_input") else "")
            + f"summary: {path}")


class Listing(StrEnum):
    text = "text"
    json = "json"


_LISTING = typer.Option("--format", "-f", metavar=choices(Listing), parser=choice(Listing),
                        help="text for people, json for programs.")


@app.command(cls=Command, short_help="List the rules.")
def rules(format: Annotated[Listing, _LISTING] = Listing.text) -> None:
    """List the rules: id, name, default severity and what each means."""
    from factcheck.findings.rules import RULES

    catalogue = sorted(RULES.values(), key=lambda r: r.id)
    if format is Listing.json:
        typer.echo(json.dumps([_rule_record(r) for r in catalogue], indent=2))
        return
    for rule in catalogue:
        typer.echo(f"{rule.id}  {rule.name:<32} {rule.severity.value:<8} {rule.summary}")


@app.command(cls=Command, short_help="Explain one rule.")
def rule(
    rule_id: Annotated[str, typer.Argument(metavar="RULE", show_default=False,
                                           help="A rule's id (FC201) or name (acronym-expansion-mismatch).")],
    format: Annotated[Listing, _LISTING] = Listing.text,
    verbose: Annotated[bool, typer.Option(
        "--verbose", "-v", help="Text: also the rule's role in the catalogue (how the checks weigh it).")] = False,
) -> None:
    """Explain one rule: what it finds and how to ignore or select it (--verbose: its role in the catalogue)."""
    from factcheck.findings.policy import find_rule

    with one_line_errors():
        found = find_rule(rule_id)
    record = _rule_record(found)
    if format is Listing.json:
        typer.echo(json.dumps(record, indent=2))
        return
    typer.echo(_explain(found, record, verbose))


# what each role field of the catalogue (``findings.rules.Rule``) means, when it is set
_ROLE = {
    "source": {"nli": "found by the NLI model", "judge": "found by the edit judge",
               "checks": "found by a targeted check of one slot", "ledger": "found by the story's ledger"},
    "stage": {"statement": "about a whole statement or its presence", "targeted": "about a named part of a "
              "statement (a number, a name, a quotation)", "story": "about a fact across the story"},
    "verdict": "a whole-statement verdict: joins the slot's lead targeted finding",
    "links_places": "links two places, and takes in the findings about the sentences there",
    "joins_story": "taken into a story finding that links its place",
    "absence": "about a sentence some versions lack",
    "form_only": "about form, not what the text claims",
    "fact": "the fact its evidence compares",
    "within": "an inconsistency inside one version",
    "restates": "about a sentence the other versions say elsewhere",
}


def _explain(rule: Any, record: dict[str, Any], verbose: bool = False) -> str:
    role = record["role"]
    width = max(len(k) for k in role)
    lines = [f"{rule.id} {rule.name}", "", f"{rule.summary}.", "", *textwrap.wrap(rule.help, 88), "",
             f"Severity: {rule.severity.value} at most (each finding's is decided from its evidence)",
             f"Category: {rule.category}"]
    if verbose:   # how the checks weigh it: for contributors, not needed to act on a finding
        lines += ["", "Role in the catalogue:"]
    for key, value in role.items() if verbose else ():
        meaning = _ROLE.get(key)
        said = "yes" if value is True else "no" if value is False else str(value or "-")
        if isinstance(meaning, dict):
            said += f": {meaning.get(value, '')}" if meaning.get(value) else ""
        elif meaning and value:
            said += f": {meaning}"
        lines.append(f"  {key:<{width}}  {said}")
    ignore, select = record["ignore"], record["select"]
    lines += ["", f"Ignore it: {ignore['flag']}, or {ignore['settings']} in the settings (with what is folded "
              "into its findings)",
              f"Hide it in a draft: {ignore['comment']}, or {ignore['block']}",
              f"Report it: {select['flag']}, or {select['settings']} in the settings"]
    return "\n".join(lines)


def _rule_record(rule: Any) -> dict[str, Any]:
    """A rule as the catalogue has it, with its role fields and how to ignore or select it."""
    from dataclasses import asdict

    fields = asdict(rule)
    main = ("id", "name", "severity", "category", "summary", "help")
    return {**{k: fields[k] for k in main}, "severity": rule.severity.value,
            "role": {k: v for k, v in fields.items() if k not in main},
            "ignore": {"flag": f"--ignore {rule.id}", "settings": f'ignore = ["{rule.id}"]',
                       "comment": f"<!-- factcheck: ignore {rule.id} --> at the end of its sentence",
                       "block": f"<!-- factcheck off {rule.id} --> ... <!-- factcheck on {rule.id} -->"},
            "select": {"flag": f"--extend-select {rule.id} (beside the selected rules; --select {rule.id}: only it)",
                       "settings": f'extend-select = ["{rule.id}"]'}}


