"""One analysed article → rows of the store's tables, and rows → the Arrow tables the store inserts.

The Arrow schemas mirror schema.sql column for column, so that a batch with no quote at all still inserts an
empty `quotes` table of the right types, and Parquet parts written by Dask workers read back unchanged.
"""

from __future__ import annotations

import bisect
from collections import Counter
from datetime import UTC, datetime
from typing import Any

import pyarrow as pa

from spinscope.analysis import Analysis, Span
from spinscope.batch.records import Record

Row = dict[str, Any]
TableRows = dict[str, list[Row]]

_STRINGS = pa.list_(pa.string())
_TIME = pa.timestamp("us")
_KEY = ("key", pa.uint64())

SCHEMAS: dict[str, pa.Schema] = {
    "articles": pa.schema(
        [
            ("article", pa.string()),
            _KEY,
            ("id", pa.string()),
            ("source", pa.string()),
            ("outlet", pa.string()),
            ("url", pa.string()),
            ("title", pa.string()),
            ("published", _TIME),
            ("language", pa.string()),
            ("words", pa.int32()),
            ("technique_spans", pa.int32()),
            ("quotes", pa.int32()),
            ("attributed_quotes", pa.int32()),
            ("narratives", pa.int32()),
            ("genre", pa.string()),
            ("frames", _STRINGS),
            ("model", pa.string()),
            ("analysed_at", _TIME),
            ("analysis", pa.string()),
        ]
    ),
    "techniques": pa.schema(
        [
            ("article", pa.string()),
            _KEY,
            ("technique", pa.string()),
            ("start", pa.int32()),
            ("end", pa.int32()),
            ("text", pa.string()),
            ("confidence", pa.float64()),
            ("sentence", pa.int32()),
            ("paragraph", pa.int32()),
            ("source", pa.string()),
        ]
    ),
    "labels": pa.schema(
        [
            ("article", pa.string()),
            _KEY,
            ("level", pa.string()),
            ("unit", pa.int32()),
            ("technique", pa.string()),
            ("confidence", pa.float64()),
        ]
    ),
    "entities": pa.schema(
        [
            ("article", pa.string()),
            _KEY,
            ("entity", pa.string()),
            ("name", pa.string()),
            ("type", pa.string()),
            ("mentions", pa.int32()),
            ("main_role", pa.string()),
            ("fine_roles", _STRINGS),
            ("role_confidence", pa.float64()),
        ]
    ),
    "quotes": pa.schema(
        [
            ("article", pa.string()),
            _KEY,
            ("kind", pa.string()),
            ("speaker", pa.string()),
            ("speaker_name", pa.string()),
            ("start", pa.int32()),
            ("end", pa.int32()),
            ("text", pa.string()),
            ("confidence", pa.float64()),
        ]
    ),
    "narratives": pa.schema(
        [
            ("article", pa.string()),
            _KEY,
            ("narrative", pa.string()),
            ("name", pa.string()),
            ("catalogue", pa.string()),
            ("parent", pa.string()),
            ("confidence", pa.float64()),
        ]
    ),
    "article_techniques": pa.schema(
        [
            ("article", pa.string()),
            _KEY,
            ("technique", pa.string()),
            ("spans", pa.int32()),
        ]
    ),
    "errors": pa.schema(
        [
            ("source", pa.string()),
            ("id", pa.string()),
            ("reason", pa.string()),
            ("at", _TIME),
        ]
    ),
}

# Tables whose rows belong to one article, in the order they are written (articles first).
ARTICLE_TABLES = (
    "articles",
    "techniques",
    "article_techniques",
    "labels",
    "entities",
    "quotes",
    "narratives",
)


def article_key(content_hash: str) -> int:
    """The integer the store joins on: the first 64 bits of the article's content hash (hexadecimal)."""
    return int(content_hash[:16], 16)


def article_rows(key: str, record: Record, analysis: Analysis, model: str | None, at: datetime) -> TableRows:
    """Every row one analysed article adds to the store; `key` is the record's content hash."""
    metadata = analysis.metadata
    rows: TableRows = {name: [] for name in ARTICLE_TABLES}
    ids = {"article": key, "key": article_key(key)}
    rows["articles"].append(
        {
            **ids,
            "id": storable(record.id),
            "source": storable(record.source),
            "outlet": storable(record.outlet or metadata.site),
            "url": storable(record.url or metadata.url),
            "title": storable(record.title or metadata.title),
            "published": parse_date(record.date or metadata.date),
            "language": analysis.language.code,
            "words": analysis.summary.words,
            "technique_spans": len(analysis.techniques),
            "quotes": len(analysis.quotes),
            "attributed_quotes": sum(1 for quote in analysis.quotes if quote.speaker),
            "narratives": len(analysis.narratives),
            "genre": analysis.genre.name if analysis.genre else None,
            "frames": [frame.name for frame in analysis.frames],
            "model": model,
            "analysed_at": at,
            "analysis": analysis.to_json(indent=None),
        }
    )
    sentence_starts = [sentence.start for sentence in analysis.sentences]
    for span in analysis.techniques:
        sentence = _sentence_of(span, analysis, sentence_starts)
        rows["techniques"].append(
            {
                **ids,
                "technique": span.technique,
                "start": span.start,
                "end": span.end,
                "text": span.text,
                "confidence": span.confidence,
                "sentence": sentence,
                "paragraph": analysis.sentences[sentence].paragraph if sentence is not None else None,
                "source": span.source,
            }
        )
    rows["article_techniques"].extend(
        {**ids, "technique": technique, "spans": spans}
        for technique, spans in sorted(Counter(span.technique for span in analysis.techniques).items())
    )
    for level, units in (
        ("sentence", [(s.index, s.techniques) for s in analysis.sentences]),
        ("paragraph", [(p.id, p.techniques) for p in analysis.paragraphs]),
    ):
        for unit, labels in units:
            rows["labels"].extend(
                {
                    **ids,
                    "level": level,
                    "unit": unit,
                    "technique": label.name,
                    "confidence": label.confidence,
                }
                for label in labels
            )
    for entity in analysis.entities:
        rows["entities"].append(
            {
                **ids,
                "entity": entity.id,
                "name": entity.name,
                "type": entity.type,
                "mentions": len(entity.mentions),
                "main_role": entity.role.main if entity.role else None,
                "fine_roles": list(entity.role.fine) if entity.role else None,
                "role_confidence": entity.role.confidence if entity.role else None,
            }
        )
    for quote in analysis.quotes:
        speaker = analysis.entity(quote.speaker) if quote.speaker else None
        named = quote.speaker_mention.text if quote.speaker_mention else None
        rows["quotes"].append(
            {
                **ids,
                "kind": quote.kind,
                "speaker": quote.speaker,
                "speaker_name": speaker.name if speaker else named,
                "start": quote.content.start,
                "end": quote.content.end,
                "text": quote.content.text,
                "confidence": quote.confidence,
            }
        )
    rows["narratives"].extend(
        {
            **ids,
            "narrative": narrative.id,
            "name": narrative.name,
            "catalogue": narrative.catalogue,
            "parent": narrative.parent,
            "confidence": narrative.confidence,
        }
        for narrative in analysis.narratives
    )
    return rows


def error_row(source: str, id: str | None, reason: str, at: datetime) -> Row:
    """The row that records an input that could not be analysed."""
    return {"source": storable(source), "id": storable(id), "reason": storable(reason), "at": at}


def to_tables(rows: TableRows) -> dict[str, pa.Table]:
    """Arrow tables for every store table, empty ones included, in the store's column types."""
    return {name: pa.Table.from_pylist(rows.get(name, []), schema=schema) for name, schema in SCHEMAS.items()}


def parse_date(value: str | None) -> datetime | None:
    """An ISO 8601 date or datetime as a naive UTC datetime; None when absent or unreadable."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment


def storable(value: str | None) -> str | None:
    """`value` as valid UTF-8: a file name with undecodable bytes keeps them as visible escapes."""
    if value is None:
        return None
    return value.encode("utf-8", "backslashreplace").decode("utf-8")


def _sentence_of(span: Span, analysis: Analysis, starts: list[int]) -> int | None:
    position = bisect.bisect_right(starts, span.start) - 1
    if position >= 0 and span.start < analysis.sentences[position].end:
        return analysis.sentences[position].index
    return None
