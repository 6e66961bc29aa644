"""The data tables shipped in ``factcheck/data/`` (acronyms, opposites, names), each read once."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any


@cache
def load_table(name: str) -> Any:
    """The parsed ``factcheck/data/<name>`` (YAML, with libyaml's parser when it is installed)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    text = resources.files("factcheck").joinpath(f"data/{name}").read_text("utf-8")
    return yaml.load(text, Loader=loader)
