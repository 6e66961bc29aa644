"""Word tokens with their character spans, and the keys the edit diff matches them by.

Contractions are split so that "didn't" and "did not" differ only in spelling: "n't" has the key
"not", "won't" gives "will" + "not". Numbers keep their value as the key ("1,000" and "1000"
match). Pure functions; nothing is loaded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from factcheck.text.normalize import normalize

_TOKEN = re.compile(
    r"[A-Za-z]+(?=n't\b)"                      # "did" of "didn't"
    r"|n't\b"                                   # its "not"
    r"|'(?:s|re|ve|ll|d|m)\b"                   # clitics
    r"|(?:[A-Za-z]\.){2,}"                      # U.S., U.K.
    r"|[A-Za-z]+"                               # words; a hyphen is a token of its own, so that
                                                # "Trans-Pacific" and "Trans Pacific" differ by punctuation only
    r"|\d+(?:[.,]\d+)*(?:[A-Za-z]+)?"            # numbers, "5bn", "10am"
    r"|[^\w\s]",
    re.IGNORECASE)
_CLITICS = {"n't": "not", "'re": "are", "'ve": "have", "'ll": "will", "'m": "am"}
_STEMS = {"wo": "will", "ca": "can", "sha": "shall"}  # "won't", "can't", "shan't"

# words that carry no fact on their own; swaps between them are style ("the" -> "a"). Words whose
# change can reverse a statement (not, no, before, after, more, less, all, some) are not here.
STOPWORDS = frozenset("""
a an the this that these those there here it its it's they them their theirs he him his she her hers we us our
ours i me my mine you your yours one ones who whom whose which what when where why how
be am is are was were been being have has had having do does did doing will would shall should can could may might
must of to in on at by for from with as into onto upon about than then so such also too very just
and or but nor yet if because while whether though although however thus therefore meanwhile
's 'd said says say told tells tell according
""".split())
# "lacks" carries its negation itself ("without the resources" / "though it lacks the resources")
NEGATORS = frozenset("not no never none nothing nobody neither nor without cannot lack lacks lacked lacking".split())


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int
    key: str  # what the diff matches: lower case, contractions expanded, numbers without commas

    @property
    def is_word(self) -> bool:
        return self.text[0].isalpha() or self.text[0] == "'"

    @property
    def is_number(self) -> bool:
        return self.text[0].isdigit()

    @property
    def is_punct(self) -> bool:
        return not (self.is_word or self.is_number)

    @property
    def is_content(self) -> bool:
        """A word or number that may carry a fact (not a stop word, not punctuation)."""
        return self.is_number or (self.is_word and self.key not in STOPWORDS and self.key not in NEGATORS)

    @property
    def capitalised(self) -> bool:
        return self.text[0].isupper()


def _key(tok: str, following: str) -> str:
    low = tok.lower()
    if low in _CLITICS:
        return _CLITICS[low]
    if following == "n't" and low in _STEMS:
        return _STEMS[low]
    if low[0].isdigit():
        return low.replace(",", "")
    return low


@lru_cache(maxsize=8192)
def tokenize(text: str) -> tuple[Token, ...]:
    """The tokens of ``text`` (quotes and dashes normalised; spans index the given text)."""
    norm = normalize(text)
    found = list(_TOKEN.finditer(norm))
    out = []
    for i, m in enumerate(found):
        nxt = found[i + 1].group(0).lower() if i + 1 < len(found) else ""
        out.append(Token(m.group(0), m.start(), m.end(), _key(m.group(0), nxt)))
    return tuple(out)


def sentence_starts(tokens: tuple[Token, ...]) -> list[bool]:
    """Whether each token opens a sentence (so that its capital says nothing about a name)."""
    return [i == 0 or tokens[i - 1].text in (".", "!", "?", ":", '"', ";") for i in range(len(tokens))]


def content_keys(text: str) -> list[str]:
    return [t.key for t in tokenize(text) if t.is_content]
