"""`spinscope stats`: statistics over a store, as a table, CSV or JSON, a chart and an HTML dashboard."""

from __future__ import annotations

import sys
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from spinscope.cli_common import fail


class View(StrEnum):
    overview = "overview"
    techniques = "techniques"
    narratives = "narratives"
    roles = "roles"
    quotes = "quotes"


class TableFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


class MainRole(StrEnum):
    Antagonist = "Antagonist"
    Protagonist = "Protagonist"
    Innocent = "Innocent"


DATE_FORMATS = ["%Y-%m-%d"]
WIDE = 200  # characters: the width of a table written to a file or a pipe


def stats(
    store: Annotated[Path, typer.Option("--store", "-s", help="The DuckDB store a batch wrote.")],
    what: Annotated[View, typer.Option("--what", "-w", help="Which statistics.")] = View.overview,
    by: Annotated[
        str | None,
        typer.Option(
            "--by",
            "-b",
            help="Break down by outlet, language and/or one period (day, week, month), comma-separated: "
            "'outlet', 'week', 'outlet,month'.",
        ),
    ] = None,
    outlet: Annotated[
        list[str] | None, typer.Option("--outlet", help="Only this outlet (repeat for several).")
    ] = None,
    language: Annotated[
        list[str] | None, typer.Option("--language", "-l", help="Only this language code (repeatable).")
    ] = None,
    since: Annotated[
        datetime | None, typer.Option(formats=DATE_FORMATS, help="Only articles published on or after.")
    ] = None,
    until: Annotated[
        datetime | None, typer.Option(formats=DATE_FORMATS, help="Only articles published on or before.")
    ] = None,
    technique: Annotated[
        str | None,
        typer.Option(
            "--technique",
            "-t",
            help="With --what techniques: only this technique's rows. Otherwise: only articles using it.",
        ),
    ] = None,
    narrative: Annotated[
        str | None,
        typer.Option(
            "--narrative",
            "-n",
            help="A narrative id (its subnarratives included). With --what narratives: only its rows. "
            "Otherwise: only articles carrying it.",
        ),
    ] = None,
    role: Annotated[
        MainRole | None, typer.Option("--role", help="With --what roles: only this main role.")
    ] = None,
    top: Annotated[
        int | None,
        typer.Option(
            "--top",
            "-k",
            min=0,
            help="Keep the K first rows of each group, 0 for all. Default: all techniques, 10 of the rest.",
        ),
    ] = None,
    format: Annotated[TableFormat, typer.Option("--format", "-f", help="Output format.")] = TableFormat.table,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the table/CSV/JSON here instead of stdout.")
    ] = None,
    chart: Annotated[
        Path | None, typer.Option("--chart", help="Also draw a chart into this .png, .svg or .pdf file.")
    ] = None,
    dashboard: Annotated[
        Path | None,
        typer.Option(
            "--dashboard", help="Also write a standalone HTML dashboard (filters apply; --by's period)."
        ),
    ] = None,
) -> None:
    """Statistics over a store: techniques, narratives, actor roles and quoted speakers, by outlet and period.

    Shares are computed over the articles of each group (after the filters), so outlets of different sizes
    compare. Periods: ISO weeks (from Monday), calendar months, days; undated articles form their own group.

    Examples:

      spinscope stats --store corpus.duckdb

      spinscope stats -s corpus.duckdb --what techniques --by outlet,week -f csv -o techniques.csv

      spinscope stats -s corpus.duckdb --what narratives --by month --language fr --chart narratives.svg

      spinscope stats -s corpus.duckdb --what roles --narrative "URW: Discrediting the West, Diplomacy"

      spinscope stats -s corpus.duckdb --since 2025-01-01 --dashboard dashboard.html
    """
    from spinscope.errors import StoreError
    from spinscope.stats.queries import Filters, Grouping, store_summary
    from spinscope.stats.render import table, to_csv, to_json
    from spinscope.store import Store

    try:
        grouping = Grouping.parse(by or "")
    except ValueError as error:
        raise fail(str(error), 2) from None
    if technique is not None:
        technique = _known_technique(technique)
    if role is not None and what is not View.roles:
        raise fail("--role goes with --what roles", 2)
    if top is None:
        top = 0 if what is View.techniques else 10
    if since and until and since > until:
        raise fail("--since comes after --until", 2)
    filters = Filters(
        outlets=tuple(outlet or ()),
        languages=tuple(language or ()),
        since=since.date() if since else None,
        until=until.date() if until else None,
        technique=technique,
        narrative=narrative,
        role=role.value if role else None,
    )
    try:
        opened = Store.open(store, read_only=True)  # read-only: stats never changes a store
    except StoreError as error:
        raise fail(str(error), error.exit_code) from None
    with opened:
        connection = opened.connection
        summary = store_summary(connection)
        if summary.articles == 0:
            typer.echo(f"spinscope: {store} holds no analysed articles yet", err=True)
        rows, row_type = _query(connection, what, filters, grouping, top)
        if summary.articles and not rows:
            typer.echo("spinscope: no articles match these filters", err=True)
        if format is TableFormat.table:
            _print_table(table(rows, row_type, grouping, caption=_caption(summary.errors)), output)
        else:
            text = (
                to_csv(rows, row_type, grouping)
                if format is TableFormat.csv
                else (to_json(rows, row_type, grouping, what.value, filters))
            )
            _write(text, output)
        if chart is not None:
            from spinscope.stats import charts  # matplotlib: loaded only when a chart is asked for

            try:
                charts.save(charts.chart(rows, row_type, grouping), chart)
            except charts.ChartError as error:
                raise fail(str(error), 2) from None
            except OSError as error:
                raise fail(f"cannot write {chart}: {error.strerror}", 1) from None
            typer.echo(f"Chart written to {chart}", err=True)
        if dashboard is not None:
            from spinscope.stats.dashboard import render_dashboard

            _write(render_dashboard(connection, filters, grouping.period, top or 10), dashboard)
            typer.echo(f"Dashboard written to {dashboard}", err=True)


def _known_technique(name: str) -> str:
    """The exact SemEval label a user meant ('loaded_language' → 'Loaded_Language'), or a one-line error."""
    from difflib import get_close_matches

    from spinscope.taxonomy import TECHNIQUES

    by_folded = {t.casefold(): t for t in TECHNIQUES}
    if name.casefold() in by_folded:
        return by_folded[name.casefold()]
    close = get_close_matches(name, TECHNIQUES, n=1)
    hint = (
        f"; did you mean {close[0]}?"
        if close
        else "; see `spinscope models` or docs/stats.md for the 23 labels"
    )
    raise fail(f"unknown technique {name!r}{hint}", 2)


def _query(connection, what: View, filters, grouping, top: int) -> tuple[list, type]:
    from spinscope.stats import queries

    match what:
        case View.techniques:
            return queries.technique_counts(connection, filters, grouping, top), queries.TechniqueRow
        case View.narratives:
            return queries.narrative_counts(connection, filters, grouping, top), queries.NarrativeRow
        case View.roles:
            return queries.role_counts(connection, filters, grouping, top), queries.RoleRow
        case View.quotes:
            return queries.top_speakers(connection, filters, grouping, top), queries.SpeakerRow
    return queries.overview(connection, filters, grouping), queries.OverviewRow


def _caption(errors: int) -> str | None:
    return f"{errors:,} inputs could not be analysed (see the store's errors table)" if errors else None


def _print_table(rendered, output: Path | None) -> None:
    from rich.console import Console

    if output is None:
        # Piped or redirected, a table keeps its full width rather than the 80 columns Rich assumes.
        Console(width=None if sys.stdout.isatty() else WIDE).print(rendered)
        return
    try:
        with output.open("w", encoding="utf-8") as file:
            Console(file=file, width=WIDE, no_color=True).print(rendered)
    except OSError as error:
        raise fail(f"cannot write {output}: {error.strerror}", 1) from None


def _write(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as error:
        raise fail(f"cannot write {output}: {error.strerror}", 1) from None
