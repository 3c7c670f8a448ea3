"""The corpus dashboard's charts as inline SVG computed on the server: no script, no CDN, printable.

Series charts draw one line per key (the most frequent keys only) over the months present in the data;
rankings are horizontal bars. Colours are the report's technique palette where a key is a technique.
"""

from __future__ import annotations

from dataclasses import dataclass

from spinscope.report.palette import colour
from spinscope.serve.api_models import CorpusStats, CountRow, SeriesRow
from spinscope.taxonomy import TECHNIQUES, display_name

_WIDTH, _HEIGHT, _LEFT, _BOTTOM, _TOP = 480, 200, 34, 22, 8
_MAX_LINES = 6
_NEUTRAL = ("#22426e", "#a33b00", "#1d5e2a", "#7b1fa2", "#00838f", "#9a5800")


@dataclass(frozen=True)
class Line:
    key: str
    label: str
    colour: str
    points: str  # SVG polyline points
    total: int


@dataclass(frozen=True)
class LineChart:
    months: tuple[str, ...]
    lines: tuple[Line, ...]
    ticks: tuple[tuple[float, str], ...]  # (y, label) of the horizontal grid
    month_labels: tuple[tuple[float, str], ...]  # (x, label), thinned to stay readable
    width: int = _WIDTH
    height: int = _HEIGHT
    left: int = _LEFT
    bottom: int = _HEIGHT - _BOTTOM


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    share: float  # of the largest value, 0..100


def line_chart(rows: list[SeriesRow]) -> LineChart | None:
    if not rows:
        return None
    months = tuple(sorted({row.period for row in rows}))
    totals: dict[str, int] = {}
    for row in rows:
        totals[row.key] = totals.get(row.key, 0) + row.count
    keys = sorted(totals, key=lambda k: (-totals[k], k))[:_MAX_LINES]
    values = {(row.period, row.key): row.count for row in rows}
    peak = max((values.get((m, k), 0) for m in months for k in keys), default=1) or 1
    plot_width = _WIDTH - _LEFT - 28  # room for the last month's label
    plot_height = _HEIGHT - _BOTTOM - _TOP

    def x(i: int) -> float:
        return _LEFT + (plot_width * i / (len(months) - 1) if len(months) > 1 else plot_width / 2)

    def y(value: float) -> float:
        return _TOP + plot_height * (1 - value / peak)

    lines = tuple(
        Line(
            key=key,
            label=display_name(key) if key in TECHNIQUES else key,
            colour=colour(key).accent if key in TECHNIQUES else _NEUTRAL[n % len(_NEUTRAL)],
            points=" ".join(f"{x(i):.1f},{y(values.get((m, key), 0)):.1f}" for i, m in enumerate(months)),
            total=totals[key],
        )
        for n, key in enumerate(keys)
    )
    step = max(1, len(months) // 6)
    return LineChart(
        months=months,
        lines=lines,
        ticks=tuple((y(v), f"{v:g}") for v in (0, peak / 2, peak)),
        month_labels=tuple((x(i), m) for i, m in enumerate(months) if i % step == 0),
    )


def bars(rows: list[CountRow], limit: int = 10) -> list[Bar]:
    top = rows[:limit]
    peak = max((row.count for row in top), default=1) or 1
    return [Bar(label=row.key, value=row.count, share=round(100 * row.count / peak, 1)) for row in top]


def dashboard(stats: CorpusStats) -> dict[str, object]:
    """Everything the dashboard draws, from the statistics the API also returns."""
    by_outlet: dict[str, list[tuple[str, float]]] = {}
    for row in stats.techniques_by_outlet:
        by_outlet.setdefault(row.outlet, []).append((display_name(row.key), row.per_100_words))
    return {
        "techniques_over_time": line_chart(stats.techniques_over_time),
        "narratives_over_time": line_chart(stats.narratives_over_time),
        "techniques_by_outlet": {outlet: rows[:5] for outlet, rows in sorted(by_outlet.items())},
        "villains": bars(stats.villains),
        "heroes": bars(stats.heroes),
    }
