"""News furniture: datelines, bylines, credits and tag lines are not statements of the story.

``WASHINGTON (AP) —`` opens a wire story; ``By Jane Doe``, ``Photo: Reuters``, ``Follow Jane on
Twitter`` and ``(Reporting by ...; Editing by ...)`` frame it. None of them is a claim a reader
learns from, so the checks do not read a dateline as an acronym's gloss or a name, and a line of
furniture that only some versions carry is never more than info.
"""

from __future__ import annotations

import re

# "WASHINGTON (AP) --", "LONDON (Reuters) -", "SAN JUAN, Puerto Rico (AP) —", "BANGKOK —", "KABUL, Afghanistan:"
_PLACE = r"[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+)*(?:,\s+[A-Z][A-Za-z.'’-]+(?:\s+[A-Z][A-Za-z.'’-]+)*)?"
_AGENCY = r"\((?:AP|Reuters|AFP|Bloomberg|UPI|dpa|DPA|CNN|PA|CP|AAP|ANSA|EFE|Xinhua|Kyodo|TASS|IANS|PTI|" \
          r"The Associated Press|Associated Press|[A-Z][\w.&' -]{1,30})\)"
# without an agency, the place is one word of four letters or more ("ROME —"; not "US — China talks")
DATELINE = re.compile(rf"^\s*(?=[A-Z][A-Z.'’-]{{3}})(?:{_PLACE})\s*(?:{_AGENCY})?\s*(?:-{{1,3}}|—|–|:)\s+"
                      r"(?=[\"'A-Z0-9])")
_DATELINE_STRICT = re.compile(rf"^\s*(?:{_PLACE})\s*{_AGENCY}\s*(?:-{{1,3}}|—|–|:)?\s*")

_FURNITURE = [
    ("byline", re.compile(r"^(?:By|BY|Words by|Written by)\s+[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|and|&|,|in|"
                          r"de|van|von|al))*[\s,|]*(?:[A-Z][\w ]{0,40})?$")),
    ("credit", re.compile(r"^(?:Photo|Photos|Photograph|Image|Picture|Video|Graphic|Illustration|Map|Source|"
                          r"Credit|Caption)s?(?:\s+credit)?\s*[:|/]", re.IGNORECASE)),
    ("credit", re.compile(r"\((?:Photo|Image|Picture|Credit)s?\s*(?:by|:)[^)]*\)\s*$", re.IGNORECASE)),
    ("credit", re.compile(r"\(?\b(?:AP|AFP|Reuters|EPA|Getty|Xinhua|PA)\s+(?:Photo|Images?|Pool)\b[^)]{0,60}\)?\s*$")),
    ("credit", re.compile(r"(?:Photograph|Photo|Picture)\s*:\s*[^.]{1,60}/(?:AP|AFP|Reuters|EPA|Getty Images|"
                          r"Shutterstock|Alamy|PA|Rex)\b.{0,20}$")),
    ("timestamp", re.compile(r"^(?:Updated|Published|Posted|First published|Last (?:updated|modified))(?:\s+(?:on|at))?"
                             r"\s*:?(?:\s|[\d:/.,-]|[ap]\.?m\.?|AM|PM|ET|EST|EDT|CT|PT|GMT|BST|UTC|CET|"
                             r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?|"
                             r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?)+$")),
    ("tag line", re.compile(r"^This (?:story|article|report|piece) (?:originally |first )?(?:appeared|was published) "
                            r"(?:in|on|at)\b", re.IGNORECASE)),
    ("follow", re.compile(r"^(?:Follow|Like)\s+.{1,80}\s+on\s+(?:Twitter|X|Facebook|Instagram|Threads|Bluesky|"
                          r"Mastodon|LinkedIn)\b", re.IGNORECASE)),
    ("contributor", re.compile(r"^\(?(?:Reporting|Additional reporting|Writing|Editing)\s+by\b", re.IGNORECASE)),
    ("contributor", re.compile(r"\b(?:contributed|contributed reporting) to this (?:report|story|article)\.?\)?$",
                               re.IGNORECASE)),
    ("copyright", re.compile(r"^(?:©|\(c\)|Copyright\b)|\bAll rights reserved\b", re.IGNORECASE)),
    ("tag line", re.compile(r"^(?:Read more|More|Related|Related coverage|See also|Sign up|Subscribe|Share this|"
                            r"Share on|Click here|Listen|Listen to|Watch|Advertisement|Most read|Get the latest|"
                            r"Download the)\b\s*(?::|$|for\b|to\b|here\b|now\b)", re.IGNORECASE)),
    ("contact", re.compile(r"^(?:Contact|Email|E-mail|Write to)\s+.{0,60}(?:@|\bat\b)", re.IGNORECASE)),
]


def dateline_end(text: str) -> int:
    """Where the dateline at the start of ``text`` ends (0 when there is none)."""
    m = _DATELINE_STRICT.match(text) or DATELINE.match(text)
    return m.end() if m else 0


def mask_dateline(text: str) -> str:
    """``text`` with its dateline blanked (same length), so that "WASHINGTON (AP)" is not read as a gloss."""
    end = dateline_end(text)
    return " " * end + text[end:] if end else text


def furniture_kind(text: str) -> str | None:
    """What kind of furniture a sentence is ("byline", "credit", ...), or None for a statement."""
    t = " ".join(text.split())
    if not t:
        return None
    if dateline_end(t) == len(t):
        return "dateline"
    for kind, rx in _FURNITURE:
        if rx.search(t):
            return kind
    return None
