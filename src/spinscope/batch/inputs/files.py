"""Article files (.txt, .md, .html, .htm), one by one or a whole folder of them, and lists of URLs.

Bytes are decoded by spinscope's own decoder (spinscope.ingest.text), so a batch reads a file exactly as
`spinscope analyze` would; HTML is kept as HTML for the analysis to extract. A .txt file whose every
non-blank line is an http(s) URL is a list of URLs, not an article, wherever it is found; a .urls file must
be one, and a line of it that is not a URL is reported as a bad record.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

from spinscope.batch.records import BadRecord, Record
from spinscope.errors import InputError
from spinscope.ingest import html, text

ARTICLE_SUFFIXES = frozenset({".txt", ".md", ".html", ".htm"})
URL_LIST_SUFFIX = ".urls"
_HTTP_URL = re.compile(r"\Ahttps?://[^\s/?#]+\S*\Z", re.IGNORECASE)


def read_folder(folder: Path, max_bytes: int) -> Iterator[Record | BadRecord]:
    """Every article file under `folder`, recursively, in sorted path order; ids are paths in the folder."""
    for path in _article_files(folder):
        yield from read_article_file(path, max_bytes, id=path.relative_to(folder).as_posix())


def _article_files(folder: Path) -> Iterator[Path]:
    """Article files depth first, names sorted, hidden ones skipped. Only the names of the directories
    being walked are held, so memory grows with the largest directory, not with the whole tree."""
    with os.scandir(folder) as listing:
        names = sorted(entry.name for entry in listing if not entry.name.startswith("."))
    for name in names:
        path = folder / name
        if path.is_dir():
            yield from _article_files(path)
        elif path.suffix.lower() in ARTICLE_SUFFIXES and path.is_file():
            yield path


def read_article_file(path: Path, max_bytes: int, id: str | None = None) -> Iterator[Record | BadRecord]:
    """One article file as one Record, or each URL of a .txt URL list, or a BadRecord saying why not."""
    source = str(path)
    try:
        text.check_size(path.stat().st_size, source, max_bytes)
        with path.open("rb") as file:
            data = file.read(max_bytes + 1)
        if html.has_html_extension(source):
            decoded = text.decode(data, source, declared=html.declared_charset(data), max_bytes=max_bytes)
            yield Record(source=source, id=id, html=decoded.text)
            return
        decoded = text.decode(data, source, max_bytes=max_bytes)
    except InputError as error:
        yield BadRecord(source, str(error), id)
        return
    except OSError as error:
        yield BadRecord(source, f"cannot be read: {error.strerror or error}", id)
        return
    if path.suffix.lower() == ".txt" and is_url_list(decoded.text):
        yield from url_records(decoded.text, source)
    else:
        yield Record(source=source, id=id, text=decoded.text)


def read_url_list(path: Path) -> Iterator[Record | BadRecord]:
    """A .urls file, streamed line by line (a list may hold millions of URLs): one http(s) URL per line in
    UTF-8; blank lines and lines starting with # are skipped."""
    try:
        with path.open("rb") as file:
            for number, line in enumerate(file, start=1):
                try:
                    address = line.decode("utf-8-sig" if number == 1 else "utf-8")
                except UnicodeDecodeError:
                    yield BadRecord(f"{path}:{number}", "not valid UTF-8")
                    continue
                yield from url_records(address, str(path), first_line=number)
    except OSError as error:
        yield BadRecord(str(path), f"cannot be read: {error.strerror or error}")


def is_url_list(content: str) -> bool:
    """Whether every non-blank line of `content` is an http(s) URL (and there is at least one)."""
    lines = [line.strip() for line in content.splitlines() if line.strip()]
    return bool(lines) and all(_HTTP_URL.match(line) for line in lines)


def url_records(content: str, source: str, first_line: int = 1) -> Iterator[Record | BadRecord]:
    """A Record per URL line of `content`, named `source:line`; a BadRecord per other non-comment line."""
    for number, line in enumerate(content.splitlines(), start=first_line):
        address = line.strip()
        if not address or address.startswith("#"):
            continue
        where = f"{source}:{number}"
        if _HTTP_URL.match(address):
            yield Record(source=where, url=address)
        else:
            yield BadRecord(where, f"not an http(s) URL: {address[:80]!r}")
