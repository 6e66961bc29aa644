"""The edit judge: edit extraction, WordNet relations, the model file, verdicts and reasons."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest

from factcheck.errors import ModelError
from factcheck.judge import Request, Story, judge, judge_many
from factcheck.judge.edit import extract_edits, local_clauses
from factcheck.judge.model import FORMAT, parse_model, shipped_model
from factcheck.judge.support import retrieve, support_premise, word_support
from factcheck.text.lexicon import relation
from factcheck.text.tokens import tokenize


def kinds(old: str, new: str) -> list[tuple[str, str]]:
    return [(c.op, c.kind) for c in extract_edits(old, new).changes]


def test_contractions_and_number_formats_are_no_change() -> None:
    assert [t.key for t in tokenize("He didn't go, won't stay")][:4] == ["he", "did", "not", "go"]
    assert kinds("He didn't go.", "He did not go.") == []
    assert kinds("They paid 1,000 dollars.", "They paid 1000 dollars.") == []


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("Shares rose 5% on Monday.", "Shares fell 5% on Monday.", [("replace", "swap")]),
    ("New Zealand will take 150 refugees.", "New Zealand will take 999 refugees.", [("replace", "number")]),
    ("New Zealand will take 150 refugees.", "New Zealand will take one hundred and fifty refugees.",
     [("replace", "inflection")]),
    ("New Zealand will take 150 refugees.", "New Zealand may take 150 refugees.", [("replace", "hedge")]),
    ("Kerry met John Key in Wellington.", "Kerry met Bill English in Wellington.", [("replace", "entity")]),
    ("He pleaded guilty.", "He pleaded not guilty.", [("insert", "negation")]),
    ("On Monday, the minister signed the deal.", "The minister signed the deal on Monday.", [("move", "reorder")]),
    ("The deal was signed.", "A deal was signed.", [("replace", "function")]),
    ("Hello, world.", "Hello world.", [("delete", "punctuation")]),
    ("The dog barked loudly.", "The dog barked.", [("delete", "content")]),
    ("The deal was signed.", "The deal was signed, and the firm will close three plants.", [("insert", "content")]),
])
def test_each_change_is_typed(old: str, new: str, expected: list[tuple[str, str]]) -> None:
    assert kinds(old, new) == expected


def test_replacements_carry_spans_and_word_relations() -> None:
    e = extract_edits("Shares rose on Monday.", "Shares fell on Monday.")
    (c,) = e.changes
    assert (c.old, c.new) == ("rose", "fell")
    assert e.old[c.old_span[0]:c.old_span[1]] == "rose"  # type: ignore[index]
    assert [(p.old, p.new, p.relation.kind) for p in c.pairs] == [("rose", "fell", "antonym")]


def test_local_clause_is_the_clause_around_the_edit() -> None:
    e = extract_edits("Police said on Monday that the man, 45, pleaded guilty. Nobody else spoke.",
                      "Police said on Monday that the man, 45, pleaded not guilty. Nobody else spoke.")
    assert local_clauses(e) == ("Police said on Monday that the man, 45, pleaded guilty.",
                                "Police said on Monday that the man, 45, pleaded not guilty.")
    e = extract_edits("After a long debate in the chamber, the bill on water rights passed easily on Monday, "
                      "officials from three ministries told reporters in the capital.",
                      "After a long debate in the chamber, the bill on water rights failed easily on Monday, "
                      "officials from three ministries told reporters in the capital.")
    assert local_clauses(e) == ("the bill on water rights passed easily on Monday,",
                                "the bill on water rights failed easily on Monday,")


@pytest.mark.parametrize(("old", "new", "kind"), [
    ("rose", "fell", "antonym"),
    ("increased", "fell", "indirect-antonym"),  # "fall" is "decrease" in one sense, the antonym of "increase"
    ("dog", "animal", "hypernym"),
    ("animal", "dog", "hyponym"),
    ("cat", "dog", "co-hyponym"),
    ("buy", "purchase", "synonym"),
    ("mice", "mouse", "same"),
    ("Wellington", "New Zealand", "holonym"),
    ("killed", "died", "similar"),  # "kill" causes "die"
    ("xqzt", "dog", "unknown"),
])
def test_wordnet_relations(old: str, new: str, kind: str) -> None:
    assert relation(old, new).kind == kind


@pytest.mark.parametrize(("old", "new", "kind"), [
    ("motivate", "demotivate", "antonym"),  # a negating prefix on the other word
    ("optimal", "suboptimal", "antonym"),
    ("clifftop", "cliff", "hypernym"),      # a compound of common words: the word it contains is more general
    ("cliff", "clifftop", "hyponym"),
    ("DataVault", "Data", "compound"),      # a capitalised compound is a name, not a kind of thing
])
def test_words_wordnet_lacks(old: str, new: str, kind: str) -> None:
    e = extract_edits(f"They saw the {old} there.", f"They saw the {new} there.")
    assert [p.relation.kind for c in e.changes for p in c.pairs] == [kind]


def test_nothing_is_loaded_at_import_and_no_torch() -> None:
    code = ("import sys, factcheck.judge, factcheck.text.lexicon as lx, factcheck.judge.model as m; "
            "assert lx.lexicon.cache_info().currsize == 0 and m.shipped_model.cache_info().currsize == 0; "
            "v = factcheck.judge.judge('Shares rose.', 'Shares fell.'); "
            "assert 'torch' not in sys.modules and 'sklearn' not in sys.modules, sorted(sys.modules); print(v.kind)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "contradicts"


def test_shipped_model_is_plain_numbers_with_ordered_thresholds() -> None:
    model = shipped_model()
    assert {"pair", "story", "added"} <= set(model.variants)
    for v in model.variants.values():
        assert len(v.features) == len(v.coef) == len(v.mean) == len(v.scale)
        assert 0.0 < v.thresholds["warning"] <= v.thresholds["error"] <= 1.0
        assert 0.0 <= v.probability({}) <= 1.0


def _tiny_model(features: list[str], coef: list[float]) -> dict[str, object]:
    variant = {"features": features, "mean": [0.0] * len(features), "scale": [1.0] * len(features),
               "coef": coef, "intercept": -1.0, "platt": [1.0, 0.0], "thresholds": {"error": 0.9, "warning": 0.6}}
    return {"format": FORMAT, "variants": {"pair": variant, "story": variant, "added": variant}}


def test_model_file_errors_are_model_errors() -> None:
    with pytest.raises(ModelError, match="not a factcheck-edit-judge"):
        parse_model({"format": "pickle"})
    bad = _tiny_model(["negation"], [1.0])
    bad["variants"]["pair"]["coef"] = [1.0, 2.0]  # type: ignore[index]
    with pytest.raises(ModelError, match="malformed"):
        parse_model(bad)


def test_probability_follows_the_coefficients() -> None:
    model = parse_model(_tiny_model(["negation", "unchanged"], [3.0, -3.0]))
    v = model.variant("pair")
    assert v.probability({"negation": 1.0}) > v.probability({}) > v.probability({"unchanged": 1.0})
    assert v.severity(v.probability({"negation": 2.0})) == "error"
    assert v.severity(v.probability({})) == "info"


def test_a_feature_outside_its_training_range_is_read_at_its_edge() -> None:
    raw = _tiny_model(["log_len", "negation"], [1.0, 3.0])
    raw["variants"]["pair"] = {**raw["variants"]["pair"], "low": [1.5, 0.0], "high": [4.0, 1.0]}  # type: ignore[index, dict-item]
    v = parse_model(raw).variant("pair")
    assert v.probability({"log_len": 0.5}) == v.probability({"log_len": 1.5})  # shorter than any training text
    assert v.probability({"log_len": 9.0}) == v.probability({"log_len": 4.0})
    assert v.contributions({"negation": 5.0})["negation"] == 3.0
    bad = _tiny_model(["log_len"], [1.0])
    bad["variants"]["pair"]["low"] = [1.0, 2.0]  # type: ignore[index]
    with pytest.raises(ModelError, match="malformed"):
        parse_model(bad)


@pytest.mark.parametrize(("old", "new", "kind", "reason"), [
    ("Shares rose 5% on Monday.", "Shares fell 5% on Monday.", "contradicts", "'rose' -> 'fell' (opposites)"),
    ("The attack left 12 killed.", "The attack left 15 killed.", "contradicts", "'12' -> '15' killed"),
    ("He pleaded guilty to manslaughter.", "He pleaded not guilty to manslaughter.", "contradicts",
     "a negation is added"),
    ("Kerry met John Key in Wellington.", "Kerry met Bill English in Wellington.", "contradicts",
     "'John Key' -> 'Bill English' (another name)"),
    ("The dog barked at the postman.", "The animal barked at the postman.", "rewording",
     "'dog' -> 'animal' is more general: nothing new is claimed"),
    ("On Monday, the minister signed the deal.", "The minister signed the deal on Monday.", "rewording",
     "'on Monday' moved"),
    ("The minister signed the deal.", "The minister signed the deal.", "rewording", "the two texts are the same"),
])
def test_verdicts_and_their_reasons(old: str, new: str, kind: str, reason: str) -> None:
    v = judge(old, new)
    assert v.kind == kind, v
    assert any(reason in r for r in v.reasons), v.reasons
    if kind == "contradicts":
        assert v.severity in ("warning", "error") and v.probability >= shipped_model().variant("pair").thresholds[
            "warning"]
    else:
        assert v.severity == "info"


STORY = Story(("Kerry arrived in Wellington on Monday.", "He met Prime Minister John Key.",
               "New Zealand will take 150 refugees a year."), labels=("a.txt line 1", "a.txt line 2", "a.txt line 3"))


def test_an_added_sentence_the_story_does_not_support() -> None:
    v = judge("", "The company will close three plants in Ohio.", STORY)
    assert v.kind == "unsupported-addition" and v.variant == "added"
    assert "which no version said before" in v.reasons[0] and "'The company will close" in v.reasons[0]


def test_a_story_whose_every_sentence_is_left_out_is_no_story() -> None:
    alone = STORY.excluding(STORY.sentences)
    assert alone.size == 0 and STORY.excluding(STORY.sentences[:1]).size == 2
    old, new = "Kerry arrived in Wellington on Monday.", "Kerry arrived in Auckland on Monday."
    assert judge(old, new, alone).variant == "pair" == judge(old, new).variant
    assert judge(old, new, alone).probability == judge(old, new).probability


def test_a_story_smaller_than_any_the_model_learned_from_is_read_as_a_pair() -> None:
    from factcheck.judge.model import shipped_model

    model = shipped_model()
    least = int(model.meta["min_story_sentences"])
    old, new = "Kerry arrived in Wellington on Monday.", "Kerry arrived in Auckland on Monday."
    small = Story(tuple(f"Sentence number {i} of the story." for i in range(least - 1)))
    enough = Story(tuple(f"Sentence number {i} of the story." for i in range(least)))
    assert judge(old, new, small).variant == "pair"
    assert judge(old, new, enough).variant == "story"


def test_a_removed_sentence_is_an_omission_unless_restated() -> None:
    dropped = judge("The company will close three plants in Ohio.", "", STORY)
    assert (dropped.kind, dropped.severity, dropped.variant) == ("dropped-fact", "info", "removed")
    restated = judge("Kerry met John Key in Wellington.", "", STORY)
    assert restated.kind == "rewording"


def test_word_support_reads_the_story() -> None:
    e = extract_edits("Kerry met him.", "Kerry met Key in Wellington on Friday with 150 aides.")
    ws = word_support(e, STORY)
    assert "wellington" in ws.added_found and "aides" in ws.added_missing
    assert ws.numbers_missing == ("Friday",)  # 150 is in the story, Friday is not


def test_retrieval_by_embedding_and_one_premise() -> None:
    emb = np.eye(3, dtype=np.float32)
    story = Story(STORY.sentences, emb)
    assert retrieve(np.array([0.1, 0.9, 0.2]), story, k=2) == [1, 2]
    assert retrieve(np.array([0.1, 0.9, 0.2]), story, k=2, exclude=(STORY.sentences[1],)) == [2, 0]
    assert support_premise([2, 0], story) == f"{STORY.sentences[0]} {STORY.sentences[2]}"
    assert retrieve(np.zeros(3), story) == [] and retrieve(np.ones(4), story) == []


class CountingNLI:
    def __init__(self) -> None:
        self.calls: list[list[tuple[str, str]]] = []

    def predict(self, pairs):  # type: ignore[no-untyped-def]
        from factcheck.models.nli import NLIScores

        self.calls.append(list(pairs))
        return [NLIScores(0.1, 0.1, 0.8) for _ in pairs]


def test_nli_is_batched_and_read_only_when_the_model_uses_it(tmp_path) -> None:  # type: ignore[no-untyped-def]
    nli = CountingNLI()
    judge_many([Request("Shares rose.", "Shares fell.")], nli)
    assert nli.calls == []  # the shipped pair variant reads no NLI feature
    model = parse_model(_tiny_model(["nli_fwd_contradiction", "ctx_nli_contradiction"], [2.0, 2.0]))
    story = Story(STORY.sentences, np.eye(3, dtype=np.float32))
    requests = [Request("Shares rose on Monday. Traders were calm.", "Shares fell on Monday. Traders were calm."),
                Request("", "Kerry met John Key.", story, np.array([0.0, 1.0, 0.0]))]
    verdicts = judge_many(requests, nli, model)
    assert len(nli.calls) == 1
    sent = nli.calls[0]
    # the pair both ways and its local clause both ways; one support pair for the added sentence
    assert sent[:2] == [(requests[0].old, requests[0].new), (requests[0].new, requests[0].old)]
    assert len(sent) == 5 and sent[4][1] == "Kerry met John Key."
    assert verdicts[0].features["nli_fwd_contradiction"] == pytest.approx(0.8)
    assert verdicts[1].support and verdicts[1].support[0].contradiction == pytest.approx(0.8)


def test_empty_and_identical_texts_are_rewording() -> None:
    for old, new in (("", ""), ("Same words.", "Same words."), ("Hello, world.", "Hello world")):
        v = judge(old, new)
        assert (v.kind, v.severity) == ("rewording", "info"), (old, new, v)


def test_rewrites_beyond_the_training_edits_rest_on_the_targeted_checks() -> None:
    old = ("The offer has never been taken up by the Australian Government, partly because of concerns it "
           "could create a back-door route into the country for people smugglers and their customers.")
    new = ("Although the offer has been in place since 2013, the Australian Government has never taken it up, "
           "saying that it did not want to encourage boat people to make the journey.")
    v = judge(old, new)
    assert not v.in_domain and v.kind == "rewording" and "beyond the small edits" in v.reasons[0]
    numbers = judge(old + " It took 150 people.", new + " It took 999 people.")
    assert numbers.kind == "contradicts" and any("'150' -> '999' people" in r for r in numbers.reasons)


def test_verdict_as_dict_is_json() -> None:
    v = judge("Shares rose.", "Shares fell.")
    data = json.loads(json.dumps(v.as_dict()))
    assert data["kind"] == "contradicts" and data["changes"][0]["relations"] == [["rose", "fell", "antonym"]]


WORDS = ["the", "minister", "said", "not", "150", "one-off", "Kerry", "rose", "fell", "U.S.", "$5bn", "didn't",
         "refugees", ",", ".", '"', "may", "Wellington", "New", "Zealand", "35%", "Monday", "[UNHCR]", "—", "é"]


@pytest.mark.parametrize("seed", range(40))
def test_any_pair_of_texts_gets_a_well_formed_verdict(seed: int) -> None:
    import random

    rng = random.Random(seed)
    old = " ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 25)))
    new = " ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 25)))
    story = Story(tuple(" ".join(rng.choice(WORDS) for _ in range(8)) for _ in range(3)),
                  np.asarray(np.random.default_rng(seed).normal(size=(3, 4)), dtype=np.float32))
    for s in (None, story):
        v = judge(old, new, s, new_embedding=np.ones(4, dtype=np.float32))
        assert v.kind in ("contradicts", "unsupported-addition", "dropped-fact", "rewording")
        assert 0.0 <= v.probability <= 1.0 and v.severity in ("error", "warning", "info") and v.reasons
        assert all(isinstance(r, str) and r for r in v.reasons)
        json.dumps(v.as_dict())


def test_reasons_read_as_english() -> None:
    from factcheck.judge.edit import extract_edits
    from factcheck.judge.reasons import change_reason, nowhere_else

    assert nowhere_else(["probably"]) == "'probably' appears nowhere else in the story"
    assert nowhere_else(["a", "b", "c"]) == "'a', 'b' and 'c' appear nowhere else in the story"
    # a title dropped before a name that stays is not a name dropped, nor a name cut in two
    e = extract_edits("US Secretary of State John Kerry said on Sunday that talks would go on.",
                      "Kerry said on Sunday that talks would go on.")
    assert [change_reason(c, e) for c in e.changes] == [
        "'US Secretary of State John' is dropped from the name 'US Secretary of State John Kerry'"]


GLOSSED = ('"We in the Pacific have agreed to consider referrals from UNICEF [the United Nations Development '
           'Programme] on families now living in Fiji and in Samoa," she said at the official residence of the '
           'premier, Government House.')
UNGLOSSED = GLOSSED.replace(" [the United Nations Development Programme]", "").replace("she said",
                                                                                         "she told reporters")


def test_a_gloss_taken_out_is_a_removal_not_an_added_claim() -> None:
    # the one word the new text adds ("reporters") is said elsewhere in the story: what the judge weighs as
    # a fact change is the wrong gloss taken out, and its verdict says that, not "a claim the story does not
    # support"
    story = Story(('"The clinics will stay open through the winter," she told reporters at the briefing.',
                   "The minister arrived in Suva on Monday.", "Talks on the new hospital resume next month."))
    v = judge(GLOSSED, UNGLOSSED, story)
    assert v.kind == "dropped-fact" and v.reasons[0] == "drops '[the United Nations Development Programme]'"
    # an added word that the story does not give is still an added claim
    alone = Story(("The minister arrived in Suva on Monday.", "Talks on the new hospital resume next month.",
                   "The clinics will stay open through the winter."))
    assert judge(GLOSSED, UNGLOSSED, alone).kind == "unsupported-addition"
