"""The `spinscope` command line. Subcommands are thin: they parse options, call the library and print."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from spinscope import __version__
from spinscope.errors import SpinscopeError

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
        analysis = run_analysis(source, lang=lang, allow_private=allow_private, timeout=timeout)
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
) -> None:
    """Score the analysis on annotated data: paragraph micro/macro F1 per language and span F1.

    Prints, for each language, the two-most-frequent-techniques baseline measured on the same paragraphs.
    """
    from rich.console import Console
    from rich.progress import Progress
    from rich.table import Table

    from spinscope.training.evaluate import evaluate_semeval2023

    if not data.exists():
        raise _fail(f"{data}: no such folder", 2)
    with Progress(transient=True, console=Console(stderr=True)) as progress:
        task = progress.add_task("Evaluating", total=None)
        try:
            reports = evaluate_semeval2023(
                data, set(lang) if lang else None, split, progress=lambda _: progress.advance(task)
            )
        except SpinscopeError as error:
            raise _fail(str(error), error.exit_code) from None
    table = Table(title=f"Persuasion techniques, paragraph level ({split} split of {data})")
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
    # A pipe gets the whole table rather than Rich's 80 columns: these figures get pasted into documents.
    Console(width=None if sys.stdout.isatty() else 140).print(table)
