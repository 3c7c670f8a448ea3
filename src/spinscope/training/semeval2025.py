"""SemEval-2025 Task 10, subtask 2 (narrative classification): documents, gold labels, predictions, metrics.

A language folder holds `raw-documents/<DOC>.txt` and `subtask-2-annotations.txt`, one line per document:
`<DOC>\\t<narratives, ;-separated>\\t<subnarratives, ;-separated>`. Subnarratives are written in full
("URW: Praise of Russia: Praise of Russian military might"); a narrative with no specific subnarrative has
"<narrative>: Other", and a document with no narrative has "Other" in both columns. Predictions use the same
three columns. The official measure is the F1 of each document's label set, averaged over documents
("samples" F1), at the coarse (narratives) and fine (subnarratives) level; its standard deviation over
documents is reported beside it.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from spinscope.analysis import Narrative
from spinscope.errors import InputError
from spinscope.narratives.catalogue import SHIPPED, Catalogue
from spinscope.taxonomy import NARRATIVES, SUBNARRATIVES
from spinscope.training.official_text import read_official_text

OTHER = "Other"
ANNOTATIONS = "subtask-2-annotations.txt"
DOCUMENTS = "raw-documents"


@dataclass(frozen=True)
class Labels:
    narratives: tuple[str, ...]
    subnarratives: tuple[str, ...]


@dataclass(frozen=True)
class Scores:
    documents: int
    coarse_f1: float
    coarse_std: float
    fine_f1: float
    fine_std: float


def read_documents(folder: Path) -> Iterator[tuple[str, str]]:
    """(document id, text) of every document of a language folder (or of a folder of .txt files), by id."""
    documents = folder / DOCUMENTS if (folder / DOCUMENTS).is_dir() else folder
    paths = sorted(documents.glob("*.txt"))
    if not paths:
        raise InputError(f"{folder}: no documents (expected {DOCUMENTS}/<DOC>.txt or a folder of .txt files)")
    for path in paths:
        try:
            yield path.name, read_official_text(path)
        except InputError as error:
            raise InputError(f"{path}: {error}") from None


def read_annotations(path: Path) -> dict[str, Labels]:
    """Gold (or predicted) labels by document id, from a subtask-2 file."""
    labels = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise InputError(f"cannot read {path}: {error.strerror}") from None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        columns = line.split("\t")
        if len(columns) != 3:
            raise InputError(f"{path}:{number}: expected 3 tab-separated columns, found {len(columns)}")
        document, narratives, subnarratives = columns
        labels[document] = Labels(_split(narratives), _split(subnarratives))
    return labels


def labels_of(narratives: Iterable[Narrative], catalogue: str = SHIPPED) -> Labels:
    """The task's labels for an analysis' narratives: those of the shipped catalogue, "<narrative>: Other"
    for a narrative found without any of its subnarratives, "Other" when there is none."""
    found = [n for n in narratives if n.catalogue == catalogue]
    coarse = sorted({n.id for n in found if n.parent is None and n.id in NARRATIVES})
    fine = {n.id for n in found if n.parent is not None and n.id in SUBNARRATIVES}
    for narrative in coarse:
        without_subnarrative = not any(sub.startswith(narrative + ": ") for sub in fine)
        if without_subnarrative and f"{narrative}: Other" in SUBNARRATIVES:
            fine.add(f"{narrative}: Other")
    if not coarse:
        return Labels((OTHER,), (OTHER,))
    return Labels(tuple(coarse), tuple(sorted(fine)))


def prediction_line(document: str, labels: Labels) -> str:
    return f"{document}\t{';'.join(labels.narratives)}\t{';'.join(labels.subnarratives)}"


def predict(
    folder: Path, narratives_of: Callable[[str], Sequence[Narrative]], on_document=lambda _: None
) -> list[str]:
    """One official prediction line per document of `folder`."""
    lines = []
    for document, text in read_documents(folder):
        lines.append(prediction_line(document, labels_of(narratives_of(text))))
        on_document(document)
    return lines


def folder_language(folder: Path) -> str | None:
    """The language a task folder is named after (`en/`, `en/raw-documents/`), if it is."""
    name = folder.parent.name if folder.name == DOCUMENTS else folder.name
    return name.lower() if len(name) == 2 and name.isalpha() else None


def narrative_finder(language: str | None, catalogues: Sequence[Catalogue] = ()) -> Callable[[str], list]:
    """text -> narratives, with the narrative layer alone (segmentation, then the detector): the task scores
    nothing else. `language` picks the profiles (None: each text's identified language, when spinscope
    knows it; the detector scores any other language against all profiles)."""
    from spinscope.analysis import Language
    from spinscope.components.narratives import NarrativeFinder
    from spinscope.document import Document
    from spinscope.errors import LanguageError
    from spinscope.language import identify
    from spinscope.narratives import shipped_catalogue

    finder = NarrativeFinder([shipped_catalogue(), *catalogues])

    def narratives_of(text: str) -> list[Narrative]:
        try:
            code = language or identify(text).code
        except LanguageError:
            code = None
        known = Language(code=code, confidence=1.0, source="user") if code else None
        doc = Document.from_text(text, language=known)
        finder(doc)
        return doc.narratives

    return narratives_of


def language_folders(data: Path) -> list[Path]:
    """The folders under `data` (or `data` itself) that hold gold subtask-2 annotations."""
    if (data / ANNOTATIONS).exists():
        return [data]
    folders = sorted(p for p in data.iterdir() if (p / ANNOTATIONS).exists()) if data.is_dir() else []
    if not folders:
        raise InputError(f"{data}: no {ANNOTATIONS} in it or in its language folders")
    return folders


def evaluate_folder(folder: Path, language: str | None = None) -> tuple[Scores, Scores]:
    """The detector's scores on a language folder, and those of always answering "Other" on the same
    documents (the baseline to beat: many documents of the task carry no narrative)."""
    gold = read_annotations(folder / ANNOTATIONS)
    lines = predict(folder, narrative_finder(language or folder_language(folder)))
    predicted = {}
    for line in lines:
        document, narratives, subnarratives = line.split("\t")
        predicted[document] = Labels(_split(narratives), _split(subnarratives))
    other = Labels((OTHER,), (OTHER,))
    return score(gold, predicted), score(gold, dict.fromkeys(gold, other))


def score(gold: dict[str, Labels], predicted: dict[str, Labels]) -> Scores:
    """Samples-averaged F1 over the gold documents; a document with no prediction scores 0."""
    if not gold:
        raise InputError("no gold documents to score")
    missing = Labels((), ())
    coarse = [_f1(g.narratives, predicted.get(d, missing).narratives) for d, g in gold.items()]
    fine = [_f1(g.subnarratives, predicted.get(d, missing).subnarratives) for d, g in gold.items()]
    return Scores(
        documents=len(gold),
        coarse_f1=statistics.fmean(coarse),
        coarse_std=statistics.pstdev(coarse),
        fine_f1=statistics.fmean(fine),
        fine_std=statistics.pstdev(fine),
    )


def _f1(gold: Sequence[str], predicted: Sequence[str]) -> float:
    gold_set, predicted_set = set(gold), set(predicted)
    if not gold_set and not predicted_set:
        return 1.0
    overlap = len(gold_set & predicted_set)
    return 2 * overlap / (len(gold_set) + len(predicted_set))


def _split(column: str) -> tuple[str, ...]:
    return tuple(label.strip() for label in column.split(";") if label.strip())
