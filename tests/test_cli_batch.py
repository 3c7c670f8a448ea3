"""`spinscope batch` and `spinscope export` as a user runs them (in process, to stay fast)."""

from __future__ import annotations

import json
import subprocess
import sys

import duckdb
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from spinscope.cli import app
from spinscope.store import TABLES, Store

ARTICLES = [
    "Le conseil régional a adopté un budget jugé catastrophique par ses adversaires. Le vote a eu lieu jeudi.",
    "Selon la ministre, « ce plan est une honte absolue ». Les syndicats appellent à manifester samedi.",
    "Tout le monde sait que la nouvelle ligne de tramway ne sera jamais prête. La mairie dément fermement.",
]


def invoke(*args: str):
    return CliRunner().invoke(app, list(args))


def assert_one_line_error(result, code: int, *words: str) -> None:
    assert result.exit_code == code, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("spinscope: error: ")
    for word in words:
        assert word in lines[0], lines[0]


@pytest.fixture
def folder(tmp_path):
    articles = tmp_path / "articles"
    articles.mkdir()
    for number, text in enumerate(ARTICLES):
        (articles / f"{number}.txt").write_text(text, encoding="utf-8")
    (articles / "blank.txt").write_text("  \n", encoding="utf-8")
    return articles


def test_batch_analyses_a_folder_into_a_store_and_says_what_it_did(folder, tmp_path):
    store = tmp_path / "corpus.duckdb"
    result = invoke("batch", str(folder), "--store", str(store), "--model", "none", "--workers", "1")
    assert result.exit_code == 0, result.output
    assert result.stderr.strip().splitlines()[-1] == (
        "spinscope: 3 analysed, 0 skipped (already in the store), 1 bad (see the errors table)"
    )
    with Store.open(store, read_only=True) as opened:
        assert opened.count("articles") == 3
        [(source, reason)] = opened.connection.execute("SELECT source, reason FROM errors").fetchall()
        assert source.endswith("blank.txt")


def test_a_second_run_skips_every_article_already_stored(folder, tmp_path):
    store = tmp_path / "corpus.duckdb"
    invoke("batch", str(folder), "--store", str(store), "--model", "none", "--workers", "1")
    result = invoke("batch", str(folder), "--store", str(store), "--model", "none", "--workers", "1", "-q")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    with Store.open(store, read_only=True) as opened:
        assert opened.count("articles") == 3


def test_table_columns_are_mapped_by_flags(tmp_path):
    inputs = tmp_path / "feed.jsonl"
    rows = [
        {"uid": f"n{i}", "body": text, "site": "Le Matin", "day": "2026-05-0" + str(i + 1)}
        for i, text in enumerate(ARTICLES)
    ]
    inputs.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    store = tmp_path / "corpus.duckdb"
    result = invoke(
        "batch", str(inputs), "--store", str(store), "--model", "none", "--workers", "1", "--quiet",
        "--text-column", "body", "--id-column", "uid", "--outlet-column", "site", "--date-column", "day",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    with Store.open(store, read_only=True) as opened:
        stored = opened.connection.execute(
            "SELECT id, outlet, published::DATE::VARCHAR FROM articles ORDER BY id"
        ).fetchall()
    assert stored == [
        ("n0", "Le Matin", "2026-05-01"),
        ("n1", "Le Matin", "2026-05-02"),
        ("n2", "Le Matin", "2026-05-03"),
    ]


def test_export_writes_every_table(folder, tmp_path):
    store = tmp_path / "corpus.duckdb"
    invoke("batch", str(folder), "--store", str(store), "--model", "none", "--workers", "1", "-q")
    result = invoke("export", "--store", str(store), "--out", str(tmp_path / "tables"))
    assert result.exit_code == 0, result.output
    assert pq.read_table(tmp_path / "tables" / "articles.parquet").num_rows == 3
    assert sorted(path.stem for path in (tmp_path / "tables").iterdir()) == sorted(TABLES)


def test_a_missing_input_stops_the_batch_before_it_starts(tmp_path):
    result = invoke("batch", str(tmp_path / "nowhere"), "--store", str(tmp_path / "s.duckdb"))
    assert_one_line_error(result, 2, "no such file or folder")
    assert not (tmp_path / "s.duckdb").exists()


def test_a_file_that_is_not_a_store_is_refused(folder, tmp_path):
    store = tmp_path / "notes.txt"
    store.write_text("my notes", encoding="utf-8")
    result = invoke("batch", str(folder), "--store", str(store), "--model", "none", "--workers", "1")
    assert_one_line_error(result, 6, "not a spinscope store")
    assert store.read_text(encoding="utf-8") == "my notes"


def test_another_duckdb_database_is_refused(folder, tmp_path):
    store = tmp_path / "other.duckdb"
    duckdb.connect(str(store)).execute("CREATE TABLE t (x INTEGER)").close()
    assert_one_line_error(
        invoke("export", "--store", str(store), "--out", str(tmp_path / "o")), 6, "not a spinscope store"
    )


def test_a_store_in_use_is_refused(folder, tmp_path):
    store = tmp_path / "busy.duckdb"
    Store.open(store).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb, time; c = duckdb.connect({str(store)!r}); print('ok', flush=True); time.sleep(30)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ok"
        result = invoke("batch", str(folder), "--store", str(store), "--model", "none", "--workers", "1")
        assert_one_line_error(result, 6, "in use by another process")
    finally:
        holder.kill()
        holder.wait()


def test_an_unknown_language_is_refused(folder, tmp_path):
    result = invoke("batch", str(folder), "--store", str(tmp_path / "s.duckdb"), "--lang", "xx")
    assert_one_line_error(result, 4, "unknown language 'xx'")


def test_a_scheduler_needs_the_dask_engine(folder, tmp_path):
    result = invoke(
        "batch", str(folder), "--store", str(tmp_path / "s.duckdb"), "--scheduler", "tcp://h:8786"
    )
    assert_one_line_error(result, 2, "--scheduler needs --engine dask")


def test_export_of_a_missing_store_fails_in_one_line(tmp_path):
    result = invoke("export", "--store", str(tmp_path / "none.duckdb"), "--out", str(tmp_path / "o"))
    assert_one_line_error(result, 6, "no such store")


def test_export_of_an_unknown_table_names_the_known_ones(folder, tmp_path):
    store = tmp_path / "s.duckdb"
    Store.open(store).close()
    result = invoke("export", "--store", str(store), "--table", "spans", "--out", str(tmp_path / "o"))
    assert_one_line_error(result, 6, "no table 'spans'", "techniques")
