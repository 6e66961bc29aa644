"""Acronyms and their expansions (FC201, FC202, FC203).

Finds definitions written as ``X (ABC)``, ``ABC (X)``, ``ABC [X]`` and ``ABC, the X``,
and checks that the expansion's initials can spell the acronym, allowing for
skipped function words, acronyms inside the expansion (``UN``), hyphenated parts
and a word giving more than its first letter (``Co-operation``, ``Programme``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from factcheck.findings.finding import Finding
from factcheck.inputs.segment import Sentence
from factcheck.slots.context import CheckContext, names
from factcheck.text.acronym_table import known_acronyms
from factcheck.text.furniture import mask_dateline
from factcheck.text.normalize import match_key

FUNCTION_WORDS = frozenset(
    "of the for and on in to at by with de des du la le el al di da der den und et a an & -".split())
TAIL_WORDS = frozenset({"for", "in", "of", "on"})
_ACR = r"[A-Z][A-Z&]{1,7}"
_WORD = r"(?:[A-Z][\w'.-]*|of|the|for|and|on|in|to|at|by|de|des|du|la|le|&)"
_EXP = rf"[A-Z][\w'.-]*(?:[ ,]+{_WORD})*"
ACR_THEN_EXP = re.compile(rf"\b({_ACR})\s*[\(\[]\s*(?:the\s+)?({_EXP})\s*[\)\]]")
ACR_COMMA_THE = re.compile(rf"\b({_ACR}), the ({_EXP}?)(?=[,.;:]|$)")
EXP_THEN_ACR = re.compile(rf"\(\s*({_ACR})\s*\)")
_TRAILING = re.compile(rf"((?:{_WORD}[ ,]+)*{_WORD})\s*$")


@dataclass(frozen=True)
class Definition:
    acronym: str
    expansion: str
    sentence: Sentence
    version: int


def _words(expansion: str) -> list[str]:
    """Words of an expansion; a part after a hyphen is marked with a leading '-' (it may give no letter)."""
    out = []
    for chunk in re.split(r"[\s/,]+", expansion.replace("'s", "")):
        parts = [p for p in chunk.split("-") if p]
        out.extend(parts[:1] + ["-" + p for p in parts[1:]])
    return out


def initials(expansion: str) -> str:
    """The plain initials: first letter of each content word; an all-caps word gives all its letters."""
    out = []
    for w in _words(expansion):
        w = w.lstrip("-")
        if w.lower() in FUNCTION_WORDS:
            continue
        out.append(w if w.isupper() and len(w) > 1 else w[0].upper())
    return "".join(out)


def _is_subsequence(needle: str, hay: str) -> bool:
    it = iter(hay)
    return all(ch in it for ch in needle)


def can_spell(acronym: str, expansion: str) -> bool:
    """Whether the words of ``expansion``, in order, can give the letters of ``acronym``. An acronym of four
    letters or more may pass over one word inside its expansion ("CMATS": Civil Military Air Traffic
    Management System), never reorder its letters ("UNHCR" is not "United Nations Human Rights Council")."""
    acr = acronym.replace("&", "").upper()
    words = _words(expansion)
    skips = 1 if len(acr) >= 4 else 0

    @cache
    def fit(wi: int, ai: int, skipped: int) -> bool:
        if wi == len(words):
            return ai == len(acr)
        word = words[wi].lstrip("-")
        low = word.lower()
        optional = low in FUNCTION_WORDS or words[wi].startswith("-")
        if optional and fit(wi + 1, ai, skipped):
            return True
        if ai >= len(acr):
            # a descriptive tail after the full acronym: "... Agency for Palestine Refugees"
            return low in TAIL_WORDS
        if not word:
            return False
        if word.isupper() and len(word) > 1 and acr.startswith(word, ai) and fit(wi + 1, ai + len(word), skipped):
            return True
        if 0 < ai and skipped < skips and wi + 1 < len(words) and fit(wi + 1, ai, skipped + 1):
            return True   # a word inside the expansion that gives no letter
        if low[0].upper() != acr[ai]:
            return False
        for extra in range(0, 3):
            nxt = acr[ai + 1: ai + 1 + extra].lower()
            if len(nxt) == extra and _is_subsequence(nxt, low[1:]) and fit(wi + 1, ai + 1 + extra, skipped):
                return True
        return False

    return bool(words) and fit(0, 0, 0)


def _clean(expansion: str) -> str:
    words = expansion.strip(" ,").split()
    while words and words[0].lower() in FUNCTION_WORDS:
        words.pop(0)
    while words and words[-1].lower() in FUNCTION_WORDS:
        words.pop()
    return " ".join(words)


# a list of names each with its bracketed label ("US News (AP), Reuters (UK), health department (HK)"):
# sources or places, not glosses
_LISTED = re.compile(r"\([A-Z][A-Z&.]{0,7}\)\s*[,;]\s*[^,;()]{1,40}\([A-Z][A-Z&.]{0,7}\)")


def definitions(s: Sentence) -> list[Definition]:
    text = mask_dateline(s.norm)  # "WASHINGTON (AP)" is a dateline, not a gloss
    if s.furniture is not None or _LISTED.search(text):
        return []   # a credit or a list of sources is not a gloss
    found: list[Definition] = []
    for m in ACR_THEN_EXP.finditer(text):
        found.append(Definition(m.group(1), _clean(m.group(2)), s, s.version))
    for m in ACR_COMMA_THE.finditer(text):
        found.append(Definition(m.group(1), _clean(m.group(2)), s, s.version))
    for m in EXP_THEN_ACR.finditer(text):
        before = _TRAILING.search(text[: m.start()])
        if before:
            words = _clean(before.group(1)).split()
            acr = m.group(1)
            # the shortest tail of words that can spell the acronym; else the words after the
            # last function word ("Staff of the UN Refugee Agency" -> "UN Refugee Agency")
            cut = max((i + 1 for i, w in enumerate(words) if w in FUNCTION_WORDS), default=0)
            best = next((" ".join(words[i:]) for i in range(len(words) - 1, -1, -1)
                         if can_spell(acr, " ".join(words[i:]))), " ".join(words[cut:]))
            if best:
                found.append(Definition(acr, best, s, s.version))
    return [d for d in found if d.expansion and d.expansion.upper() != d.acronym]


def _mentions(ctx: CheckContext, names: tuple[str, ...], skip: Sentence) -> list[tuple[Sentence, str]]:
    key = ("acronyms.mentions", names)   # the whole story is read once per body's names, not once per gloss
    if key not in ctx.memo:
        out = []
        for sents in ctx.sentences:
            for s in sents:
                low = s.norm.lower()
                hit = next((n for n in sorted(names, key=len, reverse=True) if n.lower() in low), None)
                if hit:
                    out.append((s, hit))
        ctx.memo[key] = out
    found: list[tuple[Sentence, str]] = ctx.memo[key]  # type: ignore[assignment]
    return [(s, hit) for s, hit in found if s is not skip]


def check_acronyms(ctx: CheckContext) -> list[Finding]:
    table = known_acronyms()
    defs = [d for sents in ctx.sentences for s in sents for d in definitions(s)]
    findings: list[Finding] = []
    flagged: set[str] = set()
    reported: set[tuple[str, str, int | None, str]] = set()
    for d in defs:
        if can_spell(d.acronym, d.expansion):
            continue
        same = (d.acronym, match_key(d.expansion), ctx.group_of(d.sentence), match_key(d.sentence.text))
        if same in reported:
            continue  # the same sentence in another version: named in the first finding
        reported.add(same)
        vid, _ = ctx.named(d.sentence)
        message = (f'In {vid}, {d.acronym} is glossed as "{d.expansion}", but those words give the '
                   f"initials {initials(d.expansion)}, not {d.acronym}.")
        evidence = [ctx.evidence(d.sentence)]
        scores: dict[str, object] = {"acronym": d.acronym, "expansion": d.expansion,
                                     "initials": initials(d.expansion)}
        known = table.get(d.acronym)
        if known:
            message += f" {d.acronym} is the {known.names[0]}"
            if len(known.names) > 1:
                message += f" ({known.names[1]})"
            message += "."
            mentions = _mentions(ctx, known.names[1:] + known.names[:1], d.sentence)
            if mentions:
                by_name: dict[str, list[str]] = {}
                for s, name in mentions:
                    by_name.setdefault(name, [])
                    v = ctx.versions[s.version].id
                    if v not in by_name[name]:
                        by_name[name].append(v)
                parts = [f'{names(vs, joiner=" and ")} call{"s" if len(vs) == 1 else ""} the body the "{n}"'
                         for n, vs in by_name.items()]
                message += " " + "; ".join(parts) + "."
                evidence += [ctx.evidence(s) for s, _ in mentions[:4]]
            scores["source"] = known.source
        for other, body in table.items():
            if other != d.acronym and any(match_key(n) == match_key(d.expansion) for n in body.names):
                message += f' "{d.expansion}" is the name of the {other}.'
                scores["expansion_belongs_to"] = other
                break
        findings.append(Finding("FC201", message, ctx.group_of(d.sentence), evidence, scores,
                                subject=ctx.versions[d.version].id, about=Finding.words(d.acronym, d.expansion)))
        flagged.add(d.acronym)
    by_acr: dict[str, dict[str, Definition]] = {}
    for d in defs:
        by_acr.setdefault(d.acronym, {}).setdefault(match_key(d.expansion), d)
    for acr, variants in by_acr.items():
        if len(variants) < 2:
            continue
        ds = list(variants.values())
        listing = "; ".join(f'{ctx.versions[d.version].id}: "{d.expansion}"' for d in ds)
        message = f"{acr} is expanded differently: {listing}."
        finding = Finding("FC202", message, ctx.group_of(ds[0].sentence),
                          [ctx.evidence(d.sentence) for d in ds], {"acronym": acr})
        if acr in flagged:
            lead = next(f for f in findings if f.rule == "FC201" and f.scores.get("acronym") == acr)
            lead.related.append(finding.as_related())
        else:
            findings.append(finding)
    findings += _named_differently(ctx, defs, flagged)
    return findings


def _named_differently(ctx: CheckContext, defs: list[Definition], flagged: set[str]) -> list[Finding]:
    """FC203: a gloss that fits its acronym but differs from a known name another version uses."""
    out = []
    table = known_acronyms()
    for d in defs:
        known = table.get(d.acronym)
        if d.acronym in flagged or not known:
            continue
        if any(match_key(n) == match_key(d.expansion) for n in known.names):
            continue
        others = [(s, n) for s, n in _mentions(ctx, known.names, d.sentence) if s.version != d.version]
        if not others:
            continue
        s, name = others[0]
        message = (f'{ctx.versions[d.version].id} glosses {d.acronym} as "{d.expansion}", while '
                   f'{ctx.versions[s.version].id} calls it the "{name}".')
        out.append(Finding("FC203", message, ctx.group_of(d.sentence),
                           [ctx.evidence(d.sentence), ctx.evidence(s)], {"acronym": d.acronym}))
    return out
