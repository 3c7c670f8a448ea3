"""`spinscope models`: list the shipped models and read a model's card."""

from __future__ import annotations

from typing import Annotated

import typer

from spinscope.cli_common import fail
from spinscope.errors import SpinscopeError
from spinscope.models import DEFAULT_MODEL

models_app = typer.Typer(help="List and describe model packages.", no_args_is_help=True)


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
        raise fail(str(error), error.exit_code) from None
    console = Console()
    console.print(f"[bold]{card.name}[/] {card.version} ({card.backend} backend, created {card.created})")
    console.print(card.description, markup=False)
    console.print(f"languages: {', '.join(card.languages)}", markup=False)
    console.print(
        f"labels: {len(card.techniques)} techniques, {len(card.genres)} genres, {len(card.frames)} frames",
        markup=False,
    )
    if "char_ngrams" in card.settings:
        ngrams = card.settings["char_ngrams"]
        reads = [
            f"character {ngrams['n_min']}-{ngrams['n_max']}-grams ({ngrams['buckets']} buckets)",
            "lexicon cues",
        ]
        if "encoder" in card.settings:
            reads.append(f"sentence encoder {card.settings['encoder']['name']}")
        console.print(f"reads: {', '.join(reads)}", markup=False)
    training = card.settings.get("training", {})
    if training.get("sentence_examples"):
        console.print(
            f"technique head trained on {training['examples']} paragraphs and "
            f"{training['sentence_examples']} of their sentences",
            markup=False,
        )
    data = Table(title="Training data")
    for column in ("name", "source", "licence", "size"):
        data.add_column(column)
    for source in card.training_data:
        data.add_row(source.name, source.source, source.licence, source.size)
    console.print(data)
    metrics = Table(title="Measured quality (held-out data)")
    for column in ("task", "lang", "metric", "value", "baseline"):
        metrics.add_column(column, justify="right" if column in ("value", "baseline") else "left")
    for metric in card.metrics:
        baseline = "" if metric.baseline is None else f"{metric.baseline:.3f}"
        metrics.add_row(metric.task, metric.language, metric.metric, f"{metric.value:.3f}", baseline)
    console.print(metrics)
    for data, command in dict.fromkeys((m.data, m.command) for m in card.metrics):
        console.print(f"measured on {data} with: {command}", markup=False, soft_wrap=True)
