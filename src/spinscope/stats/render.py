"""Statistics rows as a terminal table (Rich), CSV or JSON: the same columns, in the same order, everywhere.

Tables are for reading (rounded figures, ISO week labels, percentages); CSV and JSON are for further work
(full precision, ISO dates of each period's first day, shares as fractions of 1).
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, fields
from datetime import date, datetime
from operator import attrgetter
from typing import Any

from rich.table import Table

from spinscope.stats.queries import (
    Filters,
    Grouping,
    NarrativeRow,
    OverviewRow,
    Period,
    RoleRow,
    SpeakerRow,
    TechniqueRow,
)
from spinscope.taxonomy import display_name

UNKNOWN = "(unknown)"
TABLE_ROWS = 200  # a terminal table longer than this is better read as CSV


@dataclass(frozen=True)
class Column:
    name: str  # the row field, and the CSV/JSON key
    header: str  # the terminal table's heading
    kind: str = "text"  # text | int | rate | share | datetime


# The measures of each view; the group columns (outlet, language, period) come first when grouped.
COLUMNS: dict[type, tuple[Column, ...]] = {
    TechniqueRow: (
        Column("technique", "Technique"),
        Column("spans", "Spans", "int"),
        Column("per_1000_words", "Per 1,000 words", "rate"),
        Column("per_article", "Per article", "rate"),
        Column("articles", "Articles using it", "int"),
        Column("article_share", "Share of articles", "share"),
        Column("group_articles", "Articles", "int"),
        Column("group_words", "Words", "int"),
    ),
    NarrativeRow: (
        Column("narrative", "Narrative"),
        Column("parent", "Parent narrative"),
        Column("articles", "Articles", "int"),
        Column("article_share", "Share of articles", "share"),
        Column("group_articles", "Of articles", "int"),
    ),
    RoleRow: (
        Column("role", "Role"),
        Column("name", "Actor"),
        Column("entity", "Id"),
        Column("articles", "Articles casting it so", "int"),
        Column("mentioned_in", "Articles naming it", "int"),
        Column("role_share", "Share", "share"),
    ),
    SpeakerRow: (
        Column("name", "Speaker"),
        Column("speaker", "Id"),
        Column("quotes", "Quotes", "int"),
        Column("direct", "Direct", "int"),
        Column("articles", "Articles", "int"),
        Column("quote_share", "Share of attributed quotes", "share"),
    ),
    OverviewRow: (
        Column("articles", "Articles", "int"),
        Column("words", "Words", "int"),
        Column("first", "First", "datetime"),
        Column("last", "Last", "datetime"),
        Column("spans", "Technique spans", "int"),
        Column("per_1000_words", "Per 1,000 words", "rate"),
        Column("per_article", "Per article", "rate"),
        Column("with_techniques_share", "With techniques", "share"),
        Column("with_narratives_share", "With narratives", "share"),
        Column("quotes", "Quotes", "int"),
        Column("attributed_share", "Attributed", "share"),
    ),
}

TITLES: dict[type, str] = {
    TechniqueRow: "Persuasion techniques",
    NarrativeRow: "Narratives",
    RoleRow: "Actors by role",
    SpeakerRow: "Most quoted speakers",
    OverviewRow: "Overview",
}


def columns(row_type: type, grouping: Grouping) -> tuple[Column, ...]:
    group = {
        "outlet": Column("outlet", "Outlet"),
        "language": Column("language", "Language"),
        "period": Column("period", (grouping.period or Period.day).value.capitalize(), "period"),
    }
    return tuple(group[name] for name in grouping.columns) + COLUMNS[row_type]


def period_label(start: date | None, period: Period | None) -> str:
    """A period as people write it: 2025-01-13 (day), 2025-W03 (ISO week), 2025-01 (month)."""
    if start is None:
        return "(undated)"
    if period is Period.week:
        year, week, _ = start.isocalendar()
        return f"{year}-W{week:02d}"
    if period is Period.month:
        return start.strftime("%Y-%m")
    return start.isoformat()


def cell(value: Any, column: Column, grouping: Grouping) -> str:
    """One value as a table shows it."""
    if column.kind == "period":
        return period_label(value, grouping.period)
    if value is None:
        return UNKNOWN if column.name in ("outlet", "language") else ""
    match column.kind:
        case "int":
            return f"{value:,}"
        case "rate":
            return f"{value:.2f}"
        case "share":
            return f"{100 * value:.1f}%"
        case "datetime":
            return value.date().isoformat()
    return display_name(value) if column.name == "technique" else str(value)


def table(
    rows: list, row_type: type, grouping: Grouping, caption: str | None = None, limit: int = TABLE_ROWS
) -> Table:
    """A Rich table of `rows`, figures right-aligned and rounded for reading.

    A single row (the overview of the whole selection) reads better turned on its side: one line a measure.
    Past `limit` rows a table is no longer read but searched: the caption says so and points to CSV.
    """
    chosen = columns(row_type, grouping)
    if len(rows) > limit:
        note = f"The first {limit:,} of {len(rows):,} rows: --format csv or json gives them all."
        caption = f"{caption}\n{note}" if caption else note
        rows = rows[:limit]
    result = Table(title=TITLES[row_type], caption=caption, header_style="bold", title_justify="left")
    if len(rows) == 1 and not grouping.columns:
        result.add_column("Measure")
        result.add_column("Value", justify="right")
        for column in chosen:
            result.add_row(column.header, cell(getattr(rows[0], column.name), column, grouping))
        return result
    for column in chosen:
        numeric = column.kind in ("int", "rate", "share")
        result.add_column(column.header, justify="right" if numeric else "left", no_wrap=numeric)
    for row in rows:
        result.add_row(*(cell(getattr(row, column.name), column, grouping) for column in chosen))
    return result


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return value


def to_csv(rows: list, row_type: type, grouping: Grouping) -> str:
    """CSV with a header line of field names; dates in ISO 8601, figures at full precision."""
    chosen = columns(row_type, grouping)
    values_of = attrgetter(*(column.name for column in chosen))
    dated = [index for index, column in enumerate(chosen) if column.kind in ("period", "datetime")]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")  # writes None as an empty cell
    writer.writerow([column.name for column in chosen])
    for row in rows:
        values = list(values_of(row))  # every view has several columns: attrgetter gives a tuple
        for index in dated:
            values[index] = _plain(values[index])
        writer.writerow(values)
    return buffer.getvalue()


def to_json(rows: list, row_type: type, grouping: Grouping, view: str, filters: Filters) -> str:
    """A JSON object that holds what was asked (view, grouping, filters) beside the rows, to cite it."""
    chosen = [column.name for column in columns(row_type, grouping)]
    document = {
        "view": view,
        "by": _by(grouping),
        "filters": {
            f.name: _plain(v) for f in fields(filters) if (v := getattr(filters, f.name)) not in (None, ())
        },
        "rows": [{name: _plain(getattr(row, name)) for name in chosen} for row in rows],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _by(grouping: Grouping) -> list[str]:
    """The grouping as the --by option spells it: ['outlet', 'week']."""
    return [
        grouping.period.value if name == "period" and grouping.period else name for name in grouping.columns
    ]
