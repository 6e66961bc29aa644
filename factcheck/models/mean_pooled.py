"""A sentence-transformers model of the plain kind, read with transformers alone.

A folder whose ``modules.json`` is a transformer, mean pooling and (optionally) normalising, the
layout of all-MiniLM-L6-v2, gives the same vectors when read with ``transformers`` directly: the
tokens' last hidden states averaged over the attention mask, then scaled to unit length. Importing
sentence-transformers costs seconds and hundreds of megabytes (it pulls in scikit-learn, scipy and
its training code), more than the model itself, so such a folder is read here; any other layout,
or a hub id, goes to sentence-transformers (``models.embedder``).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

_TRANSFORMER = "sentence_transformers.models.Transformer"
_POOLING = "sentence_transformers.models.Pooling"
_NORMALIZE = "sentence_transformers.models.Normalize"


def plain_layout(folder: str | Path) -> bool:
    """Whether ``folder`` holds a transformer with mean pooling (and normalising) only."""
    root = Path(folder)
    try:
        modules = json.loads((root / "modules.json").read_text("utf-8"))
        types = [m["type"] for m in modules]
        if types not in ([_TRANSFORMER, _POOLING], [_TRANSFORMER, _POOLING, _NORMALIZE]) or modules[0]["path"]:
            return False
        pooling = json.loads((root / modules[1]["path"] / "config.json").read_text("utf-8"))
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return False
    modes = {k for k, v in pooling.items() if k.startswith("pooling_mode") and v}
    return modes == {"pooling_mode_mean_tokens"}


class MeanPooled:
    """``encode`` as sentence-transformers' ``SentenceTransformer.encode(..., normalize_embeddings=True)``
    for a plain folder: batches of sentences of similar length, padded, truncated at
    ``max_seq_length``, mean-pooled over the mask, unit length."""

    def __init__(self, folder: str | Path, device: str, **kwargs: Any) -> None:
        from transformers import AutoModel, AutoTokenizer

        root = Path(folder)
        config = json.loads((root / "sentence_bert_config.json").read_text("utf-8")) \
            if (root / "sentence_bert_config.json").is_file() else {}
        self.max_seq_length: int | None = config.get("max_seq_length")
        self.lower = bool(config.get("do_lower_case", False))
        self.tokenizer = AutoTokenizer.from_pretrained(str(root), **kwargs)
        self.model = AutoModel.from_pretrained(str(root), **kwargs).to(device).eval()
        self.device = device

    def encode(self, texts: Sequence[str], batch_size: int = 64, **_: Any) -> NDArray[np.float32]:
        import torch

        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        out = np.zeros((len(texts), self.model.config.hidden_size), dtype=np.float32)
        with torch.inference_mode():
            for start in range(0, len(order), batch_size):
                batch = order[start:start + batch_size]
                words = [texts[i].lower() if self.lower else texts[i] for i in batch]
                enc = self.tokenizer(words, padding=True, truncation="longest_first", return_tensors="pt",
                                     max_length=self.max_seq_length).to(self.device)
                hidden = self.model(**enc).last_hidden_state
                mask = enc["attention_mask"].unsqueeze(-1).to(hidden.dtype)
                mean = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
                out[batch] = torch.nn.functional.normalize(mean, p=2, dim=1).cpu().numpy()
        return out
