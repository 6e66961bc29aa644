"""Where a model's files are, for transformers and sentence-transformers, with no network for local sources."""

from __future__ import annotations

import os
import sys
from typing import Any

from factcheck.errors import ModelError
from factcheck.models.config import ModelSpec, resolve_local, verify_checksum


def locate(spec: ModelSpec) -> tuple[str, dict[str, Any]]:
    """``(name_or_path, from_pretrained kwargs)``; local sources switch the hub off entirely."""
    if spec.kind == "hub":
        quiet_libraries()
        ident, _, revision = spec.source[4:].partition("@")
        return ident, {"revision": revision}
    quiet_libraries()
    folder = resolve_local(spec)
    verify_checksum(spec, folder)
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    return str(folder), {"local_files_only": True}


def load_failed(spec: ModelSpec, exc: Exception) -> ModelError:
    reason = str(exc).strip().splitlines()[0] if str(exc).strip() else exc.__class__.__name__
    hint = (f"this machine may not reach the model hub; use a package: or path: source in {spec.config_file}"
            if spec.kind == "hub" else f"check {spec.role}.source in {spec.config_file}")
    return ModelError(f"{spec.role} model {spec.name!r} could not be loaded: {reason[:200]}", hint, "FCE305")


def quiet_libraries() -> None:
    """No download bars or load reports from transformers on stdout: the report owns stdout."""
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    if "transformers" not in sys.modules:
        return  # it reads the variables above when it is imported (if it ever is: see models.bert_numpy)
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()


def torch_device() -> str:
    import torch

    if torch.cuda.is_available():
        return "cuda"
    torch.set_num_threads(max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
                              else os.cpu_count() or 1))
    return "cpu"
