"""`spinscope narratives`: list the storylines spinscope detects and read one entry of a catalogue."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from spinscope.cli_common import fail

if TYPE_CHECKING:
    from spinscope.narratives import Catalogue

narratives_app = typer.Typer(help="List and describe narrative catalogues.", no_args_is_help=True)

CatalogueOption = Annotated[
    list[Path] | None,
    typer.Option("--catalogue", "-c", metavar="FILE", help="A catalogue YAML file of your own (repeatable)."),
]


def _catalogues(files: list[Path] | None) -> list[Catalogue]:
    from spinscope.errors import SpinscopeError
    from spinscope.narratives import load_catalogue, shipped_catalogue

    try:
        return [shipped_catalogue(), *(load_catalogue(path) for path in files or ())]
    except SpinscopeError as error:
        raise fail(str(error), error.exit_code) from None


@narratives_app.command("list")
def narratives_list(catalogue: CatalogueOption = None) -> None:
    """Every entry: catalogue, id and how many examples it has in each language."""
    for loaded in _catalogues(catalogue):
        for entry in loaded.entries:
            languages = Counter(example.language or "any" for example in entry.examples)
            counts = ",".join(f"{language}:{n}" for language, n in sorted(languages.items())) or "-"
            typer.echo(f"{loaded.name}\t{entry.id}\t{counts}")


@narratives_app.command("show")
def narratives_show(
    entry_id: Annotated[str, typer.Argument(metavar="ID", help="An entry id, e.g. 'URW: Praise of Russia'.")],
    catalogue: CatalogueOption = None,
    lang: Annotated[
        str | None, typer.Option("--lang", "-l", metavar="CODE", help="Only the examples in this language.")
    ] = None,
) -> None:
    """One entry: its description, parent, subnarratives and examples."""
    for loaded in _catalogues(catalogue):
        try:
            entry = loaded.entry(entry_id)
        except KeyError:
            continue
        typer.echo(f"{entry.id}  ({loaded.name}, domain {entry.domain})")
        typer.echo(entry.description)
        if entry.parent:
            typer.echo(f"narrative: {entry.parent}")
        for child in loaded.children(entry.id):
            typer.echo(f"subnarrative: {child.id}")
        if entry.keywords:
            typer.echo(f"keywords: {', '.join(entry.keywords)}")
        for example in entry.examples:
            if lang is None or example.language == lang:
                typer.echo(f"[{example.language or 'any'}] {example.text}")
        return
    raise fail(f"no entry {entry_id!r} in the catalogues (see `spinscope narratives list`)", 2)
