"""Correction and update notices: "An earlier version of this article misstated ...", "Correction: ...".

A notice says the story changed in fact. A version that carries one (and another that does not)
is a change an editor must see, whatever else the report finds.
"""

from __future__ import annotations

import re

NOTICE = re.compile(
    r"^\W*(?:Correction|Corrections|Clarification|Editor'?s note|Editors'? note)\s*(?:\(.{0,40}\))?\s*[:.—-]"
    r"|\b(?:An?|The) (?:earlier|previous|prior|original) version of this (?:article|story|report|item|post|piece)\b"
    r"|\bThis (?:article|story|report|item|post|piece) (?:has been|was) (?:updated|corrected|amended|changed)\b"
    r"|\bwe regret the error\b",
    re.IGNORECASE,
)


def is_notice(text: str) -> bool:
    """Whether a sentence is a correction or update notice."""
    return NOTICE.search(" ".join(text.split())) is not None
