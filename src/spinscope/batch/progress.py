"""The progress bar of a long batch: articles done, rate and ETA, on stderr so that stdout stays clean."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text


class RateColumn(ProgressColumn):
    """Records per second, averaged by Rich over the last half minute."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:,.1f} articles/s" if speed else "… articles/s", style="progress.data.speed")


@contextmanager
def progress_bar(total: int | None, *, quiet: bool = False) -> Iterator[Callable[[int], None]]:
    """Yield `advance(n)`; `total` None (inputs not counted) shows a pulsing bar and no ETA."""
    if quiet:
        yield lambda count: None
        return
    columns = [
        TextColumn("analysing"),
        BarColumn(),
        MofNCompleteColumn(),
        RateColumn(),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
    ]
    with Progress(*columns, console=Console(stderr=True), speed_estimate_period=30) as progress:
        task = progress.add_task("analysing", total=total)
        yield lambda count: progress.advance(task, count)
