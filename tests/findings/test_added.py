"""What the change under review adds to hide findings (issue 29, item 2): a suppression comment that a later
version has and an earlier one lacks is a finding of its own (FC401), never hidden, and an error when new
suppressions are refused."""

from __future__ import annotations

import pytest

from factcheck import check_versions
from factcheck.findings.policy import Policy

A = "The minister said 150 refugees would come.\n\nThe talks were long.\n\nThe deal cost 5 dollars."
B = "The minister said 999 refugees would come.\n\nThe talks were long.\n\nThe deal cost 5 dollars."


def run(a: str, b: str, fake_models, **policy):  # type: ignore[no-untyped-def]
    return check_versions({"a.md": a, "b.md": b}, models=fake_models, policy=Policy(**policy))


def rules(report) -> list[str]:  # type: ignore[no-untyped-def]
    return [f.rule for f in report.findings]


def test_an_added_off_comment_is_reported_with_what_it_hides(fake_models) -> None:  # type: ignore[no-untyped-def]
    r = run(A, "<!-- factcheck off -->\n" + B, fake_models)
    assert rules(r) == ["FC401"], r.findings
    f = r.findings[0]
    assert f.sev.value == "warning" and f.subject == "b.md"
    e = f.evidence[0]
    assert e.version == "b.md" and e.line == 1 and e.text == "<!-- factcheck off -->"
    assert "every rule" in f.message and "1 finding" in f.message and "FC220" in f.message and "a.md" in f.message
    assert f.scores["hidden"] == 1 and f.scores["hidden_rules"] == {"FC220": 1}
    assert r.suppressed_counts()["inline"] == 1
    assert r.exit_code() == 0 and r.exit_code("warning") == 1


@pytest.mark.parametrize("comment", ["<!-- factcheck: ignore FC220 -->", "<!-- factcheck: ignore-file FC2 -->",
                                     "<!-- factcheck off number-changed -->"])
def test_every_kind_of_comment_is_reported_when_added(comment: str, fake_models) -> None:  # type: ignore[no-untyped-def]
    r = run(A, f"{comment}\n{B}", fake_models)
    assert rules(r) == ["FC401"] and r.findings[0].scores["hidden_rules"] == {"FC220": 1}


def test_a_comment_both_versions_have_at_the_same_place_is_not_reported(fake_models) -> None:  # type: ignore[no-untyped-def]
    comment = "<!-- factcheck: ignore FC220 -->"
    r = run(A.replace("would come.", f"would come. {comment}"), B.replace("would come.", f"would come. {comment}"),
            fake_models)
    assert rules(r) == [] and r.suppressed_counts()["inline"] == 1


def test_a_comment_moved_to_the_changed_sentence_is_added(fake_models) -> None:  # type: ignore[no-untyped-def]
    comment = "<!-- factcheck: ignore FC220 -->"
    r = run(A.replace("were long.", f"were long. {comment}"), B.replace("would come.", f"would come. {comment}"),
            fake_models)
    assert rules(r) == ["FC401"]


def test_a_block_widened_by_dropping_its_end_is_added(fake_models) -> None:  # type: ignore[no-untyped-def]
    older = A.replace("The talks", "<!-- factcheck off -->\nThe talks").replace("The deal", "<!-- factcheck on -->\n"
                                                                                "The deal")
    newer = B.replace("The talks", "<!-- factcheck off -->\nThe talks").replace("5 dollars", "50 dollars")
    newer = newer.replace("The minister said 999", "The minister said 150")   # only the deal changes
    r = run(older, newer, fake_models)
    assert rules(r) == ["FC401"] and "FC220" in r.findings[0].message


def test_a_comment_cannot_hide_the_finding_about_itself(fake_models) -> None:  # type: ignore[no-untyped-def]
    r = run(A, "<!-- factcheck: ignore-file FC401 -->\n<!-- factcheck off -->\n" + B, fake_models)
    assert rules(r) == ["FC401", "FC401"]


def test_a_comment_a_later_version_adds_in_a_check_of_three(fake_models) -> None:  # type: ignore[no-untyped-def]
    r = check_versions({"1.md": A, "2.md": A.replace("long.", "long. <!-- factcheck: ignore FC220 -->"),
                        "3.md": B.replace("long.", "long. <!-- factcheck: ignore FC220 -->")}, models=fake_models)
    # the comment is on a sentence nothing changed in: it hides nothing, and is still reported, once
    assert rules(r).count("FC401") == 1
    f = next(f for f in r.findings if f.rule == "FC401")
    assert f.subject == "2.md" and {e.version for e in f.evidence} == {"2.md", "3.md"}
    assert f.scores["hidden"] == 0


def test_refused_new_suppressions_are_errors(fake_models) -> None:  # type: ignore[no-untyped-def]
    r = run(A, "<!-- factcheck off -->\n" + B, fake_models, new_suppressions="refuse")
    assert rules(r) == ["FC401"] and r.findings[0].sev.value == "error" and r.exit_code() == 1
    assert "refused" in r.findings[0].message
    # refused even where the selection leaves FC401 out or ignores it
    r = run(A, "<!-- factcheck off -->\n" + B, fake_models, new_suppressions="refuse", ignore=("FC4",))
    assert rules(r) == ["FC401"] and r.exit_code() == 1


def test_ignoring_the_rule_leaves_the_comment_counted(fake_models) -> None:  # type: ignore[no-untyped-def]
    r = run(A, "<!-- factcheck off -->\n" + B, fake_models, ignore=("FC401",))
    assert rules(r) == [] and r.suppressed_counts()["inline"] == 1
