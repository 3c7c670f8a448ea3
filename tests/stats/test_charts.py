"""Charts: the right kind for each grouping, written as PNG, SVG or PDF, and faithful to odd names."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

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
from spinscope.store import Store

EVERYTHING = Filters()


def texts(figure) -> list[str]:
    """Every text drawn on the figure: titles, axis labels, tick labels, legend entries."""
    found = [t.get_text() for t in figure.findobj(lambda artist: hasattr(artist, "get_text"))]
    return [text for text in found if text]


def test_techniques_over_time_are_lines_with_axis_labels_and_a_legend(store):
    grouping = Grouping(period=Period.week)
    figure = charts.chart(technique_counts(store, EVERYTHING, grouping), TechniqueRow, grouping)
    (axes,) = [a for a in figure.axes if a.get_lines()]
    assert {line.get_label() for line in axes.get_lines()} == {
        "Loaded language",
        "Doubt",
        "Name calling / labeling",
    }
    assert axes.get_ylabel() == "Spans per 1,000 words"
    assert axes.get_xlabel() == "Week"
    assert axes.get_title() == "Persuasion techniques by week"
    assert axes.get_ylim()[0] == 0
    colours = {line.get_color() for line in axes.get_lines()}
    assert colours <= set(charts.OKABE_ITO) and len(colours) == 3


def test_techniques_by_outlet_are_a_heat_map_with_the_values_written_in(store):
    grouping = Grouping(outlet=True)
    figure = charts.chart(technique_counts(store, EVERYTHING, grouping), TechniqueRow, grouping)
    drawn = texts(figure)
    assert "Le Veilleur" in drawn and "(unknown)" in drawn
    assert "2.7" in drawn  # Le Veilleur's loaded language: 4 spans in 1,500 words


def test_narratives_without_grouping_are_bars_of_their_share(store):
    figure = charts.chart(narrative_counts(store, EVERYTHING, Grouping()), NarrativeRow, Grouping())
    (axes,) = figure.axes
    widths = sorted(round(patch.get_width()) for patch in axes.patches)
    assert widths == [20, 20, 40]  # % of the 5 articles
    assert axes.get_xlabel() == "% of articles"


def test_roles_get_one_panel_per_role(store):
    figure = charts.chart(role_counts(store, EVERYTHING, Grouping()), RoleRow, Grouping())
    assert [axes.get_title() for axes in figure.axes] == ["Antagonist", "Protagonist"]


def test_speakers_stack_direct_and_reported_quotes(store):
    figure = charts.chart(top_speakers(store, EVERYTHING, Grouping()), SpeakerRow, Grouping())
    (axes,) = figure.axes
    assert [text.get_text() for text in axes.get_legend().get_texts()] == ["Direct", "Reported"]


def test_overview_by_month_draws_articles_and_density(store):
    grouping = Grouping(period=Period.month)
    figure = charts.chart(overview(store, EVERYTHING, grouping), OverviewRow, grouping)
    assert [axes.get_ylabel() for axes in figure.axes] == ["Articles", "Technique spans per 1,000 words"]


@pytest.mark.parametrize(
    ("row_type", "grouping", "message"),
    [
        (OverviewRow, Grouping(), "needs --by"),
        (RoleRow, Grouping(outlet=True), "without --by"),
    ],
)
def test_charts_that_do_not_exist_say_so(store, row_type, grouping, message):
    rows = {OverviewRow: overview, RoleRow: role_counts}[row_type](store, EVERYTHING, grouping)
    with pytest.raises(charts.ChartError, match=message):
        charts.chart(rows, row_type, grouping)


def test_nothing_to_chart(store):
    with pytest.raises(charts.ChartError, match="nothing to chart"):
        charts.chart([], TechniqueRow, Grouping())


@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf"])
def test_saved_in_the_format_the_name_says(store, tmp_path: Path, suffix: str):
    figure = charts.chart(technique_counts(store, EVERYTHING, Grouping()), TechniqueRow, Grouping())
    path = tmp_path / f"chart{suffix}"
    charts.save(figure, path)
    magic = {".png": b"\x89PNG", ".svg": b"<?xml", ".pdf": b"%PDF"}[suffix]
    assert path.read_bytes().startswith(magic)


def test_an_unknown_suffix_is_refused(store, tmp_path: Path):
    figure = charts.chart(technique_counts(store, EVERYTHING, Grouping()), TechniqueRow, Grouping())
    with pytest.raises(charts.ChartError, match=r"\.png, \.svg, \.pdf, not \.jpg"):
        charts.save(figure, tmp_path / "chart.jpg")


def test_svg_keeps_odd_names_as_escaped_text_and_is_reproducible(store_path: Path):
    with duckdb.connect(str(store_path)) as connection:
        connection.execute("UPDATE articles SET outlet = '<b>$Money$ & Co</b>' WHERE outlet = 'Le Veilleur'")
    grouping = Grouping(outlet=True)
    with Store.open(store_path, read_only=True) as opened:
        rows = technique_counts(opened.connection, EVERYTHING, grouping)
    first = charts.svg(charts.chart(rows, TechniqueRow, grouping))
    assert "&lt;b&gt;$Money$ &amp; Co&lt;/b&gt;" in first  # not mathtext, not markup
    assert "<b>" not in first
    assert charts.svg(charts.chart(rows, TechniqueRow, grouping)) == first
