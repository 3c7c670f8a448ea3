"""What every report shows, computed once from an Analysis: legend, per-technique evidence, speakers, balance.

The renderers (terminal, Markdown, HTML) only lay this out, so the three always agree on numbers, colours,
legend numbers and the order of things.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from spinscope.analysis import (
    Analysis,
    Entity,
    MainRole,
    Mention,
    Narrative,
    Quote,
    Role,
    Sentence,
    TechniqueSpan,
)
from spinscope.report.palette import Colour, category, colour, order
from spinscope.taxonomy import definition, display_name


@dataclass(frozen=True)
class TechniqueEntry:
    """One technique found in the article, with its legend number and every span that carries it."""

    technique: str
    number: int
    name: str
    category: str
    colour: Colour
    definition: str | None
    spans: tuple[tuple[int, TechniqueSpan], ...]  # (index in analysis.techniques, span), most confident first

    @property
    def count(self) -> int:
        return len(self.spans)


@dataclass(frozen=True)
class SpeakerGroup:
    """The quotes attributed to one speaker (speaker None: the unattributed ones)."""

    speaker: str | None
    name: str
    quotes: tuple[tuple[int, Quote], ...]


@dataclass(frozen=True)
class NarrativeEntry:
    """A narrative with the subnarratives found under it (a subnarrative whose parent was not reported stands
    alone, as its own entry)."""

    narrative: Narrative
    subnarratives: tuple[Narrative, ...]


@dataclass(frozen=True)
class CastMember:
    """An actor the article casts in a role, and the mentions where it is cast otherwise."""

    entity: Entity
    role: Role
    recast: tuple[tuple[Mention, Role], ...]


@dataclass(frozen=True)
class CastGroup:
    role: MainRole
    members: tuple[CastMember, ...]


@dataclass(frozen=True)
class ParagraphView:
    id: int
    start: int
    end: int
    sentences: tuple[Sentence, ...]


@dataclass(frozen=True)
class ReportView:
    analysis: Analysis
    title: str
    techniques: tuple[TechniqueEntry, ...]
    speakers: tuple[SpeakerGroup, ...]
    paragraphs: tuple[ParagraphView, ...]
    narratives: tuple[NarrativeEntry, ...]
    cast: tuple[CastGroup, ...]

    @property
    def narratives_ran(self) -> bool:
        """True when a narrative detector looked at the article, so that finding none means 'Other'."""
        return any(c.name == "narratives" for c in self.analysis.components)

    def entry(self, technique: str) -> TechniqueEntry:
        return next(e for e in self.techniques if e.technique == technique)

    @property
    def one_sidedness(self) -> float | None:
        """Share of attributed quotes that come from the most-quoted speaker; None without any."""
        attributed = [g for g in self.speakers if g.speaker is not None]
        total = sum(len(g.quotes) for g in attributed)
        return max(len(g.quotes) for g in attributed) / total if total else None

    @property
    def has_overlaps(self) -> bool:
        """True when some words carry more than one technique span."""
        reach = -1
        for span in sorted(self.analysis.techniques, key=lambda t: t.start):
            if span.start < reach:
                return True
            reach = max(reach, span.end)
        return False

    @property
    def top_speaker(self) -> SpeakerGroup | None:
        return next((g for g in self.speakers if g.speaker is not None), None)

    @property
    def unattributed(self) -> int:
        return sum(len(g.quotes) for g in self.speakers if g.speaker is None)

    def speaker_name(self, quote: Quote) -> str:
        if quote.speaker is None:
            return "unattributed"
        entity = self.analysis.entity(quote.speaker)
        return entity.name if entity else quote.speaker

    def innermost(self, indexes: frozenset[int] | set[int]) -> TechniqueSpan:
        """The span drawn on top where several overlap: the shortest, then the most confident."""
        spans = self.analysis.techniques
        return spans[min(indexes, key=lambda i: (spans[i].end - spans[i].start, -spans[i].confidence, i))]

    def ordered(self, indexes: frozenset[int] | set[int]) -> list[int]:
        """Span indexes innermost first, so that stacked underlines read from the inside out."""
        spans = self.analysis.techniques
        return sorted(indexes, key=lambda i: (spans[i].end - spans[i].start, -spans[i].confidence, i))


def article_labels(analysis: Analysis) -> str | None:
    """'genre opinion (63%) · frames Political, Security and defense', when a model labelled the article."""
    parts = []
    if analysis.genre is not None:
        parts.append(f"genre {analysis.genre.name} ({analysis.genre.confidence:.0%})")
    if analysis.frames:
        parts.append("frames " + ", ".join(f.name.replace("_", " ") for f in analysis.frames))
    return " · ".join(parts) or None


def _headline(analysis: Analysis) -> str | None:
    """The first paragraph when it reads like a headline (short, no final full stop): plain-text articles
    begin with theirs, as in the SemEval files."""
    if len(analysis.paragraphs) < 2:
        return None
    first = analysis.paragraphs[0].text
    return first if len(first) <= 160 and not first.endswith((".", ":", ";")) else None


def build_view(analysis: Analysis) -> ReportView:
    metadata = analysis.metadata
    title = metadata.title or _headline(analysis) or metadata.source or "Untitled article"
    return ReportView(
        analysis=analysis,
        title=title,
        techniques=_technique_entries(analysis),
        speakers=_speaker_groups(analysis),
        paragraphs=_paragraphs(analysis),
        narratives=_narrative_entries(analysis),
        cast=_cast(analysis),
    )


def technique_definition(technique: str, language: str) -> str | None:
    """The taxonomy's definition in the article's language; None for a technique it does not know."""
    try:
        return definition(technique, language)
    except KeyError:
        return None


def _technique_entries(analysis: Analysis) -> tuple[TechniqueEntry, ...]:
    grouped: dict[str, list[tuple[int, TechniqueSpan]]] = {}
    for index, span in enumerate(analysis.techniques):
        grouped.setdefault(span.technique, []).append((index, span))
    # Most frequent first, then the taxonomy's order, so legend numbers are deterministic.
    ranked = sorted(grouped, key=lambda t: (-len(grouped[t]), order(t), t))
    return tuple(
        TechniqueEntry(
            technique=technique,
            number=number,
            name=display_name(technique),
            category=category(technique),
            colour=colour(technique),
            definition=technique_definition(technique, analysis.language.code),
            spans=tuple(sorted(grouped[technique], key=lambda item: (-item[1].confidence, item[1].start))),
        )
        for number, technique in enumerate(ranked, start=1)
    )


def _speaker_groups(analysis: Analysis) -> tuple[SpeakerGroup, ...]:
    by_speaker: dict[str | None, list[tuple[int, Quote]]] = {}
    for index, quote in enumerate(analysis.quotes):
        by_speaker.setdefault(quote.speaker, []).append((index, quote))
    counts = Counter({speaker: len(quotes) for speaker, quotes in by_speaker.items()})

    def name(speaker: str | None) -> str:
        if speaker is None:
            return "Unattributed"
        entity = analysis.entity(speaker)
        return entity.name if entity else speaker

    # Most-quoted first; the unattributed group always last, since it is a finding of its own.
    ranked = sorted(counts, key=lambda s: (s is None, -counts[s], name(s)))
    return tuple(SpeakerGroup(speaker=s, name=name(s), quotes=tuple(by_speaker[s])) for s in ranked)


def _narrative_entries(analysis: Analysis) -> tuple[NarrativeEntry, ...]:
    reported = {n.id for n in analysis.narratives}
    tops = [n for n in analysis.narratives if n.parent is None or n.parent not in reported]
    entries = [
        NarrativeEntry(
            narrative=top,
            subnarratives=tuple(
                sorted(
                    (n for n in analysis.narratives if n.parent == top.id and n is not top),
                    key=lambda n: -n.confidence,
                )
            ),
        )
        for top in tops
    ]
    return tuple(sorted(entries, key=lambda e: (-e.narrative.confidence, e.narrative.id)))


_ROLE_ORDER: tuple[MainRole, ...] = ("Protagonist", "Antagonist", "Innocent")
ROLE_CAPTIONS: dict[str, str] = {"Protagonist": "hero", "Antagonist": "villain", "Innocent": "victim"}


def role_caption(main: str) -> str:
    """'Antagonist (villain)': the taxonomy's word and the plain one a reader expects."""
    return f"{main} ({ROLE_CAPTIONS[main]})" if main in ROLE_CAPTIONS else main


def narrative_name(narrative: Narrative) -> str:
    """A subnarrative's name without its parent's prefix, which the report already shows above it."""
    if narrative.parent and narrative.name.startswith(narrative.parent + ":"):
        return narrative.name[len(narrative.parent) + 1 :].strip()
    return narrative.name


def _cast(analysis: Analysis) -> tuple[CastGroup, ...]:
    """Actors by main role (hero, villain, victim), the most confident first."""
    groups = []
    for main in _ROLE_ORDER:
        members = [
            CastMember(
                entity=entity,
                role=entity.role,
                recast=tuple(
                    (mention, mention.role)
                    for mention in entity.mentions
                    if mention.role is not None and mention.role.main != main
                ),
            )
            for entity in analysis.entities
            if entity.role is not None and entity.role.main == main
        ]
        if members:
            members.sort(key=lambda m: (-m.role.confidence, m.entity.name))
            groups.append(CastGroup(role=main, members=tuple(members)))
    return tuple(groups)


def _paragraphs(analysis: Analysis) -> tuple[ParagraphView, ...]:
    sentences: dict[int, list[Sentence]] = {}
    for sentence in analysis.sentences:
        sentences.setdefault(sentence.paragraph, []).append(sentence)
    return tuple(
        ParagraphView(
            id=p.id,
            start=p.start,
            end=p.end,
            sentences=tuple(sentences.get(p.id, [])),
        )
        for p in analysis.paragraphs
    )
