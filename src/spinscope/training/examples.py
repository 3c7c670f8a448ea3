"""Training and evaluation examples from every supported data format, in one shape."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from spinscope.segment import paragraph_spans, sentence_spans
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
    # (technique, start, end) in `text`, when the annotator marked the words; empty when unknown.
    spans: tuple[tuple[str, int, int], ...] = field(default=(), compare=False)

    @property
    def spans_complete(self) -> bool:
        """Every technique of the example has a span, so each sentence's own techniques are known."""
        return self.techniques <= {technique for technique, _, _ in self.spans}


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
                spans=tuple((span.technique, span.start, span.end) for span in paragraph.spans),
            )
    elif format == "semeval2023":
        for folder in language_folders(path):
            for article in read_articles(folder):
                yield from article_examples(article)
    else:
        raise ValueError(f"unknown data format {format!r} (spinscope, semeval2023)")


def article_examples(article: Article) -> list[Example]:
    """The labelled paragraphs of one SemEval article (line n is paragraph n), each carrying the article's
    genre and frames, and the gold spans that start in it, moved to the paragraph's own offsets."""
    bounds = {paragraph_id: (start, end) for paragraph_id, start, end in paragraph_spans(article.text)}
    examples = []
    for paragraph_id, labels in sorted(article.paragraph_labels.items()):
        if paragraph_id not in bounds:  # past the end, or a blank line
            continue
        start, end = bounds[paragraph_id]
        examples.append(
            Example(
                text=article.text[start:end],
                language=article.language,
                techniques=frozenset(labels),
                genre=article.genre,
                frames=tuple(article.frames),
                group=f"{article.language}/{article.id}",
                spans=_spans_within(article.spans, start, end),
            )
        )
    return examples


def _spans_within(
    spans: Sequence[tuple[str, int, int]], start: int, end: int
) -> tuple[tuple[str, int, int], ...]:
    """The spans that start in [start, end), in that unit's own offsets and cut at its end."""
    return tuple((technique, s - start, min(e, end) - start) for technique, s, e in spans if start <= s < end)


def sentence_examples(examples: Sequence[Example]) -> list[Example]:
    """Each sentence of every multi-sentence example whose spans are complete, labelled with the techniques of
    the spans that start in it.

    Real news has many one-sentence paragraphs, and the model labels sentences too: training on sentences
    as well as paragraphs shows it short units, and many more of them, from the same annotations. A
    sentence stays in its paragraph's group, so cross-validation never splits them.
    """
    sentences = []
    for example in examples:
        if not example.spans_complete:
            continue
        bounds = sentence_spans(example.text, 0, len(example.text))
        if len(bounds) < 2:
            continue
        for start, end in bounds:
            inside = _spans_within(example.spans, start, end)
            sentences.append(
                Example(
                    text=example.text[start:end],
                    language=example.language,
                    techniques=frozenset(technique for technique, _, _ in inside),
                    genre=example.genre,
                    frames=example.frames,
                    group=example.group,
                    spans=inside,
                )
            )
    return sentences
