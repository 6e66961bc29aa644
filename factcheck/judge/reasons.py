"""Reasons in words for a verdict, taken from the texts: "'rose' -> 'fell' (opposites)",
"'12' -> '15' killed", "'dog' -> 'animal' is more general: nothing new is claimed".

Pure functions of an EditSet (and, for support, of the story sentences found).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from factcheck.judge.edit import Change, EditSet, WordPair

MAX_QUOTE = 90

def quote(text: str, limit: int = MAX_QUOTE) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _pair_reason(p: WordPair) -> str:
    a, b = quote(p.old, 40), quote(p.new, 40)
    kind = p.relation.kind
    if kind == "antonym":
        return f"'{a}' -> '{b}' (opposites)"
    if kind == "indirect-antonym":
        return f"'{a}' -> '{b}' (can mean the opposite)"
    if kind == "co-hyponym":
        return f"'{a}' -> '{b}': two different things of one kind"
    if kind in ("hyponym", "meronym"):
        return f"'{a}' -> '{b}' is more specific: it claims more"
    if kind in ("hypernym", "holonym"):
        return f"'{a}' -> '{b}' is more general: nothing new is claimed"
    if kind == "synonym":
        return f"'{a}' -> '{b}' (same meaning)"
    if kind in ("similar", "derivation", "related"):
        return f"'{a}' -> '{b}' (close in meaning)"
    if kind == "same":
        return f"'{a}' -> '{b}' (another form of the same word)"
    return f"'{a}' -> '{b}' (a different word)"


def _after(text: str, span: tuple[int, int] | None) -> str:
    """The word right after a span ("'12' -> '15' killed")."""
    if span is None:
        return ""
    rest = text[span[1]:].split()
    word = rest[0].strip(".,;:!?\"'()") if rest else ""
    return f" {word}" if word.isalpha() else ""


def nowhere_else(words: Sequence[str], limit: int = 4) -> str:
    """"'x' appears nowhere else in the story", "'x' and 'y' appear ...", "'x', 'y' and 'z' appear ..."."""
    shown = [repr(w) for w in words[:limit]]
    listed = shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} and {shown[-1]}"
    return f"{listed} {'appears' if len(shown) == 1 else 'appear'} nowhere else in the story"


_NAME_GOES_ON = re.compile(r"(?:\s+(?:[A-Z][\w'’.-]*|of|de|van|von|al))*\s+[A-Z][\w'’.-]*")


def _whole_name(part: str, span: tuple[int, int] | None, text: str) -> str:
    """The changed run of a name with the rest of the name it ends in ("US Secretary of State John" ->
    "US Secretary of State John Kerry"), else the run itself."""
    if span is None or text[span[0]:span[1]] != part:
        return part
    more = _NAME_GOES_ON.match(text, span[1])
    whole = part + more.group(0) if more else part
    # the sentence's full stop is not the name's ("John Key." but "U.S.")
    return whole[:-1] if whole.endswith(".") and whole[-2:-1].islower() else whole


def change_reason(c: Change, e: EditSet) -> str:
    old, new = quote(c.old, 60), quote(c.new, 60)
    if c.op == "move":
        return f"'{new}' moved (same words)"
    if c.kind == "negation":
        if c.op == "insert" or (c.op == "replace" and len(new) >= len(old)):
            return f"a negation is added: '{old}' -> '{new}'" if c.op == "replace" else f"a negation is added: '{new}'"
        return f"a negation is dropped: '{old}' -> '{new}'" if c.op == "replace" else f"a negation is dropped: '{old}'"
    if c.kind == "number":
        if c.op == "replace":
            return f"'{old}' -> '{new}'{_after(e.new, c.new_span)}"
        return f"a number is added: '{new}'" if c.op == "insert" else f"a number is dropped: '{old}'"
    if c.kind == "entity":
        if c.op == "replace":
            return f"'{old}' -> '{new}' (another name)"
        part, span, text, other = (c.new, c.new_span, e.new, e.old) if c.op == "insert" else \
            (c.old, c.old_span, e.old, e.new)
        whole = _whole_name(part, span, text)
        verb = "added" if c.op == "insert" else "dropped"
        if whole != part and whole[len(part):].strip() in other:
            return f"'{quote(part, 60)}' is {verb} {'to' if c.op == 'insert' else 'from'} the name '{quote(whole, 60)}'"
        return f"a name is {verb}: '{quote(whole, 60)}'"
    if c.kind == "hedge":
        if c.op == "replace":
            return f"'{old}' -> '{new}' (certainty changed)"
        return f"'{new}' makes it less certain" if c.op == "insert" else f"'{old}' is dropped: stated as settled"
    if c.kind == "rewrite":
        return f"'{quote(c.old, 50)}' is rewritten as '{quote(c.new, 50)}'"
    if c.kind == "inflection":
        return f"'{old}' -> '{new}' (another form, same words)"
    if c.kind in ("function", "punctuation"):
        return f"'{old}' -> '{new}' (wording only)" if c.op == "replace" else "punctuation or function words only"
    if c.op == "insert":
        return f"adds '{new}'"
    if c.op == "delete":
        return f"drops '{old}'"
    if c.pairs:
        return "; ".join(_pair_reason(p) for p in c.pairs[:2])
    return f"'{old}' -> '{new}'"


def check_reasons(old: str, new: str) -> list[str]:
    """What factcheck's targeted checks find between two texts, in words: changed numbers, swapped
    names, opposite words, a negation present on one side only, another speaker."""
    from factcheck.text.certainty import negations
    from factcheck.text.entities import swaps
    from factcheck.text.numbers import changed_units, changed_values
    from factcheck.text.opposites import reversals
    from factcheck.text.quantities import extract
    from factcheck.text.speech import compare, named, speakers

    out = []
    qa, qb = extract(old), extract(new)
    for x, y in changed_values(qa, qb) + changed_units(qa, qb):
        out.append(f"'{x.text}' -> '{y.text}'{_after(new, (y.start, y.end))}")
    out += [f"'{s.old}' -> '{s.new}' (another name)" for s in swaps(old, new)]
    out += [f"'{x}' -> '{y}' (opposites)" for x, y in reversals(old, new)]
    na, nb = negations(old), negations(new)
    if min(na, nb) == 0 and max(na, nb) > 0:  # as the negation check (FC231) reads it
        out.append("a negation is added" if nb else "the negation is dropped")
    if compare(speakers(old), speakers(new)) == "changed":
        out.append(f"said by {', '.join(named(speakers(old)))} -> by {', '.join(named(speakers(new)))}")
    return out


_OPPOSED = frozenset({"antonym", "indirect-antonym"})
_SAFE = frozenset({"same", "synonym", "hypernym", "holonym", "similar", "derivation"})


def change_rank(c: Change) -> int:
    """How strongly a change speaks for a changed fact, for ordering reasons (0 first): a negation, a
    number, an opposite, a name, a hedge, another word, added words, dropped words, then wording."""
    if c.kind == "negation":
        return 0
    if c.kind == "number" and c.op == "replace":
        return 1
    if c.op == "replace" and any(p.relation.kind in _OPPOSED for p in c.pairs):
        return 2
    if c.kind == "entity" and c.op == "replace":
        return 3
    if c.kind == "hedge":
        return 4
    if c.op == "replace" and c.kind in ("swap", "rewrite") and (
            c.added or c.dropped or not c.pairs or any(p.relation.kind not in _SAFE for p in c.pairs)):
        return 5
    if c.op == "insert" and c.kind not in ("punctuation", "function"):
        return 6
    if c.op == "delete" and c.kind not in ("punctuation", "function"):
        return 7
    return 8
