"""The shipped combiner: a logistic regression stored as JSON numbers, read with numpy alone.

``factcheck/models_data/edit-judge/model.json`` (written by ``python -m training.judge``)
holds one variant per input the judge may have: ``pair`` (the two texts alone), ``story`` (the two
texts and the rest of the story), ``added`` (a sentence only one version has, and the story). Each
variant has its feature names, their mean and scale, the coefficients, a Platt calibration and the
severity thresholds derived from held-out data. Nothing is loaded at import.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from factcheck.errors import ModelError
from factcheck.text.tables import PACKAGE

FORMAT = "factcheck-edit-judge/1"
SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Variant:
    name: str
    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    platt: tuple[float, float]
    thresholds: dict[str, float]  # severity -> lowest calibrated P(fact change) that gets it
    max_changed_tokens: float = math.inf  # pairs with more tokens edited than (almost) any the variant was
                                          # trained on are outside what it has learned
    low: np.ndarray | None = None   # each feature's range in training: a value outside it is read at its
    high: np.ndarray | None = None  # edge, so that a linear model never extrapolates ("Shares rose." is
                                    # shorter than any training sentence, not less likely to change a fact)

    def _x(self, features: Mapping[str, float]) -> np.ndarray:
        x = np.array([float(features.get(n, 0.0)) for n in self.features])
        if self.low is not None and self.high is not None:
            x = np.clip(x, self.low, self.high)
        return x

    def score(self, features: Mapping[str, float]) -> float:
        """The linear score (log-odds before calibration)."""
        return float(((self._x(features) - self.mean) / self.scale) @ self.coef + self.intercept)

    def probability(self, features: Mapping[str, float]) -> float:
        """Calibrated P(the edit changes a fact), with the two classes held at even odds."""
        a, b = self.platt
        return 1.0 / (1.0 + math.exp(-(a * self.score(features) + b)))

    def contributions(self, features: Mapping[str, float]) -> dict[str, float]:
        """Each feature's share of the score: coefficient times standardised value (positive: towards a
        fact change). The explanation behind a verdict's reasons."""
        parts = (self._x(features) - self.mean) / self.scale * self.coef
        return {n: float(v) for n, v in zip(self.features, parts, strict=True)}

    def severity(self, p: float) -> str:
        for sev in ("error", "warning"):
            if p >= self.thresholds[sev]:
                return sev
        return "info"


@dataclass(frozen=True)
class JudgeModel:
    variants: dict[str, Variant]
    meta: dict[str, Any]

    def variant(self, name: str) -> Variant:
        if name in self.variants:
            return self.variants[name]
        return self.variants["pair"]

    def with_warnings(self, warnings: Mapping[str, float]) -> JudgeModel:
        """The same model with the warning thresholds of the named variants replaced (a report chooses
        its own: ``models.config.THRESHOLDS``)."""
        if all(self.variant(n).thresholds["warning"] == w for n, w in warnings.items() if n in self.variants):
            return self
        variants = {n: replace(v, thresholds={**v.thresholds, "warning": float(warnings[n])}) if n in warnings else v
                    for n, v in self.variants.items()}
        return JudgeModel(variants, self.meta)


def _variant(name: str, raw: Mapping[str, Any], where: str) -> Variant:
    try:
        features = tuple(str(x) for x in raw["features"])
        arrays = [np.asarray(raw[k], dtype=np.float64) for k in ("mean", "scale", "coef")]
        if any(a.shape != (len(features),) for a in arrays):
            raise ValueError("mean, scale and coef must each have one number per feature")
        platt = (float(raw["platt"][0]), float(raw["platt"][1]))
        thresholds = {k: float(raw["thresholds"][k]) for k in ("error", "warning")}
        low, high = (np.asarray(raw[k], dtype=np.float64) if k in raw else None for k in ("low", "high"))
        if any(a is not None and a.shape != (len(features),) for a in (low, high)):
            raise ValueError("low and high must each have one number per feature")
        return Variant(name, features, arrays[0], arrays[1], arrays[2], float(raw["intercept"]), platt, thresholds,
                       float(raw.get("max_changed_tokens", math.inf)), low, high)
    except (KeyError, TypeError, ValueError, IndexError) as exc:
        raise ModelError(f"edit judge model {where}: variant {name!r} is malformed ({exc})",
                         "rebuild it with python -m training.judge", "FCE307") from exc


def parse_model(data: Any, where: str = "model.json") -> JudgeModel:
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("variants"), dict):
        raise ModelError(f"edit judge model {where}: not a {FORMAT} file",
                         "rebuild it with python -m training.judge", "FCE307")
    variants = {name: _variant(name, raw, where) for name, raw in data["variants"].items()}
    if "pair" not in variants:
        raise ModelError(f"edit judge model {where}: no 'pair' variant",
                         "rebuild it with python -m training.judge", "FCE307")
    return JudgeModel(variants, {k: v for k, v in data.items() if k != "variants"})


def load_model(path: str | Path | None = None) -> JudgeModel:
    """The model at ``path``, or the shipped one."""
    if path is None:
        text = (PACKAGE / "models_data" / "edit-judge" / "model.json").read_text("utf-8")
        return parse_model(json.loads(text), "factcheck/models_data/edit-judge/model.json")
    return parse_model(json.loads(Path(path).read_text("utf-8")), str(path))


@lru_cache(maxsize=1)
def shipped_model() -> JudgeModel:
    """The shipped model, read once on first use."""
    return load_model()
