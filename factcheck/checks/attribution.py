"""Attribution that differs within a slot (FC260, FC261).

"Kerry said the deal was done" against "Key said the deal was done" gives the words to someone
else (FC260); "the deal was done, Kerry said" against "the deal was done" turns a claim into a
fact the paper asserts (FC261). Pronouns and descriptions ("he", "the minister") count as
attributed but are never compared by name. Sentences that quote someone are left to the quote
checks: the quotation itself attributes them.
"""

from __future__ import annotations

from factcheck.findings.finding import Finding
from factcheck.slots.context import CheckContext
from factcheck.text.speech import compare, named, reports_speech, speakers


def _quotes_someone(text: str) -> bool:
    return text.count('"') >= 2 or text.lstrip().startswith('"')


def check_attribution(ctx: CheckContext) -> list[Finding]:
    out = []
    for g, texts in ctx.changed_slots():
        dropped: dict[int, list[int]] = {}  # attributing text -> texts that state it as fact
        joined = {v: texts.text(v) for v in texts.reps}
        found = {v: speakers(t) for v, t in joined.items()}
        for a, b in texts.pairs():
            verdict = compare(found[a], found[b])
            if verdict is None:
                continue
            evidence = ctx.slot_evidence(texts, a, b)
            la, lb = texts.labels[a], texts.labels[b]
            if verdict == "changed":
                if _quotes_someone(joined[a]) and _quotes_someone(joined[b]):
                    continue  # the quote check compares the speakers of quotations (FC243)
                na, nb = named(found[a]), named(found[b])
                out.append(Finding("FC260", f"{la} attributes this to {', '.join(na)} where {lb} attributes it "
                                   f"to {', '.join(nb)}.", g.id, evidence,
                                   {"speakers": {ctx.versions[a].id: na, ctx.versions[b].id: nb}}))
                continue
            has, lacks = (a, b) if verdict == "dropped" else (b, a)
            if _quotes_someone(joined[lacks]) or _quotes_someone(joined[has]) or reports_speech(joined[lacks]):
                continue  # quotations are attributed by the quote checks; "revealed" still attributes
            dropped.setdefault(has, []).append(lacks)
        for has, lacking in dropped.items():
            who = found[has][0].text
            out.append(Finding(
                "FC261", f'{texts.labels[has]} attributes this statement ("{who}") where '
                f"{' and '.join(texts.labels[v] for v in lacking)} state{'s' if len(lacking) == 1 else ''} it as fact.",
                g.id, ctx.slot_evidence(texts, has, *lacking), {"attribution": who},
                subject=ctx.versions[lacking[0]].id))
    return out
