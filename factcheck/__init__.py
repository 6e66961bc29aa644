"""factcheck: fact-consistency checks across versions of a news story.

``check_versions(versions) -> Report`` is the whole pipeline. Importing this
package is cheap: torch, transformers and sentence-transformers load only when a
check runs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["FactcheckError", "Report", "__version__", "check_versions"]

if TYPE_CHECKING:
    from factcheck.errors import FactcheckError
    from factcheck.pipeline import check_versions
    from factcheck.report import Report


def __getattr__(name: str) -> Any:
    if name == "check_versions":
        from factcheck.pipeline import check_versions

        return check_versions
    if name == "Report":
        from factcheck.report import Report

        return Report
    if name == "FactcheckError":
        from factcheck.errors import FactcheckError

        return FactcheckError
    raise AttributeError(name)
