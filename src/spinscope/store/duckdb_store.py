"""The embedded store: one DuckDB file holding every analysed article and what was found in it.

Writes come in batches of Arrow tables, each in one transaction, so a process killed mid-write loses at most
that batch and never leaves half an article behind. An article already in the store is never written again
(its content hash is the primary key), which makes every write safe to repeat after a crash.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from importlib.resources import files
from pathlib import Path
from types import TracebackType

import duckdb
import pyarrow as pa

from spinscope import __version__
from spinscope.errors import SpinscopeError
from spinscope.store.rows import ARTICLE_TABLES, SCHEMAS

STORE_FORMAT = "spinscope-store"
STORE_VERSION = "1"
_SCHEMA_SQL = files("spinscope.store").joinpath("schema.sql").read_text(encoding="utf-8")
_LOCK_HOLDER = re.compile(r"\(PID (\d+)\)")


class StoreError(SpinscopeError):
    """The store cannot be opened or written: not a spinscope store, in use by another process, unreadable."""

    exit_code = 6


class Store:
    """A spinscope store opened for reading or writing; use it as a context manager."""

    def __init__(self, path: Path, connection: duckdb.DuckDBPyConnection):
        self.path = path
        self.connection = connection

    @classmethod
    def open(cls, path: str | Path, *, read_only: bool = False) -> Store:
        """Open the store at `path`, creating it unless `read_only`; StoreError with one line otherwise."""
        path = Path(path)
        if read_only and not path.is_file():
            raise StoreError(f"{path}: no such store")
        if path.is_dir():
            raise StoreError(f"{path} is a directory, not a store file")
        try:
            connection = duckdb.connect(str(path), read_only=read_only)
        except duckdb.IOException as error:
            raise StoreError(_open_failure(path, str(error))) from None
        except duckdb.Error as error:
            raise StoreError(f"{path} cannot be opened as a store: {_first_line(error)}") from None
        store = cls(path, connection)
        try:
            store._check_or_create(read_only)
        except BaseException:
            connection.close()
            raise
        return store

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        self.connection.close()

    def article_keys(self) -> set[str]:
        """The content hash of every article in the store: what a resumed batch skips."""
        column = self.connection.sql("SELECT article FROM articles").to_arrow_table().column("article")
        return set(column.to_pylist())

    def count(self, table: str) -> int:
        if table not in SCHEMAS:
            raise ValueError(f"no table {table!r} in a spinscope store")
        return self.connection.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]

    def write(self, tables: Mapping[str, pa.Table]) -> int:
        """Insert one batch atomically; articles already stored are left out. Returns the articles added.

        An input that failed before and is seen again replaces its old `errors` row, and one that now
        succeeds removes it, so `errors` lists what is still missing from the store.
        """
        connection = self.connection
        registered: list[str] = []

        def register(name: str, table: pa.Table) -> None:
            connection.register(name, table)
            registered.append(name)

        added = 0
        connection.begin()
        try:
            for name in SCHEMAS:
                if name in tables:
                    register(f"incoming_{name}", tables[name])
            if "articles" in tables:
                fresh_keys = connection.sql(
                    "SELECT DISTINCT i.article FROM incoming_articles i "
                    "ANTI JOIN articles a ON a.article = i.article"  # probes the store, builds on the batch
                ).to_arrow_table()
                register("fresh", fresh_keys)
                for name in ARTICLE_TABLES:
                    if name in tables:
                        connection.execute(
                            f"INSERT INTO {name} BY NAME SELECT * FROM incoming_{name} "
                            "WHERE article IN (SELECT article FROM fresh)"
                        )
                connection.execute(
                    "DELETE FROM errors WHERE source IN (SELECT source FROM incoming_articles)"
                )
                added = fresh_keys.num_rows
            if "errors" in tables:
                connection.execute("DELETE FROM errors WHERE source IN (SELECT source FROM incoming_errors)")
                connection.execute("INSERT INTO errors BY NAME SELECT * FROM incoming_errors")
            connection.commit()
        except BaseException:
            connection.rollback()
            raise
        finally:
            for name in registered:
                connection.unregister(name)
        return added

    def _check_or_create(self, read_only: bool) -> None:
        tables = {row[0] for row in self.connection.execute("SHOW TABLES").fetchall()}
        if "store_info" in tables:
            info = dict(self.connection.execute("SELECT key, value FROM store_info").fetchall())
            if info.get("format") != STORE_FORMAT:
                raise StoreError(f"{self.path} is a DuckDB database but not a spinscope store")
            if info.get("version") != STORE_VERSION:
                raise StoreError(
                    f"{self.path} is a spinscope store of version {info.get('version')}, "
                    f"this spinscope reads version {STORE_VERSION}"
                )
            return
        if tables:
            raise StoreError(f"{self.path} is a DuckDB database but not a spinscope store")
        if read_only:
            raise StoreError(f"{self.path} is an empty database, not a spinscope store")
        # Tables and identity in one transaction: a kill here leaves an empty file, never half a store.
        self.connection.begin()
        self.connection.execute(_SCHEMA_SQL)
        self.connection.executemany(
            "INSERT INTO store_info VALUES (?, ?)",
            [
                ("format", STORE_FORMAT),
                ("version", STORE_VERSION),
                ("created_by", f"spinscope {__version__}"),
            ],
        )
        self.connection.commit()


def _open_failure(path: Path, message: str) -> str:
    if "lock" in message.lower():
        holder = _LOCK_HOLDER.search(message)
        by = f" (process {holder.group(1)})" if holder else ""
        return f"{path} is in use by another process{by}; wait for it to finish or use another store"
    if "not a valid DuckDB database" in message:
        return f"{path} is not a spinscope store (not a DuckDB database file)"
    return f"{path} cannot be opened as a store: {_first_line(message)}"


def _first_line(error: object) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
