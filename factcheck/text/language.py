"""Is a version English? factcheck's models and checks are English-only; other languages get a warning."""

from __future__ import annotations

import re

# the most frequent English function words: in English news they are a third or more of the words
FUNCTION_WORDS = frozenset(
    "the of and to a in is was that for on with as by at from he it his said be are were has have had "
    "not but an they this which who their its or will would been also after more than about".split())
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def english_share(text: str) -> tuple[float, int]:
    """(share of words that are English function words, number of words)."""
    words = [w.lower() for w in _WORD.findall(text)]
    if not words:
        return 0.0, 0
    return sum(w in FUNCTION_WORDS for w in words) / len(words), len(words)


def language_warnings(name: str, text: str, min_words: int = 30, floor: float = 0.15) -> list[str]:
    """A warning when a version of at least ``min_words`` words does not look English."""
    share, n = english_share(text)
    if n >= min_words and share < floor:
        return [f"{name}: does not look like English ({share:.0%} English function words); factcheck's "
                "models and checks are English-only, so its findings for this version are unreliable"]
    return []
