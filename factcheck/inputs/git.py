"""Versions of a file from git history, read with ``git cat-file``: no checkout is touched.

- ``versions_at(path, revs)``: the file at each revision (``None`` stands for the working tree);
- ``versions_in_range(path, "A..B")``: the file at A, then at each commit in A..B that changed it;
- ``changed_files(base, paths)``: drafts that differ between ``base`` and the working tree;
- ``GitTree(root, rev)``: the repository's files at a revision (the settings, baseline and models file
  that judge a pull request are read at its base, never from the change).

Versions from git come in time order, whatever order the revisions were named in: oldest first by
commit time (commits of the same second: an ancestor before its descendants), the working tree last.
Each carries its place as ``Version.order``, so that the rules with a direction (what a later version
added or dropped, a count that grew) read them in time, not by name (``HEAD:`` sorts before ``HEAD~1:``).

No git call runs a program that the repository names. Only plumbing that reads objects and refs is
used (``rev-parse``, ``cat-file``, ``rev-list``, ``ls-tree``): none of them refreshes the index (which
runs ``core.fsmonitor``), cleans or smudges a file (filters), converts text (``textconv``), runs a hook
or an external diff, or starts a pager. The working tree is compared with a revision by factcheck
itself, byte for byte, not by ``git diff``. Each call also sets ``core.fsmonitor=false``, an empty
hooks folder and no pager, should a later git change what a command does.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

from factcheck.errors import InputError
from factcheck.inputs.limits import Limits
from factcheck.inputs.regular_file import MISSING, NOT_REGULAR, TOO_LARGE, FileProblem, read_regular, regular_kind
from factcheck.inputs.versions import (
    DEFAULT_MAX_BYTES,
    Version,
    check_size,
    read_version,
    relative_path,
    require_two,
    version_from_bytes,
)

# settings that keep git from running programs named by the repository's config, whatever it holds
_SAFE_CONFIG = ("-c", "core.fsmonitor=false", "-c", f"core.hooksPath={os.devnull}", "-c", "core.pager=cat",
                "-c", "diff.external=", "-c", "core.untrackedCache=false")
_SAFE_ENV = {"GIT_PAGER": "cat", "PAGER": "cat", "GIT_OPTIONAL_LOCKS": "0", "GIT_TERMINAL_PROMPT": "0"}
_DROP_ENV = ("GIT_EXTERNAL_DIFF", "GIT_DIFF_OPTS", "GIT_EDITOR", "GIT_SEQUENCE_EDITOR", "GIT_ASKPASS",
             "SSH_ASKPASS", "GIT_SSH", "GIT_SSH_COMMAND", "GIT_PROXY_COMMAND")


def _git(args: Sequence[str], cwd: Path) -> bytes:
    exe = shutil.which("git")
    if exe is None:
        raise InputError("git is not installed", "install git, or give the versions as files", "FCE110")
    env = {k: v for k, v in os.environ.items() if k not in _DROP_ENV} | _SAFE_ENV
    done = subprocess.run([exe, "--no-pager", *_SAFE_CONFIG, *args], cwd=cwd, env=env, capture_output=True,
                          check=False, stdin=subprocess.DEVNULL)
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
    try:
        return _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], root).decode().strip()
    except InputError as exc:
        if exc.code != "FCE111":
            raise
        raise InputError(f"{rev!r} is no commit of this repository", "check the revision; a shallow clone has "
                         "little history (in CI, fetch with fetch-depth: 0)", "FCE111") from exc


def _read_at(root: Path, rel: str, rev: str, label: str, path: Path, max_bytes: int,
             limits: Limits | None = None) -> Version:
    sha = commit_of(root, rev)
    name = f"{label}:{Path(rel).name}"
    try:
        size = int(_git(["cat-file", "-s", f"{sha}:{rel}"], root).decode().strip())
    except InputError as exc:
        raise InputError(f"{rel} does not exist at {label}", "pick a revision that has the file", "FCE113") from exc
    check_size(name, size, max_bytes)
    return version_from_bytes(_git(["cat-file", "blob", f"{sha}:{rel}"], root), name, Path(rel).suffix,
                              relative_path(path), sha, "pick a revision where the file has text", max_bytes, limits)


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
    return in_time_order(root, out)


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
    return in_time_order(root, out)


def commit_time(root: Path, sha: str) -> int:
    """The committer time of a commit (seconds since the epoch), read from the commit object itself."""
    for line in _git(["cat-file", "commit", sha], root).split(b"\n"):
        if not line:
            break   # the end of the header
        if line.startswith(b"committer "):
            try:
                return int(line.rsplit(maxsplit=2)[-2])
            except (IndexError, ValueError):
                break
    raise InputError(f"commit {sha[:12]} has no readable committer time", "check the repository (git fsck)",
                     "FCE111")


def in_time_order(root: Path, versions: Sequence[Version]) -> list[Version]:
    """The versions oldest first by commit time, the working tree (no revision) last; commits of one second
    are told apart by their number of ancestors (an ancestor first), then kept as given. Each version's
    place becomes its ``order``."""
    times = {sha: commit_time(root, sha) for sha in {v.revision for v in versions if v.revision}}
    counted = list(times.values())
    tied = {t for t in counted if counted.count(t) > 1}
    depth: dict[str, int] = {}

    def key(item: tuple[int, Version]) -> tuple[int, int, int, int]:
        n, v = item
        if v.revision is None:
            return (1, 0, 0, n)
        t = times[v.revision]
        if t in tied and v.revision not in depth:
            depth[v.revision] = int(_git(["rev-list", "--count", v.revision], root).decode().strip())
        return (0, t, depth.get(v.revision, 0), n)

    ordered = [v for _, v in sorted(enumerate(versions), key=key)]
    for n, v in enumerate(ordered):
        v.order = n
    return ordered


def changed_files(base: str, paths: Sequence[str | Path]) -> list[Path]:
    """Files under ``paths`` that exist in ``base`` and differ from it in the working tree (compared byte
    for byte here: ``git diff`` would refresh the index and run the repository's filters)."""
    targets = [Path(p) for p in paths] or [Path.cwd()]
    root = repo_root(targets[0])
    rels = []
    for t in targets:
        if not t.exists():
            raise InputError(f"{t}: no such file or folder", "check the path", "FCE101")
        try:
            rels.append(t.resolve().relative_to(root).as_posix() or ".")
        except ValueError as exc:
            raise InputError(f"{t}: is outside the repository {root}", "give paths inside one repository",
                             "FCE112") from exc
    sha = commit_of(root, base)
    listing = _git(["ls-tree", "-r", "-z", "--full-tree", sha, "--", *rels], root)
    out = []
    for entry in listing.split(b"\0"):
        meta, tab, name = entry.partition(b"\t")
        fields = meta.split()
        if not tab or len(fields) != 3 or fields[1] != b"blob":
            continue
        path = root / os.fsdecode(name)
        link = fields[0] == b"120000"
        if link != path.is_symlink():
            continue   # a file that became a link or a link that became a file: not a modified draft
        if link:   # a link whose target changed: the reader refuses it if it leads out of the repository
            try:
                changed = os.fsencode(os.readlink(path)) != _git(["cat-file", "blob", fields[2].decode()], root)
            except OSError:
                continue
        elif regular_kind(path) is not None:
            changed = True   # a FIFO, a device or a socket where the draft was: the reader refuses it unopened
        else:
            changed = path.is_file() and _differs(root, fields[2].decode(), path)
        if changed:
            out.append(path)
    return out


def _differs(root: Path, blob: str, path: Path) -> bool:
    """Whether the working-tree file's bytes differ from the blob's (sizes first; a file too large to
    compare is left to the reader, which refuses it with its own message)."""
    try:
        size = path.stat().st_size
    except OSError:
        return True
    if size != int(_git(["cat-file", "-s", blob], root).decode().strip()):
        return True
    if size > 64 * 1024 * 1024:
        return True
    try:
        return path.read_bytes() != _git(["cat-file", "blob", blob], root)
    except OSError:
        return True


class GitTree:
    """The files of a repository at one revision, read with ``ls-tree`` and ``cat-file``: what a branch
    holds, whatever the working tree (a pull request's checkout) says. A file outside the repository is
    no part of any revision and is read from disk, as a file no change to the repository can edit."""

    def __init__(self, root: Path, rev: str) -> None:
        self.root = root
        self.rev = rev
        self.commit = commit_of(root, rev)

    def inside(self, path: Path) -> str | None:
        """The path of a file in the repository (with forward slashes), or None outside it."""
        full = Path(os.path.normpath(path.absolute()))
        for candidate in (full, full.parent.resolve() / full.name if full.parent.exists() else full):
            try:
                rel = candidate.relative_to(self.root).as_posix()
            except ValueError:
                continue
            return None if rel in ("", ".") or rel.split("/")[0] == ".git" else rel
        return None

    def _entry(self, rel: str) -> tuple[bytes, bytes, str] | None:
        listing = _git(["ls-tree", "-z", "--full-tree", self.commit, "--", rel], self.root)
        meta, tab, name = listing.rstrip(b"\0").partition(b"\t")
        fields = meta.split()
        if not tab or len(fields) != 3 or os.fsdecode(name) != rel:
            return None
        return fields[0], fields[1], fields[2].decode()

    def read(self, path: Path, limit: int) -> bytes:
        """The bytes of a file: at the revision inside the repository, from disk outside it. FileProblem
        (as ``read_regular`` raises it) for a file that is not there, not a regular file, or over ``limit``."""
        rel = self.inside(path)
        if rel is None:
            return read_regular(path, limit)
        entry = self._entry(rel)
        if entry is None:
            raise FileProblem(MISSING, f"not found at {self.rev}")
        mode, kind, blob = entry
        if kind != b"blob" or mode == b"120000":
            what = "a link" if mode == b"120000" else "a folder" if kind == b"tree" else "a submodule"
            raise FileProblem(NOT_REGULAR, f"is {what} at {self.rev}, not a regular file")
        size = int(_git(["cat-file", "-s", blob], self.root).decode().strip())
        if size > limit:
            raise FileProblem(TOO_LARGE, f"is {size:,} bytes at {self.rev}, over the limit of {limit:,}", size)
        return _git(["cat-file", "blob", blob], self.root)

    def is_file(self, path: Path) -> bool:
        """Whether a regular file is there (at the revision inside the repository)."""
        rel = self.inside(path)
        if rel is None:
            return path.is_file()
        entry = self._entry(rel)
        return entry is not None and entry[1] == b"blob" and entry[0] != b"120000"

    def describe(self) -> dict[str, str]:
        return {"revision": self.rev, "commit": self.commit}
