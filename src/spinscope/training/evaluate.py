"""Evaluate the analysis pipeline on SemEval-2023 Task 3 data: paragraph-level techniques and spans.

The pipeline runs on each article exactly as `spinscope analyze` would (with the language given by the data
folder); its paragraph labels are compared with the gold labels of the paragraphs the label file lists.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from spinscope.analysis import Analysis, Language
from spinscope.document import Document
from spinscope.pipeline import build_pipeline
from spinscope.taxonomy import TECHNIQUES
from spinscope.training.metrics import Scores, multilabel_scores, span_scores
from spinscope.training.semeval2023 import Article, language_folders, read_articles


@dataclass(frozen=True)
class LanguageReport:
    language: str
    articles: int
    paragraphs: int
    scores: Scores
    baseline: Scores  # the two most frequent gold techniques predicted for every paragraph
    baseline_labels: tuple[str, ...]
    span_precision: float
    span_recall: float
    span_f1: float


Analyzer = Callable[[Article], Analysis]


def default_analyzer(article: Article) -> Analysis:
    language = Language(code=article.language, confidence=1.0, source="user")
    return build_pipeline(article.language)(Document.from_text(article.text, language=language))


def evaluate_semeval2023(
    data: Path,
    languages: set[str] | None = None,
    split: str = "train",
    analyzer: Analyzer = default_analyzer,
    progress: Callable[[str], None] | None = None,
) -> list[LanguageReport]:
    """Score `analyzer` on every language folder under `data` (or the one folder `data` is)."""
    reports = []
    for folder in language_folders(data):
        articles = [a for a in read_articles(folder, split) if languages is None or a.language in languages]
        if not articles:
            continue
        gold: list[set[str]] = []
        predicted: list[set[str]] = []
        gold_spans, predicted_spans = [], []
        for article in articles:
            analysis = analyzer(article)
            by_paragraph = {p.id: {label.name for label in p.techniques} for p in analysis.paragraphs}
            for paragraph_id, labels in sorted(article.paragraph_labels.items()):
                gold.append(labels)
                predicted.append(by_paragraph.get(paragraph_id, set()))
            # Keying spans by article and technique keeps spans of different articles from ever meeting.
            gold_spans += [(f"{article.id}/{t}", s, e) for t, s, e in article.spans]
            predicted_spans += [(f"{article.id}/{t.technique}", t.start, t.end) for t in analysis.techniques]
            if progress:
                progress(article.id)
        frequent = tuple(t for t, _ in Counter(t for labels in gold for t in labels).most_common(2))
        precision, recall, f1 = span_scores(gold_spans, predicted_spans)
        reports.append(
            LanguageReport(
                language=articles[0].language,
                articles=len(articles),
                paragraphs=len(gold),
                scores=multilabel_scores(gold, predicted, TECHNIQUES),
                baseline=multilabel_scores(gold, [set(frequent)] * len(gold), TECHNIQUES),
                baseline_labels=frequent,
                span_precision=precision,
                span_recall=recall,
                span_f1=f1,
            )
        )
    return reports
