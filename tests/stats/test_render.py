"""Rows as a terminal table, CSV and JSON: the same columns everywhere, readable or exact as each needs."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

from rich.console import Console

from spinscope.stats.queries import (
    Filters,
    Grouping,
    OverviewRow,
    Period,
    RoleRow,
    TechniqueRow,
    overview,
    role_counts,
    technique_counts,
)
from spinscope.stats.render import period_label, table, to_csv, to_json

BY_OUTLET_WEEK = Grouping(outlet=True, period=Period.week)


def printed(renderable) -> str:
    console = Console(width=200, record=True, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


def test_periods_are_labelled_as_people_write_them():
    assert period_label(date(2024, 12, 30), Period.week) == "2025-W01"  # ISO week of the year's Thursday
    assert period_label(date(2025, 3, 1), Period.month) == "2025-03"
    assert period_label(date(2025, 3, 4), Period.day) == "2025-03-04"
    assert period_label(None, Period.week) == "(undated)"


def test_csv_has_the_group_columns_first_and_exact_figures(store):
    rows = technique_counts(store, Filters(), BY_OUTLET_WEEK)
    records = list(csv.DictReader(io.StringIO(to_csv(rows, TechniqueRow, BY_OUTLET_WEEK))))
    assert list(records[0])[:3] == ["outlet", "period", "technique"]
    first = records[0]
    assert (first["outlet"], first["period"], first["technique"]) == (
        "Daily Ledger",
        "2025-01-13",
        "Loaded_Language",
    )
    assert float(first["per_1000_words"]) == 1.0
    assert records[-1]["outlet"] == "" and records[-1]["period"] == ""  # unknown outlet, undated: empty cells
    assert len(records) == len(rows)


def test_json_says_what_was_asked_beside_the_rows(store):
    filters = Filters(languages=("fr",), since=date(2025, 1, 1))
    grouping = Grouping(period=Period.month)
    rows = technique_counts(store, filters, grouping)
    document = json.loads(to_json(rows, TechniqueRow, grouping, "techniques", filters))
    assert document["view"] == "techniques"
    assert document["by"] == ["month"]
    assert document["filters"] == {"languages": ["fr"], "since": "2025-01-01"}
    assert document["rows"][0] == {
        "period": "2025-01-01",
        "technique": "Loaded_Language",
        "spans": 4,
        "per_1000_words": 4 / 1.5,
        "per_article": 2.0,
        "articles": 2,
        "article_share": 1.0,
        "group_articles": 2,
        "group_words": 1500,
    }


def test_table_rounds_for_reading_and_names_unknown_groups(store):
    grouping = Grouping(outlet=True)
    text = printed(table(technique_counts(store, Filters(), grouping), TechniqueRow, grouping))
    assert "Persuasion techniques" in text
    assert "Loaded language" in text  # display names, not SemEval labels
    assert "2.67" in text and "100.0%" in text
    assert "(unknown)" in text


def test_a_single_overview_row_is_printed_one_measure_a_line(store):
    text = printed(table(overview(store, Filters(), Grouping()), OverviewRow, Grouping()))
    lines = {
        line.split("│")[1].strip(): line.split("│")[2].strip() for line in text.splitlines() if "│" in line
    }
    assert lines["Articles"] == "5"
    assert lines["Words"] == "5,000"
    assert lines["First"] == "2025-01-06"
    assert lines["With narratives"] == "60.0%"


def test_a_table_with_a_caption(store):
    rows = role_counts(store, Filters(), Grouping())
    text = printed(table(rows, RoleRow, Grouping(), caption="1 input could not be analysed"))
    assert "Antagonist" in text and "NATO" in text and "1 input could not be analysed" in text


def test_a_long_table_shows_its_first_rows_and_says_where_the_rest_is(store):
    grouping = Grouping(outlet=True)
    rows = technique_counts(store, Filters(), grouping)
    text = printed(table(rows, TechniqueRow, grouping, limit=2))
    assert f"The first 2 of {len(rows)} rows: --format csv or json gives them all." in text
    assert "Le Veilleur" not in text  # Daily Ledger's two rows come first
