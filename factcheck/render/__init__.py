"""Renderers: a Report in, text out. They never decide anything the Report owns."""

from __future__ import annotations

from collections.abc import Callable

from factcheck.render.json import render_json
from factcheck.render.text import render_text
from factcheck.report import Report

RENDERERS: dict[str, Callable[[Report, bool], str]] = {
    "text": render_text,
    "json": render_json,
}

__all__ = ["RENDERERS"]
