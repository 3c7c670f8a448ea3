"""Which column of a table row holds what: the mapping users give with --text-column, --id-column…

JSONL, CSV and Parquet rows all become Records through `row_record`, so every table format accepts the same
columns and reports a row without text, HTML or URL the same way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, fields

from spinscope.batch.records import BadRecord, Record
from spinscope.errors import InputTooLargeError
from spinscope.ingest.text import DEFAULT_MAX_BYTES, check_size


@dataclass(frozen=True)
class ColumnMap:
    """The column name for each Record field. A row needs one of text, html or url; the first present wins."""

    id: str = "id"
    text: str = "text"
    html: str = "html"
    url: str = "url"
    outlet: str = "outlet"
    date: str = "date"
    language: str = "language"
    title: str = "title"

    def mapped(self) -> frozenset[str]:
        return frozenset(getattr(self, field.name) for field in fields(self))


DEFAULT_COLUMNS = ColumnMap()


def row_record(
    row: Mapping[str, object], source: str, columns: ColumnMap, max_bytes: int = DEFAULT_MAX_BYTES
) -> Record | BadRecord:
    """The Record a table row gives, or a BadRecord naming the columns looked for when it has no content
    or saying that its content is over the size cap (counted in characters, as for a text given directly)."""
    values = {field.name: _cell(row.get(getattr(columns, field.name))) for field in fields(columns)}
    content = next(((kind, values[kind]) for kind in ("text", "html", "url") if values[kind]), None)
    if content is None:
        wanted = ", ".join(repr(getattr(columns, kind)) for kind in ("text", "html", "url"))
        found = ", ".join(repr(str(name)) for name in row) or "none"
        return BadRecord(source, f"no text, html or url: looked for {wanted}, found {found}", values["id"])
    mapped = columns.mapped()
    extra = {str(name): cell for name, value in row.items() if name not in mapped and (cell := _cell(value))}
    kind, body = content
    try:
        check_size(len(body), f"its {kind}", max_bytes)
    except InputTooLargeError as error:
        return BadRecord(source, str(error), values["id"])
    language = values["language"].strip().lower() if values["language"] else None
    return Record(
        source=source,
        id=values["id"],
        outlet=values["outlet"],
        date=values["date"],
        language=language or None,
        title=values["title"],
        extra=extra,
        **{kind: body},
    )


def _cell(value: object) -> str | None:
    """A cell as text: None for missing or blank cells, ISO 8601 for dates, '12' for 12.0."""
    if value is None or isinstance(value, list | dict):
        return None
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, float) and value != value:  # NaN: how pandas writes a missing cell
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, bytes):
        return None
    text = str(value)
    return text if text.strip() else None
