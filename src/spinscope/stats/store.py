"""Opening a spinscope store for reading: read-only, and only if it really is one."""

from __future__ import annotations

from pathlib import Path

import duckdb

from spinscope.errors import SpinscopeError

# The tables and columns the statistics read (see spinscope/store/schema.sql, the store's contract).
REQUIRED_COLUMNS: dict[str, frozenset[str]] = {
    "articles": frozenset({"article", "outlet", "published", "language", "words"}),
    "techniques": frozenset({"article", "technique"}),
    "entities": frozenset({"article", "entity", "name", "main_role"}),
    "quotes": frozenset({"article", "kind", "speaker", "speaker_name"}),
    "narratives": frozenset({"article", "narrative", "name", "parent"}),
    "errors": frozenset({"source"}),
}


class StoreError(SpinscopeError):
    """The store cannot be read: missing, locked, not DuckDB, or not a spinscope store."""

    exit_code = 2


def open_store(path: Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the store at `path`, checked against the tables stats needs.

    Read-only so that stats can never damage a store, and so that several readers may share it.
    """
    if not path.is_file():
        raise StoreError(f"no store at {path}" if not path.exists() else f"{path} is not a file")
    try:
        connection = duckdb.connect(str(path), read_only=True)
    except duckdb.IOException as error:
        if "lock" in str(error).lower():
            raise StoreError(f"{path} is being written by another process (a running batch?)") from None
        raise StoreError(f"{path} is not a DuckDB database") from None
    except duckdb.Error:
        raise StoreError(f"{path} is not a DuckDB database") from None
    connection.execute("SET enable_progress_bar = false")
    missing = _missing_columns(connection)
    if missing:
        connection.close()
        raise StoreError(f"{path} is not a spinscope store (missing {', '.join(missing)})")
    return connection


def _missing_columns(connection: duckdb.DuckDBPyConnection) -> list[str]:
    rows = connection.execute(
        "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'main'"
    ).fetchall()
    present: dict[str, set[str]] = {}
    for table, column in rows:
        present.setdefault(table, set()).add(column)
    missing = []
    for table, columns in REQUIRED_COLUMNS.items():
        if table not in present:
            missing.append(f"table {table}")
        else:
            missing.extend(f"{table}.{column}" for column in sorted(columns - present[table]))
    return missing
