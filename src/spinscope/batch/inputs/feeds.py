"""RSS and Atom feeds, from a local file or an http(s) URL: one Record per entry.

An entry that carries its full content (RSS content:encoded, Atom <content>) becomes an HTML (or text) Record,
so the article is analysed as the feed gave it; otherwise its link becomes a URL Record, fetched later by the
analysis. A summary alone is never taken for the article. Remote feeds go through spinscope's guarded
fetcher, so a feed URL cannot reach private addresses unless the FetchPolicy allows it.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator, Mapping
from pathlib import Path

from spinscope.batch.records import BadRecord, Record
from spinscope.errors import FetchError, InputError
from spinscope.ingest import text, url

FEED_SUFFIXES = frozenset({".xml", ".rss", ".atom"})
FEED_MEDIA_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/xml",
        "text/xml",
        "text/plain",  # some servers send feeds as plain text
        "text/html",  # a page given as a feed: parsed, then reported as not a feed, with a hint
    }
)
FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1"
_HTML_CONTENT_TYPES = frozenset({"text/html", "application/xhtml+xml"})


def read_feed_file(path: Path, max_bytes: int) -> Iterator[Record | BadRecord]:
    source = str(path)
    try:
        text.check_size(path.stat().st_size, source, max_bytes)
        data = path.read_bytes()
    except InputError as error:
        yield BadRecord(source, str(error))
        return
    except OSError as error:
        yield BadRecord(source, f"cannot be read: {error.strerror or error}")
        return
    yield from feed_records(data, source)


def read_feed_url(address: str, policy: url.FetchPolicy) -> Iterator[Record | BadRecord]:
    try:
        page = url.fetch(address, policy, media_types=FEED_MEDIA_TYPES, accept=FEED_ACCEPT)
    except FetchError as error:
        yield BadRecord(address, str(error))
        return
    content_type = page.media_type
    if content_type and page.charset:
        content_type += f"; charset={page.charset}"
    yield from feed_records(page.body, address, content_type)


def feed_records(data: bytes, source: str, content_type: str | None = None) -> Iterator[Record | BadRecord]:
    """The entries of the feed in `data`, each named `source#N`, or one BadRecord for a non-feed.
    `content_type` is the server's header, whose charset feedparser weighs against the XML declaration."""
    import feedparser

    headers = {"content-type": content_type} if content_type else {}
    parsed = feedparser.parse(data, response_headers=headers)
    if not parsed.version and not parsed.entries:
        problem = parsed.get("bozo_exception")
        detail = f" ({problem})" if problem else ""
        yield BadRecord(source, f"not an RSS or Atom feed{detail}; list article URLs in a .urls file instead")
        return
    channel = parsed.feed
    outlet = _clean(channel.get("title"))
    language = _language(channel.get("language"))
    for number, entry in enumerate(parsed.entries, start=1):
        yield _entry_record(entry, f"{source}#{number}", outlet, language)


def _entry_record(
    entry: Mapping, source: str, outlet: str | None, language: str | None
) -> Record | BadRecord:
    link = _clean(entry.get("link"))
    identifier = _clean(entry.get("id")) or link
    metadata = {
        "source": source,
        "id": identifier,
        "outlet": outlet,
        "date": _date(entry),
        "language": _language(entry.get("language")) or language,
        "title": _clean(entry.get("title")),
        "extra": {"link": link} if link else {},
    }
    for content in entry.get("content") or ():
        body = content.get("value") or ""
        if body.strip():
            kind = "html" if content.get("type", "text/html") in _HTML_CONTENT_TYPES else "text"
            return Record(**metadata, **{kind: body})
    if link and link.lower().startswith(("http://", "https://")):
        return Record(**{**metadata, "extra": {}}, url=link)
    return BadRecord(source, "a feed entry with neither full content nor an http(s) link", identifier)


def _date(entry: Mapping) -> str | None:
    """The entry's publication (else update) time in UTC, ISO 8601; the raw string if it cannot be parsed."""
    for key in ("published", "updated", "created"):
        parsed: time.struct_time | None = entry.get(f"{key}_parsed")
        if parsed is not None:
            return dt.datetime(*parsed[:6], tzinfo=dt.UTC).isoformat()
        if entry.get(key):
            return str(entry[key])
    return None


def _language(value: object) -> str | None:
    """'fr' from 'fr-FR' or 'FR'; None for anything that is not a two-letter code."""
    code = str(value or "").split("-")[0].split("_")[0].strip().lower()
    return code if len(code) == 2 and code.isalpha() else None


def _clean(value: object) -> str | None:
    cleaned = " ".join(str(value or "").split())
    return cleaned or None
