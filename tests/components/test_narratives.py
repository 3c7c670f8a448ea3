from __future__ import annotations

import pytest

from spinscope.analysis import Analysis, Language
from spinscope.components.narratives import NarrativeFinder
from spinscope.document import Document
from spinscope.narratives.catalogue import parse_catalogue

CATALOGUE = {
    "catalogue": "harbour",
    "entries": [
        {
            "id": "The harbour is dying",
            "description": "Claims that the old harbour is being left to die.",
            "examples": [
                "The fishing boats have left the harbour and the quays are empty.",
                "Nobody repairs the harbour cranes any more; rust eats the docks.",
                "The harbour authority lets the old docks rot while the boats leave.",
                "Empty quays and rusting cranes: the harbour is dying before our eyes.",
            ],
        },
        {
            "id": "The harbour is dying: Tourists are to blame",
            "parent": "The harbour is dying",
            "description": "Blames cruise tourists for the harbour's decline.",
            "examples": [
                "Cruise ships full of tourists have pushed the fishermen out of the harbour.",
                "The tourists and their cruise ships took the quays from the fishing boats.",
                "Every new cruise terminal means fewer fishing boats in the harbour.",
            ],
        },
    ],
}
TEXT = (
    "Local news.\n"
    "The fishing boats have gone and the harbour quays stand empty.\n"
    "Rust eats the cranes on the old docks, and nobody repairs them.\n"
    "Cruise ships full of tourists pushed the fishermen out of the harbour.\n"
)


@pytest.fixture
def finder() -> NarrativeFinder:
    return NarrativeFinder([parse_catalogue(CATALOGUE, "test")])


def test_narratives_come_with_their_sentences_as_exact_spans(finder):
    doc = Document.from_text(TEXT, language=Language(code="en", confidence=1.0, source="user"))
    finder(doc)
    found = {n.id: n for n in doc.narratives}
    assert set(found) == {"The harbour is dying", "The harbour is dying: Tourists are to blame"}
    for narrative in doc.narratives:
        assert narrative.catalogue == "harbour"
        assert narrative.source == finder.source
        assert narrative.evidence
        for span in narrative.evidence:
            assert TEXT[span.start : span.end] == span.text
    assert found["The harbour is dying: Tourists are to blame"].parent == "The harbour is dying"
    assert "Local news." not in [s.text for n in doc.narratives for s in n.evidence]


def test_narratives_survive_the_analysis_and_its_json(finder):
    doc = Document.from_text(TEXT, language=Language(code="en", confidence=1.0, source="user"))
    finder(doc)
    analysis = doc.to_analysis()
    assert Analysis.from_json(analysis.to_json()).narratives == analysis.narratives
    assert analysis.narratives[0].parent is None  # narratives before their subnarratives


def test_an_article_with_none_of_the_storylines_has_no_narratives(finder):
    doc = Document.from_text("The bakery opened a second shop.\nIt sells bread and cakes.\n")
    finder(doc)
    assert doc.narratives == []


def test_the_shipped_catalogue_is_the_default():
    finder = NarrativeFinder()
    assert {e.catalogue for e in finder.detector.entries} == {"semeval2025"}
    assert finder.version.startswith("stem-tfidf@")


def test_finders_of_the_same_catalogues_share_one_calibrated_detector():
    catalogue = parse_catalogue(CATALOGUE, "test")
    assert NarrativeFinder([catalogue]).detector is NarrativeFinder([catalogue]).detector


def test_a_catalogue_without_neutral_texts_borrows_the_shipped_ones_and_one_with_them_keeps_its_own():
    from spinscope.narratives import shipped_catalogue

    borrowed = NarrativeFinder([parse_catalogue(CATALOGUE, "test")]).detector.neutral
    assert borrowed == shipped_catalogue().neutral
    own = {
        **CATALOGUE,
        "catalogue": "harbour-2",
        "neutral": ["The harbour master retired after thirty years."],
    }
    assert [t.text for t in NarrativeFinder([parse_catalogue(own, "test")]).detector.neutral] == [
        "The harbour master retired after thirty years."
    ]
