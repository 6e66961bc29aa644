"""A rich progress bar on stderr for model loading, embedding and NLI."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta


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
    """Stories done of the total, stories per second, the expected finish (clock time) and the time left, on stderr."""
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
            bar.update(task[0], completed=done, total=max(total, 1))
            t = bar.tasks[0]
            speed, left = t.finished_speed or t.speed, t.time_remaining
            rate = f"{speed:.2f} stories/s" if speed else ""
            if speed and left is not None and done < total:
                finish = datetime.now() + timedelta(seconds=left)
                rate += f", done about {finish:%a %H:%M}" if left > 12 * 3600 else f", done about {finish:%H:%M}"
            bar.update(task[0], rate=rate)

        yield update
