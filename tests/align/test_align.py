import numpy as np

from factcheck.align import candidate_links, group_links
from factcheck.align.candidates import Link, mutual_best, verify_splits
from factcheck.align.lexical import dice, dice_matrix
from factcheck.align.score import precision_recall


def test_mutual_best_handles_reordering() -> None:
    sim = np.array([[0.1, 0.9, 0.2], [0.8, 0.1, 0.3], [0.2, 0.3, 0.95]], dtype=np.float32)
    assert sorted((i, j) for i, j, _ in mutual_best(sim, 0.5)) == [(0, 1), (1, 0), (2, 2)]


def test_a_sentence_that_loses_its_best_match_to_a_copy_is_matched_in_the_next_round() -> None:
    # row 0 (a summary line) is closest to column 1 (the lede restating it), which is closer still to
    # row 1 (the same lede): row 0 and column 0 (the edited summary line) are left for the next round
    sim = np.array([[0.90, 0.97, 0.2], [0.88, 1.00, 0.3], [0.2, 0.3, 0.95]], dtype=np.float32)
    assert [(i, j) for i, j, _ in mutual_best(sim, 0.6)] == [(0, 0), (1, 1), (2, 2)]
    # and a left-over pair below the threshold stays unlinked
    assert [(i, j) for i, j, _ in mutual_best(sim, 0.95)] == [(1, 1), (2, 2)]


def test_threshold_leaves_additions_and_deletions_unlinked() -> None:
    sim = np.array([[0.9, 0.1], [0.2, 0.3]], dtype=np.float32)
    assert [(lk.a, lk.b) for lk in candidate_links(0, 1, sim, 0.5, 0.45)] == [((0, 0), (1, 0))]


def test_split_link_for_a_sentence_split_in_two() -> None:
    # version 1 splits version 0's sentence 0 into sentences 0 and 1
    sim = np.array([[0.9, 0.6, 0.1], [0.1, 0.2, 0.9]], dtype=np.float32)
    links = candidate_links(0, 1, sim, 0.7, 0.5)
    assert {(lk.a, lk.b, lk.kind) for lk in links} == {
        ((0, 0), (1, 0), "match"), ((0, 1), (1, 2), "match"), ((0, 0), (1, 1), "split")}


def test_grouping_puts_every_sentence_in_exactly_one_slot() -> None:
    links = [Link((0, 0), (1, 1), 0.9, "match"), Link((0, 1), (1, 0), 0.9, "match"),
             Link((1, 1), (2, 0), 0.8, "match")]
    groups = group_links([2, 2, 1], links)
    keys = [k for g in groups for k in g.keys()]
    assert sorted(keys) == [(0, 0), (0, 1), (1, 0), (1, 1), (2, 0)]
    assert len(keys) == len(set(keys))
    assert {g.members for g in groups} == {((0,), (1,), (0,)), ((1,), (0,), ())}


def test_grouping_refuses_non_adjacent_sentences_of_one_version() -> None:
    # (1,0) and (1,2) would end up in one slot through (0,0): refused
    links = [Link((0, 0), (1, 0), 0.9, "match"), Link((0, 0), (1, 2), 0.8, "split")]
    groups = group_links([1, 3], links)
    assert ((0,), (0,)) in {g.members for g in groups}
    assert all(len(g.members[1]) <= 1 for g in groups)


def test_verify_splits_keeps_only_splits_that_bring_the_pair_closer() -> None:
    texts = {(0, 0): "The offer was never taken up", (0, 1): "because of back-door concerns",
             (0, 2): "Climate change was discussed",
             (1, 0): "The offer was never taken up because of back-door concerns",
             (1, 1): "Unrelated words entirely"}

    def embed(batch: list[str]) -> np.ndarray:
        vocab = sorted({w for t in texts.values() for w in t.lower().split()})
        return np.array([[t.lower().split().count(w) for w in vocab] for t in batch], dtype=np.float32) + 1e-3

    links = [Link((0, 0), (1, 0), 0.8, "match"), Link((0, 1), (1, 0), 0.6, "split"),
             Link((0, 2), (1, 1), 0.5, "split")]
    kept = verify_splits(links, texts, embed, 0.7)
    assert [(lk.a, lk.kind) for lk in kept] == [((0, 0), "match"), ((0, 1), "split")]


def test_verify_splits_embeds_only_the_joined_texts_when_the_sentences_have_vectors() -> None:
    texts = {(0, 0): "The offer was never taken up", (0, 1): "because of back-door concerns",
             (0, 2): "Climate change was discussed",
             (1, 0): "The offer was never taken up because of back-door concerns",
             (1, 1): "Unrelated words entirely"}
    vocab = sorted({w for t in texts.values() for w in t.lower().split()})
    asked: list[str] = []

    def embed(batch: list[str]) -> np.ndarray:
        asked.extend(batch)
        return np.array([[t.lower().split().count(w) for w in vocab] for t in batch], dtype=np.float32) + 1e-3

    links = [Link((0, 0), (1, 0), 0.8, "match"), Link((0, 1), (1, 0), 0.6, "split"),
             Link((0, 2), (1, 1), 0.5, "split")]
    without = verify_splits(links, texts, embed, 0.7)
    assert set(asked) == {texts[(0, 0)] + " " + texts[(0, 1)], texts[(0, 0)], texts[(1, 0)]}
    asked.clear()
    vectors = {k: embed([t])[0] * 3 for k, t in texts.items()}  # any length: they are read as directions
    asked.clear()
    assert verify_splits(links, texts, embed, 0.7, vectors) == without
    assert asked == [texts[(0, 0)] + " " + texts[(0, 1)]]


def test_dice_overlap() -> None:
    assert dice("New Zealand offer of 150 refugees", "the 150 refugees offer") > 0.5
    assert dice("", "x") == 0.0
    assert dice_matrix(["a b c"], []).shape == (1, 0)


def test_precision_recall_counts_links_between_versions() -> None:
    groups = group_links([2, 2], [Link((0, 0), (1, 0), 0.9, "match")])
    gold = [[(0, 0), (1, 0)], [(0, 1), (1, 1)]]
    r = precision_recall(groups, gold)
    assert r["precision"] == 1.0 and r["recall"] == 0.5
