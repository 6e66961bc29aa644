"""The pure text functions behind the name, attribution, quotation and defect checks."""

from __future__ import annotations

import pytest

from factcheck.checks.defects import doubled_word, glued, looks_truncated
from factcheck.checks.quote_marks import unclosed
from factcheck.inputs.segment import split_sentences
from factcheck.inputs.versions import Version
from factcheck.text.entities import swaps
from factcheck.text.speech import compare, mask_quotes, reports_speech, same_speaker, speakers


def sents(text: str):  # type: ignore[no-untyped-def]
    return split_sentences(Version("a", text), 0)


@pytest.mark.parametrize(("text", "expected"), [
    ("Kerry said the US would take refugees.", ["Kerry"]),
    ("The deal is off, said Prime Minister John Key.", ["Prime Minister John Key"]),
    ("Immigration Minister, Michael Woodhouse, said it would not change.", ["Michael Woodhouse"]),
    ("The offer remains, the Government says.", ["Government"]),
    ('"We will go," he said.', []),
    ("The deal is off, the minister told reporters.", []),
    ("He said Kerry would go.", []),  # Kerry is the subject of what was said, not the speaker
    ("Kerry confirmed the deal.", []),
    ('"Smith said no," she said.', []),  # inside a quotation
])
def test_named_speakers(text: str, expected: list[str]) -> None:
    assert [s.name for s in speakers(text) if s.name] == expected


def test_pronouns_and_descriptions_attribute_without_a_name() -> None:
    for text in ('"We will go," he said.', "The deal is off, the minister told reporters.",
                 "According to officials, the deal is off."):
        found = speakers(text)
        assert found and all(s.name is None for s in found), text
    assert speakers("New Zealand will take 150 refugees.") == []


def test_same_speaker() -> None:
    assert same_speaker("Kerry", "US Secretary of State John Kerry")
    assert same_speaker("Mayor Jane Smith", "Smith")
    assert not same_speaker("Jane Smith", "Tom Brown")


def test_attribution_compare() -> None:
    assert compare(speakers("It will rise, Smith said."), speakers("It will rise, Brown said.")) == "changed"
    assert compare(speakers("It will rise, Smith said."), speakers("It will rise.")) == "dropped"
    assert compare(speakers("It will rise."), speakers("It will rise, he said.")) == "added"
    assert compare(speakers("It will rise, Smith said."), speakers("It will rise, she said.")) is None
    assert reports_speech("Kerry revealed the deal.") and not reports_speech("The deal was revealing.")


def test_mask_quotes_keeps_length() -> None:
    text = 'He said "we will go" and "stay'
    masked = mask_quotes(text)
    assert len(masked) == len(text) and "go" not in masked and "stay" not in masked and "He said" in masked


@pytest.mark.parametrize(("a", "b", "expected"), [
    ("Talks with Prime Minister John Key ended.", "Talks with Prime Minister Bill English ended.",
     [("John Key", "Bill English")]),
    ("The man was an American who fell.", "The man was a Canadian who fell.", [("American", "Canadian")]),
    ("He flew to the U.K on Monday.", "He flew to the U.S on Monday.", [("U.K", "U.S")]),
    ("He spoke to the United Nations in May.", "He spoke to the UN in May.", []),  # an acronym and its expansion
    ("Talks on the Trans-Pacific Partnership.", "Talks on the Trans Pacific Partnership.", []),  # spelling
    ("A deal with the Australian Government.", "A deal with the Government of Australia.", []),
    ("Kerry said the deal was done.", "Key said the deal was done.", []),  # a speaker: FC260's job
    ('He said "Key will go" today.', 'He said "English will go" today.', []),  # inside a quotation: FC240
    ("He met Key in Wellington on Monday.", "He met Key in Wellington on Tuesday.", []),  # weekday: FC220
    ("Kerry met Key in Wellington.", "In Auckland, officials said the talks with Key went well.", []),  # reworded
])
def test_name_swaps(a: str, b: str, expected: list[tuple[str, str]]) -> None:
    assert [(s.old, s.new) for s in swaps(a, b)] == expected


def test_glued_sentences_are_found_at_the_segment_boundary() -> None:
    hits = glued(sents("The council met on Monday.It agreed the budget. Then it rose."))
    assert [reason for _, reason in hits] == ['"Monday.It" runs two sentences together with no space between them']
    assert glued(sents("The U.S. and the U.K. met at 10 a.m. on Monday. It rained.")) == []


@pytest.mark.parametrize(("text", "found"), [
    ("The mayor said the the budget was fair.", True),
    ("The The mayor spoke.", True),
    ("They had had enough.", False),
    ("He flew to Bora Bora.", False),
    ("The mayor said that that was fair.", False),
])
def test_doubled_word(text: str, found: bool) -> None:
    assert (doubled_word(sents(text)[0], False) is not None) is found


def test_truncated_still_found() -> None:
    assert looks_truncated(sents("He told reporters at the")[0], False) is not None


@pytest.mark.parametrize(("text", "open_in"), [
    ('"We will go," he said.\n\nThe vote is on Friday.', []),
    ('"We will go, he said.\n\nThe vote is on Friday.', ['"We will go, he said.']),
    ('"We will go. We will stay.\n\n"We will work together," he said.', []),  # goes on in the next paragraph
    ('He said it was "fair.', ['He said it was "fair.']),  # open at the end of the text
    ('He is 5\'11" tall.', []),  # an inch mark
])
def test_unclosed_quotes(text: str, open_in: list[str]) -> None:
    assert [s.text for s in unclosed(sents(text))] == open_in


def test_opposites_table_is_sane() -> None:
    from factcheck.text.opposites import opposites

    table = opposites()
    assert table["rose"] >= {"fell"} and "rose" in table["fell"]
    assert all(w == w.lower() and w not in others for w, others in table.items())


@pytest.mark.parametrize(("a", "b", "expected"), [
    ("Shares rose 5% on Monday.", "Shares fell 5% on Monday.", [("rose", "fell")]),
    ("He was found guilty.", "He was found innocent.", [("guilty", "innocent")]),
    ("Shares did not rise on Monday.", "Shares fell on Monday.", []),  # negation and opposite
    ('He said "prices rose" on Monday.', 'He said "prices fell" on Monday.', []),  # a quotation: FC240
    ("Shares rose.", "After a long and difficult week for the markets, shares fell.", []),  # reworded
])
def test_reversals(a: str, b: str, expected: list[tuple[str, str]]) -> None:
    from factcheck.text.opposites import reversals

    assert reversals(a, b) == expected
