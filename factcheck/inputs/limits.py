"""Limits on what one run reads, so that huge or hostile input ends in a coded error, not in an
exhausted machine. Each error names the figure and the option that raises it."""

from __future__ import annotations

from dataclasses import dataclass

from factcheck.errors import InputError

MAX_VERSIONS = 200
MAX_SENTENCES = 20_000
MAX_CHARS = 2_000_000
MAX_CONFIG_BYTES = 1024 * 1024          # models.yaml, factcheck.toml, pyproject.toml
MAX_BASELINE_BYTES = 64 * 1024 * 1024   # a baseline file


@dataclass(frozen=True)
class Limits:
    """Most versions in one comparison, sentences in one version, characters of text in one version."""

    versions: int = MAX_VERSIONS
    sentences: int = MAX_SENTENCES
    chars: int = MAX_CHARS

    def __post_init__(self) -> None:
        for name in ("versions", "sentences", "chars"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError(f"Limits.{name} must be a positive whole number, not {value!r}")

    def check_versions(self, count: int) -> None:
        if count > self.versions:
            raise InputError(f"{count:,} versions is over the limit of {self.versions:,}",
                             "compare fewer files, or raise --max-versions", "FCE116")

    def sentences_error(self, name: str) -> InputError:
        return InputError(f"{name}: more than {self.sentences:,} sentences, the limit",
                          "split the file, or raise --max-sentences", "FCE117")

    def chars_error(self, name: str) -> InputError:
        return InputError(f"{name}: more than {self.chars:,} characters of text, the limit",
                          "split the file, or raise --max-chars", "FCE118")

    def check_chars(self, name: str, count: int) -> None:
        if count > self.chars:
            raise self.chars_error(name)


class Paragraphs:
    """Paragraph texts collected from an HTML page or a Word document, with the limits applied as
    they come: extraction stops at the first paragraph past a limit, not after reading everything."""

    def __init__(self, name: str, limits: Limits) -> None:
        self.name, self.limits = name, limits
        self.items: list[str] = []
        self.chars = 0

    def add(self, text: str) -> None:
        """Keep ``text`` as one paragraph (nothing when it is blank)."""
        if not text or text.isspace():
            return
        self.items.append(text)
        self.chars += len(text) + 2
        if len(self.items) > self.limits.sentences:  # each paragraph is at least one sentence
            raise self.limits.sentences_error(self.name)
        if self.chars > self.limits.chars:
            raise self.limits.chars_error(self.name)
