"""The Dask engine on a real LocalCluster with two worker processes (a few seconds to start)."""

import pytest

pytest.importorskip("distributed")

from spinscope.batch.analyse import AnalysisSettings, analyse_chunk  # noqa: E402
from spinscope.batch.dask_engine import (  # noqa: E402
    CLUSTER_CHUNK_SIZE,
    LOCAL_CHUNK_SIZE,
    DaskEngine,
    staging_folder,
    write_part,
)
from spinscope.batch.local import LocalEngine  # noqa: E402
from spinscope.batch.records import Record  # noqa: E402
from spinscope.batch.runner import run_batch  # noqa: E402
from spinscope.store import Store
from spinscope.store.rows import article_key  # noqa: E402

COMPARED = 'SELECT article, technique, start, "end", text, confidence FROM techniques ORDER BY ALL'
SETTINGS = AnalysisSettings(model=None)


def test_a_local_cluster_stores_what_the_local_engine_stores_and_cleans_up(tmp_path, records):
    store_path = tmp_path / "dask.duckdb"
    staging = staging_folder(store_path)
    items = [*records, Record(source="blank.txt", text="   ")]
    with Store.open(tmp_path / "local.duckdb") as local, Store.open(store_path) as distributed:
        run_batch(items, local, LocalEngine(1), SETTINGS)
        engine = DaskEngine(staging, workers=2, chunk_size=2, merge_every=4)
        summary = run_batch(items, distributed, engine, SETTINGS)
        assert (summary.analysed, summary.bad) == (len(records), 1)
        assert (
            distributed.connection.execute(COMPARED).fetchall()
            == local.connection.execute(COMPARED).fetchall()
        )
        assert distributed.connection.execute("SELECT source FROM errors").fetchall() == [("blank.txt",)]
    assert not staging.exists()


def test_parts_left_by_a_killed_run_are_merged_before_anything_else(tmp_path, records):
    store_path = tmp_path / "s.duckdb"
    staging = staging_folder(store_path)
    staging.mkdir()
    finished = [(record.content_key(), record) for record in records[:4]]
    write_part(staging, analyse_chunk(finished, SETTINGS))
    (staging / "0123.partial").mkdir()  # a part the kill cut short
    engine = DaskEngine(staging)
    with Store.open(store_path) as store:
        assert engine.recover(store) == 4
        assert store.article_keys() == {article_key(key) for key, _ in finished}
    assert list(staging.iterdir()) == []


def test_the_staging_folder_sits_beside_the_store(tmp_path):
    assert staging_folder(tmp_path / "corpus.duckdb") == tmp_path / "corpus.duckdb.staging"


def test_a_local_cluster_gets_small_tasks_and_a_remote_one_larger_parts(tmp_path):
    assert DaskEngine(tmp_path).chunk_size == LOCAL_CHUNK_SIZE
    assert DaskEngine(tmp_path, scheduler="tcp://10.0.0.5:8786").chunk_size == CLUSTER_CHUNK_SIZE
    assert LOCAL_CHUNK_SIZE < CLUSTER_CHUNK_SIZE
