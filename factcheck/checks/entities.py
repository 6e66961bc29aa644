"""A name swapped for another within one statement (FC211).

"talks with Prime Minister John Key" against "talks with Prime Minister Bill English": the two
texts of a slot agree word for word around a run of capitalised words that differs. Only such
in-place swaps count, so that rewording a statement does not read as a changed name. Left to
other checks: quotations (FC240), speakers (FC260, FC243), months and weekdays (FC220), spellings
one letter apart (FC210) and an acronym against its own expansion.
"""

from __future__ import annotations

from factcheck.checks.replacements import replacements
from factcheck.findings.finding import Finding
from factcheck.slots.context import CheckContext
from factcheck.text.entities import swaps


def check_entities(ctx: CheckContext) -> list[Finding]:
    return replacements(ctx, "FC211", "A different name in the same statement",
                        lambda a, b: [(s.old, s.new) for s in swaps(a, b)],
                        lambda found, va, vb: {"swaps": [{va: old, vb: new} for old, new in found]})
