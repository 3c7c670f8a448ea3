"""Readers and writers for the SemEval-2023 Task 3 file formats (articles, subtask 1–3 labels, spans).

A language folder holds `<split>-articles-subtask-<n>/article<ID>.txt` and `<split>-labels-subtask-<n>.txt`.
Articles are read with newline='' because the official span offsets count carriage returns. Paragraph ids are
1-based line numbers, as in the official templates.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spinscope.errors import InputError
from spinscope.training.official_text import read_official_text

# The official folders name some languages differently from ISO 639-1.
LANGUAGE_FOLDERS = {
    "en": "en",
    "fr": "fr",
    "ge": "de",
    "it": "it",
    "po": "pl",
    "ru": "ru",
    "es": "es",
    "gr": "el",
    "ka": "ka",
    "de": "de",
    "pl": "pl",
}


@dataclass
class Article:
    id: str
    language: str
    text: str
    # Paragraph id → gold techniques, for the paragraphs the label file lists.
    paragraph_labels: dict[int, set[str]] = field(default_factory=dict)
    # (technique, start, end) gold spans.
    spans: list[tuple[str, int, int]] = field(default_factory=list)
    genre: str | None = None
    frames: list[str] = field(default_factory=list)


def language_of(folder: Path) -> str:
    """ISO code of a SemEval language folder (`ge` → `de`)."""
    try:
        return LANGUAGE_FOLDERS[folder.name]
    except KeyError:
        raise InputError(
            f"{folder}: not a SemEval-2023 language folder (expected one of en, fr, ge, it, po, ru)"
        ) from None


def language_folders(root: Path) -> list[Path]:
    """The language folders under `root` (the `data` folder, or one language folder itself)."""
    if (root / "train-articles-subtask-3").exists() or any(root.glob("*-articles-subtask-*")):
        return [root]
    folders = sorted(p for p in root.iterdir() if p.is_dir() and p.name in LANGUAGE_FOLDERS)
    if not folders:
        raise InputError(f"{root}: no SemEval-2023 language folders found")
    return folders


def read_articles(folder: Path, split: str = "train") -> Iterator[Article]:
    """Every article of one language folder, with whatever labels the folder has for `split`."""
    language = language_of(folder)
    articles_dir = folder / f"{split}-articles-subtask-3"
    if not articles_dir.is_dir():
        raise InputError(f"{articles_dir}: no such folder")
    labels = _read_paragraph_labels(folder / f"{split}-labels-subtask-3.txt")
    spans = _read_spans(folder / f"{split}-labels-subtask-3-spans.txt")
    genres = dict(_read_columns(folder / f"{split}-labels-subtask-1.txt"))
    frames = dict(_read_columns(folder / f"{split}-labels-subtask-2.txt"))
    for path in sorted(articles_dir.glob("article*.txt"), key=lambda p: p.name):
        article_id = path.stem.removeprefix("article")
        try:
            text = read_article(path)
        except InputError as error:
            raise InputError(f"{path}: {error}") from None
        yield Article(
            id=article_id,
            language=language,
            text=text,
            paragraph_labels=labels.get(article_id, {}),
            spans=spans.get(article_id, []),
            genre=genres.get(article_id),
            frames=[f for f in frames.get(article_id, "").split(",") if f],
        )


def read_article(path: Path) -> str:
    """The article's text exactly as the official offsets count it; an unreadable, undecodable or empty file
    is an InputError."""
    text = read_official_text(path)
    if not text.strip():
        raise InputError("empty")
    return text


def _read_columns(path: Path) -> Iterator[tuple[str, str]]:
    if not path.exists():
        return
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 2:
            yield parts[0], parts[1].strip()


def _read_paragraph_labels(path: Path) -> dict[str, dict[int, set[str]]]:
    labels: dict[str, dict[int, set[str]]] = {}
    if not path.exists():
        return labels
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 2 or not parts[1].strip().isdigit():
            continue
        techniques = {t for t in (parts[2].split(",") if len(parts) > 2 else []) if t.strip()}
        labels.setdefault(parts[0], {})[int(parts[1])] = {t.strip() for t in techniques}
    return labels


def _read_spans(path: Path) -> dict[str, list[tuple[str, int, int]]]:
    spans: dict[str, list[tuple[str, int, int]]] = {}
    if not path.exists():
        return spans
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 4 and parts[2].isdigit() and parts[3].isdigit():
            spans.setdefault(parts[0], []).append((parts[1], int(parts[2]), int(parts[3])))
    return spans


def format_subtask3(predictions: dict[str, dict[int, list[str]]]) -> str:
    """The official subtask-3 file: `article_id<TAB>paragraph_id<TAB>comma-separated techniques`."""
    lines = []
    for article_id in predictions:
        for paragraph_id, techniques in sorted(predictions[article_id].items()):
            lines.append(f"{article_id}\t{paragraph_id}\t{','.join(techniques)}")
    return "\n".join(lines) + ("\n" if lines else "")
