"""HTML → the article's main text and metadata, by trafilatura; navigation, comments and boilerplate dropped.

The analysed text follows the SemEval layout: the headline on the first line, then each paragraph on its own
line, separated by blank lines. The headline is part of the text because it is often the most loaded sentence
of an article; it is also kept as `title` in the metadata.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.etree
import lxml.html
import trafilatura

from spinscope.errors import NoTextError

# `<meta charset="...">` or `<meta http-equiv="Content-Type" content="text/html; charset=...">`, searched in
# the first bytes of a page, as browsers do, before the page is decoded.
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_META_SCAN_BYTES = 4096
_HTML_START = re.compile(
    r"\A(?:\s|<\?xml[^>]*>|<!--.*?-->)*<(?:!doctype\s+html|html)[\s>]", re.IGNORECASE | re.DOTALL
)
_HTML_EXTENSIONS = frozenset({".html", ".htm", ".xhtml", ".shtml"})
_SPACES = re.compile(r"[ \t\f\v]+")
HTML_MEDIA_TYPES = frozenset({"text/html", "application/xhtml+xml"})


@dataclass(frozen=True)
class Article:
    """The main text of an HTML page and what the page says about itself."""

    text: str
    title: str | None
    author: str | None
    date: str | None
    site: str | None
    url: str | None


def looks_like_html(text: str) -> bool:
    """True when `text` starts with `<html` or an HTML doctype, after white space, comments or `<?xml?>`."""
    return _HTML_START.match(text[:4096]) is not None


def has_html_extension(name: str) -> bool:
    lowered = name.lower()
    return any(lowered.endswith(extension) for extension in _HTML_EXTENSIONS)


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in a `<meta>` tag near its start, if any."""
    match = _META_CHARSET.search(data[:_META_SCAN_BYTES])
    return match.group(1).decode("ascii") if match else None


def extract(html: str, name: str, *, url: str | None = None) -> Article:
    """The article in `html` (called `name` in error messages); NoTextError when there is none."""
    document = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        deduplicate=False,
    )
    body = _paragraphs(document.text if document is not None and document.text else "")
    if not body or _only_navigation(html, body):
        raise NoTextError(f"{name}: no article text found in this HTML page")
    title = _clean(document.title)
    paragraphs = [title, *body] if title and body[0] != title else body
    return Article(
        text="\n\n".join(paragraphs),
        title=title,
        author=_clean(document.author),
        date=_clean(document.date),
        site=_clean(document.sitename) or _clean(document.hostname),
        url=_clean(document.url) or url,
    )


def _only_navigation(html: str, body: list[str]) -> bool:
    """True when every extracted line stands in a menu, header, footer or sidebar: trafilatura's fallbacks
    return such text from pages that hold no article at all."""
    try:
        tree = lxml.html.fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return False
    elements = tree.xpath("//nav|//header|//footer|//aside|//menu")
    chrome = " ".join(" ".join(element.text_content().split()) for element in elements)
    return bool(chrome) and all(line in chrome for line in body)


def _paragraphs(text: str) -> list[str]:
    """trafilatura's lines, with runs of ASCII white space collapsed (no-break spaces are typography and stay)
    and empty lines dropped."""
    return [line for line in (_SPACES.sub(" ", raw).strip(" ") for raw in text.splitlines()) if line]


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    cleaned = " ".join(value.split())
    return cleaned or None
