"""News furniture: datelines, bylines, credits and tag lines are not statements of the story.

``WASHINGTON (AP) —`` opens a wire story; ``By Jane Doe``, ``Photo: Reuters``, ``Follow Jane on
Twitter`` and ``(Reporting by ...; Editing by ...)`` frame it. None of them is a claim a reader
learns from, so the checks do not read a dateline as an acronym's gloss or a name, and a line of
furniture that only some versions carry is never more than info. Pages add blocks of it too: an
appended FAQ or "what you need to know" box, a related-links block, a caption's number, an ad
script (``furniture_blocks``): never an error or a warning either (``verdict.severity``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# "WASHINGTON (AP) --", "LONDON (Reuters) -", "SAN JUAN, Puerto Rico (AP) —", "BANGKOK —", "KABUL, Afghanistan:"
_PLACE = r"[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+)*(?:,\s+[A-Z][A-Za-z.'’-]+(?:\s+[A-Z][A-Za-z.'’-]+)*)?"
_AGENCY = r"\((?:AP|Reuters|AFP|Bloomberg|UPI|dpa|DPA|CNN|PA|CP|AAP|ANSA|EFE|Xinhua|Kyodo|TASS|IANS|PTI|" \
          r"The Associated Press|Associated Press|[A-Z][\w.&' -]{1,30})\)"
# without an agency, the place is one word of four letters or more ("ROME —"; not "US — China talks")
DATELINE = re.compile(rf"^\s*(?=[A-Z][A-Z.'’-]{{3}})(?:{_PLACE})\s*(?:{_AGENCY})?\s*(?:-{{1,3}}|—|–|:)\s+"
                      r"(?=[\"'A-Z0-9])")
_DATELINE_STRICT = re.compile(rf"^\s*(?:{_PLACE})\s*{_AGENCY}\s*(?:-{{1,3}}|—|–|:)?\s*")

# Each shape is a whole line: it must match from the first character to the last (``fullmatch``), and a
# line of furniture is short. A word of furniture inside a statement ("Contact with the ferry was lost",
# "Copyright lawyers said", "Watch for the 15 buses", "citing the police document.pdf") is no furniture.
_NAME = r"[A-Z][\w.'’-]*"
_FURNITURE = [
    ("byline", re.compile(r"(?:By|BY|Words by|Written by)\s+[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|and|&|,|in|"
                          r"de|van|von|al))*[\s,|]*(?:[A-Z][\w ]{0,40})?")),
    ("credit", re.compile(r"(?:Photo|Photos|Photograph|Image|Picture|Video|Graphic|Illustration|Map|Source|"
                          r"Credit|Caption)s?(?:\s+credit)?\s*[:|/]\s*[^.!?]{1,80}\.?", re.IGNORECASE)),
    # a caption: short, ending on its credit in brackets
    ("credit", re.compile(r".{0,160}\((?:Photo|Image|Picture|Credit)s?\s*(?:by|:)[^)]{1,60}\)\s*", re.IGNORECASE)),
    ("credit", re.compile(r".{0,160}\(?\b(?:AP|AFP|Reuters|EPA|Getty|Xinhua|PA)\s+(?:Photo|Images?|Pool)\b"
                          r"[^)]{0,60}\)?\s*")),
    ("credit", re.compile(r"(?:Photograph|Photo|Picture)\s*:\s*[^.]{1,60}/(?:AP|AFP|Reuters|EPA|Getty Images|"
                          r"Shutterstock|Alamy|PA|Rex)\b.{0,20}")),
    ("timestamp", re.compile(r"(?:Updated|Published|Posted|First published|Last (?:updated|modified))(?:\s+(?:on|at))?"
                             r"\s*:?(?:\s|[\d:/.,-]|[ap]\.?m\.?|AM|PM|ET|EST|EDT|CT|PT|GMT|BST|UTC|CET|"
                             r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?|"
                             r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?)+")),
    # a running page's entry heading: "11:30 Global count", "09:05 GMT - Markets open"
    ("timestamp", re.compile(r"\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?|GMT|BST|ET|EST|EDT|CET|CEST|UTC|IST|JST|AEST|"
                             r"local time)?\s*(?:[-–—:|]\s*)?[^.!?]{0,80}", re.IGNORECASE)),
    # "This article originally appeared in The Times." : a title (capitalised words) and a date at most
    ("tag line", re.compile(rf"This (?:story|article|report|piece) (?:originally |first )?(?:appeared|was (?:first )?"
                            rf"published) (?:in|on|at|by) (?:the |The )?{_NAME}(?:\s+(?:{_NAME}|of|and|&))*"
                            r"(?:,?\s+(?:on\s+)?[A-Z][a-z]+\.?\s+\d{1,2}(?:,\s+\d{4})?)?\.?")),
    ("follow", re.compile(r"(?:Follow|Like)\s+.{1,80}\s+on\s+(?:Twitter|X|Facebook|Instagram|Threads|Bluesky|"
                          r"Mastodon|LinkedIn)\b[^.!?]{0,60}\.?", re.IGNORECASE)),
    ("contributor", re.compile(r"\(?(?:(?:Additional|ADDITIONAL)\s+)?(?:[Rr]eporting|[Ww]riting|[Ee]diting|[Rr]esearch|"
                               r"REPORTING|WRITING|EDITING)\s+(?:by|BY)\s+[A-Z][^()]{0,200}\)?\.?")),
    ("contributor", re.compile(r"[^.!?]{0,160}\b(?:contributed|contributed reporting) to this (?:report|story|article)"
                               r"\.?\)?", re.IGNORECASE)),
    ("copyright", re.compile(r"(?:©|\([cC]\)|[Cc]opyright|COPYRIGHT)\s*(?:©\s*)?(?:\d{4}|[A-Z])[^!?]{0,100}")),
    ("copyright", re.compile(r"[^!?]{0,100}\bAll rights reserved\.?", re.IGNORECASE)),
    ("tag line", re.compile(r"(?:Read more|More|Related|Related coverage|See also|Share this|Share on|Click here|"
                            r"Listen|Listen to this article|Watch|Advertisement|Most read|Get the latest)\s*"
                            r"(?:(?::|\||-|–|—)\s*[^.!?]{0,100}|here[^.!?]{0,60}|now[^.!?]{0,60}|video)?\.?",
                            re.IGNORECASE)),
    ("tag line", re.compile(r"(?:Sign up|Subscribe|Download|Get)\b[^.!?]{0,80}\b(?:newsletters?|app|updates|alerts|"
                            r"podcasts?|briefing|emails?)\b[^.!?]{0,60}\.?", re.IGNORECASE)),
    ("contact", re.compile(r"(?:Contact|Email|E-mail|Write to)[:\s]+[^@\s]{0,60}(?:\s+[^@\s]+){0,8}\s*"
                           r"(?:at\s+)?[\w.+-]+@[\w-]+(?:\.[\w-]+)+\.?", re.IGNORECASE)),
    # a photo's or a caption's number on its own: "27781", "Image 28519", "Photo ID: 1234"
    ("caption id", re.compile(r"\W*(?:(?:Image|Photo|Picture|Figure|Caption|Gallery|Slide|ID|No\.?)\s*(?:ID)?"
                              r"\s*[:#]?\s*)?\d{3,}(?:\s*(?:of|/)\s*\d+)?\W*", re.IGNORECASE)),
]
# most words a line of furniture has (a byline with several names, a caption with its credit)
_MOST_WORDS = 40
# code on a line of script: a line is script when it holds two of these, or one and much code punctuation
_CODE = re.compile(r"\bfunction\s*\(|=>\s*\{|\bvar\s+\w+\s*=|\b(?:let|const)\s+\w+\s*=|\bwindow\.\w|"
                   r"\bdocument\.(?:write|getElement|createElement|querySelector|cookie|body)|\.push\(|\bgoogletag\b|"
                   r"\badsbygoogle\b|</?script\b|\bdataLayer\b|\}\s*\)\s*;|;\s*\}")


def _script(text: str) -> bool:
    """A line of script: code in it, twice, or once among much code punctuation."""
    hits = {m.group() for m in _CODE.finditer(text)}
    if not hits:
        return False
    punctuation = sum(text.count(c) for c in "{}();=[]")
    return len(hits) >= 2 or punctuation >= max(4, len(text) // 20)


# headings of boxes a page appends to a story: a FAQ, "what you need to know"
_BOX = re.compile(r"^\W*(?:FAQs?|Frequently asked questions|What you need to know|What to know|Need to know|"
                  r"Key (?:facts|points|takeaways|questions)|Fast facts|Quick facts|At a glance|Q\s?&\s?A|"
                  r"Questions and answers|Explainer)\b[^.!]{0,60}[:?]?\s*$", re.IGNORECASE)
# headings of related-links blocks; the short lines after them are links
_RELATED = re.compile(r"^\W*(?:Related(?:\s+(?:coverage|stories|articles|content|reading|links|news))?|Read more|"
                      r"Read also|More (?:on|from|about|stories|news)\b.{0,40}|See also|Recommended(?: for you)?|"
                      r"Most (?:read|popular|viewed)|Trending(?: now)?|You (?:may|might) also like|Top stories|"
                      r"Latest (?:news|stories)|In other news|Also read)\s*[:.]?\s*$", re.IGNORECASE)


def _link_like(text: str) -> bool:
    """A headline or a link: short, and not a sentence of the story (no full stop at its end)."""
    t = text.strip()
    return bool(t) and len(t.split()) <= 16 and not t.endswith((".", '."', ".'", ".”"))


def furniture_blocks(paragraphs: Sequence[str]) -> set[int]:
    """The paragraphs (by index) of furniture blocks: an appended box (a FAQ, "what you need to know")
    from its heading, in the second half of the page, to its end; a related-links block (its heading and
    the link-like lines after it); a paragraph of script."""
    out: set[int] = set()
    n = len(paragraphs)
    for i, para in enumerate(paragraphs):
        t = " ".join(para.split())
        if _BOX.match(t) and i >= n // 2:
            out.update(range(i, n))
            break
        if _RELATED.match(t):
            out.add(i)
            j = i + 1
            while j < n and _link_like(paragraphs[j]):
                out.add(j)
                j += 1
    return out


def dateline_end(text: str) -> int:
    """Where the dateline at the start of ``text`` ends (0 when there is none)."""
    m = _DATELINE_STRICT.match(text) or DATELINE.match(text)
    return m.end() if m else 0


def mask_dateline(text: str) -> str:
    """``text`` with its dateline blanked (same length), so that "WASHINGTON (AP)" is not read as a gloss."""
    end = dateline_end(text)
    return " " * end + text[end:] if end else text


def furniture_kind(text: str) -> str | None:
    """What kind of furniture a line is ("byline", "credit", ...), by its whole shape, or None for a
    statement. Give it a line of its own (``inputs.segment.Sentence.furniture``): a sentence among others
    on its line is never furniture."""
    t = " ".join(text.split())
    if not t:
        return None
    if dateline_end(t) == len(t):
        return "dateline"
    if _script(t):
        return "script"
    if len(t.split()) > _MOST_WORDS:
        return None
    for kind, rx in _FURNITURE:
        if rx.fullmatch(t):
            return kind
    return None
