import pytest

from spinscope.batch.analyse import AnalysisSettings
from spinscope.batch.local import LocalEngine
from spinscope.batch.records import BadRecord, Record
from spinscope.batch.runner import BatchSummary, run_batch
from spinscope.store import Store
from spinscope.store.rows import article_key

LEXICONS = AnalysisSettings(model=None)


def test_every_record_ends_in_the_store_or_in_errors(tmp_path, records):
    items = [*records, BadRecord("feed.xml#2", "not a feed entry"), Record(source="blank", text=" ")]
    progress = []
    with Store.open(tmp_path / "s.duckdb") as store:
        summary = run_batch(items, store, LocalEngine(1), LEXICONS, batch_size=5, advance=progress.append)
        assert summary == BatchSummary(analysed=12, skipped=0, bad=2)
        assert store.article_keys() == {article_key(record.content_key()) for record in records}
        assert sorted(store.connection.execute("SELECT source FROM errors").fetchall()) == [
            ("blank",),
            ("feed.xml#2",),
        ]
    assert sum(progress) == len(items)


def test_a_second_run_skips_what_the_store_holds(tmp_path, records):
    path = tmp_path / "s.duckdb"
    with Store.open(path) as store:
        run_batch(records[:5], store, LocalEngine(1), LEXICONS)
    with Store.open(path) as store:
        techniques = store.count("techniques")
        summary = run_batch(records, store, LocalEngine(1), LEXICONS)
        assert (summary.analysed, summary.skipped) == (7, 5)
        assert store.count("articles") == 12
        assert store.count("techniques") > techniques


def test_the_same_content_twice_in_one_run_is_analysed_once(tmp_path, records):
    twin = Record(source="elsewhere.txt", text=records[0].text)
    with Store.open(tmp_path / "s.duckdb") as store:
        summary = run_batch([records[0], twin], store, LocalEngine(1), LEXICONS)
        assert (summary.analysed, summary.skipped) == (1, 1)


def test_the_summary_line_names_every_count():
    assert BatchSummary(analysed=3, skipped=2, bad=1).line() == (
        "3 analysed, 2 skipped (already in the store), 1 bad (see the errors table)"
    )


def test_an_interrupted_batch_keeps_what_was_finished(tmp_path, records):
    def interrupted():
        yield from records[:6]
        raise KeyboardInterrupt

    with Store.open(tmp_path / "s.duckdb") as store:
        with pytest.raises(KeyboardInterrupt):
            run_batch(interrupted(), store, LocalEngine(1, chunk_size=2), LEXICONS, batch_size=1000)
        assert store.count("articles") == 6
