"""The data tables shipped in ``factcheck/data/`` (acronyms, opposites, names), each read once."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

# the package's own folder (read as a path, like the ONNX graphs: importlib.resources alone costs a run 8 ms)
PACKAGE = Path(__file__).resolve().parent.parent


@cache
def load_table(name: str) -> Any:
    """The parsed ``factcheck/data/<name>`` (YAML, with libyaml's parser when it is installed)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    text = (PACKAGE / "data" / name).read_text("utf-8")
    return yaml.load(text, Loader=loader)
