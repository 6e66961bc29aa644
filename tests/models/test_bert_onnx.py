"""The shipped BERTs run with onnxruntime: the numbers of the numpy encoder (within 1e-5, every label the
same), from graphs that the script in the repository writes byte for byte."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from factcheck.models import bert_onnx
from factcheck.models.bert_numpy import NumpyBert
from factcheck.models.bert_onnx import GRAPHS, MANIFEST, OnnxBert, architecture, graph_for, plain_model
from factcheck.models.config import load_models_config, resolve_local

TEXTS = ["UNHCR is the UN Refugee Agency.", "short", "The minister said 150 refugees would come this year. " * 12,
         "Kerry met Key at Premier House in Wellington on Tuesday.", "", "Ça coûte 3 € — « vraiment »."]
PAIRS = [(TEXTS[0], TEXTS[3]), (TEXTS[2], "The minister said 999 refugees would come."), ("a", "b"),
         ("The council approved the plan.", "The council rejected the plan."),
         ("Twelve people were killed.", "12 people died in the blast on Friday.")]


def _folders() -> tuple[Path, Path]:
    cfg = load_models_config()
    return resolve_local(cfg.embedder), resolve_local(cfg.nli)


def test_each_shipped_model_has_its_graph_and_the_manifest_names_its_weights() -> None:
    manifest = json.loads((GRAPHS / MANIFEST).read_text())
    for folder, head in zip(_folders(), ("embed", "classify"), strict=True):
        config = json.loads((folder / "config.json").read_text())
        entry = graph_for(config, head)
        assert entry is not None and (GRAPHS / entry["file"]).is_file()
        assert entry in manifest["graphs"] and entry["architecture"] == architecture(config, head)
    other = {**json.loads((_folders()[1] / "config.json").read_text()), "num_hidden_layers": 2}
    assert graph_for(other, "classify") is None   # another architecture: no graph, numpy runs it


def test_the_graphs_are_what_the_script_writes() -> None:
    pytest.importorskip("onnx", reason="writing the graphs needs the onnx package (the test extra)")
    from training.onnx_graphs import MANIFEST as NAME
    from training.onnx_graphs import graphs

    files, manifest = graphs()
    files[NAME] = (json.dumps(manifest, indent=2) + "\n").encode()
    assert sorted(files) == sorted(p.name for p in GRAPHS.iterdir() if p.suffix in (".onnx", ".json"))
    for name, data in files.items():
        assert (GRAPHS / name).read_bytes() == data, f"{name}: run python -m training.onnx_graphs"


@pytest.mark.model
def test_onnxruntime_gives_the_numbers_of_the_numpy_encoder() -> None:
    embedder, nli = _folders()
    for folder, head in ((embedder, "embed"), (nli, "classify")):
        assert isinstance(plain_model(folder, 256, head), OnnxBert)
    want = NumpyBert(embedder, 256).embed(TEXTS, 2)
    got = plain_model(embedder, 256, "embed").embed(TEXTS, 2)
    assert got.shape == want.shape and np.abs(got - want).max() < 1e-5
    want_p = NumpyBert(nli, 256).classify(PAIRS)
    got_p = plain_model(nli, 256, "classify").classify(PAIRS)
    assert np.abs(got_p - want_p).max() < 1e-5 and (got_p.argmax(1) == want_p.argmax(1)).all()


@pytest.mark.parametrize(("value", "onnx"), [(None, True), ("auto", True), ("onnx", True), ("numpy", False),
                                              ("torch", False)])
def test_the_runtime_choice(monkeypatch: pytest.MonkeyPatch, value: str | None, onnx: bool) -> None:
    if value is None:
        monkeypatch.delenv("FACTCHECK_BACKEND", raising=False)
    else:
        monkeypatch.setenv("FACTCHECK_BACKEND", value)
    assert bert_onnx.wanted() is onnx
    monkeypatch.setattr(bert_onnx.importlib.util, "find_spec", lambda name: None)
    assert bert_onnx.wanted() is False   # no onnxruntime installed: numpy


@pytest.mark.parametrize(("value", "threads"), [(None, 0), ("1", 1), ("4", 4), ("0", 0), ("x", 0), ("-2", 0)])
def test_threads_follow_omp_num_threads(monkeypatch: pytest.MonkeyPatch, value: str | None, threads: int) -> None:
    if value is None:
        monkeypatch.delenv("OMP_NUM_THREADS", raising=False)
    else:
        monkeypatch.setenv("OMP_NUM_THREADS", value)
    assert bert_onnx.threads() == threads
