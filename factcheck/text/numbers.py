"""Figures that changed between two texts: the same kind and unit with another value, or the same
value in another currency or unit of measure."""

from __future__ import annotations

import math
from collections import Counter

from factcheck.text.quantities import Quantity

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


def changed_precision(a: list[Quantity], b: list[Quantity]) -> list[tuple[Quantity, Quantity]]:
    """Pairs with the same kind, unit and value, one of them approximate or a bound and the other not, or
    the two qualified differently ("200" / "about 200", "about 200" / "more than 200")."""
    pairs = []
    used: set[int] = set()
    for qa in a:
        for n, qb in enumerate(b):
            if n in used or qa.kind != qb.kind or qa.unit != qb.unit or not math.isclose(qa.value, qb.value):
                continue
            used.add(n)
            if qa.approx != qb.approx:
                pairs.append((qa, qb))
            break
    return pairs
