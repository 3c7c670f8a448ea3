"""The research recipe: train on SemEval-2023 data and score by k-fold cross-validation over articles.

Each fold's model is trained on the other folds' articles only (its thresholds chosen inside them), written to
a temporary folder and thrown away: models trained on research-only data are never kept or shipped.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from spinscope.models.card import DataSource
from spinscope.training.evaluate import LanguageReport, make_analyzer, score_articles
from spinscope.training.examples import article_examples
from spinscope.training.semeval2023 import Article, language_folders, read_articles
from spinscope.training.train import TrainSettings, train


def cross_validate_semeval2023(
    data: Path,
    languages: set[str] | None,
    folds: int = 5,
    settings: TrainSettings | None = None,
    progress: Callable[[str], None] | None = None,
) -> list[LanguageReport]:
    """k-fold cross-validation by article, per language folder, with the embedded backend."""
    settings = settings or TrainSettings()
    reports = []
    for folder in language_folders(data):
        articles = [a for a in read_articles(folder) if languages is None or a.language in languages]
        if len(articles) < folds:
            continue
        ordered = sorted(articles, key=lambda a: a.id)
        fold_of = {article.id: index % folds for index, article in enumerate(ordered)}
        with tempfile.TemporaryDirectory(prefix="spinscope-cv-") as scratch:
            analyzers = []
            for fold in range(folds):
                examples = [e for a in ordered if fold_of[a.id] != fold for e in article_examples(a)]
                out = Path(scratch) / f"fold-{fold}"
                train(
                    examples,
                    out,
                    name=f"cv-fold-{fold}",
                    description="Cross-validation fold; research-only data, never shipped.",
                    training_data=[
                        DataSource(
                            name="SemEval-2023 Task 3 train",
                            source=str(folder),
                            licence="research only",
                            size=f"{len(examples)} paragraphs",
                        )
                    ],
                    settings=settings,
                )
                analyzers.append(make_analyzer(out))
                if progress:
                    progress(f"{folder.name} fold {fold + 1}/{folds} trained")

            def held_out(article: Article, analyzers=analyzers, fold_of=fold_of):
                return analyzers[fold_of[article.id]](article)

            reports.append(score_articles(ordered, held_out, progress))
    return reports
