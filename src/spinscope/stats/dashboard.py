"""A standalone HTML dashboard of a store: the main tables and charts in one file that works offline.

Everything a store holds (outlet names, actors, speakers) reaches the page through Jinja2 autoescaping or
inside SVG text that matplotlib escapes. The page runs no script and loads nothing: its Content-Security-
Policy forbids scripts and every fetch. Inline styles are allowed because matplotlib's SVG draws with
them, and data: images because it embeds heat maps as PNG; with no script and no request, neither leaks.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from functools import cache

import duckdb
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from spinscope import __version__
from spinscope.stats import charts
from spinscope.stats.queries import (
    Filters,
    Grouping,
    NarrativeRow,
    OverviewRow,
    Period,
    RoleRow,
    SpeakerRow,
    TechniqueRow,
    narrative_counts,
    overview,
    role_counts,
    technique_counts,
    top_speakers,
)
from spinscope.stats.render import cell, columns

CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src 'none'; "
    "script-src 'none'; base-uri 'none'; form-action 'none'"
)
TIMELINE_SERIES = 6
OUTLETS_IN_HEATMAP = 20


@dataclass(frozen=True)
class Section:
    """One titled block of the page: a chart (inline SVG), a table, or both."""

    title: str
    note: str
    svg: Markup | None
    headers: tuple[str, ...]
    numeric: tuple[bool, ...]
    rows: tuple[tuple[str, ...], ...]


def render_dashboard(
    connection: duckdb.DuckDBPyConnection, filters: Filters, period: Period | None = None, top: int = 10
) -> str:
    """The dashboard's HTML for the articles that pass `filters`; `period` None picks week or month."""
    totals = overview(connection, filters, Grouping())
    if not totals or totals[0].articles == 0:
        sections: list[Section] = []
    else:
        period = period or _period_for(totals[0])
        sections = _sections(connection, filters, period, top)
    return (
        _environment()
        .get_template("dashboard.html")
        .render(
            csp=CSP,
            version=__version__,
            generated=datetime.now().replace(microsecond=0).isoformat(sep=" "),
            filters=_filter_lines(filters),
            totals=totals[0] if totals else None,
            sections=sections,
        )
    )


def _period_for(totals: OverviewRow) -> Period:
    """Weeks for a few months of articles, months beyond: about 10 to 60 points on a timeline."""
    if totals.first is None or totals.last is None:
        return Period.month
    return Period.week if (totals.last - totals.first).days <= 366 // 2 else Period.month


def _sections(
    connection: duckdb.DuckDBPyConnection, filters: Filters, period: Period, top: int
) -> list[Section]:
    every = Grouping()
    by_period = Grouping(period=period)
    by_outlet = Grouping(outlet=True)
    techniques = technique_counts(connection, filters, every)
    sections = [
        _section(
            "Persuasion techniques",
            "Spans per 1,000 words and share of articles using each technique.",
            techniques,
            TechniqueRow,
            every,
        ),
    ]
    frequent = [row.technique for row in techniques[:TIMELINE_SERIES]]
    over_time = [row for row in technique_counts(connection, filters, by_period) if row.technique in frequent]
    sections.append(
        _section(
            f"Techniques by {period.value}",
            f"The {len(frequent)} most frequent techniques.",
            over_time,
            TechniqueRow,
            by_period,
            table=False,
        )
    )
    outlets = overview(connection, filters, by_outlet)
    if len(outlets) > 1:
        biggest = tuple(row.outlet for row in outlets[:OUTLETS_IN_HEATMAP] if row.outlet is not None)
        sections.append(
            _section("Outlets", "Articles and technique density per outlet.", outlets, OverviewRow, by_outlet)
        )
        by_outlet_rows = technique_counts(connection, replace(filters, outlets=biggest), by_outlet)
        sections.append(
            _section(
                "Techniques by outlet",
                f"Spans per 1,000 words, the {len(biggest)} largest outlets.",
                by_outlet_rows,
                TechniqueRow,
                by_outlet,
                table=False,
            )
        )
    narratives = narrative_counts(connection, filters, every, top=top)
    sections.append(
        _section("Narratives", "Articles that carry each narrative.", narratives, NarrativeRow, every)
    )
    roles = role_counts(connection, filters, every, top=top)
    sections.append(_section("Actors by role", "Actors most often cast in each role.", roles, RoleRow, every))
    speakers = top_speakers(connection, filters, every, top=top)
    sections.append(_section("Most quoted speakers", "Attributed quotes only.", speakers, SpeakerRow, every))
    return sections


def _section(
    title: str, note: str, rows: list, row_type: type, grouping: Grouping, *, table: bool = True
) -> Section:
    svg = None
    if rows:
        figure = charts.chart(rows, row_type, grouping)
        svg = Markup(_inline(charts.svg(figure)))  # noqa: S704 - matplotlib escapes every text it writes
    chosen = columns(row_type, grouping) if table else ()
    return Section(
        title=title,
        note=note,
        svg=svg,
        headers=tuple(column.header for column in chosen),
        numeric=tuple(column.kind in ("int", "rate", "share") for column in chosen),
        rows=tuple(tuple(cell(getattr(row, c.name), c, grouping) for c in chosen) for row in rows),
    )


def _inline(svg: str) -> str:
    """An SVG document without its XML declaration and doctype, ready to sit inside HTML."""
    return svg[svg.index("<svg") :]


def _filter_lines(filters: Filters) -> list[str]:
    lines = []
    if filters.outlets:
        lines.append("Outlets: " + ", ".join(filters.outlets))
    if filters.languages:
        lines.append("Languages: " + ", ".join(filters.languages))
    if filters.since or filters.until:
        since = filters.since.isoformat() if filters.since else "…"
        until = filters.until.isoformat() if filters.until else "…"
        lines.append(f"Published: {since} to {until}")
    if filters.technique:
        lines.append(f"Articles using: {filters.technique}")
    if filters.narrative:
        lines.append(f"Articles carrying: {filters.narrative}")
    return lines


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("spinscope.stats", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
