import hashlib
import subprocess
import sys

import duckdb
import pyarrow as pa
import pytest

from spinscope.store import Store, StoreError
from spinscope.store.rows import article_key


def test_a_new_store_is_created_with_every_table(tmp_path):
    path = tmp_path / "corpus.duckdb"
    with Store.open(path) as store:
        assert store.article_keys() == set()
        assert store.count("articles") == 0
    with Store.open(path, read_only=True) as store:
        assert store.count("errors") == 0


def test_a_batch_is_written_once_even_when_written_again(tmp_path, batch_of):
    with Store.open(tmp_path / "s.duckdb") as store:
        assert store.write(batch_of(["a", "b"])) == 2
        techniques = store.count("techniques")
        assert techniques > 0
        assert store.write(batch_of(["b", "c"])) == 1
        assert store.article_keys() == {article_key(key) for key in ("a", "b", "c")}
        assert store.count("techniques") == techniques * 3 // 2
        per_article = store.connection.execute(
            "SELECT article, count(*) FROM techniques GROUP BY article ORDER BY article"
        ).fetchall()
        assert [count for _, count in per_article] == [techniques // 2] * 3


def test_a_failed_write_leaves_nothing_behind(tmp_path, batch_of):
    batch = batch_of(["a"])
    broken_quotes = batch["quotes"].set_column(
        batch["quotes"].schema.get_field_index("kind"),
        "kind",
        pa.nulls(batch["quotes"].num_rows, pa.string()),
    )
    with Store.open(tmp_path / "s.duckdb") as store:
        with pytest.raises(duckdb.ConstraintException):
            store.write({**batch, "quotes": broken_quotes})
        assert store.count("articles") == 0
        assert store.count("techniques") == 0
        assert store.write(batch) == 1


def test_errors_keep_only_the_latest_reason_for_an_input(tmp_path, batch_of):
    with Store.open(tmp_path / "s.duckdb") as store:
        store.write(batch_of([], errors=[("feed.xml#3", "timed out"), ("a.txt", "empty")]))
        store.write(batch_of([], errors=[("feed.xml#3", "no article text")]))
        assert sorted(store.connection.execute("SELECT source, reason FROM errors").fetchall()) == [
            ("a.txt", "empty"),
            ("feed.xml#3", "no article text"),
        ]


def test_an_input_that_succeeds_after_failing_leaves_the_errors_table(tmp_path, batch_of):
    with Store.open(tmp_path / "s.duckdb") as store:
        store.write(batch_of([], errors=[("src:a", "timed out")]))
        store.write(batch_of(["a"]))
        assert store.count("errors") == 0


def test_a_file_that_is_not_a_database_is_refused(tmp_path):
    path = tmp_path / "notes.duckdb"
    path.write_text("not a database", encoding="utf-8")
    with pytest.raises(StoreError, match="not a spinscope store"):
        Store.open(path)


def test_another_duckdb_database_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "other.duckdb"
    with duckdb.connect(str(path)) as connection:
        connection.execute("CREATE TABLE sales (amount INTEGER)")
    with pytest.raises(StoreError, match="DuckDB database but not a spinscope store"):
        Store.open(path)
    with duckdb.connect(str(path)) as connection:
        assert [row[0] for row in connection.execute("SHOW TABLES").fetchall()] == ["sales"]


def test_a_store_of_another_version_is_refused_with_what_to_do(tmp_path):
    path = tmp_path / "old.duckdb"
    Store.open(path).close()
    with duckdb.connect(str(path)) as connection:
        connection.execute("UPDATE store_info SET value = '1' WHERE key = 'version'")
    with pytest.raises(
        StoreError, match="store of version 1.*reads version 2 only: run the batch again"
    ) as raised:
        Store.open(path, read_only=True)
    assert raised.value.exit_code == 6


def test_two_articles_whose_hashes_share_their_first_64_bits_are_refused(tmp_path, batch_of):
    first, second = "a" * 16 + "1" * 48, "a" * 16 + "2" * 48
    with Store.open(tmp_path / "s.duckdb") as store:
        store.write(batch_of([first]))
        with pytest.raises(StoreError, match=f"articles {second} and {first} share the integer key"):
            store.write(batch_of([second]))
        assert store.article_keys() == {article_key(first)}
        assert store.count("articles") == 1


def test_a_batch_that_holds_an_article_twice_is_a_programming_error(tmp_path, batch_of):
    twice = batch_of(["a"])
    twice["articles"] = pa.concat_tables([twice["articles"], twice["articles"]])
    with Store.open(tmp_path / "s.duckdb") as store:
        with pytest.raises(ValueError, match="same article twice"):
            store.write(twice)
        assert store.count("articles") == 0


def test_the_integer_key_joins_every_finding_to_its_article(tmp_path, batch_of):
    with Store.open(tmp_path / "s.duckdb") as store:
        store.write(batch_of(["ab" * 32, "cd" * 32]))
        for table in ("techniques", "article_techniques", "labels", "entities", "quotes"):
            mismatched = store.connection.execute(
                f"SELECT count(*) FROM {table} t JOIN articles a USING (article) WHERE t.key <> a.key"
            ).fetchone()[0]
            orphans = store.connection.execute(
                f"SELECT count(*) FROM {table} t ANTI JOIN articles a USING (key)"
            ).fetchone()[0]
            assert (mismatched, orphans) == (0, 0), table
        spans = store.connection.execute("SELECT sum(spans) FROM article_techniques").fetchone()[0]
        assert spans == store.count("techniques")


def test_a_missing_store_cannot_be_read_and_is_not_created(tmp_path):
    with pytest.raises(StoreError, match="missing.duckdb: no such store"):
        Store.open(tmp_path / "missing.duckdb", read_only=True)
    assert not (tmp_path / "missing.duckdb").exists()


def test_a_store_opened_read_only_cannot_be_changed(tmp_path, batch_of):
    with Store.open(tmp_path / "s.duckdb") as store:
        store.write(batch_of(["a"]))
    with Store.open(tmp_path / "s.duckdb", read_only=True) as store:
        with pytest.raises(duckdb.Error, match="read-only"):
            store.connection.execute("DELETE FROM articles")
        assert store.count("articles") == 1


def test_a_store_in_use_by_another_process_is_refused_with_its_pid(tmp_path):
    path = tmp_path / "busy.duckdb"
    Store.open(path).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb, time; c = duckdb.connect({str(path)!r}); print('ok', flush=True); time.sleep(30)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ok"
        with pytest.raises(StoreError, match=rf"in use by another process \(process {holder.pid}\)"):
            Store.open(path)
    finally:
        holder.kill()
        holder.wait()
    Store.open(path).close()  # the lock goes with its process


def test_a_long_run_of_writes_caps_duckdbs_memory_to_what_each_batch_needs(tmp_path, batch_of):
    def limit(store: Store) -> float:
        """DuckDB's memory limit in MiB (it shows one decimal, truncated)."""
        shown = store.connection.execute("SELECT current_setting('memory_limit')").fetchone()[0]
        return float(shown.removesuffix(" MiB"))

    with Store.open(tmp_path / "s.duckdb") as store:
        store.limit_memory(32 * 2**20)
        assert limit(store) == 32.0
        batch = batch_of([hashlib.sha256(str(number).encode()).hexdigest() for number in range(399)])
        store.write(batch)
        needed = 32 * 2**20 + 3 * sum(table.nbytes for table in batch.values())
        assert needed / 2**20 - 0.1 < limit(store) <= needed / 2**20
        assert store.count("articles") == 399
