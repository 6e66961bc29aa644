"""What counts as a change on real news copy: furniture, names of one body, negation edits, what an
added sentence carries, the words of an edit, own reports and unrelated versions (issue: precision
on real news edits). Text functions only, or the pipeline with the hashing embedder: fast."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck import check_versions
from factcheck.cli import app
from factcheck.errors import InputError
from factcheck.text.certainty import hedges_added, negation_changed
from factcheck.text.content import coverage, names, new_facts, unique_words
from factcheck.text.diff import describe
from factcheck.text.furniture import furniture_kind, mask_dateline
from factcheck.text.names import mark_aliases, same_entity
from factcheck.text.notices import is_notice
from factcheck.text.speech import speakers
from factcheck.text.spelling import respellings

runner = CliRunner()


@pytest.mark.parametrize(("line", "kind"), [
    ("By Jane Doe and John Roe, Associated Press", "byline"),
    ("Photo: Reuters/John Smith", "credit"),
    ("Follow Jane Doe on Twitter @jdoe", "follow"),
    ("(Reporting by Jane Doe; Editing by Bob Roe)", "contributor"),
    ("Associated Press writer Bob Roe in Paris contributed to this report.", "contributor"),
    ("Copyright 2016 The Associated Press. All rights reserved.", "copyright"),
    ("(AP Photo/Evan Vucci)", "credit"),
    ("Photograph: Jane Doe/AP", "credit"),
    ("Updated 5:32 p.m. ET", "timestamp"),
    ("Published 10:14 AM EST, Mon March 14, 2016", "timestamp"),
    ("This article originally appeared in The Times.", "tag line"),
    ("Sign up for our newsletter", "tag line"),
    ("Updated figures showed 12 deaths on Monday.", None),
    ("More than 70,000 people fled their homes.", None),
    ("By Monday, the toll had risen to 15.", None),
    ("The photo showed him leaving the court.", None),
    # a word of furniture inside a statement is no furniture (issue 29, item 5): furniture is a line's shape
    ("Contact with the ferry was lost at 3 a.m., when it had 15 crew on board.", None),
    ("This report was published on Monday by the coastguard and says 6 crew were rescued.", None),
    ("Copyright lawyers for the owners said the boat was insured for 2 million pounds.", None),
    ("Watch for the 4 lifeboats that will search the bay again on Tuesday.", None),
    ("The harbour master said the search would go on, citing the police document.pdf.", None),
    ("Divers found a panel marked </script> and 3 life jackets.", None),
    ("Reporting by the BBC showed 15 deaths.", None),
    ("Contact: Jane Doe at jdoe@example.com", "contact"),
    ("Watch: the moment the bridge fell", "tag line"),
    ("(adsbygoogle = window.adsbygoogle || []).push({});", "script"),
])
def test_furniture_is_recognised_and_statements_are_not(line: str, kind: str | None) -> None:
    assert furniture_kind(line) == kind


def test_datelines_are_masked_but_a_leading_acronym_is_not() -> None:
    assert mask_dateline("WASHINGTON (AP) -- The pick said.").strip() == "The pick said."
    assert mask_dateline("SAN JUAN, Puerto Rico (AP) — The storm hit.").strip() == "The storm hit."
    assert mask_dateline("BANGKOK — Radical groups said.").strip() == "Radical groups said."
    assert mask_dateline("US — China talks resumed.") == "US — China talks resumed."
    assert mask_dateline("NATO said on Monday.") == "NATO said on Monday."


@pytest.mark.parametrize(("a", "b", "same"), [
    ("ISIS", "ISIL", True), ("U.K.", "UK", True), ("E.U.", "EU", True), ("the U.N.", "United Nations", True),
    ("Médecins Sans Frontières", "Doctors Without Borders", True), ("Britain", "British", True),
    ("Northern Ireland", "Northern Irish", True), ("Australia", "Australian", True), ("China", "Chinese", True),
    ("Austria", "Australia", False), ("Iran", "Iraq", False), ("U.K.", "U.S.", False),
    ("Johanson", "Johansen", False), ("Hollande", "Holland", False),
])
def test_names_of_one_body(a: str, b: str, same: bool) -> None:
    assert same_entity(a, b) is same and same_entity(b, a) is same


def test_aliases_read_alike_for_content_comparison() -> None:
    assert mark_aliases("the U.N. agency") == mark_aliases("the United Nations agency")
    a = "The U.N. refugee agency reported fear in the northern camps."
    b = "The United Nations refugee agency reported fear in the northern camps."
    assert unique_words(a, b, b) == set() == unique_words(b, a, a)


@pytest.mark.parametrize(("a", "b", "side"), [
    ("The council approved the plan on Tuesday.", "The council did not approve the plan on Tuesday.", "b"),
    ("The court found him guilty.", "The court found him not guilty.", "b"),
    ("He can't attend the summit.", "He could not attend the summit.", None),
    ("He never attended the summit.", "He did not attend the summit.", None),
    ("He cannot go.", "He can't go.", None),
    ("Joe Bellamy, of Médecins Sans Frontières, said it.", "Joe Bellamy, of Doctors Without Borders, said it.", None),
    # a negation that moved, and one in a clause the other version does not have
    ("The offer has never been taken up by the government, partly because of fears.",
     "Although the offer has been open since 2013, the government has never taken it up, saying it did not "
     "want more arrivals.", None),
])
def test_a_negation_counts_only_as_an_edit_of_a_word_both_versions_have(a: str, b: str, side: str | None) -> None:
    assert negation_changed(a, b) == side


def test_could_not_is_not_a_hedge_but_possible_is() -> None:
    assert hedges_added("He can't attend.", "He could not attend.") == ([], [])
    assert hedges_added("Kerry confirmed the one-off deal.", "Kerry confirmed the possible deal.") == ([], ["possible"])


def test_speaker_is_the_name_before_an_appositive_and_not_a_place_in_it() -> None:
    found = speakers('"I have never seen this," Joe Bellamy, the manager in Kenya for Médecins Sans Frontières, said.')
    assert [s.name for s in found] == ["Joe Bellamy"]
    assert [s.name for s in speakers("Officials in Kabul said the attack was over.")] == [None]
    assert [s.name for s in speakers("The E.U. said it would send aid.")] == ["E.U"]


def test_respelled_names_and_names_in_text() -> None:
    assert respellings("He founded the Johanson Museum.", "He founded the Johansen Museum.") == \
        [("Johanson", "Johansen")]
    assert respellings("ISIS claimed it.", "ISIL claimed it.") == []
    assert names("He met Mr. Bellamy and Sen. Jane Doe in Washington. NATO said.") == \
        ["Bellamy", "Jane Doe", "Washington", "NATO"]
    assert "Doctors Without Borders" in names("He works for Doctors Without Borders, he said.")


def test_what_an_added_sentence_carries() -> None:
    other = "Heavy rain flooded three towns on Sunday. Crews evacuated homes. Police said roads were closed."
    assert new_facts("At least 15 people were killed, police said.", other) == {"figures": ["15"]}
    assert new_facts("Mayor Helen Tamaki opened the hall.", other) == {"names": ["Mayor Helen Tamaki"]}
    assert new_facts("The hall was opened by Helen Tamaki.", other) == {"names": ["Helen Tamaki"]}
    assert new_facts("No one was hurt in the three towns, police said.", other) == {}
    assert coverage("Crews evacuated homes on Sunday.", ["Crews evacuated homes overnight."]) >= 0.6
    assert coverage("The sometimes confusing exchanges involved transactions.", ["Crews evacuated homes."]) == 0


def test_correction_notices() -> None:
    assert is_notice("An earlier version of this article misstated the number of deaths.")
    assert is_notice("Correction: The toll was 15, not 12.")
    assert is_notice("This story has been updated to include comments from the mayor.")
    assert not is_notice("The earlier version of the plan failed.")
    assert not is_notice("The report wrongly stated that he had resigned.")


def test_each_edit_is_said_in_the_words_of_the_text() -> None:
    assert describe("Officials said 12 people were killed.", "Officials said 15 people were killed.") == \
        '"12 people" -> "15 people"'
    assert describe("It was aware of several explosions.", "It was aware of the attack.") == \
        '"several explosions" -> "the attack"'
    assert describe("a spokesman said it", "a spokesman, Adrian Edwards, said it") == 'adds "Adrian Edwards"'
    assert describe("Medicare, and Medicaid.", "Medicare and Medicaid.") == "the same words"
    assert describe("The talks were long.", "Fireworks lit the sky over the harbour tonight.") == \
        "the statement is rewritten"


STORY = "The council voted on Tuesday to close the bridge for repairs.\n\nEngineers said the deck had corroded."


def test_reports_factcheck_wrote_are_not_read_back_as_versions(tmp_path: Path, cli_fake_models) -> None:  # type: ignore[no-untyped-def]
    d = tmp_path / "drafts"
    d.mkdir()
    (d / "a.md").write_text(STORY)
    (d / "b.md").write_text(STORY.replace("Tuesday", "Wednesday"))
    for fmt, name in (("html", "report.html"), ("text", "report.txt"), ("markdown", "report.md"),
                      ("github", "annotations.txt")):
        assert runner.invoke(app, ["check", "-q", str(d), "-f", fmt, "-o", str(d / name)]).exit_code == 1
    report = check_versions([str(d)])
    assert [v.id for v in report.versions] == ["a.md", "b.md"]
    skipped = sorted(n for n in report.notes if "a factcheck report" in n)
    assert len(skipped) == 4 and any("report.html: a factcheck report (html)" in n for n in skipped)
    result = runner.invoke(app, ["check", "-q", str(d)])
    assert result.exit_code == 1 and "report.txt: a factcheck report (text)" in " ".join(result.stdout.split())


def test_an_unrelated_version_stops_the_run_with_one_line(tmp_path: Path, cli_fake_models) -> None:  # type: ignore[no-untyped-def]
    other = "The club confirmed that its top scorer signed a new contract.\n\nFans celebrated outside the stadium."
    with pytest.raises(InputError) as caught:
        check_versions({"a.txt": STORY, "b.txt": other})
    assert caught.value.code == "FCE125" and "shares 0 of 2 sentences" in caught.value.message
    (tmp_path / "a.txt").write_text(STORY)
    (tmp_path / "b.txt").write_text(other)
    result = runner.invoke(app, ["check", "-q", str(tmp_path)])
    assert result.exit_code == 2 and result.stderr.count("\n") == 1 and "looks like a different story" in result.stderr
    result = runner.invoke(app, ["check", "-q", "--allow-unrelated", "-f", "json", str(tmp_path)])
    assert result.exit_code in (0, 1) and "compared anyway: --allow-unrelated" in result.stdout


SWAP = ("The government will deport 300 migrants who arrived by boat last month, the minister said.",
        "The government will expel 300 migrants who arrived by boat last month, the minister said.")
CONTEXTS = [
    ["Migrants arrived on the coast in small boats.", "Aid groups criticised the plan.",
     "The opposition called a vote."],
    ["Deportations have risen sharply this year.", "Critics say deportation splits families.",
     "The deportation flights will leave from the capital.", "Lawyers will challenge each deportation order."],
    ["The weather was fine.", "Schools reopened on Monday after the holidays."],
]


@pytest.mark.model
def test_a_changed_statement_gets_the_same_verdict_whatever_surrounds_it() -> None:
    """The verdict on one edited sentence depends on the sentence pair, not on unrelated text around it;
    a single verb swapped for a near-synonym is not a contradiction (the edit judge reads 'deport' and
    'expel' as the same act)."""
    verdicts = []
    for ctx in CONTEXTS:
        a = "\n\n".join([ctx[0], SWAP[0], *ctx[1:]])
        b = "\n\n".join([ctx[0], SWAP[1], *ctx[1:]])
        report = check_versions({"a": a, "b": b})
        verdicts.append(sorted((f.rule, f.sev.value) for f in report.findings
                               if any("migrants who arrived" in e.text for e in f.evidence)))
    assert verdicts[0] == verdicts[1] == verdicts[2], verdicts
    assert not any(sev == "error" for v in verdicts for _, sev in v), verdicts
