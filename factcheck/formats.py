"""Readers by file type: plain text and Markdown, HTML (main text), Word .docx, JSON wire items.

Each reader turns a file's bytes into the version's text, with paragraphs separated by blank lines.
For HTML, .docx and JSON, line numbers in reports refer to that extracted text (a note says so).
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable

from factcheck.errors import InputError

TEXT = (".txt", ".md", ".markdown", ".text")
HTML = (".html", ".htm")
DOCX = (".docx",)
JSON = (".json",)
SUPPORTED = TEXT + HTML + DOCX + JSON
FOLDER_DEFAULT = TEXT + HTML + DOCX  # .json only when named or included: a folder may hold other JSON
JSON_FIELDS = ("text", "body", "body_text", "content", "article", "story")
JSON_TITLES = ("headline", "title")
_SKIP_TAGS = "script, style, noscript, template, nav, header, footer, aside, form, iframe, svg, button"
_BLOCKS = "h1, h2, h3, h4, h5, h6, p, li, blockquote, pre, figcaption, td, th, dd, dt"


def html_text(data: str, name: str) -> str:
    """The main text of a page: <article> or <main> if there is one, else <body>, without scripts,
    navigation, headers and footers; one paragraph per block element."""
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

    tree = HTMLParser(data)
    for node in tree.css(_SKIP_TAGS):
        node.decompose()
    root = tree.css_first("article") or tree.css_first("main") or tree.body or tree.root
    if root is None:
        raise InputError(f"{name}: has no HTML body", "save the article as text", "FCE108")
    whole = ("li", "td", "th", "dd", "dt")
    taken: set[int] = set()
    paragraphs = []
    for node in root.css(_BLOCKS):
        parent, inside = node.parent, False
        while parent is not None and not inside:
            inside, parent = parent.mem_id in taken, parent.parent
        if inside:
            continue
        if node.tag not in whole and any(n.mem_id != node.mem_id for n in node.css(_BLOCKS)):
            continue  # a block that holds blocks: its children are taken instead
        taken.add(node.mem_id)
        text = " ".join(node.text(separator="").split())
        if text:
            paragraphs.append(text)
    # never drop text: when the blocks miss part of the page's text, take the text line by line
    letters = sum(c.isalnum() for c in root.text(separator=" "))
    if sum(c.isalnum() for p in paragraphs for c in p) < 0.9 * letters:
        paragraphs = [" ".join(line.split()) for line in root.text(separator="\n").split("\n") if line.strip()]
    return "\n\n".join(paragraphs)


def docx_text(data: bytes, name: str) -> str:
    """Paragraphs of a Word document, tables' cells after them, one paragraph each."""
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise InputError(f"{name}: is not a readable .docx file ({exc.__class__.__name__})",
                         "open it in Word and save it again, or export it as text", "FCE108") from exc
    paragraphs = [p.text.strip() for p in document.paragraphs if p.text.strip()]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                paragraphs += [p.text.strip() for p in cell.paragraphs if p.text.strip()]
    return "\n\n".join(paragraphs)


def json_text(data: str, name: str) -> str:
    """A wire item: an object with a text field (``text``, ``body``, ``content``...), its headline first."""
    try:
        item = json.loads(data)
    except json.JSONDecodeError as exc:
        raise InputError(f"{name}: is not valid JSON (line {exc.lineno})", "fix the file", "FCE108") from exc
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


def extract(kind: str, data: bytes, name: str, decode: Callable[[bytes, str], tuple[str, str, list[str]]]
            ) -> tuple[str, str, list[str]]:
    """(text, encoding, warnings) of a file of this kind."""
    if kind == "docx":
        return docx_text(data, name), "docx", [f"{name}: text of the Word document; lines count its paragraphs"]
    text, encoding, warnings = decode(data, name)
    if kind == "html":
        return html_text(text, name), encoding, [*warnings, f"{name}: main text of the HTML page; "
                                                 "lines count its paragraphs"]
    if kind == "json":
        return json_text(text, name), encoding, [*warnings, f"{name}: text field of the JSON item"]
    return text, encoding, warnings
