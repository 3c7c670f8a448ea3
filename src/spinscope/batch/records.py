"""What a batch reads: one article to analyse, or one input that could not become an article.

Every input reader (folders, JSONL, CSV, Parquet, feeds, URL lists) yields these two types and nothing else,
so the engines and the store never care where an article came from.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Record:
    """One article as an input gave it: exactly one of `text`, `html` or `url` is set."""

    source: str  # where it was read: "path/to/file.jsonl:17", "folder/a.txt", a feed URL and item number…
    id: str | None = None  # the input's own id, when it has one
    text: str | None = None
    html: str | None = None
    url: str | None = None
    outlet: str | None = None
    date: str | None = None  # ISO 8601 date or datetime, as given
    language: str | None = None  # ISO 639-1, when the input says
    title: str | None = None
    extra: dict[str, str] = field(default_factory=dict)

    def content_key(self) -> str:
        """The hash that identifies this article in a store: the same content is never analysed twice."""
        body = self.text if self.text is not None else self.html if self.html is not None else self.url or ""
        kind = "text" if self.text is not None else "html" if self.html is not None else "url"
        return hashlib.sha256(f"{kind}\0{body}".encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True)
class BadRecord:
    """An input that cannot be analysed, kept with the reason so that nothing is lost silently."""

    source: str
    reason: str
    id: str | None = None
