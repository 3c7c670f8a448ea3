"""An article written for these tests, analysed once (lexicons only), and a helper that stores articles."""

from __future__ import annotations

from datetime import datetime

import pytest

from spinscope.analysis import Analysis
from spinscope.batch.records import Record
from spinscope.pipeline import analyze
from spinscope.store.rows import TableRows, article_rows, error_row, to_tables

ARTICLE = (
    "Le ministre a présenté un plan désastreux, selon l'opposition.\n\n"
    "« Cette réforme sauvera le pays », a déclaré Emmanuel Macron. Tout le monde sait que c'est faux.\n\n"
    "L'Otan a publié un communiqué mardi."
)
AT = datetime(2026, 3, 2, 9, 30)


@pytest.fixture(scope="session")
def analysis() -> Analysis:
    return analyze(ARTICLE, lang="fr", model=None)


@pytest.fixture
def record() -> Record:
    return Record(source="articles.jsonl:1", id="42", text=ARTICLE, outlet="La Gazette", date="2026-03-01")


@pytest.fixture
def batch_of(analysis: Analysis):
    """`batch_of(keys, errors=[])`: Arrow tables holding the test article under each key, and error rows."""

    def build(keys: list[str], errors: list[tuple[str, str]] = ()) -> dict:
        rows: TableRows = {}
        for key in keys:
            record = Record(source=f"src:{key}", text=ARTICLE)
            for name, table_rows in article_rows(key, record, analysis, None, AT).items():
                rows.setdefault(name, []).extend(table_rows)
        rows["errors"] = [error_row(source, None, reason, AT) for source, reason in errors]
        return to_tables(rows)

    return build
