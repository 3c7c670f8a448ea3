"""Copy store tables out as Parquet, JSON Lines or CSV, for tools that do not read DuckDB.

DuckDB writes the files itself (COPY … TO), streaming, so exporting a store larger than memory works.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import duckdb

from spinscope.errors import StoreError
from spinscope.store.duckdb_store import Store
from spinscope.store.rows import SCHEMAS

FORMATS = {"parquet": "(FORMAT parquet)", "jsonl": "(FORMAT json)", "csv": "(FORMAT csv, HEADER true)"}


def export(store: Store, format: str, out: Path, tables: Sequence[str] = ()) -> list[Path]:
    """Write `tables` (all of them when empty) of `store` in `format`; returns the files written.

    `out` is a folder that receives one `<table>.<format>` file per table, or, when exactly one table is
    asked for and `out` has a file extension, that file.
    """
    if format not in FORMATS:
        raise StoreError(f"unknown export format {format!r} (known: {', '.join(FORMATS)})")
    unknown = [name for name in tables if name not in SCHEMAS]
    if unknown:
        raise StoreError(f"no table {unknown[0]!r} in a spinscope store (tables: {', '.join(SCHEMAS)})")
    chosen = list(dict.fromkeys(tables)) or list(SCHEMAS)
    if len(chosen) == 1 and out.suffix and not out.is_dir():
        targets = {chosen[0]: out}
    else:
        targets = {name: out / f"{name}.{format}" for name in chosen}
    try:
        for target in targets.values():
            target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StoreError(f"cannot create {out}: {error.strerror or error}") from None
    for name, target in targets.items():
        quoted = str(target).replace("'", "''")
        try:
            store.connection.execute(f"COPY (SELECT * FROM {name}) TO '{quoted}' {FORMATS[format]}")
        except duckdb.Error as error:
            raise StoreError(f"cannot write {target}: {str(error).strip().splitlines()[0]}") from None
    return list(targets.values())
