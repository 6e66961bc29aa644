"""Renderers: Reports in, text out. They never decide anything the Report owns.

Every format takes a list of Reports (one per comparison: ``diff-branch`` makes several).
"""

from __future__ import annotations

import json as _json  # the name "json" is the submodule factcheck.render.json once imported
from collections.abc import Callable, Sequence

from factcheck.report import Report

FORMATS = ("text", "concise", "json", "sarif", "junit", "github", "markdown", "html")


def render(fmt: str, reports: Sequence[Report], color: bool = False, verbose: bool = False,
           width: int | None = None, many: bool = False) -> str:
    """The reports in one of ``FORMATS`` (``width``: the terminal's columns, for the text report).
    ``many``: the reports of a command that may make any number of them (``diff-branch``), whose JSON
    is then always the list shape, however many there are (none, one or more)."""
    if fmt == "text":
        from factcheck.render.text import render_text
        from factcheck.text.safe import flat

        parts = [render_text(r, color, verbose, width) for r in reports]
        if len(reports) > 1:
            parts = [f"== {flat(' vs '.join(v.id for v in r.versions))}\n{p}"
                     for r, p in zip(reports, parts, strict=True)]
        return "\n".join(parts)
    if fmt == "json":
        from factcheck.render.json import render_json

        if len(reports) == 1 and not many:
            return render_json(reports[0])
        data = {"schema": "factcheck-multi/1", "reports": [r.to_dict() for r in reports],
                "exit_code": max((r.exit_code() for r in reports), default=0)}
        return _json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    fn: Callable[[Sequence[Report], bool], str]
    if fmt == "concise":
        from factcheck.render.concise import render_concise as fn
    elif fmt == "sarif":
        from factcheck.render.sarif import render_sarif as fn
    elif fmt == "junit":
        from factcheck.render.junit import render_junit as fn
    elif fmt == "github":
        from factcheck.render.github import render_github as fn
    elif fmt == "markdown":
        from factcheck.render.markdown import render_markdown as fn
    elif fmt == "html":
        from factcheck.render.html import render_html as fn
    else:
        import difflib

        from factcheck.errors import ConfigError

        near = difflib.get_close_matches(str(fmt).lower(), FORMATS, n=1, cutoff=0.6)
        raise ConfigError(f"unknown format {fmt!r}" + (f"; did you mean {near[0]!r}?" if near else ""),
                          f"valid: {', '.join(FORMATS)}", "FCE206")
    return fn(reports, color)


__all__ = ["FORMATS", "render"]
