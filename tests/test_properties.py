"""Properties (hypothesis) of segmentation, alignment and reports, and a bounded fuzz of the readers."""

from __future__ import annotations

import json
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck import check_versions
from factcheck.errors import InputError
from factcheck.inputs.segment import split_sentences
from factcheck.inputs.versions import Version, decode

# derandomize: CI sees the same examples every run; to explore further, run with a larger
# max_examples and without derandomize (seeds 1 to 20 passed when this was written)
FAST = settings(max_examples=60, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture])
FUZZ = settings(max_examples=400, deadline=None, derandomize=True)

WORDS = ["council", "harbour", "minister", "budget", "approved", "rejected", "refugees", "Wellington", "talks",
         "on", "Monday", "the", "plan", "said", "would", "take", "150", "three", "years", "officials", "deal"]
sentence = st.lists(st.sampled_from(WORDS), min_size=3, max_size=12).map(
    lambda ws: " ".join(ws).capitalize() + ".")
# news copy does not repeat a sentence word for word within one version; with verbatim repeats the
# slots of the repeated sentences can depend on the order of the versions
story = st.lists(sentence, min_size=1, max_size=12, unique=True).map(
    lambda ss: "\n\n".join(" ".join(ss[i:i + 3]) for i in range(0, len(ss), 3)))
any_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400)


def check_spans(version: Version) -> None:
    sents = split_sentences(version, 0)
    last = 0
    covered = [False] * len(version.norm)
    for s in sents:
        assert last <= s.start < s.end <= len(version.text)
        assert s.text == version.text[s.start:s.end] and s.text.strip()
        last = s.end
        covered[s.start:s.end] = [True] * (s.end - s.start)
    # nothing is dropped: every character outside the sentences is white space
    assert all(c or version.norm[i].isspace() for i, c in enumerate(covered))


@FUZZ
@given(any_text)
def test_spans_cover_any_text_in_order(text: str) -> None:
    check_spans(Version("x", text))


@FUZZ
@given(st.binary(max_size=600))
def test_reader_and_segmenter_never_crash_on_bytes(data: bytes) -> None:
    try:
        text, _, _ = decode(data, "fuzz.txt")
    except InputError as exc:
        assert exc.code in ("FCE104", "FCE105") and exc.one_line()
        return
    check_spans(Version("fuzz.txt", text))


@FAST
@given(st.lists(story, min_size=2, max_size=4))
def test_every_sentence_sits_in_exactly_one_slot(fake_models, texts: list[str]) -> None:  # type: ignore[no-untyped-def]
    report = check_versions({f"v{n}": t for n, t in enumerate(texts)}, models=fake_models, allow_unrelated=True)
    seen = [k for g in report.groups for k in g.keys()]
    every = [(v, s.index) for v, sents in enumerate(report.sentences) for s in sents]
    assert sorted(seen) == sorted(every) and len(seen) == len(set(seen))


@FAST
@given(story)
def test_a_story_against_itself_has_no_findings(fake_models, text: str) -> None:  # type: ignore[no-untyped-def]
    """Nothing differs; only what is wrong with the text itself (a doubled word, one count given two
    values, a name spelled two ways) may be reported, once each."""
    report = check_versions({"a": text, "b": text, "c": text}, models=fake_models)
    assert all(f.category == "defect" or f.rule in ("FC303", "FC304") for f in report.findings)
    assert report.stats["nli_pairs"] == 0
    assert all({e.version for e in f.evidence} == {"a"} for f in report.findings)


def _finding_keys(report) -> set[tuple[str, frozenset[tuple[str, str]]]]:  # type: ignore[no-untyped-def]
    return {(f.rule, frozenset((e.version, e.text) for e in f.evidence)) for f in report.findings}


@FAST
@given(st.lists(story, min_size=2, max_size=3), st.randoms(use_true_random=False))
def test_findings_do_not_depend_on_the_order_of_files(fake_models, texts: list[str], rnd) -> None:  # type: ignore[no-untyped-def]
    named = {f"v{n}": t for n, t in enumerate(texts)}
    order = list(named)
    rnd.shuffle(order)
    first = check_versions(named, models=fake_models, allow_unrelated=True)
    again = check_versions({k: named[k] for k in order}, models=fake_models, allow_unrelated=True)
    assert _finding_keys(first) == _finding_keys(again)


def test_findings_do_not_depend_on_the_order_of_files_found_in_ci(fake_models) -> None:  # type: ignore[no-untyped-def]
    """The example a newer hypothesis found: a figure one text adds, which two other texts lack, was
    reported against whichever of them came first."""
    import itertools

    texts = {"v0": "Council council 150.", "v1": "Council council council.", "v2": "Council council harbour."}
    keys = [_finding_keys(check_versions({k: texts[k] for k in order}, models=fake_models, allow_unrelated=True))
            for order in itertools.permutations(texts)]
    assert all(k == keys[0] for k in keys)


@FAST
@given(st.lists(story, min_size=2, max_size=3))
def test_json_round_trips_and_is_deterministic(fake_models, texts: list[str]) -> None:  # type: ignore[no-untyped-def]
    named = {f"v{n}": t for n, t in enumerate(texts)}
    one, two = (check_versions(named, models=fake_models, allow_unrelated=True).to_dict() for _ in range(2))
    assert json.loads(json.dumps(one, allow_nan=False)) == one
    for d in (one, two):
        d["stats"].pop("seconds")
    assert json.dumps(one, sort_keys=True) == json.dumps(two, sort_keys=True)


def test_emoji_right_to_left_and_no_punctuation(fake_models) -> None:  # type: ignore[no-untyped-def]
    texts = {"a": "Crowds cheered 🎉 as the mayor spoke\nשלום עולם and مرحبا were on the banners\nno full stop here",
             "b": "Crowds cheered 🎉 as the mayor spoke\nשלום עולם and مرحبا were on the banners\nno full stop at all"}
    report = check_versions(texts, models=fake_models)
    assert sum(len(s) for s in report.sentences) == 6
    assert all(re.search(r"\S", s.text) for sents in report.sentences for s in sents)
