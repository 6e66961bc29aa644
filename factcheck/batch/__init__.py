"""``factcheck batch``: every story of an archive checked, on one machine or on a Ray cluster.

``run_batch(INPUT, OUT, BatchOptions(...), progress=...) -> BatchResult`` is the whole of it; the CLI is a
thin layer over it. Importing this package loads neither the models nor Ray nor pyarrow.
"""

from __future__ import annotations

from factcheck.batch.read import COLUMNS, StoryInput, open_input
from factcheck.batch.run import BatchOptions, BatchProgress, BatchResult, run_batch

__all__ = ["COLUMNS", "BatchOptions", "BatchProgress", "BatchResult", "StoryInput", "open_input", "run_batch"]
