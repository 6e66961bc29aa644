"""Who says what: quoted spans and the speakers a sentence attributes its words to.

Shared by the quote and attribution checks. A speaker is a name ("Kerry", "Prime Minister John
Key"), or None for a pronoun or a description ("he", "the minister"): attributed, but to no one
that can be compared.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from factcheck.text.names import same_entity
from factcheck.text.pair import one_edit_apart

# verbs that report speech; not "admitted" or "announced", which also take a plain object
# ("admitted manslaughter", "announced the deal")
SPEECH_VERBS = ("said", "says", "told", "tells", "added", "adds", "stated", "states", "claimed", "claims",
                "insisted", "insists", "warned", "warns", "noted", "notes", "explained", "argued", "argues",
                "wrote", "writes", "tweeted")
# any sign that a sentence reports what someone says, for deciding that it is not a bare assertion
_REPORTING = re.compile(r"\b(?:" + "|".join((
    *SPEECH_VERBS, "revealed", "reveals", "confirmed", "confirms", "announced", "announces", "admitted", "admits",
    "acknowledged",
    "declared", "denied", "denies", "suggested", "suggests", "believes", "believed", "reported", "reportedly",
    "alleged", "allegedly", "according to", "say", "tell", "claim",
    # a document or a source that gives the figures: "a website shows", "records indicate", "data listed"
    "shows", "showed", "show", "indicates", "indicated", "indicate", "lists", "listed", "cites", "cited")) + r")\b",
                        re.IGNORECASE)
_VERB = "(?:" + "|".join(SPEECH_VERBS) + ")"
_NAME_WORD = r"(?:(?:[A-Z]\.){2,}|[A-Z][\w'’-]*\.?)"  # "E.U.", "Kerry", "St."
_NAME = rf"{_NAME_WORD}(?:\s+(?:of|for|de|van|von|al|bin|the)?\s*{_NAME_WORD})*"
_PRONOUN = r"(?:he|she|they|it|we|I|you)"
_DESCRIPTION = r"(?:the|a|an|his|her|their|its)\s+[a-z][\w-]*(?:\s+[a-z][\w-]*)?"
# "Kerry said", "the minister said", "he said"; "said Kerry", "said the minister", "said he";
# "according to Kerry", "according to officials"
_BEFORE = re.compile(rf"(?:(?P<name>{_NAME}),?|\b(?P<pron>{_PRONOUN})|\b(?P<desc>{_DESCRIPTION}))\s+(?:has\s+|had\s+)?"
                     rf"{_VERB}\b")
# after the verb, the speaker ends the clause: "said Kerry." but not "said Kerry would go"
_AFTER = re.compile(rf"\b{_VERB}\s+(?:(?P<name>{_NAME})|(?P<pron>{_PRONOUN})\b|(?P<desc>{_DESCRIPTION}))"
                    r"(?=\s*(?:[,.;:!?]|$))")
# "Jane Roe, the field coordinator for Doctors Without Borders, said": the speaker is the name
# before the description, not the body the description names
# (the comma that closes the description is often left out: "Mark Ashdown, the agency's manager said")
_APPOSITIVE = re.compile(rf"(?P<name>{_NAME}),\s+(?:the|a|an|his|her|their|its|[A-Z][\w.&-]*['’]s)\s+[^,;\"]{{1,90}}?"
                         rf",?\s+(?:has\s+|had\s+)?{_VERB}\b")
# a name right after one of these words is the object of a description ("manager in Myanmar"), not a speaker
_GOVERNED = re.compile(r"\b(?:in|for|of|at|from|with|by|to|on|about|against|near|into|over|under|than|and|or)\s*$")
_ACCORDING = re.compile(rf"\b[Aa]ccording to\s+(?:(?P<name>{_NAME})|(?P<desc>[\w-]+(?:\s+[a-z][\w-]*)?))")
# who issued or ordered it: "The warning was issued by police", "figures released by the Health Ministry"
_AUTHORITIES = ("police|officials|authorities|prosecutors|investigators|inspectors|regulators?|government|ministry|"
                "department|council|court|judge|agency|company|army|military|coastguard|hospital|school|university|"
                "board|committee|commission|office|spokes(?:man|woman|person)|minister|mayor|officers?|experts?|"
                "researchers|scientists|doctors|lawyers|witnesses|residents")
_AGENT = re.compile(rf"\b(?:issued|released|published|announced|confirmed|reported|ordered|approved|provided|given|"
                    rf"imposed|signed|authori[sz]ed|commissioned|conducted|carried out|compiled)\s+by\s+"
                    rf"(?:the\s+|a\s+|an\s+)?(?:(?P<name>{_NAME})|(?P<desc>(?:(?:local|state|federal|city|regional|"
                    rf"national|health|the)\s+)?(?:{_AUTHORITIES}))\b)")
_QUOTED = re.compile(r'"[^"]*"|"[^"]*$')
_LEADING = re.compile(r"^(?:The|A|An|But|And|However|Meanwhile|Yesterday|Today|Earlier|Later|On|In)\s+")
_TITLES = frozenset("mr mrs ms dr sir dame prof president minister secretary senator chief".split())


@dataclass(frozen=True)
class Speaker:
    name: str | None  # None: a pronoun or a description ("he", "the minister")
    text: str
    start: int


def mask_quotes(text: str) -> str:
    """Quoted passages blanked out (same length), so that their words are not read as the story's."""
    return _QUOTED.sub(lambda m: '"' + " " * (len(m.group(0)) - 2) + ('"' if len(m.group(0)) > 1 else ""), text)


def speakers(text: str) -> list[Speaker]:
    """The attributions of a sentence outside its quotations, in order of position."""
    return list(_speakers(text))


@lru_cache(maxsize=4096)
def _speakers(text: str) -> tuple[Speaker, ...]:
    """Cached: the quotation, attribution and name checks all read the speakers of one slot's texts."""
    plain = mask_quotes(text)
    out: dict[int, Speaker] = {}
    described = [(m.start(), m.end()) for m in _APPOSITIVE.finditer(plain)]
    for rx in (_APPOSITIVE, _BEFORE, _AFTER, _ACCORDING, _AGENT):
        for m in rx.finditer(plain):
            groups = m.groupdict()
            if rx is _BEFORE and any(a < m.start() < b for a, b in described):
                continue  # a name inside an appositive description: the speaker was found before it
            if rx is _BEFORE and groups.get("name") and _GOVERNED.search(plain[:m.start()]):
                # "officials in Kabul said": attributed, but "Kabul" is not who spoke
                out.setdefault(m.start(), Speaker(None, m.group(0), m.start()))
                continue
            if groups.get("name"):
                name = _LEADING.sub("", groups["name"]).strip().rstrip(".,")
                if name.split()[0].lower() in ("i", "we", "he", "she", "they", "it", "you"):
                    out.setdefault(m.start(), Speaker(None, name, m.start()))
                    continue
                out.setdefault(m.start(), Speaker(name, m.group(0), m.start()))
            else:
                out.setdefault(m.start(), Speaker(None, m.group(0), m.start()))
    return tuple(sorted(out.values(), key=lambda s: s.start))


def reports_speech(text: str) -> bool:
    """True when the sentence, outside its quotations, uses any reporting verb ("revealed", "according to")."""
    return _REPORTING.search(mask_quotes(text)) is not None


_BODY_WORDS = frozenset("agency council ministry department party bank court commission organization organisation "
                        "office service services association union committee authority board group institute "
                        "university company corporation foundation fund federation force forces army police "
                        "hospital school college centre center network times post news press".split())


def same_speaker(a: str, b: str) -> bool:
    """"Kerry" and "John Kerry" and "US Secretary of State John Kerry" name one person; "MSF" and
    "Doctors Without Borders" one body."""
    wa = {w.lower().strip(".") for w in a.split()} - _TITLES
    wb = {w.lower().strip(".") for w in b.split()} - _TITLES
    if not wa or not wb:
        return True
    # one surname is one person ("Sen. Jane Doe" / "Doe"); one last word of a body is not one body
    # ("Philippine Satellite Agency" / "Philippine Space Agency")
    last = a.split()[-1] == b.split()[-1] and a.split()[-1].lower() not in _BODY_WORDS
    return wa <= wb or wb <= wa or last or same_entity(a, b) or _respelt(wa, wb)


def _respelt(wa: set[str], wb: set[str]) -> bool:
    """One name spelled two ways ("Grace Okafor" / "Grace Okafour"): the same words but one, and that one a
    letter apart (the spelling check reports it, FC210)."""
    xa, xb = wa - wb, wb - wa
    if len(xa) != 1 or len(xb) != 1:
        return False
    (x,), (y,) = xa, xb
    return min(len(x), len(y)) >= 4 and one_edit_apart(x, y)


def named(found: list[Speaker]) -> list[str]:
    return [s.name for s in found if s.name]


def compare(a: list[Speaker], b: list[Speaker]) -> str | None:
    """``"changed"`` when both name speakers and no name matches, ``"dropped"`` when only ``a``
    attributes, ``"added"`` when only ``b`` does, else None."""
    if a and b:
        na, nb = named(a), named(b)
        if na and nb and not any(same_speaker(x, y) for x in na for y in nb):
            return "changed"
        return None
    if a:
        return "dropped"
    if b:
        return "added"
    return None
