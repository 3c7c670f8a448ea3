"""The HTML dashboard: one standalone file that loads nothing, runs nothing, and escapes what a store holds."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import duckdb

from spinscope.stats.dashboard import CSP, render_dashboard
from spinscope.stats.queries import Filters, Period
from spinscope.store import Store


class Page(HTMLParser):
    """What a browser would see: tags, attributes, the sections' headings and the tables' cells."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.headings: list[str] = []
        self.cells: list[str] = []
        self._inside: str | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in ("h2", "td"):
            self._inside = tag

    def handle_endtag(self, tag):
        if tag == self._inside:
            self._inside = None

    def handle_data(self, data):
        if self._inside == "h2":
            self.headings.append(data.strip())
        elif self._inside == "td":
            self.cells.append(data.strip())


def dashboard(path: Path, filters: Filters | None = None, period: Period | None = None) -> str:
    with Store.open(path, read_only=True) as opened:
        return render_dashboard(opened.connection, filters or Filters(), period)


def test_the_dashboard_holds_the_main_tables_and_charts(store_path: Path):
    page = Page(dashboard(store_path))
    assert page.headings == [
        "Persuasion techniques",
        "Techniques by week",  # two months of articles: weeks
        "Outlets",
        "Techniques by outlet",
        "Narratives",
        "Actors by role",
        "Most quoted speakers",
    ]
    assert sum(1 for tag, _ in page.tags if tag == "svg") == 7
    assert "Loaded language" in page.cells and "NATO" in page.cells and "Ana Duval" in page.cells


def test_the_dashboard_is_standalone_and_locked_down(store_path: Path):
    html = dashboard(store_path)
    page = Page(html)
    (policy,) = [a["content"] for tag, a in page.tags if tag == "meta" and a.get("http-equiv")]
    assert policy == CSP and "default-src 'none'" in CSP and "script-src 'none'" in CSP
    assert not any(tag in ("script", "link", "img", "iframe", "object") for tag, _ in page.tags)
    referenced = [v for _, attrs in page.tags for k, v in attrs.items() if k in ("src", "href", "xlink:href")]
    # Only links inside the page, and the PNG raster matplotlib embeds in a heat map.
    assert referenced and all(value.startswith(("#", "data:image/png;base64,")) for value in referenced)
    assert not re.search(r"url\((?!#)", html)  # no CSS fetch either
    assert "<?xml" not in html and "<!DOCTYPE svg" not in html


def test_what_a_store_holds_is_escaped(store_path: Path):
    hostile = '<script>alert("x")</script>'
    with duckdb.connect(str(store_path)) as connection:
        connection.execute("UPDATE articles SET outlet = ? WHERE outlet = 'Le Veilleur'", [hostile])
        connection.execute("UPDATE entities SET name = ? WHERE entity = 'org:nato'", [hostile])
    html = dashboard(store_path)
    assert "<script" not in html
    assert hostile in Page(html).cells


def test_filters_are_shown_and_applied(store_path: Path):
    html = dashboard(store_path, Filters(languages=("en",)), Period.month)
    page = Page(html)
    assert "Languages: en" in html
    assert "Techniques by month" in page.headings
    assert "Outlets" not in page.headings  # one outlet left: nothing to compare
    assert "Doubt" not in page.cells  # only French articles use it


def test_an_empty_store_gives_a_page_that_says_so(empty_store_path: Path):
    page = Page(dashboard(empty_store_path))
    assert page.headings == ["No articles"]
