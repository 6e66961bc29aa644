"""The NLI cross-encoder behind one small interface.

Any transformers sequence-classification model works: the label order comes from
models.yaml or from the model's ``id2label``, never from a hard-coded index.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from factcheck.errors import ModelError
from factcheck.models.bert_numpy import PlainBert, plain_bert, wanted
from factcheck.models.bert_onnx import plain_model
from factcheck.models.config import NLI_LABELS, ModelSpec
from factcheck.models.loading import load_failed, locate, torch_device


@dataclass(frozen=True)
class NLIScores:
    entailment: float
    neutral: float
    contradiction: float

    def as_dict(self) -> dict[str, float]:
        return {"entailment": round(self.entailment, 4), "neutral": round(self.neutral, 4),
                "contradiction": round(self.contradiction, 4)}


def label_order(spec: ModelSpec, id2label: dict[int, str] | None) -> tuple[str, ...]:
    """Output index -> label, from models.yaml if given, else from the model's config."""
    from_config = tuple(str(id2label[i]).lower() for i in sorted(id2label)) if id2label else ()
    labels = spec.labels or from_config
    if spec.labels and from_config and not all(x.startswith("label_") for x in from_config) \
            and set(spec.labels) != set(from_config):
        raise ModelError(f"nli model {spec.name!r}: labels {list(spec.labels)} in {spec.config_file} "
                         f"do not match the model's id2label {list(from_config)}",
                         "fix nli.labels or remove it to use the model's own order", "FCE306")
    missing = [x for x in NLI_LABELS if x not in labels]
    if missing:
        raise ModelError(f"nli model {spec.name!r}: no {missing[0]!r} label in {list(labels)}",
                         f"give nli.labels in {spec.config_file} in the model's output order "
                         f"(valid names: {', '.join(NLI_LABELS)})", "FCE306")
    return labels


class NLIModel:
    """Scores (premise, hypothesis) pairs; batches sorted by length, padded to the longest pair."""

    def __init__(self, spec: ModelSpec) -> None:
        self.spec = spec
        where, kwargs = locate(spec)
        self.numpy: PlainBert | None = None  # the torch-free run (onnxruntime or numpy)
        if spec.kind != "hub" and wanted() and plain_bert(where, "classify"):
            try:
                self.numpy = plain_model(where, spec.max_length, "classify")
            except Exception as exc:
                raise load_failed(spec, exc) from exc
            id2label = self.numpy.config.get("id2label")
            self.labels = label_order(spec, {int(k): v for k, v in id2label.items()} if isinstance(id2label, dict)
                                      else None)
            return
        try:
            from transformers import AutoModelForSequenceClassification, AutoTokenizer

            self.tokenizer: Any = AutoTokenizer.from_pretrained(where, **kwargs)
            self.model: Any = AutoModelForSequenceClassification.from_pretrained(where, **kwargs)
        except Exception as exc:
            raise load_failed(spec, exc) from exc
        self.device = torch_device()
        self.model.to(self.device).float().eval()
        self.labels = label_order(spec, getattr(self.model.config, "id2label", None))

    def predict(self, pairs: Sequence[tuple[str, str]],
                progress: Callable[[int], None] | None = None) -> list[NLIScores]:
        out: list[NLIScores | None] = [None] * len(pairs)
        order = sorted(range(len(pairs)), key=lambda i: len(pairs[i][0]) + len(pairs[i][1]))
        size = self.spec.batch_size
        for start in range(0, len(order), size):
            idx = order[start:start + size]
            for i, row in zip(idx, self._probabilities([pairs[i] for i in idx]), strict=True):
                named = dict(zip(self.labels, row, strict=True))
                out[i] = NLIScores(named["entailment"], named["neutral"], named["contradiction"])
            if progress is not None:
                progress(len(idx))
        return [s for s in out if s is not None]

    def _probabilities(self, batch: list[tuple[str, str]]) -> list[list[float]]:
        """Each pair's class probabilities, in the model's output order."""
        if self.numpy is not None:
            rows: list[list[float]] = self.numpy.classify(batch).tolist()
            return rows
        import torch

        with torch.inference_mode():
            enc = self.tokenizer([p for p, _ in batch], [h for _, h in batch], padding=True, truncation=True,
                                 max_length=self.spec.max_length, return_tensors="pt").to(self.device)
            probs: list[list[float]] = torch.softmax(self.model(**enc).logits.float(), dim=-1).cpu().tolist()
        return probs
