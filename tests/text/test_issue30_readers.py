"""Text readers changed for issue 30: counts in words, figures in brackets, stems, function phrases,
titles of two words joined by "and", compounds that are modifiers, agents of a passive verb."""

import pytest

from factcheck.checks.acronyms import can_spell
from factcheck.text.content import colour_only, content_words, names, stem, unique_words
from factcheck.text.quantities import extract
from factcheck.text.speech import same_speaker, speakers


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("have received both doses", 2, "dose"), ("have received one dose", 1, "dose"),
    ("A single clinic opened", 1, "clinic"), ("A pair of clinics opened", 2, "clinic"),
    ("a dozen boats", 12, "boat"), ("Police said people (12) were hurt", 12, "people"),
])
def test_counts_written_as_words_and_in_brackets(text: str, value: float, unit: str) -> None:
    found = [q for q in extract(text) if q.kind == "number"]
    assert [(q.value, q.unit) for q in found] == [(value, unit)]


def test_how_many_times_but_not_once_as_a_conjunction() -> None:
    assert [(q.kind, q.value) for q in extract("visited twice since May") if q.kind == "times"] == [("times", 2)]
    for text in ("once again", "Once the vote ends", "at once", "once a busy town", "both the mayor and"):
        assert not [q for q in extract(text) if q.kind in ("times", "number")], text


def test_stems_join_forms_of_a_verb() -> None:
    assert stem("agreed") == stem("agreeing") == stem("agree")
    assert stem("studies") == stem("studied")
    assert stem("news") == "news" and stem("virus") == "virus" and stem("crisis") == "crisis"


def test_function_phrases_and_colour_carry_no_content() -> None:
    assert content_words("as well as agreeing to repaint") == content_words("and also agreed to repaint")
    assert not unique_words("queued for what felt like hours", "queued for hours", "")
    assert colour_only(unique_words("there were widespread expectations", "there were expectations", ""))
    assert not colour_only(unique_words("the fatal crash", "the crash", ""))


def test_an_office_of_several_words_is_one_name_and_a_compound_modifier_none() -> None:
    assert names("The Health and Social Care Secretary, Lena Varga, said so.") == \
        ["Health and Social Care Secretary", "Lena Varga"]
    assert names("Officials from Britain and France met.") == ["Britain", "France"]
    assert names("the performance of AI-fluent boards and UK-based firms") == []


def test_passive_agents_and_appositives_without_their_comma() -> None:
    assert [s.text for s in speakers("The warning was issued by police on Monday.")] == ["issued by police"]
    assert not speakers("It was made by hand.")
    assert [s.name for s in speakers("Mark Ashdown, the agency's Criminal Investigations Manager said: \"Yes.\"")] \
        == ["Mark Ashdown"]
    assert same_speaker("Grace Okafor", "Grace Okafour") and not same_speaker("Tom Brown", "Jane Smith")


@pytest.mark.parametrize(("acronym", "expansion", "ok"), [
    ("CMATS", "Civil Military Air Traffic Management System", True),
    ("UNHCR", "United Nations Human Rights Council", False),
    ("WHO", "World Trade Organization", False),
    ("NASA", "National Aeronautics and Space Administration", True),
])
def test_a_long_acronym_may_pass_over_one_word_never_reorder(acronym: str, expansion: str, ok: bool) -> None:
    assert can_spell(acronym, expansion) is ok
