"""A small store whose every figure can be worked out by hand, built from the store's own schema.sql.

    article  outlet         lang  published          words  technique spans
    a1       Le Veilleur    fr    2025-01-06 09:00   1000   Loaded_Language ×3, Doubt ×1
    a2       Le Veilleur    fr    2025-01-08 18:30    500   Loaded_Language ×1
    a3       Daily Ledger   en    2025-01-15 10:00   2000   Loaded_Language ×2, Name_Calling-Labeling ×2
    a4       Daily Ledger   en    2025-02-03 07:00    500   —
    a5       (none)         fr    (undated)          1000   Doubt ×1

Entities: org:nato is named in a1, a2, a3, a5 and cast Antagonist in a1 and a2, Protagonist in a3;
per:ana is named in a1 (Protagonist) and a3 (no role).
Quotes: per:ana twice direct in a1 and once reported in a3; per:ben once reported in a3; one unattributed in a1.
Narratives: a1 and a2 carry "URW: Praise of Russia", a1 also its subnarrative; a3 "URW: Discrediting the West".
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from spinscope.store import Store

PRAISE = "URW: Praise of Russia"
MIGHT = "URW: Praise of Russia: Praise of Russian military might"
WEST = "URW: Discrediting the West"

ARTICLES = [
    ("a1", "Le Veilleur", "fr", datetime(2025, 1, 6, 9, 0), 1000),
    ("a2", "Le Veilleur", "fr", datetime(2025, 1, 8, 18, 30), 500),
    ("a3", "Daily Ledger", "en", datetime(2025, 1, 15, 10, 0), 2000),
    ("a4", "Daily Ledger", "en", datetime(2025, 2, 3, 7, 0), 500),
    ("a5", None, "fr", None, 1000),
]
TECHNIQUES = [
    ("a1", "Loaded_Language", 3),
    ("a1", "Doubt", 1),
    ("a2", "Loaded_Language", 1),
    ("a3", "Loaded_Language", 2),
    ("a3", "Name_Calling-Labeling", 2),
    ("a5", "Doubt", 1),
]
ENTITIES = [
    ("a1", "org:nato", "NATO", "Antagonist"),
    ("a1", "per:ana", "Ana Duval", "Protagonist"),
    ("a2", "org:nato", "NATO", "Antagonist"),
    ("a3", "org:nato", "NATO", "Protagonist"),
    ("a3", "per:ana", "Ana Duval", None),
    ("a5", "org:nato", "NATO", None),
]
QUOTES = [
    ("a1", "direct", "per:ana", "Ana Duval"),
    ("a1", "direct", "per:ana", "Ana Duval"),
    ("a1", "reported", None, None),
    ("a3", "reported", "per:ana", "Ana Duval"),
    ("a3", "reported", "per:ben", "Ben Okafor"),
]
NARRATIVES = [
    ("a1", PRAISE, None),
    ("a1", MIGHT, PRAISE),
    ("a2", PRAISE, None),
    ("a3", WEST, None),
]


COUNTS = """
    UPDATE articles SET
        technique_spans = (SELECT count(*) FROM techniques t WHERE t.key = articles.key),
        quotes = (SELECT count(*) FROM quotes q WHERE q.key = articles.key),
        attributed_quotes = (SELECT count(speaker) FROM quotes q WHERE q.key = articles.key),
        narratives = (SELECT count(*) FROM narratives n WHERE n.key = articles.key)
"""  # the per-article counts a batch writes with each article


KEYS = {article: number for number, (article, *_) in enumerate(ARTICLES, start=1)}


def create_store(path: Path) -> None:
    """Write an empty store, exactly as the batch engine creates it."""
    Store.open(path).close()


def fill_store(path: Path) -> None:
    """Insert the articles and findings of the table above, with the per-article technique counts a batch
    writes beside the spans."""
    with duckdb.connect(str(path)) as connection:
        for article, outlet, language, published, words in ARTICLES:
            connection.execute(
                "INSERT INTO articles (article, key, source, outlet, published, language, words, technique_spans,"
                " quotes, attributed_quotes, narratives, analysed_at, analysis)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0, now()::TIMESTAMP, '{}')",
                [article, KEYS[article], f"test.jsonl:{article}", outlet, published, language, words],
            )
        for article, technique, spans in TECHNIQUES:
            for index in range(spans):
                connection.execute(
                    "INSERT INTO techniques VALUES (?, ?, ?, ?, ?, 'a span', 0.9, ?, 1, 'test')",
                    [article, KEYS[article], technique, 10 * index, 10 * index + 6, index],
                )
            connection.execute(
                "INSERT INTO article_techniques VALUES (?, ?, ?, ?)",
                [article, KEYS[article], technique, spans],
            )
        for article, entity, name, role in ENTITIES:
            connection.execute(
                "INSERT INTO entities VALUES (?, ?, ?, ?, 'organisation', 1, ?, [], 0.8)",
                [article, KEYS[article], entity, name, role],
            )
        for article, kind, speaker, name in QUOTES:
            connection.execute(
                "INSERT INTO quotes VALUES (?, ?, ?, ?, ?, 0, 5, 'said', 0.9)",
                [article, KEYS[article], kind, speaker, name],
            )
        for article, narrative, parent in NARRATIVES:
            connection.execute(
                "INSERT INTO narratives VALUES (?, ?, ?, ?, 'semeval2025', ?, 0.7)",
                [article, KEYS[article], narrative, narrative.rsplit(": ", 1)[-1], parent],
            )
        connection.execute(COUNTS)
        connection.execute("INSERT INTO errors VALUES ('test.jsonl:9', NULL, 'empty text', now()::TIMESTAMP)")


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    path = tmp_path / "store.duckdb"
    create_store(path)
    fill_store(path)
    return path


@pytest.fixture
def empty_store_path(tmp_path: Path) -> Path:
    path = tmp_path / "empty.duckdb"
    create_store(path)
    return path


@pytest.fixture
def store(store_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    with Store.open(store_path, read_only=True) as opened:
        yield opened.connection
