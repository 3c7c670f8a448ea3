"""The one-article pipeline: the invariants every analysis keeps, in every language."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import spinscope
from spinscope.analysis import Analysis, Language
from spinscope.document import Document
from spinscope.pipeline import build_pipeline
from spinscope.taxonomy import TECHNIQUES

LANGUAGES = ["fr", "en", "de", "it", "pl", "ru", "uk", "es"]

_words = st.sampled_from(
    [
        "L’Otan",
        "OTAN",
        "NATO",
        "НАТО",
        "Lavrov",
        "Sergueï",
        "Poutine",
        "Путин",
        "« ",
        " »",
        "“",
        "”",
        '"',
        "a affirmé",
        "said",
        "sagte",
        "заявил",
        "néfaste",
        "régime",
        "traître",
        "terrorist",
        "catastrophe",
        "jamais",
        "Il",
        "Moscou",
        ".",
        "!",
        "?",
        "…",
        "\n",
        "\n\n",
        " ",
        "\u00a0",
        "\u202f",
        ",",
        ":",
        "selon",
        "according to",
        "che",
        "że",
        "що",
        "dijo que",
        "l’",
        "d’",
        "Kim Jong Un",
        "Zelensky",
        "Washington",
        "UE",
        "'",
        "M.",
        "Dr.",
    ]
)
_texts = st.lists(_words | st.text(max_size=4), min_size=1, max_size=80).map(" ".join)


def all_spans(analysis: Analysis):
    yield from analysis.paragraphs
    yield from analysis.sentences
    yield from analysis.techniques
    for entity in analysis.entities:
        yield from entity.mentions
    for quote in analysis.quotes:
        yield quote.content
        if quote.cue:
            yield quote.cue
        if quote.speaker_mention:
            yield quote.speaker_mention
    for unit in analysis.sentences + analysis.paragraphs:
        for label in unit.techniques:
            yield from label.evidence


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_texts, language=st.sampled_from(LANGUAGES))
def test_every_span_is_an_exact_slice_of_the_text(text, language):
    doc = Document.from_text(text, language=Language(code=language, confidence=1.0, source="user"))
    analysis = build_pipeline(language)(doc)
    assert analysis.text == text
    for span in all_spans(analysis):
        assert 0 <= span.start <= span.end <= len(text)
        assert text[span.start : span.end] == span.text


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_texts, language=st.sampled_from(LANGUAGES))
def test_every_label_has_a_confidence_evidence_and_a_source(text, language):
    doc = Document.from_text(text, language=Language(code=language, confidence=1.0, source="user"))
    analysis = build_pipeline(language)(doc)
    for span in analysis.techniques:
        assert span.technique in TECHNIQUES
        assert 0.0 <= span.confidence <= 1.0 and span.cue and span.source
    for unit in analysis.sentences + analysis.paragraphs:
        for label in unit.techniques:
            assert 0.0 <= label.confidence <= 1.0 and label.source
            assert label.evidence or label.why
    for quote in analysis.quotes:
        assert 0.0 <= quote.confidence <= 1.0
        assert quote.speaker is None or analysis.entity(quote.speaker) is not None
    assert {c.name for c in analysis.components} >= {"techniques.lexicon", "entities", "quotes"}


def test_same_input_same_output(fr_example):
    assert spinscope.analyze(fr_example).to_json() == spinscope.analyze(fr_example).to_json()
    text = fr_example.read_text(encoding="utf-8")
    assert spinscope.analyze(text).to_json() == spinscope.analyze(text).to_json()


def test_analysis_round_trips_through_json(en_example):
    analysis = spinscope.analyze(en_example)
    assert Analysis.from_json(analysis.to_json()) == analysis
