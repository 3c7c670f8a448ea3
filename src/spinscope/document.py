"""The one object every component reads and annotates: the text, its paragraphs and sentences, and the layers.

A Document is built once from the analysed text; components add annotations to it and never change the text,
so every offset they produce points into the original. `to_analysis()` freezes it into the result model.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from spinscope import __version__
from spinscope.analysis import (
    Analysis,
    ComponentInfo,
    Entity,
    Label,
    Language,
    Metadata,
    Narrative,
    Paragraph,
    Quote,
    Sentence,
    Span,
    TechniqueSpan,
)
from spinscope.segment import paragraph_spans, sentence_spans


@dataclass
class Document:
    text: str
    metadata: Metadata = field(default_factory=Metadata)
    language: Language | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    techniques: list[TechniqueSpan] = field(default_factory=list)
    # Labels a component puts on a whole sentence or paragraph (keyed by sentence index / paragraph id),
    # beside those derived from technique spans.
    sentence_labels: dict[int, list[Label]] = field(default_factory=dict)
    paragraph_labels: dict[int, list[Label]] = field(default_factory=dict)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    genre: Label | None = None
    frames: list[Label] = field(default_factory=list)
    narratives: list[Narrative] = field(default_factory=list)
    components: list[ComponentInfo] = field(default_factory=list)

    @classmethod
    def from_text(
        cls, text: str, metadata: Metadata | None = None, language: Language | None = None
    ) -> Document:
        """Segment `text` into paragraphs and sentences; the text is kept exactly as given."""
        doc = cls(text=text, metadata=metadata or Metadata(), language=language)
        for paragraph_id, start, end in paragraph_spans(text):
            doc.paragraphs.append(Paragraph(id=paragraph_id, start=start, end=end, text=text[start:end]))
            for s, e in sentence_spans(text, start, end):
                index = len(doc.sentences)
                doc.sentences.append(
                    Sentence(index=index, paragraph=paragraph_id, start=s, end=e, text=text[s:e])
                )
        return doc

    def span(self, start: int, end: int) -> Span:
        """A Span of this document's text."""
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span [{start}, {end}) lies outside a text of {len(self.text)} characters")
        return Span(start=start, end=end, text=self.text[start:end])

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence that contains character `offset`, if any."""
        return _unit_at(self.sentences, offset)

    def paragraph_at(self, offset: int) -> Paragraph | None:
        """The paragraph that contains character `offset`, if any."""
        return _unit_at(self.paragraphs, offset)

    def words(self) -> int:
        return len(self.text.split())

    def to_analysis(self) -> Analysis:
        """Freeze the annotations into an Analysis, deriving sentence and paragraph labels from spans."""
        from spinscope.summary import summarize

        sentence_labels = _merge_labels(self.sentence_labels, self._labels_from_spans(by="sentence"))
        paragraph_labels = _merge_labels(self.paragraph_labels, self._labels_from_spans(by="paragraph"))
        sentences = [
            s.model_copy(update={"techniques": sentence_labels.get(s.index, [])}) for s in self.sentences
        ]
        paragraphs = [
            p.model_copy(update={"techniques": paragraph_labels.get(p.id, [])}) for p in self.paragraphs
        ]
        if self.language is None:
            raise ValueError("a document must have a language before it becomes an analysis")
        return Analysis(
            spinscope_version=__version__,
            text=self.text,
            language=self.language,
            metadata=self.metadata,
            paragraphs=paragraphs,
            sentences=sentences,
            techniques=sorted(self.techniques, key=lambda t: (t.start, t.end, t.technique)),
            entities=self.entities,
            quotes=sorted(self.quotes, key=lambda q: q.content.start),
            genre=self.genre,
            frames=sorted(self.frames, key=lambda f: -f.confidence),
            narratives=sorted(self.narratives, key=lambda n: (n.parent is not None, -n.confidence)),
            summary=summarize(self),
            components=self.components,
        )

    def _labels_from_spans(self, by: str) -> dict[int, list[Label]]:
        """One label per technique per sentence (or paragraph), as confident as its best span, all spans as
        evidence."""
        grouped: dict[int, dict[str, list[TechniqueSpan]]] = {}
        for span in self.techniques:
            unit = self.sentence_at(span.start) if by == "sentence" else self.paragraph_at(span.start)
            if unit is None:
                continue
            key = unit.index if by == "sentence" else unit.id
            grouped.setdefault(key, {}).setdefault(span.technique, []).append(span)
        labels: dict[int, list[Label]] = {}
        for key, by_technique in grouped.items():
            labels[key] = [
                Label(
                    name=technique,
                    confidence=max(s.confidence for s in spans),
                    evidence=[Span(start=s.start, end=s.end, text=s.text) for s in spans],
                    source=spans[0].source,
                )
                for technique, spans in sorted(by_technique.items())
            ]
        return labels


def _unit_at(units: list, offset: int):
    """The unit of a sorted, non-overlapping list of spans that contains `offset`, if any."""
    i = bisect.bisect_right(units, offset, key=lambda unit: unit.start) - 1
    if i >= 0 and units[i].start <= offset < units[i].end:
        return units[i]
    return None


def _merge_labels(first: dict[int, list[Label]], second: dict[int, list[Label]]) -> dict[int, list[Label]]:
    """Union of two label maps; when both name a technique for a unit, the more confident label wins."""
    merged: dict[int, dict[str, Label]] = {}
    for source in (first, second):
        for key, labels in source.items():
            for label in labels:
                current = merged.setdefault(key, {}).get(label.name)
                if current is None or label.confidence > current.confidence:
                    merged[key][label.name] = label
    return {key: sorted(labels.values(), key=lambda lb: lb.name) for key, labels in merged.items()}
