"""The Dask engine: the same per-record analysis on the workers of a Dask cluster.

Each task analyses a chunk of records on a worker (whose process keeps the pipeline, hence the model, loaded
across tasks) and writes the results as a Parquet part into a staging folder; the client merges finished parts
into the store in batches and removes them. A part is complete or absent (written under a temporary name,
then renamed), so after a crash the parts left in staging are merged first and nothing is analysed twice.
The staging folder must be reachable by the workers and the client under the same path: beside the store for
a LocalCluster, on a shared file system for a cluster.
"""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from spinscope.batch.analyse import AnalysisSettings, Failed, Task, analyse_chunk, chunked, outcome_tables
from spinscope.batch.writer import BatchWriter, concat
from spinscope.errors import SpinscopeError
from spinscope.store import Store

# Tasks queued per worker: twice the local engine's, so that a worker still has work while the client
# reads the parts of a batch and writes them to the store (a second or so, in which it submits nothing).
_IN_FLIGHT_PER_WORKER = 4
_PARTIAL = ".partial"
# Records per task. On a LocalCluster, as small as the local engine's, so that the last tasks of a run end
# together (a part costs ~25 ms to write and merge, about 1% of 8 articles' analysis); on a cluster, parts
# four times larger keep the client's merging and the shared file system's file count low.
LOCAL_CHUNK_SIZE = 8
CLUSTER_CHUNK_SIZE = 32
# The environment Dask gives its worker processes, less MALLOC_TRIM_THRESHOLD_: trimming the heap after
# every large free made numpy's buffers fault their pages in again and again, 10 to 15% of analysis time.
WORKER_ENVIRONMENT = {"OMP_NUM_THREADS": 1, "MKL_NUM_THREADS": 1, "OPENBLAS_NUM_THREADS": 1}


class DaskError(SpinscopeError):
    """The Dask cluster cannot be reached or started."""


def staging_folder(store_path: Path) -> Path:
    """Where parts wait to be merged: beside the store, named after it."""
    return store_path.with_name(store_path.name + ".staging")


class DaskEngine:
    def __init__(
        self,
        staging: Path,
        scheduler: str | None = None,
        workers: int = 2,
        chunk_size: int | None = None,  # records per task; None: LOCAL_CHUNK_SIZE or CLUSTER_CHUNK_SIZE
        merge_every: int = 256,
    ):
        self.staging = staging
        self.scheduler = scheduler
        self.workers = workers
        self.chunk_size = chunk_size or (CLUSTER_CHUNK_SIZE if scheduler else LOCAL_CHUNK_SIZE)
        self.merge_every = merge_every

    def recover(self, store: Store) -> int:
        """Merge the parts a killed run left behind; returns the articles they added."""
        if not self.staging.is_dir():
            return 0
        for partial in self.staging.glob(f"*{_PARTIAL}"):
            shutil.rmtree(partial, ignore_errors=True)
        return merge_parts(store, self.staging)

    def run(
        self, tasks: Iterable[Task], settings: AnalysisSettings, writer: BatchWriter
    ) -> Iterator[tuple[int, int]]:
        """Analyse `tasks` on the cluster and yield (analysed, failed) per chunk done."""
        from distributed import as_completed

        with ExitStack() as resources:
            client = self._connect(resources)
            self.staging.mkdir(parents=True, exist_ok=True)
            staging = str(self.staging.resolve())
            workers = max(1, len(client.scheduler_info().get("workers", {})) or self.workers)
            limit = workers * _IN_FLIGHT_PER_WORKER
            in_flight: dict = {}
            completed = as_completed()
            staged = 0
            for chunk in chunked(tasks, self.chunk_size):
                future = client.submit(analyse_to_part, chunk, settings, staging, pure=False)
                in_flight[future] = chunk
                completed.add(future)
                if len(in_flight) < limit:
                    continue
                future = next(completed)
                counts = _counts(future, in_flight.pop(future), writer)
                staged += counts[0]
                if staged >= self.merge_every:
                    merge_parts(writer.store, self.staging)
                    staged = 0
                yield counts
            for future in completed:
                yield _counts(future, in_flight.pop(future), writer)
        merge_parts(writer.store, self.staging)
        shutil.rmtree(self.staging, ignore_errors=True)

    def _connect(self, resources: ExitStack):
        """A client of the given scheduler, or of a LocalCluster started for this run."""
        import dask
        from distributed import Client, LocalCluster

        try:
            if self.scheduler:
                return resources.enter_context(Client(self.scheduler, timeout="20s"))
            # The workers' statistical profiler samples deep Python stacks every 10 ms: a few percent of
            # the analysis time for a dashboard this run does not open.
            settings = {
                "distributed.worker.profile.enabled": False,
                "distributed.nanny.pre-spawn-environ": WORKER_ENVIRONMENT,
            }
            with dask.config.set(settings):
                cluster = resources.enter_context(
                    LocalCluster(
                        n_workers=self.workers, processes=True, threads_per_worker=1, dashboard_address=None
                    )
                )
            return resources.enter_context(Client(cluster))
        except OSError as error:
            where = self.scheduler or "a local cluster"
            raise DaskError(f"cannot connect to {where}: {error}") from None


def analyse_to_part(chunk: list[Task], settings: AnalysisSettings, staging: str) -> tuple[int, int]:
    """On a worker: analyse a chunk, write its tables as one Parquet part, return (analysed, failed)."""
    tables = analyse_chunk(chunk, settings)
    write_part(Path(staging), tables)
    return tables["articles"].num_rows, tables["errors"].num_rows


def write_part(staging: Path, tables: dict[str, pa.Table]) -> Path:
    """One part: a folder with a Parquet file per table, renamed into place once complete."""
    name = uuid.uuid4().hex
    partial = staging / f"{name}{_PARTIAL}"
    partial.mkdir(parents=True)
    for table_name, table in tables.items():
        pq.write_table(table, partial / f"{table_name}.parquet")
    part = staging / name
    partial.rename(part)
    return part


def merge_parts(store: Store, staging: Path) -> int:
    """Write every complete part in `staging` into the store in one transaction, then remove those parts."""
    parts = [path for path in staging.iterdir() if path.is_dir() and not path.name.endswith(_PARTIAL)]
    if not parts:
        return 0
    tables = concat(
        [{file.stem: pq.read_table(file) for file in part.glob("*.parquet")} for part in sorted(parts)]
    )
    added = store.write(tables)
    for part in parts:
        shutil.rmtree(part)
    return added


def _counts(future, chunk: list[Task], writer: BatchWriter) -> tuple[int, int]:
    try:
        return future.result()
    except Exception as error:  # noqa: BLE001 - a lost worker or an unreachable staging folder
        reason = f"failed on a Dask worker: {type(error).__name__}: {error}"
        writer.add(outcome_tables(Failed(record.source, record.id, reason) for _, record in chunk))
        return 0, len(chunk)
