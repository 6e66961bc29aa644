"""Targeted checks: pure functions ``check(ctx) -> list[Finding]``, one module each, over one slot's texts
(the story's ledger, across slots, is ``factcheck.ledger``; the run gathers both: ``checker.EVIDENCE``)."""

from __future__ import annotations

from collections.abc import Callable

from factcheck.checks.acronyms import check_acronyms
from factcheck.checks.additions import check_additions
from factcheck.checks.antonyms import check_antonyms
from factcheck.checks.attribution import check_attribution
from factcheck.checks.certainty import check_certainty
from factcheck.checks.defects import check_defects
from factcheck.checks.entities import check_entities
from factcheck.checks.hidden import check_hidden
from factcheck.checks.numbers import check_numbers
from factcheck.checks.quotes import check_quotes
from factcheck.checks.spelling import check_spelling_variants
from factcheck.checks.statements import check_statements
from factcheck.findings.finding import Finding
from factcheck.slots.context import CheckContext

Check = Callable[[CheckContext], list[Finding]]


CHECKS: dict[str, Check] = {
    "statements": check_statements,
    "acronyms": check_acronyms,
    "numbers": check_numbers,
    "quotes": check_quotes,
    "spelling": check_spelling_variants,
    "entities": check_entities,
    "defects": check_defects,
    "attribution": check_attribution,
    "certainty": check_certainty,
    "antonyms": check_antonyms,
    "additions": check_additions,
    "hidden": check_hidden,
}

__all__ = ["CHECKS", "Check", "CheckContext"]
