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
from spinscope.models import DEFAULT_MODEL
from spinscope.models.card import Metric, ModelCard
from spinscope.pipeline import build_pipeline
from spinscope.taxonomy import FRAMES, GENRES, TECHNIQUES
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
    # Article level, on the articles that have subtask-1 (genre) and subtask-2 (frames) labels.
    genre: Scores | None = None
    genre_baseline: Scores | None = None  # the most frequent gold genre for every article
    frames: Scores | None = None
    frames_baseline: Scores | None = None  # the k most frequent gold frames, k the median number per article


Analyzer = Callable[[Article], Analysis]


def make_analyzer(model: str | Path | None = DEFAULT_MODEL) -> Analyzer:
    """Analyse an article as `spinscope analyze --lang <its language> --model <model>` would."""

    def analyzer(article: Article) -> Analysis:
        language = Language(code=article.language, confidence=1.0, source="user")
        return build_pipeline(article.language, model)(Document.from_text(article.text, language=language))

    return analyzer


default_analyzer = make_analyzer()


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
        if articles:
            reports.append(score_articles(articles, analyzer, progress))
    return reports


def score_articles(
    articles: list[Article], analyzer: Analyzer, progress: Callable[[str], None] | None = None
) -> LanguageReport:
    """Paragraph, span and article-level scores of `analyzer` on articles of one language."""
    gold: list[set[str]] = []
    predicted: list[set[str]] = []
    gold_spans, predicted_spans = [], []
    genres: list[tuple[str, str | None]] = []
    frames: list[tuple[set[str], set[str]]] = []
    for article in articles:
        analysis = analyzer(article)
        if article.genre:
            genres.append((article.genre, analysis.genre.name if analysis.genre else None))
        if article.frames:
            frames.append((set(article.frames), {f.name for f in analysis.frames}))
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
    return LanguageReport(
        language=articles[0].language,
        articles=len(articles),
        paragraphs=len(gold),
        scores=multilabel_scores(gold, predicted, TECHNIQUES),
        baseline=multilabel_scores(gold, [set(frequent)] * len(gold), TECHNIQUES),
        baseline_labels=frequent,
        span_precision=precision,
        span_recall=recall,
        span_f1=f1,
        **_article_scores(genres, frames),
    )


def _article_scores(genres: list[tuple[str, str | None]], frames: list[tuple[set[str], set[str]]]) -> dict:
    """Genre and frame scores, each beside its majority baseline."""
    scores: dict = {}
    if genres:
        gold = [{g} for g, _ in genres]
        majority = Counter(g for g, _ in genres).most_common(1)[0][0]
        scores["genre"] = multilabel_scores(gold, [{p} if p else set() for _, p in genres], GENRES)
        scores["genre_baseline"] = multilabel_scores(gold, [{majority}] * len(gold), GENRES)
    if frames:
        gold_frames = [g for g, _ in frames]
        k = sorted(len(g) for g in gold_frames)[len(gold_frames) // 2]
        common = {f for f, _ in Counter(f for g in gold_frames for f in g).most_common(k)}
        scores["frames"] = multilabel_scores(gold_frames, [p for _, p in frames], FRAMES)
        scores["frames_baseline"] = multilabel_scores(gold_frames, [common] * len(gold_frames), FRAMES)
    return scores


def record_metrics(model_dir: Path, reports: list[LanguageReport], *, data_name: str, command: str) -> None:
    """Write the figures of `reports` into the model card, replacing earlier figures on the same data."""
    card = ModelCard.load(model_dir)
    kept = [m for m in card.metrics if m.data != data_name]
    for r in reports:
        figures = [
            ("techniques", "micro-F1", r.scores.micro_f1, r.baseline.micro_f1),
            ("techniques", "macro-F1", r.scores.macro_f1, r.baseline.macro_f1),
            ("techniques-spans", "span-F1", r.span_f1, None),
        ]
        if r.genre and r.genre_baseline:
            figures.append(("genre", "macro-F1", r.genre.macro_f1, r.genre_baseline.macro_f1))
        if r.frames and r.frames_baseline:
            figures.append(("frames", "micro-F1", r.frames.micro_f1, r.frames_baseline.micro_f1))
        for task, metric, value, baseline in figures:
            kept.append(
                Metric(
                    task=task,
                    language=r.language,
                    metric=metric,
                    value=round(value, 4),
                    baseline=None if baseline is None else round(baseline, 4),
                    data=data_name,
                    command=command,
                )
            )
    card.model_copy(update={"metrics": kept}).save(model_dir)
