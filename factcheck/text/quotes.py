"""Quotations in a text: the words in double quotation marks, with the words bracketed inside it set apart.

- A quotation left open at the end of a text runs to its end (news style for a quote that goes on into
  the next paragraph).
- A text whose first mark closes a quotation (it follows a word and is followed by a space or the end:
  ``was the best," she said, adding ...``) holds the end of a quotation opened before it: the words
  before the mark are quoted, the narrative after it is not.
- One quotation split around its attribution (``"We will rebuild the school," he said, "and the
  library."``) is one quotation, as it would be unsplit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

WORD = re.compile(r"[\w']+")
BRACKETS = re.compile(r"\[[^\]]*\]")
_SPEECH = re.compile(r"\b(?:said|says|told|tells|added|adds|asked|asks|continued|explained|wrote|writes|insisted|"
                     r"argued|warned|stated|declared|recalled|noted|according to)\b", re.IGNORECASE)
_MIN = 3   # characters: shorter quoted bits (a scare-quoted letter) are not quotations


@dataclass(frozen=True)
class Quote:
    text: str

    @property
    def words(self) -> list[str]:
        return [w.lower() for w in WORD.findall(BRACKETS.sub(" ", self.text))]

    @property
    def brackets(self) -> list[str]:
        return BRACKETS.findall(self.text)


def _closes(text: str, pos: int) -> bool:
    """Whether the mark at ``pos`` closes a quotation: after a word or punctuation, before a space or the end."""
    before = text[pos - 1] if pos > 0 else " "
    after = text[pos + 1] if pos + 1 < len(text) else " "
    return not before.isspace() and (after.isspace() or after in ",.;:!?)")


def _spans(text: str) -> list[tuple[int, int]]:
    marks = [m.start() for m in re.finditer('"', text)]
    spans: list[tuple[int, int]] = []
    if len(marks) % 2 == 1 and _closes(text, marks[0]):
        spans.append((0, marks[0]))     # the end of a quotation opened in an earlier sentence
        marks = marks[1:]
    for k in range(0, len(marks) - 1, 2):
        spans.append((marks[k] + 1, marks[k + 1]))
    if len(marks) % 2 == 1:
        spans.append((marks[-1] + 1, len(text)))   # left open: it goes on into the next paragraph
    return [(a, b) for a, b in spans if b - a >= _MIN and text[a:b].strip()]


def _attribution(between: str) -> bool:
    """The words between two parts of one split quotation: a short speech tag (", he said, ")."""
    words = WORD.findall(between)
    return 0 < len(words) <= 8 and _SPEECH.search(between) is not None and not any(c in between for c in ".!?")


def quotes(text: str) -> list[Quote]:
    """The quotations of a text, split ones joined (see the module)."""
    spans = _spans(text)
    joined: list[tuple[int, int, list[str]]] = []
    for a, b in spans:
        if joined and _attribution(text[joined[-1][1] + 1:a - 1]):
            joined[-1] = (joined[-1][0], b, [*joined[-1][2], text[a:b]])
        else:
            joined.append((a, b, [text[a:b]]))
    return [Quote(" ".join(part.strip() for part in parts).strip()) for _, _, parts in joined]
