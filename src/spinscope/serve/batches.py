"""Batches sent to the API: analysed in the background, one at a time, into the server's store.

Each article goes through the batch pipeline's own `analyse_record` (the same rows `spinscope batch` writes)
and every chunk is written in one transaction, so a batch interrupted by a restart loses at most one chunk and
can simply be sent again: articles already stored are skipped by their content hash.
"""

from __future__ import annotations

import logging
import secrets
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from spinscope.batch.analyse import Analysed, AnalysisSettings, Failed, analyse_record, outcome_tables
from spinscope.batch.records import Record
from spinscope.errors import InputError
from spinscope.serve.api_models import BatchArticle, BatchRequest, BatchStatus
from spinscope.serve.runner import model_names
from spinscope.serve.settings import ServeSettings
from spinscope.store.duckdb_store import Store

logger = logging.getLogger(__name__)

_CHUNK = 16
_MAX_ERRORS = 100
_MAX_KEPT = 1000  # finished batches remembered for GET /v1/batches/{id}


@dataclass
class _Job:
    status: BatchStatus
    records: list[tuple[str, Record]] = field(default_factory=list)


def to_record(index: int, article: BatchArticle, batch_id: str) -> Record:
    return Record(
        source=f"api:{batch_id}:{index}",
        id=article.id,
        text=article.text,
        html=article.html,
        url=article.url,
        outlet=article.outlet,
        date=article.date,
        language=article.lang,
        title=article.title,
    )


class BatchRunner:
    def __init__(self, store: Store, lock: threading.Lock, settings: ServeSettings):
        self.store = store
        self.lock = lock
        self.settings = settings
        self._jobs: dict[str, _Job] = {}
        self._jobs_lock = threading.Lock()
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="spinscope-batch")
        self._stopping = threading.Event()

    def start(self, request: BatchRequest) -> BatchStatus:
        if request.model not in model_names():
            raise InputError(f"unknown model {request.model!r}; choose one of {', '.join(model_names())}")
        batch_id = secrets.token_hex(8)
        records = [to_record(i, article, batch_id) for i, article in enumerate(request.articles)]
        job = _Job(
            status=BatchStatus(
                id=batch_id, state="queued", total=len(records), analysed=0, skipped=0, failed=0
            ),
            records=[(record.content_key(), record) for record in records],
        )
        with self._jobs_lock:
            self._jobs[batch_id] = job
            for old in list(self._jobs)[: max(0, len(self._jobs) - _MAX_KEPT)]:
                if self._jobs[old].status.state in ("done", "failed"):
                    del self._jobs[old]
        self._executor.submit(self._run, job, None if request.model == "none" else request.model)
        return job.status.model_copy()

    def status(self, batch_id: str) -> BatchStatus | None:
        with self._jobs_lock:
            job = self._jobs.get(batch_id)
            return job.status.model_copy(deep=True) if job else None

    def shutdown(self) -> None:
        """Stop after the chunk being written: queued batches are dropped, nothing is half-written."""
        self._stopping.set()
        self._executor.shutdown(wait=True, cancel_futures=True)

    def _run(self, job: _Job, model: str | None) -> None:
        status = job.status
        status.state = "running"
        analysis_settings = AnalysisSettings(
            model=model,
            allow_private=self.settings.allow_private,
            timeout=self.settings.fetch_timeout,
            max_bytes=self.settings.fetch_max_bytes,
        )
        try:
            with self.lock:
                rows = self.store.connection.execute(
                    "SELECT article FROM articles WHERE article IN (SELECT unnest(?))",
                    [[key for key, _ in job.records]],
                ).fetchall()
            stored = {row[0] for row in rows}
            # The same content twice in one batch is analysed once: the store keys articles by content.
            todo = list({key: record for key, record in reversed(job.records) if key not in stored}.items())[
                ::-1
            ]
            status.skipped = len(job.records) - len(todo)
            for start in range(0, len(todo), _CHUNK):
                if self._stopping.is_set():
                    status.state = "failed"
                    status.errors.append("the server stopped; send the batch again to finish it")
                    return
                outcomes = [
                    analyse_record(key, record, analysis_settings)
                    for key, record in todo[start : start + _CHUNK]
                ]
                analysed = [o for o in outcomes if isinstance(o, Analysed)]
                failed = [o for o in outcomes if isinstance(o, Failed)]
                with self.lock:
                    self.store.write(outcome_tables(outcomes))
                status.analysed += len(analysed)
                status.failed += len(failed)
                room = _MAX_ERRORS - len(status.errors)
                status.errors += [f"article {o.source.rsplit(':', 1)[1]}: {o.reason}" for o in failed][:room]
            status.state = "done"
        except Exception as error:  # noqa: BLE001 - reported through the status, never lost in a thread
            logger.exception("batch %s stopped", status.id)
            status.state = "failed"
            status.errors = [*status.errors[: _MAX_ERRORS - 1], f"the batch stopped: {type(error).__name__}"]
