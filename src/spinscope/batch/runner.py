"""Run a batch: skip what the store already holds, analyse the rest on an engine, count what happened.

Resuming is the same as starting: the keys of the articles already in the store are loaded first and those
records are skipped, so a batch killed at any moment and run again ends with every article exactly once.
Memory stays flat however long the run: DuckDB's buffers are capped, and what grows is the set of keys seen
(an integer, about 70 bytes, per article).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Protocol

from spinscope.batch.analyse import AnalysisSettings, Task, bad_record_outcome, outcome_tables
from spinscope.batch.records import BadRecord, Record
from spinscope.batch.writer import BatchWriter
from spinscope.store import Store
from spinscope.store.rows import article_key


class Engine(Protocol):
    def run(
        self, tasks: Iterable[Task], settings: AnalysisSettings, writer: BatchWriter
    ) -> Iterator[tuple[int, int]]: ...


@dataclass
class BatchSummary:
    analysed: int = 0
    skipped: int = 0  # already in the store, or the same content met earlier in this run
    bad: int = 0  # unreadable inputs and records that failed analysis, all listed in the errors table
    recovered: int = 0  # articles a killed run had finished, merged at start

    def line(self) -> str:
        recovered = f", {self.recovered} recovered from an interrupted run" if self.recovered else ""
        return (
            f"{self.analysed} analysed, {self.skipped} skipped (already in the store), "
            f"{self.bad} bad (see the errors table){recovered}"
        )


def run_batch(
    items: Iterable[Record | BadRecord],
    store: Store,
    engine: Engine,
    settings: AnalysisSettings,
    *,
    batch_size: int = 256,
    max_wait: float = 5.0,
    advance: Callable[[int], None] = lambda count: None,
) -> BatchSummary:
    """Analyse every new record of `items` into `store`; `advance(n)` is called as n more records are done."""
    summary = BatchSummary()
    store.limit_memory()
    recover = getattr(engine, "recover", None)
    if recover is not None:
        summary.recovered = recover(store)
    seen = store.article_keys()
    writer = BatchWriter(store, batch_size=batch_size, max_wait=max_wait)

    def new_tasks() -> Iterator[Task]:
        for item in items:
            if isinstance(item, BadRecord):
                writer.add(outcome_tables([bad_record_outcome(item)]))
                summary.bad += 1
                advance(1)
                continue
            key = item.content_key()
            number = article_key(key)
            if number in seen:
                summary.skipped += 1
                advance(1)
                continue
            seen.add(number)
            yield key, item

    try:
        for analysed, failed in engine.run(new_tasks(), settings, writer):
            summary.analysed += analysed
            summary.bad += failed
            advance(analysed + failed)
    except BaseException:
        with contextlib.suppress(Exception):  # the error that stopped the run is the one to report
            writer.flush()  # keep what the workers finished, whatever stopped the run
        raise
    writer.flush()
    return summary
