import csv
import json

import pyarrow.parquet as pq
import pytest

from spinscope.analysis import Analysis
from spinscope.store import TABLES, Store, StoreError
from spinscope.store.export import export


@pytest.fixture
def store(tmp_path, batch_of):
    with Store.open(tmp_path / "s.duckdb") as opened:
        opened.write(batch_of(["a", "b"], errors=[("broken.txt", "empty")]))
        yield opened


def test_every_table_is_exported_as_parquet_into_a_folder(store, tmp_path):
    written = export(store, "parquet", tmp_path / "out")
    assert [path.name for path in written] == [f"{name}.parquet" for name in TABLES]
    for path, name in zip(written, TABLES, strict=True):
        assert pq.read_table(path).num_rows == store.count(name)


def test_jsonl_keeps_the_whole_analysis_as_an_object(store, tmp_path):
    [path] = export(store, "jsonl", tmp_path / "articles.jsonl", ["articles"])
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert sorted(line["article"] for line in lines) == ["a", "b"]
    assert Analysis.model_validate(lines[0]["analysis"]).language.code == "fr"


def test_csv_has_a_header_and_one_row_per_span(store, tmp_path):
    [path] = export(store, "csv", tmp_path / "spans.csv", ["techniques"])
    with path.open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    assert len(rows) == store.count("techniques")
    assert {"article", "technique", "start", "end", "text"} <= set(rows[0])


def test_several_chosen_tables_go_into_a_folder(store, tmp_path):
    written = export(store, "csv", tmp_path / "tables", ["quotes", "entities"])
    assert [path.name for path in written] == ["quotes.csv", "entities.csv"]


def test_an_unknown_table_is_refused_with_the_known_ones(store, tmp_path):
    with pytest.raises(StoreError, match="no table 'spans'.*techniques"):
        export(store, "csv", tmp_path / "out", ["spans"])
