"""Where batch results live: an embedded DuckDB file with flat, queryable tables (see schema.sql)."""

from spinscope.store.duckdb_store import Store, StoreError
from spinscope.store.rows import SCHEMAS

TABLES = tuple(SCHEMAS)

__all__ = ["TABLES", "Store", "StoreError"]
