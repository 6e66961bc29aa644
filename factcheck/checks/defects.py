"""Editorial defects: a sentence that looks cut off (FC250)."""

from __future__ import annotations

import re

from factcheck.checks.context import CheckContext
from factcheck.findings import Finding
from factcheck.segment import Sentence

# words after which an English sentence cannot end
DANGLING = frozenset(
    "a an the at of to in on for with by from and or but as than that which who whose "
    "its their his her our your my is are was were be been has have had will would "
    "could should can may might must into onto about over under between".split())
_END = re.compile(r"[.!?…]['\")\]]*$|[.!?…]$|:$")


def looks_truncated(s: Sentence, is_first: bool) -> str | None:
    """The reason a sentence looks cut off, or None."""
    text = s.norm.rstrip()
    words = text.split()
    if not words or _END.search(text) or text.startswith(("#", "-", "*", "|", ">")):
        return None
    last = re.sub(r"\W+$", "", words[-1]).lower()
    if last in DANGLING:
        return f'it ends on "{words[-1]}", with no closing punctuation'
    if is_first and len(words) <= 15:
        return None  # a headline
    if len(words) >= 6 and text[-1].isalnum():
        return "it ends without closing punctuation"
    return None


def check_truncated(ctx: CheckContext) -> list[Finding]:
    """One finding per cut-off sentence, naming every version that has it word for word."""
    out = []
    done: set[tuple[int | None, str]] = set()
    for sents in ctx.sentences:
        for s in sents:
            reason = looks_truncated(s, s.index == 0)
            if reason is None or (ctx.group_of(s), s.norm) in done:
                continue
            done.add((ctx.group_of(s), s.norm))
            vid, copies = ctx.named(s)
            out.append(Finding("FC250", f"In {vid}, this sentence looks cut off: {reason}.",
                               ctx.group_of(s), [ctx.evidence(s)], {"reason": reason, "also_in": copies},
                               subject=ctx.versions[s.version].id))
    return out
