"""models.yaml: which model fills each role, where it comes from, how to check and read it.

Sources:
- ``package:<module>[/<sub/path>]``: a folder inside an installed Python package (a module
  with ``get_model_path()`` gives its own folder);
- ``path:<dir>``: a local folder, relative to the models file;
- ``hub:<id>@<revision>``: a Hugging Face hub id pinned to a revision (needs the network).
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from factcheck.errors import ConfigError, ModelError

ROLES = ("embedder", "nli")
MODEL_KEYS = ("name", "source", "sha256", "labels", "max_length", "batch_size", "licence")
TOP_KEYS = (*ROLES, "thresholds")
THRESHOLDS = {
    "align": 0.5,           # similarity for two sentences to share a slot
    "align_split": 0.45,    # similarity for a split or merged sentence to join its neighbour's slot
    "align_weight": 0.7,    # share of embedding cosine in that similarity; the rest is word overlap
    "neighbour": 0.55,      # cosine for an unaligned sentence to be checked against a neighbour
    "contradiction": 0.6,   # NLI contradiction (mean of both directions) for an error in a slot;
                            # 0.6 gives 0.785 precision on held-out MNLI+SNLI (bench/calibrate_contradiction.py)
    "neighbour_contradiction": 0.8,  # the same for sentences in different slots
    "entailment": 0.5,      # NLI probability for entailment
}
NLI_LABELS = ("entailment", "neutral", "contradiction")


@dataclass(frozen=True)
class ModelSpec:
    role: str
    name: str
    source: str
    sha256: str | None = None
    labels: tuple[str, ...] | None = None
    max_length: int = 256
    batch_size: int = 32
    licence: str | None = None
    base_dir: Path = field(default=Path("."), compare=False)
    config_file: str = "models.yaml"

    @property
    def kind(self) -> str:
        return self.source.split(":", 1)[0]

    def describe(self) -> dict[str, Any]:
        return {"role": self.role, "name": self.name, "source": self.source,
                "sha256": self.sha256, "licence": self.licence}


@dataclass(frozen=True)
class ModelsConfig:
    embedder: ModelSpec
    nli: ModelSpec
    thresholds: dict[str, float]
    path: str


def default_models_file() -> Path:
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "models.yaml", here.parent / "models.yaml"):
        if candidate.is_file():
            return candidate
    raise ConfigError("the default models.yaml is missing from the installation",
                      "reinstall factcheck, or pass --models FILE", "FCE201")


def _err(file: str, what: str, hint: str = "") -> ConfigError:
    return ConfigError(f"{file}: {what}", hint or "see models.yaml in the factcheck repository", "FCE202")


def parse_models(data: Any, file: str, base_dir: Path) -> ModelsConfig:
    if not isinstance(data, dict):
        raise _err(file, "must be a mapping with the keys " + ", ".join(TOP_KEYS))
    unknown = sorted(set(data) - set(TOP_KEYS))
    if unknown:
        raise _err(file, f"unknown key {unknown[0]!r}; valid keys: {', '.join(TOP_KEYS)}")
    specs = {}
    for role in ROLES:
        entry = data.get(role)
        if not isinstance(entry, dict):
            raise _err(file, f"missing the {role!r} section", f"add {role}: with name and source")
        bad = sorted(set(entry) - set(MODEL_KEYS))
        if bad:
            raise _err(file, f"{role}: unknown key {bad[0]!r}; valid keys: {', '.join(MODEL_KEYS)}")
        for key in ("name", "source"):
            if not isinstance(entry.get(key), str) or not entry[key].strip():
                raise _err(file, f"{role}: {key!r} must be a non-empty string")
        source = entry["source"].strip()
        kind = source.split(":", 1)[0]
        if ":" not in source or kind not in ("package", "path", "hub"):
            raise _err(file, f"{role}: source {source!r} must start with package:, path: or hub:")
        if kind == "hub" and "@" not in source:
            raise _err(file, f"{role}: hub source {source!r} has no @revision",
                       "pin a commit, e.g. hub:cross-encoder/nli-deberta-v3-base@<sha>")
        labels = entry.get("labels")
        if labels is not None and (not isinstance(labels, list) or not all(isinstance(x, str) for x in labels)):
            raise _err(file, f"{role}: labels must be a list of strings in the model's output order")
        for key in ("max_length", "batch_size"):
            if key in entry and (not isinstance(entry[key], int) or entry[key] < 1):
                raise _err(file, f"{role}: {key} must be a positive whole number")
        specs[role] = ModelSpec(
            role=role, name=entry["name"], source=source, sha256=entry.get("sha256"),
            labels=tuple(x.lower() for x in labels) if labels else None,
            max_length=entry.get("max_length", 256), batch_size=entry.get("batch_size", 32),
            licence=entry.get("licence"), base_dir=base_dir, config_file=file)
    thresholds = dict(THRESHOLDS)
    raw = data.get("thresholds") or {}
    if not isinstance(raw, dict):
        raise _err(file, "thresholds must be a mapping")
    for key, value in raw.items():
        if key not in THRESHOLDS:
            raise _err(file, f"unknown threshold {key!r}; valid: {', '.join(THRESHOLDS)}")
        if not isinstance(value, (int, float)) or not 0 <= value <= 1:
            raise _err(file, f"threshold {key!r} must be a number from 0 to 1")
        thresholds[key] = float(value)
    return ModelsConfig(specs["embedder"], specs["nli"], thresholds, file)


def load_models_config(path: str | Path | None = None) -> ModelsConfig:
    import yaml

    file = Path(path) if path is not None else default_models_file()
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ConfigError(f"{file}: models file not found", "check --models", "FCE201") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{file}: cannot be read ({exc.__class__.__name__})", "", "FCE201") from exc
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise _err(str(file), f"is not valid YAML{where}") from exc
    return parse_models(data, str(file), file.resolve().parent)


def resolve_local(spec: ModelSpec) -> Path:
    """The folder of a package: or path: model; ModelError with the fix when it is missing."""
    kind, _, rest = spec.source.partition(":")
    if kind == "path":
        folder = Path(rest).expanduser()
        if not folder.is_absolute():
            folder = spec.base_dir / folder
    elif kind == "package":
        module_name, _, sub = rest.partition("/")
        try:
            found = importlib.util.find_spec(module_name)
        except (ImportError, ValueError):
            found = None
        if found is None:
            raise ModelError(
                f"{spec.role} model {spec.name!r}: package {module_name!r} is not installed",
                f"pip install the package that provides it, or change {spec.role}.source in {spec.config_file}",
                "FCE301")
        module = importlib.import_module(module_name)
        getter = getattr(module, "get_model_path", None)
        if callable(getter) and not sub:
            folder = Path(getter())
        else:
            folder = Path(next(iter(found.submodule_search_locations or []), Path(module.__file__ or "").parent))
            folder = folder / sub
    else:
        raise ModelError(f"{spec.role}: {spec.source} is not a local source", "", "FCE302")
    if not folder.is_dir():
        raise ModelError(f"{spec.role} model {spec.name!r} not found at {folder}",
                         f"fix {spec.role}.source in {spec.config_file}", "FCE301")
    return folder


def verify_checksum(spec: ModelSpec, folder: Path) -> None:
    if not spec.sha256:
        return
    weights = folder / "model.safetensors"
    if not weights.is_file():
        raise ModelError(f"{spec.role} model {spec.name!r}: {weights} is missing",
                         f"reinstall the model or fix {spec.role}.source in {spec.config_file}", "FCE303")
    digest = hashlib.sha256()
    with weights.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    if digest.hexdigest() != spec.sha256.lower():
        raise ModelError(f"{spec.role} model {spec.name!r}: sha256 of {weights.name} does not match "
                         f"{spec.config_file}", "reinstall the model, or update sha256 if you changed it on purpose",
                         "FCE304")
