"""The learned technique layer: a model scores every sentence and paragraph, and the whole article's genre
and frames.

A technique the model finds in a paragraph comes with evidence a person can check: the lexicon's spans of
that technique in the paragraph when there are any, else the words the model weighed most, added as a span
whose cue says so. Scores below the model's calibrated threshold for the language are not reported.
"""

from __future__ import annotations

import numpy as np

from spinscope.analysis import Label, Span, TechniqueSpan
from spinscope.document import Document, Paragraph
from spinscope.models import TechniqueModel

_MODEL_SPAN_CONFIDENCE_SCALE = 0.9  # a localised model span is a little less certain than the paragraph label


class ModelTechniques:
    """Sentence, paragraph and article labels from a model package."""

    name = "techniques.model"

    def __init__(self, model: TechniqueModel, language: str):
        self.model = model
        self.language = language
        self.version = f"{model.card.name}@{model.card.version}"
        self.source = f"model:{self.version}"

    def __call__(self, doc: Document) -> None:
        sentence_scores = self._label_units(doc, "sentence")
        self._label_units(doc, "paragraph", sentence_scores)
        self._label_article(doc)

    def _threshold(self, task: str, label: str) -> float:
        return self.model.card.threshold(task, self.language, label)

    def _label_units(
        self, doc: Document, level: str, sentence_scores: np.ndarray | None = None
    ) -> np.ndarray:
        """Label every unit of `level` and return the scores (units × techniques)."""
        units = doc.sentences if level == "sentence" else doc.paragraphs
        if not units:
            return np.zeros((0, len(self.model.card.techniques)), dtype=np.float32)
        scores = self.model.technique_scores([u.text for u in units], self.language)
        for unit, row in zip(units, scores, strict=True):
            key = unit.index if level == "sentence" else unit.id
            for technique, score in zip(self.model.card.techniques, row, strict=True):
                threshold = self._threshold("techniques", technique)
                if score < threshold:
                    continue
                evidence = [
                    Span(start=t.start, end=t.end, text=t.text)
                    for t in doc.techniques
                    if t.technique == technique and unit.start <= t.start and t.end <= unit.end
                ]
                if not evidence and level == "paragraph":
                    evidence = self._localise(doc, unit, technique, float(score), sentence_scores)
                label = Label(
                    name=technique,
                    confidence=round(float(score), 4),
                    evidence=evidence,
                    source=self.source,
                    why=None
                    if evidence
                    else f"model score {score:.2f} ≥ threshold {threshold:.2f} for the whole {level}",
                )
                labels = doc.sentence_labels if level == "sentence" else doc.paragraph_labels
                labels.setdefault(key, []).append(label)
        return scores

    def _localise(
        self, doc: Document, paragraph: Paragraph, technique: str, score: float, sentence_scores: np.ndarray
    ) -> list[Span]:
        """The words that carry the technique in this paragraph, added to the document's technique spans: the
        words that weigh most for it in the paragraph's sentence the model scores highest for it."""
        column = self.model.card.techniques.index(technique)
        sentences = [
            (index, sentence)
            for index, sentence in enumerate(doc.sentences)
            if paragraph.start <= sentence.start < paragraph.end
        ]
        sentences.sort(key=lambda pair: -float(sentence_scores[pair[0], column]))
        best: tuple[float, int, int] | None = None
        for _, sentence in sentences:
            for start, end, weight in self.model.salient_spans(sentence.text, technique, self.language)[:1]:
                best = (weight, sentence.start + start, sentence.start + end)
            if best is not None:
                break
        if best is None:
            return []
        _, start, end = best
        span = TechniqueSpan(
            start=start,
            end=end,
            text=doc.text[start:end],
            technique=technique,
            confidence=round(score * _MODEL_SPAN_CONFIDENCE_SCALE, 4),
            cue=f"model {self.version}: the words that weigh most for this technique",
            source=self.source,
        )
        doc.techniques.append(span)
        return [Span(start=start, end=end, text=span.text)]

    def _label_article(self, doc: Document) -> None:
        genres = self.model.genre_scores(doc.text, self.language)
        if genres:
            genre, score = max(genres.items(), key=lambda item: (item[1], item[0]))
            doc.genre = Label(
                name=genre, confidence=round(score, 4), source=self.source, why="article-level model score"
            )
        for frame, score in sorted(self.model.frame_scores(doc.text, self.language).items()):
            if score >= self._threshold("frames", frame):
                doc.frames.append(
                    Label(
                        name=frame,
                        confidence=round(score, 4),
                        source=self.source,
                        why="article-level model score",
                    )
                )
