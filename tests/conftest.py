"""Shared fixtures: a hashing embedder and a tiny NLI model the tests build themselves."""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import pytest

REPO = Path(__file__).resolve().parent.parent
# the tests never touch the user's cache: one fresh cache folder per test session
os.environ["FACTCHECK_CACHE_DIR"] = tempfile.mkdtemp(prefix="factcheck-test-cache-")
KERRY = REPO / "examples" / "kerry"


class HashingEmbedder:
    """Bag of hashed words: similar wording gives similar vectors. For plumbing tests only."""

    dim = 256

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, t in enumerate(texts):
            for w in re.findall(r"[a-z0-9]+", t.lower()):
                out[i, int(hashlib.md5(w.encode()).hexdigest(), 16) % self.dim] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        norms[norms == 0] = 1
        return out / norms


class FixedNLI:
    """Returns the same scores for every pair (or a function of the pair)."""

    def __init__(self, fn: Callable[[str, str], tuple[float, float, float]] | None = None) -> None:
        self.fn = fn or (lambda a, b: (0.9, 0.05, 0.05))
        self.calls: list[tuple[str, str]] = []

    def predict(self, pairs, progress=None):  # type: ignore[no-untyped-def]
        from factcheck.models.nli import NLIScores

        self.calls += list(pairs)
        if progress:
            progress(len(pairs))
        return [NLIScores(*self.fn(a, b)) for a, b in pairs]


@pytest.fixture
def fake_models():  # type: ignore[no-untyped-def]
    from factcheck.models.loaded import Models

    return Models(HashingEmbedder(), FixedNLI(), [{"role": "test", "name": "fake"}])


@pytest.fixture(scope="session")
def tiny_nli_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny random BERT classifier with a scrambled label order, saved like a real model."""
    import shutil

    from transformers import BertConfig, BertForSequenceClassification

    out = tmp_path_factory.mktemp("tiny-nli")
    src = REPO / "factcheck" / "models_data" / "nli-minilm"
    for name in ("tokenizer.json", "tokenizer_config.json"):
        shutil.copy(src / name, out / name)
    config = BertConfig(vocab_size=30522, hidden_size=32, num_hidden_layers=1, num_attention_heads=2,
                        intermediate_size=64, max_position_embeddings=128, num_labels=3,
                        id2label={0: "CONTRADICTION", 1: "ENTAILMENT", 2: "NEUTRAL"},
                        label2id={"CONTRADICTION": 0, "ENTAILMENT": 1, "NEUTRAL": 2})
    import torch

    torch.manual_seed(0)
    BertForSequenceClassification(config).save_pretrained(out, safe_serialization=True)
    return out


@pytest.fixture(scope="session")
def real_report():  # type: ignore[no-untyped-def]
    """The report of examples/kerry with the real default models (loaded once)."""
    from factcheck import check_versions

    return check_versions([str(KERRY)])


@pytest.fixture
def cli_fake_models(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """Make every run in this test (CLI included) use the hashing embedder and an entailing NLI stub,
    with a cache of its own (so that fake results never reach a cache real models read)."""
    from factcheck.models import loaded

    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(tmp_path_factory.mktemp("fake-cache")))
    models = loaded.Models(HashingEmbedder(), FixedNLI(), [{"role": "test", "name": "fake"}])
    monkeypatch.setattr(loaded, "load_models", lambda config, progress=None: models)
    return models


from tests.inputs.gitrepo import newsroom  # noqa: E402, F401 - the fixture: a newsroom's repository and a pull request
