"""The terminal report (Rich): header, highlighted article, legend, then one table per layer and the summary.

Everything that comes from the article is passed to Rich as `Text`, never as a markup string, so brackets
and colons in the article cannot be read as Rich markup or emoji codes. Without colours (a pipe, a file,
NO_COLOR) technique spans are drawn with numbered brackets instead, so the plain text still shows them.
"""

from __future__ import annotations

import io

from rich import box
from rich.columns import Columns
from rich.console import Console, Group
from rich.rule import Rule
from rich.style import Style
from rich.table import Table
from rich.text import Text

from spinscope.analysis import Analysis, Span
from spinscope.report.segments import atomic_segments
from spinscope.report.view import ReportView, article_labels, build_view, narrative_name, role_caption
from spinscope.taxonomy import display_name

_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_EXAMPLES_PER_TECHNIQUE = 3


def render_text(analysis: Analysis, width: int = 80) -> str:
    """The terminal report as plain text (no ANSI codes), laid out for `width` columns."""
    console = Console(
        file=io.StringIO(), width=width, color_system=None, force_terminal=False, highlight=False, emoji=False
    )
    print_terminal(analysis, console)
    # Rich pads every line to the full width; a file or a pipe is better without the trailing blanks.
    lines = console.file.getvalue().splitlines()  # type: ignore[attr-defined]
    return "\n".join(line.rstrip() for line in lines) + "\n"


def print_terminal(analysis: Analysis, console: Console) -> None:
    view = build_view(analysis)
    plain = console.color_system is None or console.no_color
    for part in (
        _header(view),
        _article(view, plain),
        _legend(view),
        _techniques(view),
        _narratives(view),
        _cast(view),
        _sentence_labels(view),
        _entities(view),
        _quotes(view),
        _summary(view),
    ):
        if part is not None:
            console.print(part)


def superscript(number: int) -> str:
    return str(number).translate(_SUPERSCRIPT)


def _section(title: str) -> Rule:
    return Rule(Text(title, style="bold"), align="left", style="dim")


def _header(view: ReportView) -> Group:
    analysis, summary = view.analysis, view.analysis.summary
    language = analysis.language
    facts = [
        f"language {language.code} ({language.confidence:.0%}, {language.source})",
        f"{summary.words} words",
        f"{summary.technique_spans} technique spans",
        f"{summary.techniques_per_100_words:g} per 100 words",
        f"{summary.sentences_with_techniques:.0%} of sentences",
    ]
    lines = [Text(view.title, style="bold")]
    metadata = analysis.metadata
    origin = " · ".join(v for v in (metadata.site, metadata.author, metadata.date, metadata.source) if v)
    if origin and origin != view.title:
        lines.append(Text(origin, style="dim"))
    lines.append(Text(" · ".join(facts)))
    labels = article_labels(analysis)
    if labels:
        lines.append(Text(labels))
    return Group(Rule(style="bold"), *lines, Rule(style="bold"))


def _article(view: ReportView, plain: bool) -> Group:
    analysis = view.analysis
    numbers = {e.technique: e.number for e in view.techniques}
    intervals = {i: (t.start, t.end) for i, t in enumerate(analysis.techniques)}
    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(style="dim", no_wrap=True, width=4)
    grid.add_column(ratio=1)
    for index, paragraph in enumerate(view.paragraphs):
        text = Text()
        for segment in atomic_segments(paragraph.start, paragraph.end, intervals):
            for i in sorted(segment.covering, key=lambda i: -intervals[i][1]):
                if intervals[i][0] == segment.start and plain:
                    text.append("[" + superscript(numbers[analysis.techniques[i].technique]))
            text.append(
                analysis.text[segment.start : segment.end], style=_segment_style(view, segment.covering)
            )
            for i in view.ordered(segment.covering):
                if intervals[i][1] == segment.end:
                    number = superscript(numbers[analysis.techniques[i].technique])
                    accent = view.entry(analysis.techniques[i].technique).colour.accent
                    text.append("]" + number if plain else number, style=Style(color=accent, bold=True))
        if index:
            grid.add_row("", "")
        grid.add_row(f"¶{paragraph.id}", text)
    return Group(_section("Article"), grid)


def _segment_style(view: ReportView, covering: frozenset) -> Style | None:
    if not covering:
        return None
    innermost = view.innermost(covering)
    # Several spans at once: the innermost colour, underlined, so the overlap is visible.
    return Style(
        color="black", bgcolor=view.entry(innermost.technique).colour.background, underline=len(covering) > 1
    )


def _swatch(view: ReportView, technique: str) -> Text:
    entry = view.entry(technique)
    return Text.assemble(
        (f" {entry.number} ", Style(color="black", bgcolor=entry.colour.background, bold=True))
    )


def _legend(view: ReportView) -> Group | None:
    if not view.techniques:
        return Group(_section("Legend"), Text("No persuasion technique found.", style="italic"))
    items = [
        Text.assemble(_swatch(view, e.technique), " ", e.name, (f" ×{e.count}", "dim"))
        for e in view.techniques
    ]
    note = "Underlined: several techniques overlap there." if view.has_overlaps else ""
    return Group(_section("Legend"), Columns(items, padding=(0, 3)), Text(note, style="dim italic"))


def _table(*columns: str) -> Table:
    table = Table(box=box.SIMPLE_HEAD, expand=True, show_edge=False, pad_edge=False, header_style="bold")
    for column in columns:
        table.add_column(column)
    return table


def _techniques(view: ReportView) -> Group | None:
    if not view.techniques:
        return None
    table = _table("#", "technique", "n", "examples (confidence · cue)")
    table.columns[0].no_wrap = True
    table.columns[1].ratio = 2
    table.columns[2].justify = "right"
    table.columns[3].ratio = 5
    for entry in view.techniques:
        examples = Text()
        for _, span in entry.spans[:_EXAMPLES_PER_TECHNIQUE]:
            if examples:
                examples.append("\n")
            examples.append(f"«{span.text}»")
            examples.append(f" {span.confidence:.2f} · {span.cue}", style="dim")
        if entry.count > _EXAMPLES_PER_TECHNIQUE:
            examples.append(f"\n… and {entry.count - _EXAMPLES_PER_TECHNIQUE} more", style="dim italic")
        table.add_row(_swatch(view, entry.technique), Text(entry.name), str(entry.count), examples)
    return Group(_section("Techniques"), table)


def _narratives(view: ReportView) -> Group | None:
    if not view.narratives:
        if view.narratives_ran:
            none = Text("No narrative from the catalogues (Other).", style="italic")
            return Group(_section("Narratives"), none)
        return None
    table = _table("narrative", "conf.", "carried by")
    table.columns[0].ratio = 3
    table.columns[1].justify = "right"
    table.columns[2].ratio = 4
    for entry in view.narratives:
        for depth, narrative in [(0, entry.narrative), *((1, sub) for sub in entry.subnarratives)]:
            name = Text("  ↳ " if depth else "", style="dim")
            name.append(narrative_name(narrative) if depth else narrative.name, style="" if depth else "bold")
            table.add_row(name, f"{narrative.confidence:.2f}", _evidence(narrative.evidence))
    return Group(_section("Narratives"), table)


def _cast(view: ReportView) -> Group | None:
    if not view.cast:
        return None
    tables = []
    for group in view.cast:
        table = _table("actor", "fine roles", "conf.", "why")
        table.title = Text(role_caption(group.role), style="bold")
        table.title_justify = "left"
        table.columns[0].ratio = 2
        table.columns[1].ratio = 2
        table.columns[2].justify = "right"
        table.columns[3].ratio = 5
        for member in group.members:
            why = _evidence(member.role.evidence, limit=1, clip=120)
            for mention, role in member.recast:
                where = f"«{mention.text}» ({mention.start}–{mention.end})"
                why.append(f"\nalso {role.main} at {where}", style="dim")
            table.add_row(
                Text(member.entity.name, style="bold"),
                Text(", ".join(member.role.fine) or "—"),
                f"{member.role.confidence:.2f}",
                why,
            )
        tables.append(table)
    return Group(_section("Cast"), *tables)


def _evidence(spans: list[Span], limit: int = 2, clip: int = 160) -> Text:
    """The first sentences that support a finding, clipped, and how many more there are."""
    text = Text()
    for span in spans[:limit]:
        if text:
            text.append("\n")
        text.append(f"«{_clip(span.text, clip)}»")
    if len(spans) > limit:
        text.append(f"\n… and {len(spans) - limit} more", style="dim italic")
    return text


def _sentence_labels(view: ReportView) -> Group | None:
    table = _table("¶", "sentence", "techniques (confidence)")
    table.columns[0].no_wrap = True
    table.columns[1].ratio = 1
    table.columns[2].ratio = 1
    for paragraph in view.paragraphs:
        for sentence in paragraph.sentences:
            if not sentence.techniques:
                continue
            labels = Text()
            for label in sentence.techniques:
                if labels:
                    labels.append("\n")
                labels.append_text(_swatch(view, label.name) if _known(view, label.name) else Text("   "))
                labels.append(f" {_name(view, label.name)}")
                labels.append(f" {label.confidence:.2f}", style="dim")
            table.add_row(str(paragraph.id), Text(_clip(sentence.text, 140)), labels)
    if not table.rows:
        return None
    return Group(_section("Sentence labels"), table)


def _known(view: ReportView, technique: str) -> bool:
    return any(e.technique == technique for e in view.techniques)


def _name(view: ReportView, technique: str) -> str:
    return view.entry(technique).name if _known(view, technique) else display_name(technique)


def _entities(view: ReportView) -> Group | None:
    entities = view.analysis.entities
    if not entities:
        return None
    table = _table("entity", "type", "id", "mentions")
    table.columns[0].ratio = 3
    table.columns[1].ratio = 2
    table.columns[2].ratio = 3
    table.columns[3].justify = "right"
    table.columns[3].no_wrap = True
    for entity in sorted(entities, key=lambda e: (-len(e.mentions), e.name)):
        forms = sorted(set(entity.aliases) - {entity.name})
        name = Text(entity.name, style="bold")
        if forms:
            name.append("\n" + ", ".join(forms), style="dim")
        table.add_row(name, Text(entity.type), Text(entity.id, style="dim"), str(len(entity.mentions)))
    return Group(_section("Entities"), table)


def _quotes(view: ReportView) -> Group | None:
    if not view.speakers:
        return None
    table = _table("speaker", "kind", "what was said", "cue")
    table.columns[2].ratio = 3
    for group in view.speakers:
        for _, quote in group.quotes:
            speaker = Text(group.name, style="italic" if group.speaker is None else "bold")
            cue = Text(quote.cue.text if quote.cue else "—")
            table.add_row(speaker, Text(quote.kind), Text(f"«{_clip(quote.content.text, 200)}»"), cue)
    return Group(_section("Quotes"), table)


def _summary(view: ReportView) -> Group:
    summary = view.analysis.summary
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    table.add_row(
        "Techniques", f"{summary.techniques_per_100_words:g} per 100 words ({summary.technique_spans} spans)"
    )
    if view.techniques:
        top = ", ".join(f"{e.name} ×{e.count}" for e in view.techniques[:3])
        table.add_row("Top techniques", Text(top))
    quoted = [g for g in view.speakers if g.speaker is not None]
    table.add_row("Quoted", Text(", ".join(f"{g.name} ×{len(g.quotes)}" for g in quoted) or "nobody"))
    table.add_row("Unattributed", f"{view.unattributed} of {len(view.analysis.quotes)} quotes")
    if view.one_sidedness is not None and view.top_speaker is not None:
        balance = Text(f"{view.one_sidedness:.0%} of attributed quotes come from ")
        balance.append(view.top_speaker.name)
        table.add_row("One-sidedness", balance)
    return Group(_section("Summary"), table)


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
