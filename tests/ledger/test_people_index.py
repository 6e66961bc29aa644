"""The index of quotations (``ledger.people._alike_quotes``) finds every pair the full comparison finds."""

from __future__ import annotations

import random

from factcheck.ledger.people import _alike_quotes


def test_the_index_misses_no_quotation_sharing_sixty_percent_of_its_words() -> None:
    rng = random.Random(1)
    vocab = [f"w{i}" for i in range(24)]
    found = 0
    for _ in range(300):
        said = [(set(rng.sample(vocab, rng.randint(4, 12))), [], None) for _ in range(rng.randint(1, 30))]
        alike = _alike_quotes(said)  # type: ignore[arg-type]
        for _ in range(20):
            words = set(rng.sample(vocab, rng.randint(4, 12)))
            full = [j for j, (other, _, _) in enumerate(said)
                    if len(words & other) >= 0.6 * max(len(words), len(other))]
            got = alike(words)
            assert set(full) <= set(got) and got == sorted(got)
            assert len(got) <= len(said)
            found += len(full)
    assert found > 100   # the test compares quotations that do share their words
