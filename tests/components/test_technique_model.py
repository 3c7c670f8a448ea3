"""The learned technique layer puts calibrated labels on sentences, paragraphs and the article, with evidence."""

from pathlib import Path

from spinscope.analysis import Language
from spinscope.components.technique_model import ModelTechniques
from spinscope.components.techniques import LexiconTechniques
from spinscope.document import Document
from spinscope.models import load_model

FR = Language(code="fr", confidence=1.0, source="user")
TEXT = (
    "Un titre\n\n"
    "Ce régime corrompu et arrogant méprise le peuple avec une morgue écœurante. Il trahit la nation.\n\n"
    "Le conseil municipal a voté mardi le budget de la médiathèque."
)


def analyse(model_dir: Path, lexicon: bool = True):
    doc = Document.from_text(TEXT, language=FR)
    if lexicon:
        LexiconTechniques("fr")(doc)
    ModelTechniques(load_model(model_dir), "fr")(doc)
    return doc, doc.to_analysis()


def test_labels_above_threshold_carry_model_source_and_evidence(tiny_model_dir: Path):
    doc, analysis = analyse(tiny_model_dir)
    loaded = [lb for lb in analysis.paragraphs[1].techniques if lb.name == "Loaded_Language"]
    assert loaded, "the loaded paragraph is labelled"
    assert all(lb.evidence for lb in loaded)
    for label in (lb for p in analysis.paragraphs for lb in p.techniques):
        assert 0 <= label.confidence <= 1 and (label.evidence or label.why)
    model_labels = [lb for lbs in doc.paragraph_labels.values() for lb in lbs]
    assert all(lb.source == "model:tiny@1" for lb in model_labels)


def test_without_lexicon_spans_the_model_localises_the_words(tiny_model_dir: Path):
    doc, analysis = analyse(tiny_model_dir, lexicon=False)
    model_spans = [t for t in analysis.techniques if t.source == "model:tiny@1"]
    assert model_spans
    for span in model_spans:
        assert analysis.text[span.start : span.end] == span.text
        assert "weigh most" in span.cue


def test_article_genre_and_frames(tiny_model_dir: Path):
    _, analysis = analyse(tiny_model_dir)
    assert analysis.genre is not None and analysis.genre.name in {"opinion", "reporting", "satire"}
    assert all(0 <= frame.confidence <= 1 for frame in analysis.frames)
    assert [c.name for c in analysis.components] == []  # components are recorded by the Pipeline, not here


def test_localised_words_stay_within_one_sentence(tiny_model_dir: Path):
    doc, analysis = analyse(tiny_model_dir, lexicon=False)
    for span in (t for t in analysis.techniques if t.source == "model:tiny@1"):
        sentence = doc.sentence_at(span.start)
        assert sentence is not None and span.end <= sentence.end
