"""A word replaced in place by its opposite (FC232): "shares rose" against "shares fell".

What counts as an opposite, and as a replacement in place, is ``text.opposites``.
"""

from __future__ import annotations

from factcheck.checks.replacements import replacements
from factcheck.findings.finding import Finding
from factcheck.slots.context import CheckContext
from factcheck.text.opposites import reversals


def check_antonyms(ctx: CheckContext) -> list[Finding]:
    return replacements(ctx, "FC232", "A word is replaced by its opposite", reversals,
                        lambda found, va, vb: {"opposites": [[x, y] for x, y in found]})
