"""The article's spin profile: technique density, the most frequent techniques, who gets quoted."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from spinscope.analysis import SpeakerCount, Summary, TechniqueCount

if TYPE_CHECKING:
    from spinscope.document import Document


def summarize(doc: Document) -> Summary:
    words = doc.words()
    techniques = Counter(t.technique for t in doc.techniques)
    sentences_hit = {s.index for t in doc.techniques if (s := doc.sentence_at(t.start)) is not None}
    names = {e.id: e.name for e in doc.entities}
    speakers = Counter(q.speaker for q in doc.quotes if q.speaker is not None)
    return Summary(
        words=words,
        sentences=len(doc.sentences),
        technique_spans=len(doc.techniques),
        techniques_per_100_words=round(100 * len(doc.techniques) / words, 2) if words else 0.0,
        sentences_with_techniques=round(len(sentences_hit) / len(doc.sentences), 3) if doc.sentences else 0.0,
        top_techniques=[
            TechniqueCount(technique=t, count=c) for t, c in sorted(techniques.items(), key=_by_count)
        ],
        quotes=len(doc.quotes),
        unattributed_quotes=sum(1 for q in doc.quotes if q.speaker is None),
        speakers=[
            SpeakerCount(entity=e, name=names.get(e, e), count=c)
            for e, c in sorted(speakers.items(), key=_by_count)
        ],
    )


def _by_count(item: tuple[str, int]) -> tuple[int, str]:
    """Most frequent first, ties in alphabetical order, so that output is deterministic."""
    return -item[1], item[0]
