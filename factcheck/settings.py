"""Project settings: ``[tool.factcheck]`` in pyproject.toml, or a factcheck.toml, found upward.

The search starts at the first target (a folder, or a file's folder) and walks up to the root.
In each folder a factcheck.toml wins over a pyproject.toml; a pyproject.toml without a
``[tool.factcheck]`` table is passed over. Relative paths in the file are relative to it.
Command-line flags override the file (``Settings.override``).

With a ``GitTree`` (``diff-branch``), the files inside the repository are read at its revision, the
branch under review's base, not from the working tree a pull request checked out: a settings file the
change adds or edits judges nothing, and so are the baseline and the models file the settings name
(``Settings.tree``; the runner reads them). ``Settings.describe`` says which file applied and what it
turned off, for every report.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from factcheck.errors import ConfigError
from factcheck.findings.baseline import Baseline
from factcheck.findings.policy import NEW_SUPPRESSIONS, Policy, rule_ids, unignored
from factcheck.findings.rules import FAIL_LEVELS
from factcheck.inputs.git import GitTree
from factcheck.inputs.limits import MAX_CHARS, MAX_CONFIG_BYTES, MAX_SENTENCES, MAX_VERSIONS, Limits
from factcheck.inputs.order import OrderSpec, parse_order
from factcheck.inputs.regular_file import MISSING, FileProblem, read_regular
from factcheck.inputs.versions import DEFAULT_MAX_BYTES, shown
from factcheck.models.config import THRESHOLDS

KEYS = ("models", "fail-on", "select", "extend-select", "ignore", "severity", "thresholds", "include", "exclude",
        "max-bytes", "baseline", "order", "new-suppressions")


@dataclass(frozen=True)
class Settings:
    source: Path | None = None          # the file the settings came from, if any
    models: Path | None = None
    fail_on: str = "error"
    select: tuple[str, ...] = ("ALL",)
    extend_select: tuple[str, ...] = ()   # added to select (as ruff's extend-select)
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, str] = field(default_factory=dict)
    thresholds: Mapping[str, float] = field(default_factory=dict)
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    max_bytes: int = DEFAULT_MAX_BYTES
    baseline: Path | None = None
    order: OrderSpec | None = None        # the versions' order in time (``inputs.order``); None: the default
    new_suppressions: str = "report"    # "refuse": what a change adds to hide findings is an error
    # where the files inside the repository are read: a revision (diff-branch's base), or None for the
    # working tree; set by ``settings_for``, never by a file
    tree: GitTree | None = field(default=None, compare=False)
    # command line only: a settings file committed by someone else cannot raise these or follow links
    max_versions: int = MAX_VERSIONS
    max_sentences: int = MAX_SENTENCES
    max_chars: int = MAX_CHARS
    follow_links: bool = False

    def override(self, **flags: Any) -> Settings:
        """A copy with every flag that is not None put in place of the file's value."""
        given = {k: v for k, v in flags.items() if v is not None}
        unknown = set(given) - set(self.__dataclass_fields__)
        if unknown:
            raise TypeError(f"unknown settings {sorted(unknown)}")
        return replace(self, **given)

    def with_rules(self, select: Sequence[str] | None = None, extend_select: Sequence[str] | None = None,
                   ignore: Sequence[str] | None = None) -> Settings:
        """The command line's rule selection on top of the file's, layered as ruff layers them:
        ``select`` replaces the file's select and extend-select, ``extend_select`` adds to them, ``ignore``
        replaces the file's ignore. A rule the command line selects is reported even where the file's
        ignore names it, when it names it at least as narrowly (``--extend-select FC212`` beats
        ``ignore = ["FC212"]`` or ``["FC2"]``; ``--select ALL`` beats neither). None: not given.
        Unknown rules raise ConfigError FCE210 naming the flag and the valid rules."""
        for flag, selectors in (("--select", select), ("--extend-select", extend_select), ("--ignore", ignore)):
            for s in selectors or ():
                rule_ids(s, flag)
        chosen = tuple(select) if select is not None else self.select
        extra = (() if select is not None else self.extend_select) + tuple(extend_select or ())
        if ignore is not None:
            hidden = tuple(ignore)
        else:
            hidden = unignored(self.ignore, (*(select or ()), *(extend_select or ())))
        return replace(self, select=chosen, extend_select=extra, ignore=hidden)

    def limits(self) -> Limits:
        return Limits(self.max_versions, self.max_sentences, self.max_chars)

    def policy(self, baseline: Baseline | None = None) -> Policy:
        return Policy(select=self.select, ignore=self.ignore, severity=dict(self.severity),
                      baseline=baseline or Baseline(), extend_select=self.extend_select,
                      new_suppressions=self.new_suppressions)

    def read(self, path: Path, limit: int) -> bytes:
        """A file the settings name (a baseline, a models file): at the revision they were read at, for
        a file inside the repository; from disk otherwise. FileProblem as ``read_regular`` raises it."""
        return self.tree.read(path, limit) if self.tree is not None else read_regular(path, limit)

    def describe(self) -> dict[str, Any]:
        """Which settings file applied, read where (the revision and its commit, or the working tree), and
        the files it names: for the reports (``Report.settings``)."""
        return {"file": shown(self.source) if self.source else None,
                "revision": self.tree.rev if self.tree else None,
                "commit": self.tree.commit if self.tree else None,
                "include": list(self.include), "exclude": list(self.exclude),
                "models": shown(self.models) if self.models else None,
                "new_suppressions": self.new_suppressions}


def find_config(start: Path, tree: GitTree | None = None) -> Path | None:
    """The nearest factcheck.toml, or pyproject.toml with [tool.factcheck], at or above ``start``
    (inside the repository of ``tree``: the files at its revision)."""
    try:
        folder = start.resolve()
        if not folder.is_dir():
            folder = folder.parent
    except (OSError, RuntimeError):  # e.g. a name too long: reading the versions will say what is wrong
        return None
    for d in (folder, *folder.parents):
        own = d / "factcheck.toml"
        if own.is_file() if tree is None else tree.is_file(own):
            return own
        py = d / "pyproject.toml"
        if (py.is_file() if tree is None else tree.is_file(py)) and _has_tool_table(py, tree):
            return py
    return None


def _has_tool_table(path: Path, tree: GitTree | None = None) -> bool:
    try:
        raw = tree.read(path, MAX_CONFIG_BYTES) if tree is not None else read_regular(path, MAX_CONFIG_BYTES)
        data = tomllib.loads(raw.decode("utf-8"))
    except (FileProblem, UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError):
        return False  # someone else's broken pyproject is not ours to report
    return isinstance(data.get("tool"), dict) and "factcheck" in data["tool"]


def _strings(value: Any, key: str, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: {key} must be a list of strings", "e.g. [\"FC2\", \"FC101\"]", "FCE204")
    return tuple(value)


def parse_settings(table: Mapping[str, Any], where: str, base: Path) -> Settings:
    """Settings from the ``[tool.factcheck]`` table (or a factcheck.toml's top level)."""
    unknown = [k for k in table if k not in KEYS]
    if unknown:
        raise ConfigError(f"{where}: unknown key {unknown[0]!r}", f"valid keys: {', '.join(KEYS)}", "FCE204")
    out: dict[str, Any] = {"source": base}
    if "models" in table:
        if not isinstance(table["models"], str):
            raise ConfigError(f"{where}: models must be a path to a models.yaml", "", "FCE204")
        out["models"] = base.parent / table["models"]
    if "baseline" in table:
        if not isinstance(table["baseline"], str):
            raise ConfigError(f"{where}: baseline must be a path", "", "FCE204")
        out["baseline"] = base.parent / table["baseline"]
    if "fail-on" in table:
        if table["fail-on"] not in FAIL_LEVELS:
            raise ConfigError(f"{where}: fail-on = {table['fail-on']!r}", f"valid: {', '.join(FAIL_LEVELS)}", "FCE204")
        out["fail_on"] = table["fail-on"]
    for key in ("select", "extend-select", "ignore", "include", "exclude"):
        if key in table:
            out[key.replace("-", "_")] = _strings(table[key], key, where)
    if "select" in out and not out["select"]:
        raise ConfigError(f"{where}: select = [] names no rule", "give rules, or \"ALL\"", "FCE204")
    if "severity" in table:
        sev = table["severity"]
        if not isinstance(sev, dict) or not all(isinstance(v, str) for v in sev.values()):
            raise ConfigError(f"{where}: severity must be a table of rule = \"error|warning|info\"",
                              "e.g. severity = { FC203 = \"error\" }", "FCE204")
        out["severity"] = dict(sev)
    if "thresholds" in table:
        th = table["thresholds"]
        if not isinstance(th, dict):
            raise ConfigError(f"{where}: thresholds must be a table", f"valid keys: {', '.join(THRESHOLDS)}", "FCE204")
        for k, v in th.items():
            if k not in THRESHOLDS:
                raise ConfigError(f"{where}: unknown threshold {k!r}", f"valid: {', '.join(THRESHOLDS)}", "FCE204")
            if isinstance(v, bool) or not isinstance(v, int | float) or not 0.0 <= v <= 1.0:
                raise ConfigError(f"{where}: threshold {k} = {v!r}", "give a number from 0 to 1", "FCE204")
        out["thresholds"] = {k: float(v) for k, v in th.items()}
    if "new-suppressions" in table:
        if table["new-suppressions"] not in NEW_SUPPRESSIONS:
            raise ConfigError(f"{where}: new-suppressions = {table['new-suppressions']!r}",
                              f"valid: {', '.join(NEW_SUPPRESSIONS)}", "FCE204")
        out["new_suppressions"] = table["new-suppressions"]
    if "max-bytes" in table:
        mb = table["max-bytes"]
        if isinstance(mb, bool) or not isinstance(mb, int) or mb <= 0:
            raise ConfigError(f"{where}: max-bytes = {mb!r}", "give a positive whole number of bytes", "FCE204")
        out["max_bytes"] = mb
    if "order" in table:
        out["order"] = parse_order(table["order"], where)
    settings = Settings(**out)
    settings.policy().validate(where)
    return settings


def load_settings(path: Path, tree: GitTree | None = None) -> Settings:
    """Read one settings file (inside the repository of ``tree``: at its revision); a pyproject.toml must
    have a [tool.factcheck] table."""
    at = f" at {tree.rev}" if tree is not None and tree.inside(path) is not None else ""
    try:
        raw = tree.read(path, MAX_CONFIG_BYTES) if tree is not None else read_regular(path, MAX_CONFIG_BYTES)
        data = tomllib.loads(raw.decode("utf-8"))
    except FileProblem as exc:
        if exc.kind == MISSING:
            raise ConfigError(f"config {path} not found{at}", "check the --config path" + (
                "; diff-branch reads settings at BASE (--settings-from worktree: the working tree's)" if at else ""),
                "FCE205") from exc
        raise ConfigError(f"config {path} {exc.reason}", "", "FCE205") from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(f"config {path}{at} cannot be read ({exc.__class__.__name__})", "", "FCE205") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"config {path}{at} is not valid TOML: {exc}", "fix the syntax", "FCE205") from exc
    except RecursionError as exc:
        raise ConfigError(f"config {path}{at} nests too deeply to read", "flatten it", "FCE205") from exc
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        if not isinstance(tool, dict) or "factcheck" not in tool:
            raise ConfigError(f"{path}{at} has no [tool.factcheck] table", "add one, or use a factcheck.toml",
                              "FCE205")
        table = tool["factcheck"]
        where = f"{path}{at} [tool.factcheck]"
    else:
        table, where = data, f"{path}{at}"
    if not isinstance(table, dict):
        raise ConfigError(f"{where} must be a table", "", "FCE205")
    return replace(parse_settings(table, where, path), tree=tree)


def settings_for(targets: Sequence[str | Path], config: Path | None = None, isolated: bool = False,
                 tree: GitTree | None = None) -> Settings:
    """The settings for a run: an explicit file, the nearest file upward from the first target, or defaults.
    With ``tree``, every file inside its repository is read at its revision (a file that is not there
    means defaults), and so are the files the settings name, later."""
    if isolated:
        return Settings(tree=tree)
    if config is not None:
        return load_settings(config, tree)
    found = find_config(Path(targets[0]) if targets else Path.cwd(), tree)
    return load_settings(found, tree) if found else Settings(tree=tree)
