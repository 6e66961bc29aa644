"""Suppression comments: at the end of the sentence they hide (as noqa), on/off blocks (as Vale), counted as
hidden, and misspelt directives refused."""

from __future__ import annotations

import pytest

from factcheck import check_versions
from factcheck.errors import ConfigError
from factcheck.findings.rules import RULES
from factcheck.findings.suppress import suppressed_sentences
from factcheck.inputs.segment import split_sentences
from factcheck.inputs.versions import Version

A = "The minister said 150 refugees would come.\n\nThe talks were long.\n\nThe deal cost 5 dollars."
B = "The minister said 999 refugees would come.\n\nThe talks were long.\n\nThe deal cost 5 dollars."
ALL = frozenset(RULES)


def hidden(text: str) -> dict[str, frozenset[str]]:
    """Per sentence (by its first word) the rules hidden on it."""
    v = Version("v.md", text)
    sentences = split_sentences(v, 0)
    per, _ = suppressed_sentences(v, sentences)
    return {s.text.split()[0]: per[s.index] for s in sentences if s.index in per}


def report(b_text: str, fake_models):  # type: ignore[no-untyped-def]
    return check_versions({"a.md": A, "b.md": b_text}, models=fake_models)


def shown(r) -> list[str]:  # type: ignore[no-untyped-def]
    """The rules reported besides FC401 (each comment b.md adds is one: tests/findings/test_added.py)."""
    return [f.rule for f in r.findings if f.rule != "FC401"]


@pytest.mark.parametrize("comment", ["<!-- factcheck: ignore FC220 -->", "<!-- factcheck ignore number-changed -->",
                                     "<!--factcheck:ignore FC22-->", "<!-- factcheck: ignore -->"])
def test_a_comment_at_the_end_of_the_line_hides_the_sentence_before_it(comment: str, fake_models) -> None:  # type: ignore[no-untyped-def]
    r = report(B.replace("would come.", f"would come.  {comment}  "), fake_models)
    assert shown(r) == [] and r.suppressed_counts()["inline"] == 1 and r.exit_code() == 0


def test_which_sentence_a_comment_hides() -> None:
    c = "<!-- factcheck: ignore FC220 -->"
    assert hidden(f"One here. Two here. {c}\nThree here.") == {"Two": {"FC220"}}   # end of its line: the one before
    assert hidden(f"One here. {c} Two here. Three here.") == {"Two": {"FC220"}}     # before a sentence: that one
    assert hidden(f"One here.\n{c}\nTwo here.") == {"Two": {"FC220"}}               # on a line of its own: the next
    assert hidden(f"One {c} here. Two here.") == {"One": {"FC220"}}                 # inside one: that one
    assert hidden(f"One here. <!-- note --> {c}\nTwo here.") == {"One": {"FC220"}}  # other comments are blanks
    assert hidden(f"One here.\n\n{c}") == {}                                         # nothing before on its line


def test_off_and_on_blocks() -> None:
    text = ("Zero here. <!-- factcheck off FC111 -->\nOne here.\n<!-- factcheck off -->\nTwo here.\n"
            "<!-- factcheck on FC111 -->\nThree here.\n<!-- factcheck: on -->\nFour here.\n"
            "Five <!-- factcheck off FC2 --> here.\nSix here.")
    got = hidden(text)
    two = frozenset(r for r in RULES if r.startswith("FC2"))
    assert got == {"One": {"FC111"}, "Two": ALL, "Three": ALL - {"FC111"}, "Five": two, "Six": two}
    assert "Zero" not in got and "Four" not in got


def test_a_block_hides_findings_and_counts_them(fake_models) -> None:  # type: ignore[no-untyped-def]
    blocked = B.replace("The minister", "<!-- factcheck off -->\n\nThe minister").replace(
        "The talks", "<!-- factcheck on -->\n\nThe talks")
    r = report(blocked, fake_models)
    assert shown(r) == [] and r.suppressed_counts()["inline"] == 1
    other = report(B.replace("The minister", "<!-- factcheck off FC201 -->\nThe minister"), fake_models)
    assert shown(other) == ["FC220"]
    # an off turned on again before a later change leaves that change reported
    later = blocked.replace("5 dollars", "50 dollars")
    assert shown(report(later, fake_models)) == ["FC220"]
    # an off never turned on runs to the end
    to_end = B.replace("The minister", "<!-- factcheck off number-changed -->\nThe minister").replace("5 d", "50 d")
    r = report(to_end, fake_models)
    assert shown(r) == [] and r.suppressed_counts()["inline"] == 2


def test_misspelt_directives_are_errors_and_other_notes_are_not(fake_models) -> None:  # type: ignore[no-untyped-def]
    for typo in ("igonre FC220", "of", "ignorefile FC220", "of FC220"):
        with pytest.raises(ConfigError) as err:
            report("<!-- factcheck: " + typo + " -->\n" + B, fake_models)
        line = err.value.one_line()
        assert line.startswith("FCE204: b.md: suppression comment") and "valid: ignore, ignore-file, off, on" in line
    note = report("<!-- factcheck: checked by Ana on Monday -->\n" + B, fake_models)
    assert [f.rule for f in note.findings] == ["FC220"]
    with pytest.raises(ConfigError) as err:
        report("<!-- factcheck off FC999 -->\n" + B, fake_models)
    assert err.value.one_line().startswith("FCE210: b.md: suppression comment: unknown rule 'FC999'")


def test_unclosed_comments_hide_nothing() -> None:
    assert hidden("One here. <!-- factcheck: ignore\nTwo here.") == {}
    assert hidden("<!-- factcheck off" * 1000 + "\nOne here.") == {}


def test_suppression_comments_work_in_html_drafts(tmp_path, fake_models) -> None:  # type: ignore[no-untyped-def]
    from factcheck import check_versions

    (tmp_path / "a.html").write_text("<html><body><article><p>The minister said 150 refugees would come. "
                                     "<!-- factcheck: ignore FC220 --></p><p>The talks were long.</p>"
                                     "<!-- an ordinary comment --></article></body></html>")
    (tmp_path / "b.md").write_text("The minister said 999 refugees would come.\n\nThe talks were long.\n")
    report = check_versions([str(tmp_path)], models=fake_models)
    assert not [f for f in report.findings if f.rule == "FC220"]
    assert report.suppressed_counts()["inline"] == 1
    assert "an ordinary comment" not in report.versions[0].text
