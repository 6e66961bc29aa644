"""The table of well-known acronyms (data/acronyms.yaml), loaded once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from factcheck.text.tables import load_table


@dataclass(frozen=True)
class KnownBody:
    acronym: str
    names: tuple[str, ...]
    source: str


@lru_cache(maxsize=1)
def known_acronyms() -> dict[str, KnownBody]:
    raw = load_table("acronyms.yaml")
    return {acr: KnownBody(acr, tuple(entry["names"]), entry["source"]) for acr, entry in raw.items()}
