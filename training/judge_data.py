"""Labelled edits for the edit judge: SummEdits domains, with each domain's terms written down.

An ``Example`` is one pair of texts (the old and the new version) with ``y = 1`` when the edit
changes a fact and ``y = 0`` when it keeps them (SummEdits' label 1, "consistent", is y = 0), the
document it came from (held-out parts are chosen by document, never by item) and, for SummEdits,
the source document the summaries summarise (the "story" the support features read).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

# Which SummEdits domains a shipped model may be trained on. The SummEdits labels and edits are
# Apache-2.0 (salesforce/factualNLG), but each domain's documents come from a corpus with its own
# terms; a domain is used for the shipped model only where those terms allow it.
DOMAIN_TERMS: dict[str, tuple[bool, str]] = {
    "sales_call": (True, "sales-call transcripts written for SummEdits itself (salesforce/factualNLG, "
                         "Apache-2.0)"),
    "sales_email": (True, "sales e-mails written for SummEdits itself (salesforce/factualNLG, Apache-2.0)"),
    "scitldr": (True, "SciTLDR abstracts (allenai/scitldr; Apache-2.0 as distributed by AI2)"),
    "podcast": (False, "Spotify Podcast Dataset transcripts: released for research purposes under Spotify's "
                       "data agreement; not for a shipped model"),
    "ectsum": (False, "ECTSum earnings-call transcripts (rajdeep345/ECTSum): no licence given, transcripts "
                      "owned by their publishers; not for a shipped model"),
    "qmsumm": (False, "QMSum meeting transcripts (Yale-LILY/QMSum): its authors ask that use be limited to "
                      "research; not for a shipped model"),
    "samsum": (False, "SAMSum dialogues: CC BY-NC-ND 4.0; never trained on, scored only"),
}
SHIPPED_DOMAINS = tuple(d for d, (ok, _) in DOMAIN_TERMS.items() if ok)
RESEARCH_DOMAINS = tuple(d for d in DOMAIN_TERMS if d != "samsum")
# the news development files (14 documents): never trained on; the warning thresholds a report uses are
# chosen on them by leaving one document out (bench/cv_thresholds.py), the judge's AUC on them is reported
NEWS_DEV = ("summedits_news_dev.json", "summedits_news_dev2.json")


@dataclass(frozen=True)
class Example:
    old: str
    new: str
    y: int                      # 1: the edit changes a fact; 0: it keeps them
    domain: str
    doc_id: str                 # the document (or source sentence) the pair comes from
    source: str = ""            # the document the two texts summarise, when there is one
    edit_types: tuple[str, ...] = ()
    origin: str = "summedits"   # summedits, or synthetic:<edit>


def doc_id(text: str) -> str:
    return hashlib.sha256(text.strip().encode("utf-8")).hexdigest()[:16]


def read_summedits(path: Path, domain: str) -> list[Example]:
    items = json.loads(path.read_text("utf-8"))
    return [Example(it["original_summary"], it["summary"], 1 - int(it["label"]), domain, doc_id(it["doc"]),
                    it["doc"], tuple(it.get("edit_types") or ())) for it in items]


def load_domains(data_dir: Path, domains: tuple[str, ...]) -> dict[str, list[Example]]:
    return {d: read_summedits(data_dir / "summedits" / f"summedits_{d}.json", d) for d in domains}


def load_news_dev(data_dir: Path) -> list[Example]:
    return [e for name in NEWS_DEV for e in read_summedits(data_dir / "summedits" / name, "news")]
