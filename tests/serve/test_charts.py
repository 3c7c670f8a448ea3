"""Dashboard charts: one line per frequent key over the months present, bars scaled to the largest."""

from __future__ import annotations

from spinscope.serve.api_models import CountRow, SeriesRow
from spinscope.serve.charts import bars, line_chart


def test_a_line_chart_keeps_the_most_frequent_keys_and_fills_missing_months_with_zero() -> None:
    rows = [
        SeriesRow(period="2026-01", key="Loaded_Language", count=4),
        SeriesRow(period="2026-03", key="Doubt", count=2),
    ]
    rows += [SeriesRow(period="2026-02", key=f"k{i}", count=1) for i in range(10)]
    chart = line_chart(rows)
    assert chart.months == ("2026-01", "2026-02", "2026-03")
    assert [line.key for line in chart.lines][:2] == ["Loaded_Language", "Doubt"]
    assert len(chart.lines) == 6
    assert chart.lines[0].label == "Loaded language"
    doubt = [float(point.split(",")[1]) for point in chart.lines[1].points.split()]
    assert doubt[0] == doubt[1] == chart.bottom  # zero where the key has no count
    assert doubt[2] < chart.bottom


def test_no_rows_no_chart() -> None:
    assert line_chart([]) is None


def test_bars_are_scaled_to_the_largest_value() -> None:
    drawn = bars([CountRow(key="NATO", count=8), CountRow(key="EU", count=2)])
    assert [(bar.label, bar.share) for bar in drawn] == [("NATO", 100.0), ("EU", 25.0)]
