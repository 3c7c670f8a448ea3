"""The embedded store: one DuckDB file holding every analysed article and what was found in it.

Writes come in batches of Arrow tables, each in one transaction, so a process killed mid-write loses at most
that batch and never leaves half an article behind. An article already in the store is never written again
(`write` leaves out the keys already stored), which makes every write safe to repeat after a crash.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from importlib.resources import files
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

import duckdb

from spinscope import __version__
from spinscope.errors import StoreError

if TYPE_CHECKING:
    import pyarrow as pa

STORE_FORMAT = "spinscope-store"
STORE_VERSION = "2"  # 2: the integer `key`, `article_techniques` and the counts in `articles`
_SCHEMA_SQL = files("spinscope.store").joinpath("schema.sql").read_text(encoding="utf-8")
# What a long write lets DuckDB keep beside the batch it is inserting (which may need three times its Arrow
# size: the rows, their compressed copy, the write-ahead log).
WRITER_MEMORY = 32 * 2**20
_PER_BATCH_BYTE = 3
_LOCK_HOLDER = re.compile(r"\(PID (\d+)\)")


class Store:
    """A spinscope store opened for reading or writing; use it as a context manager."""

    def __init__(self, path: Path, connection: duckdb.DuckDBPyConnection):
        self.path = path
        self.connection = connection
        self._memory_floor: int | None = None  # bytes; None: DuckDB's default (80% of the machine)

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
        connection.execute("SET enable_progress_bar = false")  # a long query must not draw on the terminal
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

    def limit_memory(self, floor: int = WRITER_MEMORY) -> None:
        """Cap DuckDB's memory for a long run of writes to `floor` bytes plus what each batch needs.

        By default DuckDB keeps blocks it has written in memory up to 80% of the machine's, so the memory of
        a batch grew with the store; capped, it follows the size of the batch being written instead.
        """
        self._memory_floor = floor
        self._set_memory_limit(floor)

    def article_keys(self) -> set[int]:
        """The integer key of every article in the store: what a resumed batch skips (an int takes a third
        of the memory of the 64-character hash, which counts in a run of millions)."""
        return set(self.connection.sql("SELECT key FROM articles").to_arrow_table().column("key").to_pylist())

    def count(self, table: str) -> int:
        from spinscope.store.rows import SCHEMAS

        if table not in SCHEMAS:
            raise ValueError(f"no table {table!r} in a spinscope store")
        return self.connection.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]

    def write(self, tables: Mapping[str, pa.Table]) -> int:
        """Insert one batch atomically; articles already stored are left out. Returns the articles added.

        An input that failed before and is seen again replaces its old `errors` row, and one that now
        succeeds removes it, so `errors` lists what is still missing from the store.
        """
        from spinscope.store.rows import ARTICLE_TABLES, SCHEMAS  # pyarrow: only writers need it

        connection = self.connection
        registered: list[str] = []

        def register(name: str, table: pa.Table) -> None:
            connection.register(name, table)
            registered.append(name)

        if self._memory_floor is not None:
            incoming = sum(table.nbytes for table in tables.values())
            self._set_memory_limit(self._memory_floor + _PER_BATCH_BYTE * incoming)
        added = 0
        connection.begin()
        try:
            for name in SCHEMAS:
                if name in tables:
                    register(f"incoming_{name}", tables[name])
            if "articles" in tables:
                fresh_keys = _fresh_articles(connection, tables["articles"], self.path)
                register("fresh", fresh_keys)
                for name in ARTICLE_TABLES:
                    if name in tables:
                        connection.execute(
                            f"INSERT INTO {name} BY NAME SELECT * FROM incoming_{name} "
                            "WHERE key IN (SELECT key FROM fresh)"
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

    def _set_memory_limit(self, limit: int) -> None:
        self.connection.execute("SET memory_limit = $limit", {"limit": f"{limit // 1024}KiB"})

    def _check_or_create(self, read_only: bool) -> None:
        tables = {row[0] for row in self.connection.execute("SHOW TABLES").fetchall()}
        if "store_info" in tables:
            info = dict(self.connection.execute("SELECT key, value FROM store_info").fetchall())
            if info.get("format") != STORE_FORMAT:
                raise StoreError(f"{self.path} is a DuckDB database but not a spinscope store")
            if info.get("version") != STORE_VERSION:
                raise StoreError(
                    f"{self.path} is a spinscope store of version {info.get('version')}, written by "
                    f"{info.get('created_by', 'another spinscope')}; this spinscope reads version "
                    f"{STORE_VERSION} only: run the batch again into a new store"
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


def _fresh_articles(connection: duckdb.DuckDBPyConnection, incoming: pa.Table, path: Path) -> pa.Table:
    """The keys of the incoming articles the store lacks.

    Probing the stored keys (8 bytes an article) costs about 15 ms in a store of a million articles. Two
    different articles whose hashes share their first 64 bits (about one chance in 10^8 in a store of
    100,000 articles) would make `key` ambiguous: refused, never merged.
    """
    import pyarrow.compute as pc

    if pc.count_distinct(incoming.column("key")).as_py() < incoming.num_rows:
        raise ValueError("a batch holds the same article twice")  # the runner deduplicates before analysis
    fresh = connection.sql(
        "SELECT key FROM incoming_articles ANTI JOIN articles USING (key)"
    ).to_arrow_table()
    if fresh.num_rows < incoming.num_rows:  # some are stored already (a Dask part merged again): same hash?
        clash = connection.execute(
            "SELECT i.article, a.article FROM incoming_articles i "
            "JOIN articles a ON a.key = i.key AND a.article <> i.article LIMIT 1"
        ).fetchone()
        if clash:
            raise StoreError(
                f"{path}: articles {clash[0]} and {clash[1]} share the integer key of their content hash; "
                "please report this: it should almost never happen"
            )
    return fresh


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
