"""Text made safe for a terminal or a plain-text stream.

File names, article text and error messages come from anywhere. Control characters (C0, DEL and
C1, escape sequences among them) are shown as visible escapes such as ``\\x1b``, and bidirectional
controls (U+202E and its kin, which can make text read backwards) as ``\\u202e``. Line ends and tabs
stay; a CRLF becomes a LF, a lone CR is shown.
"""

from __future__ import annotations

_BIDI = (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))
_VISIBLE: dict[int, str] = {
    **{c: f"\\x{c:02x}" for c in (*range(0x00, 0x20), *range(0x7F, 0xA0)) if chr(c) not in "\n\t"},
    **{c: f"\\u{c:04x}" for c in _BIDI},
}


def printable(text: str) -> str:
    """``text`` with every control and bidi character shown visibly (linear in the length)."""
    return text.replace("\r\n", "\n").translate(_VISIBLE)


def one_line(text: str) -> str:
    """``printable`` and on one line: white space runs become one space."""
    return " ".join(printable(text).split())
