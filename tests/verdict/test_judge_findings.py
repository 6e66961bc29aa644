"""The edit judge in the pipeline: which slots it decides, what it leaves to the NLI model, its cache."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck import check_versions
from factcheck.models.cache import ResultCache
from factcheck.slots.context import CheckContext
from factcheck.verdict.judge import judge_slots, severity
from tests.conftest import REPO
from tests.ledger.test_ledger import context

BASE = "The council met on Monday.\n\n{}\n\nThe mayor will speak on Friday."


def test_the_judge_warns_at_its_threshold_and_never_errs_alone() -> None:
    thresholds = {"warning": 0.55, "error": 0.6}
    assert severity(0.5, thresholds) == "info"
    assert severity(0.58, thresholds) == "warning"
    assert severity(0.99, thresholds) == "warning"   # an error needs a value a targeted check names


def test_an_omission_is_info_and_the_nli_model_is_not_asked(fake_models) -> None:  # type: ignore[no-untyped-def]
    a = BASE.format("The council approved the new harbour plan after a long debate on costs.")
    b = BASE.format("The council approved the new harbour plan after a debate.")
    report = check_versions({"a": a, "b": b}, models=fake_models)
    assert [(f.rule, f.sev.value) for f in report.findings] == [("FC122", "info")]
    assert 'drops "long"' in report.findings[0].message and report.stats["nli_pairs"] == 0


def test_a_local_edit_is_the_judges_and_a_rewrite_goes_to_the_nli_model(fake_models) -> None:  # type: ignore[no-untyped-def]
    a = BASE.format("The council approved the harbour plan on a vote of nine to three.")
    b = BASE.format("The council rejected the harbour plan on a vote of nine to three.")
    report = check_versions({"a": a, "b": b}, models=fake_models)
    assert report.stats["nli_pairs"] == 0  # decided by the judge
    assert any(f.rule in ("FC120", "FC232") or "FC120" in {r["rule"] for r in f.related} for f in report.findings)
    rewritten = ("The harbour plan, which councillors spent the whole evening arguing over while residents "
                 "waited outside in the rain for news of the dredging money, was finally put to a vote after "
                 "midnight and lost by a wide margin.")
    ctx = context("The council approved the harbour plan on a vote of nine to three.", rewritten)
    judged = judge_slots(ctx)
    assert judged.decided == frozenset() and judged.findings == []  # a rewrite: left to the NLI model


def test_without_the_judge_every_changed_slot_goes_to_the_nli_model(fake_models) -> None:  # type: ignore[no-untyped-def]
    a = BASE.format("The council approved the harbour plan on a vote of nine to three.")
    b = BASE.format("The council rejected the harbour plan on a vote of nine to three.")
    report = check_versions({"a": a, "b": b}, models=fake_models, judge=False)
    assert report.stats["nli_pairs"] == 2 and not any(f.rule.startswith("FC12") for f in report.findings)


def test_verdicts_are_kept_in_the_cache(tmp_path: Path, fake_models, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from factcheck.verdict import judge as judge_findings

    a = BASE.format("The council approved the harbour plan on a vote of nine to three.")
    b = BASE.format("The council rejected the harbour plan on a vote of nine to three.")
    report = check_versions({"a": a, "b": b}, models=fake_models)
    ctx = CheckContext(report.versions, report.sentences, report.groups)
    calls: list[int] = []
    real = judge_findings._verdicts

    def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(len(args[1]))
        return real(*args, **kwargs)

    monkeypatch.setattr(judge_findings, "_verdicts", counting)
    cache = ResultCache(tmp_path)
    first = judge_slots(ctx, cache, "embedder-x")
    again = judge_slots(ctx, cache, "embedder-x")
    other = judge_slots(ctx, cache, "embedder-y")
    assert calls == [1, 1]  # the second run read the cache; another embedder is another key
    assert [f.message for f in first.findings] == [f.message for f in again.findings] == \
        [f.message for f in other.findings]
    assert first.decided == again.decided


def test_an_edited_detector_the_judge_reads_is_a_new_judge(tmp_path: Path) -> None:
    """Cached verdicts are keyed by everything the judge reads: edit a text reader (the opposites, which
    the judge's features use through text/), and the cache misses."""
    import shutil

    from factcheck.verdict.judge import judge_digest, judge_id, read_by_the_judge

    package = REPO / "factcheck"
    copy = tmp_path / "factcheck"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__", "models_data"))
    (copy / "models_data" / "edit-judge").mkdir(parents=True)
    shutil.copy(package / "models_data" / "edit-judge" / "model.json", copy / "models_data" / "edit-judge")
    assert judge_digest(copy) == judge_id()
    read = {p.relative_to(copy).as_posix() for p in read_by_the_judge(copy)}
    assert {"text/opposites.py", "text/certainty.py", "text/quantities.py", "judge/features.py"} <= read
    opposites = copy / "text" / "opposites.py"
    opposites.write_text(opposites.read_text().replace("MIN_SAME = 0.6", "MIN_SAME = 0.7"))
    edited = judge_digest(copy)
    assert edited != judge_id()
    cache = ResultCache(tmp_path / "cache")
    cache.put_judged(judge_id(), {"pair": {"kind": "contradicts"}})
    assert cache.get_judged(judge_id(), ["pair"]) and not cache.get_judged(edited, ["pair"])
    cache.close()


def test_the_judge_quotes_names_as_the_versions_write_them() -> None:
    from factcheck.verdict.judge import _as_written

    # the judge reads "United Nations" as "UN"; its reasons quote the draft's own words
    a = "We will consider referrals from UNHCR [United Nations Human Rights Council] on refugees."
    b = "We will consider referrals from UNHCR on refugees."
    reason = _as_written("drops '[UN Human Rights Council]'", a, b)
    assert reason == "drops '[United Nations Human Rights Council]'"
    assert _as_written("drops 'UN'", "the UN said", "it said") == "drops 'UN'"  # written so: kept
    # "UN" inside "UNHCR" is not the name written as "UN"
    assert _as_written("drops 'UN Human Rights Council'", "from UNHCR [United Nations Human Rights Council]",
                       "from UNHCR") == "drops 'United Nations Human Rights Council'"


def test_the_judge_id_is_kept_in_the_cache_until_a_file_of_the_package_changes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A warm run tells the judge is the same by a ``stat`` of each file, not by reading every module again."""
    import os

    from factcheck.verdict import judge

    cache = ResultCache(tmp_path / "cache")
    assert judge.kept_judge_id(cache) == judge.judge_id()
    monkeypatch.setattr(judge, "judge_id", lambda: "worked out again")
    assert judge.kept_judge_id(cache) != "worked out again"   # kept: not worked out again
    package = tmp_path / "package"
    (package / "text").mkdir(parents=True)
    reader = package / "text" / "opposites.py"
    reader.write_text("MIN_SAME = 0.6\n")
    stamp = judge.package_stamp(package)
    os.utime(reader, ns=(reader.stat().st_atime_ns, reader.stat().st_mtime_ns + 1_000_000))
    assert judge.package_stamp(package) != stamp
    reader.write_text("MIN_SAME = 0.7\n")
    assert judge.package_stamp(package) != stamp
    cache.close()


def test_a_process_never_files_its_judge_under_the_stamp_of_newer_files(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A long run whose package files change under it (an upgrade, an edit) keeps the key of the code it
    runs, and files nothing under the new files' stamp: a newer process would take its verdicts."""
    from factcheck.verdict import judge

    stamps = iter(["as first read", "files changed", "files changed"])
    monkeypatch.setattr(judge, "package_stamp", lambda package: next(stamps))
    monkeypatch.setattr(judge, "judge_digest", lambda package: "edit-judge:the code this process runs")
    judge._first_stamp.cache_clear()
    judge._digest_at.cache_clear()
    cache = ResultCache(tmp_path / "cache")
    try:
        assert judge.kept_judge_id(cache) == "edit-judge:the code this process runs"
        assert cache.get_memo("judge_id:files changed") is None
        assert cache.get_memo("judge_id:as first read") is None   # the files changed while it was worked out
        assert judge.kept_judge_id(cache) == "edit-judge:the code this process runs"   # the first stamp's key
    finally:
        cache.close()
        judge._first_stamp.cache_clear()
        judge._digest_at.cache_clear()
