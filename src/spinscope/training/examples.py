"""Training and evaluation examples from every supported data format, in one shape."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spinscope.training.corpus import read_corpus
from spinscope.training.semeval2023 import Article, language_folders, read_articles


@dataclass(frozen=True)
class Example:
    """A unit of text with the labels an annotator gave it."""

    text: str
    language: str
    techniques: frozenset[str] = frozenset()
    genre: str | None = None
    frames: tuple[str, ...] = ()
    group: str = field(default="", compare=False)  # examples of one group (an article) stay in one fold


def read_examples(path: Path, format: str) -> Iterator[Example]:
    """Paragraphs of a spinscope corpus (`spinscope`) or of SemEval-2023 Task 3 folders (`semeval2023`).

    SemEval paragraphs carry their article's genre and frames, as corpus paragraphs carry their own.
    """
    if format == "spinscope":
        for paragraph in read_corpus(path):
            yield Example(
                text=paragraph.text,
                language=paragraph.language,
                techniques=frozenset(paragraph.techniques),
                genre=paragraph.genre,
                frames=tuple(paragraph.frames),
                group=paragraph.id,
            )
    elif format == "semeval2023":
        for folder in language_folders(path):
            for article in read_articles(folder):
                yield from article_examples(article)
    else:
        raise ValueError(f"unknown data format {format!r} (spinscope, semeval2023)")


def article_examples(article: Article) -> list[Example]:
    """The labelled paragraphs of one SemEval article, each carrying the article's genre and frames."""
    lines = article.text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return [
        Example(
            text=lines[paragraph_id - 1].strip(),
            language=article.language,
            techniques=frozenset(labels),
            genre=article.genre,
            frames=tuple(article.frames),
            group=f"{article.language}/{article.id}",
        )
        for paragraph_id, labels in sorted(article.paragraph_labels.items())
        if 0 < paragraph_id <= len(lines) and lines[paragraph_id - 1].strip()
    ]
