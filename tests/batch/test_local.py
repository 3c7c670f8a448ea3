from spinscope.batch.analyse import AnalysisSettings
from spinscope.batch.local import LocalEngine
from spinscope.batch.runner import run_batch
from spinscope.store import Store

COMPARED = 'SELECT article, technique, start, "end", text, confidence FROM techniques ORDER BY ALL'


def test_a_process_pool_stores_what_a_single_process_stores(tmp_path, records):
    settings = AnalysisSettings(model=None)
    with Store.open(tmp_path / "one.duckdb") as one, Store.open(tmp_path / "two.duckdb") as two:
        run_batch(records, one, LocalEngine(1), settings)
        summary = run_batch(records, two, LocalEngine(2, chunk_size=2), settings, batch_size=3)
        assert summary.analysed == len(records)
        assert two.connection.execute(COMPARED).fetchall() == one.connection.execute(COMPARED).fetchall()
        assert two.count("techniques") > 0
