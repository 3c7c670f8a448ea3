"""`spinscope batch` (analyse a corpus into a store) and `spinscope export` (copy store tables out)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from spinscope.cli_common import MODEL_HELP, fail, model_option
from spinscope.errors import SpinscopeError
from spinscope.models import DEFAULT_MODEL

_COLUMN_HELP = "Column (JSONL, CSV, Parquet) that holds the {} [default: {}]."


class BatchEngine(StrEnum):
    local = "local"
    dask = "dask"


class ExportFormat(StrEnum):
    parquet = "parquet"
    jsonl = "jsonl"
    csv = "csv"


def _column(field: str) -> object:
    return typer.Option(f"--{field}-column", help=_COLUMN_HELP.format(field, field), show_default=False)


def batch(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Folders of .txt/.html files, JSONL, CSV or Parquet files, RSS/Atom feeds (files or URLs), "
            ".urls lists of URLs.",
            show_default=False,
        ),
    ],
    store: Annotated[Path, typer.Option("--store", "-s", help="The DuckDB store file (created if absent).")],
    engine: Annotated[
        BatchEngine, typer.Option("--engine", help="Where articles are analysed.")
    ] = BatchEngine.local,
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler", help="Dask scheduler address (tcp://HOST:PORT); default: a LocalCluster."
        ),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers", "-w", min=1, help="Processes (local: all cores) or LocalCluster workers (dask: 2)."
        ),
    ] = None,
    staging: Annotated[
        Path | None,
        typer.Option("--staging", help="Dask: folder for result parts, shared by workers and this machine."),
    ] = None,
    model: Annotated[str, typer.Option("--model", "-m", help=MODEL_HELP)] = DEFAULT_MODEL,
    lang: Annotated[
        str | None,
        typer.Option("--lang", "-l", help="Language of records that do not give one; default: identified."),
    ] = None,
    batch_size: Annotated[
        int, typer.Option("--batch-size", min=1, help="Articles written to the store per transaction.")
    ] = 256,
    allow_private: Annotated[
        bool, typer.Option("--allow-private", help="Let URLs point at loopback or private addresses.")
    ] = False,
    timeout: Annotated[
        float, typer.Option("--timeout", min=0.1, help="Seconds to wait for each URL.")
    ] = 15.0,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar, no summary.")] = False,
    id_column: Annotated[str, _column("id")] = "id",
    text_column: Annotated[str, _column("text")] = "text",
    html_column: Annotated[str, _column("html")] = "html",
    url_column: Annotated[str, _column("url")] = "url",
    outlet_column: Annotated[str, _column("outlet")] = "outlet",
    date_column: Annotated[str, _column("date")] = "date",
    language_column: Annotated[str, _column("language")] = "language",
    title_column: Annotated[str, _column("title")] = "title",
) -> None:
    """Analyse a corpus into a store, resumably: run it again after a crash and it picks up where it stopped.

    Each article is analysed once (by content hash); what cannot be analysed goes to the errors table.

    Examples:

      spinscope batch articles/ --store corpus.duckdb

      spinscope batch feed.jsonl --text-column body --outlet-column site --store corpus.duckdb

      spinscope batch corpus.parquet --store corpus.duckdb --engine dask --scheduler tcp://10.0.0.5:8786
    """
    # A missing extra (duckdb, pyarrow) is named in one line by the entry point, spinscope.cli.run.
    from spinscope.batch.analyse import AnalysisSettings
    from spinscope.batch.inputs import ColumnMap, read_inputs
    from spinscope.batch.progress import progress_bar
    from spinscope.batch.runner import run_batch
    from spinscope.ingest import FetchPolicy
    from spinscope.language import identify
    from spinscope.models import resolve
    from spinscope.store import Store

    columns = ColumnMap(
        id=id_column,
        text=text_column,
        html=html_column,
        url=url_column,
        outlet=outlet_column,
        date=date_column,
        language=language_column,
        title=title_column,
    )
    policy = FetchPolicy(allow_private=allow_private, timeout=timeout)
    try:
        settings = AnalysisSettings(
            model=model_option(model),
            language=identify("", override=lang).code if lang else None,
            allow_private=allow_private,
            timeout=timeout,
        )
        if settings.model is not None:
            resolve(settings.model)
        items = read_inputs(inputs, columns=columns, fetch_policy=policy)
        runner = _engine(engine, scheduler, workers, staging, store, batch_size)
        with Store.open(store) as opened:
            counted = not quiet and not any(_is_url(path) for path in inputs)  # feeds are not fetched twice
            total = _count(read_inputs(inputs, columns=columns)) if counted else None
            with progress_bar(total, quiet=quiet) as advance:
                summary = run_batch(items, opened, runner, settings, batch_size=batch_size, advance=advance)
    except SpinscopeError as error:
        raise fail(str(error), error.exit_code) from None
    if not quiet:
        typer.echo(f"spinscope: {summary.line()}", err=True)


def export(
    store: Annotated[Path, typer.Option("--store", "-s", help="The DuckDB store to read.")],
    out: Annotated[
        Path,
        typer.Option(
            "--out", "-o", help="A folder (one file per table), or a file when one --table is given."
        ),
    ],
    format: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="File format.")
    ] = ExportFormat.parquet,
    table: Annotated[
        list[str] | None,
        typer.Option("--table", "-t", help="A table to export (repeatable); default: every table."),
    ] = None,
) -> None:
    """Copy the store's tables to Parquet, JSON Lines or CSV files.

    Examples:

      spinscope export --store corpus.duckdb --out tables/

      spinscope export --store corpus.duckdb --table techniques --format csv --out techniques.csv
    """
    from spinscope.store import Store
    from spinscope.store.export import export as export_tables

    try:
        with Store.open(store, read_only=True) as opened:
            written = export_tables(opened, format.value, out, table or [])
    except SpinscopeError as error:
        raise fail(str(error), error.exit_code) from None
    for path in written:
        typer.echo(f"Written {path}", err=True)


def _engine(
    engine: BatchEngine,
    scheduler: str | None,
    workers: int | None,
    staging: Path | None,
    store: Path,
    batch_size: int,
):
    if engine is BatchEngine.local:
        if scheduler is not None or staging is not None:
            raise fail(f"{'--scheduler' if scheduler else '--staging'} needs --engine dask", 2)
        from spinscope.batch.local import LocalEngine

        return LocalEngine(workers or _cores())
    import distributed  # noqa: F401 - imported here so that a missing extra fails before any work

    from spinscope.batch.dask_engine import DaskEngine, staging_folder

    return DaskEngine(
        staging or staging_folder(store), scheduler=scheduler, workers=workers or 2, merge_every=batch_size
    )


def _cores() -> int:
    """The cores this process may run on (a container or taskset may allow fewer than the machine has)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _is_url(path: str) -> bool:
    return path.lower().startswith(("http://", "https://"))


def _count(items: Iterable[object]) -> int:
    """How many records the inputs hold, for the ETA: a quick read without analysis."""
    return sum(1 for _ in items)
