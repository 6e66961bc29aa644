"""Renderers: Reports in, text out. They never decide anything the Report owns.

Every format takes a list of Reports (one per comparison: ``diff-branch`` makes several).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence

from factcheck.report import Report

FORMATS = ("text", "json", "sarif", "junit", "github", "markdown", "html")


def render(fmt: str, reports: Sequence[Report], color: bool = False, verbose: bool = False) -> str:
    """The reports in one of ``FORMATS``."""
    if fmt == "text":
        from factcheck.render.text import render_text
        from factcheck.text.safe import flat

        parts = [render_text(r, color, verbose) for r in reports]
        if len(reports) > 1:
            parts = [f"== {flat(' vs '.join(v.id for v in r.versions))}\n{p}"
                     for r, p in zip(reports, parts, strict=True)]
        return "\n".join(parts)
    if fmt == "json":
        from factcheck.render.json import render_json

        if len(reports) == 1:
            return render_json(reports[0])
        data = {"schema": "factcheck-multi/1", "reports": [r.to_dict() for r in reports],
                "exit_code": max(r.exit_code() for r in reports)}
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    fn: Callable[[Sequence[Report], bool], str]
    if fmt == "sarif":
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
        from factcheck.errors import ConfigError

        raise ConfigError(f"unknown format {fmt!r}", f"valid: {', '.join(FORMATS)}", "FCE206")
    return fn(reports, color)


__all__ = ["FORMATS", "render"]
