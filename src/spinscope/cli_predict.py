"""`spinscope predict`: a folder of SemEval-2023 Task 3 articles → one official prediction file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from spinscope.cli_common import fail
from spinscope.training.predict import PredictionFormat


def predict(
    articles: Annotated[
        Path, typer.Argument(help="A folder of article<ID>.txt files (e.g. data/fr/dev-articles-subtask-3).")
    ],
    format: Annotated[PredictionFormat, typer.Option("--format", "-f", help="Which official file to write.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="The prediction file to write.")],
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            "-l",
            metavar="CODE",
            help="Language of every article; else the folder's name (fr, ge, po…) or detection.",
        ),
    ] = None,
    model: Annotated[
        str | None,
        typer.Option(
            "--model", metavar="PATH", help="A model directory or shipped model name for the pipeline."
        ),
    ] = None,
    template: Annotated[
        Path | None,
        typer.Option(
            "--template", help="The official .template file: predict exactly its articles and paragraphs."
        ),
    ] = None,
    mentions: Annotated[
        Path | None,
        typer.Option("--mentions", help="semeval2025-st1: the mentions to cast (doc, entity, start, end)."),
    ] = None,
) -> None:
    """Write SemEval-2023 Task 3 predictions (genre, frames, paragraph techniques or spans) for a folder.

    Examples:

      spinscope predict -f semeval2023-st3 fr/dev-articles-subtask-3 -o fr.txt --template fr/dev.template

      spinscope predict -f semeval2023-st3-spans en/dev-articles-subtask-3 -o en-spans.txt
    """
    from rich.console import Console
    from rich.progress import Progress

    from spinscope.errors import SpinscopeError
    from spinscope.training.predict import FALLBACK_GENRE, pipeline_analyzer, predict_semeval2023

    def warn(message: str) -> None:
        typer.echo(f"spinscope: warning: {message}", err=True)

    if not output.parent.is_dir():
        raise fail(f"cannot write {output}: no folder {output.parent}", 2)
    if format == "semeval2025-st1":
        _predict_roles(articles, mentions, output, model)
        return
    if format == "semeval2025-st2":
        _predict_narratives(articles, output, lang)
        return
    stderr = Console(stderr=True)
    try:
        with Progress(console=stderr, transient=True, disable=not stderr.is_terminal) as progress:
            task = progress.add_task("Predicting", total=None)
            prediction = predict_semeval2023(
                articles,
                format,
                lang=lang,
                template=template,
                analyzer=pipeline_analyzer(model),
                on_article=lambda _: progress.advance(task),
                on_skip=lambda article_id, why: progress.console.print(
                    f"spinscope: warning: skipped article{article_id}.txt: {why}",
                    markup=False,
                    highlight=False,
                    soft_wrap=True,
                ),
            )
    except SpinscopeError as error:
        raise fail(str(error), error.exit_code) from None
    if prediction.without_genre:
        warn(
            f"no genre model gave a genre for {prediction.without_genre} of {len(prediction.written)} "
            f"articles; they are written as {FALLBACK_GENRE!r}"
        )
    if prediction.without_frames:
        warn(
            f"the analysis gave no frames for {prediction.without_frames} of {len(prediction.written)} "
            "articles; their frame lists are empty"
        )
    try:
        with output.open("w", encoding="utf-8", newline="\n") as handle:
            handle.write(prediction.text())
    except OSError as error:
        raise fail(f"cannot write {output}: {error.strerror}", 1) from None
    count = len(prediction.written)
    skipped = f", {len(prediction.skipped)} skipped" if prediction.skipped else ""
    typer.echo(f"{count} article{'s' * (count != 1)} predicted{skipped}; written to {output}", err=True)


def _predict_roles(documents: Path, mentions: Path | None, output: Path, model: str | None) -> None:
    """SemEval-2025 subtask 1: main and fine roles for the given mentions, in the official format."""
    from spinscope.errors import SpinscopeError
    from spinscope.models import DEFAULT_MODEL
    from spinscope.training.semeval2025_roles import predict_folder, read_mentions, write_predictions

    if mentions is None:
        raise fail("semeval2025-st1 needs --mentions FILE (the entity mentions to cast)", 2)
    try:
        to_cast = read_mentions(mentions, with_roles=False)
        predicted = predict_folder(documents, to_cast, DEFAULT_MODEL if model is None else model)
        output.write_text(write_predictions(predicted), encoding="utf-8", newline="\n")
    except SpinscopeError as error:
        raise fail(str(error), error.exit_code) from None
    except OSError as error:
        raise fail(f"cannot write {output}: {error.strerror}", 1) from None
    typer.echo(f"{len(predicted)} mentions cast; written to {output}", err=True)


def _predict_narratives(documents: Path, output: Path, lang: str | None) -> None:
    """SemEval-2025 subtask 2: narratives and subnarratives per document, in the official format."""
    from spinscope.errors import SpinscopeError
    from spinscope.training import semeval2025 as st2

    try:
        finder = st2.narrative_finder(lang or st2.folder_language(documents))
        lines = st2.predict(documents, finder)
        output.write_text("".join(line + "\n" for line in lines), encoding="utf-8", newline="\n")
    except SpinscopeError as error:
        raise fail(str(error), error.exit_code) from None
    except OSError as error:
        raise fail(f"cannot write {output}: {error.strerror}", 1) from None
    typer.echo(f"{len(lines)} documents predicted; written to {output}", err=True)
