"""The edit judge's build scripts: the WordNet table from WordNet's own files, and the fitting pieces."""

from __future__ import annotations

import gzip
import random
from pathlib import Path

import numpy as np
import pytest

from factcheck.text.lexicon import Lexicon
from training.judge import per_sentence, sentence_pairs
from training.judge_data import Example
from training.judge_synthetic import make_edits
from training.lexicon import licence_text, write

HEADER = "".join(f"  {i} {line}  \n" for i, line in enumerate(
    ["This software and database is provided under the following license.", "",
     "WordNet 3.0 Copyright 2006 by Princeton University.  All rights reserved."], start=1))
NOUNS = [
    "00000001 03 n 01 entity 0 002 ~ 00000002 n 0000 ~ 00000005 n 0000 | that which exists  ",
    "00000002 05 n 01 animal 0 003 @ 00000001 n 0000 ~ 00000003 n 0000 ~ 00000004 n 0000 | a living thing  ",
    "00000003 05 n 02 dog 0 domestic_dog 0 001 @ 00000002 n 0000 | a dog  ",
    "00000004 05 n 01 cat 0 001 @ 00000002 n 0000 | a cat  ",
    "00000005 15 n 01 mouse 0 001 @ 00000001 n 0000 | a mouse  ",
]
VERBS = [
    "00000010 30 v 01 rise 0 001 ! 00000011 v 0101 | go up  ",
    "00000011 30 v 01 fall 0 001 ! 00000010 v 0101 | go down  ",
]


def fake_wordnet(root: Path) -> Path:
    """A WordNet folder with five nouns and two verbs, laid out like the real one."""
    root.mkdir()
    (root / "data.noun").write_text(HEADER + "\n".join(NOUNS) + "\n", "latin-1")
    (root / "data.verb").write_text(HEADER + "\n".join(VERBS) + "\n", "latin-1")
    for pos in ("adj", "adv"):
        (root / f"data.{pos}").write_text(HEADER, "latin-1")
        (root / f"index.{pos}").write_text(HEADER, "latin-1")
    index = {"entity": ["00000001"], "animal": ["00000002"], "dog": ["00000003"], "domestic_dog": ["00000003"],
             "cat": ["00000004"], "mouse": ["00000005"]}
    (root / "index.noun").write_text(HEADER + "".join(
        f"{w} n {len(o)} 1 @ {len(o)} 0 {' '.join(o)}  \n" for w, o in sorted(index.items())), "latin-1")
    (root / "index.verb").write_text(HEADER + "rise v 1 1 ! 1 0 00000010  \nfall v 1 1 ! 1 0 00000011  \n",
                                     "latin-1")
    (root / "noun.exc").write_text("mice mouse\n", "latin-1")
    for pos in ("verb", "adj", "adv"):
        (root / f"{pos}.exc").write_text("", "latin-1")
    return root


def test_the_table_is_built_from_wordnet_files_and_read_back(tmp_path: Path) -> None:
    wn = fake_wordnet(tmp_path / "wordnet")
    path = write(wn, tmp_path / "out")
    again = write(wn, tmp_path / "again")
    assert path.read_bytes() == again.read_bytes()  # deterministic
    assert "Princeton University" in licence_text(wn)
    assert (tmp_path / "out" / "LICENSE-WordNet.txt").read_text("utf-8").startswith("WordNet Release 3.0")
    lex = Lexicon(gzip.decompress(path.read_bytes()).decode("utf-8"))
    assert lex.relation("dog", "animal").kind == "hypernym"
    assert lex.relation("animal", "dog").kind == "hyponym"
    assert lex.relation("cat", "dog").kind == "co-hyponym"
    assert lex.relation("rose", "fell").kind == "unknown"  # no irregular forms given for verbs here
    assert lex.relation("rise", "falls").kind == "antonym"
    assert lex.relation("mice", "mouse").kind == "same"
    assert lex.relation("domestic dog", "dog").kind == "synonym"
    assert lex.words_of(lex.senses("dog", "n")[0]) == {"dog", "domestic_dog"}


def test_synthetic_edits_are_labelled_by_what_they_do() -> None:
    sentences = ["The minister said on Monday that 150 refugees will arrive in Wellington next year.",
                 "The company did not say how many workers were affected by the closure.",
                 "Officials in Canberra confirmed that the talks with Jakarta had been productive."] * 4
    edits = make_edits(sentences, seed=3)
    assert edits == make_edits(sentences, seed=3)
    assert {e.y for e in edits} == {0, 1}
    for e in edits:
        assert e.old != e.new
        kind = e.origin.split(":")[1]
        assert e.y == (kind in ("number", "name", "antonym", "negation", "sibling", "specific", "added_claim", "hedge"))


def test_examples_become_the_sentence_pairs_factcheck_judges() -> None:
    old = "The council met on Monday. It approved the plan. The mayor spoke."
    one = Example(old, "The council met on Monday. It rejected the plan. The mayor spoke.", 1, "d", "x")
    two = Example(old, "The council met on Tuesday. It rejected the plan. The mayor spoke.", 1, "d", "x")
    kept = Example(old, "The council met on Monday. It passed the plan. The mayor talked.", 0, "d", "x")
    assert [(e.old, e.new) for e in sentence_pairs(one)] == [("It approved the plan.", "It rejected the plan.")]
    assert len(sentence_pairs(two)) == 2
    short = Example("The plan passed.", "The plan failed.", 1, "d", "y")
    resplit = Example(old, "The council met on Monday and approved the plan. The mayor spoke.", 0, "d", "x")
    assert sentence_pairs(short) == [short] and sentence_pairs(resplit) == [resplit]
    # a changed summary with two changed sentences is left out: which one changed the fact is unknown
    out = per_sentence([one, two, kept, short])
    assert [(e.new, e.y) for e in out] == [("It rejected the plan.", 1), ("It passed the plan.", 0),
                                            ("The mayor talked.", 0), ("The plan failed.", 1)]


def test_an_item_scores_as_its_highest_part() -> None:
    from training.judge_fit import highest_per_item

    assert highest_per_item(np.array([0.1, 0.7, 0.3, 0.2, 0.9]), [2, 1, 2]).tolist() == [0.7, 0.3, 0.9]


def test_fitting_pieces_recover_a_simple_rule() -> None:
    pytest.importorskip("sklearn")
    from training import judge_fit as jf
    from training.judge import balanced_precision_threshold

    rng = random.Random(0)
    x = np.array([[rng.random(), rng.random()] for _ in range(400)])
    y = (x[:, 0] + 0.1 * rng.random() > 0.55).astype(int)
    params = jf.fit_logistic(x, y, c=1.0)
    assert params["coef"][0] > 1.0 and abs(params["coef"][1]) < 0.5
    groups = [str(i % 40) for i in range(400)]
    oof = jf.out_of_fold(x, y, groups, None, 1.0, k=4)
    assert jf.auc(y, oof) > 0.95
    a, b = jf.fit_platt(oof, y)
    p = jf.platt(oof, a, b)
    threshold, bacc = jf.best_threshold(y, p)
    assert bacc > 0.9 and 0.0 < threshold < 1.0
    assert balanced_precision_threshold(y, p, 0.9) >= balanced_precision_threshold(y, p, 0.6)
    folds = jf.grouped_folds(groups, 4, 0)
    assert sorted(np.concatenate(folds).tolist()) == list(range(400))
    assert all(len({groups[i] for i in f} & {groups[i] for i in g}) == 0 for f in folds for g in folds if f is not g)
