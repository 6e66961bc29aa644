"""The plain mean-pooled embedder: sentence-transformers' vectors, without importing it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from factcheck.models.config import load_models_config, resolve_local
from factcheck.models.mean_pooled import plain_layout


def _folder(tmp: Path, types: list[str], modes: dict[str, bool]) -> Path:
    (tmp / "1_Pooling").mkdir(parents=True)
    modules = [{"idx": n, "name": str(n), "path": "" if n == 0 else f"{n}_x" if n > 1 else "1_Pooling", "type": t}
               for n, t in enumerate(types)]
    (tmp / "modules.json").write_text(json.dumps(modules))
    (tmp / "1_Pooling" / "config.json").write_text(json.dumps({"word_embedding_dimension": 4, **modes}))
    return tmp


ST = "sentence_transformers.models."
MEAN = {"pooling_mode_mean_tokens": True, "pooling_mode_cls_token": False}


@pytest.mark.parametrize(("types", "modes", "plain"), [
    ([ST + "Transformer", ST + "Pooling", ST + "Normalize"], MEAN, True),
    ([ST + "Transformer", ST + "Pooling"], MEAN, True),
    ([ST + "Transformer", ST + "Pooling", ST + "Normalize"], {"pooling_mode_cls_token": True}, False),
    ([ST + "Transformer", ST + "Pooling", ST + "Dense", ST + "Normalize"], MEAN, False),
])
def test_only_a_transformer_with_mean_pooling_is_read_without_sentence_transformers(
        tmp_path: Path, types: list[str], modes: dict[str, bool], plain: bool) -> None:
    assert plain_layout(_folder(tmp_path, types, modes)) is plain
    assert plain_layout(tmp_path / "missing") is False


@pytest.mark.model
def test_the_shipped_embedder_gives_sentence_transformers_vectors() -> None:
    spec = load_models_config().embedder
    folder = resolve_local(spec)
    assert plain_layout(folder)
    script = (
        "import json, sys, numpy as np\n"
        "from factcheck.models.embedder import Embedder\n"
        "from factcheck.models.config import load_models_config\n"
        "texts = json.loads(sys.argv[1])\n"
        "vecs = Embedder(load_models_config().embedder).encode(texts)\n"
        "print(json.dumps({'st': 'sentence_transformers' in sys.modules, 'torch': 'torch' in sys.modules, "
        "'v': vecs.tolist()}))\n")
    lede = "UNHCR is the UN Refugee Agency."
    texts = [lede, "short", "A much longer sentence " * 30, lede]
    # FACTCHECK_BACKEND=torch: the transformers reading (the default is models.bert_numpy's, tested beside it)
    env = {**os.environ, "FACTCHECK_BACKEND": "torch"}
    done = subprocess.run([sys.executable, "-c", script, json.dumps(texts)], capture_output=True, text=True,
                          check=True, env=env)
    got = json.loads(done.stdout.strip().splitlines()[-1])
    assert got["st"] is False and got["torch"] is True  # read with transformers alone
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(folder), device="cpu", local_files_only=True)
    model.max_seq_length = spec.max_length
    want = model.encode(texts, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False)
    assert np.abs(np.asarray(got["v"]) - want).max() < 1e-5
