"""What the change under review adds to hide findings, reported as findings of their own.

- FC401 ``suppression-added``: a suppression comment that a later version has and an earlier one (the
  version before it, or the first) lacks at the same place. The same place: a comment of the same kind
  naming the same rules, standing at a sentence of the same slot (an ``ignore-file`` anywhere), and
  hiding nothing that the earlier version leaves shown in a slot both versions have (an ``off`` whose
  ``on`` was deleted hides more: it is added). One comment that several later versions carry is one
  finding, at the earliest of them, with what it hid in any of them: the rules and the number of findings.
  Each version is compared in time linear in its sentences and comments, however many there are.
- FC402 ``accepted-in-change``: a finding that only the draft's own baseline accepts (diff-branch reads the
  baseline at the base revision; an entry the change adds is no acceptance the base made): shown, with
  the accepted finding folded in.

Neither is ever hidden by a comment or a baseline; refused new suppressions make both errors.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from factcheck.findings.finding import Evidence, Finding
from factcheck.findings.rules import RULES, Severity
from factcheck.findings.suppress import Comments, Directive, VersionComments
from factcheck.inputs.versions import Version
from factcheck.text.normalize import line_col

SlotOf = Mapping[tuple[int, int], int]   # (version index, sentence index) -> slot id
REFUSED = " New suppressions are refused here (--new-suppressions refuse, or new-suppressions = \"refuse\")."


class _Seen:
    """What an earlier version's comments are and hide: their places, and the rules hidden per slot."""

    def __init__(self, vc: VersionComments, w: int, slot_of: SlotOf) -> None:
        self.places = {_place(vc, d, w, slot_of) for d in vc.directives if d.kind != "on"}
        self.whole = vc.whole_rules()
        self.hidden: dict[int, set[str]] = {}
        for i in vc.hidden():
            g = slot_of.get((w, i))
            if g is not None:
                self.hidden.setdefault(g, set()).update(vc.rules_on(i))


def _place(vc: VersionComments, d: Directive, v: int, slot_of: SlotOf) -> tuple[object, ...]:
    """Where a comment stands, comparable across versions: its kind, rules and the slot of its sentence."""
    if d.kind == "ignore-file":
        return (d.kind,)
    anchor = vc.anchor.get(d.start)
    return (d.kind, d.rules, None if anchor is None else slot_of.get((v, anchor)))


def _added_against(vc: VersionComments, v: int, seen: _Seen, slots_of_w: set[int], slot_of: SlotOf) -> set[int]:
    """The comments of version ``v`` (by start) that an earlier version (``seen``) lacks at their place, or
    that hide more than it does in a slot both have (an ``off`` whose ``on`` was deleted)."""
    out = set()
    for d in vc.directives:
        if d.kind == "ignore-file":
            if not d.rules <= seen.whole:
                out.add(d.start)
        elif d.kind != "on" and _place(vc, d, v, slot_of) not in seen.places:
            out.add(d.start)
    for i in vc.hidden():
        g = slot_of.get((v, i))
        if g is None or g not in slots_of_w:
            continue
        extra = vc.rules_on(i) - seen.hidden.get(g, set()) - seen.whole
        if extra:
            out.update(d.start for d in vc.hiding(i, extra) if d.kind != "ignore-file")
    return out


def _evidence(vc: VersionComments, d: Directive) -> Evidence:
    version = vc.version
    line, col = line_col(version.line_starts, d.start)
    end_line, end_col = line_col(version.line_starts, max(d.start, d.end - 1))
    anchor = vc.anchor.get(d.start)
    return Evidence(version.id, version.path, -1 if anchor is None else anchor, d.start, d.end, line, col,
                    end_line, end_col + 1, " ".join(d.text.split()))


def _rules_said(rules: frozenset[str]) -> str:
    if rules == frozenset(RULES):
        return "every rule"
    ids = sorted(rules)
    return ", ".join(ids) if len(ids) <= 3 else f"{len(ids)} rules ({', '.join(ids[:3])} ...)"


def _scope(vc: VersionComments, d: Directive) -> str:
    by_index = {s.index: s for s in vc.sentences}
    if d.kind == "ignore-file":
        return "in the whole version"
    if d.kind == "ignore":
        anchor = vc.anchor.get(d.start)
        hit = anchor is not None and d in vc.ignores.get(anchor, [])
        return f"on line {by_index[anchor].line}" if hit and anchor is not None else "on no sentence now"
    if d.start not in vc.reach:
        return "on no sentence now"
    first, last = (by_index[i].line for i in vc.reach[d.start])
    return f"on line {first}" if first == last else f"on lines {first}-{last}"


def _names(ids: Sequence[str]) -> str:
    return ids[0] if len(ids) == 1 else f"{', '.join(ids[:-1])} and {ids[-1]}"


def added_comments(versions: Sequence[Version], comments: Comments, slot_of: SlotOf,
                   hidden: Mapping[tuple[str, int], Sequence[Finding]], level: Severity,
                   refused: bool) -> list[Finding]:
    """FC401 for each suppression comment a later version adds: one that the version before it or the
    first version lacks. ``hidden``: (version id, comment start) -> the findings that comment hid;
    ``level``: the findings' severity."""
    vcs = [comments.of[v.id] for v in versions]
    order = sorted(range(len(versions)), key=lambda n: versions[n].sort_key)
    slots: dict[int, set[int]] = {}
    for (u, _), g in slot_of.items():
        slots.setdefault(u, set()).add(g)
    seen: dict[int, _Seen] = {}
    # one comment several later versions carry is one finding: its place -> [(version, comment, lacking)]
    added: dict[tuple[object, ...], list[tuple[int, Directive, list[str]]]] = {}
    for rank in range(1, len(order)):
        v = order[rank]
        lacking: dict[int, list[str]] = {}
        for w in dict.fromkeys((order[rank - 1], order[0])):
            if w not in seen:
                seen[w] = _Seen(vcs[w], w, slot_of)
            for start in _added_against(vcs[v], v, seen[w], slots.get(w, set()), slot_of):
                lacking.setdefault(start, []).append(versions[w].id)
        for d in vcs[v].directives:
            if d.start in lacking:
                added.setdefault(_place(vcs[v], d, v, slot_of), []).append((v, d, lacking[d.start]))
    out = []
    for carriers in added.values():
        v, d, lacks = carriers[0]
        found: dict[int, Finding] = {}
        for u, x, _ in carriers:
            for f in hidden.get((versions[u].id, x.start), ()):
                found[id(f)] = f
        by_rule = Counter(f.rule for f in found.values())
        said = ", ".join(f"{r} x{n}" if n > 1 else r for r, n in sorted(by_rule.items()))
        hid = f"hid {len(found)} finding{'s' if len(found) != 1 else ''} ({said})" if found else "hid no finding"
        first = _evidence(vcs[v], d)
        message = (f"{versions[v].id} adds the suppression comment {first.text} at line {first.line}, which "
                   f"{_names(lacks)} {'lacks' if len(lacks) == 1 else 'lack'} there: it hides "
                   f"{_rules_said(d.rules)} {_scope(vcs[v], d)} and {hid}.") + (REFUSED if refused else "")
        scores = {"comment": first.text, "kind": d.kind,
                  "rules": ["ALL"] if d.rules == frozenset(RULES) else sorted(d.rules),
                  "hidden": len(found), "hidden_rules": dict(sorted(by_rule.items())), "lacking": lacks,
                  "refused": refused}
        anchor = vcs[v].anchor.get(d.start)
        group = None if anchor is None else slot_of.get((v, anchor))
        evidence = [_evidence(vcs[u], x) for u, x, _ in carriers]
        out.append(Finding("FC401", message, group, evidence, scores, severity=level, subject=versions[v].id))
    return out


def accepted_in_change(f: Finding, where: str, level: Severity, refused: bool) -> Finding:
    """FC402: ``f``, which only the change's own baseline (``where``) accepts, folded into a finding of its
    own at ``level``."""
    article = "An" if f.sev.value[0] in "aeiou" else "A"
    message = (f"{article} {f.sev.value} accepted in this change by {where}: {f.rule} {f.message}"
               + (REFUSED if refused else ""))
    return Finding("FC402", message, f.group, list(f.evidence),
                   {"accepted": {"rule": f.rule, "severity": f.sev.value, "fingerprint": f.fingerprint},
                    "refused": refused},
                   severity=level, related=[f.as_related(), *f.related], subject=f.subject)
