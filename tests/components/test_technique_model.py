"""The learned technique layer puts calibrated labels on sentences, paragraphs and the article, with evidence."""

from importlib.resources import files
from pathlib import Path

import pytest

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


MIXED = (
    "Ce régime corrompu et arrogant trahit la nation. Le ministre a annoncé mardi une réforme.\n\n"
    "Le conseil a voté le budget mardi. Ces traîtres honteux vendent le pays, une infamie sans nom !"
)


@pytest.mark.parametrize("text", [TEXT, MIXED], ids=["tiny-model text", "loud and calm sentences"])
def test_localised_words_lie_in_the_sentence_the_model_scores_highest_for_the_technique(text: str):
    model = load_model(None)  # the shipped model: its n-grams weigh words in calm sentences too
    doc = Document.from_text(text, language=FR)
    ModelTechniques(model, "fr")(doc)
    analysis = doc.to_analysis()
    scores = model.technique_scores([s.text for s in doc.sentences], "fr")
    spans = [t for t in analysis.techniques if t.cue and t.cue.startswith("model")]
    assert spans
    for span in spans:
        column = model.card.techniques.index(span.technique)
        paragraph = next(p for p in doc.paragraphs if p.start <= span.start < p.end)
        rows = [i for i, s in enumerate(doc.sentences) if paragraph.start <= s.start < paragraph.end]
        chosen = next(i for i in rows if doc.sentences[i].start <= span.start < doc.sentences[i].end)
        assert scores[chosen, column] == max(scores[i, column] for i in rows), span.text


WIRE_REPORT = (
    "Le conseil régional adopte son budget pour 2027\n\n"
    "Le conseil régional a adopté jeudi un budget de 3,2 milliards d'euros pour 2027, en hausse de 2 % sur un an, "
    "par 98 voix contre 41. La majorité a voté pour, l'opposition contre.\n\n"
    "Les transports représentent la première dépense, avec 1,1 milliard d'euros, devant les lycées et la formation "
    "professionnelle. La région prévoit aussi de rénover douze gares d'ici à 2029.\n\n"
    "Le vice-président chargé des finances a indiqué que la dette resterait stable. Un élu de l'opposition a estimé "
    "que les investissements dans les zones rurales étaient insuffisants et a demandé un rapport d'étape en juin."
)


@pytest.mark.parametrize(
    ("article", "genre"),
    [("fr-sahel-alliance.txt", "opinion"), ("en-climate-levy.txt", "opinion"), (None, "reporting")],
    ids=["state-media piece", "tabloid piece", "wire report"],
)
def test_the_shipped_model_tells_an_article_that_argues_from_one_that_reports(
    article: str | None, genre: str
):
    text = (files("spinscope") / "examples" / article).read_text(encoding="utf-8") if article else WIRE_REPORT
    model = load_model(None)
    language = "en" if article and article.startswith("en-") else "fr"
    scores = model.genre_scores(text, language)
    assert max(scores, key=scores.get) == genre
