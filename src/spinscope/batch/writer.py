"""Collect results as they come and write them to the store in batches, one transaction each.

A batch is written when it holds `batch_size` articles or when `max_wait` seconds have passed since the
last write, so a slow batch (URLs, a big model) still saves its progress often. What a kill loses is at
most the batch being collected, which a restart analyses again.
"""

from __future__ import annotations

import time

import pyarrow as pa

from spinscope.store import Store


class BatchWriter:
    def __init__(self, store: Store, batch_size: int = 256, max_wait: float = 5.0):
        self.store = store
        self.batch_size = batch_size
        self.max_wait = max_wait
        self._pending: list[dict[str, pa.Table]] = []
        self._pending_rows = 0
        self._last_write = time.monotonic()

    def add(self, tables: dict[str, pa.Table]) -> None:
        """Queue one chunk's tables; write the batch when it is full or old enough."""
        self._pending.append(tables)
        self._pending_rows += tables["articles"].num_rows + tables["errors"].num_rows
        if self._pending_rows >= self.batch_size or time.monotonic() - self._last_write >= self.max_wait:
            self.flush()

    def flush(self) -> None:
        """Write everything queued, in one transaction."""
        if self._pending:
            self.store.write(concat(self._pending))
        self._pending = []
        self._pending_rows = 0
        self._last_write = time.monotonic()


def concat(parts: list[dict[str, pa.Table]]) -> dict[str, pa.Table]:
    """One table per store table from several chunks' tables."""
    names = {name for part in parts for name in part}
    return {name: pa.concat_tables([part[name] for part in parts if name in part]) for name in names}
