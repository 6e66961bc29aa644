"""The edit judge's verdicts on changed slots, as findings (FC120, FC121, FC122).

For each slot whose versions word it differently, each pair of its distinct texts (the earlier
version by name first) is judged:
- when the later text says nothing the earlier version lacks (same content words, names of one body
  read alike, a pronoun for a name the version gives; words that only colour it, such as
  "widespread" or "currently": ``text.content.COLOUR``, when nothing but colour is taken out: "small"
  -> "large" is read), it is a rewording, or an omission (FC122, info) when the earlier text says
  something it drops; no model is asked;
- otherwise ``factcheck.judge`` reads the edit with the rest of the story (every other sentence of
  every version, with its embedding), names of one body written one way. Its verdict becomes
  FC120 ``edit-contradicts``, FC121 ``edit-adds-claim`` (a warning at most: an added claim is a
  change to check) or nothing for a rewording, at the judge's calibrated thresholds: the warning
  threshold at even odds, the error threshold at the odds of real news edits (``NEWS_ODDS``).
A pair the judge has not learned to read (a rewrite: more changed words than almost any training
edit) is left undecided: the NLI model compares that slot as before (``nli_findings``). Sentences
only some versions have are the statement check's (FC110-FC112).
"""

from __future__ import annotations

import ast
import hashlib
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from factcheck.findings.finding import Finding
from factcheck.findings.rules import Severity
from factcheck.models.cache import ResultCache, text_key
from factcheck.slots.context import CheckContext, SlotTexts
from factcheck.text.content import colour_only, dropped_words, unique_words
from factcheck.text.diff import describe
from factcheck.text.names import one_name_per_body, written_names

RULE_OF = {"contradicts": "FC120", "unsupported-addition": "FC121", "dropped-fact": "FC122"}
JUDGE_RULES = tuple(RULE_OF.values())

# The judge is calibrated with fact changes and rewordings at even odds (SummEdits): its warning
# threshold (per variant, in its model file) is a calibrated "check this". Its verdict on a whole
# statement is never an error by itself: an error needs an incompatible value that a targeted check
# names (``verdict.severity``), and the judge's finding joins that check's.


@dataclass(frozen=True)
class Judged:
    findings: list[Finding]
    decided: frozenset[int]  # slots whose every pair the judge (or the word check before it) decided


@dataclass(frozen=True)
class _Pair:
    group: int
    texts: SlotTexts
    a: int
    b: int


def judge_slots(ctx: CheckContext, cache: ResultCache | None = None, embedder: str = "") -> Judged:
    """Findings for the changed slots the judge decides, and which slots those are. With a ``cache``,
    verdicts are kept between runs (keyed by the judge, the ``embedder`` that gave the story's
    vectors and the texts) and the judge is not even imported when all are there."""
    changed = list(ctx.changed_slots())
    findings: list[Finding] = []
    asked: list[_Pair] = []
    taken = _Taken(ctx)
    for g, texts in changed:
        ordered = sorted(texts.reps, key=lambda v: ctx.versions[v].sort_key)
        for n, a in enumerate(ordered):
            for b in ordered[n + 1:]:
                ta, tb = texts.text(a), texts.text(b)
                added = unique_words(tb, ta, ctx.versions[a].norm)
                dropped = unique_words(ta, tb, ctx.versions[b].norm)
                if added and not _colour_only(added, dropped) and not taken.all_elsewhere(added, g.id, a, b):
                    asked.append(_Pair(g.id, texts, a, b))
                elif dropped:
                    findings.append(_dropped(ctx, _Pair(g.id, texts, a, b)))
    undecided: set[int] = set()
    if asked:
        for pair, verdict in zip(asked, _records(ctx, asked, cache, embedder), strict=True):
            if not verdict["in_domain"]:
                undecided.add(pair.group)
                continue
            finding = _finding(ctx, pair, verdict)
            if finding is not None:
                findings.append(finding)
    decided = frozenset(g.id for g, _ in changed if g.id not in undecided)
    return Judged([f for f in findings if f.group in decided], decided)


def _colour_only(added: set[str], dropped: set[str]) -> bool:
    """Whether an edit only colours a statement: every word it adds is colour (``text.content.COLOUR``:
    "widespread", "currently") and what it takes out is nothing or colour too. A colour word put in the
    place of another word is a replacement the judge reads ("small" -> "large", "minor" -> "major")."""
    return colour_only(added) and (not dropped or colour_only(dropped))


class _Taken:
    """The words an edit of version ``a`` into ``b`` took out of each slot, read once per pair of versions
    (not once per changed slot): how many slots each word went from, and which. A slot whose later text
    adds only words taken out of other slots holds a fact moved here ("The library opened in 1952."
    folded into "The building, which opened in 1952, needs repairs"; "on Friday evening" moved from the
    lede to the second sentence): its figures and names are still compared across slots (the ledger),
    and the statement check reports a sentence that went, saying where its words now are."""

    def __init__(self, ctx: CheckContext) -> None:
        self.ctx = ctx
        self._by: dict[tuple[int, int], tuple[Counter[str], dict[int, frozenset[str]]]] = {}

    def _of(self, a: int, b: int) -> tuple[Counter[str], dict[int, frozenset[str]]]:
        if (a, b) not in self._by:
            ctx, per_slot, count = self.ctx, {}, Counter[str]()
            for slot in ctx.slots:
                if slot.members[a]:
                    was = " ".join(ctx.sentences[a][i].norm for i in slot.members[a])
                    words = dropped_words(was, " ".join(ctx.sentences[b][i].norm for i in slot.members[b]))
                    per_slot[slot.id] = words
                    count.update(words)
            self._by[(a, b)] = (count, per_slot)
        return self._by[(a, b)]

    def all_elsewhere(self, words: set[str], group: int, a: int, b: int) -> bool:
        """Whether there are ``words`` and each of them went out of a slot other than ``group``."""
        count, per_slot = self._of(a, b)
        here = per_slot.get(group, frozenset())
        return bool(words) and all(count[w] > (w in here) for w in words)


@lru_cache(maxsize=1)
def judge_id() -> str:
    """What the judge's verdicts depend on (``judge_digest`` of the installed package)."""
    return judge_digest(Path(__file__).resolve().parents[1])


def kept_judge_id(cache: ResultCache) -> str:
    """``judge_id()``, kept in ``cache`` under the size and time of change of every file of the installed
    package: working it out reads and parses every module the judge imports and the 2.7 MB lexicon, most
    of a warm run; telling that none of them changed is a ``stat`` of each file.

    The stamp is the package as this process first saw it (``_first_stamp``), and a new stamp is kept only
    when the files did not change while the id was worked out: a process that runs older code never files
    its id under the stamp of newer files (where a newer process would take that older judge's verdicts)."""
    package = Path(__file__).resolve().parents[1]
    stamp = _first_stamp(package)
    key = f"judge_id:{stamp}"
    found = cache.get_memo(key)
    if found is None:
        found = _digest_at(package, stamp)
        if package_stamp(package) == stamp:
            cache.put_memo(key, found)
    return found


@lru_cache(maxsize=4)
def _first_stamp(package: Path) -> str:
    """``package_stamp`` the first time this process asks: the files as the code it runs was read."""
    return package_stamp(package)


@lru_cache(maxsize=4)
def _digest_at(package: Path, stamp: str) -> str:
    """``judge_digest`` of the package as it is at ``stamp`` (read again, not ``judge_id``'s first reading)."""
    return judge_digest(package)


def package_stamp(package: Path) -> str:
    """A digest of the path, size and time of change of every file of ``package`` (compiled code left out)."""
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if "__pycache__" not in path.parts and path.is_file():
            stat = path.stat()
            digest.update(f"{path.relative_to(package).as_posix()}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:32]


def judge_digest(package: Path) -> str:
    """A digest of everything a cached verdict depends on: the judge's model file, the data tables
    (WordNet's lexicon, the opposites, the names of one body...), the code of every module the judge
    and this module import, however indirectly (the text readers among them: an edited detector is a
    new judge) and how severities are read."""
    digest = hashlib.sha256()
    for part in ("models_data/edit-judge/model.json", *sorted(
            p.relative_to(package).as_posix() for p in (package / "data").rglob("*") if p.is_file())):
        digest.update(part.encode() + (package / part).read_bytes())
    for module in read_by_the_judge(package):
        digest.update(module.relative_to(package).as_posix().encode() + module.read_bytes())
    digest.update(b"warning at the variant's threshold, never an error alone")
    return "edit-judge:" + digest.hexdigest()[:32]


def read_by_the_judge(package: Path) -> list[Path]:
    """The source files of ``factcheck.judge``, of this module, and of every factcheck module they import
    (followed through imports, at any depth), in a stable order."""
    start = [*sorted((package / "judge").glob("*.py")), package / "verdict" / "judge.py"]
    seen: set[Path] = set()
    todo = list(start)
    while todo:
        path = todo.pop()
        if path in seen or not path.is_file():
            continue
        seen.add(path)
        for name in _imported(path.read_text("utf-8")):
            if name.split(".")[0] != "factcheck":
                continue
            target = package.joinpath(*name.split(".")[1:])
            todo += [target.with_suffix(".py"), target / "__init__.py"]
    return sorted(seen)


# an import statement at the start of a line (in a function too), "from X import (a, b)" over several lines
_IMPORT = re.compile(r"^[ \t]*(?:import[ \t]+[^\n]*|from[ \t]+[\w.]+[ \t]+import[ \t]+(?:\([^)]*\)|[^\n]*))",
                     re.MULTILINE)


def _imported(source: str) -> list[str]:
    """The modules a source file imports, and each ``module.name`` of its ``from module import name``
    (absolute imports; what ``ast`` reads of them): only the import statements are parsed, not the file."""
    names: list[str] = []
    for m in _IMPORT.finditer(source):
        try:
            tree = ast.parse(m.group(0).strip())
        except SyntaxError:
            continue   # a line of prose that starts with "import" or "from"
        for node in tree.body:
            if isinstance(node, ast.Import):
                names += [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names += [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
    return names


def _records(ctx: CheckContext, asked: Sequence[_Pair], cache: ResultCache | None,
             embedder: str) -> list[dict[str, Any]]:
    """The verdict on each asked pair as a plain record, from the cache where it is kept."""
    first: dict[str, Any] = {}
    for sents in ctx.sentences:
        for s in sents:
            first.setdefault(s.norm, s)
    warnings = _warnings(ctx)
    story_key = text_key(embedder, repr(sorted(warnings.items())), *first)
    keys = [text_key(story_key, p.texts.text(p.a), p.texts.text(p.b)) for p in asked]
    kept = cache.get_judged(kept_judge_id(cache), keys) if cache is not None else {}
    missing = [n for n, k in enumerate(keys) if k not in kept]
    if missing:
        from factcheck.judge.model import shipped_model

        model = shipped_model().with_warnings(warnings)
        fresh = [_record(v, model) for v in _verdicts(ctx, [asked[n] for n in missing], first, model)]
        new = {keys[n]: r for n, r in zip(missing, fresh, strict=True)}
        if cache is not None:
            cache.put_judged(kept_judge_id(cache), new)
        kept.update(new)
    return [kept[k] for k in keys]


def severity(p: float, thresholds: dict[str, float]) -> str:
    """Warning where the probability reaches the variant's warning threshold, else info."""
    return "warning" if p >= thresholds["warning"] else "info"


def _warnings(ctx: CheckContext) -> dict[str, float]:
    """The judge's warning threshold for each variant, as the run sets them (``models.config.THRESHOLDS``)."""
    return {"story": ctx.thresholds["judge_story"], "pair": ctx.thresholds["judge_pair"]}


def _record(verdict: Any, model: Any) -> dict[str, Any]:
    """What a finding needs of a verdict, with its severity (plain JSON)."""
    p = verdict.probability
    thresholds = model.variant(verdict.variant).thresholds
    kind = verdict.kind
    level = severity(p, thresholds) if kind != "dropped-fact" else "info"
    return {"kind": kind, "probability": round(p, 4), "severity": level, "in_domain": verdict.in_domain,
            "reasons": list(verdict.reasons), "verdict": verdict.as_dict()}


def _verdicts(ctx: CheckContext, asked: Sequence[_Pair], first: dict[str, Any], model: Any) -> list[Any]:
    """The judge's verdicts, the rest of the story given as every other sentence of every version."""
    from factcheck.judge import Request, Story, judge_many

    vectors = None
    if ctx.embeddings is not None and first:
        vectors = np.stack([ctx.embeddings[s.version][s.index] for s in first.values()])
    whole = Story(tuple(first), vectors, tuple(f"{ctx.versions[s.version].id} line {s.line}" for s in first.values()))
    requests = []
    for p in asked:
        members = ctx.groups[p.group].keys()
        story = whole.excluding([ctx.sentences[v][i].norm for v, i in members])
        new_vec = None
        if ctx.embeddings is not None:
            new_vec = np.mean([ctx.embeddings[s.version][s.index] for s in p.texts.sents[p.b]], axis=0)
        requests.append(Request(one_name_per_body(p.texts.text(p.a)), one_name_per_body(p.texts.text(p.b)),
                                story, new_vec))
    return judge_many(requests, model=model)


def _finding(ctx: CheckContext, pair: _Pair, verdict: dict[str, Any]) -> Finding | None:
    rule = RULE_OF.get(verdict["kind"])
    if rule is None:
        return None  # a rewording
    if verdict["severity"] == "info" and rule != "FC122":
        return None  # not likely enough to be a change at all
    la, lb = pair.texts.labels[pair.a], pair.texts.labels[pair.b]
    what = {"contradicts": f"{lb} contradicts {la} here",
            "unsupported-addition": f"{lb} adds to {la}'s statement a claim that the story does not support",
            "dropped-fact": f"{lb} leaves out a fact of {la}'s statement"}[verdict["kind"]]
    reasons = [_as_written(r, pair.texts.text(pair.a), pair.texts.text(pair.b)) for r in verdict["reasons"][:3]]
    message = (f"{what}: {'; '.join(reasons)} (probability of a fact change "
               f"{verdict['probability']:.2f}).")
    return Finding(rule, message, pair.group, ctx.slot_evidence(pair.texts, pair.a, pair.b),
                   {"judge": verdict["verdict"], "probability": verdict["probability"]},
                   severity=Severity(verdict["severity"]),
                   # an added claim is a change to check, not a contradiction: a warning at most
                   ceiling=Severity.WARNING if rule == "FC121" else None)


def _as_written(reason: str, ta: str, tb: str) -> str:
    """A reason in the texts' own words: the judge reads names of one body written one way ("UN" for
    "United Nations"), so a name it quotes is put back as the versions write it."""
    for first, written in {**written_names(tb), **written_names(ta)}.items():
        word = re.compile(rf"(?<![\w.]){re.escape(first)}(?![\w.])")
        if not word.search(ta) and not word.search(tb):
            reason = word.sub(written, reason)
    return reason


def _dropped(ctx: CheckContext, pair: _Pair) -> Finding:
    """FC122 for a later text that only leaves out words of the earlier one."""
    la, lb = pair.texts.labels[pair.a], pair.texts.labels[pair.b]
    edit = describe(pair.texts.text(pair.a), pair.texts.text(pair.b))
    return Finding("FC122", f"{lb} leaves out part of {la}'s statement ({edit}); nothing it says is new.",
                   pair.group, ctx.slot_evidence(pair.texts, pair.a, pair.b), {"omission": True})
