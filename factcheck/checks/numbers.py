"""Changed numbers, amounts, percentages, dates, weekdays, currencies and units within a slot (FC220).

Quantities are compared by kind and by what they count ("150 refugees" against
"999 refugees", not against "3 ministers"), so counts of different things do not
fire, and pure formatting ("150" against "one hundred and fifty") compares equal.
A value that only one version gives is an addition, not a change, and is left to NLI.
"""

from __future__ import annotations

import math
from collections import Counter

from factcheck.checks.context import CheckContext, replacement_finding
from factcheck.checks.quantities import Quantity, extract
from factcheck.findings import Finding

Key = tuple[str, str]


def _by_key(quantities: list[Quantity]) -> dict[Key, Counter[float]]:
    out: dict[Key, Counter[float]] = {}
    for q in quantities:
        out.setdefault((q.kind, q.unit), Counter())[round(q.value, 6)] += 1
    return out


def changed_values(a: list[Quantity], b: list[Quantity]) -> list[tuple[Quantity, Quantity]]:
    """Pairs (value in a, value in b) of the same kind and unit that differ and have no match."""
    ka, kb = _by_key(a), _by_key(b)
    pairs = []
    for key in ka.keys() & kb.keys():
        left, right = ka[key] - kb[key], kb[key] - ka[key]
        if not left or not right:
            continue
        va = [q for q in a if (q.kind, q.unit) == key and round(q.value, 6) in left]
        vb = [q for q in b if (q.kind, q.unit) == key and round(q.value, 6) in right]
        for qa, qb in zip(va, vb, strict=False):
            if not math.isclose(qa.value, qb.value, rel_tol=1e-9):
                pairs.append((qa, qb))
    return sorted(pairs, key=lambda p: p[0].start)


# units of measure and time whose change changes the fact ("10 km" / "10 miles"); a counted noun
# that changes ("150 refugees" / "150 people") is a rewording and is not listed
MEASURES = frozenset(
    "km kilometre kilometer mile m metre meter ft foot feet inch cm mm kg kilogram gram g tonne ton lb "
    "litre liter gallon hectare acre degree celsius fahrenheit mph knot second minute hour day week month "
    "year decade century".split())


def changed_units(a: list[Quantity], b: list[Quantity]) -> list[tuple[Quantity, Quantity]]:
    """Pairs with the same value and kind whose currency or unit of measure differs, and whose
    value is given in no other unit of the same kind on either side."""
    def measured(q: Quantity) -> bool:
        return q.kind == "money" or (q.kind == "number" and q.unit in MEASURES)

    def key(q: Quantity) -> tuple[str, str, float]:
        return (q.kind, q.unit, round(q.value, 6))

    keys_a, keys_b = {key(q) for q in a}, {key(q) for q in b}
    pairs = []
    for qa in a:
        if not measured(qa) or key(qa) in keys_b:
            continue
        qb = next((q for q in b if measured(q) and q.kind == qa.kind and q.unit != qa.unit
                   and math.isclose(q.value, qa.value, rel_tol=1e-9) and key(q) not in keys_a), None)
        if qb is not None:
            pairs.append((qa, qb))
    return pairs


def _describe(q: Quantity) -> str:
    if q.kind == "money" and not any(c in q.text for c in "$£€¥"):
        return f"{q.text} {q.unit}"
    return f"{q.text} {q.unit}".strip() if q.kind == "number" and q.unit and q.unit not in q.text else q.text


def _what(change: tuple[Quantity, Quantity]) -> str:
    qa, qb = change
    if qa.value == qb.value and qa.unit != qb.unit:
        return "currency" if qa.kind == "money" else "unit"
    return qa.kind


def check_numbers(ctx: CheckContext) -> list[Finding]:
    """Every pair of distinct texts of a slot (versions with the same text are compared once)."""
    out = []
    for g, texts in ctx.changed_slots():
        quantities = {v: extract(texts.text(v)) for v in texts.reps}
        for ref, other in texts.pairs():
            changes = changed_values(quantities[ref], quantities[other])
            changes += changed_units(quantities[ref], quantities[other])
            if not changes:
                continue
            ka, kb = ctx.versions[ref].id, ctx.versions[other].id
            out.append(replacement_finding(
                ctx, "FC220", f"A {_what(changes[0])} differs", g.id, texts, ref, other,
                [(_describe(qa), _describe(qb)) for qa, qb in changes],
                {"changes": [{"kind": qa.kind, "unit": qa.unit, ka: qa.value, kb: qb.value} for qa, qb in changes]},
                about=Finding.words(*(q.text for pair in changes for q in pair))))
    return out
