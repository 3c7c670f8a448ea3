"""The Markdown report: title, summary, techniques table, the article with spans marked, entities, quotes.

Technique spans are set in **bold**, each followed by a footnote reference [^n] that gives the technique,
confidence and cue. Every piece of article text is escaped, so that the article can never inject Markdown
or HTML into the report.
"""

from __future__ import annotations

import re

from spinscope.analysis import Analysis
from spinscope.report.segments import atomic_segments
from spinscope.report.view import ReportView, article_labels, build_view, narrative_name, role_caption

# The characters that start emphasis, code, links, footnotes, raw HTML, entities, headings, table cells,
# strike-through, ==highlight== or {{ templates }} anywhere in a line; CommonMark lets any ASCII punctuation
# be escaped with a backslash. Line-start constructs (lists, quotes) cannot occur: no line of the report
# begins with article text.
_METACHARACTERS = re.compile(r"([\\`*_{}\[\]<>#|~=&])")


def escape(text: str) -> str:
    """`text` as literal Markdown on one line: metacharacters backslash-escaped, line breaks made spaces."""
    return _METACHARACTERS.sub(r"\\\1", " ".join(text.split()) if "\n" in text or "\r" in text else text)


def render_markdown(analysis: Analysis) -> str:
    view = build_view(analysis)
    parts = [
        _header(view),
        _summary(view),
        _techniques(view),
        _narratives(view),
        _cast(view),
        _article(view),
        _entities(view),
        _quotes(view),
    ]
    return "\n\n".join(p for p in parts if p) + "\n"


def _header(view: ReportView) -> str:
    analysis = view.analysis
    metadata, language = analysis.metadata, analysis.language
    facts = [
        f"{label}: {escape(value)}"
        for label, value in (
            ("Source", metadata.source),
            ("Site", metadata.site),
            ("Author", metadata.author),
            ("Date", metadata.date),
        )
        if value
    ]
    facts.append(f"Language: {escape(language.code)} ({language.confidence:.0%}, {language.source})")
    labels = article_labels(analysis)
    if labels:
        facts.append(escape(labels[0].upper() + labels[1:]))
    facts.append(f"spinscope {escape(analysis.spinscope_version)}, schema {escape(analysis.schema_version)}")
    return f"# {escape(view.title)}\n\n" + "  \n".join(facts)


def _summary(view: ReportView) -> str:
    summary = view.analysis.summary
    rows = [
        ("Words", str(summary.words)),
        ("Technique spans", str(summary.technique_spans)),
        ("Techniques per 100 words", f"{summary.techniques_per_100_words:g}"),
        ("Sentences with a technique", f"{summary.sentences_with_techniques:.0%}"),
        ("Top techniques", ", ".join(f"{escape(e.name)} ×{e.count}" for e in view.techniques[:3]) or "none"),
        ("Quotes", f"{summary.quotes} ({view.unattributed} unattributed)"),
        (
            "Quoted",
            ", ".join(f"{escape(g.name)} ×{len(g.quotes)}" for g in view.speakers if g.speaker) or "nobody",
        ),
    ]
    if view.one_sidedness is not None and view.top_speaker is not None:
        rows.append(
            (
                "One-sidedness",
                f"{view.one_sidedness:.0%} of attributed quotes from {escape(view.top_speaker.name)}",
            )
        )
    return "## Summary\n\n" + _table(("", ""), rows)


def _techniques(view: ReportView) -> str:
    if not view.techniques:
        return "## Techniques\n\nNo persuasion technique found."
    rows = []
    for entry in view.techniques:
        _, best = entry.spans[0]
        rows.append(
            (
                str(entry.number),
                escape(entry.name),
                str(entry.count),
                f"“{escape(best.text)}” ({best.confidence:.2f}, cue: {escape(best.cue)})",
                escape(entry.definition or ""),
            )
        )
    return "## Techniques\n\n" + _table(
        ("#", "Technique", "Spans", "Most confident span", "Definition"), rows
    )


def _narratives(view: ReportView) -> str:
    if not view.narratives:
        return "## Narratives\n\nNo narrative from the catalogues (Other)." if view.narratives_ran else ""
    lines = []
    for entry in view.narratives:
        for depth, narrative in [(0, entry.narrative), *((1, sub) for sub in entry.subnarratives)]:
            name = escape(narrative_name(narrative) if depth else narrative.name)
            lines.append(f"{'  ' * depth}- **{name}** ({narrative.confidence:.2f})")
            lines += [f"{'  ' * (depth + 1)}- “{escape(s.text)}”" for s in narrative.evidence[:3]]
    return "## Narratives\n\n" + "\n".join(lines)


def _cast(view: ReportView) -> str:
    if not view.cast:
        return ""
    rows = []
    for group in view.cast:
        for member in group.members:
            why = "; ".join(f"“{escape(s.text)}”" for s in member.role.evidence[:1])
            for mention, role in member.recast:
                why += f"; also {role.main} at “{escape(mention.text)}” ({mention.start}–{mention.end})"
            rows.append(
                (
                    role_caption(group.role),
                    escape(member.entity.name),
                    escape(", ".join(member.role.fine)) or "—",
                    f"{member.role.confidence:.2f}",
                    why,
                )
            )
    return "## Cast\n\n" + _table(("Role", "Actor", "Fine roles", "Confidence", "Why"), rows)


def _article(view: ReportView) -> str:
    analysis = view.analysis
    intervals = {i: (t.start, t.end) for i, t in enumerate(analysis.techniques)}
    notes: dict[int, int] = {}  # span index → footnote number, in reading order
    paragraphs = []
    for paragraph in view.paragraphs:
        line = f"¶{paragraph.id} "
        bold = False
        for segment in atomic_segments(paragraph.start, paragraph.end, intervals):
            text = escape(analysis.text[segment.start : segment.end])
            covered = bool(segment.covering)
            # Emphasis must hug text: white space moves outside the ** pair.
            if covered and not bold:
                stripped = text.lstrip()
                line += text[: len(text) - len(stripped)] + "**"
                text = stripped
                bold = True
            line += text
            for i in view.ordered(segment.covering):
                if intervals[i][1] == segment.end:
                    line += f"[^{notes.setdefault(i, len(notes) + 1)}]"
            if bold and (segment.end == paragraph.end or not _continues(segment, intervals)):
                stripped = line.rstrip()
                line = stripped + "**" + line[len(stripped) :]
                bold = False
        paragraphs.append(line)
    footnotes = []
    for i, number in notes.items():
        span = analysis.techniques[i]
        entry = view.entry(span.technique)
        footnotes.append(
            f"[^{number}]: {escape(entry.name)}, confidence {span.confidence:.2f}, cue “{escape(span.cue)}”: "
            f"“{escape(span.text)}” (characters {span.start}–{span.end})"
        )
    return "## Article\n\n" + "\n\n".join(paragraphs) + ("\n\n" + "\n".join(footnotes) if footnotes else "")


def _continues(segment, intervals: dict[int, tuple[int, int]]) -> bool:
    """True when some span goes on past the end of this segment, so the bold run must stay open."""
    return any(start <= segment.end < end for start, end in intervals.values() if start < segment.end)


def _entities(view: ReportView) -> str:
    entities = sorted(view.analysis.entities, key=lambda e: (-len(e.mentions), e.name))
    if not entities:
        return ""
    rows = [
        (
            escape(e.name),
            escape(e.type),
            f"`{e.id.replace('`', '')}`",
            str(len(e.mentions)),
            escape(", ".join(sorted(set(e.aliases) - {e.name}))),
        )
        for e in entities
    ]
    return "## Entities\n\n" + _table(("Entity", "Type", "Id", "Mentions", "Other forms"), rows)


def _quotes(view: ReportView) -> str:
    if not view.speakers:
        return ""
    sections = []
    for group in view.speakers:
        lines = [f"### {escape(group.name)} ({len(group.quotes)})", ""]
        for _, quote in group.quotes:
            cue = f" — cue “{escape(quote.cue.text)}”" if quote.cue else ""
            lines.append(f"- {quote.kind}: “{escape(quote.content.text)}”{cue}")
        sections.append("\n".join(lines))
    return "## Quotes\n\n" + "\n\n".join(sections)


def _table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)
