"""Numbers, amounts, percentages, money, dates and weekdays in a sentence.

``extract(text)`` finds quantities with their value, kind, unit and span;
``to_words`` and ``parse_words`` convert whole numbers to and from English words
(a property test checks that they round-trip).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from factcheck.text.memo import text_cache

_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
          "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
          "nineteen"]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_ABBREV_SCALES = {"k": 10**3, "m": 10**6, "mn": 10**6, "bn": 10**9, "b": 10**9, "tn": 10**12}
_FRACTIONS = {"half": 0.5, "third": 1 / 3, "quarter": 0.25, "fifth": 0.2, "tenth": 0.1}
_SMALL = {w: i for i, w in enumerate(_UNITS)} | {w: 10 * i for i, w in enumerate(_TENS) if w}
_SMALL |= {"hundred": 100, "dozen": 12}
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_CURRENCY = {"$": "USD", "us$": "USD", "£": "GBP", "€": "EUR", "nz$": "NZD", "a$": "AUD", "¥": "JPY",
             "dollars": "USD", "dollar": "USD", "pounds": "GBP", "euros": "EUR", "yen": "JPY"}
# a clock time: "10:40", "9.30am", "5 p.m." (compared as times, never as counts)
_TIME = re.compile(r"\b(?P<h>[01]?\d|2[0-3])(?:[:.](?P<m>[0-5]\d))?\s?(?P<ampm>[ap]\.?m\.?)(?![a-z])"
                   r"|\b(?P<h2>[01]?\d|2[0-3]):(?P<m2>[0-5]\d)\b", re.IGNORECASE)
# a day of the month, after or before its month: "Jan. 25", "January 25", "25 January"
_MONTH_ABBREV = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
_DAY_AFTER = re.compile(rf"\b(?:{'|'.join(m.title() for m in MONTHS)}|{_MONTH_ABBREV})\s+$")
_DAY_BEFORE = re.compile(rf"^(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{'|'.join(m.title() for m in MONTHS)}|{_MONTH_ABBREV})\b")
# an age: "Maya Green, 54," "aged 54", "54, of Leeds"
_AGE_BEFORE = re.compile(r"(?:\b[A-Z][a-z][\w'’-]*,\s*|\baged\s+|\bage\s+)$")
# words that make a figure approximate or a bound ("about 200", "more than 200")
_APPROX = re.compile(r"\b(?:about|around|roughly|approximately|some|nearly|almost|up to|more than|over|at least|"
                     r"fewer than|less than|under|an estimated|estimated|as many as|as few as|close to|upwards of|"
                     r"in excess of|at most|no more than|no fewer than)\s+$", re.IGNORECASE)


# counts written as other words than numbers: "both doses", "a single clinic", "a pair of clinics"
_COUNTS = {"both": 2, "a single": 1, "a pair of": 2, "a couple of": 2, "a dozen": 12, "a trio of": 3}
_COUNT_WORDS = re.compile(r"\b(?P<w>both|a\s+single|a\s+pair\s+of|a\s+couple\s+of|a\s+dozen|a\s+trio\s+of)\b",
                          re.IGNORECASE)
# how many times: "twice", "once" (not "once again", "at once", "once the vote ends", "once a busy town")
_FREQUENCY = {"once": 1, "twice": 2, "thrice": 3}
_TIMES = re.compile(r"(?<!\bat )\b(once|twice|thrice)\b(?!\s+(?:again|more|upon|and for all|a|an|the|it|they|he|she|"
                    r"we|you|i|this|that|there|its|their|his|her)\b)", re.IGNORECASE)


@dataclass(frozen=True)
class Quantity:
    value: float
    kind: str  # number, percent, money, year, month, weekday, time (minutes after midnight), date, age, times
    unit: str  # currency code, the noun counted, or ""
    text: str
    start: int
    end: int
    approx: str = ""  # the word that makes it approximate or a bound ("about", "more than"), if any


def to_words(n: int) -> str:
    """English words for a whole number from 0 to 999,999,999,999 ("one hundred and fifty")."""
    if n < 0:
        raise ValueError("negative")
    if n < 20:
        return _UNITS[n]
    if n < 100:
        return _TENS[n // 10] + ("-" + _UNITS[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        return _UNITS[n // 100] + " hundred" + (" and " + to_words(rest) if rest else "")
    for name, size in sorted(_SCALES.items(), key=lambda kv: -kv[1]):
        if n >= size:
            head, rest = divmod(n, size)
            tail = "" if not rest else (" and " if rest < 100 else " ") + to_words(rest)
            return to_words(head) + " " + name + tail
    raise ValueError(n)  # pragma: no cover


_WORD_TOKEN = "|".join(sorted([*_SMALL, *_SCALES], key=len, reverse=True))
_WORDS_RE = re.compile(rf"\b(?:{_WORD_TOKEN})(?:(?:[\s-]+(?:and[\s-]+)?)(?:{_WORD_TOKEN}))*\b", re.IGNORECASE)


def parse_words(text: str) -> int | None:
    """The value of a number written in words, or None."""
    total, current, seen = 0, 0, False
    for w in re.split(r"[\s-]+", text.lower().strip()):
        if w == "and" or not w:
            continue
        if w in _SMALL and w not in ("hundred", "dozen"):
            current += _SMALL[w]
        elif w == "hundred":
            current = (current or 1) * 100
        elif w == "dozen":
            current = (current or 1) * 12
        elif w in _SCALES:
            total += (current or 1) * _SCALES[w]
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


# currencies written as their ISO codes before the figure: "USD 5 million", "EUR 5m"
_CODES = ("USD", "EUR", "GBP", "NZD", "AUD", "CAD", "CHF", "JPY", "CNY", "RMB", "INR", "HKD", "SGD", "ZAR", "SEK",
          "NOK", "DKK", "BRL", "MXN", "RUB", "TRY", "KRW", "AED", "SAR", "ILS", "PHP", "IDR", "THB", "PKR", "NGN",
          "KES", "EGP")
_NUMBER = re.compile(
    r"(?P<cur>(?:US|NZ|A)?\$|£|€|¥|\b(?:" + "|".join(_CODES) + r")\s)?\s?"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:\s?(?P<scale>thousand|million|billion|trillion|bn|mn|tn|m|k)\b)?"
    r"(?:\s?(?P<pct>%|per ?cent\b|percent\b))?")
_FRACTION = re.compile(r"\b(?:a|one|two|three)[\s-](?P<f>half|third|quarter|fifth|tenth)s?\b", re.IGNORECASE)
_NOUN = re.compile(r"\s*(?:(?:more|fewer|extra|new|additional|of the)\s+)?([a-z][a-z-]+)")
_PREV_WORD = re.compile(r"([A-Z][\w-]*)[\s-]$")
_NOT_NAMES = frozenset((*MONTHS, *WEEKDAYS, "in", "on", "at", "since", "by", "from", "until", "before", "after",
                        "of", "for", "about", "around", "some", "only", "nearly", "almost", "over", "under",
                        "the", "a", "an", "and", "but", "more", "than", "about", "just", "all", "those", "these"))


def _after_a_name(before: str) -> bool:
    """True for "Boeing 737", "Vision 2030", "Windows 95": a number that is part of a name."""
    m = _PREV_WORD.search(before)
    return m is not None and m.group(1).lower() not in _NOT_NAMES


_KEEP_S = ("ss", "us", "is", "news", "series", "species")
# nouns in -ics that are one thing, not a plural ("politics"; but "clinics" is clinic's plural)
_ICS = frozenset("politics economics physics mathematics ethics athletics genetics logistics electronics linguistics "
                 "gymnastics aerobics acoustics optics robotics semantics analytics".split())
# plurals without an s, and nouns counted as they are
_PLURAL_AS_IS = frozenset("people children men women police staff personnel cattle sheep deer fish aircraft "
                          "crew data media feet teeth mice".split())


def singular(word: str) -> str:
    """The singular of a counted noun, for comparing what two figures count ("bosses" -> "boss",
    "glasses" -> "glass", "cities" -> "city", "others" -> "other"; "virus", "news", "series" kept)."""
    w = word.lower()
    if len(w) <= 3 or not w.endswith("s") or w.endswith(_KEEP_S) or w in _ICS:
        return word
    if w.endswith("ies") and len(w) > 4:
        return word[:-3] + "y"
    if w.endswith(("sses", "shes", "ches", "xes", "zzes")):
        return word[:-2]
    return word[:-1]


def plural(word: str) -> str:
    """The plural of a singular counted noun (``singular``'s inverse, for messages: "12 bosses")."""
    w = word.lower()
    if w in _PLURAL_AS_IS or w in _ICS or (w.endswith(_KEEP_S) and not w.endswith("ss")):
        return word
    if w.endswith(("s", "sh", "ch", "x", "z")):
        return word + "es"
    if w.endswith("y") and len(w) > 1 and w[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def _unit_after(text: str, end: int) -> str:
    m = _NOUN.match(text, end)
    if not m:
        return ""
    word = m.group(1).lower()
    return "" if word in ("and", "or", "to", "of", "in", "on", "at", "a", "the", "per", "by") else singular(word)


_BRACKETED = re.compile(r"([a-z][a-z-]+)\s*\(\s*$")


def _unit_before_bracket(text: str, a: int, b: int) -> str:
    """What a figure in brackets counts: the noun before them ("people (12)" counts people)."""
    m = _BRACKETED.search(text[max(0, a - 40):a])
    if not m or not re.match(r"\s*\)", text[b:b + 3]):
        return ""
    word = m.group(1).lower()
    return "" if word in ("and", "or", "to", "of", "in", "on", "at", "a", "the", "per", "by") else singular(word)


_YEAR_BEFORE = re.compile(r"\b(?:in|since|by|from|until|till|before|after|of|to|between|and|early|late|mid|"
                          r"during|around|circa|c\.)\s*-?$", re.IGNORECASE)


def _reads_as_year(text: str, a: int, b: int) -> bool:
    """"in 1800", "since 2013," or "2013." are years; "1800 refugees" is a count."""
    return bool(_YEAR_BEFORE.search(text[max(0, a - 12):a])) or not _unit_after(text, b)


def _approx(text: str, start: int) -> str:
    m = _APPROX.search(text[max(0, start - 20):start])
    return " ".join(m.group(0).lower().split()) if m else ""


class _Spans:
    """Spans of a text already read as quantities, none overlapping another: whether a span is free
    is a binary search, not a look at every span (a whole version holds thousands)."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def free(self, a: int, b: int) -> bool:
        """Whether ``a``-``b`` overlaps no span (touching one is free)."""
        i = bisect_left(self.starts, b) - 1  # the last span that starts before b: it ends last of those
        return i < 0 or self.ends[i] <= a

    def add(self, span: tuple[int, int]) -> None:
        i = bisect_left(self.starts, span[0])
        self.starts.insert(i, span[0])
        self.ends.insert(i, span[1])


def extract(text: str) -> list[Quantity]:
    """The quantities of ``text`` in order (a new list each time; read once per text)."""
    return list(_extract(text))


@text_cache(maxsize=8192)
def _extract(text: str) -> tuple[Quantity, ...]:
    out: list[Quantity] = []
    taken = _Spans()
    free = taken.free

    for m in _TIME.finditer(text):
        hours = int(m.group("h") or m.group("h2"))
        minutes = int(m.group("m") or m.group("m2") or 0)
        if (m.group("ampm") or "").lower().startswith("p") and hours < 12:
            hours += 12
        out.append(Quantity(float(hours * 60 + minutes), "time", "", m.group(0).strip(), m.start(), m.end()))
        taken.add((m.start(), m.end()))
    for m in _NUMBER.finditer(text):
        raw = m.group("num")
        a, b = m.start("num") if not m.group("cur") else m.start(), m.end()
        if not free(a, b):
            continue
        before = text[max(0, a - 12):a]
        if not m.group("cur") and "." not in raw and "," not in raw and len(raw) <= 2 and (
                _DAY_AFTER.search(text[max(0, a - 12):a]) or _DAY_BEFORE.match(text[b:b + 16])):
            out.append(Quantity(float(raw), "date", "", raw, a, b))   # "Jan. 25": a date, not 25 of anything
            taken.add((a, b))
            continue
        if not m.group("cur") and len(raw) <= 3 and raw.isdigit() and _AGE_BEFORE.search(text[max(0, a - 30):a]) \
                and re.match(r"\s*(?:,|\)|$|\.\s|who\b|of\b)", text[b:b + 6]):
            out.append(Quantity(float(raw), "age", "", raw, a, b))   # "Maya Green, 54,": an age, not a count
            taken.add((a, b))
            continue
        if re.search(r"[A-Za-z]-?$", before) or re.match(r"-?[A-Za-z]", text[b:b + 2]) \
                or (not m.group("cur") and _after_a_name(before)):
            continue  # "COVID-19", "B52", "737s", "Boeing 737", "Vision 2030": part of a name or code
        value = float(raw.replace(",", ""))
        scale = m.group("scale")
        if scale:
            value *= _SCALES.get(scale.lower(), _ABBREV_SCALES.get(scale.lower(), 1))
        if m.group("cur"):
            cur = m.group("cur").strip()
            kind, unit = "money", _CURRENCY.get(cur.lower(), cur.upper())
        elif m.group("pct"):
            kind, unit = "percent", "%"
        elif re.fullmatch(r"(1[89]|20)\d\d", raw) and not scale and _reads_as_year(text, a, b):
            kind, unit = "year", ""
        else:
            after = _unit_after(text, b) or _unit_before_bracket(text, a, b)
            kind, unit = ("money", _CURRENCY[after + "s"]) if after + "s" in _CURRENCY else ("number", after)
        out.append(Quantity(value, kind, unit, text[a:b].strip(), a, b, _approx(text, a)))
        taken.add((a, b))
    # fractions before words, so that "two-thirds" is not read as "two"
    for m in _FRACTION.finditer(text):
        if free(m.start(), m.end()):
            count = {"a": 1, "one": 1, "two": 2, "three": 3}[m.group(0).split()[0].lower().split("-")[0]]
            out.append(Quantity(count * _FRACTIONS[m.group("f").lower()], "fraction", "", m.group(0),
                                m.start(), m.end()))
            taken.add((m.start(), m.end()))
    for m in _WORDS_RE.finditer(text):
        if not free(m.start(), m.end()):
            continue
        words = parse_words(m.group(0))
        if words is None or (m.group(0).lower() == "one" and not _unit_after(text, m.end())):
            continue
        out.append(Quantity(float(words), "number", _unit_after(text, m.end()), m.group(0), m.start(), m.end(),
                            _approx(text, m.start())))
        taken.add((m.start(), m.end()))
    for m in _COUNT_WORDS.finditer(text):
        if not free(m.start(), m.end()):
            continue
        word = " ".join(m.group("w").lower().split())
        unit = _unit_after(text, m.end())
        if unit:   # "both doses", "a single clinic", "a pair of boots": a count only with what it counts
            out.append(Quantity(_COUNTS[word], "number", unit, m.group(0), m.start(), m.end(),
                                _approx(text, m.start())))
            taken.add((m.start(), m.end()))
    for m in _TIMES.finditer(text):
        if free(m.start(), m.end()):
            out.append(Quantity(_FREQUENCY[m.group(1).lower()], "times", "", m.group(1), m.start(), m.end()))
            taken.add((m.start(), m.end()))
    for m in re.finditer(r"\b(" + "|".join(MONTHS + WEEKDAYS) + r")\b", text, re.IGNORECASE):
        word = m.group(1).lower()
        if word == "may" and not m.group(1)[0].isupper():
            continue  # the verb
        kind = "month" if word in MONTHS else "weekday"
        index = (MONTHS if kind == "month" else WEEKDAYS).index(word)
        out.append(Quantity(float(index), kind, "", m.group(1), m.start(), m.end()))
    return tuple(sorted(out, key=lambda q: q.start))
