from spinscope.batch.analyse import AnalysisSettings, analyse_chunk
from spinscope.batch.writer import BatchWriter
from spinscope.store import Store


def tables_for(records):
    return analyse_chunk([(record.content_key(), record) for record in records], AnalysisSettings(model=None))


def test_results_are_written_when_a_batch_is_full(tmp_path, records):
    with Store.open(tmp_path / "s.duckdb") as store:
        writer = BatchWriter(store, batch_size=4, max_wait=3600)
        writer.add(tables_for(records[:3]))
        assert store.count("articles") == 0
        writer.add(tables_for(records[3:5]))
        assert store.count("articles") == 5


def test_results_are_written_when_the_batch_is_old_enough(tmp_path, records):
    with Store.open(tmp_path / "s.duckdb") as store:
        writer = BatchWriter(store, batch_size=1000, max_wait=0)
        writer.add(tables_for(records[:1]))
        assert store.count("articles") == 1


def test_flush_writes_what_is_left(tmp_path, records):
    with Store.open(tmp_path / "s.duckdb") as store:
        writer = BatchWriter(store, batch_size=1000, max_wait=3600)
        writer.add(tables_for(records[:2]))
        writer.flush()
        assert store.count("articles") == 2
