"""A name swapped for another within one statement (FC211).

"talks with Prime Minister John Key" against "talks with Prime Minister Bill English": the two
texts of a slot agree word for word around a run of capitalised words that differs. Only such
in-place swaps count, so that rewording a statement does not read as a changed name. Left to
other checks: quotations (FC240), speakers (FC260, FC243), months and weekdays (FC220), spellings
one letter apart (FC210) and an acronym against its own expansion.
"""

from __future__ import annotations

from collections.abc import Callable

from factcheck.checks.replacements import replacements
from factcheck.findings.finding import Finding
from factcheck.findings.rules import Severity
from factcheck.slots.context import CheckContext
from factcheck.text.entities import Swap, direction_swaps, reordered_names, role_swaps, swaps


def check_entities(ctx: CheckContext) -> list[Finding]:
    out = replacements(ctx, "FC211", "A different name in the same statement",
                       lambda a, b: [(s.old, s.new) for s in swaps(a, b)],
                       lambda found, va, vb: {"swaps": [{va: old, vb: new} for old, new in found]})
    # a name's words in another order, another part of the map: likely a different name, or a wrong one
    out += _likely(replacements(ctx, "FC211", "A name's words are in another order", _pairs(reordered_names),
                                lambda found, va, vb: {"reordered": [{va: old, vb: new} for old, new in found]}))
    out += _likely(replacements(ctx, "FC211", "A place's direction differs", _pairs(direction_swaps),
                                lambda found, va, vb: {"directions": [{va: old, vb: new} for old, new in found]}))
    # a job title changed around the same person (the ledger's FC305 compares capitalised titles before
    # names across the story; this is the title in a sentence, lower case included)
    out += replacements(ctx, "FC305", "A role differs", _pairs(role_swaps),
                        lambda found, va, vb: {"roles": [{va: old, vb: new} for old, new in found]})
    return out


def _pairs(detect: Callable[[str, str], list[Swap]]) -> Callable[[str, str], list[tuple[str, str]]]:
    return lambda a, b: [(s.old, s.new) for s in detect(a, b)]


def _likely(found: list[Finding]) -> list[Finding]:
    """A likely fact change, not a sure one: at most a warning."""
    for f in found:
        f.severity = Severity.WARNING
    return found
