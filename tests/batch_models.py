"""Models for batch tests, chosen by dotted path (``tests.batch_models:fake_models``) in each worker
process, which does not inherit a test's monkeypatching."""

from __future__ import annotations

from typing import Any


def fake_models() -> Any:
    from factcheck.pipeline import Models
    from tests.conftest import FixedNLI, HashingEmbedder

    return Models(HashingEmbedder(), FixedNLI(), [{"role": "test", "name": "fake"}])
