"""Alignment of sentences across N versions, in separate steps.

similarity -> candidates (links between two versions) -> grouping (slots across all
versions) -> score (against a gold alignment). Groups hold tuples of sentence indices.
"""

from factcheck.align.candidates import Link, candidate_links
from factcheck.align.grouping import AlignedGroup, group_links
from factcheck.align.similarity import cosine_matrix

__all__ = ["AlignedGroup", "Link", "candidate_links", "cosine_matrix", "group_links"]
