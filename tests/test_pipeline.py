"""The pipeline with a hashing embedder and a fixed NLI model: plumbing, stats, merging."""

import json

import pytest

from factcheck import check_versions
from factcheck.report import SCHEMA
from tests.conftest import KERRY

A = "The minister said 150 refugees would come. The talks were long. Rain fell in Wellington."
B = "Rain fell in Wellington. The minister said 150 refugees would come. The talks were very long indeed."


def test_report_shape_and_stats(fake_models) -> None:  # type: ignore[no-untyped-def]
    report = check_versions({"a": A, "b": B}, models=fake_models)
    d = report.to_dict()
    assert d["schema"] == SCHEMA
    assert list(d) == ["schema", "versions", "groups", "findings", "summary", "notices", "order", "settings", "notes",
                       "stats", "models"]
    assert d["stats"]["sentences"] == 6 and d["stats"]["slots"] == 3
    assert set(d["stats"]["seconds"]) >= {"read", "segment", "embed", "align", "nli", "checks"}
    json.dumps(d)  # serialisable


def test_moved_sentences_align_and_identical_slots_get_no_nli(fake_models) -> None:  # type: ignore[no-untyped-def]
    report = check_versions({"a": A, "b": B}, models=fake_models, judge=False)
    statuses = sorted(report.group_status(g) for g in report.groups)
    assert statuses == ["changed", "identical", "identical"]
    # one changed slot: two directions
    assert report.stats["nli_pairs"] == 2 and len(fake_models.nli.calls) == 2


def test_contradiction_needs_both_directions(fake_models) -> None:  # type: ignore[no-untyped-def]
    """The NLI model's verdict on a slot (without the edit judge, or on a rewrite the judge leaves)."""
    from tests.conftest import FixedNLI

    a = "The minister said 150 refugees would come. The talks in the city hall went on for many hours."
    b = "The minister said 150 refugees would come. The talks in the city hall were abandoned within minutes."
    fake_models.nli = FixedNLI(lambda a, b: (0.02, 0.02, 0.96))
    report = check_versions({"a": a, "b": b}, models=fake_models, judge=False)
    assert [f.rule for f in report.findings if f.rule.startswith("FC10")] == ["FC101"]
    assert '"went on for many hours" -> "were abandoned within minutes"' in report.findings[0].message
    # a model's contradiction on a rewritten statement is likely, not sure: a warning (verdict.severity)
    assert report.findings[0].sev.value == "warning" and report.exit_code("warning") == 1 and report.exit_code() == 0

    fake_models.nli = FixedNLI(lambda a, b: (0.02, 0.02, 0.96) if "abandoned" in b else (0.9, 0.05, 0.05))
    report = check_versions({"a": a, "b": b}, models=fake_models, judge=False)
    assert "FC101" not in [f.rule for f in report.findings]


def test_a_side_that_only_adds_words_is_never_a_contradiction(fake_models) -> None:  # type: ignore[no-untyped-def]
    """"long" -> "very long indeed" takes nothing back, whatever the model says; reordering changes nothing."""
    from tests.conftest import FixedNLI

    fake_models.nli = FixedNLI(lambda a, b: (0.02, 0.02, 0.96))
    report = check_versions({"a": A, "b": B}, models=fake_models, judge=False)
    assert [(f.rule, f.sev.value) for f in report.findings] == [("FC103", "info")]
    assert "b says more than a here (adds \"very\"; adds \"indeed\")" in report.findings[0].message
    moved = "The talks were long. The minister said 150 refugees would come. Rain fell in Wellington."
    report = check_versions({"a": A, "b": moved.replace("were long", "were, long")}, models=fake_models, judge=False)
    assert report.findings == []


def test_same_text_twice_gives_no_findings(fake_models) -> None:  # type: ignore[no-untyped-def]
    report = check_versions({"a": A, "b": A}, models=fake_models)
    assert report.findings == [] and report.exit_code("info") == 0


def test_missing_statement_is_graded_by_what_it_carries(fake_models) -> None:  # type: ignore[no-untyped-def]
    report = check_versions({"a": A, "b": A + " The finance minister, Ruth Moana, announced a budget."},
                            models=fake_models)
    missing = [f for f in report.findings if f.rule == "FC111"]
    assert "Ruth Moana" in missing[0].message
    assert len(missing) == 1 and missing[0].scores["absent"] == ["a"] and missing[0].sev.value == "warning"
    report = check_versions({"a": A, "b": A + "\n\nPhoto: Jane Doe/Reuters"}, models=fake_models)
    assert [(f.rule, f.sev.value) for f in report.findings] == [("FC110", "info")]
    assert "it is a credit" in report.findings[0].message


def test_progress_callback_sees_each_stage(fake_models) -> None:  # type: ignore[no-untyped-def]
    seen = set()
    check_versions({"a": A, "b": B}, models=fake_models, progress=lambda stage, done, total: seen.add(stage))
    assert {"embedding", "NLI"} <= seen


def test_at_most_two_nli_pairs_per_slot_and_none_for_identical(fake_models) -> None:  # type: ignore[no-untyped-def]
    report = check_versions([str(KERRY)], models=fake_models)
    assert 0 < report.stats["nli_pairs"] <= 2 * report.stats["slots"]
    same = "The council met on Monday.\n\nIt approved the budget after a long debate."
    fake_models.nli.calls.clear()
    quiet = check_versions({"a": same, "b": same, "c": same}, models=fake_models)
    assert quiet.stats["nli_pairs"] == 0 and fake_models.nli.calls == []


@pytest.mark.model
def test_fifty_versions_of_the_seeds(tmp_path, real_report) -> None:  # type: ignore[no-untyped-def]
    seeds = sorted(KERRY.iterdir())
    for n in range(50):
        (tmp_path / f"v{n:02d}.txt").write_bytes(seeds[n % 3].read_bytes())
    report = check_versions([str(tmp_path)])
    assert len(report.versions) == 50 and report.stats["nli_pairs"] <= 2 * report.stats["slots"]
    by_rule = report.to_dict()["summary"]["by_rule"]
    three = real_report.to_dict()["summary"]["by_rule"]
    for rule in ("FC201", "FC241", "FC250"):  # one finding per change, however many versions repeat it
        assert by_rule.get(rule) == three.get(rule), (rule, by_rule, three)
    gloss = next(f for f in report.findings if f.rule == "FC201")
    assert "16 other versions with the same sentence" in gloss.message and len(gloss.message) < 600


def test_one_change_is_one_finding(fake_models) -> None:  # type: ignore[no-untyped-def]
    """A number changed inside a quotation is a number change (FC220) and a quotation change
    (FC240): one finding leads, the other is folded into it."""
    a = 'The council met.\n\n"We will take 150 refugees this year," the mayor said.'
    b = 'The council met.\n\n"We will take 999 refugees this year," the mayor said.'
    report = check_versions({"a": a, "b": b}, models=fake_models)
    leads = [f for f in report.findings if f.rule in ("FC220", "FC240")]
    assert [f.rule for f in leads] == ["FC220"]
    assert "FC240" in {r["rule"] for r in leads[0].related}
    assert report.changes == {1: "fact"} and report.change_counts() == {"fact": 1, "style": 0}


def test_style_only_change(fake_models) -> None:  # type: ignore[no-untyped-def]
    report = check_versions({"a": "The council met.\n\nIt voted on the budget.",
                             "b": "The council met.\n\nIt voted on the budget!"}, models=fake_models)
    assert report.change_counts() == {"fact": 0, "style": 1}
    assert report.to_dict()["groups"][1]["change"] == "style" and report.to_dict()["groups"][0]["change"] is None


def test_no_sentence_is_embedded_twice(fake_models) -> None:  # type: ignore[no-untyped-def]
    """The alignment's check of split sentences reuses the sentences' vectors: only the joined texts are new."""
    from collections import Counter

    from factcheck.models.loaded import Models

    asked: list[list[str]] = []

    class Counting:
        def encode(self, texts):  # type: ignore[no-untyped-def]
            asked.append(list(texts))
            return fake_models.embedder.encode(texts)

    versions = {"a.txt": "The council met on Monday. The offer was never taken up because of back-door concerns. "
                         "Climate change was discussed at length.",
                "b.txt": "The council met on Monday. The offer was never taken up. It was because of back-door "
                         "concerns. Climate change was discussed at length."}
    report = check_versions(versions, models=Models(Counting(), fake_models.nli, fake_models.described))
    sentences = [s.norm for sents in report.sentences for s in sents]
    counts = Counter(t for call in asked for t in call)
    assert len(asked) == 2, "the split check asks for the joined texts in one call"
    assert all(counts[s] == sentences.count(s) for s in set(sentences)), counts
    assert "The offer was never taken up. It was because of back-door concerns." in asked[1]
