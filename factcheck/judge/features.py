"""Features of one edit for the learned combiner: pure functions of the texts (and, when given, of
the story around them and of NLI scores).

Every feature is a float with a fixed name (``FEATURES``, ``SUPPORT_FEATURES``, ``NLI_FEATURES``),
so a model trained on one set can be scored on any input: a missing feature is 0.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from factcheck.judge.edit import Change, EditSet, WordPair
from factcheck.judge.support import Story, word_support
from factcheck.text.certainty import hedges, negations
from factcheck.text.entities import swaps
from factcheck.text.lexicon import lexicon
from factcheck.text.numbers import changed_units, changed_values
from factcheck.text.opposites import reversals
from factcheck.text.quantities import extract
from factcheck.text.quotes import quotes
from factcheck.text.speech import compare, speakers
from factcheck.text.tokens import tokenize

# relation of a swapped pair -> the feature it counts towards
REL_GROUP = {
    "same": "rel_same", "synonym": "rel_synonym", "hypernym": "rel_general", "holonym": "rel_general",
    "hyponym": "rel_specific", "meronym": "rel_specific", "similar": "rel_similar", "derivation": "rel_similar",
    "antonym": "rel_antonym", "indirect-antonym": "rel_antonym_indirect", "co-hyponym": "rel_cohyponym",
    "related": "rel_related", "compound": "rel_compound", "unrelated": "rel_unrelated", "unknown": "rel_unknown",
}
# kinds of thing whose members exclude each other: a cat is not a dog, yellow is not blue, Paris is not Rome
EXCLUSIVE_LEXFILES = frozenset(
    "noun.animal noun.plant noun.food noun.location noun.person noun.substance noun.body noun.object noun.time "
    "noun.quantity noun.attribute noun.group noun.event noun.state".split())
# where a part and its whole are different amounts: units of time and of measure
UNIT_LEXFILES = frozenset({"noun.time", "noun.quantity"})
EDIT_FEATURES = (
    "unchanged", "log_len", "changed_share", "n_changes",
    "replace_swap", "replace_entity", "replace_number", "replace_function", "replace_inflection", "replace_rewrite",
    "negation", "hedge", "move", "punctuation",
    "insert_content", "insert_entity", "insert_number", "delete_content", "delete_entity", "delete_number",
    "added_words", "dropped_words", "only_insertions", "only_deletions",
    *sorted(set(REL_GROUP.values())), "rel_cohyponym_verb", "rel_cohyponym_kind", "rel_cohyponym_primary",
    "rel_unit_part", "min_similarity",
    "pairs_all_safe", "rare_sense", "n_risky", "n_safe", "risky_alone", "polarity_flip",
)
CHECK_FEATURES = (
    "check_numbers", "check_units", "check_names", "check_opposites", "check_negation_parity", "check_hedges",
    "check_speaker_changed", "check_speaker_dropped", "check_speaker_added", "check_quote_changed",
    "new_quantities", "lost_quantities", "new_names", "lost_names",
)
FEATURES = (*EDIT_FEATURES, *CHECK_FEATURES)
SUPPORT_FEATURES = ("ctx_added_found", "ctx_added_missing", "ctx_added_implied", "ctx_swap_new_found",
                    "ctx_swap_old_only",
                    "ctx_names_missing", "ctx_numbers_missing", "ctx_nli_entailment", "ctx_nli_contradiction")
NLI_FEATURES = ("nli_fwd_entailment", "nli_fwd_contradiction", "nli_bwd_entailment", "nli_bwd_contradiction",
                "nli_local_fwd_contradiction", "nli_local_bwd_contradiction", "nli_local_fwd_entailment",
                "nli_local_bwd_entailment")
ALL_FEATURES = (*FEATURES, *SUPPORT_FEATURES, *NLI_FEATURES)
SAFE_RELATIONS = frozenset({"same", "synonym", "hypernym", "holonym", "similar", "derivation"})


def _names(text: str) -> set[str]:
    toks = tokenize(text)
    out = set()
    for i, t in enumerate(toks):
        if t.is_word and t.capitalised and i > 0 and toks[i - 1].text not in (".", "!", "?", '"', ":"):
            out.add(t.key)
        elif t.is_word and len(t.text) >= 2 and t.text.replace(".", "").isupper():
            out.add(t.key)
    return out


def _values(text: str) -> set[tuple[str, float]]:
    return {(q.kind, round(q.value, 6)) for q in extract(text)}


def polarity_flip(old: str, new: str) -> bool:
    """The two words (or the last words of two phrases) have opposite polarity in the lexical table."""
    lex = lexicon()
    a, b = lex.polarity(old.split()[-1]), lex.polarity(new.split()[-1])
    return a * b < 0


def risky(c: Change) -> bool:
    """A change that may alter a fact: anything but punctuation, another form of a word, function
    words, a move, or a swap for a word of the same or a more general meaning."""
    if c.kind in ("punctuation", "inflection", "function") or c.op == "move":
        return False
    if c.op == "replace" and c.kind == "swap":
        return bool(c.added or c.dropped) or not c.pairs or any(
            p.relation.kind not in SAFE_RELATIONS for p in c.pairs)
    return True


def edit_features(e: EditSet) -> dict[str, float]:
    """Features of the edit itself: its changes by kind and the relations of swapped words."""
    f = dict.fromkeys(EDIT_FEATURES, 0.0)
    changes = [c for c in e.changes if c.kind != "punctuation"]
    f["punctuation"] = float(len(e.changes) - len(changes))
    # what may carry a fact: not punctuation, another form of a word, function words or a move
    substantive = [c for c in changes if c.kind not in ("inflection", "function") and c.op != "move"]
    f["unchanged"] = float(not changes)
    n_tokens = max(1, len([t for t in e.old_tokens if not t.is_punct]))
    f["log_len"] = math.log1p(n_tokens)
    changed = sum(len(tokenize(c.old)) + len(tokenize(c.new)) for c in changes if c.op != "move")
    f["changed_share"] = min(1.0, changed / (2 * n_tokens))
    f["n_changes"] = float(len(changes))
    for c in changes:
        if c.kind in ("negation", "hedge"):
            f[c.kind] += 1
        elif c.op == "move":
            f["move"] += 1
        elif c.op == "replace" and f"replace_{c.kind}" in f:
            f[f"replace_{c.kind}"] += 1
        elif c.op in ("insert", "delete") and f"{c.op}_{c.kind}" in f:
            f[f"{c.op}_{c.kind}"] += 1
    f["added_words"] = float(len(e.added_words))
    f["dropped_words"] = float(len(e.dropped_words))
    ops = {c.op for c in substantive}
    f["only_insertions"] = float(ops == {"insert"})
    f["only_deletions"] = float(ops == {"delete"})
    pairs: list[WordPair] = [p for c in changes if c.op == "replace" and c.kind not in ("inflection", "rewrite")
                             for p in c.pairs]
    for p in pairs:
        r = p.relation
        f[REL_GROUP[r.kind]] += 1
        if r.kind == "co-hyponym" and r.pos == "v":
            f["rel_cohyponym_verb"] += 1
        elif r.kind == "co-hyponym" and r.lexfile in EXCLUSIVE_LEXFILES:
            f["rel_cohyponym_kind"] += 1
        if r.kind == "co-hyponym" and r.rank == 0:
            f["rel_cohyponym_primary"] += 1  # siblings in the words' first senses: "murder" / "manslaughter"
        if r.kind in ("meronym", "holonym") and r.lexfile in UNIT_LEXFILES:
            f["rel_unit_part"] += 1  # a month is part of a year, and "one month" is not "one year"
        if r.kind not in ("antonym", "indirect-antonym", "synonym", "same") and polarity_flip(p.old, p.new):
            f["polarity_flip"] += 1  # "advanced" -> "mediocre", "struggling" -> "thriving"
        if r.kind in ("synonym", "hypernym", "hyponym", "antonym", "indirect-antonym", "similar") and r.rank >= 4:
            f["rare_sense"] += 1  # the relation holds only between rarer senses of the two words
    for c in changes:
        if c.kind != "rewrite":
            f["n_risky" if risky(c) else "n_safe"] += 1
    f["risky_alone"] = float(f["n_risky"] == 1 and f["n_safe"] == 0)
    f["min_similarity"] = min((p.relation.similarity for p in pairs), default=1.0)
    f["pairs_all_safe"] = float(bool(pairs) and all(p.relation.kind in SAFE_RELATIONS for p in pairs))
    return f


def check_features(old: str, new: str, e: EditSet | None = None) -> dict[str, float]:
    """What factcheck's targeted checks say about the pair (their text helpers, called as they are).
    With the edit, names and numbers that a deletion took away are not counted as lost: the
    deletion is counted by the edit features, and an omission is not a changed fact."""
    f = dict.fromkeys(CHECK_FEATURES, 0.0)
    qa, qb = extract(old), extract(new)
    f["check_numbers"] = float(len(changed_values(qa, qb)))
    f["check_units"] = float(len(changed_units(qa, qb)))
    f["check_names"] = float(len(swaps(old, new)))
    f["check_opposites"] = float(len(reversals(old, new)))
    f["check_negation_parity"] = float((negations(old) - negations(new)) % 2)
    f["check_hedges"] = float(set(hedges(old)) != set(hedges(new)))
    verdict = compare(speakers(old), speakers(new))
    if verdict is not None:
        f[f"check_speaker_{verdict}"] = 1.0
    words = lambda t: [w for q in quotes(t) for w in q.words]  # noqa: E731
    f["check_quote_changed"] = float(bool(quotes(old)) and bool(quotes(new)) and words(old) != words(new))
    deleted = " ".join(c.old for c in e.changes if c.op == "delete") if e is not None else ""
    va, vb = _values(old), _values(new)
    f["new_quantities"] = float(len(vb - va))
    f["lost_quantities"] = float(len(va - vb - _values(deleted)))
    na, nb = _names(old), _names(new)
    gone = {t.key for t in tokenize(deleted) if t.is_word}
    f["new_names"] = float(len(nb - na))
    f["lost_names"] = float(len(na - nb - gone))
    return f


# features that are not counts; every count is read as log(1 + count), so that five words of one
# dropped name do not weigh five times one word
NOT_COUNTS = frozenset({"log_len", "changed_share", "min_similarity", "ctx_added_found", "ctx_added_implied",
                        "ctx_nli_entailment", "ctx_nli_contradiction", *NLI_FEATURES})


def saturate(features: dict[str, float]) -> dict[str, float]:
    return {k: v if k in NOT_COUNTS else math.log1p(v) for k, v in features.items()}


def pair_features(old: str, new: str, e: EditSet) -> dict[str, float]:
    return saturate({**edit_features(e), **check_features(old, new, e)})


def support_features(e: EditSet, story: Story | None,
                     nli_support: tuple[float, float, float] | None = None) -> dict[str, float]:
    """Which new words, names and numbers the rest of the story has; NLI of the retrieved story
    sentences against the new text (entailment, neutral, contradiction) when it was run."""
    f = dict.fromkeys(SUPPORT_FEATURES, 0.0)
    if story is None:
        return f
    ws = word_support(e, story)
    total = len(ws.added_found) + len(ws.added_missing)
    f["ctx_added_found"] = len(ws.added_found) / total if total else 1.0
    f["ctx_added_missing"] = float(len(ws.added_missing))
    f["ctx_added_implied"] = len(ws.added_implied) / total if total else 0.0
    f["ctx_swap_new_found"] = float(ws.swaps_new_found)
    f["ctx_swap_old_only"] = float(ws.swaps_old_only)
    f["ctx_names_missing"] = float(len(ws.names_missing))
    f["ctx_numbers_missing"] = float(len(ws.numbers_missing))
    if nli_support is not None:
        f["ctx_nli_entailment"], _, f["ctx_nli_contradiction"] = nli_support
    return saturate(f)


@dataclass(frozen=True)
class NLIPairScores:
    """NLI scores of the pair both ways and of the local clause around the edit both ways."""

    fwd: tuple[float, float, float]  # old -> new: entailment, neutral, contradiction
    bwd: tuple[float, float, float]
    local_fwd: tuple[float, float, float] | None = None
    local_bwd: tuple[float, float, float] | None = None


def nli_features(s: NLIPairScores | None) -> dict[str, float]:
    f = dict.fromkeys(NLI_FEATURES, 0.0)
    if s is None:
        return f
    f["nli_fwd_entailment"], _, f["nli_fwd_contradiction"] = s.fwd
    f["nli_bwd_entailment"], _, f["nli_bwd_contradiction"] = s.bwd
    lf, lb = s.local_fwd or s.fwd, s.local_bwd or s.bwd
    f["nli_local_fwd_entailment"], _, f["nli_local_fwd_contradiction"] = lf
    f["nli_local_bwd_entailment"], _, f["nli_local_bwd_contradiction"] = lb
    return f


def vector(features: dict[str, float], names: Sequence[str]) -> list[float]:
    return [float(features.get(n, 0.0)) for n in names]
