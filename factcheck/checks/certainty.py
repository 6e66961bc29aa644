"""Certainty and modality (FC230) and negation (FC231) that differ within a slot.

"Confirmed the one-off deal" against "confirmed the possible deal", "will take" against "may take",
or "approved" against "did not approve". Only an edit counts: the two texts are compared word by
word, and a hedge or a negation must sit in a part that one version changed, with no hedge or
negation in the other version's counterpart. So the form of a negation ("can't" / "could not",
"never" / "not"), a negation inside a name ("Doctors Without Borders") and a negation in a clause
that was rewritten from scratch are not reported.
"""

from __future__ import annotations

from factcheck.findings.finding import Finding
from factcheck.slots.context import CheckContext
from factcheck.slots.slot import SlotTexts
from factcheck.text.certainty import hedges_added, negation_changed
from factcheck.text.diff import describe
from factcheck.text.numbers import changed_precision
from factcheck.text.quantities import Quantity, extract


def check_certainty(ctx: CheckContext) -> list[Finding]:
    out = []
    for g, texts in ctx.changed_slots():
        hedged: dict[int, list[str]] = {}  # text -> its hedges that some other text lacks
        plain: set[int] = set()
        negated: dict[int, set[int]] = {}  # text with a negation -> texts without it
        for a, b in texts.pairs():
            ha, hb = hedges_added(texts.text(a), texts.text(b))
            for side, other, words in ((a, b, ha), (b, a, hb)):
                if words:
                    hedged.setdefault(side, [])
                    hedged[side] += [w for w in words if w not in hedged[side]]
                    plain.add(other)
            neg_side = negation_changed(texts.text(a), texts.text(b))
            if neg_side:
                has, lacks = (a, b) if neg_side == "a" else (b, a)
                negated.setdefault(has, set()).add(lacks)
        label = texts.labels
        if hedged:
            hs = sorted(hedged, key=lambda v: ctx.versions[v].sort_key)
            ps = sorted(plain - set(hedged), key=lambda v: ctx.versions[v].sort_key) or sorted(plain)
            listing = ", ".join(f'"{w}"' for v in hs for w in hedged[v])
            message = (f"{', '.join(label[v] for v in hs)} hedge{'s' if len(hs) == 1 else ''} this statement "
                       f"({listing}) where {', '.join(label[v] for v in ps)} state{'s' if len(ps) == 1 else ''} "
                       "it as settled.")
            out.append(Finding("FC230", message, g.id, ctx.slot_evidence(texts, *hs, *ps),
                               {"hedges": {ctx.versions[v].id: hedged.get(v, []) for v in hs + ps}}))
        for a, b in texts.pairs():
            out += _precision(ctx, g.id, texts, a, b)
        for negating, lacking in sorted(negated.items(), key=lambda kv: ctx.versions[kv[0]].sort_key):
            without = sorted(lacking, key=lambda v: ctx.versions[v].sort_key)
            edit = describe(texts.text(without[0]), texts.text(negating))
            message = (f"A negation appears in {label[negating]} but not in {', '.join(label[v] for v in without)}"
                       f" ({edit}): one version denies what the other states.")
            out.append(Finding("FC231", message, g.id, ctx.slot_evidence(texts, negating, *without),
                               {"negated_in": ctx.versions[negating].id}, subject=ctx.versions[negating].id))
    return out


def _shown(q: Quantity) -> str:
    return f"{q.approx} {q.text}".strip()


def _precision(ctx: CheckContext, gid: int, texts: SlotTexts, a: int, b: int) -> list[Finding]:
    """FC230 for a figure given exactly in one text and as approximate or a bound in the other ("200" /
    "about 200"), the same value in both."""
    found = changed_precision(extract(texts.text(a)), extract(texts.text(b)))
    if not found:
        return []
    listing = "; ".join(f'"{_shown(x)}" in {texts.labels[a]} but "{_shown(y)}" in {texts.labels[b]}' for x, y in found)
    return [Finding("FC230", f"A figure's certainty differs: {listing}.", gid, ctx.slot_evidence(texts, a, b),
                    {"approximate": [[_shown(x), _shown(y)] for x, y in found]},
                    about=Finding.words(*(q.text for pair in found for q in pair)))]
