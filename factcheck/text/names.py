"""Names of one body or place written two ways (data/names.yaml and regular demonyms).

"ISIS" and "ISIL", "U.K." and "UK", "Doctors Without Borders" and "Médecins Sans Frontières",
"Britain" and "British", "Australia" and "Australian" name the same thing: the name checks
(FC210, FC211) and the speaker checks (FC243, FC260) do not report them as a change.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from factcheck.text.memo import text_cache
from factcheck.text.tables import load_table

_SUFFIXES = ("n", "an", "ian", "i", "ese", "ish")


@text_cache(maxsize=8192)
def canonical(name: str) -> str:
    """Case-folded, without dots, accents, a leading "the" or a possessive: "the U.N.'s" -> "un"."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"['’]s$", "", text.replace("’", "'").strip())
    text = text.replace(".", "").replace("-", " ").casefold()
    text = " ".join(text.split())
    return text[4:] if text.startswith("the ") else text


@lru_cache(maxsize=1)
def _groups() -> dict[str, frozenset[int]]:
    raw = load_table("names.yaml")
    found: dict[str, set[int]] = {}
    n = 0
    for n, names in enumerate(raw["same"]):
        for name in names:
            found.setdefault(canonical(name), set()).add(n)
    for place, adjectives in raw["demonyms"].items():
        n += 1
        for name in (place, *adjectives):
            found.setdefault(canonical(name), set()).add(n)
    # a place and its adjective share a group with every alias of the place ("UK" and "British")
    for key, ids in list(found.items()):
        for other in list(ids):
            for k2, ids2 in found.items():
                if other in ids2 and k2 != key:
                    ids.update(ids2)
    return {k: frozenset(v) for k, v in found.items()}


def _regular_demonym(place: str, adjective: str) -> bool:
    """"Australia"/"Australian", "Canada"/"Canadian", "China"/"Chinese", "Germany"/"German", "Israel"/"Israeli"."""
    if len(place) < 4 or not adjective.startswith(place[:3]):
        return False
    stems = [place]
    if place[-1] in "aey":
        stems.append(place[:-1])
    if place.endswith("y") and adjective == place[:-1]:
        return True
    return any(adjective == stem + suffix for stem in stems for suffix in _SUFFIXES)


def same_entity(a: str, b: str) -> bool:
    """Whether two names refer to the same body or place (or a place and its adjective)."""
    ca, cb = canonical(a), canonical(b)
    if not ca or not cb:
        return False
    if ca == cb:
        return True
    groups = _groups()
    if groups.get(ca, frozenset()) & groups.get(cb, frozenset()):
        return True
    return _regular_demonym(ca, cb) or _regular_demonym(cb, ca) or _plural(ca, cb)


def _plural(a: str, b: str) -> bool:
    """"Republican"/"Republicans", "Democrat"/"Democrats"."""
    return a + "s" == b or b + "s" == a


@lru_cache(maxsize=1)
def _alias_pattern() -> tuple[re.Pattern[str], dict[str, int], tuple[str, ...]]:
    """One pattern for every known name of a body and every adjective of a place, each mapped to
    its group (a place's adjectives join the place's group) and the name that group is written as."""
    raw = load_table("names.yaml")
    ids: dict[str, int] = {}
    firsts: list[str] = []
    names: set[str] = set()
    for group in raw["same"]:
        for name in group:
            ids.setdefault(canonical(name), len(firsts))
            names.add(name)
        firsts.append(str(group[0]))
    for place, adjectives in raw["demonyms"].items():
        if canonical(place) not in ids:
            ids[canonical(place)] = len(firsts)
            firsts.append(str(place))
            names.add(place)
        for adjective in adjectives:
            ids.setdefault(canonical(adjective), ids[canonical(place)])
            names.add(adjective)
    alternatives = []
    for name in sorted(names, key=len, reverse=True):
        if name.isupper() and len(name) <= 5:
            alternatives.append(r"\.?".join(re.escape(c) for c in name) + r"\.?")  # "UN", "U.N."
        else:
            alternatives.append(re.escape(name))
    return re.compile(r"(?<![\w.])(?:" + "|".join(alternatives) + r")(?!\w)"), ids, tuple(firsts)


@text_cache(maxsize=512)
def mark_aliases(text: str) -> str:
    """``text`` with every known name of a body (and every adjective of a place) replaced by one
    token for that body, so that "U.N." and "United Nations", "Britain" and "British" read alike
    ("ALIAS7")."""
    pattern, ids, _ = _alias_pattern()
    return pattern.sub(lambda m: f"ALIAS{ids.get(canonical(m.group(0)), 0)}", text)


@lru_cache(maxsize=512)
def written_names(text: str) -> dict[str, str]:
    """What ``one_name_per_body`` wrote for each name of ``text`` it rewrote, and the name as the text
    writes it (``{"UN": "United Nations"}``), its first writing kept."""
    pattern, ids, firsts = _alias_pattern()
    out: dict[str, str] = {}
    for m in pattern.finditer(text):
        first = firsts[ids.get(canonical(m.group(0)), 0)]
        if first != m.group(0):
            out.setdefault(first, m.group(0))
    return out


def one_name_per_body(text: str) -> str:
    """``text`` with every known name of a body written as the first name its group lists
    ("U.N." and "United Nations" -> "UN"), for a reader that would take them for two bodies."""
    pattern, ids, firsts = _alias_pattern()
    return pattern.sub(lambda m: firsts[ids.get(canonical(m.group(0)), 0)], text)
