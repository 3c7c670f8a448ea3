"""Charts of statistics rows, drawn with matplotlib for a paper: PNG, SVG or PDF, readable in greyscale.

Which chart a view gets depends on how it is grouped: a line per series over time when grouped by a period,
a heat map of groups × labels when grouped by outlet or language, bars otherwise. Colours come from the
Okabe–Ito palette (distinguishable with every common colour-vision deficiency), and lines also differ by
marker, so that a printed black-and-white figure still reads. Figures are built without pyplot (no global
state, no display needed) and text is never read as mathtext, so an outlet called "$x$" stays "$x$".
"""

from __future__ import annotations

import io
from collections import defaultdict
from datetime import date
from pathlib import Path

import matplotlib
from matplotlib.figure import Figure

from spinscope.stats.queries import (
    ROLES,
    Grouping,
    NarrativeRow,
    OverviewRow,
    RoleRow,
    SpeakerRow,
    TechniqueRow,
)
from spinscope.stats.render import UNKNOWN
from spinscope.taxonomy import display_name

OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000", "#F0E442")
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")
MAX_SERIES = len(OKABE_ITO)  # more lines than colours stop being readable
MAX_HEATMAP_ROWS = 30
FORMATS = (".png", ".svg", ".pdf")

STYLE = {
    "text.parse_math": False,
    "svg.fonttype": "none",  # real text in SVG: selectable, searchable, smaller
    "svg.hashsalt": "spinscope",  # stable ids, so the same rows give the same file
    "font.size": 9,
    "axes.titlesize": 11,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "figure.dpi": 100,
    "savefig.dpi": 200,
    "savefig.bbox": "tight",
}


class ChartError(ValueError):
    """The rows cannot make a chart (nothing to draw, or a grouping that has no chart)."""


def chart(rows: list, row_type: type, grouping: Grouping) -> Figure:
    """The figure that suits these rows and this grouping."""
    if not rows:
        raise ChartError("nothing to chart: no rows match")
    with matplotlib.rc_context(STYLE):
        if row_type in (TechniqueRow, NarrativeRow):
            return _labels_chart(rows, row_type, grouping)
        if grouping.columns:
            if row_type is OverviewRow:
                return _overview_chart(rows, grouping)
            raise ChartError("charts of roles and quotes are drawn without --by")
        if row_type is RoleRow:
            return _roles_chart(rows)
        if row_type is SpeakerRow:
            return _speakers_chart(rows)
        raise ChartError("the overview chart needs --by (outlet, language or a period)")


def save(figure: Figure, path: Path) -> None:
    """Write the figure in the format its file name says (.png, .svg or .pdf)."""
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ChartError(f"a chart is written as {', '.join(FORMATS)}, not {path.suffix or 'no suffix'}")
    with matplotlib.rc_context(STYLE):
        figure.savefig(path, format=suffix[1:], metadata=_metadata(suffix))


def svg(figure: Figure) -> str:
    """The figure as an SVG document's text, for embedding in a page."""
    buffer = io.StringIO()
    with matplotlib.rc_context(STYLE):
        figure.savefig(buffer, format="svg", metadata=_metadata(".svg"))
    return buffer.getvalue()


def _metadata(suffix: str) -> dict[str, str | None]:
    """No creation date in the file: the same rows give byte-identical figures."""
    return {".svg": {"Date": None}, ".pdf": {"CreationDate": None}, ".png": {}}[suffix]


def _group_name(row, grouping: Grouping) -> str:
    parts = [getattr(row, c) or UNKNOWN for c in grouping.columns if c != "period"]
    return " · ".join(parts)


def _label_name(row) -> str:
    return display_name(row.technique) if isinstance(row, TechniqueRow) else row.narrative


def _labels_chart(rows: list, row_type: type, grouping: Grouping) -> Figure:
    techniques = row_type is TechniqueRow
    value = "per_1000_words" if techniques else "article_share"
    scale = 1 if techniques else 100
    unit = "spans per 1,000 words" if techniques else "% of articles"
    what = "Persuasion techniques" if techniques else "Narratives"
    if grouping.period is not None:
        return _timeline(rows, grouping, value, scale, unit, what)
    if grouping.columns:
        return _heatmap(rows, grouping, value, scale, unit, what)
    figure = Figure(figsize=(7, 0.3 * len(rows) + 1.2), layout="constrained")
    axes = figure.add_subplot()
    ordered = sorted(rows, key=lambda row: getattr(row, value))
    axes.barh(
        [_label_name(r) for r in ordered], [scale * getattr(r, value) for r in ordered], color=OKABE_ITO[0]
    )
    axes.set_xlabel(unit.capitalize())
    axes.set_title(f"{what}, {rows[0].group_articles:,} articles")
    axes.grid(axis="y", visible=False)
    return figure


def _timeline(rows: list, grouping: Grouping, value: str, scale: float, unit: str, what: str) -> Figure:
    """One line per (group, label) over time; only the most frequent series, named in the title."""
    series: dict[str, dict[date, float]] = defaultdict(dict)
    weight: dict[str, float] = defaultdict(float)
    for row in rows:
        name = " · ".join(filter(None, (_group_name(row, grouping), _label_name(row))))
        if row.period is not None:
            series[name][row.period] = scale * getattr(row, value)
            weight[name] += row.articles
    shown = sorted(series, key=lambda name: (-weight[name], name))[:MAX_SERIES]
    if not shown:
        raise ChartError("nothing to chart: no dated articles")
    figure = Figure(figsize=(8, 4.5), layout="constrained")
    axes = figure.add_subplot()
    for index, name in enumerate(shown):
        points = sorted(series[name].items())
        axes.plot(
            [p for p, _ in points],
            [v for _, v in points],
            label=name,
            color=OKABE_ITO[index],
            marker=MARKERS[index],
            markersize=3,
            linewidth=1.4,
        )
    axes.set_ylim(bottom=0)  # rates start at zero: a flat line must not look like a swing
    axes.set_ylabel(unit.capitalize())
    axes.set_xlabel(grouping.period.value.capitalize())
    left_out = len(series) - len(shown)
    more = f" ({len(shown)} most frequent of {len(series)} series)" if left_out else ""
    axes.set_title(f"{what} by {grouping.period.value}{more}")
    axes.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    figure.autofmt_xdate()
    return figure


def _heatmap(rows: list, grouping: Grouping, value: str, scale: float, unit: str, what: str) -> Figure:
    """Groups × labels, the biggest groups first; cells carry their value for readers of a printed page."""
    size: dict[str, int] = {}
    total: dict[str, float] = defaultdict(float)
    cells: dict[tuple[str, str], float] = {}
    for row in rows:
        group, label = _group_name(row, grouping), _label_name(row)
        size[group] = row.group_articles
        total[label] += row.articles
        cells[(group, label)] = scale * getattr(row, value)
    groups = sorted(size, key=lambda g: (-size[g], g))[:MAX_HEATMAP_ROWS]
    labels = sorted(total, key=lambda label: (-total[label], label))
    matrix = [[cells.get((g, label), 0.0) for label in labels] for g in groups]
    # Rotated technique names need about 2.5 inches below the cells, whatever the number of rows.
    figure = Figure(figsize=(2.5 + 0.45 * len(labels), 3.2 + 0.3 * len(groups)), layout="constrained")
    axes = figure.add_subplot()
    image = axes.imshow(matrix, cmap="cividis", aspect="auto")
    axes.set_xticks(range(len(labels)), labels, rotation=60, ha="right", rotation_mode="anchor")
    axes.set_yticks(range(len(groups)), groups)
    axes.grid(visible=False)
    peak = max((max(line) for line in matrix), default=0) or 1
    for y, line in enumerate(matrix):
        for x, cell in enumerate(line):
            colour = "black" if cell > peak / 2 else "white"  # cividis is light at the top
            axes.text(x, y, f"{cell:.1f}", ha="center", va="center", fontsize=6, color=colour)
    figure.colorbar(image, ax=axes, label=unit.capitalize(), shrink=0.8)
    more = f" ({len(groups)} largest of {len(size)})" if len(size) > len(groups) else ""
    axes.set_title(f"{what} by {' and '.join(c for c in grouping.columns)}{more}")
    return figure


def _overview_chart(rows: list[OverviewRow], grouping: Grouping) -> Figure:
    """Articles per group, and their technique density beside them."""
    bars = min(len(rows), MAX_HEATMAP_ROWS)
    height = 4.5 if grouping.period is not None else 0.25 * bars + 1.5
    figure = Figure(figsize=(9, height), layout="constrained")
    left, right = figure.subplots(1, 2, sharey=grouping.period is None)
    if grouping.period is not None:
        by_group: dict[str, list[OverviewRow]] = defaultdict(list)
        for row in rows:
            if row.period is not None:
                by_group[_group_name(row, grouping) or "all articles"].append(row)
        shown = sorted(by_group, key=lambda g: (-sum(r.articles for r in by_group[g]), g))[:MAX_SERIES]
        for index, group in enumerate(shown):
            points = sorted(by_group[group], key=lambda r: r.period)
            style = {"color": OKABE_ITO[index], "marker": MARKERS[index], "markersize": 3, "label": group}
            left.plot([r.period for r in points], [r.articles for r in points], **style)
            right.plot([r.period for r in points], [r.per_1000_words for r in points], **style)
        left.set_xlabel(grouping.period.value.capitalize())
        right.set_xlabel(grouping.period.value.capitalize())
        left.set_ylabel("Articles")
        right.set_ylabel("Technique spans per 1,000 words")
        right.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
        figure.autofmt_xdate()
    else:
        shown_rows = sorted(rows, key=lambda r: r.articles)[-MAX_HEATMAP_ROWS:]
        names = [_group_name(r, grouping) for r in shown_rows]
        left.barh(names, [r.articles for r in shown_rows], color=OKABE_ITO[0])
        right.barh(names, [r.per_1000_words for r in shown_rows], color=OKABE_ITO[1])
        left.set_xlabel("Articles")
        right.set_xlabel("Technique spans per 1,000 words")
        for axes in (left, right):
            axes.grid(axis="y", visible=False)
    more = (
        f" ({MAX_HEATMAP_ROWS} largest of {len(rows)})"
        if grouping.period is None and len(rows) > bars
        else ""
    )
    figure.suptitle(f"Overview by {' and '.join(_by_words(grouping))}{more}")
    return figure


def _by_words(grouping: Grouping) -> list[str]:
    return [grouping.period.value if c == "period" and grouping.period else c for c in grouping.columns]


def _roles_chart(rows: list[RoleRow]) -> Figure:
    """One panel per main role: the actors most often cast in it."""
    roles = [role for role in ROLES if any(r.role == role for r in rows)]
    longest = max(sum(1 for r in rows if r.role == role) for role in roles)
    figure = Figure(figsize=(4 * len(roles), 0.3 * longest + 1.5), layout="constrained")
    panels = figure.subplots(1, len(roles), squeeze=False)[0]
    for index, (axes, role) in enumerate(zip(panels, roles, strict=True)):
        cast = sorted((r for r in rows if r.role == role), key=lambda r: r.articles)
        axes.barh([r.name for r in cast], [r.articles for r in cast], color=OKABE_ITO[index])
        axes.set_title(role)
        axes.set_xlabel("Articles casting the actor so")
        axes.grid(axis="y", visible=False)
    figure.suptitle("Actors most often cast in each role")
    return figure


def _speakers_chart(rows: list[SpeakerRow]) -> Figure:
    """The most quoted speakers, direct and reported quotes stacked."""
    ordered = sorted(rows, key=lambda r: r.quotes)
    names = [r.name for r in ordered]
    figure = Figure(figsize=(7, 0.3 * len(rows) + 1.2), layout="constrained")
    axes = figure.add_subplot()
    axes.barh(names, [r.direct for r in ordered], color=OKABE_ITO[0], label="Direct")
    axes.barh(
        names,
        [r.quotes - r.direct for r in ordered],
        left=[r.direct for r in ordered],
        color=OKABE_ITO[1],
        label="Reported",
        hatch="//",
    )
    axes.set_xlabel("Quotes")
    axes.set_title("Most quoted speakers")
    axes.legend(frameon=False)
    axes.grid(axis="y", visible=False)
    return figure
