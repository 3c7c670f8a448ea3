"""Decide what a source is (URL, file, standard input, text, bytes) and turn it into the text to analyse.

Plain text is kept exactly as decoded, line endings included, so that every offset points into what the user
gave. HTML (known by its content type, its file extension or its first tag) is replaced by its main text.
"""

from __future__ import annotations

import logging
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from spinscope.analysis import Metadata
from spinscope.errors import InputError
from spinscope.ingest import html, text, url

logger = logging.getLogger(__name__)

STDIN = "-"
# A single token "scheme://…", or one of the schemes without "//" that browsers run: these are refused by the
# fetcher rather than analysed as a one-word article. One-letter schemes are Windows drives (C:\article.txt).
_URL_LIKE = re.compile(
    r"\A(?:[A-Za-z][A-Za-z0-9+.-]+://|(?:javascript|vbscript|data|file|about|blob|mailto):)\S*\Z",
    re.IGNORECASE,
)
# A single token ending like a file name: a missing file, not a one-word article.
_FILE_LIKE = re.compile(r"\A\S+\.(?:txt|text|md|html?|xhtml)\Z", re.IGNORECASE)
_MAX_PATH_LENGTH = 4096


@dataclass(frozen=True)
class LoadedText:
    """The text to analyse, where it came from, and what the user should know about how it was read."""

    text: str
    metadata: Metadata
    warnings: tuple[str, ...] = field(default=())


def load(
    source: str | Path | bytes,
    *,
    allow_private: bool = False,
    max_bytes: int = text.DEFAULT_MAX_BYTES,
    fetch_policy: url.FetchPolicy | None = None,
    stdin: BinaryIO | None = None,
) -> LoadedText:
    """Load a URL, a file path, '-' (standard input), a text or raw bytes.

    `fetch_policy` overrides `allow_private` and the size cap for URLs. Raises an InputError or FetchError
    subclass, with a one-line message naming the input, when the source cannot be analysed.
    """
    if isinstance(source, bytes | bytearray | memoryview):
        return _from_bytes(bytes(source), "the given bytes", Metadata(), max_bytes)
    if isinstance(source, Path):
        return _from_file(source, max_bytes)
    if source == STDIN:
        stream = stdin if stdin is not None else sys.stdin.buffer
        return _from_bytes(stream.read(max_bytes + 1), "standard input", Metadata(source=STDIN), max_bytes)
    if _is_url(source):
        policy = fetch_policy or url.FetchPolicy(allow_private=allow_private, max_bytes=max_bytes)
        return _from_url(source, policy)
    if _names_existing_file(source):
        return _from_file(Path(source), max_bytes)
    if _FILE_LIKE.match(source):
        raise InputError(f"{source}: no such file")
    return _from_text(source, max_bytes)


def _from_text(source: str, max_bytes: int) -> LoadedText:
    name = "the given text"
    text.check_size(len(source), name, max_bytes)
    text.check_text(source, name)
    if html.looks_like_html(source):
        return _from_html(source, name, Metadata())
    return LoadedText(source, Metadata())


def _from_file(path: Path, max_bytes: int) -> LoadedText:
    name = str(path)
    try:
        if path.is_dir():
            raise InputError(f"{name} is a directory, not a file")
        text.check_size(path.stat().st_size, name, max_bytes)
        with path.open("rb") as file:
            data = file.read(max_bytes + 1)  # special files report size 0; never read past the cap
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except OSError as error:
        raise InputError(f"{name}: cannot be read ({error.strerror or error})") from None
    metadata = Metadata(source=name)
    if html.has_html_extension(name):
        return _from_html_bytes(data, name, metadata, max_bytes, declared=None)
    return _from_bytes(data, name, metadata, max_bytes)


def _from_url(address: str, policy: url.FetchPolicy) -> LoadedText:
    page = url.fetch(address, policy)
    metadata = Metadata(source=address, url=page.url)
    if page.media_type in html.HTML_MEDIA_TYPES:
        return _from_html_bytes(page.body, address, metadata, policy.max_bytes, declared=page.charset)
    if page.media_type is None:  # no Content-Type header: the body decides
        return _from_bytes(page.body, address, metadata, policy.max_bytes, declared=page.charset)
    decoded = text.decode(page.body, address, declared=page.charset, max_bytes=policy.max_bytes)
    return _loaded(decoded.text, metadata.model_copy(update={"encoding": decoded.encoding}), decoded.warnings)


def _from_bytes(
    data: bytes, name: str, metadata: Metadata, max_bytes: int, declared: str | None = None
) -> LoadedText:
    """Bytes of unknown kind: decoded, then extracted when they turn out to be HTML."""
    if declared is None and html.looks_like_html(data[:4096].decode("latin-1")):
        declared = html.declared_charset(data)
    decoded = text.decode(data, name, declared=declared, max_bytes=max_bytes)
    metadata = metadata.model_copy(update={"encoding": decoded.encoding})
    if html.looks_like_html(decoded.text):
        return _from_html(decoded.text, name, metadata, decoded.warnings)
    return _loaded(decoded.text, metadata, decoded.warnings)


def _from_html_bytes(
    data: bytes, name: str, metadata: Metadata, max_bytes: int, declared: str | None
) -> LoadedText:
    decoded = text.decode(data, name, declared=declared or html.declared_charset(data), max_bytes=max_bytes)
    metadata = metadata.model_copy(update={"encoding": decoded.encoding})
    return _from_html(decoded.text, name, metadata, decoded.warnings)


def _from_html(page: str, name: str, metadata: Metadata, warnings: tuple[str, ...] = ()) -> LoadedText:
    article = html.extract(page, name, url=metadata.url)
    metadata = metadata.model_copy(
        update={
            "content_type": "html",
            "title": article.title,
            "author": article.author,
            "date": article.date,
            "site": article.site,
            "url": metadata.url or article.url,
        }
    )
    return _loaded(article.text, metadata, warnings)


def _loaded(content: str, metadata: Metadata, warnings: tuple[str, ...]) -> LoadedText:
    for warning in warnings:
        logger.warning(warning)
    return LoadedText(content, metadata, warnings)


def _is_url(source: str) -> bool:
    return _URL_LIKE.match(source) is not None


def _names_existing_file(source: str) -> bool:
    """Whether `source` is the path of an existing file (article text with line breaks never is)."""
    if not 0 < len(source) <= _MAX_PATH_LENGTH or "\n" in source or "\x00" in source:
        return False
    try:
        return Path(source).exists()
    except OSError:  # e.g. a one-line text longer than a file name may be
        return False
