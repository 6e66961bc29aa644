"""Issue 29 item 4: Markdown output links nothing GitHub would link by itself.

GitHub links ``#42``, ``GH-42``, ``@name``, e-mail addresses, commit ids and bare URLs (``http://``,
``https://``, ``ftp://``, ``www.``) in a step summary or a comment. The Markdown format breaks each such
form with an invisible word joiner (written ``&#8288;``) after an escaped trigger character, so the text
reads the same and nothing is live. The assertions are on the text itself, not on a renderer: no live
form is left in the Markdown as written, nor in the characters it stands for once its character
references are decoded (as a renderer's later stages see it); and the visible text is unchanged.
"""

from __future__ import annotations

import html
import re

import pytest

from factcheck import check_versions
from factcheck.render import render
from factcheck.render.markdown import md

LIVE = {
    "issue reference": re.compile(r"#\d"),
    "GH- reference": re.compile(r"(?i)\bgh-\d"),
    "mention": re.compile(r"@[A-Za-z0-9]"),
    "URL": re.compile(r"(?i)[a-z][a-z0-9+.-]*://"),
    "www link": re.compile(r"(?i)\bwww\."),
    "e-mail": re.compile(r"[A-Za-z0-9._%+-]@[A-Za-z0-9-]"),
    "commit id": re.compile(r"(?<![0-9A-Za-z])(?=[0-9a-f]*[a-f])(?=[0-9a-f]*[0-9])[0-9a-f]{7,40}(?![0-9A-Za-z])"),
}
HOSTILE = ("See https://evil.example/x?a=1&b=2, HTTP://SHOUT.example, ftp://files.example and www.evil.example; "
           "GH-42 and gh-7 and owner/repo#12 and #42, @editor and @org/team, ed@evil.example, commit 5d1e3a9f "
           "and a5c3785ed8d6a35868bc169f07e40e889087fd2e.")


def live(text: str) -> list[str]:
    """The forms GitHub would link in ``text`` as written (its character references aside) and as a renderer
    decodes it."""
    found = []
    for form in (re.sub(r"&#?[0-9A-Za-z]+;", "\x00", text), html.unescape(text)):
        found += [f"{name}: {m.group(0)!r}" for name, rx in LIVE.items() for m in rx.finditer(form)]
    return found


def visible(text: str) -> str:
    """What a reader sees: character references decoded, word joiners and Markdown's backslashes gone."""
    return re.sub(r"\\(.)", r"\1", html.unescape(text)).replace("\u2060", "")


def test_the_hostile_text_is_live_unescaped() -> None:
    assert len(live(HOSTILE)) >= 14   # the test can fail: every form is found in the raw text


@pytest.mark.parametrize("text", [HOSTILE, "gh-1", "GH-0042", "WWW.X.ORG", "mailto:a@b.example", "#1#2",
                                  "x://y", "deadbeef1 and 1234567 and cafe123"])
def test_md_leaves_nothing_live_and_the_text_as_it_reads(text: str) -> None:
    out = md(text)
    assert live(out) == []
    assert visible(out) == text


def test_findings_messages_and_file_names_link_nothing(fake_models) -> None:  # type: ignore[no-untyped-def]
    notice = "Correction: an earlier version gave GH-9 and www.fix.example as the source."
    a = f"{HOSTILE} The mayor paid 150 dollars.\n\nThe talks were long."
    b = f"{HOSTILE} The mayor paid 151 dollars.\n\nThe talks were long.\n\n{notice}"
    report = check_versions({"GH-12 www.example.org.md": a, "ed@evil.example #9.md": b}, models=fake_models)
    assert report.findings and report.notices
    out = render("markdown", [report])
    assert live(out) == [], live(out)
    shown = visible(out)
    assert "GH-12 www.example.org.md" in shown and "ed@evil.example #9.md" in shown    # file names, as they read
    assert "GH-9 and www.fix.example" in shown                                        # the notice
    finding = next(line for line in out.splitlines() if "FC220" in line)
    assert "GH-12 www.example.org.md" in visible(finding)                            # a finding's message
