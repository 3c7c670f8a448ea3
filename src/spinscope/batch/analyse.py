"""Analyse one record into store rows, or say in one line why it cannot be analysed.

This is the function every engine runs, in a local worker process or on a Dask worker: the pipeline for each
language is built once per process (`build_pipeline` caches it), so a worker loads the model once.
A record never raises: whatever goes wrong becomes a `Failed` outcome, and the batch goes on.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import islice

import pyarrow as pa

from spinscope.analysis import Analysis, Language, Metadata
from spinscope.batch.records import BadRecord, Record
from spinscope.document import Document
from spinscope.errors import DecodingError, InputError, LanguageError, SpinscopeError
from spinscope.ingest import FetchPolicy, load
from spinscope.ingest.html import extract
from spinscope.ingest.text import DEFAULT_MAX_BYTES, check_size, check_text
from spinscope.language import SUPPORTED_LANGUAGES, identify
from spinscope.pipeline import build_pipeline
from spinscope.store.rows import SCHEMAS, TableRows, article_rows, error_row, to_tables


@dataclass(frozen=True)
class AnalysisSettings:
    """What every record of a batch is analysed with."""

    model: str | None
    language: str | None = None  # for records that do not say theirs; None: identified per article
    allow_private: bool = False
    timeout: float = 15.0
    max_bytes: int = DEFAULT_MAX_BYTES


@dataclass(frozen=True)
class Analysed:
    key: str
    rows: TableRows


@dataclass(frozen=True)
class Failed:
    source: str
    id: str | None
    reason: str

    def row(self) -> dict:
        return error_row(self.source, self.id, self.reason, _now())


Outcome = Analysed | Failed
Task = tuple[str, Record]  # a record to analyse and its content hash


def analyse_record(key: str, record: Record, settings: AnalysisSettings) -> Outcome:
    """The store rows for `record` (whose content hash is `key`), or why it failed."""
    try:
        analysis = _analyse(record, settings)
        return Analysed(key, article_rows(key, record, analysis, settings.model, _now()))
    except SpinscopeError as error:
        return Failed(record.source, record.id, str(error))
    except Exception as error:  # noqa: BLE001 - one broken record must not stop a batch of millions
        return Failed(record.source, record.id, f"internal error: {type(error).__name__}: {error}")


def analyse_chunk(chunk: list[Task], settings: AnalysisSettings) -> dict[str, pa.Table]:
    """Several records in one task, so that sending work to a process costs little per article; the result
    is Arrow tables, which cross process and machine boundaries cheaply."""
    return outcome_tables([analyse_record(key, record, settings) for key, record in chunk])


def chunked(tasks: Iterable[Task], size: int) -> Iterator[list[Task]]:
    """`tasks` in lists of `size`, read lazily so that only the chunks in flight are in memory."""
    iterator = iter(tasks)
    while chunk := list(islice(iterator, size)):
        yield chunk


def outcome_tables(outcomes: Iterable[Outcome]) -> dict[str, pa.Table]:
    rows: TableRows = {name: [] for name in SCHEMAS}
    for outcome in outcomes:
        if isinstance(outcome, Analysed):
            for name, table_rows in outcome.rows.items():
                rows[name].extend(table_rows)
        else:
            rows["errors"].append(outcome.row())
    return to_tables(rows)


def bad_record_outcome(bad: BadRecord) -> Failed:
    return Failed(bad.source, bad.id, bad.reason)


def _analyse(record: Record, settings: AnalysisSettings) -> Analysis:
    text, metadata = _load(record, settings)
    language = _language(text, record, settings)
    metadata = metadata.model_copy(
        update={
            "source": record.source,
            "title": record.title or metadata.title,
            "date": record.date or metadata.date,
            "site": record.outlet or metadata.site,
            "url": record.url or metadata.url,
        }
    )
    doc = Document.from_text(text, metadata=metadata, language=language)
    return build_pipeline(language.code, settings.model)(doc)


def _language(text: str, record: Record, settings: AnalysisSettings) -> Language:
    """The record's own language when it gives one, else the batch's (--lang), else identified."""
    if record.language is None:
        return identify(text, override=settings.language)
    try:
        return identify(text, override=record.language)
    except LanguageError:
        raise LanguageError(
            f"{record.source}: the record's language {record.language!r} is not one spinscope analyses "
            f"(supported: {', '.join(SUPPORTED_LANGUAGES)})"
        ) from None


def _load(record: Record, settings: AnalysisSettings) -> tuple[str, Metadata]:
    """The text to analyse: a text as given, an HTML page's article, or a fetched URL's."""
    name = record.source
    if record.text is not None:
        _check_unicode(record.text, name)
        check_size(len(record.text), name, settings.max_bytes)
        check_text(record.text, name)
        return record.text, Metadata()
    if record.html is not None:
        _check_unicode(record.html, name)
        check_size(len(record.html), name, settings.max_bytes)
        page = extract(record.html, name, url=record.url)
        return page.text, Metadata(
            content_type="html",
            title=page.title,
            author=page.author,
            date=page.date,
            site=page.site,
            url=page.url,
        )
    if record.url is not None:
        if not record.url.lower().startswith(("http://", "https://")):
            raise InputError(f"{name}: {record.url!r} is not an http(s) URL")
        policy = FetchPolicy(
            allow_private=settings.allow_private, timeout=settings.timeout, max_bytes=settings.max_bytes
        )
        loaded = load(record.url, fetch_policy=policy)
        return loaded.text, loaded.metadata
    raise InputError(f"{name}: the record has no text, html or url")


def _check_unicode(value: str, name: str) -> None:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise DecodingError(f"{name}: the text holds bytes that are not valid Unicode") from None


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)
