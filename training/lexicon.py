"""Build factcheck's compact lexical table from the WordNet 3.0 database files.

``python -m training.lexicon [--wordnet /usr/share/wordnet] [--out factcheck/data/lexicon]``

Reads WordNet's own ``data.*``, ``index.*`` and ``*.exc`` files (Debian: ``apt-get install
wordnet-base``) and writes one gzip TSV, ``wordnet.tsv.gz``, that factcheck.text.lexicon loads at
run time, so users never install WordNet. The WordNet licence goes beside it (``LICENSE-WordNet.txt``)
and into the wheel's licence files. Rows, one kind per first column:

- ``S pos lexfile words hypernyms similar parts``: one synset per row, numbered from 0 in file order; ``hypernyms``
  are hypernym and instance-hypernym ids, ``similar`` similar-to, also-see, verb-group, entailment and
  cause ids ("kill" causes "die"),
  ``parts`` part-holonym ids ("Wellington" is part of "New Zealand"); ids separated by spaces;
  ``lexfile`` WordNet's lexicographer file number (26 is noun.state, 5 noun.animal ...); ``words`` its
  lemmas;
- ``L lemma senses``: a lemma's synsets, per part of speech, most frequent sense first
  (``n:12 40;v:7``);
- ``A lemma lemma``: a direct antonym (WordNet's lexical antonym pointer), once per pair;
- ``D lemma lemma``: derivationally related forms, pertainyms and participles, once per pair;
- ``E pos form base``: irregular forms from the ``*.exc`` files;
- ``P lemma sign``: the lemma's polarity (+1 good, more, up; -1 bad, less, down), spread from a few
  seed words (``POLARITY_SEEDS``) through WordNet's similar-to, also-see, verb-group and participle
  links (same sign) and antonym links (opposite sign), ``POLARITY_HOPS`` steps; senses reached with
  both signs get none. A lemma takes the sign of its two most frequent senses when they agree.

The output is deterministic: the same WordNet files give the same bytes.
"""

from __future__ import annotations

import argparse
import gzip
from pathlib import Path

POS_FILES = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}
HYPERNYM = frozenset({"@", "@i"})
SIMILAR = frozenset({"&", "^", "$", "*", ">"})
PART_OF = frozenset({"#p"})
DERIVED = frozenset({"+", "\\", "<"})
TABLE = "wordnet.tsv.gz"
LICENCE = "LICENSE-WordNet.txt"
HEADER = ("# factcheck lexical table derived from WordNet 3.0 (Princeton University) by "
          "training.lexicon; WordNet's licence is in LICENSE-WordNet.txt beside this file.\n")

Pointer = tuple[str, str, str, str]  # symbol, offset, pos, source/target
# words whose sense is clearly good / up / more (+) or bad / down / less (-); the seeds of polarity
POLARITY_SEEDS = {
    1: "good excellent superior positive success successful win gain increase rise grow improve improvement "
       "benefit advantage strong high higher large big easy effective efficient profitable happy love like "
       "support accept approve agree help praise success reward strengthen boost advance expand thrive "
       "flourish prosper safe healthy rich popular important new innovative impressive exceptional best "
       "better valuable useful reliable include add confirm allow legal honest friendly calm".split(),
    -1: "bad poor inferior negative failure fail lose loss decrease fall decline shrink worsen harm "
        "disadvantage weak low lower small little difficult hard ineffective inefficient unprofitable sad "
        "hate dislike oppose reject disapprove disagree hinder criticize failure punish weaken cut reduce "
        "retreat contract struggle collapse dangerous sick poor unpopular trivial old outdated mediocre "
        "ordinary worst worse worthless useless unreliable exclude remove deny forbid illegal dishonest "
        "hostile anxious".split(),
}
POLARITY_HOPS = 3
# links that keep a sense's polarity: similar-to, also-see, verb group, participle (not derivation,
# cause or entailment, which join words of any polarity: "place", "die")
POLARITY_LINKS = frozenset({"&", "^", "$", "<"})


def _pos(ss_type: str) -> str:
    return "a" if ss_type == "s" else ss_type


def _lemma(word: str) -> str:
    """Lower case, without WordNet's adjective markers ("(a)", "(p)")."""
    return word.split("(")[0].lower()


def licence_text(wordnet: Path) -> str:
    """The licence notice at the head of data.noun, as WordNet ships it."""
    lines = []
    with (wordnet / "data.noun").open(encoding="latin-1") as fh:
        for line in fh:
            if not line.startswith("  "):
                break
            parts = line.strip().split(" ", 1)
            lines.append(parts[1].rstrip() if len(parts) > 1 else "")
    return "WordNet Release 3.0\n\n" + "\n".join(lines).strip() + "\n"


Synset = tuple[str, str, list[str], list[Pointer]]  # pos, lexfile, words, pointers


def _read_synsets(wordnet: Path) -> tuple[dict[tuple[str, str], int], list[Synset]]:
    ids: dict[tuple[str, str], int] = {}
    synsets: list[Synset] = []
    for p, name in POS_FILES.items():
        with (wordnet / f"data.{name}").open(encoding="latin-1") as fh:
            for line in fh:
                if line.startswith("  "):
                    continue
                head = line.split(" | ", 1)[0].split()
                n_words = int(head[3], 16)
                words = [_lemma(head[4 + 2 * i]) for i in range(n_words)]
                at = 4 + 2 * n_words
                ptrs: list[Pointer] = [(head[at + 1 + 4 * k], head[at + 2 + 4 * k], head[at + 3 + 4 * k],
                                        head[at + 4 + 4 * k]) for k in range(int(head[at]))]
                ids[(p, head[0])] = len(synsets)
                synsets.append((_pos(head[2]), str(int(head[1])), words, ptrs))
    return ids, synsets


def build(wordnet: Path) -> str:
    """The table as text (before gzip)."""
    ids, synsets = _read_synsets(wordnet)
    out = [HEADER]
    antonyms: set[tuple[str, str]] = set()
    derived: set[tuple[str, str]] = set()
    for pos, lexfile, words, ptrs in synsets:
        groups: dict[str, list[int]] = {"h": [], "s": [], "p": []}
        for sym, off, tpos, st in ptrs:
            target = ids[(_pos(tpos), off)]
            if sym in HYPERNYM:
                groups["h"].append(target)
            elif sym in SIMILAR:
                groups["s"].append(target)
            elif sym in PART_OF:
                groups["p"].append(target)
            elif st != "0000" and (sym == "!" or sym in DERIVED):
                src, dst = int(st[:2], 16) - 1, int(st[2:], 16) - 1
                pair = (words[src], synsets[target][2][dst])
                if pair[0] != pair[1]:
                    (antonyms if sym == "!" else derived).add(tuple(sorted(pair)))  # type: ignore[arg-type]
        links = (" ".join(map(str, sorted(set(g)))) for g in groups.values())
        out.append("\t".join(["S", pos, lexfile, " ".join(dict.fromkeys(words)), *links]) + "\n")
    senses: dict[str, list[str]] = {}
    first: dict[str, list[int]] = {}  # lemma -> its two most frequent senses of each part of speech
    for p, name in POS_FILES.items():
        with (wordnet / f"index.{name}").open(encoding="latin-1") as fh:
            for line in fh:
                if line.startswith("  "):
                    continue
                f = line.split()
                n_synsets, n_ptr = int(f[2]), int(f[3])
                offsets = f[6 + n_ptr: 6 + n_ptr + n_synsets]
                senses.setdefault(f[0].lower(), []).append(f"{p}:{' '.join(str(ids[(p, o)]) for o in offsets)}")
                first.setdefault(f[0].lower(), []).extend(ids[(p, o)] for o in offsets[:2])
    out += [f"L\t{lemma}\t{';'.join(v)}\n" for lemma, v in sorted(senses.items())]
    out += [f"A\t{a}\t{b}\n" for a, b in sorted(antonyms)]
    out += [f"D\t{a}\t{b}\n" for a, b in sorted(derived)]
    for p, name in POS_FILES.items():
        with (wordnet / f"{name}.exc").open(encoding="latin-1") as fh:
            for line in fh:
                f = line.split()
                out += [f"E\t{p}\t{f[0].lower()}\t{base.lower()}\n" for base in f[1:] if base.lower() != f[0].lower()]
    signs = polarity(ids, synsets, first)
    out += [f"P\t{lemma}\t{sign:+d}\n" for lemma, sign in sorted(signs.items())]
    return "".join(out)


def polarity(ids: dict[tuple[str, str], int], synsets: list[Synset], first: dict[str, list[int]]) -> dict[str, int]:
    """Lemma -> +1 or -1, spread from POLARITY_SEEDS (see the module's description)."""
    same: dict[int, set[int]] = {}
    flip: dict[int, set[int]] = {}
    for sid, (_, _, _, ptrs) in enumerate(synsets):
        for sym, off, tpos, _ in ptrs:
            target = ids[(_pos(tpos), off)]
            table = flip if sym == "!" else same if sym in POLARITY_LINKS else None
            if table is not None:
                table.setdefault(sid, set()).add(target)
                table.setdefault(target, set()).add(sid)
    sign: dict[int, int] = {}
    conflict: set[int] = set()
    frontier: dict[int, int] = {}
    for s, words in POLARITY_SEEDS.items():
        for w in words:
            for sid in first.get(w, [])[:2]:
                frontier[sid] = s if frontier.get(sid, s) == s else 0
    for _ in range(POLARITY_HOPS + 1):
        nxt: dict[int, int] = {}
        for sid, s in sorted(frontier.items()):
            if sid in conflict:
                continue
            if s == 0 or sign.get(sid, s) != s:
                conflict.add(sid)
                sign.pop(sid, None)
                continue
            if sid in sign:
                continue
            sign[sid] = s
            for t in sorted(same.get(sid, ())):
                nxt[t] = s if nxt.get(t, s) == s else 0
            for t in sorted(flip.get(sid, ())):
                nxt[t] = -s if nxt.get(t, -s) == -s else 0
        frontier = nxt
    out: dict[str, int] = {}
    for lemma, sids in first.items():
        found = {sign[s] for s in sids if s in sign}
        if len(found) == 1:
            out[lemma] = found.pop()
    return out


def write(wordnet: Path, out_dir: Path) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / TABLE
    with path.open("wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0) as gz:
        gz.write(build(wordnet).encode("utf-8"))
    (out_dir / LICENCE).write_text(licence_text(wordnet), encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"),
                    help="folder with WordNet 3.0's data.*, index.* and *.exc files")
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent.parent / "data" / "lexicon")
    args = ap.parse_args(argv)
    path = write(args.wordnet, args.out)
    print(f"wrote {path} ({path.stat().st_size:,} bytes) and {args.out / LICENCE}")


if __name__ == "__main__":
    main()
