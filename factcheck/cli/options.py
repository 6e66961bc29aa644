"""The options that ``check``, ``diff-branch`` and ``batch`` share, declared once.

``@shared(Common)`` adds a group's options to a command, and hands the command one object with
their values (``common``) instead of a keyword argument each; ``Common.settings`` turns them into
``Settings`` in one place. ``Reporting`` is the group of ``check`` and ``diff-branch`` (the format,
the output file, the baseline, verbose text).
"""

from __future__ import annotations

import difflib
import functools
import inspect
from collections.abc import Callable
from dataclasses import dataclass, fields
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from factcheck.cli.app import ValueProblem


class Format(StrEnum):
    text = "text"
    concise = "concise"
    json = "json"
    sarif = "sarif"
    junit = "junit"
    github = "github"
    markdown = "markdown"
    html = "html"


class NewSuppressions(StrEnum):
    report = "report"
    refuse = "refuse"


class SettingsFrom(StrEnum):
    base = "base"
    worktree = "worktree"


class FailOn(StrEnum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


def choice(enum: type[StrEnum]) -> Callable[[Any], Any]:
    """A parser for an option of ``enum``'s values (any case), whose error lists them."""
    def parse(value: Any) -> Any:
        if isinstance(value, enum):
            return value
        given = str(value).strip().lower()
        for member in enum:
            if member.value == given:
                return member
        valid = [m.value for m in enum]
        near = difflib.get_close_matches(given, valid, n=1, cutoff=0.6)
        guess = f"; did you mean {near[0]!r}?" if near else ""
        raise ValueProblem(f"{value!r} is not one of {', '.join(valid)}{guess}")
    return parse


def choices(enum: type[StrEnum]) -> str:
    """The metavar of an option of ``enum``'s values: ``[text|json]``."""
    return "[" + "|".join(m.value for m in enum) + "]"


def whole(least: int) -> Callable[[Any], int]:
    """A parser for a whole number of at least ``least``, with a plain error."""
    def parse(value: Any) -> int:
        if isinstance(value, int):
            return value
        try:
            number = int(str(value).strip())
        except ValueError:
            raise ValueProblem(f"{value!r} is not a whole number") from None
        if number < least:
            raise ValueProblem(f"give {least} or more, not {number}")
        return number
    return parse


def _names_a_rule(value: str | None) -> str | None:
    if value is not None and not _split(value):
        raise ValueProblem("names no rule (give ids such as FC201, prefixes such as FC2, names, or ALL)")
    return value


def _split(value: str | list[str] | None) -> tuple[str, ...] | None:
    """Comma-separated rules (in one value, or in each of a repeated option's)."""
    if value is None:
        return None
    values = [value] if isinstance(value, str) else value
    return tuple(v.strip() for item in values for v in item.split(",") if v.strip())


@dataclass(frozen=True)
class Common:
    """Settings, limits, rules, files and the cache: every command that checks stories takes these."""

    fail_on: Annotated[FailOn | None, typer.Option(
        "--fail-on", metavar=choices(FailOn), parser=choice(FailOn), show_default=False,
        help="Lowest severity that makes the exit code 1 [default: error, or the config's fail-on].")] = None
    exit_zero: Annotated[bool, typer.Option(
        "--exit-zero", help="Exit 0 even with findings (input errors still exit 2).")] = False
    models: Annotated[Path | None, typer.Option(
        "--models", metavar="FILE", help="A models.yaml to use instead of the default.")] = None
    max_bytes: Annotated[int | None, typer.Option(
        "--max-bytes", metavar="BYTES", parser=whole(1), show_default=False,
        help="Refuse files larger than this [default: 5 MB].")] = None
    max_versions: Annotated[int | None, typer.Option(
        "--max-versions", metavar="N", parser=whole(2), show_default=False,
        help="Refuse more versions than this in one comparison [default: 200].")] = None
    max_sentences: Annotated[int | None, typer.Option(
        "--max-sentences", metavar="N", parser=whole(1), show_default=False,
        help="Refuse a version of more sentences [default: 20000].")] = None
    max_chars: Annotated[int | None, typer.Option(
        "--max-chars", metavar="N", parser=whole(1), show_default=False,
        help="Refuse a version of more characters of text [default: 2000000].")] = None
    config: Annotated[Path | None, typer.Option(
        "--config", metavar="FILE", help="Settings file (factcheck.toml, or pyproject.toml with [tool.factcheck]) "
        "instead of the nearest one found upward from the first path.")] = None
    isolated: Annotated[bool, typer.Option("--isolated", help="Ignore every settings file.")] = False
    select: Annotated[str | None, typer.Option(
        "--select", metavar="RULES", callback=_names_a_rule,
        help="Comma-separated rules to report: ids (FC201), prefixes (FC2), names or ALL; replaces the "
        "config's select and extend-select.")] = None
    extend_select: Annotated[list[str] | None, typer.Option(
        "--extend-select", metavar="RULES",
        help="Comma-separated rules to report as well as the selected ones (repeat).")] = None
    ignore: Annotated[str | None, typer.Option(
        "--ignore", metavar="RULES",
        help="Comma-separated rules not to report, nor the findings folded into theirs; replaces the "
        "config's ignore.")] = None
    include: Annotated[list[str] | None, typer.Option(
        "--include", metavar="GLOB", help="Files to read in folders (repeat).")] = None
    exclude: Annotated[list[str] | None, typer.Option(
        "--exclude", metavar="GLOB", help="Files to skip in folders (repeat).")] = None
    cache_dir: Annotated[Path | None, typer.Option(
        "--cache-dir", metavar="FOLDER", help="Keep embeddings, NLI scores and verdicts here [default: "
        "$FACTCHECK_CACHE_DIR, else $XDG_CACHE_HOME/factcheck, else the platform's cache folder].",
        show_default=False)] = None
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Neither read nor write the cache.")] = False
    allow_unrelated: Annotated[bool, typer.Option(
        "--allow-unrelated", help="Compare versions even when one looks like a different story (else exit 2).")] = False
    new_suppressions: Annotated[NewSuppressions | None, typer.Option(
        "--new-suppressions", metavar=choices(NewSuppressions), parser=choice(NewSuppressions), show_default=False,
        help="What a change adds to hide findings (a suppression comment a later version adds: FC401; a finding "
        "only the draft's own baseline accepts: FC402): report it at its rule's severity, or refuse it as an "
        "error [default: report, or the config's new-suppressions].")] = None
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False

    def check_rules(self) -> None:
        """ConfigError FCE210 for a rule the command line names that does not exist, before any file is read."""
        from factcheck.settings import Settings

        Settings().with_rules(_split(self.select), _split(self.extend_select), _split(self.ignore))

    def settings(self, targets: list[str], tree: Any = None, **flags: Any) -> Any:
        """The settings file's values (found from ``targets``; with ``tree``, a ``GitTree``, read at its
        revision) with every flag that was given in their place; ``flags`` are a command's own
        (``baseline``, ``follow_links``)."""
        from factcheck.settings import settings_for

        self.check_rules()
        return settings_for(targets, self.config, self.isolated, tree).override(
            new_suppressions=self.new_suppressions and self.new_suppressions.value,
            fail_on=self.fail_on and self.fail_on.value, include=tuple(self.include) if self.include else None,
            exclude=tuple(self.exclude) if self.exclude else None, models=self.models, max_bytes=self.max_bytes,
            max_versions=self.max_versions, max_sentences=self.max_sentences, max_chars=self.max_chars, **flags,
        ).with_rules(_split(self.select), _split(self.extend_select), _split(self.ignore))


@dataclass(frozen=True)
class Reporting:
    """How a report is written: ``check`` and ``diff-branch``."""

    format: Annotated[Format, typer.Option(
        "--format", "-f", metavar=choices(Format), parser=choice(Format), help="Output format.")] = Format.text
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", metavar="FILE", help="Write the report to FILE.")] = None
    baseline: Annotated[Path | None, typer.Option(
        "--baseline", metavar="FILE", help="Hide the findings recorded in this baseline.")] = None
    verbose: Annotated[bool, typer.Option(
        "--verbose", "-v", help="Text: show info findings with their slots too.")] = False


_ARGUMENT = {Common: "common", Reporting: "reporting"}


def shared(*groups: type) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Add the options of each group (``Common``, ``Reporting``) after a command's own, and pass the
    command one object per group (its ``common`` and ``reporting`` arguments)."""
    def decorate(command: Callable[..., Any]) -> Callable[..., Any]:
        own = [p for p in inspect.signature(command, eval_str=True).parameters.values()
               if p.name not in {_ARGUMENT[g] for g in groups}]
        hints = {g: typer_hints(g) for g in groups}
        added = [inspect.Parameter(f.name, inspect.Parameter.KEYWORD_ONLY, default=f.default,
                                   annotation=hints[g][f.name]) for g in groups for f in fields(g)]

        @functools.wraps(command)
        def run(**values: Any) -> Any:
            for g in groups:
                values[_ARGUMENT[g]] = g(**{f.name: values.pop(f.name) for f in fields(g)})
            return command(**values)

        params = own + added
        run.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
        run.__annotations__ = {p.name: p.annotation for p in params}
        del run.__wrapped__   # typer reads the signature above, not the command's own
        return run
    return decorate


def typer_hints(group: type) -> dict[str, Any]:
    import typing

    return typing.get_type_hints(group, include_extras=True)
