"""JSONL, CSV and Parquet inputs, read row by row so that a file of any size takes constant memory.

A row that cannot be read (malformed JSON, not an object, invalid UTF-8, too large, no text) becomes a
BadRecord named `file:line` (`file:row` for Parquet) and reading goes on; only a file that cannot be read
at all (missing, corrupt gzip) ends its own reading early, with one BadRecord that says why. No line or
field larger than the size cap is ever held in memory whole.
"""

from __future__ import annotations

import csv
import gzip
import json
import sys
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from spinscope.batch.inputs.columns import ColumnMap, row_record
from spinscope.batch.records import BadRecord, Record
from spinscope.ingest.text import DEFAULT_MAX_BYTES

PARQUET_BATCH_ROWS = 1024
_SKIP_CHUNK = 1 << 20
# One CSV field may hold a whole article, up to the size any single input may have (a process-wide setting
# of the csv module; larger fields are malformed rows).
csv.field_size_limit(min(sys.maxsize, DEFAULT_MAX_BYTES))


def read_jsonl(path: Path, columns: ColumnMap, max_bytes: int) -> Iterator[Record | BadRecord]:
    """One object per line; blank lines are skipped."""
    try:
        with _open_binary(path) as file:
            for number, line in enumerate(_capped_lines(file, max_bytes), start=1):
                source = f"{path}:{number}"
                if line is None:
                    yield BadRecord(source, f"the line is larger than the {max_bytes:,}-byte limit")
                elif line.strip():
                    yield _json_line(line, source, columns, max_bytes)
    except (OSError, EOFError, zlib.error) as error:
        yield BadRecord(str(path), f"cannot be read: {_reason(error)}")


def _capped_lines(file: IO[bytes], max_bytes: int) -> Iterator[bytes | None]:
    """The lines of `file`; None for a line over `max_bytes`, which is skipped without being held whole."""
    while line := file.readline(max_bytes + 1):
        if len(line) <= max_bytes or line.endswith(b"\n"):
            yield line
            continue
        while line and not line.endswith(b"\n"):
            line = file.readline(_SKIP_CHUNK)
        yield None


def _json_line(line: bytes, source: str, columns: ColumnMap, max_bytes: int) -> Record | BadRecord:
    try:
        row = json.loads(line.decode("utf-8").removeprefix("\ufeff"))
    except UnicodeDecodeError as error:
        return BadRecord(source, f"not valid UTF-8 (bad byte at column {error.start + 1})")
    except json.JSONDecodeError as error:
        return BadRecord(source, f"invalid JSON: {error.msg} (column {error.colno})")
    if not isinstance(row, dict):
        return BadRecord(source, f"a JSON {type(row).__name__}, not an object")
    return row_record(row, source, columns, max_bytes)


def read_csv(path: Path, columns: ColumnMap, max_bytes: int) -> Iterator[Record | BadRecord]:
    """A header row, then one row per article; fields may span lines. UTF-8, with or without a BOM; a row
    with bytes that are not UTF-8 is a bad record, and the rows after it are still read."""
    try:
        with _open_binary(path) as binary:
            lines = _Lines(binary)
            reader = csv.DictReader(lines)
            header = reader.fieldnames or []
            if _undecodable(*header):
                yield BadRecord(f"{path}:1", "the header row is not valid UTF-8; re-save the file as UTF-8")
                return
            while True:
                source = f"{path}:{lines.count + 1}"
                try:
                    row = next(reader)
                except StopIteration:
                    return
                except csv.Error as error:
                    yield BadRecord(source, f"malformed CSV: {error}")
                    continue
                cells = {name: value for name, value in row.items() if name is not None}
                if _undecodable(*(value for value in cells.values() if isinstance(value, str))):
                    yield BadRecord(source, "not valid UTF-8; re-save the file as UTF-8")
                else:
                    yield row_record(cells, source, columns, max_bytes)
    except (OSError, EOFError, zlib.error) as error:
        yield BadRecord(str(path), f"cannot be read: {_reason(error)}")


class _Lines:
    """Decoded lines, counted (the csv module's own count misses a line it failed on); bytes that are not
    UTF-8 are kept as lone surrogates for the row check to find."""

    def __init__(self, binary: IO[bytes]):
        self.binary = binary
        self.count = 0

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        line = next(self.binary).decode("utf-8", "surrogateescape")
        self.count += 1
        return line.removeprefix("\ufeff") if self.count == 1 else line


def _undecodable(*values: str) -> bool:
    try:
        for value in values:
            value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def read_parquet(path: Path, columns: ColumnMap, max_bytes: int) -> Iterator[Record | BadRecord]:
    """Row groups are read in batches of PARQUET_BATCH_ROWS rows; rows are numbered from 1."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(path)
    except (OSError, pa.ArrowException) as error:
        yield BadRecord(str(path), f"not a readable Parquet file: {_reason(error)}")
        return
    with parquet:
        number = 0
        for batch in parquet.iter_batches(batch_size=PARQUET_BATCH_ROWS):
            for row in batch.to_pylist():
                number += 1
                yield row_record(row, f"{path}:{number}", columns, max_bytes)


def _open_binary(path: Path) -> IO[bytes]:
    return gzip.open(path, "rb") if path.name.lower().endswith(".gz") else path.open("rb")


def _reason(error: BaseException) -> str:
    return getattr(error, "strerror", None) or str(error) or type(error).__name__
