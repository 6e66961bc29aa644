"""Near-identical spellings of one name across and within versions (FC210).

Acronyms that are anagrams or one edit apart (UNCHR / UNHCR), names that differ
only by a hyphen or a space (Trans-Pacific / Trans Pacific), and a name replaced in place by
one a letter apart (Johanson / Johansen) are probable typos.
When the table of known acronyms knows one spelling, the other is the suspect.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict

from factcheck.checks.acronym_table import known_acronyms
from factcheck.checks.context import CheckContext, names, replacements
from factcheck.checks.name_variants import same_entity
from factcheck.checks.speech import mask_quotes
from factcheck.findings import Finding
from factcheck.segment import Sentence

_ACRONYM = re.compile(r"\b[A-Z]{3,8}\b")
_WORDS = re.compile(r"[A-Za-zÀ-ÿ][\w'’-]*")
_HYPHENATED = re.compile(r"\b[A-Z][a-z]+(?:[- ][A-Z][a-z]+)+\b")


def one_edit_apart(a: str, b: str) -> bool:
    """Damerau distance 1: one substitution, insertion, deletion or swap of neighbours."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def _occurrences(ctx: CheckContext) -> tuple[dict[str, list[Sentence]], dict[str, list[Sentence]]]:
    acronyms: dict[str, list[Sentence]] = defaultdict(list)
    names: dict[str, list[Sentence]] = defaultdict(list)
    for sents in ctx.sentences:
        for s in sents:
            for m in _ACRONYM.finditer(s.norm):
                acronyms[m.group(0)].append(s)
            for m in _HYPHENATED.finditer(s.norm):
                if "-" in m.group(0):
                    names[m.group(0)].append(s)
    return acronyms, names


def check_spelling_variants(ctx: CheckContext) -> list[Finding]:
    table = known_acronyms()
    acronyms, hyphenated = _occurrences(ctx)
    out: list[Finding] = []
    tokens = sorted(acronyms)
    for i, a in enumerate(tokens):
        for b in tokens[i + 1:]:
            if len(a) < 4 or not one_edit_apart(a, b):
                continue
            if (a in table and b in table) or same_entity(a, b):
                continue  # two real bodies (UNHRC and UNHCR), or two names of one (ISIS and ISIL)
            if b in table or (a not in table and len(acronyms[b]) > len(acronyms[a])):
                suspect, likely = a, b
            else:
                suspect, likely = b, a
            out.append(_finding(ctx, suspect, likely, acronyms[suspect], acronyms[likely]))
    # a hyphenated name written elsewhere with a space
    text_index: dict[str, list[Sentence]] = defaultdict(list)
    for sents in ctx.sentences:
        for s in sents:
            for name in hyphenated:
                spaced = name.replace("-", " ")
                if spaced in s.norm:
                    text_index[name].append(s)
    for name, spaced_in in text_index.items():
        out.append(_finding(ctx, name.replace("-", " "), name, spaced_in, hyphenated[name]))
    return out + _respelled_names(ctx)


def respellings(a_text: str, b_text: str) -> list[tuple[str, str]]:
    """Capitalised words of ``a_text`` replaced in place by a word one letter apart in ``b_text``
    ("Johanson" / "Johansen"): one name spelled two ways, where at most one spelling is right."""
    ta, tb = _WORDS.findall(mask_quotes(a_text)), _WORDS.findall(mask_quotes(b_text))
    sm = difflib.SequenceMatcher(a=ta, b=tb, autojunk=False)
    out = []
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op != "replace" or i2 - i1 != j2 - j1:
            continue
        for x, y in zip(ta[i1:i2], tb[j1:j2], strict=True):
            if x[:1].isupper() and y[:1].isupper() and min(len(x), len(y)) >= 4 and not x.isupper() \
                    and one_edit_apart(x, y) and not same_entity(x, y):
                out.append((x, y))
    return out


def _respelled_names(ctx: CheckContext) -> list[Finding]:
    return replacements(ctx, "FC210", "A name is spelled differently", respellings,
                        lambda found, va, vb: {"spellings": [[x, y] for x, y in found]})


def _finding(ctx: CheckContext, suspect: str, likely: str, where: list[Sentence],
             elsewhere: list[Sentence]) -> Finding:
    versions = sorted({ctx.versions[s.version].id for s in where})
    other = sorted({ctx.versions[s.version].id for s in elsewhere})
    message = (f'"{suspect}" ({names(versions)}) looks like a misspelling of "{likely}" '
               f'({names(other)}).')
    evidence = [ctx.evidence(s) for s in where[:6]] + [ctx.evidence(s) for s in elsewhere[:2]]
    return Finding("FC210", message, ctx.group_of(where[0]), evidence,
                   {"variant": suspect, "likely": likely}, subject=ctx.versions[where[0].version].id)
