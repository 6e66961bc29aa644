"""The story's facts across whole versions, not only inside an aligned slot (FC301-FC307).

A per-version ledger of checkable facts (figures and what they count, people and their titles,
names, quotations and their speakers, correction notices), compared across versions whatever the
sentence alignment, and within each version. See ``figures``, ``figure_checks``, ``people`` and
``corrections``. The slot-level checks keep what happens inside one aligned statement; a change the
ledger links across slots takes in the slot-level findings of its sentences (``merge.fold_into_story``).
"""

from __future__ import annotations

from factcheck.findings.finding import Finding
from factcheck.findings.rules import rules_where
from factcheck.ledger.corrections import check_corrections, notices
from factcheck.ledger.figure_checks import across_versions, statements, within_versions
from factcheck.ledger.people import names_spelled_two_ways, quote_speakers, role_changes
from factcheck.slots.context import CheckContext

STORY_RULES = tuple(sorted(rules_where(source="ledger")))


def check_ledger(ctx: CheckContext) -> list[Finding]:
    found = notices(ctx)  # read once: the figure checks leave the notices out, the correction check reads them
    texts = statements(ctx, found)
    return [*across_versions(ctx, texts), *within_versions(ctx, texts), *role_changes(ctx),
            *names_spelled_two_ways(ctx), *quote_speakers(ctx), *check_corrections(ctx, found)]


__all__ = ["STORY_RULES", "check_ledger"]
