"""The shipped BERTs run with numpy: the same numbers as transformers, without torch."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from factcheck.models.bert_numpy import NumpyBert, plain_bert, read_safetensors
from factcheck.models.config import load_models_config, resolve_local
from tests.conftest import KERRY

TEXTS = ["UNHCR is the UN Refugee Agency.", "short", "The minister said 150 refugees would come this year. " * 12,
         "Kerry met Key at Premier House in Wellington on Tuesday."]
PAIRS = [(TEXTS[0], TEXTS[3]), (TEXTS[2], "The minister said 999 refugees would come."), ("a", "b")]


def _folders() -> tuple[Path, Path]:
    cfg = load_models_config()
    return resolve_local(cfg.embedder), resolve_local(cfg.nli)


def test_safetensors_are_read_as_stored() -> None:
    from safetensors.numpy import load_file

    for folder in _folders():
        mine, theirs = read_safetensors(folder / "model.safetensors"), load_file(str(folder / "model.safetensors"))
        assert mine.keys() == theirs.keys()
        assert all(mine[k].dtype == theirs[k].dtype and np.array_equal(mine[k], theirs[k]) for k in mine)


def test_only_a_plain_bert_folder_is_run_with_numpy(tmp_path: Path) -> None:
    embedder, nli = _folders()
    assert plain_bert(embedder, "embed") and plain_bert(nli, "classify")
    assert not plain_bert(embedder, "classify") and not plain_bert(nli, "embed")
    config = json.loads((nli / "config.json").read_text())
    for change in ({"model_type": "deberta-v2"}, {"hidden_act": "gelu_new"},
                   {"position_embedding_type": "relative_key"}):
        (tmp_path / "config.json").write_text(json.dumps({**config, **change}))
        (tmp_path / "tokenizer.json").write_text("{}")
        (tmp_path / "model.safetensors").write_bytes(b"")
        assert not plain_bert(tmp_path, "classify"), change
    assert not plain_bert(tmp_path / "missing", "embed")


@pytest.mark.model
def test_numpy_gives_the_vectors_and_probabilities_of_transformers() -> None:
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    from factcheck.models.mean_pooled import MeanPooled

    embedder, nli = _folders()
    mine = NumpyBert(embedder, 256).embed(TEXTS, 2)
    theirs = MeanPooled(embedder, "cpu", local_files_only=True).encode(TEXTS, 2)
    assert np.abs(mine - theirs).max() < 1e-5
    probs = NumpyBert(nli, 256).classify(PAIRS)
    tok = AutoTokenizer.from_pretrained(str(nli))
    model = AutoModelForSequenceClassification.from_pretrained(str(nli)).float().eval()
    with torch.inference_mode():
        enc = tok([p for p, _ in PAIRS], [h for _, h in PAIRS], padding=True, truncation=True, max_length=256,
                  return_tensors="pt")
        want = torch.softmax(model(**enc).logits.float(), dim=-1).numpy()
    assert np.abs(probs - want).max() < 1e-4 and (probs.argmax(1) == want.argmax(1)).all()


@pytest.mark.model
def test_a_cold_run_loads_neither_torch_nor_transformers(tmp_path: Path) -> None:
    kerry = [str(p) for p in sorted(KERRY.glob("*.txt"))]
    script = ("import sys, factcheck\n"
              "from factcheck.models.cache import ResultCache\n"
              f"r = factcheck.check_versions({json.dumps(kerry)}, cache=ResultCache({str(tmp_path)!r}))\n"
              "assert r.stats['cache']['inference'], r.stats\n"
              "print(sorted(m for m in ('torch', 'transformers', 'sentence_transformers') if m in sys.modules))\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"


@pytest.mark.parametrize(("value", "gpu", "numpy"), [
    (None, False, True), ("auto", False, True), ("auto", True, False), ("numpy", True, True),
    ("torch", False, False), ("TORCH", False, False), ("", False, True),
])
def test_the_backend_choice(monkeypatch: pytest.MonkeyPatch, value: str | None, gpu: bool, numpy: bool) -> None:
    import os

    from factcheck.models import bert_numpy

    if value is None:
        monkeypatch.delenv("FACTCHECK_BACKEND", raising=False)
    else:
        monkeypatch.setenv("FACTCHECK_BACKEND", value)
    real = os.path.exists
    monkeypatch.setattr(bert_numpy.os.path, "exists", lambda p: gpu if p == "/dev/nvidiactl" else real(p))
    assert bert_numpy.wanted() is numpy
