"""The text as a reader sees it: invisible characters, direction controls and look-alike letters.

A draft can hide a change from the checks and show it to the reader, or the other way round:

- a soft hyphen or a zero-width character inside a word (``twel\\u00adve``, ``Cole\\u200bman``) is not
  seen, but splits the word for a program;
- a right-to-left override shows what it encloses backwards (``\\u202e21\\u202c`` reads "12"), and
  the other direction controls (embeddings, isolates, marks) are not seen at all;
- a letter of another script that looks like a Latin one (Cyrillic ``о`` in ``Cоleman``) reads the
  same but is another word to a program;
- tag characters (U+E0000 to U+E007F) are invisible text.

``visible`` returns the text a reader sees (the override's run reversed; the invisible characters
inside words removed, those between words kept, since they change no word; look-alike letters inside
Latin words read as the Latin letters) and where it found each
kind, so a version that holds them can be reported (FC254). Line ends are never touched, so a line
number into the visible text is a line number into the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# invisible in running text: soft hyphen, Mongolian vowel separator, zero-width space, non-joiner and
# joiner, word joiner, invisible operators, zero-width no-break space (a BOM inside the text)
INVISIBLE = frozenset("\u00ad\u180e\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff")
# direction marks, embeddings, overrides and isolates
BIDI = frozenset("\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_RLO, _PDF = "\u202e", "\u202c"
_OPENERS = frozenset("\u202a\u202b\u202d\u202e")   # closed by PDF
# letters of Cyrillic and Greek that look like Latin ones
LOOK_ALIKE = {
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i", "ј": "j", "ѕ": "s",
    "ԁ": "d", "һ": "h", "ԛ": "q", "ԝ": "w", "ӏ": "l", "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M",
    "Н": "H", "О": "O", "Р": "P", "С": "C", "Т": "T", "Х": "X", "І": "I", "Ј": "J", "Ѕ": "S",
    "ο": "o", "α": "a", "ν": "v", "ι": "i", "κ": "k", "ρ": "p", "τ": "t", "υ": "u", "Α": "A", "Β": "B",
    "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T",
    "Υ": "Y", "Χ": "X",
}
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Hidden:
    """One place where the visible text differs from the characters: ``offset`` into the visible text,
    ``kind`` (``invisible``: inside a word; ``bidi``: a direction control; ``look-alike``: a letter of
    another script in a Latin word; ``tag``: invisible tag characters) and the ``word`` as seen."""

    offset: int
    kind: str
    word: str


def _is_tag(ch: str) -> bool:
    return "\U000e0000" <= ch <= "\U000e007f"


def _reversed_runs(text: str) -> str:
    """Each run under a right-to-left override (to its PDF, or to the end of its line) reversed, as it
    is shown; the controls themselves stay (removed afterwards)."""
    if _RLO not in text:
        return text
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch != _RLO:
            out.append(ch)
            i += 1
            continue
        j, depth = i + 1, 1
        while j < n and text[j] != "\n":
            if text[j] in _OPENERS:
                depth += 1
            elif text[j] == _PDF:
                depth -= 1
                if depth == 0:
                    break
            j += 1
        out.append(_RLO)
        out.append(text[i + 1:j][::-1])
        i = j
    return "".join(out)


def _latin(word: str) -> bool:
    """Whether a word's letters are mostly Latin (so a Cyrillic or Greek one in it is a look-alike)."""
    latin = sum(1 for c in word if c.isascii() and c.isalpha())
    return latin > 0 and latin >= sum(1 for c in word if c.isalpha()) / 2


def visible(text: str) -> tuple[str, list[Hidden]]:
    """The text as a reader sees it, and the places it differs from the characters (in the visible text)."""
    if text.isascii():
        return text, []
    shown = _reversed_runs(text)
    out: list[str] = []
    kinds_at: list[tuple[int, str]] = []
    for k, ch in enumerate(shown):
        if ch in BIDI:
            kinds_at.append((len(out), "bidi"))
            continue
        if _is_tag(ch):
            kinds_at.append((len(out), "tag"))
            continue
        if ch in INVISIBLE:
            if k > 0 and shown[k - 1].isalnum() and _next_alnum(shown, k + 1):
                kinds_at.append((len(out), "invisible"))   # inside a word: it splits the word for a program
                continue
            out.append(ch)   # between words (a byte-order mark, an emoji's joiner) it changes no word
            continue
        out.append(ch)
    seen = "".join(out)
    if any(c in LOOK_ALIKE for c in seen):
        chars = list(seen)
        for m in _WORD.finditer(seen):
            word = m.group()
            if any(c in LOOK_ALIKE for c in word) and _latin(word):
                for i in range(m.start(), m.end()):
                    if chars[i] in LOOK_ALIKE:
                        chars[i] = LOOK_ALIKE[chars[i]]
                kinds_at.append((m.start(), "look-alike"))
        seen = "".join(chars)
    found = [Hidden(offset, kind, _word_at(seen, offset)) for offset, kind in kinds_at]
    return seen, found


def _next_alnum(text: str, k: int) -> bool:
    """Whether the next shown character from ``k`` (past other invisible ones) is a letter or digit."""
    while k < len(text) and (text[k] in INVISIBLE or text[k] in BIDI):
        k += 1
    return k < len(text) and text[k].isalnum()


def _word_at(text: str, offset: int) -> str:
    """The word at or just after ``offset`` (for a message), at most 40 characters."""
    a = offset
    while a > 0 and not text[a - 1].isspace():
        a -= 1
    b = offset
    while b < len(text) and not text[b].isspace():
        b += 1
    return text[a:b].strip(".,;:!?\"'()[]")[:40]


def describe(found: list[Hidden]) -> str:
    """What a version holds, in words: 'a right-to-left override or other direction control ("12")'."""
    names = {"invisible": "invisible characters inside words", "bidi": "direction controls",
             "look-alike": "letters of another script that look like Latin ones", "tag": "invisible tag characters"}
    parts = []
    for kind in ("bidi", "invisible", "look-alike", "tag"):
        words = list(dict.fromkeys(h.word for h in found if h.kind == kind and h.word))
        if any(h.kind == kind for h in found):
            parts.append(names[kind] + (f" ({', '.join(repr(w) for w in words[:3])})" if words else ""))
    return "; ".join(parts)
