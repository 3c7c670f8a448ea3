"""Where batch results live: an embedded DuckDB file with flat, queryable tables (see schema.sql)."""

from spinscope.errors import StoreError
from spinscope.store.duckdb_store import Store

__all__ = ["TABLES", "Store", "StoreError"]


def __getattr__(name: str) -> tuple[str, ...]:
    """`TABLES`, the store's table names, come from the Arrow schemas: imported on first use, so that only
    reading a store (`spinscope stats`) loads neither pyarrow nor the result model."""
    if name == "TABLES":
        from spinscope.store.rows import SCHEMAS

        return tuple(SCHEMAS)
    raise AttributeError(f"module 'spinscope.store' has no attribute {name!r}")
