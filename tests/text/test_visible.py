"""The text as a reader sees it (issue 29, item 6): invisible characters, direction controls, look-alikes."""

from hypothesis import given
from hypothesis import strategies as st

from factcheck.text.normalize import normalize
from factcheck.text.visible import describe, visible


def test_invisible_characters_inside_words_are_removed_and_named() -> None:
    for hidden in ("\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"):
        seen, found = visible(f"Twel{hidden}ve people and Cole{hidden}man")
        assert seen == "Twelve people and Coleman"
        assert [h.kind for h in found] == ["invisible", "invisible"]
        assert [h.word for h in found] == ["Twelve", "Coleman"]


def test_a_right_to_left_override_shows_its_run_backwards() -> None:
    seen, found = visible("Water rose to \u202e12\u202c centimetres.")
    assert seen == "Water rose to 21 centimetres."
    assert {h.kind for h in found} == {"bidi"}
    assert "direction controls" in describe(found)


def test_an_override_left_open_runs_to_the_end_of_its_line_only() -> None:
    assert visible("a \u202eabc\nxyz")[0] == "a cba\nxyz"


def test_look_alike_letters_inside_latin_words_read_as_latin() -> None:
    seen, found = visible("Mayor C\u043eleman said")   # a Cyrillic o
    assert seen == "Mayor Coleman said"
    assert [h.kind for h in found] == ["look-alike"]


def test_text_a_reader_sees_is_left_alone() -> None:
    for text in ("caf\u00e9 in Z\u00fcrich \u2014 \u201cyes\u201d", "\u0391\u03b8\u03ae\u03bd\u03b1",
                 "a \U0001F468\u200d\U0001F373 b", "\ufeffA text that opens with a byte-order mark", "plain ASCII"):
        seen, found = visible(text)
        assert not found, text
        assert seen == text


def test_a_no_break_or_thin_space_grouping_thousands_reads_as_a_comma() -> None:
    for space in ("\u00a0", "\u2009", "\u202f", "\u2007"):
        assert normalize(f"15{space}000 pounds") == "15,000 pounds"
    assert normalize("15\u00a0people") == "15 people"
    assert normalize("in 2024\u00a0100 people") == "in 2024 100 people"


@given(st.text())
def test_visible_never_adds_or_removes_a_line(text: str) -> None:
    assert visible(text)[0].count("\n") == text.count("\n")
