"""Run the analysis over a folder of SemEval-2023 Task 3 articles and write the official prediction files.

The formats, as the official scorers read them (SemEval-2023 Task 3 bundle, `scorers/scorer-subtask-1.py` and
`scorer-subtask-3.py`, and the README of the data; the span file follows the column layout of the Propaganda
Techniques Corpus scorer that the task reuses: article id, technique, start, end):

- subtask 1: `article_id<TAB>genre`, genre one of reporting, opinion, satire. The scorer turns every line
  into a dict entry with `dict(line.rstrip().split("\\t"))`: exactly two columns, and no blank line.
- subtask 2: `article_id<TAB>frame_1,frame_2,...`, frames spelled as in `frames_subtask2.txt`.
- subtask 3: `article_id<TAB>paragraph_id<TAB>technique_1,...`, one line per paragraph of the official
  template (paragraph ids are 1-based line numbers; empty lines have none). A paragraph without techniques
  keeps its trailing tab: the scorer strips it (`rstrip()`) and reads the two remaining columns as an empty
  list. The scorer refuses a file whose (article, paragraph) keys differ from the gold file's (hence the
  template).
- subtask 3 spans: `article_id<TAB>technique<TAB>start<TAB>end`, character offsets into the article as read
  with newline='' (carriage returns count), end exclusive: text[start:end] is the span.
Every file ends with a newline; lines are `\\n`-terminated whatever the platform.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from spinscope.errors import InputError, LanguageError
from spinscope.training.semeval2023 import LANGUAGE_FOLDERS, read_article

# The result model and the language identifier load in a third of a second; `spinscope --help` imports this
# module (for PredictionFormat), so they are imported where they are used.
if TYPE_CHECKING:
    from spinscope.analysis import Analysis, Language

# The genre written when the analysis gives none: the neutral claim that the article reports news.
FALLBACK_GENRE = "reporting"


class PredictionFormat(StrEnum):
    st1 = "semeval2023-st1"
    st2 = "semeval2023-st2"
    st3 = "semeval2023-st3"
    st3_spans = "semeval2023-st3-spans"
    semeval2025_st1 = "semeval2025-st1"
    semeval2025_st2 = "semeval2025-st2"


Analyzer = Callable[[str, "Language"], "Analysis"]


@dataclass
class Prediction:
    """The lines of the prediction file and what happened on the way."""

    lines: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)  # ids of the articles whose predictions are in `lines`
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (article id, why)
    without_genre: int = 0  # subtask 1: articles given FALLBACK_GENRE because the analysis has no genre
    without_frames: int = 0  # subtask 2: articles written with an empty frame list

    def text(self) -> str:
        return "".join(line + "\n" for line in self.lines)


def pipeline_analyzer(model: str | Path | None = None) -> Analyzer:
    """Analyse text exactly as given (offsets stay those of the file) with the default pipeline.

    Without `model` the pipeline's own default model is used; `model` names another one or a model directory.
    """
    from spinscope.document import Document
    from spinscope.pipeline import build_pipeline

    def analyze(text: str, language: Language) -> Analysis:
        pipeline = build_pipeline(language.code) if model is None else build_pipeline(language.code, model)
        return pipeline(Document.from_text(text, language=language))

    return analyze


def article_files(folder: Path) -> dict[str, Path]:
    """`article<ID>.txt` files by id, numerically ordered when every id is a number."""
    if not folder.is_dir():
        raise InputError(f"{folder}: no such folder")
    files = {path.stem.removeprefix("article"): path for path in folder.glob("article*.txt")}
    numeric = all(article_id.isdigit() for article_id in files)
    return dict(sorted(files.items(), key=lambda item: int(item[0]) if numeric else item[0]))


def folder_language(folder: Path) -> str | None:
    """The language a SemEval folder name gives (`fr`, `ge` → de, `po` → pl), looking at its parent too."""
    from spinscope.language import SUPPORTED_LANGUAGES

    for name in (folder.name, folder.resolve().parent.name):
        if name in LANGUAGE_FOLDERS:
            code = LANGUAGE_FOLDERS[name]
            if code not in SUPPORTED_LANGUAGES:
                raise LanguageError(
                    f"{folder}: the folder name says the articles are in {code!r}, which spinscope does not "
                    f"analyse (supported: {', '.join(SUPPORTED_LANGUAGES)}); give --lang to analyse them"
                )
            return code
    return None


def read_template(path: Path) -> dict[str, list[int]]:
    """Paragraph ids by article id, in the template's order (`article_id<TAB>paragraph_id<TAB>text` lines)."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            text = handle.read()
    except OSError as error:
        raise InputError(f"{path}: cannot read the template: {error.strerror}") from None
    except UnicodeDecodeError:
        raise InputError(f"{path}: the template is not UTF-8 text") from None
    # Only \n ends a template line: a paragraph of a CRLF article may end with a carriage return.
    paragraphs: dict[str, list[int]] = {}
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        columns = line.split("\t")
        if len(columns) < 2 or not columns[0] or not columns[1].isdigit():
            raise InputError(f"{path}:{number}: not a template line (article_id<TAB>paragraph_id<TAB>text)")
        paragraphs.setdefault(columns[0], []).append(int(columns[1]))
    if not paragraphs:
        raise InputError(f"{path}: the template lists no paragraph")
    return paragraphs


def predict_semeval2023(
    folder: Path,
    output_format: PredictionFormat,
    *,
    lang: str | None = None,
    template: Path | None = None,
    analyzer: Analyzer | None = None,
    on_article: Callable[[str], None] | None = None,
    on_skip: Callable[[str, str], None] | None = None,
) -> Prediction:
    """Predict the articles of `folder` in `output_format`.

    The language is `lang`, else the folder's (a SemEval language folder or its parent), else identified per
    article. With a `template`, exactly the template's articles and paragraphs are predicted, in its order.
    An article that cannot be read or analysed is skipped (reported to `on_skip` with the reason); an
    InputError is raised when no article at all could be predicted.
    """
    from spinscope.language import identify

    files = article_files(folder)
    language_code = identify("", override=lang).code if lang is not None else folder_language(folder)
    expected = read_template(template) if template is not None else None
    analyze = analyzer or pipeline_analyzer()
    prediction = Prediction()
    for article_id in expected if expected is not None else files:
        try:
            analysis = _analyse(article_id, files, folder, language_code, analyze)
        except (InputError, LanguageError) as error:
            prediction.skipped.append((article_id, str(error)))
            if on_skip:
                on_skip(article_id, str(error))
        else:
            prediction.without_genre += output_format is PredictionFormat.st1 and analysis.genre is None
            prediction.without_frames += output_format is PredictionFormat.st2 and not analysis.frames
            paragraph_ids = expected[article_id] if expected is not None else None
            prediction.lines += _lines(article_id, analysis, output_format, paragraph_ids)
            prediction.written.append(article_id)
        if on_article:
            on_article(article_id)
    if not prediction.written:
        raise InputError(
            f"{folder}: no article could be predicted"
            + (f" ({len(prediction.skipped)} skipped)" if prediction.skipped else " (no article*.txt files)")
        )
    return prediction


def _analyse(
    article_id: str, files: dict[str, Path], folder: Path, language_code: str | None, analyze: Analyzer
) -> Analysis:
    from spinscope.analysis import Language
    from spinscope.language import identify

    if article_id not in files:
        raise InputError(f"article{article_id}.txt is named in the template but missing from {folder}")
    text = read_article(files[article_id])
    language = (
        Language(code=language_code, confidence=1.0, source="user") if language_code else identify(text)
    )
    return analyze(text, language)


def _lines(
    article_id: str, analysis: Analysis, output_format: PredictionFormat, paragraph_ids: list[int] | None
) -> list[str]:
    """The prediction lines of one article; `paragraph_ids` are the template's, when there is one."""
    if output_format is PredictionFormat.st1:
        return [f"{article_id}\t{analysis.genre.name if analysis.genre else FALLBACK_GENRE}"]
    if output_format is PredictionFormat.st2:
        frames = list(dict.fromkeys(frame.name for frame in analysis.frames))
        return [f"{article_id}\t{','.join(frames)}"]
    if output_format is PredictionFormat.st3:
        techniques = {p.id: sorted({label.name for label in p.techniques}) for p in analysis.paragraphs}
        ids = paragraph_ids if paragraph_ids is not None else [p.id for p in analysis.paragraphs]
        return [f"{article_id}\t{pid}\t{','.join(techniques.get(pid, []))}" for pid in ids]
    spans = sorted({(t.start, t.end, t.technique) for t in analysis.techniques})
    return [f"{article_id}\t{technique}\t{start}\t{end}" for start, end, technique in spans]
