"""Versions of a file from git history, read with ``git show``: no checkout is touched.

- ``versions_at(path, revs)``: the file at each revision (``None`` stands for the working tree);
- ``versions_in_range(path, "A..B")``: the file at A, then at each commit in A..B that changed it;
- ``changed_files(base, paths)``: drafts that differ between ``base`` and the working tree.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

from factcheck.errors import InputError
from factcheck.limits import Limits
from factcheck.versions import (
    DEFAULT_MAX_BYTES,
    Version,
    check_size,
    read_version,
    relative_path,
    require_two,
    version_from_bytes,
)


def _git(args: Sequence[str], cwd: Path) -> bytes:
    exe = shutil.which("git")
    if exe is None:
        raise InputError("git is not installed", "install git, or give the versions as files", "FCE110")
    done = subprocess.run([exe, *args], cwd=cwd, capture_output=True, check=False)
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise InputError(f"git {' '.join(args[:2])} failed: {detail[0] if detail else done.returncode}",
                         "check the revision and the path", "FCE111")
    return done.stdout


def repo_root(path: Path) -> Path:
    """The repository that holds ``path`` where it lies (a link to a file elsewhere is not followed)."""
    folder = path.resolve() if path.is_dir() else path.absolute().parent.resolve()
    if not folder.is_dir():
        raise InputError(f"{path}: no such file or folder", "check the path", "FCE101")
    try:
        out = _git(["rev-parse", "--show-toplevel"], folder)
    except InputError as exc:
        raise InputError(f"{path}: is not inside a git repository", "run it from a clone", "FCE112") from exc
    return Path(out.decode().strip())


def _in_repo(path: Path) -> tuple[Path, str]:
    """The repository and the path in it of a file; a link that leads out of the repository's files
    (elsewhere, or into .git) is refused, whatever --follow-links says."""
    root = repo_root(path)
    try:
        rel = path.resolve().relative_to(root)
    except (ValueError, RuntimeError, OSError) as exc:
        what = "a link to a file outside the repository" if path.is_symlink() else "outside the repository"
        raise InputError(f"{path}: is {what} {root}", "give a file of the repository itself", "FCE112") from exc
    if rel.parts[:1] == (".git",):
        raise InputError(f"{path}: leads into the repository's .git folder", "give a draft of the repository",
                         "FCE112")
    return root, rel.as_posix()


def commit_of(root: Path, rev: str) -> str:
    if rev.startswith("-"):
        raise InputError(f"{rev!r} is not a revision", "give a commit, branch or tag", "FCE111")
    return _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], root).decode().strip()


def _read_at(root: Path, rel: str, rev: str, label: str, path: Path, max_bytes: int,
             limits: Limits | None = None) -> Version:
    sha = commit_of(root, rev)
    name = f"{label}:{Path(rel).name}"
    try:
        size = int(_git(["cat-file", "-s", f"{sha}:{rel}"], root).decode().strip())
    except InputError as exc:
        raise InputError(f"{rel} does not exist at {label}", "pick a revision that has the file", "FCE113") from exc
    check_size(name, size, max_bytes)
    return version_from_bytes(_git(["show", f"{sha}:{rel}"], root), name, Path(rel).suffix, relative_path(path),
                              sha, "pick a revision where the file has text", max_bytes, limits)


def versions_at(path: str | Path, revs: Sequence[str | None], max_bytes: int = DEFAULT_MAX_BYTES,
                limits: Limits | None = None) -> list[Version]:
    """The file at each revision, in the order given; ``None`` is the file in the working tree
    (a regular file: a FIFO or a device there is refused without being opened)."""
    (limits or Limits()).check_versions(len(revs))
    p = Path(path)
    root, rel = _in_repo(p)
    out = []
    for rev in revs:
        if rev is None:
            out.append(read_version(p, p.name, max_bytes, limits))
        else:
            out.append(_read_at(root, rel, rev, rev, p, max_bytes, limits))
    ids = [v.id for v in out]
    if len(set(ids)) != len(ids):
        raise InputError("the same revision is given twice", "give each revision once", "FCE114")
    require_two(out)
    return out


def versions_in_range(path: str | Path, rev_range: str, max_bytes: int = DEFAULT_MAX_BYTES,
                      limits: Limits | None = None) -> list[Version]:
    """``A..B``: the file at A (if it existed), then after each commit in A..B that changed it, oldest first."""
    if ".." not in rev_range or rev_range.startswith("-"):
        raise InputError(f"{rev_range!r} is not a range", "write it as A..B, e.g. main..HEAD", "FCE111")
    p = Path(path)
    root, rel = _in_repo(p)
    start = rev_range.split("..", 1)[0].rstrip(".") or "HEAD"
    commits = _git(["rev-list", "--reverse", rev_range, "--", rel], root).decode().split()
    (limits or Limits()).check_versions(len(commits) + 1)
    out = []
    try:
        out.append(_read_at(root, rel, start, start, p, max_bytes, limits))
    except InputError as exc:
        if exc.code != "FCE113":
            raise
    for sha in commits:
        try:
            out.append(_read_at(root, rel, sha, sha[:7], p, max_bytes, limits))
        except InputError as exc:  # deleted in that commit
            if exc.code != "FCE113":
                raise
    if len(out) < 2:
        raise InputError(f"{rel}: fewer than two versions in {rev_range}",
                         "widen the range, or give revisions with --git", "FCE107")
    return out


def changed_files(base: str, paths: Sequence[str | Path]) -> list[Path]:
    """Files under ``paths`` that exist in ``base`` and differ from it in the working tree."""
    targets = [Path(p) for p in paths] or [Path.cwd()]
    root = repo_root(targets[0])
    commit_of(root, base)
    rels = []
    for t in targets:
        if not t.exists():
            raise InputError(f"{t}: no such file or folder", "check the path", "FCE101")
        try:
            rels.append(t.resolve().relative_to(root).as_posix() or ".")
        except ValueError as exc:
            raise InputError(f"{t}: is outside the repository {root}", "give paths inside one repository",
                             "FCE112") from exc
    out = _git(["diff", "--name-only", "--diff-filter=M", "-z", base, "--", *rels], root)
    return [root / name for name in out.decode("utf-8", "replace").split("\0") if name]
