import pytest

from factcheck.checks.acronyms import can_spell, definitions, initials
from factcheck.inputs.segment import split_sentences
from factcheck.inputs.versions import Version


@pytest.mark.parametrize(
    ("acronym", "expansion", "ok"),
    [
        ("UNHCR", "United Nations High Commissioner for Refugees", True),
        ("UNHCR", "United Nations Human Rights Council", False),
        ("UNHRC", "United Nations Human Rights Council", True),
        ("OECD", "Organisation for Economic Co-operation and Development", True),
        ("UNESCO", "United Nations Educational, Scientific and Cultural Organization", True),
        ("UNRWA", "United Nations Relief and Works Agency for Palestine Refugees in the Near East", True),
        ("NATO", "North Atlantic Treaty Organization", True),
        ("APEC", "Asia-Pacific Economic Cooperation", True),
        ("WHO", "World Trade Organization", False),
        ("IMF", "World Bank", False),
        ("UNHCR", "UN Refugee Agency", False),
    ],
)
def test_can_spell(acronym: str, expansion: str, ok: bool) -> None:
    assert can_spell(acronym, expansion) is ok


def test_initials_explain_the_mismatch() -> None:
    assert initials("United Nations Human Rights Council") == "UNHRC"


@pytest.mark.parametrize(
    ("text", "acronym", "expansion"),
    [
        ("Referrals from UNHCR [United Nations Human Rights Council] on refugees.", "UNHCR",
         "United Nations Human Rights Council"),
        ("He spoke to the World Health Organization (WHO) today.", "WHO", "World Health Organization"),
        ("The IMF (International Monetary Fund) agreed.", "IMF", "International Monetary Fund"),
        ("Talks with NATO, the North Atlantic Treaty Organization, ended.", "NATO",
         "North Atlantic Treaty Organization"),
        ("Staff of the UN Refugee Agency (UNHCR) said so.", "UNHCR", "UN Refugee Agency"),
    ],
)
def test_definition_patterns(text: str, acronym: str, expansion: str) -> None:
    s = split_sentences(Version("v", text), 0)[0]
    assert [(d.acronym, d.expansion) for d in definitions(s)] == [(acronym, expansion)]


def test_no_definition_in_plain_text() -> None:
    s = split_sentences(Version("v", "The UNHCR said on Monday (local time) that it agreed."), 0)[0]
    assert definitions(s) == []
