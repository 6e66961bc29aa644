"""Readers by file type: plain text and Markdown, HTML (main text), Word .docx, JSON wire items.

Each reader turns a file's bytes into the version's text, with paragraphs separated by blank lines.
For HTML, .docx and JSON, line numbers in reports refer to that extracted text (a note says so).
"""

from __future__ import annotations

import json
from collections.abc import Callable

from factcheck.errors import InputError
from factcheck.inputs.docx import docx_text
from factcheck.inputs.html import html_text
from factcheck.inputs.limits import Limits
from factcheck.text.markup import markdown_references

TEXT = (".txt", ".md", ".markdown", ".text")
MARKDOWN = (".md", ".markdown")
HTML = (".html", ".htm")
DOCX = (".docx",)
JSON = (".json",)
SUPPORTED = TEXT + HTML + DOCX + JSON
FOLDER_DEFAULT = TEXT + HTML + DOCX  # .json only when named or included: a folder may hold other JSON
JSON_FIELDS = ("text", "body", "body_text", "content", "article", "story")
JSON_TITLES = ("headline", "title")


def json_text(data: str, name: str) -> str:
    """A wire item: an object with a text field (``text``, ``body``, ``content``...), its headline first."""
    try:
        item = json.loads(data)
    except json.JSONDecodeError as exc:
        raise InputError(f"{name}: is not valid JSON (line {exc.lineno})", "fix the file", "FCE108") from exc
    except RecursionError as exc:
        raise InputError(f"{name}: is JSON nested too deeply to read", "give one flat wire item", "FCE108") from exc
    except ValueError as exc:  # e.g. an integer of more digits than Python converts
        raise InputError(f"{name}: is JSON that cannot be read ({str(exc)[:80]})", "fix the file", "FCE108") from exc
    if not isinstance(item, dict):
        raise InputError(f"{name}: is JSON but not one wire item (an object)",
                         "give one item per file", "FCE108")
    body = next((item[k] for k in JSON_FIELDS if isinstance(item.get(k), str) and item[k].strip()), None)
    if body is None:
        raise InputError(f"{name}: has no text field", f"factcheck reads the first of {', '.join(JSON_FIELDS)}",
                         "FCE108")
    title = next((item[k] for k in JSON_TITLES if isinstance(item.get(k), str) and item[k].strip()), None)
    return f"{title.strip()}\n\n{body}" if title else body


def kind_of(suffix: str, name: str) -> str:
    """``text``, ``html``, ``docx`` or ``json`` for a file suffix; unsupported types are an error."""
    s = suffix.lower()
    for kind, suffixes in (("text", TEXT), ("html", HTML), ("docx", DOCX), ("json", JSON)):
        if s in suffixes:
            return kind
    raise InputError(f"{name}: unsupported file type {suffix or '(no suffix)'}",
                     f"give {', '.join(SUPPORTED)} files", "FCE109")


def extract(kind: str, data: bytes, name: str, decode: Callable[[bytes, str], tuple[str, str, list[str]]],
            max_bytes: int, limits: Limits) -> tuple[str, str, list[str]]:
    """(text, encoding, warnings) of a file of this kind; HTML and .docx stop at the first paragraph
    past ``limits``."""
    if kind == "docx":
        return (docx_text(data, name, max_bytes, limits), "docx",
                [f"{name}: text of the Word document; lines count its paragraphs"])
    text, encoding, warnings = decode(data, name)
    if kind == "html":
        return html_text(text, name, limits), encoding, [*warnings, f"{name}: main text of the HTML page; "
                                                         "lines count its paragraphs"]
    if kind == "json":
        return json_text(text, name), encoding, [*warnings, f"{name}: text field of the JSON item"]
    if name.lower().endswith(MARKDOWN):
        text = markdown_references(text)   # "1&#51;" is what a reader of the rendered page sees as 13
    return text, encoding, warnings
