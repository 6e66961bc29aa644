"""models.yaml: which model fills each role, where it comes from, how to check and read it.

Sources:
- ``package:<package>[/<sub/path>]``: a folder inside an installed Python package, found on the
  import path without importing anything (a models file can name any package: none is ever run);
- ``path:<dir>``: a local folder, relative to the models file;
- ``hub:<id>@<revision>``: a Hugging Face hub id pinned to a revision (needs the network).
"""

from __future__ import annotations

import hashlib
import importlib.machinery
import importlib.util
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.machinery import ModuleSpec
from pathlib import Path
from typing import Any

from factcheck.errors import ConfigError, ModelError
from factcheck.inputs.limits import MAX_CONFIG_BYTES
from factcheck.inputs.regular_file import MISSING, FileProblem, read_regular

ROLES = ("embedder", "nli")
MAX_INT = {"max_length": 65_536, "batch_size": 65_536}
_SHA256 = re.compile(r"[0-9a-fA-F]+")
_MODULE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*")
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
    # how severe (``verdict.severity``, ``verdict.judge``): chosen by leaving one story or document out
    # (bench/cv_thresholds.py; the figures are in bench/README.md)
    "same_statement": 0.5,  # share of two texts' tokens in common for them to be surely one statement
    "same_fact": 0.6,       # cosine of two sentences in different slots for them to be surely one fact
    "judge_story": 0.6,     # the edit judge's warning threshold, story variant (calibrated P of a fact change)
    "judge_pair": 0.55,     # the same, pair variant (a story shorter than the judge learned from)
    "recast": 0.3,          # two texts of a slot that share under this share of their tokens were recast, not
                            # edited: a model's verdict on them is a note (verdict.severity, step 8)
    "restated": 0.4,        # below this share of its words restated by the closest sentences of a version that
                            # lacks it, a sentence says something new to that version (FC111)
    "off_topic": 0.3,       # a block some versions lack no closer than this to the rest of the story is info
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
            value = entry.get(key, 1)
            if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_INT[key]:
                raise _err(file, f"{role}: {key} must be a whole number from 1 to {MAX_INT[key]:,}")
        sha = entry.get("sha256")
        if sha is not None and not (isinstance(sha, str) and _SHA256.fullmatch(sha)):
            raise _err(file, f"{role}: sha256 must be a string of hex digits (the checksum of model.safetensors)")
        if entry.get("licence") is not None and not isinstance(entry["licence"], str):
            raise _err(file, f"{role}: licence must be a string")
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
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
            raise _err(file, f"threshold {key!r} must be a number from 0 to 1")
        thresholds[key] = float(value)
    return ModelsConfig(specs["embedder"], specs["nli"], thresholds, file)


def load_models_config(path: str | Path | None = None,
                       read: Callable[[Path, int], bytes] | None = None) -> ModelsConfig:
    """The models file at ``path`` (None: the default); ``read(path, limit)`` reads it where the caller
    says (diff-branch: at the base revision), else ``read_regular``."""
    file = Path(path) if path is not None else default_models_file()
    try:
        text = (read or read_regular)(file, MAX_CONFIG_BYTES).decode("utf-8")
    except FileProblem as exc:
        if exc.kind == MISSING:
            raise ConfigError(f"{file}: models file {exc.reason}", "check --models", "FCE201") from exc
        raise ConfigError(f"{file}: {exc.reason}", "give a models.yaml file", "FCE201") from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{file}: cannot be read ({exc.__class__.__name__})", "", "FCE201") from exc
    return parse_models_text(text, str(file), file.resolve().parent)


def parse_models_text(text: str, file: str, base_dir: Path) -> ModelsConfig:
    """A models file's text, parsed (``file`` names it in errors; ``base_dir``: where ``path:`` sources are)."""
    import yaml

    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise _err(file, f"is not valid YAML{where}") from exc
    except RecursionError as exc:
        raise _err(file, "nests too deeply to read") from exc
    except ValueError as exc:  # e.g. an integer of more digits than Python converts
        raise _err(file, f"holds a value that cannot be read ({str(exc)[:80]})") from exc
    return parse_models(data, file, base_dir)


def resolve_local(spec: ModelSpec) -> Path:
    """The folder of a package: or path: model; ModelError with the fix when it is missing."""
    kind, _, rest = spec.source.partition(":")
    if kind == "path":
        folder = Path(rest).expanduser()
        if not folder.is_absolute():
            folder = spec.base_dir / folder
    elif kind == "package":
        package, _, sub = rest.partition("/")
        folder = package_folder(package, spec) / sub
        if not sub and not (folder / "config.json").is_file() and (folder / "model" / "config.json").is_file():
            raise ModelError(f"{spec.role} model {spec.name!r}: the package {package!r} is not itself a model "
                             "folder (factcheck no longer imports it to ask where its model is)",
                             f"name the folder in {spec.config_file}: source: package:{package}/model", "FCE301")
    else:
        raise ModelError(f"{spec.role}: {spec.source} is not a local source", "", "FCE302")
    if not folder.is_dir():
        raise ModelError(f"{spec.role} model {spec.name!r} not found at {folder}",
                         f"fix {spec.role}.source in {spec.config_file}", "FCE301")
    return folder


def package_folder(package: str, spec: ModelSpec) -> Path:
    """The folder of an installed package, found on ``sys.path`` without importing it or its parents
    (``importlib.util.find_spec`` would import the parents of a dotted name)."""
    missing = ModelError(f"{spec.role} model {spec.name!r}: package {package!r} is not installed",
                         f"pip install the package that provides it, or change {spec.role}.source in "
                         f"{spec.config_file}", "FCE301")
    if not _MODULE.fullmatch(package):
        raise missing
    parts = package.split(".")
    found = _spec(lambda: importlib.util.find_spec(parts[0]))  # top-level: located, never executed
    for part in parts[1:]:
        if found is None or found.submodule_search_locations is None:
            break
        search = list(found.submodule_search_locations)
        found = _spec(lambda: importlib.machinery.PathFinder.find_spec(part, search))  # noqa: B023
    if found is None:
        raise missing
    if found.submodule_search_locations is None:
        raise ModelError(f"{spec.role} model {spec.name!r}: {package!r} is a module, not a package folder",
                         f"name a package, or use a path: source in {spec.config_file}", "FCE301")
    folder = next(iter(found.submodule_search_locations), None)
    if folder is None:
        raise missing
    return Path(folder)


def _spec(find: Callable[[], ModuleSpec | None]) -> ModuleSpec | None:
    try:
        return find()
    except (ImportError, ValueError, OSError):
        return None


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
