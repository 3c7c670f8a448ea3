"""The `spinscope` command line. Subcommands are thin: they parse options, call the library and print."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from spinscope import __version__
from spinscope.cli_batch import batch, export
from spinscope.cli_common import MODEL_HELP, fail, model_option
from spinscope.cli_models import models_app
from spinscope.cli_narratives import narratives_app
from spinscope.cli_predict import predict
from spinscope.cli_serve import keys_app, serve
from spinscope.cli_stats import stats
from spinscope.cli_synth import synth
from spinscope.cli_training import evaluate, train
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
        typer.Option("--model", "-m", help=MODEL_HELP),
    ] = DEFAULT_MODEL,
    catalogue: Annotated[
        list[Path] | None,
        typer.Option(
            "--catalogue",
            "-c",
            help="A narrative catalogue (YAML: id, name, description, examples) to search besides the "
            "shipped one. Repeatable.",
        ),
    ] = None,
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
            source,
            lang=lang,
            allow_private=allow_private,
            timeout=timeout,
            model=model_option(model),
            catalogues=tuple(catalogue or ()),
        )
    except SpinscopeError as error:
        raise fail(str(error), error.exit_code) from None
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
        raise fail(f"cannot write {output}: {error.strerror}", 1) from None
    typer.echo(f"Report written to {output}", err=True)


# Optional dependencies and the extra that installs each, for a one-line hint instead of an ImportError.
EXTRAS = {
    "duckdb": "batch",
    "pyarrow": "batch",
    "feedparser": "batch",
    "dask": "dask",
    "distributed": "dask",
    "matplotlib": "stats",
    "fastapi": "web",
    "uvicorn": "web",
    "multipart": "web",
    "torch": "transformers",
    "transformers": "transformers",
    "tokenizers": "transformers",
    "scipy": "train",
    "sklearn": "train",
}


def run() -> None:
    """Entry point: turns any unexpected exception into one line, not a traceback."""
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("spinscope: interrupted", err=True)
        sys.exit(130)
    except ModuleNotFoundError as error:
        package = (error.name or "").partition(".")[0]
        if package not in EXTRAS:
            typer.echo(f"spinscope: internal error: ModuleNotFoundError: {error}", err=True)
            sys.exit(70)
        extra = EXTRAS[package]
        typer.echo(
            f"spinscope: error: this command needs {package}: pip install 'spinscope[{extra}]'", err=True
        )
        sys.exit(1)
    except Exception as error:  # noqa: BLE001 - the last line of defence for users
        typer.echo(f"spinscope: internal error: {type(error).__name__}: {error}", err=True)
        sys.exit(70)


app.command()(evaluate)
app.command()(train)
app.command()(predict)
app.add_typer(models_app, name="models")
app.add_typer(narratives_app, name="narratives")
app.command()(batch)
app.command()(export)
app.command()(serve)
app.add_typer(keys_app, name="keys")
app.command()(stats)
app.command()(synth)
