"""People and their roles, names and quotations across whole versions (FC304, FC305, FC306).

- FC304: one version spells a name two ways in two places ("Johanson" in the lede, "Johansen" in
  the body): a name corrected in one place and left wrong in another.
- FC305: the same person holds a different title in another version ("Finance Minister Ruth
  Moana" / "Health Minister Ruth Moana"), wherever the two sentences sit.
- FC306: the same quotation is given to a different named speaker in another version, in sentences
  that are not aligned (aligned ones are FC243's).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from factcheck.findings.finding import Finding
from factcheck.inputs.segment import Sentence
from factcheck.slots.context import CheckContext
from factcheck.text.content import carried
from factcheck.text.names import same_entity
from factcheck.text.quotes import quotes
from factcheck.text.speech import mask_quotes, named, same_speaker, speakers
from factcheck.text.spelling import one_edit_apart

_OFFICE = (r"(?:Prime Minister|Deputy Prime Minister|President|Vice President|Minister|Secretary|Senator|Sen\.|"
           r"Representative|Rep\.|Governor|Gov\.|Mayor|Chancellor|Premier|Speaker|Judge|Justice|Chief Justice|"
           r"Attorney General|General|Gen\.|Admiral|Colonel|Col\.|Commissioner|Ambassador|Chairman|Chairwoman|"
           r"Chair|Director|Chief Executive|CEO|Spokesman|Spokeswoman|Spokesperson|Police Chief|Leader|Bishop|"
           r"Archbishop|Pope|King|Queen|Prince|Princess)")
# "Finance Minister Ruth Moana", "US Secretary of State John Kerry", "Sen. Jane Doe", "Harbour Bank Chairman of the
# Board Alejandra Lopes"
_TITLED = re.compile(rf"(?P<role>(?:[A-Z][\w.'’-]*\s+){{0,3}}{_OFFICE}(?:\s+(?:of|for)\s+(?:the\s+)?[A-Z][\w'’-]*"
                     rf"(?:\s+[A-Z][\w'’-]*)*)?)\s+(?P<name>[A-Z][a-z][\w'’-]+(?:\s+[A-Z][a-z][\w'’-]+){{1,2}})")
_NAME_WORD = re.compile(r"[A-Z][a-z][a-z'’-]{3,}")


@dataclass(frozen=True)
class Role:
    person: str
    role: str
    sentence: Sentence


def roles(s: Sentence) -> list[Role]:
    text = mask_quotes(s.norm)
    out = []
    for m in _TITLED.finditer(text):
        role = re.sub(r"^(?:The|A|An|But|And|Former|former)\s+", "", m.group("role")).strip()
        out.append(Role(m.group("name"), role, s))
    return out


def _same_role(a: str, b: str) -> bool:
    """"Prime Minister" and "New Zealand Prime Minister" are one role; "Sen." and "Senator" too."""
    def norm(r: str) -> str:
        return (r.lower().replace("sen.", "senator").replace("rep.", "representative").replace("gov.", "governor")
                .replace("gen.", "general").replace("col.", "colonel"))
    ra, rb = norm(a), norm(b)
    return ra in rb or rb in ra


# offices one person holds one of at a time: a change within a family is a change of role ("Finance
# Minister" / "Health Minister", "Senator" / "Representative"); across families it is another hat
# ("Sen." / "Committee Chairman")
_FAMILIES = [
    ("minister", ("prime minister", "deputy prime minister", "minister", "secretary", "premier", "chancellor")),
    ("legislator", ("senator", "sen.", "representative", "rep.", "speaker")),
    ("head", ("vice president", "president", "governor", "gov.", "mayor")),
    ("military", ("general", "gen.", "admiral", "colonel", "col.")),
    ("court", ("chief justice", "justice", "judge", "attorney general")),
    ("company", ("chief executive", "ceo", "chairman", "chairwoman", "chair", "director")),
]


def _family(role: str) -> str | None:
    low = role.lower()
    for family, offices in _FAMILIES:
        if any(re.search(rf"(?<![\w.]){re.escape(o)}(?![\w])", low) for o in offices):
            return family
    return None


def role_changes(ctx: CheckContext) -> list[Finding]:
    found = [[r for s in sents for r in roles(s)] for sents in ctx.sentences]
    order = sorted(range(len(ctx.versions)), key=lambda v: ctx.versions[v].sort_key)
    out: list[Finding] = []
    done: set[tuple[str, str, str]] = set()
    for i, a in enumerate(order):
        for b in order[i + 1:]:
            for ra in found[a]:
                for rb in found[b]:
                    if not same_speaker(ra.person, rb.person) or _same_role(ra.role, rb.role) or \
                            _family(ra.role) is None or _family(ra.role) != _family(rb.role):
                        continue
                    if any(_same_role(ra.role, o.role) for o in found[b] if same_speaker(o.person, ra.person)):
                        continue  # the other version gives that role too, elsewhere
                    key = (ra.person, ra.role.lower(), rb.role.lower())
                    if key in done:
                        continue
                    done.add(key)
                    va, vb = ctx.versions[a].id, ctx.versions[b].id
                    out.append(Finding(
                        "FC305", f'{ra.person} is "{ra.role}" in {va} (line {ra.sentence.line}) but "{rb.role}" in '
                        f"{vb} (line {rb.sentence.line}).", ctx.group_of(rb.sentence),
                        [ctx.evidence(ra.sentence), ctx.evidence(rb.sentence)],
                        {"person": ra.person, va: ra.role, vb: rb.role}, about=frozenset({ra.role.lower(),
                                                                                          rb.role.lower()})))
    return out


def names_spelled_two_ways(ctx: CheckContext) -> list[Finding]:
    """A capitalised name that one version writes two ways, one letter apart, in different sentences."""
    out: list[Finding] = []
    done: set[frozenset[str]] = set()
    # the story's names: capitalised words inside a sentence in any version (so that "Smyth said"
    # counts once "Helen Smyth" is known, and a capitalised first word of a sentence does not)
    known = {w for sents in ctx.sentences for s in sents for run in carried(s.norm).names for w in run.split()
             if _NAME_WORD.fullmatch(w)}
    for v, sents in enumerate(ctx.sentences):
        where: dict[str, Sentence] = {}
        for s in sents:
            for w in re.findall(r"[A-Z][a-z][a-z'’-]{3,}", mask_quotes(s.norm)):
                if w in known:
                    where.setdefault(w, s)
        words = sorted(where)
        for i, x in enumerate(words):
            for y in words[i + 1:]:
                if where[x] is where[y] or not one_edit_apart(x, y) or same_entity(x, y) or x.lower() == y.lower():
                    continue
                if _plain(x) == _plain(y):
                    continue   # one name in two spellings ("Zurich" / "Zürich") or a possessive ("Israel's")
                if x.rstrip("s") == y.rstrip("s"):
                    continue  # a plural ("Democrat" / "Democrats")
                pair = frozenset({x, y})
                if pair in done:
                    continue
                done.add(pair)
                vid = ctx.versions[v].id
                out.append(Finding(
                    "FC304", f'{vid} spells one name two ways: "{x}" (line {where[x].line}) and "{y}" '
                    f"(line {where[y].line}).", ctx.group_of(where[x]),
                    [ctx.evidence(where[x]), ctx.evidence(where[y])], {"spellings": [x, y]}, subject=vid))
    return out


def _plain(word: str) -> str:
    """A name without its possessive and its accents."""
    base = re.sub(r"['’]s?$", "", word)
    return "".join(c for c in unicodedata.normalize("NFKD", base) if not unicodedata.combining(c)).lower()


def _quote_words(q: str) -> set[str]:
    return set(re.findall(r"[a-z']+", q.lower()))


def _alike_quotes(said: list[tuple[set[str], list[str], Sentence]]) -> Callable[[set[str]], list[int]]:
    """The quotations of one version that may share 60% of their words with a given one, in order: an
    index of their words, each quotation looked up by its rarest words (a prefix filter: a quotation
    sharing 60% of ``words`` holds one of any ``len(words) - ceil(0.6 * len(words)) + 1`` of them). Every
    pair of a long page's quotations was compared before."""
    index: dict[str, list[int]] = {}
    for j, (words, _names, _s) in enumerate(said):
        for w in words:
            index.setdefault(w, []).append(j)

    def alike(words: set[str]) -> list[int]:
        need = len(words) - math.ceil(0.6 * len(words)) + 1
        rarest = sorted(words, key=lambda w: (len(index.get(w, ())), w))[:need]
        return sorted({j for w in rarest for j in index.get(w, ())})

    return alike


def quote_speakers(ctx: CheckContext) -> list[Finding]:
    """The same quotation given to different named speakers in sentences that are not aligned."""
    said: list[list[tuple[set[str], list[str], Sentence]]] = []
    for sents in ctx.sentences:
        said.append([(_quote_words(q.text), named(speakers(s.norm)), s) for s in sents
                     for q in quotes(s.norm) if len(_quote_words(q.text)) >= 4])
    order = sorted(range(len(ctx.versions)), key=lambda v: ctx.versions[v].sort_key)
    out: list[Finding] = []
    done: set[tuple[str, str]] = set()
    for i, a in enumerate(order):
        for b in order[i + 1:]:
            alike = _alike_quotes(said[b])
            for wa, na, sa in said[a]:
                for wb, nb, sb in (said[b][j] for j in alike(wa)):
                    if not na or not nb or ctx.group_of(sa) == ctx.group_of(sb):
                        continue
                    if len(wa & wb) < 0.6 * max(len(wa), len(wb)):
                        continue
                    if any(same_speaker(x, y) for x in na for y in nb) or (sa.norm, sb.norm) in done:
                        continue
                    done.add((sa.norm, sb.norm))
                    va, vb = ctx.versions[a].id, ctx.versions[b].id
                    out.append(Finding(
                        "FC306", f"The same quotation is given to {', '.join(na)} in {va} (line {sa.line}) but to "
                        f"{', '.join(nb)} in {vb} (line {sb.line}).", ctx.group_of(sb),
                        [ctx.evidence(sa), ctx.evidence(sb)],
                        # the very words of one quotation (nearly all shared): surely one quotation
                        {"speakers": {va: na, vb: nb}, "one_fact": len(wa & wb) >= 0.9 * max(len(wa), len(wb))}))
    return out
