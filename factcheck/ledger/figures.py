"""The figures of a story and what they count, across whole versions (FC301, FC302, FC303).

"12 people were killed" in paragraph four of one version and "The death toll rose to 15" in the
lede of the next are one fact, a toll, with two values: the slot-level number check cannot see it,
since the two sentences are not aligned. Each figure is filed under what it counts, from the words
around it ("killed", "dead", "death toll" -> killed; "injured", "wounded" -> injured; ...), or under
its own counted noun for amounts of a named thing ("$2.3 billion in aid", "80,000 employees").
A figure that only describes part of a count ("another 35,000", "including 3 children") is not
filed. Matching ignores sentence alignment; a change inside one aligned slot is left to FC220.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from factcheck.inputs.segment import Sentence
from factcheck.text.content import STOPWORDS, stem
from factcheck.text.quantities import Quantity, extract

# what a figure counts, from the words near it; each group is one thing, named by its first word
EVENTS: dict[str, tuple[str, ...]] = {
    "killed": ("killed", "killing", "kills", "dead", "died", "death", "deaths", "toll", "fatalities", "lives",
               "bodies", "perished"),
    "injured": ("injured", "injuring", "wounded", "wounding", "hurt", "injuries", "casualties"),
    "missing": ("missing", "unaccounted"),
    "arrested": ("arrested", "detained", "arrests", "detentions", "custody"),
    "displaced": ("displaced", "evacuated", "homeless", "evacuees", "refugees", "fled"),
    "rescued": ("rescued", "saved"),
    "infected": ("infected", "infections", "cases"),
    "employed": ("employees", "workers", "staff", "jobs", "employs"),
    "votes": ("votes", "voted", "ballots"),
    "seats": ("seats",),
}
_EVENT_OF = {stem(w): name for name, words in EVENTS.items() for w in words}
# words that name what a figure counts only right after it ("the 12 victims"; "victims of the fraud"
# elsewhere in the clause says nothing of a toll)
_COUNTED_OF = {**_EVENT_OF, stem("victims"): "killed", stem("fatalities"): "killed"}
# a figure a toll rose or fell to: what it counts is the clause's subject, however far back
# ("The death toll from an explosion at a warehouse in the port city of Vella rose to 15")
_REACHED = re.compile(r"\b(?:rose|risen|climbed|jumped|increased|grew|fell|dropped|reached|stood at|stands at|"
                      r"now stands at|has reached|had reached)(?:\s+to)?\s*$", re.IGNORECASE)
# what happened to people outranks who they were: "killed 15 workers" counts the killed
_STRONG = ("killed", "injured", "missing", "arrested", "displaced", "rescued", "infected")
# counts that grow as a story develops: a larger value in a later version is an update
GROWING = frozenset({"killed", "injured", "missing", "arrested", "displaced", "rescued", "infected"})
# a figure for part of a count, or added to it, said just before it: not the count itself
_PARTIAL = re.compile(r"\b(?:another|additional|further|extra|including|of them|of whom|among them|among|some|"
                      r"nearly half|half of|each|every)\s+(?:[a-z]+\s+)?$", re.IGNORECASE)
_PARTIAL_AFTER = re.compile(r"\s*(?:of|more|additional|others?|a day|a week|a year|each|per)\b", re.IGNORECASE)
_MONEY_VERBS = frozenset("worth nearly almost about some agreed approved spent paid given promised pledged "
                         "allocated raised cost costs set aside earmarked billion million".split())
# a figure in a list after "including" is one part of a larger count
_LISTED = re.compile(r"\b(?:including|among them|such as)\b[^.;:!?()]*$", re.IGNORECASE)
_CLAUSE_BREAK = frozenset({"and", "but", "while", "whereas", "although"})
_WINDOW = 6  # words after a figure that may say what it counts
_WINDOW_BEFORE = 14  # words before it, up to the start of its clause ("the death toll ... rose to 15")
_TIME_UNITS = frozenset({"second", "minute", "hour", "day", "week", "month", "year", "decade", "century", "night",
                         "weekend", "season"})
_GENERIC_UNITS = frozenset({"", "people", "person", "percent", "time", "times", "other", "others", "more",
                            "year", "month", "week", "day", "hour", "minute"})


@dataclass(frozen=True)
class Figure:
    """One figure of one version, filed under what it counts."""

    thing: str  # "killed", or the counted noun ("employee"), or "money:USD"
    value: float
    text: str  # as written ("15", "$2.3 billion")
    sentence: Sentence

    @property
    def version(self) -> int:
        return self.sentence.version


def _words_around(text: str, q: Quantity) -> tuple[list[str], list[str]]:
    """The words after a figure and those before it (nearest first), each up to the clause's end."""
    reach = None if _REACHED.search(text[:q.start]) else _WINDOW_BEFORE
    before = list(reversed(re.findall(r"[A-Za-z][\w'-]*", text[:q.start])))[:reach]
    after = re.findall(r"[A-Za-z][\w'-]*", text[q.end:])[:_WINDOW]

    def clause(words: list[str]) -> list[str]:
        out = []
        for w in words:
            if w.lower() in _CLAUSE_BREAK:
                break
            out.append(w)
        return out

    return clause(before), clause(after)


# the year of an event: "opened in 1952", "founded in 1901", "was born in 1950" (the verb right before
# "in" and the year names the event; a year after anything else, "in 2013" alone, dates nothing known)
_EVENT_YEAR = re.compile(r"\b(opened|founded|built|established|born|died|elected|married|launched|closed|created|"
                         r"formed|started|began|introduced|published|released|signed|discovered|completed|"
                         r"appointed|retired|joined|incorporated|inaugurated|demolished|renovated)\s+in\s+$",
                         re.IGNORECASE)


def _thing(text: str, q: Quantity) -> str | None:
    """What a figure counts, or None when that is unclear or it is only part of a count."""
    if q.kind == "year":
        event = _EVENT_YEAR.search(text[max(0, q.start - 40):q.start])
        return f"year:{event.group(1).lower()}" if event else None
    if q.kind not in ("number", "money") or q.unit in _TIME_UNITS:
        return None   # a time, a date, an age, "six years ago": no count of anything
    if _PARTIAL.search(text[max(0, q.start - 30):q.start]) or _PARTIAL_AFTER.match(text, q.end) \
            or _LISTED.search(text[:q.start]):
        return None
    before, after = _words_around(text, q)
    if q.kind == "money":
        # what the money is for: the first noun after the amount ("$2.3 billion in aid"), else before it
        # ("aid worth $3.2 billion")
        noun = next((stem(w) for w in after[:4] + before[:3] if w.lower() not in STOPWORDS
                     and w.lower() not in _MONEY_VERBS), "")
        return f"money:{q.unit}:{noun}" if noun else None
    # the words right after a figure say what it counts ("15 people were killed", "12 dead"); the
    # words before it when nothing after does ("the death toll rose to 15.")
    # what happened (killed, injured...) may be said anywhere in the clause; who or what is counted
    # (employees, votes, seats) only right after the figure ("80,000 employees", not "a worker ... 48")
    strong = [e for e in (_EVENT_OF.get(stem(w)) for w in after + before) if e in _STRONG]
    if strong:
        return strong[0]
    counted = [e for e in (_COUNTED_OF.get(stem(w)) for w in after[:2]) if e]
    if counted:
        return counted[0]
    unit = q.unit.lower()
    return unit if unit not in _GENERIC_UNITS and len(unit) > 3 else None


@lru_cache(maxsize=4096)
def _filed(text: str) -> tuple[tuple[str, float, str], ...]:
    return tuple((thing, q.value, q.text) for q in extract(text)
                 if (thing := _thing(text, q)) is not None and q.value > 0 and math.isfinite(q.value))


def figures(sentences: list[Sentence]) -> Iterator[Figure]:
    """The filed figures of a version's sentences."""
    for s in sentences:
        for thing, value, text in _filed(s.norm):
            yield Figure(thing, value, text, s)


def by_thing(found: list[Figure]) -> dict[str, list[Figure]]:
    out: dict[str, list[Figure]] = {}
    for f in found:
        out.setdefault(f.thing, []).append(f)
    return out


def same_value(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-6)


def label(thing: str) -> str:
    """How a reader would name what is counted: "killed", "employees", "money (USD) for aid"."""
    if thing.startswith("money:"):
        _, unit, noun = thing.split(":", 2)
        return f"{unit} {noun}".strip()
    if thing.startswith("year:"):
        return f"{thing[5:]} in (year)"
    return thing
