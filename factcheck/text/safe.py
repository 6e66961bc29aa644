"""Text made safe for a terminal, a CI log or a plain-text stream.

File names, table rows, article text and error messages come from anywhere.

- ``printable``: control characters (C0, DEL and C1, escape sequences among them) shown as visible
  escapes such as ``\\x1b``, bidirectional controls (U+202E and its kin, which can make text read
  backwards) as ``\\u202e``, lone surrogates as ``\\ud800``. Line ends and tabs stay; a CRLF becomes
  a LF, a lone CR is shown.
- ``flat``: the same with each line end and tab as a space (the text keeps its length).
- ``one_line``: the same on one line: white space runs (line ends among them) become one space. For
  texts and messages.
- ``safe_name``: a name (a file, a version, a story) in which nothing is hidden or collapsed: line ends
  and tabs are shown too, and a byte that was not UTF-8 (Python's ``surrogateescape``) as ``\\xff``.
  Two names that differ stay two names.
- ``no_commands``: a rendered report in which no line can be read as a CI workflow command
  (GitHub Actions' ``::error ...::`` and ``##[...]``), however the text around it was wrapped.
"""

from __future__ import annotations

import re

_BIDI = (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))
_SURROGATES = {c: f"\\u{c:04x}" for c in range(0xD800, 0xE000)}
_VISIBLE: dict[int, str] = {
    **{c: f"\\x{c:02x}" for c in (*range(0x00, 0x20), *range(0x7F, 0xA0)) if chr(c) not in "\n\t"},
    **{c: f"\\u{c:04x}" for c in _BIDI},
    **_SURROGATES,
}
# names: line ends, tabs and the line and paragraph separators too; bytes a file system gave that were
# not UTF-8 (decoded by Python as U+DC80..U+DCFF) as the byte they were
_NAME: dict[int, str] = {
    **_VISIBLE,
    **{c: f"\\x{c:02x}" for c in (0x09, 0x0A)},
    0x2028: "\\u2028", 0x2029: "\\u2029",
    **{c: f"\\x{c - 0xDC00:02x}" for c in range(0xDC80, 0xDD00)},
}
_FLAT: dict[int, str] = {**_VISIBLE, **{ord(c): " " for c in "\t\n\r\v\f\x1c\x1d\x1e\x1f\x85\u2028\u2029"}}
# a workflow command: "::name ...::" or the older "##[name ...]" at the start of a line, after spaces
_LONE = re.compile("[\ud800-\udfff]")
_COMMAND = re.compile(r"^([ \t]*)(::|##\[)", re.MULTILINE)
_NEUTRAL = {"text": {":": "\\x3a", "#": "\\x23"}, "markup": {":": "&#58;", "#": "&#35;"}}


def printable(text: str) -> str:
    """``text`` with every control and bidi character shown visibly (linear in the length)."""
    return text.replace("\r\n", "\n").translate(_VISIBLE)


def flat(text: str) -> str:
    """``printable`` with every line end, tab and separator as one space, each in its place (spans stay)."""
    return text.translate(_FLAT)


def one_line(text: str) -> str:
    """``printable`` and on one line: white space runs become one space."""
    return " ".join(text.split()).translate(_VISIBLE)


def safe_name(name: str) -> str:
    """A name with every control, bidi and line-breaking character, and every byte that was not
    UTF-8, shown as a visible escape: one line, valid Unicode, and two different names stay different
    (unless one already spells out the other's escapes)."""
    return name.translate(_NAME)


def has_lone_surrogate(text: str) -> bool:
    return not text.isascii() and _LONE.search(text) is not None


def replace_lone_surrogates(text: str) -> str:
    """Each lone surrogate (not a character: no UTF-8 can hold it) as U+FFFD."""
    return _LONE.sub("\ufffd", text)


def no_commands(output: str, markup: bool = False) -> str:
    """``output`` with the first character of any line that a CI runner would read as a workflow
    command shown as an escape (``\\x3a`` in text; ``&#58;``, which renders the same, in HTML, XML and
    Markdown). The renderers put no such line there themselves; this keeps wrapped article text and
    names from doing it."""
    table = _NEUTRAL["markup" if markup else "text"]
    return _COMMAND.sub(lambda m: m.group(1) + table[m.group(2)[0]] + m.group(2)[1:], output)
