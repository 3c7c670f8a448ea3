"""The `spinscope` command line. Subcommands are thin: they parse options, call the library and print."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from spinscope import __version__
from spinscope.errors import SpinscopeError
from spinscope.models import DEFAULT_MODEL

app = typer.Typer(
    name="spinscope",
    help="Show how a news article tries to persuade: techniques, actors and quotes, with spans you can cite.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class ReportFormat(StrEnum):
    text = "text"
    json = "json"
    md = "md"
    html = "html"


def _fail(message: str, code: int) -> typer.Exit:
    """Print one line on stderr and return the Exit to raise: users never see a traceback."""
    typer.echo(f"spinscope: error: {message}", err=True)
    return typer.Exit(code)


def _model_option(value: str) -> str | None:
    return None if value.lower() == "none" else value


def _version(value: bool) -> None:
    if value:
        typer.echo(f"spinscope {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """spinscope analyses news articles for persuasion techniques, actors and quotes."""


@app.command()
def analyze(
    source: Annotated[
        str, typer.Argument(help="A text or HTML file, an http(s) URL, or - for standard input.")
    ],
    format: Annotated[
        ReportFormat, typer.Option("--format", "-f", help="Report format.")
    ] = ReportFormat.text,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report to this file instead of stdout.")
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option("--lang", "-l", help="Language code (fr, en, de, it, pl, ru, uk, es); skips detection."),
    ] = None,
    allow_private: Annotated[
        bool,
        typer.Option("--allow-private", help="Let a URL point at loopback or private network addresses."),
    ] = False,
    timeout: Annotated[
        float, typer.Option("--timeout", min=0.1, help="Seconds to wait for a URL before giving up.")
    ] = 15.0,
    model: Annotated[
        str,
        typer.Option(
            "--model", "-m", help="A shipped model's name or a model directory; 'none' for lexicons only."
        ),
    ] = DEFAULT_MODEL,
) -> None:
    """Analyse one article and print or write a report.

    Examples:

      spinscope analyze article.txt

      spinscope analyze https://example.org/news/123 --format html -o report.html

      cat article.txt | spinscope analyze - --format json
    """
    from spinscope.pipeline import analyze as run_analysis
    from spinscope.report import print_terminal, render

    try:
        analysis = run_analysis(
            source, lang=lang, allow_private=allow_private, timeout=timeout, model=_model_option(model)
        )
    except SpinscopeError as error:
        raise _fail(str(error), error.exit_code) from None
    for warning in analysis.metadata.warnings:
        typer.echo(f"spinscope: warning: {warning}", err=True)
    if format is ReportFormat.text and output is None and sys.stdout.isatty():
        from rich.console import Console

        print_terminal(analysis, Console())
        return
    report = render(analysis, format.value)
    if output is None:
        sys.stdout.write(report if report.endswith("\n") else report + "\n")
        return
    try:
        output.write_text(report, encoding="utf-8")
    except OSError as error:
        raise _fail(f"cannot write {output}: {error.strerror}", 1) from None
    typer.echo(f"Report written to {output}", err=True)


def run() -> None:
    """Entry point: turns any unexpected exception into one line, not a traceback."""
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("spinscope: interrupted", err=True)
        sys.exit(130)
    except Exception as error:  # noqa: BLE001 - the last line of defence for users
        typer.echo(f"spinscope: internal error: {type(error).__name__}: {error}", err=True)
        sys.exit(70)


class DataFormat(StrEnum):
    semeval2023 = "semeval2023"


@app.command()
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
        typer.Option(
            "--model", "-m", help="A shipped model's name or a model directory; 'none' for lexicons."
        ),
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
        raise _fail(f"{data}: no such folder", 2)
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
                    data, languages, split, analyzer=make_analyzer(_model_option(model)), progress=advance
                )
        except SpinscopeError as error:
            raise _fail(str(error), error.exit_code) from None
    if cross_validate and record:
        raise _fail("--record writes a shipped model's figures; cross-validation models are not kept", 2)
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

        if _model_option(model) is None:
            raise _fail("--record needs a model", 2)
        command = "spinscope " + " ".join(sys.argv[1:]).replace(" --record", "")
        try:
            record_metrics(
                resolve(model), reports, data_name=f"SemEval-2023 Task 3 {split} split", command=command
            )
        except SpinscopeError as error:
            raise _fail(str(error), error.exit_code) from None
        typer.echo(f"Figures recorded in {resolve(model)}/model.json", err=True)


class Backend(StrEnum):
    embedded = "embedded"
    transformers = "transformers"


class TrainFormat(StrEnum):
    spinscope = "spinscope"
    semeval2023 = "semeval2023"


@app.command()
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
    epochs: Annotated[int, typer.Option("--epochs", min=1, help="transformers: passes over the data.")] = 3,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="transformers: batch size.")] = 16,
    learning_rate: Annotated[
        float, typer.Option("--learning-rate", help="transformers: learning rate.")
    ] = 3e-5,
    max_length: Annotated[
        int, typer.Option("--max-length", min=16, help="transformers: tokens per window.")
    ] = 256,
) -> None:
    """Train a model package on annotated paragraphs: the embedded backend on a CPU in minutes, or fine-tune
    a local transformers checkpoint (a GPU helps; see docs/transformers.md).

    Models trained on research-only data (SemEval) are for research use only: the card records the data.
    """
    from rich.console import Console
    from rich.progress import Progress

    from spinscope.models.card import DataSource
    from spinscope.training.examples import read_examples
    from spinscope.training.train import TrainSettings
    from spinscope.training.train import train as train_model

    if not data.exists():
        raise _fail(f"{data}: no such file or folder", 2)
    try:
        examples = list(read_examples(data, format.value))
    except (SpinscopeError, ValueError) as error:
        raise _fail(str(error), 2) from None
    if not examples:
        raise _fail(f"{data}: no annotated paragraphs found", 2)
    source = DataSource(name=data.name, source=str(data), licence=licence, size=f"{len(examples)} paragraphs")
    if backend is Backend.transformers and base is None:
        raise _fail("--backend transformers needs --base PATH, a local checkpoint to fine-tune", 2)
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
                    examples, out, settings=TrainSettings(buckets=buckets, iterations=iterations), **common
                )
            else:
                from spinscope.training.finetune import FinetuneSettings, finetune

                settings = FinetuneSettings(
                    epochs=epochs, batch_size=batch_size, learning_rate=learning_rate, max_length=max_length
                )
                finetune(examples, out, base=base, settings=settings, **common)
        except SpinscopeError as error:
            raise _fail(str(error), error.exit_code) from None
        except ValueError as error:
            raise _fail(str(error), 2) from None
    typer.echo(f"Model written to {out}", err=True)


models_app = typer.Typer(help="List and describe model packages.", no_args_is_help=True)
app.add_typer(models_app, name="models")


@models_app.command("list")
def models_list() -> None:
    """The models shipped with spinscope."""
    from spinscope.models import available_models
    from spinscope.models.card import ModelCard

    for model_name, directory in available_models():
        card = ModelCard.load(directory)
        default = " (default)" if model_name == DEFAULT_MODEL else ""
        typer.echo(f"{model_name}{default}\t{card.backend}\t{','.join(card.languages)}\t{card.description}")


@models_app.command("info")
def models_info(
    model: Annotated[
        str, typer.Argument(help="A shipped model's name or a model directory.")
    ] = DEFAULT_MODEL,
) -> None:
    """A model's card: labels, languages, measured quality with its commands, training data and licences."""
    from rich.console import Console
    from rich.table import Table

    from spinscope.models import resolve
    from spinscope.models.card import ModelCard

    try:
        card = ModelCard.load(resolve(model))
    except SpinscopeError as error:
        raise _fail(str(error), error.exit_code) from None
    console = Console()
    console.print(f"[bold]{card.name}[/] {card.version} ({card.backend} backend, created {card.created})")
    console.print(card.description, markup=False)
    console.print(f"languages: {', '.join(card.languages)}", markup=False)
    console.print(
        f"labels: {len(card.techniques)} techniques, {len(card.genres)} genres, {len(card.frames)} frames",
        markup=False,
    )
    data = Table(title="Training data")
    for column in ("name", "source", "licence", "size"):
        data.add_column(column)
    for source in card.training_data:
        data.add_row(source.name, source.source, source.licence, source.size)
    console.print(data)
    metrics = Table(title="Measured quality (held-out data)")
    for column in ("task", "lang", "metric", "value", "baseline", "data", "command"):
        metrics.add_column(column)
    for metric in card.metrics:
        baseline = "" if metric.baseline is None else f"{metric.baseline:.3f}"
        metrics.add_row(
            metric.task,
            metric.language,
            metric.metric,
            f"{metric.value:.3f}",
            baseline,
            metric.data,
            metric.command,
        )
    console.print(metrics)


from spinscope.cli_predict import predict  # noqa: E402 - registered after the shared helpers it uses

app.command()(predict)
