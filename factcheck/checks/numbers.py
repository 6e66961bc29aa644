"""Changed numbers, amounts, percentages, dates, weekdays, currencies and units within a slot (FC220).

Quantities are compared by kind and by what they count ("150 refugees" against
"999 refugees", not against "3 ministers"), so counts of different things do not
fire, and pure formatting ("150" against "one hundred and fifty") compares equal.
A value that only one version gives is an addition, not a change, and is left to NLI.
"""

from __future__ import annotations

import re
from collections import Counter

from factcheck.checks.replacements import replacement_finding
from factcheck.findings.finding import Finding
from factcheck.slots.context import CheckContext
from factcheck.text.numbers import changed_units, changed_values
from factcheck.text.quantities import Quantity, extract, plural, singular


def _describe(q: Quantity, text: str = "") -> str:
    """A figure as the message names it: with what it counts, the word as ``text`` (the sentence it was
    read from) writes it where it follows the figure ("9 missing", "3 lives"), else made plural."""
    if q.kind == "money" and not any(c in q.text for c in "$£€¥") and q.unit not in q.text:
        return f"{q.text} {q.unit}"
    if q.kind == "number" and q.unit and q.unit not in q.text:
        written = re.match(r"\s+([A-Za-z][\w'’-]*)", text[q.end:]) if text else None
        if written and (written.group(1).lower() == q.unit or
                        (q.value != 1 and singular(written.group(1)).lower() == q.unit)):
            return f"{q.text} {written.group(1)}"
        return f"{q.text} {q.unit if q.value == 1 else plural(q.unit)}"
    return q.text


def _what(change: tuple[Quantity, Quantity]) -> str:
    qa, qb = change
    if qa.value == qb.value and qa.unit != qb.unit:
        return "currency" if qa.kind == "money" else "unit"
    return {"money": "amount", "number": "number", "time": "time of day", "times": "number of times"}.get(qa.kind,
                                                                                                          qa.kind)


def _a(word: str) -> str:
    return f"{'An' if word[:1] in 'aeiou' else 'A'} {word}"


# what dates an event: a rewritten sentence may give the day of another event of the story
_DAYS = ("weekday", "date")


def _days_elsewhere(ctx: CheckContext, group: int, version: int) -> frozenset[tuple[str, float]]:
    """The weekdays and dates that ``version`` gives outside the slot ``group``."""
    count, per_sentence = _days(ctx, version)
    inside = Counter(d for i in ctx.groups[group].members[version] for d in per_sentence[i])
    return frozenset(d for d, n in count.items() if n > inside[d])


def _days(ctx: CheckContext, version: int) -> tuple[Counter[tuple[str, float]], list[set[tuple[str, float]]]]:
    """The weekdays and dates of each sentence of ``version``, and in how many sentences each is given:
    read once per comparison."""
    key = ("numbers.days", version)
    if key not in ctx.memo:
        per_sentence = [{(q.kind, round(q.value, 6)) for q in extract(s.norm) if q.kind in _DAYS}
                        for s in ctx.sentences[version]]
        ctx.memo[key] = (Counter(d for days in per_sentence for d in days), per_sentence)
    return ctx.memo[key]  # type: ignore[return-value]


def _another_event(ctx: CheckContext, group: int, ref: int, other: int, change: tuple[Quantity, Quantity]) -> bool:
    """Whether a changed day dates another event: each version still gives the other's day outside
    this slot ("exploded on Friday" and "questioned on Saturday" in one version; "the toll rose to 15
    on Saturday" and "the blast on Friday" in the next): the rewrite moved the days, it changed none."""
    qa, qb = change
    if qa.kind not in _DAYS:
        return False
    return (qa.kind, round(qa.value, 6)) in _days_elsewhere(ctx, group, other) and \
        (qb.kind, round(qb.value, 6)) in _days_elsewhere(ctx, group, ref)


def check_numbers(ctx: CheckContext) -> list[Finding]:
    """Every pair of distinct texts of a slot (versions with the same text are compared once)."""
    out = []
    for g, texts in ctx.changed_slots():
        quantities = {v: extract(texts.text(v)) for v in texts.reps}
        for ref, other in texts.pairs():
            changes = [c for c in changed_values(quantities[ref], quantities[other])
                       if not _another_event(ctx, g.id, ref, other, c)]
            changes += changed_units(quantities[ref], quantities[other])
            if not changes:
                continue
            ka, kb = ctx.versions[ref].id, ctx.versions[other].id
            out.append(replacement_finding(
                ctx, "FC220", f"{_a(_what(changes[0]))} differs", g.id, texts, ref, other,
                [(_describe(qa, texts.text(ref)), _describe(qb, texts.text(other))) for qa, qb in changes],
                {"changes": [{"kind": qa.kind, "unit": qa.unit, ka: qa.value, kb: qb.value} for qa, qb in changes]},
                about=Finding.words(*(q.text for pair in changes for q in pair))))
    return out
