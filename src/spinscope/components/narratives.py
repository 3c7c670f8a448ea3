"""The narrative layer: which catalogue storylines the article pushes, with the sentences that carry them."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from spinscope.analysis import Narrative, Span
from spinscope.document import Document
from spinscope.narratives import Catalogue, NarrativeDetector, shipped_catalogue

VERSION = "2"  # 2: neutral texts and the article-level "Other" gate


@lru_cache(maxsize=8)
def detector_for(catalogues: tuple[Catalogue, ...]) -> NarrativeDetector:
    """One calibrated detector per set of catalogues and process: the pipelines of every language share it.
    Catalogues that give no neutral texts get the shipped catalogue's: plain reporting that pushes none of
    their storylines either, so that the article-level "Other" decision is calibrated all the same."""
    neutral = [text for catalogue in catalogues for text in catalogue.neutral] or shipped_catalogue().neutral
    return NarrativeDetector(catalogues, neutral=neutral)


class NarrativeFinder:
    """Fills `doc.narratives` from the shipped catalogue and any catalogues the user adds."""

    name = "narratives"

    def __init__(
        self, catalogues: Sequence[Catalogue] | None = None, detector: NarrativeDetector | None = None
    ):
        catalogues = tuple(catalogues) if catalogues is not None else (shipped_catalogue(),)
        self.detector = detector or detector_for(catalogues)
        self.version = f"{self.detector.encoder.name}@{VERSION}"
        self.source = f"narratives:{self.version}"

    def __call__(self, doc: Document) -> None:
        sentences = doc.sentences
        language = doc.language.code if doc.language else None
        for finding in self.detector.detect([s.text for s in sentences], language):
            entry = finding.entry
            doc.narratives.append(
                Narrative(
                    id=entry.id,
                    name=entry.name,
                    catalogue=entry.catalogue,
                    parent=entry.parent,
                    confidence=finding.confidence,
                    evidence=[
                        Span(start=sentences[i].start, end=sentences[i].end, text=sentences[i].text)
                        for i in finding.sentences
                    ],
                    source=self.source,
                )
            )
