import hashlib
from collections import Counter
from datetime import datetime
from importlib.resources import files

import duckdb
import pytest

from spinscope.analysis import Analysis
from spinscope.batch.records import Record
from spinscope.store.rows import SCHEMAS, article_rows, parse_date, storable, to_tables

AT = datetime(2026, 3, 2, 9, 30)
KEY = hashlib.sha256(b"an article").hexdigest()


def test_the_arrow_schemas_have_the_columns_of_schema_sql_in_order():
    connection = duckdb.connect()
    connection.execute(files("spinscope.store").joinpath("schema.sql").read_text(encoding="utf-8"))
    for name, schema in SCHEMAS.items():
        columns = [row[0] for row in connection.execute(f"DESCRIBE {name}").fetchall()]
        assert schema.names == columns, name


def test_an_article_row_keeps_what_the_record_says(analysis: Analysis, record: Record):
    rows = article_rows(KEY, record, analysis, "techniques-small", AT)
    [article] = rows["articles"]
    assert article["article"] == KEY
    assert article["key"] == int(KEY[:16], 16)
    assert (article["id"], article["source"], article["outlet"]) == ("42", "articles.jsonl:1", "La Gazette")
    assert article["published"] == datetime(2026, 3, 1)
    assert article["language"] == "fr"
    assert article["words"] == len(record.text.split())
    assert article["model"] == "techniques-small"
    assert Analysis.from_json(article["analysis"]) == analysis


def test_every_row_of_an_article_carries_its_hash_and_its_integer_key(analysis: Analysis, record: Record):
    for name, table_rows in article_rows(KEY, record, analysis, None, AT).items():
        assert {(row["article"], row["key"]) for row in table_rows} <= {(KEY, int(KEY[:16], 16))}, name


def test_article_techniques_count_the_spans_of_each_technique(analysis: Analysis, record: Record):
    rows = article_rows(KEY, record, analysis, None, AT)
    counted = {row["technique"]: row["spans"] for row in rows["article_techniques"]}
    assert counted == Counter(row["technique"] for row in rows["techniques"])
    assert counted, "the test article has spans"


def test_an_article_row_counts_its_spans_quotes_and_narratives(analysis: Analysis, record: Record):
    rows = article_rows(KEY, record, analysis, None, AT)
    [article] = rows["articles"]
    assert article["technique_spans"] == len(rows["techniques"]) > 0
    assert article["quotes"] == len(rows["quotes"]) > 0
    assert article["attributed_quotes"] == sum(1 for row in rows["quotes"] if row["speaker"] is not None)
    assert article["narratives"] == len(rows["narratives"])


def test_every_stored_span_points_into_the_analysed_text(analysis: Analysis, record: Record):
    rows = article_rows(KEY, record, analysis, None, AT)
    assert rows["techniques"], "the test article has loaded language"
    for span in rows["techniques"] + rows["quotes"]:
        assert analysis.text[span["start"] : span["end"]] == span["text"]


def test_a_technique_row_names_the_sentence_and_paragraph_that_hold_it(analysis: Analysis, record: Record):
    for row in article_rows(KEY, record, analysis, None, AT)["techniques"]:
        sentence = analysis.sentences[row["sentence"]]
        assert sentence.start <= row["start"] < sentence.end
        assert row["paragraph"] == sentence.paragraph


def test_labels_are_stored_per_sentence_and_per_paragraph(analysis: Analysis, record: Record):
    labels = article_rows(KEY, record, analysis, None, AT)["labels"]
    expected = sum(len(s.techniques) for s in analysis.sentences) + sum(
        len(p.techniques) for p in analysis.paragraphs
    )
    assert len(labels) == expected
    assert {row["level"] for row in labels} <= {"sentence", "paragraph"}


def test_entities_and_quotes_become_rows(analysis: Analysis, record: Record):
    rows = article_rows(KEY, record, analysis, None, AT)
    assert rows["entities"] and rows["quotes"], "the test article names actors and quotes one"
    assert {row["entity"] for row in rows["entities"]} == {entity.id for entity in analysis.entities}
    assert len(rows["quotes"]) == len(analysis.quotes)
    for row in rows["entities"]:
        assert row["mentions"] == len(analysis.entity(row["entity"]).mentions)
    speakers = {row["speaker"]: row["speaker_name"] for row in rows["quotes"]}
    assert speakers["per:emmanuel-macron"] == analysis.entity("per:emmanuel-macron").name


def test_every_table_converts_to_arrow_even_when_empty(analysis: Analysis, record: Record):
    tables = to_tables({"articles": article_rows(KEY, record, analysis, None, AT)["articles"]})
    assert set(tables) == set(SCHEMAS)
    assert tables["articles"].num_rows == 1
    assert tables["quotes"].num_rows == 0
    assert tables["quotes"].schema == SCHEMAS["quotes"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-03-01", datetime(2026, 3, 1)),
        ("2026-03-01T10:15:00", datetime(2026, 3, 1, 10, 15)),
        ("2026-03-01T10:15:00+02:00", datetime(2026, 3, 1, 8, 15)),
        ("2026-03-01T10:15:00Z", datetime(2026, 3, 1, 10, 15)),
        ("1er mars 2026", None),
        ("", None),
        (None, None),
    ],
)
def test_dates_are_read_as_iso_8601_and_stored_in_utc(value, expected):
    assert parse_date(value) == expected


def test_a_file_name_with_undecodable_bytes_is_stored_with_visible_escapes():
    name = b"caf\xe9.txt".decode("utf-8", "surrogateescape")
    assert storable(name) == "caf\\udce9.txt"
    assert storable("déjà.txt") == "déjà.txt"
