"""A rich progress bar on stderr for model loading, embedding and NLI."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager


@contextmanager
def progress_bar(enabled: bool) -> Iterator[Callable[[str, int, int], None] | None]:
    if not enabled:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

    tasks: dict[str, TaskID] = {}
    with Progress(TextColumn("{task.description:<16}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=Console(stderr=True), transient=True) as bar:

        def update(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=max(total, 1))
            bar.update(tasks[stage], completed=done, total=max(total, 1))

        yield update


@contextmanager
def batch_progress_bar(enabled: bool) -> Iterator[Callable[[int, int, str | None], None] | None]:
    """Stories done of the total, stories per second and the expected time left, on stderr."""
    if not enabled:
        yield None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TaskID,
        TaskProgressColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    task: list[TaskID] = []
    with Progress(TextColumn("stories"), BarColumn(), MofNCompleteColumn(), TaskProgressColumn(),
                  TextColumn("{task.fields[rate]}"), TimeElapsedColumn(), TextColumn("left"),
                  TimeRemainingColumn(), console=Console(stderr=True), transient=True) as bar:

        def update(done: int, total: int, story: str | None) -> None:
            if not task:
                task.append(bar.add_task("stories", total=max(total, 1), rate=""))
            t = bar.tasks[0]
            speed = t.finished_speed or t.speed
            rate = f"{speed:.2f} stories/s" if speed else ""
            bar.update(task[0], completed=done, total=max(total, 1), rate=rate)

        yield update
