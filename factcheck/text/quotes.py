"""Quotations in a text: the words in double quotation marks (a quotation left open at the end of a
text runs to its end), with the words bracketed inside it set apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_QUOTE = re.compile(r'"([^"]{3,})"|"([^"]{3,})$')
WORD = re.compile(r"[\w']+")
BRACKETS = re.compile(r"\[[^\]]*\]")


@dataclass(frozen=True)
class Quote:
    text: str

    @property
    def words(self) -> list[str]:
        return [w.lower() for w in WORD.findall(BRACKETS.sub(" ", self.text))]

    @property
    def brackets(self) -> list[str]:
        return BRACKETS.findall(self.text)


def quotes(text: str) -> list[Quote]:
    """Quoted passages; an opening quote left open runs to the end (news style for a quote that continues)."""
    return [Quote((m.group(1) or m.group(2)).strip()) for m in _QUOTE.finditer(text)]
