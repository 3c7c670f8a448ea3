"""A Document keeps the text as given and derives sentence and paragraph labels from technique spans."""

import pytest

from spinscope.analysis import SCHEMA_VERSION, Analysis, Label, Language, TechniqueSpan
from spinscope.document import Document

FR = Language(code="fr", confidence=1.0, source="user")
TEXT = "Titre\n\nL'Otan avance. Son influence néfaste grandit.\n\nFin du texte."


def technique(doc: Document, phrase: str, name: str, confidence: float = 0.8) -> TechniqueSpan:
    start = doc.text.index(phrase)
    return TechniqueSpan(
        start=start,
        end=start + len(phrase),
        text=phrase,
        technique=name,
        confidence=confidence,
        cue=phrase,
        source="test",
    )


def test_paragraphs_and_sentences_point_into_the_original_text():
    doc = Document.from_text(TEXT, language=FR)
    assert [(p.id, p.text) for p in doc.paragraphs] == [
        (1, "Titre"),
        (3, "L'Otan avance. Son influence néfaste grandit."),
        (5, "Fin du texte."),
    ]
    assert [(s.index, s.paragraph, s.text) for s in doc.sentences] == [
        (0, 1, "Titre"),
        (1, 3, "L'Otan avance."),
        (2, 3, "Son influence néfaste grandit."),
        (3, 5, "Fin du texte."),
    ]
    for unit in doc.paragraphs + doc.sentences:
        assert TEXT[unit.start : unit.end] == unit.text


def test_sentence_and_paragraph_lookup_by_offset():
    doc = Document.from_text(TEXT, language=FR)
    offset = TEXT.index("néfaste")
    assert doc.sentence_at(offset).index == 2
    assert doc.paragraph_at(offset).id == 3
    assert doc.sentence_at(TEXT.index("\n")) is None


def test_span_refuses_offsets_outside_the_text():
    doc = Document.from_text("abc", language=FR)
    assert doc.span(1, 3).text == "bc"
    with pytest.raises(ValueError):
        doc.span(2, 9)


def test_technique_spans_become_sentence_and_paragraph_labels():
    doc = Document.from_text(TEXT, language=FR)
    doc.techniques += [
        technique(doc, "influence néfaste", "Loaded_Language", 0.7),
        technique(doc, "néfaste", "Loaded_Language", 0.9),
        technique(doc, "L'Otan avance", "Appeal_to_Fear-Prejudice", 0.4),
    ]
    analysis = doc.to_analysis()
    assert [label.name for label in analysis.sentences[2].techniques] == ["Loaded_Language"]
    loaded = analysis.sentences[2].techniques[0]
    assert loaded.confidence == 0.9 and len(loaded.evidence) == 2
    assert [label.name for label in analysis.paragraphs[1].techniques] == [
        "Appeal_to_Fear-Prejudice",
        "Loaded_Language",
    ]
    assert analysis.paragraphs[0].techniques == []


def test_component_labels_merge_with_span_labels_keeping_the_most_confident():
    doc = Document.from_text(TEXT, language=FR)
    doc.techniques.append(technique(doc, "néfaste", "Loaded_Language", 0.6))
    doc.sentence_labels[2] = [
        Label(name="Loaded_Language", confidence=0.95, source="model", why="sentence model")
    ]
    doc.sentence_labels[3] = [Label(name="Doubt", confidence=0.3, source="model", why="sentence model")]
    analysis = doc.to_analysis()
    assert analysis.sentences[2].techniques[0].confidence == 0.95
    assert [lb.name for lb in analysis.sentences[3].techniques] == ["Doubt"]


def test_summary_counts_density_and_sentences_hit():
    doc = Document.from_text(TEXT, language=FR)
    doc.techniques.append(technique(doc, "néfaste", "Loaded_Language"))
    summary = doc.to_analysis().summary
    assert summary.words == len(TEXT.split())
    assert summary.technique_spans == 1
    assert summary.techniques_per_100_words == round(100 / len(TEXT.split()), 2)
    assert summary.sentences_with_techniques == 0.25
    assert summary.top_techniques[0].technique == "Loaded_Language"


def test_analysis_round_trips_through_json():
    doc = Document.from_text(TEXT, language=FR)
    doc.techniques.append(technique(doc, "influence néfaste", "Loaded_Language"))
    analysis = doc.to_analysis()
    again = Analysis.from_json(analysis.to_json())
    assert again == analysis
    assert again.schema_version == SCHEMA_VERSION


def test_a_document_without_language_cannot_become_an_analysis():
    with pytest.raises(ValueError):
        Document.from_text("Bonjour.").to_analysis()
