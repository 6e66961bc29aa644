"""Sentence embeddings: a plain mean-pooled BERT folder run with onnxruntime or numpy (``bert_onnx``,
``bert_numpy``) or read with transformers (``mean_pooled``), any other model with sentence-transformers."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from factcheck.models.bert_numpy import PlainBert, plain_bert, wanted
from factcheck.models.bert_onnx import plain_model
from factcheck.models.config import ModelSpec
from factcheck.models.loading import load_failed, locate, torch_device
from factcheck.models.mean_pooled import MeanPooled, plain_layout


class Embedder:
    """Encodes sentences into unit vectors; duplicates are encoded once."""

    def __init__(self, spec: ModelSpec) -> None:
        self.spec = spec
        where, kwargs = locate(spec)
        self.numpy: PlainBert | None = None  # the torch-free run (onnxruntime or numpy)
        try:
            if spec.kind != "hub" and plain_layout(where) and wanted() and plain_bert(where, "embed"):
                self.numpy = plain_model(where, spec.max_length, "embed")
                return
            if spec.kind != "hub" and plain_layout(where):
                self.model: Any = MeanPooled(where, torch_device(), **kwargs)
            else:
                from sentence_transformers import SentenceTransformer

                self.model = SentenceTransformer(where, device=torch_device(), **kwargs)
        except Exception as exc:
            raise load_failed(spec, exc) from exc
        self.model.max_seq_length = min(spec.max_length, self.model.max_seq_length or spec.max_length)

    def encode(self, texts: Sequence[str]) -> NDArray[np.float32]:
        unique = list(dict.fromkeys(texts))
        if not unique:
            return np.zeros((0, 1), dtype=np.float32)
        if self.numpy is not None:
            vecs = self.numpy.embed(unique, self.spec.batch_size)
        else:
            vecs = self.model.encode(unique, batch_size=self.spec.batch_size, normalize_embeddings=True,
                                     convert_to_numpy=True, show_progress_bar=False)
        index = {t: i for i, t in enumerate(unique)}
        return np.asarray(vecs, dtype=np.float32)[[index[t] for t in texts]]
