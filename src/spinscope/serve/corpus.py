"""Read the store for the corpus pages and the read API: search articles, and count what was found.

The article list takes the filters (outlet, date, language, technique, narrative) and a text search, and
only ever binds the user's values as parameters; the counts come from `spinscope stats`'s own queries, so
that the dashboard and the command agree. The store's connection is shared with the batches that write into
it; each query runs on its own cursor, so reads from several request threads never share one.
"""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import date, timedelta

import duckdb
from pydantic import BaseModel, ConfigDict, Field, field_validator

from spinscope.analysis import Analysis
from spinscope.serve.api_models import (
    ArticlePage,
    ArticleRow,
    CorpusStats,
    CountRow,
    OutletRow,
    SeriesRow,
)
from spinscope.stats.queries import (
    Filters,
    Grouping,
    Period,
    narrative_counts,
    overview,
    role_counts,
    technique_counts,
)

_TOP = 12


class CorpusFilters(BaseModel):
    model_config = ConfigDict(extra="ignore")

    q: str | None = Field(default=None, max_length=200, description="Words in the title or the text.")
    outlet: str | None = Field(default=None, max_length=512)
    language: str | None = Field(default=None, max_length=8)
    technique: str | None = Field(default=None, max_length=100)
    narrative: str | None = Field(default=None, max_length=300)
    date_from: date | None = Field(default=None, description="Published on or after this day.")
    date_to: date | None = Field(default=None, description="Published on or before this day.")

    @field_validator("*", mode="before")
    @classmethod
    def _blank_is_no_filter(cls, value: object) -> object:
        """A form sends every field; an empty one filters nothing."""
        return None if isinstance(value, str) and not value.strip() else value

    def for_stats(self) -> Filters:
        """The same filters for `spinscope stats`'s queries, which have no text search."""
        return Filters(
            outlets=(self.outlet,) if self.outlet else (),
            languages=(self.language,) if self.language else (),
            since=self.date_from,
            until=self.date_to,
            technique=self.technique,
            narrative=self.narrative,
        )

    def where(self) -> tuple[str, list[object]]:
        """A WHERE clause over `articles a`, and its parameters."""
        clauses, parameters = ["TRUE"], []
        if self.q:
            pattern = "%" + self.q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            clauses.append(
                "(a.title ILIKE ? ESCAPE '\\' "
                "OR json_extract_string(a.analysis, '$.text') ILIKE ? ESCAPE '\\')"
            )
            parameters += [pattern, pattern]
        for column, value in (("a.outlet", self.outlet), ("a.language", self.language)):
            if value:
                clauses.append(f"{column} = ?")
                parameters.append(value)
        if self.technique:
            clauses.append("a.key IN (SELECT key FROM article_techniques WHERE technique = ?)")
            parameters.append(self.technique)
        if self.narrative:  # a narrative, or a parent narrative for all its subnarratives
            clauses.append("a.key IN (SELECT key FROM narratives WHERE narrative = ? OR parent = ?)")
            parameters += [self.narrative, self.narrative]
        if self.date_from:
            clauses.append("a.published >= ?")
            parameters.append(self.date_from)
        if self.date_to:
            clauses.append("a.published < ?")
            parameters.append(self.date_to + timedelta(days=1))
        return " AND ".join(clauses), parameters


class CorpusReader:
    def __init__(self, connection: duckdb.DuckDBPyConnection, lock: threading.Lock):
        self.connection = connection
        self.lock = lock  # held by writers; cursors are created under it

    def _rows(self, sql: str, parameters: list[object]) -> list[tuple]:
        with self.lock:
            cursor = self.connection.cursor()
        try:
            return cursor.execute(sql, parameters).fetchall()
        finally:
            cursor.close()

    def choices(self) -> dict[str, list[str]]:
        """The values the filter menus offer: every outlet, language, technique and narrative in the store."""
        queries = {
            "outlet": "SELECT DISTINCT outlet FROM articles WHERE outlet IS NOT NULL ORDER BY 1",
            "language": "SELECT DISTINCT language FROM articles ORDER BY 1",
            "technique": "SELECT DISTINCT technique FROM article_techniques ORDER BY 1",
            "narrative": "SELECT DISTINCT narrative FROM narratives ORDER BY 1",
        }
        return {name: [row[0] for row in self._rows(sql, [])] for name, sql in queries.items()}

    def articles(self, filters: CorpusFilters, *, limit: int, offset: int) -> ArticlePage:
        where, parameters = filters.where()
        total = self._rows(f"SELECT count(*) FROM articles a WHERE {where}", parameters)[0][0]
        rows = self._rows(
            "SELECT a.article, a.id, a.title, a.outlet, a.url, strftime(a.published, '%Y-%m-%d'), "
            "a.language, a.words, a.technique_spans "
            f"FROM articles a WHERE {where} ORDER BY a.published DESC NULLS LAST, a.article LIMIT ? OFFSET ?",
            [*parameters, limit, offset],
        )
        fields = ArticleRow.model_fields
        return ArticlePage(
            total=total,
            offset=offset,
            articles=[ArticleRow(**dict(zip(fields, row, strict=True))) for row in rows],
        )

    def analysis(self, article: str) -> Analysis | None:
        rows = self._rows("SELECT analysis FROM articles WHERE article = ?", [article])
        return Analysis.from_json(rows[0][0]) if rows else None

    def stats(self, filters: CorpusFilters) -> CorpusStats:
        """The dashboard's figures, from the same queries as `spinscope stats` (the text search aside)."""
        chosen = filters.for_stats()
        month = Grouping(period=Period.month)
        with self.lock:
            cursor = self.connection.cursor()
        try:
            summary = overview(cursor, chosen, Grouping())
            techniques = technique_counts(cursor, chosen, Grouping())
            by_month = technique_counts(cursor, chosen, month)
            by_outlet = technique_counts(cursor, chosen, Grouping(outlet=True))
            narratives = narrative_counts(cursor, chosen, Grouping())
            narratives_by_month = narrative_counts(cursor, chosen, month)
            villains = role_counts(cursor, replace(chosen, role="Antagonist"), Grouping(), top=_TOP)
            heroes = role_counts(cursor, replace(chosen, role="Protagonist"), Grouping(), top=_TOP)
        finally:
            cursor.close()
        return CorpusStats(
            articles=summary[0].articles if summary else 0,
            techniques=[CountRow(key=r.technique, count=r.spans) for r in techniques],
            narratives=[CountRow(key=r.narrative, count=r.articles) for r in narratives],
            techniques_over_time=[
                SeriesRow(period=f"{r.period:%Y-%m}", key=r.technique, count=r.spans)
                for r in by_month
                if r.period
            ],
            narratives_over_time=[
                SeriesRow(period=f"{r.period:%Y-%m}", key=r.narrative, count=r.articles)
                for r in narratives_by_month
                if r.period
            ],
            techniques_by_outlet=[
                OutletRow(outlet=r.outlet, key=r.technique, per_100_words=round(r.per_1000_words / 10, 3))
                for r in by_outlet
                if r.outlet is not None
            ],
            villains=[CountRow(key=r.name, count=r.articles) for r in villains],
            heroes=[CountRow(key=r.name, count=r.articles) for r in heroes],
        )
