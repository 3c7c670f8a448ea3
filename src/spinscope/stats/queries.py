"""The statistics a researcher asks of a store, as DuckDB queries that return small typed rows.

Every query starts from the same set of articles (the filters) cut into the same groups (outlet, language,
period); counts are then shared out over those groups' articles and words, so that a big outlet and a small
one can be compared. Only code constants are ever written into SQL text: every value that comes from a
user (outlet names, dates, labels, limits) travels as a query parameter.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

import duckdb

ROLES = ("Antagonist", "Protagonist", "Innocent")


class Period(StrEnum):
    day = "day"
    week = "week"  # ISO weeks, from Monday
    month = "month"


DIMENSIONS = ("outlet", "language", *Period)


@dataclass(frozen=True)
class Grouping:
    """What the rows are broken down by: outlet, language and at most one period, in any combination."""

    outlet: bool = False
    language: bool = False
    period: Period | None = None

    @classmethod
    def parse(cls, text: str) -> Grouping:
        """'outlet,week' → Grouping(outlet=True, period=Period.week); raises ValueError on anything else."""
        names = [name.strip().lower() for name in text.split(",") if name.strip()]
        unknown = [name for name in names if name not in DIMENSIONS]
        if unknown:
            raise ValueError(f"cannot group by {', '.join(unknown)}: choose among {', '.join(DIMENSIONS)}")
        periods = [Period(name) for name in names if name in Period.__members__]
        if len(periods) > 1:
            raise ValueError(f"group by one period at most, not {' and '.join(periods)}")
        return cls("outlet" in names, "language" in names, periods[0] if periods else None)

    @property
    def columns(self) -> tuple[str, ...]:
        """The group columns every row of this grouping fills, in display order."""
        return tuple(
            name
            for name, wanted in (
                ("outlet", self.outlet),
                ("language", self.language),
                ("period", self.period is not None),
            )
            if wanted
        )

    def select_sql(self) -> str:
        """The group columns as SELECT items, after the article columns."""
        expressions = {
            "outlet": "outlet",
            "language": "language",
            "period": f"date_trunc('{self.period}', published)::DATE AS period",
        }
        return "".join(f", {expressions[column]}" for column in self.columns)


@dataclass(frozen=True)
class Filters:
    """Which articles count. Empty tuples and None mean no restriction.

    `technique` and `narrative` keep the articles that carry them, except in their own view, where they
    keep only that label's rows and leave the articles (and so the shares' denominators) alone.
    """

    outlets: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    since: date | None = None
    until: date | None = None  # inclusive
    technique: str | None = None
    narrative: str | None = None  # a narrative id, or a parent narrative's id for all its subnarratives
    role: str | None = None  # only the roles view: Antagonist, Protagonist or Innocent


@dataclass(frozen=True)
class TechniqueRow:
    technique: str
    spans: int
    articles: int  # articles with at least one span of the technique
    group_articles: int
    group_words: int
    per_1000_words: float
    per_article: float  # spans per article of the group
    article_share: float  # share of the group's articles that use the technique
    outlet: str | None = None
    language: str | None = None
    period: date | None = None


@dataclass(frozen=True)
class NarrativeRow:
    narrative: str
    name: str
    parent: str | None
    articles: int
    group_articles: int
    article_share: float
    outlet: str | None = None
    language: str | None = None
    period: date | None = None


@dataclass(frozen=True)
class RoleRow:
    role: str
    entity: str
    name: str
    articles: int  # articles that cast the actor in this role
    mentioned_in: int  # articles that mention the actor at all
    role_share: float  # articles / mentioned_in
    outlet: str | None = None
    language: str | None = None
    period: date | None = None


@dataclass(frozen=True)
class SpeakerRow:
    speaker: str
    name: str
    quotes: int
    direct: int
    articles: int
    quote_share: float  # share of the group's attributed quotes
    outlet: str | None = None
    language: str | None = None
    period: date | None = None


@dataclass(frozen=True)
class OverviewRow:
    articles: int
    words: int
    first: datetime | None
    last: datetime | None
    spans: int
    per_1000_words: float
    per_article: float
    with_techniques_share: float  # share of articles with at least one technique span
    with_narratives_share: float
    quotes: int
    attributed_share: float  # share of quotes with a known speaker
    outlet: str | None = None
    language: str | None = None
    period: date | None = None


@dataclass(frozen=True)
class StoreSummary:
    articles: int
    errors: int  # inputs the batch could not analyse


@dataclass
class _Query:
    """SQL text assembled from constants, and the user values it needs as named parameters."""

    params: dict[str, Any] = field(default_factory=dict)

    def articles(self, filters: Filters, grouping: Grouping, own: str | None = None) -> str:
        """The `a` CTE: one row per article that passes the filters, with its group columns.

        `own` names the label ('technique' or 'narrative') the calling view counts: its filter selects that
        view's rows, not articles.
        """
        conditions = []
        if filters.outlets:
            conditions.append("list_contains($outlets, outlet)")
            self.params["outlets"] = list(filters.outlets)
        if filters.languages:
            conditions.append("list_contains($languages, language)")
            self.params["languages"] = list(filters.languages)
        if filters.since:
            conditions.append("published >= $since")
            self.params["since"] = filters.since
        if filters.until:
            conditions.append("published < $until::DATE + INTERVAL 1 DAY")
            self.params["until"] = filters.until
        if filters.technique and own != "technique":
            conditions.append("article IN (SELECT article FROM techniques WHERE technique = $technique)")
            self.params["technique"] = filters.technique
        if filters.narrative and own != "narrative":
            conditions.append(
                "article IN (SELECT article FROM narratives"
                " WHERE narrative = $narrative OR parent = $narrative)"
            )
            self.params["narrative"] = filters.narrative
        where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
        groups = grouping.select_sql()
        return f"a AS (SELECT rowid AS id, article, words, published{groups} FROM articles{where})"

    def top(self, top: int, partition: tuple[str, ...], order: str) -> str:
        """A QUALIFY clause keeping the first `top` rows of each partition (all rows when top is 0)."""
        if top <= 0:
            return ""
        self.params["top"] = top
        over = f"PARTITION BY {', '.join(partition)} " if partition else ""
        return f" QUALIFY row_number() OVER ({over}ORDER BY {order}) <= $top"


def _same_group(columns: tuple[str, ...], left: str, right: str) -> str:
    """A join condition on the group columns that also matches unknown (NULL) outlets and dates."""
    return " AND ".join(f"{left}.{c} IS NOT DISTINCT FROM {right}.{c}" for c in columns) or "TRUE"


def _order(columns: tuple[str, ...]) -> str:
    return "".join(f"{column} NULLS LAST, " for column in columns)


def _rows(connection: duckdb.DuckDBPyConnection, sql: str, params: dict[str, Any], row_type: type) -> list:
    cursor = connection.execute(sql, params)
    names = [description[0] for description in cursor.description]
    return [row_type(**dict(zip(names, values, strict=True))) for values in cursor.fetchall()]


def technique_counts(
    connection: duckdb.DuckDBPyConnection, filters: Filters, grouping: Grouping, top: int = 0
) -> list[TechniqueRow]:
    """Spans of each technique per group, per 1,000 words, per article, and the share of articles using it.

    Counting articles per technique means deduplicating (article, technique) pairs, the costly step on
    millions of spans: each article's techniques are folded into one bit string first (one group per
    article, not per pair), then unfolded per group. Techniques are numbered by their place in `names`.
    """
    if filters.technique:
        names = [filters.technique]
    else:
        names = [row[0] for row in connection.execute("SELECT DISTINCT technique FROM techniques").fetchall()]
    if not names:
        return []
    query = _Query({"names": sorted(names)})
    articles = query.articles(filters, grouping, own="technique")
    group = grouping.columns
    g_columns = "".join(f"{c}, " for c in group)
    a_columns = "".join(f"a.{c}, " for c in group)
    only = " WHERE list_contains($names, technique)" if filters.technique else ""  # --technique: its rows
    sql = f"""
        WITH {articles},
        g AS (SELECT {g_columns}count(*) AS group_articles, coalesce(sum(words), 0)::BIGINT AS group_words
              FROM a GROUP BY ALL),
        bits AS (SELECT article, bitstring_agg(list_position($names, technique), 1, len($names)) AS used
                 FROM techniques{only} GROUP BY article),
        s AS (SELECT {a_columns}list_position($names, t.technique) AS k, count(*) AS spans
              FROM (SELECT article, technique FROM techniques{only}) t JOIN a ON t.article = a.article
              GROUP BY ALL),
        u AS (SELECT {a_columns}unnest(list_filter(range(1, len($names) + 1),
                                                   lambda i: get_bit(bits.used, (i - 1)::INTEGER) = 1)) AS k
              FROM bits JOIN a ON bits.article = a.article),
        n AS (SELECT {g_columns}k, count(*) AS articles FROM u GROUP BY ALL)
        SELECT {"".join(f"s.{c}, " for c in group)}$names[s.k] AS technique, s.spans, n.articles,
               g.group_articles, g.group_words,
               CASE WHEN g.group_words > 0 THEN 1000.0 * s.spans / g.group_words ELSE 0 END AS per_1000_words,
               s.spans / g.group_articles AS per_article,
               n.articles / g.group_articles AS article_share
        FROM s JOIN n ON s.k = n.k AND {_same_group(group, "s", "n")} JOIN g ON {_same_group(group, "s", "g")}
        {query.top(top, tuple(f"s.{c}" for c in group), "s.spans DESC, technique")}
        ORDER BY {_order(group)}spans DESC, technique
    """
    return _rows(connection, sql, query.params, TechniqueRow)


def narrative_counts(
    connection: duckdb.DuckDBPyConnection, filters: Filters, grouping: Grouping, top: int = 0
) -> list[NarrativeRow]:
    """Articles that carry each narrative per group, and their share of the group's articles."""
    query = _Query()
    articles = query.articles(filters, grouping, own="narrative")
    group = grouping.columns
    only = ""
    if filters.narrative:
        only = " WHERE n.narrative = $narrative OR n.parent = $narrative"
        query.params["narrative"] = filters.narrative
    sql = f"""
        WITH {articles},
        g AS (SELECT {"".join(f"{c}, " for c in group)}count(*) AS group_articles FROM a GROUP BY ALL),
        n AS (SELECT {"".join(f"a.{c}, " for c in group)}n.narrative, min(n.name) AS name,
                     min(n.parent) AS parent, count(DISTINCT a.id) AS articles
              FROM narratives n JOIN a ON n.article = a.article{only} GROUP BY ALL)
        SELECT {"".join(f"n.{c}, " for c in group)}n.narrative, n.name, n.parent, n.articles,
               g.group_articles, n.articles / g.group_articles AS article_share
        FROM n JOIN g ON {_same_group(group, "n", "g")}
        {query.top(top, tuple(f"n.{c}" for c in group), "n.articles DESC, n.narrative")}
        ORDER BY {_order(group)}articles DESC, narrative
    """
    return _rows(connection, sql, query.params, NarrativeRow)


def role_counts(
    connection: duckdb.DuckDBPyConnection, filters: Filters, grouping: Grouping, top: int = 10
) -> list[RoleRow]:
    """The actors most often cast in each main role, with the share of their articles that cast them so."""
    query = _Query()
    articles = query.articles(filters, grouping)
    group = grouping.columns
    roles = ROLES
    if filters.role:
        roles = tuple(role for role in ROLES if role == filters.role)
    casts = ", ".join(
        f"count(*) FILTER (WHERE e.main_role = '{role}') AS {role.lower()}" for role in ROLES
    )  # constants from ROLES, never user text
    unpivot = " UNION ALL ".join(
        f"SELECT {''.join(f'{c}, ' for c in group)}'{role}' AS role, entity, name, "
        f"{role.lower()} AS articles, mentioned_in FROM c WHERE {role.lower()} > 0"
        for role in roles
    )
    if not unpivot:
        return []
    sql = f"""
        WITH {articles},
        c AS (SELECT {"".join(f"a.{c}, " for c in group)}e.entity, min(e.name) AS name,
                     count(*) AS mentioned_in, {casts}
              FROM entities e JOIN a ON e.article = a.article GROUP BY ALL),
        r AS ({unpivot})
        SELECT *, articles / mentioned_in AS role_share FROM r
        {query.top(top, (*group, "role"), "articles DESC, entity")}
        ORDER BY {_order(group)}array_position({list(ROLES)}, role), articles DESC, entity
    """
    return _rows(connection, sql, query.params, RoleRow)


def top_speakers(
    connection: duckdb.DuckDBPyConnection, filters: Filters, grouping: Grouping, top: int = 10
) -> list[SpeakerRow]:
    """The most quoted speakers per group; unattributed quotes are left out (the overview counts them)."""
    query = _Query()
    articles = query.articles(filters, grouping)
    group = grouping.columns
    partition = f"PARTITION BY {', '.join(group)}" if group else ""
    sql = f"""
        WITH {articles},
        q AS (SELECT {"".join(f"a.{c}, " for c in group)}q.speaker, min(q.speaker_name) AS name,
                     count(*) AS quotes, count(*) FILTER (WHERE q.kind = 'direct') AS direct,
                     count(DISTINCT a.id) AS articles
              FROM quotes q JOIN a ON q.article = a.article WHERE q.speaker IS NOT NULL GROUP BY ALL)
        SELECT *, quotes / sum(quotes) OVER ({partition}) AS quote_share
        FROM q
        {query.top(top, group, "quotes DESC, speaker")}
        ORDER BY {_order(group)}quotes DESC, speaker
    """
    return _rows(connection, sql, query.params, SpeakerRow)


def overview(
    connection: duckdb.DuckDBPyConnection, filters: Filters, grouping: Grouping
) -> list[OverviewRow]:
    """Per group: articles, words, dates, technique density, narrative and quote coverage."""
    query = _Query()
    articles = query.articles(filters, grouping)
    group = grouping.columns
    sql = f"""
        WITH {articles},
        ts AS (SELECT article, count(*) AS n FROM techniques GROUP BY article),
        ns AS (SELECT DISTINCT article FROM narratives),
        qs AS (SELECT article, count(*) AS n, count(speaker) AS attributed FROM quotes GROUP BY article),
        o AS (SELECT {"".join(f"a.{c}, " for c in group)}count(*) AS articles,
                     coalesce(sum(a.words), 0)::BIGINT AS words,
                     min(a.published) AS first, max(a.published) AS last,
                     coalesce(sum(ts.n), 0)::BIGINT AS spans, count(ts.n) AS with_techniques,
                     count(ns.article) AS with_narratives,
                     coalesce(sum(qs.n), 0)::BIGINT AS quotes, coalesce(sum(qs.attributed), 0) AS attributed
              FROM a LEFT JOIN ts ON ts.article = a.article LEFT JOIN ns ON ns.article = a.article
                     LEFT JOIN qs ON qs.article = a.article
              GROUP BY ALL HAVING count(*) > 0)
        SELECT {"".join(f"{c}, " for c in group)}articles, words, first, last, spans,
               CASE WHEN words > 0 THEN 1000.0 * spans / words ELSE 0 END AS per_1000_words,
               spans / articles AS per_article,
               with_techniques / articles AS with_techniques_share,
               with_narratives / articles AS with_narratives_share,
               quotes, CASE WHEN quotes > 0 THEN attributed / quotes ELSE 0 END AS attributed_share
        FROM o
        ORDER BY {_order(group)}articles DESC
    """
    return _rows(connection, sql, query.params, OverviewRow)


def store_summary(connection: duckdb.DuckDBPyConnection) -> StoreSummary:
    """How much the store holds, whatever the filters: tells an empty store from an empty selection."""
    articles, errors = connection.execute(
        "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM errors)"
    ).fetchone()
    return StoreSummary(articles=articles, errors=errors)
