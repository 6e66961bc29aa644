"""Unbalanced quotation marks in one version (FC252).

News style leaves a quotation open at the end of a paragraph when the quotation goes on in the
next, which then opens with a quotation mark again. So a quotation left open is a defect only when
the next paragraph does not open with a quotation mark, or when the text ends. Inch marks (5'11")
are not quotation marks.
"""

from __future__ import annotations

import re

from factcheck.inputs.segment import Sentence

_MARK = re.compile(r'(?<![\d])"')


def unclosed(sentences: list[Sentence]) -> list[Sentence]:
    """The sentences that open a quotation that is never closed."""
    out: list[Sentence] = []
    opened: Sentence | None = None
    paragraph: int | None = None
    for s in sentences:
        marks = [m.start() for m in _MARK.finditer(s.norm)]
        if s.paragraph != paragraph:
            if opened is not None:
                if s.norm.lstrip().startswith('"'):
                    marks = marks[1:]  # the quotation goes on in this paragraph
                else:
                    out.append(opened)
                    opened = None
            paragraph = s.paragraph
        for _ in marks:
            opened = s if opened is None else None
    if opened is not None:
        out.append(opened)
    return out
