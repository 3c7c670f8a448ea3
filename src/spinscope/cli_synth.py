"""`spinscope synth`: write a synthetic multilingual news corpus for tests and benchmarks."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from spinscope.cli_common import fail
from spinscope.synth.writers import CorpusFormat


def synth(
    out: Annotated[
        Path, typer.Option("--out", "-o", help="The JSONL or Parquet file, or the folder, to write.")
    ],
    articles: Annotated[int, typer.Option("--articles", "-n", min=0, help="How many articles.")] = 1000,
    languages: Annotated[
        str,
        typer.Option("--languages", help="Comma-separated language codes, among fr,en,de,it,es,pl,ru,uk."),
    ] = "fr,en,de,it,es,pl,ru,uk",
    outlets: Annotated[int, typer.Option("--outlets", min=1, help="Outlets per language.")] = 4,
    start: Annotated[
        dt.datetime, typer.Option("--start", formats=["%Y-%m-%d"], help="First publication day.")
    ] = dt.datetime(2026, 1, 1),
    weeks: Annotated[
        int, typer.Option("--weeks", min=1, help="Weeks the publication dates spread over.")
    ] = 12,
    format: Annotated[
        CorpusFormat | None,
        typer.Option("--format", "-f", help="jsonl, folder or parquet; by default from --out's name."),
    ] = None,
    seed: Annotated[int, typer.Option("--seed", help="The same seed and options give the same corpus.")] = 0,
    mean_words: Annotated[
        int, typer.Option("--mean-words", min=20, help="Average article length in words.")
    ] = 600,
) -> None:
    """Write synthetic news articles (our own text: wire reports, opinion, state media, tabloids).

    Each article has an id, an outlet, a date, a language, a title and a text; JSONL and Parquet keep them
    all and are read by `spinscope batch` as they are. Examples:

      spinscope synth --articles 100000 --out corpus.jsonl.gz

      spinscope synth -n 500 --languages fr,en --outlets 6 --weeks 8 --format folder --out articles/
    """
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from spinscope.synth import CorpusSettings, generate, write_corpus

    codes = tuple(dict.fromkeys(code.strip().lower() for code in languages.split(",") if code.strip()))
    try:
        settings = CorpusSettings(
            articles=articles,
            languages=codes,
            outlets=outlets,
            start=start.date(),
            weeks=weeks,
            seed=seed,
            mean_words=mean_words,
        )
        stream = generate(settings)
    except ValueError as error:
        raise fail(str(error), 2) from None
    chosen = format or _format_from_name(out)
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
    )
    console = Console(stderr=True)
    try:
        with Progress(*columns, console=console, transient=True, disable=not console.is_terminal) as progress:
            tracked = progress.track(stream, total=articles, description="Writing articles")
            written = write_corpus(tracked, chosen, out)
    except OSError as error:
        raise fail(f"cannot write {out}: {error.strerror or error}", 1) from None
    typer.echo(f"Wrote {written} articles to {out} ({chosen.value})", err=True)


def _format_from_name(out: Path) -> CorpusFormat:
    name = out.name.lower()
    if name.endswith(".parquet"):
        return CorpusFormat.parquet
    if name.endswith((".jsonl", ".jsonl.gz", ".ndjson")):
        return CorpusFormat.jsonl
    return CorpusFormat.folder
