"""Support from the rest of the story: are the words an edit brings in said elsewhere?

A ``Story`` holds the sentences around the pair being judged (the other sentences of every version,
or a source article), optionally with their embeddings. ``word_support`` says which of the new
content words, names and numbers the story already has; ``retrieve`` finds the sentences most
similar to a new text by embedding, and ``support_premise`` joins the best of them into the one
premise that NLI checks an added sentence against (one NLI pair per added sentence).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from factcheck.judge.edit import EditSet
from factcheck.text.lexicon import lexicon
from factcheck.text.quantities import extract
from factcheck.text.tokens import tokenize

TOP_K = 3
MAX_PREMISE_CHARS = 1200


@dataclass(frozen=True, eq=False)
class Story:
    """The sentences around a judged pair. ``embeddings``: one row per sentence (any scale: rows are
    normalised here), or None; ``labels``: where each sentence is, for reasons ("b.txt line 14")."""

    sentences: Sequence[str]
    embeddings: np.ndarray | None = field(default=None, repr=False)
    labels: Sequence[str] | None = None
    parent: Story | None = field(default=None, repr=False)  # set by ``excluding``: shares its caches
    skip: frozenset[int] = frozenset()                       # the parent's sentences left out

    @property
    def size(self) -> int:
        """How many sentences the story gives (those left out by ``excluding`` not counted)."""
        return len(self.sentences) - len(self.skip)

    def excluding(self, texts: Sequence[str]) -> Story:
        """The same story without the sentences whose text is in ``texts`` (the judged pair itself), sharing
        this story's per-sentence work: build one Story per run and call this per slot."""
        drop = set(texts)
        skip = frozenset(i for i, s in enumerate(self.sentences) if s in drop)
        return Story(self.sentences, self.embeddings, self.labels, self, skip)

    @cached_property
    def _sentence_forms(self) -> tuple[frozenset[str], ...]:
        if self.parent is not None:
            return self.parent._sentence_forms
        return tuple(frozenset(w for t in tokenize(s) if t.is_content for w in _forms(t.key)) for s in self.sentences)

    @cached_property
    def _sentence_meanings(self) -> tuple[frozenset[int], ...]:
        if self.parent is not None:
            return self.parent._sentence_meanings
        lex = lexicon()
        return tuple(frozenset(a for w in forms for sid in lex.top_senses(w) for a in lex.ancestors(sid))
                     for forms in self._sentence_forms)

    @cached_property
    def vocabulary(self) -> frozenset[str]:
        """Every content word of the story, as written (lower case) and as its WordNet lemmas."""
        return frozenset().union(*(f for i, f in enumerate(self._sentence_forms) if i not in self.skip))

    @cached_property
    def meanings(self) -> frozenset[int]:
        """The WordNet senses of the story's words (most frequent ones) and everything more general
        than them: a new word with one of these senses says nothing the story does not."""
        return frozenset().union(*(m for i, m in enumerate(self._sentence_meanings) if i not in self.skip))

    @cached_property
    def values(self) -> frozenset[tuple[str, float]]:
        return frozenset((q.kind, round(q.value, 6)) for i, s in enumerate(self.sentences) if i not in self.skip
                         for q in extract(s))

    @cached_property
    def unit_rows(self) -> np.ndarray | None:
        if self.embeddings is None or len(self.embeddings) == 0:
            return None
        m = np.asarray(self.embeddings, dtype=np.float32)
        norms = np.linalg.norm(m, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        return m / norms

    def where(self, i: int) -> str:
        return self.labels[i] if self.labels is not None and i < len(self.labels) else f"sentence {i + 1}"


def _forms(word: str) -> set[str]:
    out = {word}
    if word[:1].isalpha():
        for lemmas in lexicon().lemmas(word).values():
            out.update(lemmas)
    return out


def found(word: str, story: Story) -> bool:
    return bool(_forms(word.lower()) & story.vocabulary)


def implied(word: str, story: Story) -> bool:
    """The word, or a synonym or a more general word for it, is in the story ("incursion" where the
    story says "invasion" is not; "attack" is, since WordNet has invasion as a kind of attack)."""
    return bool(set(lexicon().top_senses(word.lower())) & story.meanings)


@dataclass(frozen=True)
class WordSupport:
    added_found: tuple[str, ...]
    added_missing: tuple[str, ...]
    added_implied: tuple[str, ...]  # of the missing ones, those whose meaning the story has
    swaps_new_found: int
    swaps_old_only: int
    names_missing: tuple[str, ...]
    numbers_missing: tuple[str, ...]


def word_support(e: EditSet, story: Story) -> WordSupport:
    """Which of the words the new text brings in the story already has."""
    swaps = [p for c in e.changes if c.op == "replace" for p in c.pairs if p.relation.kind != "same"]
    added = list(dict.fromkeys([*e.added_words, *(w.lower() for p in swaps for w in p.new.split())]))
    added = [w for w in added if not w[:1].isdigit()]
    new_found = sum(all(found(w, story) for w in p.new.split()) for p in swaps)
    old_only = sum(all(found(w, story) for w in p.old.split()) and not all(found(w, story) for w in p.new.split())
                   for p in swaps)
    old_names = {t.key for t in e.old_tokens if t.is_word and t.capitalised}
    names = [t for i, t in enumerate(e.new_tokens) if t.is_word and t.capitalised and i > 0
             and t.key not in old_names and e.new_tokens[i - 1].text not in (".", "!", "?", '"')]
    old_values = {(q.kind, round(q.value, 6)) for q in extract(e.old)}
    numbers = [q.text for q in extract(e.new) if (q.kind, round(q.value, 6)) not in old_values
               and (q.kind, round(q.value, 6)) not in story.values]
    missing = tuple(w for w in added if not found(w, story))
    return WordSupport(tuple(w for w in added if found(w, story)), missing,
                       tuple(w for w in missing if implied(w, story)), new_found, old_only,
                       tuple(t.text for t in names if not found(t.key, story)), tuple(numbers))


def retrieve(query: np.ndarray, story: Story, k: int = TOP_K, exclude: Sequence[str] = ()) -> list[int]:
    """Indices of the ``k`` story sentences closest to ``query`` by cosine, best first; sentences
    whose text is in ``exclude`` (the judged pair itself) are skipped."""
    rows = story.unit_rows
    if rows is None:
        return []
    q = np.asarray(query, dtype=np.float32).reshape(-1)
    norm = float(np.linalg.norm(q))
    if norm == 0.0 or q.shape[0] != rows.shape[1]:
        return []
    sims = rows @ (q / norm)
    skip = set(exclude)
    order = [int(i) for i in np.argsort(-sims, kind="stable")
             if story.sentences[int(i)] not in skip and int(i) not in story.skip]
    return order[:k]


def support_premise(indices: Sequence[int], story: Story) -> str:
    """The retrieved sentences joined in story order into one NLI premise (cut at a sentence end)."""
    out: list[str] = []
    size = 0
    for i in sorted(indices):
        s = story.sentences[i].strip()
        if out and size + len(s) > MAX_PREMISE_CHARS:
            break
        out.append(s)
        size += len(s) + 1
    return " ".join(out)
