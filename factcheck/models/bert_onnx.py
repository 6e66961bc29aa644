"""The shipped BERTs run with onnxruntime: the same layers as ``bert_numpy``, in about 0.6 of its CPU time.

A graph is written once for each architecture the shipped models have (``python -m training.onnx_graphs``
writes ``factcheck/models_data/onnx/``: the graphs, which hold no weights, and ``graphs.json``, which says
which architecture each is for and which weights it takes). At load, the model's own ``model.safetensors``
is read as ``bert_numpy`` reads it (as float32, the ``bert.`` prefix removed) and handed to onnxruntime as
the graph's initializers, so no weight is stored twice and no torch is needed, at build time or after.

A folder whose architecture has no graph here, a machine without onnxruntime, or
``FACTCHECK_BACKEND=numpy`` uses ``bert_numpy``. Threads: ``OMP_NUM_THREADS`` when set (a batch worker
sets it), else onnxruntime's default (one per physical core).
"""

from __future__ import annotations

import importlib.util
import json
import os
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from factcheck.models.bert_numpy import Array, NumpyBert, PlainBert, checkpoint, token_arrays

GRAPHS = Path(__file__).resolve().parent.parent / "models_data" / "onnx"
MANIFEST = "graphs.json"
# what fixes a graph: its head and every figure of the config that gives a layer its shape or constant
SHAPE_KEYS = ("hidden_size", "num_attention_heads", "num_hidden_layers", "intermediate_size", "vocab_size",
              "max_position_embeddings", "type_vocab_size", "layer_norm_eps")


def architecture(config: dict[str, Any], head: str) -> dict[str, Any]:
    """What a graph must be written for: the head (``embed`` or ``classify``), the shape figures, the labels."""
    arch: dict[str, Any] = {"head": head, **{k: config.get(k) for k in SHAPE_KEYS}}
    if head == "classify":
        arch["labels"] = len(config.get("id2label") or {}) or int(config.get("num_labels", 2))
    return arch


@cache
def _manifest(folder: Path) -> list[dict[str, Any]]:
    try:
        entries = json.loads((folder / MANIFEST).read_text("utf-8"))["graphs"]
    except (OSError, ValueError, KeyError, TypeError):
        return []
    return [e for e in entries if isinstance(e, dict)]


def graph_for(config: dict[str, Any], head: str, folder: Path = GRAPHS) -> dict[str, Any] | None:
    """The manifest's entry of the graph written for this architecture, or None."""
    arch = architecture(config, head)
    return next((e for e in _manifest(folder) if e.get("architecture") == arch), None)


def wanted() -> bool:
    """Whether onnxruntime may run a plain BERT: unless ``FACTCHECK_BACKEND`` says numpy (or torch), and
    only where onnxruntime is installed (found without importing it)."""
    choice = os.environ.get("FACTCHECK_BACKEND", "auto").strip().lower() or "auto"
    return choice in ("auto", "onnx") and importlib.util.find_spec("onnxruntime") is not None


def threads() -> int:
    """onnxruntime's threads: ``OMP_NUM_THREADS`` when it is a positive whole number, else 0 (its default)."""
    value = os.environ.get("OMP_NUM_THREADS", "").strip()
    return int(value) if value.isdigit() and int(value) > 0 else 0


class OnnxBert(PlainBert):
    """The encoder and its head run by onnxruntime from a shipped graph, fed the folder's weights."""

    def __init__(self, folder: str | Path, max_length: int, entry: dict[str, Any], graphs: Path = GRAPHS,
                 options: Any = None) -> None:
        """``options``: onnxruntime ``SessionOptions`` to start from (a benchmark's profiler), else new ones."""
        import onnxruntime as ort

        super().__init__(folder, max_length)
        tensors = checkpoint(Path(folder))
        names = [str(n) for n in entry["initializers"]]
        options = options if options is not None else ort.SessionOptions()
        options.log_severity_level = 3  # errors only: onnxruntime's warnings would go to the terminal
        options.intra_op_num_threads = threads()
        options.inter_op_num_threads = 1
        # onnxruntime copies each initializer when the session is made: the arrays can go afterwards
        values = [ort.OrtValue.ortvalue_from_numpy(np.ascontiguousarray(tensors[n], dtype=np.float32)) for n in names]
        options.add_external_initializers(names, values)
        self.session = ort.InferenceSession(str(graphs / str(entry["file"])), options,
                                            providers=["CPUExecutionProvider"])

    def _run(self, texts: Sequence[str] | Sequence[tuple[str, str]]) -> Array:
        out: Array = self.session.run(None, token_arrays(self.tokenizer, texts))[0]
        return out

    def _pooled(self, texts: Sequence[str]) -> Array:
        return self._run(texts)

    def classify(self, pairs: Sequence[tuple[str, str]]) -> Array:
        return self._run(list(pairs))


def plain_model(folder: str | Path, max_length: int, head: str) -> PlainBert:
    """A folder that ``bert_numpy.plain_bert`` accepts, run by onnxruntime where a graph fits it (and
    ``wanted``), else by numpy."""
    if wanted():
        config = json.loads((Path(folder) / "config.json").read_text("utf-8"))
        entry = graph_for(config, head)
        if entry is not None:
            return OnnxBert(folder, max_length, entry)
    return NumpyBert(folder, max_length)
