"""What `spinscope batch` reads: folders, single article files, JSONL, CSV, Parquet, feeds and URL lists.

`read_inputs` checks every input before reading any (a missing file or an unknown kind raises InputError at
once, so a batch fails before it starts), then streams Records and BadRecords one input after another, each
reader holding one row, line or file at a time. How an input is read is decided by what it is:

| input                                   | read as                                                   |
|-----------------------------------------|-----------------------------------------------------------|
| a folder                                | its .txt/.md/.html/.htm files, recursively, sorted        |
| .txt .md .html .htm                     | one article (a .txt of http(s) URLs only: a URL list)     |
| .urls                                   | one URL per line (# comments allowed)                     |
| .jsonl .ndjson (.gz)                    | one JSON object per line, columns as in ColumnMap         |
| .csv (.gz)                              | a header row, then one article per row                    |
| .parquet                                | one article per row                                       |
| .xml .rss .atom, or an http(s) URL      | an RSS or Atom feed, one article per entry                |
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from importlib.util import find_spec
from pathlib import Path

from spinscope.batch.inputs import feeds, files, tables
from spinscope.batch.inputs.columns import DEFAULT_COLUMNS, ColumnMap
from spinscope.batch.records import BadRecord, Record
from spinscope.errors import InputError
from spinscope.ingest.text import DEFAULT_MAX_BYTES
from spinscope.ingest.url import FetchPolicy

__all__ = ["ColumnMap", "read_inputs"]

Reader = Callable[[], Iterator[Record | BadRecord]]
_TABLE_READERS = {
    ".jsonl": tables.read_jsonl,
    ".ndjson": tables.read_jsonl,
    ".csv": tables.read_csv,
    ".parquet": tables.read_parquet,
}
_GZIPPED_SUFFIXES = frozenset(
    {".jsonl", ".ndjson", ".csv"}
)  # read line by line, so a stream can be gunzipped


def read_inputs(
    paths: Iterable[str | Path],
    *,
    columns: ColumnMap | None = None,
    fetch_policy: FetchPolicy | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Record | BadRecord]:
    """Every article of every input, in order. Raises InputError now for an input that does not exist or
    whose kind is unknown; anything wrong inside an input is yielded as a BadRecord instead.

    `columns` maps table columns to Record fields; `fetch_policy` governs feed URLs (by default only public
    addresses); `max_bytes` caps every single file, feed and row."""
    readers = [
        _reader(
            str(path), columns or DEFAULT_COLUMNS, fetch_policy or FetchPolicy(max_bytes=max_bytes), max_bytes
        )
        for path in paths
    ]
    return (item for reader in readers for item in reader())


def _reader(path: str, columns: ColumnMap, policy: FetchPolicy, max_bytes: int) -> Reader:
    if path.lower().startswith(("http://", "https://")):
        _require("feedparser", "RSS and Atom feeds")
        return lambda: feeds.read_feed_url(path, policy)
    location = Path(path)
    if location.is_dir():
        return lambda: files.read_folder(location, max_bytes)
    if not location.exists():
        raise InputError(f"{path}: no such file or folder")
    name = location.name.lower()
    suffix = Path(name.removesuffix(".gz")).suffix
    if name.endswith(".gz") and suffix not in _GZIPPED_SUFFIXES:
        raise InputError(f"{path}: only .jsonl.gz, .ndjson.gz and .csv.gz files are read compressed")
    if suffix in _TABLE_READERS:
        table_reader = _TABLE_READERS[suffix]
        if suffix == ".parquet":
            _require("pyarrow", "Parquet files")
        return lambda: table_reader(location, columns, max_bytes)
    if suffix in files.ARTICLE_SUFFIXES:
        return lambda: files.read_article_file(location, max_bytes)
    if suffix == files.URL_LIST_SUFFIX:
        return lambda: files.read_url_list(location)
    if suffix in feeds.FEED_SUFFIXES:
        _require("feedparser", "RSS and Atom feeds")
        return lambda: feeds.read_feed_file(location, max_bytes)
    raise InputError(
        f"{path}: unknown kind of input; give a folder, .txt .md .html .urls .jsonl .csv .parquet "
        ".xml .rss .atom files, or a feed URL"
    )


def _require(module: str, what: str) -> None:
    """Refuse an input whose optional reader is not installed, before the batch starts."""
    if find_spec(module) is None:
        raise InputError(f"reading {what} needs {module}: pip install 'spinscope[batch]'")
