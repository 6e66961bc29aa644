"""The rule catalogue: stable ids, names, default severities and help texts."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


FAIL_LEVELS = ("error", "warning", "info", "never")


@dataclass(frozen=True)
class Rule:
    """A rule and its role, as fields that the code reads instead of lists of ids:

    - ``source``: what finds it: ``nli`` (the NLI model), ``judge`` (the edit judge), ``checks`` (a targeted
      check of one slot), ``ledger`` (the story's facts across slots) or ``review`` (what the change under
      review adds to hide findings: suppression comments, baseline entries; ``findings.added``);
    - ``stage``: ``statement`` (a whole statement or its presence), ``targeted`` (a named part of a
      statement: a number, a name, a quotation) or ``story`` (a fact across the story);
    - ``verdict``: a whole-statement verdict on a slot, which joins the slot's lead targeted finding;
    - ``links_places``: a story finding that links two places, taking in the slot findings about them;
    - ``joins_story``: a slot finding that such a story finding takes in; ``absence``: about a sentence
      some versions lack;
    - ``form_only``: about form, not what the text claims (a slot with only these is a style change);
    - ``fact``: what the evidence compares: a ``value`` (a number), a ``name``, a ``negation``, an
      ``opposite``, a ``speaker``, an ``acronym``'s body (the facts whose incompatible values are an
      error), or a ``claim``, ``certainty``, ``quote``, ``role``, ``meaning``, ``notice``, ``spelling``,
      ``acronym-name``, ``omission``, ``form`` (see ``verdict.severity``);
    - ``within``: an inconsistency inside one version (two places of it), not between versions;
    - ``restates``: about a sentence whose words the other versions give elsewhere: no fact is added or
      dropped (a slot some versions lack with only these is a style change).

    ``severity`` is the most the rule reports; ``verdict.severity`` decides, from the evidence, how much
    of it a finding gets.
    """

    id: str
    name: str
    severity: Severity
    category: str
    summary: str
    help: str
    source: str = "checks"
    stage: str = "targeted"
    verdict: bool = False
    links_places: bool = False
    joins_story: bool = False
    absence: bool = False
    form_only: bool = False
    fact: str = ""
    within: bool = False
    restates: bool = False


_RULES = [
    Rule("FC101", "nli-contradiction", Severity.WARNING, "contradiction",
         "Versions contradict each other in one slot",
         "The NLI model judges that one version's sentence contradicts another's. Check which is right.",
         source="nli", stage="statement", verdict=True,
         fact="meaning"),
    Rule("FC102", "nli-meaning-changed", Severity.WARNING, "meaning",
         "The sentences of a slot do not entail each other",
         "Neither version's sentence follows from the other's: the statement changed.",
         source="nli", stage="statement", verdict=True,
         fact="meaning"),
    Rule("FC103", "nli-detail-changed", Severity.INFO, "meaning",
         "One version says more than another in a slot",
         "One sentence follows from the other but not the reverse: a detail was added or dropped.",
         source="nli", stage="statement", verdict=True, joins_story=True,
         fact="omission"),
    Rule("FC104", "nli-cross-contradiction", Severity.INFO, "contradiction",
         "A sentence may contradict a similar sentence elsewhere in another version",
         "Sentences that were not aligned read as contradicting each other; the change may have moved. "
         "Across slots the NLI model is less reliable, so this is a hint, not a verdict.",
         source="nli", stage="statement", joins_story=True,
         fact="meaning"),
    Rule("FC120", "edit-contradicts", Severity.WARNING, "contradiction",
         "The edit judge finds that one version's statement contradicts another's",
         "The edit between two versions of a statement (a number, a name, an opposite, a negation, "
         "another kind of thing) changes what it says. The severity is the judge's calibrated one; "
         "the reasons say what changed.",
         source="judge", stage="statement", verdict=True,
         fact="meaning"),
    Rule("FC121", "edit-adds-claim", Severity.WARNING, "meaning",
         "The edit judge finds a claim added to a statement that the story does not support",
         "One version's statement says more than another's, and what it adds is not said elsewhere "
         "in the story.",
         source="judge", stage="statement", verdict=True,
         fact="claim"),
    Rule("FC122", "edit-drops-fact", Severity.INFO, "meaning",
         "The edit judge finds a fact left out of a statement",
         "One version's statement leaves out something another's says: an omission, not a contradiction.",
         source="judge", stage="statement", verdict=True,
         fact="omission"),
    Rule("FC110", "statement-missing", Severity.INFO, "coverage",
         "A statement without new facts appears in some versions only",
         "One or more versions have a sentence the others lack, but it carries nothing new: furniture "
         "(a byline, a credit), a transition, or words the other versions say elsewhere.",
         stage="statement", joins_story=True, absence=True, restates=True,
         fact="omission"),
    Rule("FC111", "statement-with-new-facts", Severity.WARNING, "coverage",
         "A statement with facts that some versions do not give",
         "A sentence that some versions carry gives a figure, a name or a quotation the others never "
         "give, or says something their closest sentences do not restate: facts were added or dropped.",
         stage="statement", joins_story=True, absence=True,
         fact="claim"),
    Rule("FC112", "correction-notice", Severity.WARNING, "coverage",
         "A correction or update notice appears in some versions only",
         "One version says it was corrected or updated ('An earlier version of this article misstated "
         "...'). Check that the correction is made everywhere it applies.",
         stage="statement",
         fact="notice"),
    Rule("FC201", "acronym-expansion-mismatch", Severity.ERROR, "acronym",
         "An acronym is glossed with words whose initials cannot spell it",
         "The expansion given for the acronym cannot produce its letters: the gloss names another body.",
         fact="acronym"),
    Rule("FC202", "acronym-expansion-differs", Severity.ERROR, "acronym",
         "Versions give different expansions for one acronym",
         "Two versions define the same acronym differently; at most one of them is right.",
         fact="acronym"),
    Rule("FC203", "organisation-named-differently", Severity.WARNING, "acronym",
         "One body is named differently across versions",
         "An acronym's gloss in one version differs from the name another version uses for it.",
         fact="acronym-name"),
    Rule("FC210", "entity-spelling-variant", Severity.WARNING, "name",
         "A name is spelled in two nearly identical ways",
         "Two spellings differ by a letter or a hyphen: probably a typo (UNCHR for UNHCR).",
         form_only=True,
         fact="spelling"),
    Rule("FC211", "entity-changed", Severity.ERROR, "name",
         "A person, organisation or place differs between versions of one statement",
         "The versions agree word for word around a name that differs: a different person, body or place.",
         fact="name"),
    Rule("FC212", "fact-added-to-statement", Severity.WARNING, "name",
         "A statement gives a name, a figure or a claim that another version never gives",
         "One version of a statement names someone, gives a figure or adds a clause that the other "
         "version says nowhere: a fact was added or dropped.",
         joins_story=True,
         fact="claim"),
    Rule("FC220", "number-changed", Severity.ERROR, "number",
         "A number differs between versions of one statement",
         "The same statement gives different numbers in different versions.",
         fact="value"),
    Rule("FC230", "certainty-changed", Severity.WARNING, "certainty",
         "Certainty differs between versions",
         "One version states as settled what another gives as possible, likely or under consideration.",
         fact="certainty"),
    Rule("FC231", "negation-changed", Severity.ERROR, "certainty",
         "A negation is present in one version of a statement and not in another",
         "One version says 'not', 'never' or 'no' where another does not: they say opposite things.",
         fact="negation"),
    Rule("FC232", "opposite-word", Severity.ERROR, "certainty",
         "A word is replaced by its opposite in one statement",
         "'rose' against 'fell', 'guilty' against 'innocent': the versions say opposite things.",
         fact="opposite"),
    Rule("FC240", "quote-changed", Severity.ERROR, "quote",
         "A quotation is worded differently between versions",
         "Text in quotation marks is meant to be verbatim; the versions quote different words.",
         fact="quote"),
    Rule("FC241", "quote-editorial-insertion", Severity.WARNING, "quote",
         "Words in brackets were inserted inside a quotation",
         "One version adds a bracketed gloss inside the quote; check that it is right and marked as editorial.",
         fact="quote"),
    Rule("FC242", "quote-punctuation-changed", Severity.INFO, "quote",
         "A quotation's punctuation differs between versions",
         "Same words, different punctuation inside the quotation marks.",
         form_only=True,
         fact="form"),
    Rule("FC243", "quote-speaker-changed", Severity.ERROR, "quote",
         "A quotation is attributed to a different speaker",
         "Versions give the same quotation to different named people; at most one is right.",
         fact="speaker"),
    Rule("FC244", "paraphrase-quoted", Severity.WARNING, "quote",
         "Words given as paraphrase in one version are a quotation in another",
         "Quotation marks say the words are the speaker's own; another version reports them unquoted. "
         "Check the quotation against the source.",
         fact="quote"),
    Rule("FC250", "truncated-sentence", Severity.WARNING, "defect",
         "A sentence looks cut off",
         "The sentence ends without punctuation, often on a word that needs more after it.",
         form_only=True,
         fact="form"),
    Rule("FC251", "glued-sentences", Severity.WARNING, "defect",
         "Two sentences run together",
         "A full stop is followed by a capitalised word with no space: a lost space or line break.",
         form_only=True,
         fact="form"),
    Rule("FC252", "unbalanced-quote", Severity.WARNING, "defect",
         "A quotation mark is never closed",
         "A quotation opens and neither closes nor goes on into the next paragraph.",
         form_only=True,
         fact="form"),
    Rule("FC253", "doubled-word", Severity.WARNING, "defect",
         "A word is typed twice",
         "The same word appears twice in a row ('the the'); 'had had' and names are allowed.",
         form_only=True,
         fact="form"),
    Rule("FC254", "hidden-characters", Severity.WARNING, "defect",
         "A version holds characters a reader does not see as a program reads them",
         "Invisible characters inside words (a soft hyphen, a zero-width space), direction controls (a "
         "right-to-left override shows '\\u202e21\\u202c' as 12) or letters of another script that look like "
         "Latin ones make a text read one way and check another. factcheck compares what a reader sees and "
         "names the version; remove the characters. A warning where an edit brought them in, else a note.",
         fact="hidden"),
    Rule("FC260", "attribution-changed", Severity.ERROR, "attribution",
         "A statement is attributed to different people",
         "Versions say different named people said it; at most one is right.",
         fact="speaker"),
    Rule("FC261", "attribution-dropped", Severity.WARNING, "attribution",
         "A statement is attributed in one version and stated as fact in another",
         "Without 'he said' or 'according to', the paper asserts what was a claim.",
         fact="claim"),
    Rule("FC301", "story-figure-changed", Severity.ERROR, "number",
         "A figure has different values in two versions, in sentences that are not aligned",
         "The same counted thing (killed, injured, employees, an amount for aid) has a value in one version "
         "that the other never gives, in another sentence: the fact changed where the text moved.",
         source="ledger", stage="story", links_places=True,
         fact="value"),
    Rule("FC302", "story-figure-updated", Severity.WARNING, "number",
         "A growing count is larger in a later version",
         "A toll or count (killed, injured, missing, arrested, displaced) grew from an earlier version to a "
         "later one, said in another sentence: an update. Check that every place gives the new figure.",
         source="ledger", stage="story", links_places=True,
         fact="value"),
    Rule("FC303", "figure-inconsistent-in-version", Severity.WARNING, "number",
         "One version gives one count two values",
         "The same counted thing has two values in two sentences of one version (15 in the lede, 12 in "
         "the body), with no words saying how it changed.",
         source="ledger", stage="story",
         fact="value", within=True),
    Rule("FC304", "name-inconsistent-in-version", Severity.WARNING, "name",
         "One version spells a name two ways",
         "A name appears one letter apart in two places of one version: corrected in one place, left "
         "wrong in the other.",
         source="ledger", stage="story",
         fact="spelling", within=True),
    Rule("FC305", "role-changed", Severity.WARNING, "name",
         "A person holds a different title in another version",
         "The same person is given a different role or title ('Finance Minister' / 'Health Minister').",
         source="ledger", stage="story", links_places=True,
         fact="role"),
    Rule("FC306", "quote-speaker-changed-elsewhere", Severity.ERROR, "quote",
         "A quotation is given to a different speaker in another part of another version",
         "The same words in quotation marks are attributed to different named people in two versions, "
         "in sentences that are not aligned.",
         source="ledger", stage="story", links_places=True,
         fact="speaker"),
    Rule("FC307", "correction-not-applied", Severity.WARNING, "coverage",
         "A correction notice names a fix the text does not carry",
         "The version says it corrected something ('15, not 12'; 'misspelled Smyth'), but the wrong form "
         "is still in its text, or its statements are the same as before.",
         source="ledger", stage="story",
         fact="notice"),
    Rule("FC401", "suppression-added", Severity.WARNING, "review",
         "The change under review adds a suppression comment",
         "A <!-- factcheck ... --> comment that a later version has and an earlier one lacks at the same "
         "place (in diff-branch: the draft has and the base revision lacks) hides findings from the "
         "review. The finding names the rules it hides and how many findings it hid; it is never hidden "
         "itself, and --new-suppressions refuse (or new-suppressions = \"refuse\") makes it an error.",
         source="review", stage="statement"),
    Rule("FC402", "accepted-in-change", Severity.INFO, "review",
         "A finding accepted by a baseline entry that the change under review adds",
         "diff-branch reads the baseline from the base revision; a finding that only the draft's baseline "
         "accepts (written by factcheck accept in this change) is shown here with the finding folded in, "
         "as info, so a reviewer sees what was accepted. --new-suppressions refuse makes it an error.",
         source="review", stage="statement"),
]

RULES: dict[str, Rule] = {r.id: r for r in _RULES}


def rules_where(**role: object) -> frozenset[str]:
    """The ids of the rules whose fields have these values (``rules_where(verdict=True)``)."""
    return frozenset(r.id for r in _RULES if all(getattr(r, k) == v for k, v in role.items()))
RULE_NAMES: dict[str, Rule] = {r.name: r for r in _RULES}


def match_rules(selector: str, where: str) -> list[str]:
    """Rule ids that ``selector`` names: ``ALL``, an id (``FC201``,
         source="ledger", stage="story"), a prefix (``FC2``) or a name.

    Raises ConfigError, listing the valid choices, when it names none.
    """
    from factcheck.errors import ConfigError

    key = selector.strip()
    if key.upper() == "ALL":
        return list(RULES)
    if key.lower() in RULE_NAMES:
        return [RULE_NAMES[key.lower()].id]
    ids = [rid for rid in RULES if key.upper().startswith("FC") and rid.startswith(key.upper())]
    if not ids:
        raise ConfigError(f"{where}: unknown rule {selector!r}",
                          f"valid: ALL, a prefix such as FC2, or one of {', '.join(sorted(RULES))}", "FCE210")
    return ids


def select_rules(select: Iterable[str], ignore: Iterable[str], where: str = "rules") -> frozenset[str]:
    """The enabled rule ids: everything ``select`` names, minus everything ``ignore`` names."""
    chosen: set[str] = set()
    for sel in select:
        chosen.update(match_rules(sel, f"{where} select"))
    for ign in ignore:
        chosen.difference_update(match_rules(ign, f"{where} ignore"))
    return frozenset(chosen)
