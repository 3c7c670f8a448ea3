"""Corpus files: what `spinscope synth` writes is what `spinscope batch` reads, in every format."""

from __future__ import annotations

import gzip
import json

import pyarrow.parquet as pq
import pytest

from spinscope.batch.inputs import read_inputs
from spinscope.synth import CorpusFormat, CorpusSettings, generate, write_corpus
from spinscope.synth.writers import PARQUET_ROWS_PER_GROUP

SETTINGS = CorpusSettings(articles=12, languages=("fr", "en", "uk"), seed=6, mean_words=80)


@pytest.mark.parametrize("name", ["corpus.jsonl", "corpus.jsonl.gz", "corpus.parquet"])
def test_table_formats_are_read_back_by_batch_inputs_with_every_column(tmp_path, name):
    out = tmp_path / name
    format = CorpusFormat.parquet if name.endswith(".parquet") else CorpusFormat.jsonl

    written = write_corpus(generate(SETTINGS), format, out)

    records = list(read_inputs([out]))
    assert written == len(records) == 12
    assert [
        (record.id, record.outlet, record.date, record.language, record.title, record.text)
        for record in records
    ] == [
        (article.id, article.outlet, article.date, article.language, article.title, article.text)
        for article in generate(SETTINGS)
    ]


def test_gzipped_jsonl_is_really_compressed(tmp_path):
    out = tmp_path / "corpus.jsonl.gz"
    write_corpus(generate(SETTINGS), CorpusFormat.jsonl, out)

    with gzip.open(out, "rt", encoding="utf-8") as file:
        rows = [json.loads(line) for line in file]

    assert len(rows) == 12 and set(rows[0]) == {"id", "outlet", "date", "language", "title", "text"}


def test_a_folder_holds_one_text_file_per_article_by_language_with_the_title_first(tmp_path):
    out = tmp_path / "articles"

    write_corpus(generate(SETTINGS), CorpusFormat.folder, out)

    articles = list(generate(SETTINGS))
    files = sorted(path.relative_to(out).as_posix() for path in out.rglob("*.txt"))
    assert files == sorted(f"{article.language}/{article.id}.txt" for article in articles)
    first = articles[0]
    assert (out / first.language / f"{first.id}.txt").read_text(encoding="utf-8") == (
        f"{first.title}\n\n{first.text}\n"
    )
    assert len(list(read_inputs([out]))) == 12


def test_parquet_is_written_in_row_groups_as_it_streams(tmp_path):
    out = tmp_path / "corpus.parquet"
    settings = CorpusSettings(articles=PARQUET_ROWS_PER_GROUP + 5, languages=("en",), mean_words=20)

    write_corpus(generate(settings), CorpusFormat.parquet, out)

    metadata = pq.ParquetFile(out).metadata
    assert metadata.num_rows == PARQUET_ROWS_PER_GROUP + 5
    assert metadata.num_row_groups == 2
