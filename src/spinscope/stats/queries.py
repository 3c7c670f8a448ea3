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
        """Three CTEs: `a`, one row per article that passes the filters, with its group columns; `g`, one row
        per group, numbered (`gid`), with its articles, words, dates and the counts the overview shows (kept
        per article in `articles` by the batch); `ag`, each article's `key` and `gid`.

        Views join their findings to `ag` and count per `gid`, then put the group columns back from `g`:
        a join that carries one integer instead of an outlet name and a date is several times cheaper
        over millions of spans. `own` names the label ('technique' or 'narrative') the calling view
        counts: its filter selects that view's rows, not articles.
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
            conditions.append("key IN (SELECT key FROM article_techniques WHERE technique = $technique)")
            self.params["technique"] = filters.technique
        if filters.narrative and own != "narrative":
            conditions.append(
                "key IN (SELECT key FROM narratives WHERE narrative = $narrative OR parent = $narrative)"
            )
            self.params["narrative"] = filters.narrative
        where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
        columns = "".join(f"{column}, " for column in grouping.columns)
        counts = "technique_spans, quotes, attributed_quotes, narratives"
        return f"""a AS (SELECT key, words, published, {counts}{grouping.select_sql()} FROM articles{where}),
        g AS (SELECT {columns}row_number() OVER () AS gid, count(*) AS group_articles,
                     coalesce(sum(words), 0)::BIGINT AS group_words, min(published) AS first,
                     max(published) AS last, sum(technique_spans)::BIGINT AS spans,
                     count(*) FILTER (WHERE technique_spans > 0) AS with_techniques,
                     count(*) FILTER (WHERE narratives > 0) AS with_narratives,
                     sum(quotes)::BIGINT AS quotes, sum(attributed_quotes)::BIGINT AS attributed
              FROM a GROUP BY ALL HAVING count(*) > 0),
        ag AS (SELECT a.key, g.gid FROM a JOIN g ON {_same_group(grouping.columns, "a", "g")})"""

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


def _group_columns(grouping: Grouping) -> str:
    """The group columns of a result row, taken from `g`."""
    return "".join(f"g.{column}, " for column in grouping.columns)


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

    `article_techniques` (one row per article and technique, counted when the batch wrote the article) gives
    both figures in one pass: its rows are the articles that use a technique, its `spans` their spans.
    """
    query = _Query()
    articles = query.articles(filters, grouping, own="technique")
    only = ""
    if filters.technique:  # --technique in its own view: that technique's rows, every article counted
        only = " WHERE t.technique = $technique"
        query.params["technique"] = filters.technique
    sql = f"""
        WITH {articles},
        s AS (SELECT ag.gid, t.technique, sum(t.spans)::BIGINT AS spans, count(*) AS articles
              FROM article_techniques t JOIN ag ON t.key = ag.key{only} GROUP BY ALL)
        SELECT {_group_columns(grouping)}s.technique, s.spans, s.articles, g.group_articles, g.group_words,
               CASE WHEN g.group_words > 0 THEN 1000.0 * s.spans / g.group_words ELSE 0 END AS per_1000_words,
               s.spans / g.group_articles AS per_article,
               s.articles / g.group_articles AS article_share
        FROM s JOIN g USING (gid)
        {query.top(top, ("gid",), "s.spans DESC, s.technique")}
        ORDER BY {_order(grouping.columns)}spans DESC, technique
    """
    return _rows(connection, sql, query.params, TechniqueRow)


def narrative_counts(
    connection: duckdb.DuckDBPyConnection, filters: Filters, grouping: Grouping, top: int = 0
) -> list[NarrativeRow]:
    """Articles that carry each narrative per group, and their share of the group's articles."""
    query = _Query()
    articles = query.articles(filters, grouping, own="narrative")
    only = ""
    if filters.narrative:
        only = " WHERE n.narrative = $narrative OR n.parent = $narrative"
        query.params["narrative"] = filters.narrative
    sql = f"""
        WITH {articles},
        n AS (SELECT ag.gid, n.narrative, min(n.name) AS name, min(n.parent) AS parent,
                     count(DISTINCT ag.key) AS articles
              FROM narratives n JOIN ag ON n.key = ag.key{only} GROUP BY ALL)
        SELECT {_group_columns(grouping)}n.narrative, n.name, n.parent, n.articles, g.group_articles,
               n.articles / g.group_articles AS article_share
        FROM n JOIN g USING (gid)
        {query.top(top, ("gid",), "n.articles DESC, n.narrative")}
        ORDER BY {_order(grouping.columns)}articles DESC, narrative
    """
    return _rows(connection, sql, query.params, NarrativeRow)


def role_counts(
    connection: duckdb.DuckDBPyConnection, filters: Filters, grouping: Grouping, top: int = 10
) -> list[RoleRow]:
    """The actors most often cast in each main role, with the share of their articles that cast them so."""
    query = _Query()
    articles = query.articles(filters, grouping)
    roles = ROLES
    if filters.role:
        roles = tuple(role for role in ROLES if role == filters.role)
    casts = ", ".join(
        f"count(*) FILTER (WHERE e.main_role = '{role}') AS {role.lower()}" for role in ROLES
    )  # constants from ROLES, never user text
    unpivot = " UNION ALL ".join(
        f"SELECT gid, '{role}' AS role, entity, name, {role.lower()} AS articles, mentioned_in "
        f"FROM c WHERE {role.lower()} > 0"
        for role in roles
    )
    if not unpivot:
        return []
    sql = f"""
        WITH {articles},
        c AS (SELECT ag.gid, e.entity, min(e.name) AS name, count(*) AS mentioned_in, {casts}
              FROM entities e JOIN ag ON e.key = ag.key GROUP BY ALL),
        r AS ({unpivot})
        SELECT {_group_columns(grouping)}r.role, r.entity, r.name, r.articles, r.mentioned_in,
               r.articles / r.mentioned_in AS role_share
        FROM r JOIN g USING (gid)
        {query.top(top, ("gid", "role"), "r.articles DESC, r.entity")}
        ORDER BY {_order(grouping.columns)}array_position({list(ROLES)}, role), articles DESC, entity
    """
    return _rows(connection, sql, query.params, RoleRow)


def top_speakers(
    connection: duckdb.DuckDBPyConnection, filters: Filters, grouping: Grouping, top: int = 10
) -> list[SpeakerRow]:
    """The most quoted speakers per group; unattributed quotes are left out (the overview counts them)."""
    query = _Query()
    articles = query.articles(filters, grouping)
    sql = f"""
        WITH {articles},
        q AS (SELECT ag.gid, q.speaker, min(q.speaker_name) AS name, count(*) AS quotes,
                     count(*) FILTER (WHERE q.kind = 'direct') AS direct, count(DISTINCT ag.key) AS articles
              FROM quotes q JOIN ag ON q.key = ag.key WHERE q.speaker IS NOT NULL GROUP BY ALL)
        SELECT {_group_columns(grouping)}q.speaker, q.name, q.quotes, q.direct, q.articles,
               q.quotes / sum(q.quotes) OVER (PARTITION BY gid) AS quote_share
        FROM q JOIN g USING (gid)
        {query.top(top, ("gid",), "q.quotes DESC, q.speaker")}
        ORDER BY {_order(grouping.columns)}quotes DESC, speaker
    """
    return _rows(connection, sql, query.params, SpeakerRow)


def overview(
    connection: duckdb.DuckDBPyConnection, filters: Filters, grouping: Grouping
) -> list[OverviewRow]:
    """Per group: articles, words, dates, technique density, narrative and quote coverage."""
    query = _Query()
    articles = query.articles(filters, grouping)
    sql = f"""
        WITH {articles}
        SELECT {_group_columns(grouping)}group_articles AS articles, group_words AS words, first, last, spans,
               CASE WHEN group_words > 0 THEN 1000.0 * spans / group_words ELSE 0 END AS per_1000_words,
               spans / group_articles AS per_article,
               with_techniques / group_articles AS with_techniques_share,
               with_narratives / group_articles AS with_narratives_share,
               quotes, CASE WHEN quotes > 0 THEN attributed / quotes ELSE 0 END AS attributed_share
        FROM g
        ORDER BY {_order(grouping.columns)}articles DESC
    """
    return _rows(connection, sql, query.params, OverviewRow)


def store_summary(connection: duckdb.DuckDBPyConnection) -> StoreSummary:
    """How much the store holds, whatever the filters: tells an empty store from an empty selection."""
    articles, errors = connection.execute(
        "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM errors)"
    ).fetchone()
    return StoreSummary(articles=articles, errors=errors)
