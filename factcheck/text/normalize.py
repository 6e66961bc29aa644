"""Normalisation for matching that keeps character offsets.

Every replacement is one character for one character, so an offset into the
normalised text is the same offset into the original text: reports quote the
original, matching uses the normalised form.
"""

from __future__ import annotations

import re

_NOT_LINE_END = re.compile(r"[^\n]")

_TABLE = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"',
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ", "\t": " ",
    "\u2013": "-", "\u2014": "-", "\u2212": "-",
    "\u2028": "\n", "\u2029": "\n", "\u0085": "\n",
})


# a no-break, figure or thin space between groups of three digits groups thousands ("15 000"): read as a comma
_DIGIT_GROUP = re.compile(r"(?<![\d.,])\d{1,3}(?:[\u00a0\u2007\u2009\u202f]\d{3})+(?![\d])")
_GROUP_SPACE = re.compile(r"[\u00a0\u2007\u2009\u202f]")


def normalize(text: str) -> str:
    """Straight quotes, plain spaces and dashes, ``\\n`` line ends, thousands grouped with a comma where a
    no-break or thin space groups them; same length as ``text``."""
    if not text.isascii():
        text = _DIGIT_GROUP.sub(lambda m: _GROUP_SPACE.sub(",", m.group()), text)
    out = text.translate(_TABLE)
    if "\r" in out:
        # CRLF: the CR becomes a space before the LF; a lone CR becomes a LF.
        out = out.replace("\r\n", " \n").replace("\r", "\n")
    return out


def mask_comments(norm: str) -> str:
    """HTML comments (``<!-- ... -->``, e.g. editors' notes in Markdown) become spaces; line ends stay.

    A scan with ``str.find``, not a regular expression: many unclosed ``<!--`` take linear time."""
    out, pos = [], 0
    while (i := norm.find("<!--", pos)) >= 0:
        j = norm.find("-->", i + 4)
        if j < 0:
            break
        out += [norm[pos:i], _NOT_LINE_END.sub(" ", norm[i:j + 3])]
        pos = j + 3
    return "".join(out) + norm[pos:] if out else norm


def match_key(text: str) -> str:
    """A key for 'the same sentence': normalised, case-folded, single-spaced."""
    return " ".join(normalize(text).casefold().split())


def line_starts(text: str) -> list[int]:
    """Offsets at which each line of the original text starts (CRLF, LF and CR ends)."""
    starts = [0]
    norm = normalize(text)
    for i, ch in enumerate(norm):
        if ch == "\n":
            starts.append(i + 1)
    return starts


def line_col(starts: list[int], offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset``."""
    lo, hi = 0, len(starts) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if starts[mid] <= offset:
            lo = mid
        else:
            hi = mid - 1
    return lo + 1, offset - starts[lo] + 1
