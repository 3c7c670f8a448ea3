"""Opening a store: read-only, and one clear error for anything that is not a spinscope store."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from spinscope.stats.store import StoreError, open_store


def test_a_store_opens_read_only(store_path: Path):
    with open_store(store_path) as connection:
        assert connection.execute("SELECT count(*) FROM articles").fetchone() == (5,)
        with pytest.raises(duckdb.Error, match="read-only"):
            connection.execute("DELETE FROM articles")


def test_a_missing_store_is_named(tmp_path: Path):
    with pytest.raises(StoreError, match="no store at .*nowhere.duckdb"):
        open_store(tmp_path / "nowhere.duckdb")


def test_a_folder_is_not_a_store(tmp_path: Path):
    with pytest.raises(StoreError, match="is not a file"):
        open_store(tmp_path)


def test_a_text_file_is_not_a_duckdb_database(tmp_path: Path):
    path = tmp_path / "notes.duckdb"
    path.write_text("these are notes, not a database\n" * 100, encoding="utf-8")
    with pytest.raises(StoreError, match="not a DuckDB database"):
        open_store(path)


def test_another_duckdb_database_is_not_a_spinscope_store(tmp_path: Path):
    path = tmp_path / "other.duckdb"
    with duckdb.connect(str(path)) as connection:
        connection.execute("CREATE TABLE articles (article VARCHAR, words INTEGER)")
    with pytest.raises(StoreError, match="not a spinscope store") as raised:
        open_store(path)
    assert "articles.outlet" in str(raised.value) and "table techniques" in str(raised.value)
    assert raised.value.exit_code == 2
