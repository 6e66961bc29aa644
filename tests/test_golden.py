"""Golden cases: each folder in tests/cases holds versions and expected.json (black-style).

expected.json keys:
- ``expect``: each entry must match at least one finding;
- ``forbid``: no finding may match any entry;
- ``exit_code``: the exit code at the default fail level;
- ``exit_codes``: exit codes at other fail levels (``{"warning": 0}``);
- ``error``: the code of the InputError the comparison must stop with (``"FCE125"``), and
  ``error_contains``: strings its message must hold;
- ``no_findings``: true when the report must be empty;
- ``only_errors``: the rules that may be errors (every error finding's rule must be one of them);
- ``changes``: how many slots are labelled fact and style changes (``{"fact": n, "style": m}``);
- ``source``: a folder of versions relative to the repository (instead of the case folder);
- ``accept``: ``{"rules": [...], "in": "change" | "base"}``: the comparison is made once, the findings of
  these rules are recorded in a baseline, and the case is checked on a second comparison where that
  baseline is the change's own (what ``diff-branch`` reads from the working tree: FC402) or the base's.
An entry matches a finding when every key it gives agrees: ``rule``, ``severity``, ``versions``
(all named versions appear in the evidence), ``versions_exact`` (the evidence versions are exactly
these), ``message_contains`` (every string is in the message), ``text_contains`` (a string in an
evidence sentence), ``related`` (rules that must be folded into the finding as the same change),
``related_at`` (``[rule, version, line]`` places a folded finding must still carry as evidence).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from factcheck.findings.finding import Finding
from tests.conftest import REPO

CASES = sorted(p for p in (Path(__file__).parent / "cases").iterdir() if (p / "expected.json").is_file())


def matches(f: Finding, want: dict[str, Any]) -> bool:
    versions = {e.version for e in f.evidence}
    return all([
        want.get("rule", f.rule) == f.rule,
        want.get("severity", f.sev.value) == f.sev.value,
        set(want.get("versions", [])) <= versions,
        set(want.get("versions_exact", versions)) == versions,
        all(s in f.message for s in want.get("message_contains", [])),
        "text_contains" not in want or any(want["text_contains"] in e.text for e in f.evidence),
        set(want.get("related", [])) <= {r["rule"] for r in f.related},
        all(any(r["rule"] == rule and any((e["version"], e["line"]) == (version, line) for e in r["evidence"])
                for r in f.related) for rule, version, line in want.get("related_at", [])),
    ])


@pytest.mark.model
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_golden_case(case: Path) -> None:
    from factcheck import check_versions

    expected = json.loads((case / "expected.json").read_text())
    folder = REPO / expected["source"] if "source" in expected else case
    if "error" in expected:
        from factcheck.errors import InputError

        with pytest.raises(InputError) as caught:
            check_versions([str(folder)])
        assert caught.value.code == expected["error"], caught.value.one_line()
        assert all(s in caught.value.one_line() for s in expected.get("error_contains", [])), caught.value.one_line()
        return
    report = check_versions([str(folder)], policy=_accepted(folder, expected.get("accept")))
    listing = "\n".join(f"  {f.rule} {f.sev.value} {f.message}" for f in report.findings)
    for want in expected.get("expect", []):
        assert any(matches(f, want) for f in report.findings), f"missing {want}\nfindings:\n{listing}"
    for bad in expected.get("forbid", []):
        hits = [f for f in report.findings if matches(f, bad)]
        assert not hits, f"forbidden {bad} matched {[h.message for h in hits]}"
    if expected.get("no_findings"):
        assert not report.findings, listing
    if "only_errors" in expected:
        errors = [f.rule for f in report.findings if f.sev.value == "error"]
        assert set(errors) <= set(expected["only_errors"]), f"errors {errors}\nfindings:\n{listing}"
    if "changes" in expected:
        assert report.change_counts() == expected["changes"], f"{report.changes}\n{listing}"
    if "exit_code" in expected:
        assert report.exit_code() == expected["exit_code"], listing
    for level, code in expected.get("exit_codes", {}).items():
        assert report.exit_code(level) == code, f"at --fail-on {level}:\n{listing}"


def _accepted(folder: Path, accept: dict[str, Any] | None) -> Any:
    """The policy of a case that accepts findings (``accept``), from a first comparison of its versions."""
    if accept is None:
        return None
    from factcheck import check_versions
    from factcheck.findings.baseline import baseline_dict, parse_baseline
    from factcheck.findings.policy import Policy

    first = check_versions([str(folder)])
    known = parse_baseline(json.dumps(baseline_dict(f for f in first.findings if f.rule in accept["rules"])).encode(),
                           "accepted")
    assert known, f"no finding of {accept['rules']} to accept"
    return Policy(accepted=known, accepted_from="the case's baseline") if accept["in"] == "change" else \
        Policy(baseline=known, accepted=known)


def _case_rules(key: str) -> dict[str, list[str]]:
    """Rule -> the cases that list it under ``key`` (``expect``: as the finding's rule or among the rules
    folded into it; ``forbid``: as the rule that must not be reported)."""
    out: dict[str, list[str]] = {}
    for case in CASES:
        for entry in json.loads((case / "expected.json").read_text()).get(key, []):
            rules = [entry["rule"]] if "rule" in entry else []
            rules += entry.get("related", []) if key == "expect" else []
            for rule in rules:
                out.setdefault(rule, []).append(case.name)
    return out


def test_every_rule_has_a_golden_case_that_fires_and_one_that_stays_silent() -> None:
    from factcheck.findings.rules import RULES

    fires, silent = _case_rules("expect"), _case_rules("forbid")
    assert not [r for r in RULES if r not in fires], "rules no golden case expects"
    assert not [r for r in RULES if r not in silent], "rules no golden case forbids"
    assert set(fires) <= set(RULES) and set(silent) <= set(RULES), "a golden case names an unknown rule"
