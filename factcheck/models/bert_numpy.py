"""A plain BERT encoder (MiniLM) run with numpy: the shipped models without torch or transformers.

Both shipped models are small BERTs: all-MiniLM-L6-v2 (a ``BertModel``, mean-pooled) and the NLI
model (a ``BertForSequenceClassification``). Importing torch and transformers and building their
model classes costs most of a first run (about 5 of its seconds and 400 MB here), more than running
the models on a story. For a local folder holding such a BERT (``config.json``: ``model_type`` bert,
absolute positions, exact GELU; ``tokenizer.json``; ``model.safetensors``), this module reads the
weights with ``safetensors.numpy``, the tokenizer with ``tokenizers`` and computes the same layers:
embeddings, six encoder layers (self-attention masked over padding, GELU feed-forward, LayerNorm),
then mean pooling or the pooler and classifier. Outputs match transformers to about 1e-6 (a test
compares them). Any other model, a hub id, a GPU or ``FACTCHECK_BACKEND=torch`` uses transformers.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float32]

_HEADS = {"embed": "BertModel", "classify": "BertForSequenceClassification"}


def wanted() -> bool:
    """Whether a plain BERT runs without torch (with onnxruntime where ``bert_onnx`` has its graph, else
    numpy): ``FACTCHECK_BACKEND=onnx`` or ``numpy``; or ``auto`` (the default) on a machine without an
    NVIDIA GPU (no ``/dev/nvidiactl``: finding out through torch would import it), where torch would run
    on the same CPU; ``torch`` never."""
    choice = os.environ.get("FACTCHECK_BACKEND", "auto").strip().lower() or "auto"
    return choice in ("numpy", "onnx") or (choice == "auto" and not os.path.exists("/dev/nvidiactl"))


def plain_bert(folder: str | Path, head: str) -> bool:
    """Whether ``folder`` holds a BERT this module computes exactly, for ``head`` (``embed`` or ``classify``)."""
    root = Path(folder)
    try:
        config = json.loads((root / "config.json").read_text("utf-8"))
    except (OSError, ValueError):
        return False
    return (isinstance(config, dict) and config.get("model_type") == "bert"
            and _HEADS[head] in (config.get("architectures") or [])
            and config.get("hidden_act") == "gelu"
            and config.get("position_embedding_type", "absolute") == "absolute"
            and not config.get("is_decoder", False)
            and (root / "tokenizer.json").is_file() and (root / "model.safetensors").is_file())


def _gelu(x: Array) -> Array:
    """GELU as BERT has it, x * (1 + erf(x / sqrt 2)) / 2, with erf to 1.5e-7 (Abramowitz and Stegun
    7.1.26), in float32 and in place where it can."""
    z = np.abs(x) * np.float32(1 / np.sqrt(2.0))
    t = np.float32(0.3275911) * z
    t += 1
    np.reciprocal(t, out=t)
    poly = t * np.float32(1.061405429)
    for c in (-1.453152027, 1.421413741, -0.284496736, 0.254829592):
        poly += np.float32(c)
        poly *= t
    np.square(z, out=z)
    np.negative(z, out=z)
    np.exp(z, out=z)
    poly *= z  # 1 - erf(|x| / sqrt 2)
    erf = np.float32(1) - poly
    erf *= np.sign(x)
    erf += 1
    erf *= x
    erf *= np.float32(0.5)
    return erf


def _layer_norm(x: Array, weight: Array, bias: Array, eps: float) -> Array:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return ((x - mean) / np.sqrt(var + np.float32(eps)) * weight + bias).astype(np.float32)


_ROWS = 512  # token rows per block of the feed-forward
_DTYPES = {"F32": np.float32, "F16": np.float16, "BF16": None, "F64": np.float64, "I64": np.int64}


def read_safetensors(path: Path) -> dict[str, NDArray[Any]]:
    """The tensors of a ``.safetensors`` file (an 8-byte header length, a JSON header, the data), each
    read once into memory: no memory map, so the file's pages are not held beside the arrays."""
    out: dict[str, NDArray[Any]] = {}
    with path.open("rb") as f:
        size = int.from_bytes(f.read(8), "little")
        header = json.loads(f.read(size))
        base = 8 + size
        for name, meta in header.items():
            if name == "__metadata__":
                continue
            dtype = _DTYPES.get(meta["dtype"])
            if dtype is None:
                raise ValueError(f"{path.name}: tensor {name} is {meta['dtype']}, which numpy cannot read")
            start, end = meta["data_offsets"]
            f.seek(base + start)
            out[name] = np.frombuffer(f.read(end - start), dtype=dtype).reshape(meta["shape"])
    return out


def checkpoint(folder: Path) -> dict[str, NDArray[Any]]:
    """The tensors of a folder's ``model.safetensors`` as stored, named without the ``bert.`` prefix of a
    classifier's encoder, without the ``position_ids`` buffer."""
    raw = read_safetensors(folder / "model.safetensors")
    prefix = "bert." if any(k.startswith("bert.") for k in raw) else ""
    return {k.removeprefix(prefix): v for k, v in raw.items() if not k.endswith("position_ids")}


def token_arrays(tokenizer: Any, texts: Sequence[str] | Sequence[tuple[str, str]]) -> dict[str, NDArray[np.int64]]:
    """Token ids, token types and the attention mask of a batch, padded to its longest text (or pair)."""
    enc = tokenizer.encode_batch(list(texts))
    return {"input_ids": np.array([e.ids for e in enc], dtype=np.int64),
            "attention_mask": np.array([e.attention_mask for e in enc], dtype=np.int64),
            "token_type_ids": np.array([e.type_ids for e in enc], dtype=np.int64)}


class PlainBert:
    """A folder that ``plain_bert`` accepts: its config and tokenizer, and the two ways it is used; the
    encoder itself is a subclass's (numpy here, onnxruntime in ``bert_onnx``)."""

    def __init__(self, folder: str | Path, max_length: int) -> None:
        from tokenizers import Tokenizer

        root = Path(folder)
        self.config: dict[str, Any] = json.loads((root / "config.json").read_text("utf-8"))
        limit = min(max_length, int(self.config.get("max_position_embeddings", 512)))
        self.tokenizer = Tokenizer.from_file(str(root / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_length=limit, strategy="longest_first")
        pad = int(self.config.get("pad_token_id", 0) or 0)
        self.tokenizer.enable_padding(pad_id=pad, pad_token=self.tokenizer.id_to_token(pad) or "[PAD]")

    def _pooled(self, texts: Sequence[str]) -> Array:
        """Unit vectors of the mean of each text's token states, one batch."""
        raise NotImplementedError

    def embed(self, texts: Sequence[str], batch_size: int) -> Array:
        """Unit vectors of the mean of each text's token states (sentence-transformers' mean pooling),
        in batches of texts of similar length (longest first)."""
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        out = np.zeros((len(texts), int(self.config["hidden_size"])), dtype=np.float32)
        for start in range(0, len(order), batch_size):
            batch = order[start:start + batch_size]
            out[batch] = self._pooled([texts[i] for i in batch])
        return out

    def classify(self, pairs: Sequence[tuple[str, str]]) -> Array:
        """Class probabilities of each (premise, hypothesis) pair, one batch."""
        raise NotImplementedError


class _AsFloat32:
    """The weights as float32 where they are used (one matrix at a time for a float16 checkpoint)."""

    def __init__(self, w: dict[str, NDArray[Any]]) -> None:
        self.w = w

    def __getitem__(self, key: str) -> Array:
        return self.w[key].astype(np.float32, copy=False)

    def rows(self, key: str, index: NDArray[np.int64]) -> Array:
        return self.w[key][index].astype(np.float32, copy=False)


class NumpyBert(PlainBert):
    """The encoder and its head computed with numpy, from a folder that ``plain_bert`` accepts."""

    def __init__(self, folder: str | Path, max_length: int) -> None:
        super().__init__(folder, max_length)
        # kept as stored (a float16 checkpoint stays half the size) and read as float32 where used
        self.w = checkpoint(Path(folder))
        self.heads = int(self.config["num_attention_heads"])
        self.eps = float(self.config.get("layer_norm_eps", 1e-12))
        self.layers = int(self.config["num_hidden_layers"])

    def _encode(self, texts: Sequence[str] | Sequence[tuple[str, str]]) -> tuple[Array, NDArray[np.int64]]:
        """Last hidden states (batch, tokens, hidden) and the attention mask."""
        arrays = token_arrays(self.tokenizer, texts)
        ids, types, mask = arrays["input_ids"], arrays["token_type_ids"], arrays["attention_mask"]
        w = _AsFloat32(self.w)
        x = (w.rows("embeddings.word_embeddings.weight", ids) + w.rows("embeddings.token_type_embeddings.weight", types)
             + w.rows("embeddings.position_embeddings.weight", np.arange(ids.shape[1]))[None])
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"], self.eps)
        b, n, h = x.shape
        d = h // self.heads
        # padding gets no attention (transformers adds the dtype's minimum; exp() of it is 0 either way)
        blocked = np.where(mask[:, None, None, :] > 0, np.float32(0), np.finfo(np.float32).min).astype(np.float32)
        scale = np.float32(1.0 / np.sqrt(d))
        for i in range(self.layers):
            p = f"encoder.layer.{i}."

            def dense(v: Array, name: str, p: str = p) -> Array:
                out = v.reshape(-1, v.shape[-1]) @ w[f"{p}{name}.weight"].T  # one product, no copy of the weight
                out += w[f"{p}{name}.bias"]
                return out.reshape(*v.shape[:-1], -1)

            q, k, v = (dense(x, f"attention.self.{m}").reshape(b, n, self.heads, d).transpose(0, 2, 1, 3)
                       for m in ("query", "key", "value"))
            scores = (q @ k.transpose(0, 1, 3, 2)) * scale + blocked
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            attn = (scores / scores.sum(-1, keepdims=True)).astype(np.float32)
            ctx = (attn @ v).transpose(0, 2, 1, 3).reshape(b, n, h)
            x = _layer_norm(dense(ctx, "attention.output.dense") + x, w[f"{p}attention.output.LayerNorm.weight"],
                            w[f"{p}attention.output.LayerNorm.bias"], self.eps)
            # the feed-forward a block of rows at a time: its wide middle is never held for the whole batch
            flat = x.reshape(-1, h)
            ffn = np.empty_like(flat)
            for r in range(0, flat.shape[0], _ROWS):
                ffn[r:r + _ROWS] = dense(_gelu(dense(flat[r:r + _ROWS], "intermediate.dense")), "output.dense")
            x = _layer_norm(ffn.reshape(b, n, h) + x, w[f"{p}output.LayerNorm.weight"],
                            w[f"{p}output.LayerNorm.bias"], self.eps)
        return x, mask

    def _pooled(self, texts: Sequence[str]) -> Array:
        hidden, mask = self._encode(texts)
        m = mask[..., None].astype(np.float32)
        mean = (hidden * m).sum(1) / np.maximum(m.sum(1), np.float32(1e-9))
        out: Array = mean / np.maximum(np.linalg.norm(mean, axis=1, keepdims=True), np.float32(1e-12))
        return out

    def classify(self, pairs: Sequence[tuple[str, str]]) -> Array:
        """Class probabilities of each (premise, hypothesis) pair: the pooler (tanh of the first token's
        dense layer), the classifier, softmax."""
        hidden, _ = self._encode(list(pairs))
        w = _AsFloat32(self.w)
        pooled = np.tanh(hidden[:, 0] @ w["pooler.dense.weight"].T + w["pooler.dense.bias"])
        logits = pooled @ w["classifier.weight"].T + w["classifier.bias"]
        e = np.exp(logits - logits.max(-1, keepdims=True))
        return (e / e.sum(-1, keepdims=True)).astype(np.float32)
