"""The Typer application, its global options, and the command class every command uses: help that names
its arguments as a person would (``FOLDER_OR_FILES...``, ``[PATHS]...``) and bad values said plainly
(``--format: 'concise2' is not one of text, concise, json, ...``)."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from typer.core import TyperArgument, TyperCommand

from factcheck import __version__

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="Check versions of a news story against each other for changed facts.")


class ValueProblem(typer.BadParameter):
    """A bad value on the command line, said as ``--option: what is wrong`` (no 'Invalid value for')."""

    def format_message(self) -> str:
        return self.message


def _argument(param: Any, usage: bool) -> str:
    """An argument as click writes it: its metavar, ``[...]`` when optional (in the usage line), ``...``
    when it takes several."""
    name = param.metavar or param.name.upper()
    if usage and not param.required:
        name = f"[{name}]"
    return name + ("..." if param.nargs != 1 else "")


def _plain(message: str) -> str:
    """A message of typer's (pydantic's) without its 'Value error, ' and final full stop."""
    return message.removeprefix("Value error, ").rstrip(".")


class Command(TyperCommand):
    """A command whose help and errors read like a person wrote them."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if isinstance(param, TyperArgument):
                pieces.append(_argument(param, usage=True))
            else:
                pieces.extend(param.get_usage_pieces(ctx))
        return pieces

    def format_options(self, ctx: Any, formatter: Any) -> None:
        args, opts = [], []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            if isinstance(param, TyperArgument):
                args.append((_argument(param, usage=False), record[1]))
            else:
                opts.append(record)
        for title, rows in (("Arguments", args), ("Options", opts)):
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except typer.BadParameter as exc:
            if hasattr(exc, "param_type") or exc.param is None:   # a missing argument or option: click's words
                raise
            param = exc.param
            name = _argument(param, usage=False) if isinstance(param, TyperArgument) else \
                max(param.opts, key=len)
            raise ValueProblem(f"{name}: {_plain(exc.message)}", ctx=ctx, param=param) from None


def _version(value: bool) -> None:
    if value:
        typer.echo(f"factcheck {__version__}")
        raise typer.Exit(0)


@app.callback()
def main(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                               help="Show the version and exit.")] = False) -> None:
    """factcheck: a fact-consistency checker for versions of a news story."""
