"""The Checker: one comparison's stages in order, made from settings; the CLI, the Python API and batch
all use it.

read -> sentences -> models -> embeddings -> slots (align) -> related? -> evidence (the edit judge,
the NLI model, the targeted checks, the story's ledger) -> verdict (``verdict.weigh``) -> what the
policy hides -> Report. Library code: it never prints or exits; progress goes to an optional
callback ``progress(stage, done, total)``, errors are FactcheckError subclasses.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from factcheck.align.compose import align
from factcheck.align.relatedness import overlaps, require_related
from factcheck.checks import CHECKS, Check
from factcheck.errors import ConfigError
from factcheck.findings.finding import Finding
from factcheck.findings.policy import Policy, suppress
from factcheck.inputs.limits import Limits
from factcheck.inputs.order import OrderSpec, VersionOrder, describe
from factcheck.inputs.segment import Sentence, split_sentences, splitter_id
from factcheck.inputs.versions import DEFAULT_MAX_BYTES, Version, read_story, require_two, tell_apart
from factcheck.ledger.acknowledged import acknowledge
from factcheck.models.cache import ResultCache
from factcheck.models.config import THRESHOLDS, ModelsConfig, load_models_config
from factcheck.models.loaded import Models, cache_stats, embed, models_for
from factcheck.report import Report
from factcheck.slots.context import CheckContext
from factcheck.slots.slot import IDENTICAL
from factcheck.verdict.judge import Judged, judge_slots
from factcheck.verdict.weigh import weigh

Progress = Callable[[str, int, int], None]
VersionsIn = Mapping[str, str] | Iterable[str | os.PathLike[str]] | Sequence[Version]


def check_ledger(ctx: CheckContext) -> list[Finding]:
    """The story's facts across whole versions (``factcheck.ledger``)."""
    from factcheck.ledger import check_ledger as run

    return run(ctx)


# the evidence a run can gather besides the models' verdicts: the targeted checks and the ledger
EVIDENCE: dict[str, Check] = {**CHECKS, "ledger": check_ledger}


class _Timer:
    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._t = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.seconds[stage] = now - self._t
        self._t = now


@dataclass
class Checker:
    """How to compare versions of a story. ``models``: a models.yaml path, a parsed config, loaded
    ``Models`` or None for the default; ``checks``: names in ``EVIDENCE`` to run (None: all);
    ``policy``: enabled rules, severities, inline suppressions and a baseline; ``cache``: where
    embeddings, NLI scores and verdicts are kept between runs (injected ``Models`` are never cached);
    ``judge``: let the edit judge decide the changed slots it can read (False: every changed slot to
    the NLI model). The other fields are ``check_versions``'s keywords."""

    models: str | Path | ModelsConfig | Models | None = None
    fail_on: str = "error"
    progress: Progress | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    thresholds: Mapping[str, float] = field(default_factory=dict)
    checks: Sequence[str] | None = None
    policy: Policy = field(default_factory=Policy)
    include: Sequence[str] = ()
    exclude: Sequence[str] = ()
    exit_zero: bool = False
    cache: ResultCache | None = None
    limits: Limits = field(default_factory=Limits)
    follow_links: bool = False
    allow_unrelated: bool = False
    judge: bool = True
    order: OrderSpec | None = None   # the files' order in time (``inputs.order``); None: the default
    # where the settings came from, for the report (``Settings.describe``): the file, its revision
    about: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def from_settings(cls, settings: Any, **overrides: Any) -> Checker:
        """A Checker for ``factcheck.settings.Settings`` (baseline, cache, flags as ``overrides``)."""
        baseline = overrides.pop("baseline", None)
        base = cls(models=settings.models, fail_on=settings.fail_on, max_bytes=settings.max_bytes,
                   thresholds=dict(settings.thresholds), policy=settings.policy(baseline),
                   include=settings.include, exclude=settings.exclude, limits=settings.limits(),
                   follow_links=settings.follow_links, order=settings.order, about=settings.describe())
        return replace(base, **overrides)

    def pipe(self, sources: Iterable[VersionsIn]) -> Iterator[Report]:
        """One Report per comparison, in order."""
        for source in sources:
            yield self.check(source)

    def check(self, versions: VersionsIn) -> Report:
        """Compare versions of one story: a mapping of name -> text, paths (folders or files), or
        Version objects."""
        self.policy.validate()
        selected = self._selected()
        timer = _Timer()
        vs, notes, order = self._read(versions)
        tell_apart(vs)
        order = replace(order, versions=tuple(v.id for v in sorted(vs, key=lambda v: v.sort_key)))
        timer.lap("read")
        sentences = self._split(vs)
        timer.lap("segment")
        loaded, cached, th = self._models()
        timer.lap("load_models")
        embeddings = embed(sentences, loaded.embedder, self.progress)
        timer.lap("embed")
        groups = align(sentences, embeddings, th, loaded.embedder.encode, [v.id for v in vs])
        timer.lap("align")
        notes += self._related(vs, sentences, groups, embeddings)
        ctx = CheckContext(vs, sentences, groups, embeddings, th)
        # verdicts are cached only with models loaded from a config (whose embedder is named): injected
        # test models would key the story's vectors wrongly
        judged = judge_slots(ctx, self.cache if cached else None, repr(loaded.described[:1])) if self.judge \
            else Judged([], frozenset())
        timer.lap("judge")
        from factcheck.verdict.nli import nli_findings

        nli, pairs = nli_findings(ctx, embeddings, loaded.nli, judged.decided, th, self.progress)
        timer.lap("nli")
        evidence = nli + judged.findings
        for name in selected:
            evidence += EVIDENCE[name](ctx)
        # the ignore applies after the merge: an ignored lead takes the findings folded into it along
        # (the slots keep the fact or style label their findings earned)
        weighed = weigh(evidence, ctx, self.policy.before_merge())
        shown, ignored = self.policy.drop_ignored(weighed.findings)
        found = self._found_notices(ctx)
        shown = acknowledge(shown, ctx, found)   # a change a later version's notice names: info, linked to it
        findings, suppressed = suppress(shown, vs, sentences, self.policy, {k: g.id for g in groups for k in g.keys()})
        timer.lap("checks")
        stats = {"versions": len(vs), "sentences": sum(len(s) for s in sentences), "slots": len(groups),
                 "changed_slots": sum(1 for slot in ctx.slots if slot.status != IDENTICAL), "nli_pairs": pairs,
                 "cache": cache_stats(cached, self.cache),
                 "seconds": {k: round(v, 4) for k, v in timer.seconds.items()}}
        return Report(vs, sentences, ctx.slots, findings, loaded.described, stats, self.fail_on, self.exit_zero,
                      suppressed, weighed.disabled + ignored, notes, weighed.changes, self._notices(ctx, found), order,
                      {"file": None, "revision": None, "commit": None, "include": list(self.include),
                       "exclude": list(self.exclude), "models": None, **self.about, **self.policy.describe(),
                       "fail_on": self.fail_on})

    def _selected(self) -> list[str]:
        selected = list(EVIDENCE) if self.checks is None else list(self.checks)
        unknown = [c for c in selected if c not in EVIDENCE]
        if unknown:
            raise ConfigError(f"unknown check {unknown[0]!r}", f"valid checks: {', '.join(EVIDENCE)}", "FCE203")
        return selected

    def _read(self, versions: VersionsIn) -> tuple[list[Version], list[str], VersionOrder]:
        """The versions oldest first, the notes on files passed over, and the order they were taken in."""
        if isinstance(versions, Sequence) and versions and all(isinstance(v, Version) for v in versions):
            vs = [v for v in versions if isinstance(v, Version)]
            self.limits.check_versions(len(vs))
            require_two(vs)
            return vs, [], describe(vs)
        story = read_story(versions, max_bytes=self.max_bytes, include=self.include,  # type: ignore[arg-type]
                           exclude=self.exclude, limits=self.limits, follow_links=self.follow_links, order=self.order)
        return story.versions, story.notes, story.order

    def _split(self, vs: list[Version]) -> list[list[Sentence]]:
        """Each version's sentences; with a cache, the spans of paragraphs an earlier run split are read
        from it (a warm run does not call the splitter again)."""
        kept = self.cache.kept(f"sentences:{splitter_id()}") if self.cache is not None else None
        sentences = [split_sentences(v, n, self.limits, kept) for n, v in enumerate(vs)]
        if kept is not None:
            kept.save()
        return sentences

    def _models(self) -> tuple[Models, list[Any], dict[str, float]]:
        cached: list[Any] = []
        if isinstance(self.models, Models):
            return self.models, cached, {**THRESHOLDS, **self.thresholds}
        config = self.models if isinstance(self.models, ModelsConfig) else load_models_config(self.models)
        loaded = models_for(config, self.cache, self.progress, cached)
        return loaded, cached, {**THRESHOLDS, **config.thresholds, **self.thresholds}

    def _related(self, vs: list[Version], sentences: Any, groups: Any, embeddings: Any) -> list[str]:
        """FCE125 for a version that looks like another story; with ``allow_unrelated``, a note instead."""
        overlap = overlaps(sentences, groups, embeddings)
        if not self.allow_unrelated:
            require_related([v.id for v in vs], overlap)
            return []
        return [f"{vs[o.version].id} shares {o.shared} of {o.sentences} sentences with {vs[o.partner].id}: it "
                "looks like a different story (compared anyway: --allow-unrelated)" for o in overlap if o.unrelated]

    @staticmethod
    def _found_notices(ctx: CheckContext) -> list[Any]:
        from factcheck.ledger.corrections import notices

        return notices(ctx)

    @staticmethod
    def _notices(ctx: CheckContext, found: list[Any]) -> list[dict[str, Any]]:
        return [{"version": ctx.versions[n.sentence.version].id, "line": n.sentence.line,
                 "text": " ".join(s.text for s in n.sentences)} for n in found]
