"""The local engine: a pool of processes over this machine's cores.

Each worker process builds the pipeline once (per language) and analyses chunks of records; the parent reads
the inputs, keeps a bounded number of chunks in flight, so memory stays flat however long the input, and
writes the results. With one worker, records are analysed in the calling process (easier to debug).
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from spinscope.batch.analyse import AnalysisSettings, Failed, Task, analyse_chunk, chunked, outcome_tables
from spinscope.batch.writer import BatchWriter
from spinscope.errors import SpinscopeError
from spinscope.models import load_model

# Chunks in flight per worker: enough to keep every core busy while the parent writes.
_IN_FLIGHT_PER_WORKER = 2


class WorkerCrashError(SpinscopeError):
    """A worker process died (killed, out of memory); the store holds everything written so far."""


class LocalEngine:
    def __init__(self, workers: int, chunk_size: int = 8):
        self.workers = max(1, workers)
        self.chunk_size = chunk_size

    def run(
        self, tasks: Iterable[Task], settings: AnalysisSettings, writer: BatchWriter
    ) -> Iterator[tuple[int, int]]:
        """Analyse `tasks`, hand the results to `writer`, and yield (analysed, failed) per chunk done."""
        chunks = chunked(tasks, self.chunk_size)
        if self.workers == 1:
            for chunk in chunks:
                yield _deliver(analyse_chunk(chunk, settings), writer)
            return
        pool = ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=multiprocessing.get_context("spawn"),  # no fork of a process holding a DuckDB file
            initializer=_load_model,
            initargs=(settings.model,),
        )
        in_flight: dict[Future, list[Task]] = {}
        try:
            for chunk in chunks:
                in_flight[pool.submit(analyse_chunk, chunk, settings)] = chunk
                if len(in_flight) >= self.workers * _IN_FLIGHT_PER_WORKER:
                    done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
                    yield from (_collect(future, in_flight.pop(future), writer) for future in done)
            while in_flight:
                done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
                yield from (_collect(future, in_flight.pop(future), writer) for future in done)
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


def _load_model(model: str | None) -> None:
    """Load the model when the worker starts, not inside the first article's timing."""
    if model is not None:
        load_model(model)


def _collect(future: Future, chunk: list[Task], writer: BatchWriter) -> tuple[int, int]:
    try:
        tables = future.result()
    except BrokenProcessPool:
        raise WorkerCrashError(
            "a worker process died (killed or out of memory); run the same command again to resume"
        ) from None
    except Exception as error:  # noqa: BLE001 - e.g. a result that cannot be sent back: record, go on
        reason = f"internal error in a worker: {type(error).__name__}: {error}"
        tables = outcome_tables(Failed(record.source, record.id, reason) for _, record in chunk)
    return _deliver(tables, writer)


def _deliver(tables: dict, writer: BatchWriter) -> tuple[int, int]:
    writer.add(tables)
    return tables["articles"].num_rows, tables["errors"].num_rows
