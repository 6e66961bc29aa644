"""The edit judge: what an edit between two versions does to the facts.

``judge(old, new, story=None, nli=None)`` returns a ``Verdict`` (contradicts, unsupported-addition,
dropped-fact or rewording; a calibrated probability; a severity; reasons in words). Nothing heavy
is imported or loaded here: the WordNet-derived table and the model file are read on first use.
"""

from __future__ import annotations

from factcheck.judge.decide import Request, decide, judge, judge_many, plan
from factcheck.judge.support import Story
from factcheck.judge.verdict import KINDS, Support, Verdict

__all__ = ["KINDS", "Request", "Story", "Support", "Verdict", "decide", "judge", "judge_many", "plan"]
