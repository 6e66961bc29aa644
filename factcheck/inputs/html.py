"""The main text of an HTML page, in time linear in the page's size, however deep it nests.

A browser-grade parser (lexbor, through selectolax) takes time quadratic in the nesting depth: each
block start tag scans the open elements, and formatting tags that are never closed are rebuilt at
every block. So before parsing, ``bound_nesting`` drops the start tags nested deeper than
``MAX_DEPTH`` and the formatting tags (b, i, a...) left open past ``MAX_OPEN_FORMATTING``, with their
end tags; their text stays. Then one walk over the tree takes the blocks.
"""

from __future__ import annotations

import re
from html import escape as html_escape
from typing import Any

from factcheck.errors import InputError
from factcheck.inputs.limits import Limits, Paragraphs

MAX_DEPTH = 512
MAX_OPEN_FORMATTING = 16
SKIP_TAGS = "script, style, noscript, template, nav, header, footer, aside, form, iframe, svg, button"
BLOCKS = frozenset("h1 h2 h3 h4 h5 h6 p li blockquote pre figcaption td th dd dt".split())
WHOLE = frozenset("li td th dd dt".split())  # taken whole, with any blocks inside them

_TOKEN = re.compile(r"<(?:(!--)|[!?]|(/?)([A-Za-z][^\s/>\x00]*))")  # a comment, a declaration, a tag
_VOID = frozenset("area base basefont bgsound br col embed frame hr image img input keygen link menuitem meta "
                  "param source track wbr".split())
# closed by their next sibling or by their parent's end, so they never pile up on their own
_IMPLIED = frozenset("body caption colgroup dd dt head html li optgroup option p rb rp rt rtc tbody td tfoot th "
                     "thead tr".split())
_FORMATTING = frozenset("a b big code em font i nobr s small strike strong tt u".split())
_RAW = {name: re.compile(rf"</{name}", re.IGNORECASE)
        for name in ("script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes")}


def bound_nesting(html: str) -> str:
    """``html`` without the tags nested deeper than MAX_DEPTH or formatting left open past
    MAX_OPEN_FORMATTING (and their end tags). A page within both bounds comes back unchanged."""
    if html.count("<") <= MAX_OPEN_FORMATTING:
        return html
    kept: list[str] = []
    stack: list[str] = []
    open_count: dict[str, int] = {}
    dropped: dict[str, int] = {}
    formatting = copied = pos = 0
    while (m := _TOKEN.search(html, pos)) is not None:
        i, comment, slash, name = m.start(), m.group(1), m.group(2), m.group(3)
        if name is None:  # <!-- ... -->, <!DOCTYPE ...>, <? ... >
            end = html.find("-->", i + 4) + 3 if comment else html.find(">", i + 2) + 1
            if end <= (2 if comment else 0):  # never closed: the rest of the page is no markup
                break
            pos = end
            continue
        j = html.find(">", m.end())
        if j < 0:
            break
        name, closing = name.lower(), bool(slash)
        pos, drop = j + 1, False
        if closing:
            if dropped.get(name):
                dropped[name] -= 1
                drop = True
            else:
                if open_count.get(name):
                    while (top := stack.pop()) != name:
                        open_count[top] -= 1
                    open_count[name] -= 1
                if name in _FORMATTING and formatting:
                    formatting -= 1
        elif name in _RAW:
            raw_end = _RAW[name].search(html, pos)  # script, style...: no tags inside
            if raw_end is None:
                break
            pos = raw_end.start()
        elif name == "plaintext":
            break
        elif name in _VOID or name in _IMPLIED:
            pass
        elif len(stack) >= MAX_DEPTH or (name in _FORMATTING and formatting >= MAX_OPEN_FORMATTING):
            dropped[name] = dropped.get(name, 0) + 1
            drop = True
        else:
            stack.append(name)
            open_count[name] = open_count.get(name, 0) + 1
            formatting += name in _FORMATTING
        if drop:
            kept.append(html[copied:i])
            copied = j + 1
    if not kept:
        return html
    kept.append(html[copied:])
    return "".join(kept)


def _blocks(root: Any, out: Paragraphs) -> None:
    """One walk in document order: a block is taken when it is one of WHOLE or holds no block;
    a block that holds blocks gives way to them; nothing inside a taken block is taken again."""
    holds_block: set[int] = set()
    root_id = root.mem_id
    node = root.child
    while node is not None:
        if node.tag in WHOLE:
            out.add(" ".join(node.text(separator="").split()))
        elif node.child is not None:
            node = node.child
            continue
        while node is not None:  # leave the node, then its finished ancestors
            parent, tag = node.parent, node.tag
            if tag in BLOCKS or node.mem_id in holds_block:
                if tag in BLOCKS and tag not in WHOLE and node.mem_id not in holds_block:
                    out.add(" ".join(node.text(separator="").split()))
                if parent is not None:
                    holds_block.add(parent.mem_id)
            if node.next is not None:
                node = node.next
                break
            node = parent if parent is not None and parent.mem_id != root_id else None


_DIRECTIVE = re.compile(r"<!--(\s*factcheck\b(?:(?!-->).){0,2000}?)-->", re.IGNORECASE | re.DOTALL)


def keep_directives(html: str) -> str:
    """``html`` with each factcheck comment (``<!-- factcheck: ignore FC201 -->``, ``<!-- factcheck off -->``)
    turned into text of the same words, so that it reaches the version's text where a draft in
    Markdown has it (the parser drops comments), and the suppression comments work in HTML too."""
    return _DIRECTIVE.sub(lambda m: "&lt;!--" + html_escape(m.group(1), quote=False) + "--&gt;", html)


def html_text(data: str, name: str, limits: Limits | None = None) -> str:
    """The main text of a page: <article> or <main> if there is one, else <body>, without scripts,
    navigation, headers and footers; one paragraph per block element."""
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

    limits = limits or Limits()
    tree = HTMLParser(bound_nesting(keep_directives(data)))
    for node in tree.css(SKIP_TAGS):
        node.decompose()
    root = tree.css_first("article") or tree.css_first("main") or tree.body or tree.root
    if root is None:
        raise InputError(f"{name}: has no HTML body", "save the article as text", "FCE108")
    paragraphs = Paragraphs(name, limits)
    _blocks(root, paragraphs)
    # never drop text: when the blocks miss part of the page's text, take the text line by line
    letters = sum(map(str.isalnum, root.text(separator=" ")))
    if sum(sum(map(str.isalnum, p)) for p in paragraphs.items) < 0.9 * letters:
        paragraphs = Paragraphs(name, limits)
        for line in root.text(separator="\n").split("\n"):
            paragraphs.add(" ".join(line.split()))
    return "\n\n".join(paragraphs.items)
