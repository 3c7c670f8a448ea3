"""`spinscope serve` (the REST API and analyst pages) and `spinscope keys create|revoke|list`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from spinscope.cli_common import fail
from spinscope.errors import SpinscopeError

KEYS_FILE_HELP = (
    "The keys file (default: $XDG_CONFIG_HOME/spinscope/keys.json or ~/.config/spinscope/keys.json)."
)

keys_app = typer.Typer(
    help="Create, list and revoke the API keys `spinscope serve` accepts.", no_args_is_help=True
)


def _keys(path: Path | None):
    from spinscope.serve.keys import KeyStore, default_keys_file

    try:
        return KeyStore(path or default_keys_file())
    except SpinscopeError as error:
        raise fail(str(error), error.exit_code) from None


def serve(
    host: Annotated[
        str, typer.Option(help="Address to listen on; anything but loopback needs API keys.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    store: Annotated[
        Path | None,
        typer.Option(help="A DuckDB store (spinscope batch) for the corpus pages, read API and batches."),
    ] = None,
    keys_file: Annotated[Path | None, typer.Option("--keys-file", help=KEYS_FILE_HELP)] = None,
    max_body: Annotated[int, typer.Option(min=1024, help="Largest request body, in bytes.")] = 2
    * 1024
    * 1024,
    rate: Annotated[
        float, typer.Option(min=1, help="Requests a minute per key (or per address without keys).")
    ] = 120,
    burst: Annotated[
        int, typer.Option(min=1, help="Requests a client may make at once before the rate applies.")
    ] = 30,
    fetch_timeout: Annotated[float, typer.Option(min=0.5, help="Seconds a URL fetch may take.")] = 10.0,
    allow_private: Annotated[
        bool, typer.Option("--allow-private", help="Let URLs point at loopback or private addresses.")
    ] = False,
    threads: Annotated[int, typer.Option(min=1, max=64, help="Requests analysed at once (threads).")] = 8,
) -> None:
    """Serve the REST API (/v1, described at /docs) and the analyst pages.

    Examples:

      spinscope serve                      # http://127.0.0.1:8000, no key needed

      spinscope keys create --name newsroom && spinscope serve --host 0.0.0.0 --store corpus.duckdb
    """
    import uvicorn

    from spinscope.serve.app import create_app
    from spinscope.serve.settings import ServeSettings, is_loopback

    keys = _keys(keys_file)
    if not is_loopback(host) and len(keys) == 0:
        raise fail(
            f"refusing to listen on {host} without API keys: create one with "
            "`spinscope keys create --name NAME` (or listen on 127.0.0.1)",
            2,
        )
    if store is not None:  # the server opens it at start-up; a bad path is reported here, in one line
        from spinscope.store.duckdb_store import Store

        try:
            Store.open(store).close()
        except SpinscopeError as error:
            raise fail(str(error), error.exit_code) from None
    settings = ServeSettings(
        host=host,
        port=port,
        keys_file=keys.path,
        store=store,
        max_body_bytes=max_body,
        fetch_timeout=fetch_timeout,
        allow_private=allow_private,
        rate_per_minute=rate,
        rate_burst=burst,
        threads=threads,
    )
    try:
        app = create_app(settings, keys)
    except SpinscopeError as error:
        raise fail(str(error), error.exit_code) from None

    access = "API keys required" if len(keys) else "no key needed, loopback only"
    typer.echo(f"spinscope: serving on http://{host}:{port} ({access}); Ctrl-C stops", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)


@keys_app.command("create")
def create_key(
    name: Annotated[str, typer.Option("--name", "-n", help="Who or what the key is for.")],
    keys_file: Annotated[Path | None, typer.Option("--keys-file", help=KEYS_FILE_HELP)] = None,
) -> None:
    """Create a key and print it once: only its salted hash is kept."""
    store = _keys(keys_file)
    try:
        record, key = store.create(name)
    except SpinscopeError as error:
        raise fail(str(error), error.exit_code) from None
    typer.echo(key)
    typer.echo(
        f"spinscope: key {record.name!r} ({record.id}) saved in {store.path}; it is shown only now", err=True
    )


@keys_app.command("revoke")
def revoke_key(
    name: Annotated[str, typer.Argument(help="The key's name or id.")],
    keys_file: Annotated[Path | None, typer.Option("--keys-file", help=KEYS_FILE_HELP)] = None,
) -> None:
    """Revoke a key: a running server refuses it from its next request."""
    store = _keys(keys_file)
    try:
        record = store.revoke(name)
    except SpinscopeError as error:
        raise fail(str(error), error.exit_code) from None
    typer.echo(f"spinscope: key {record.name!r} ({record.id}) revoked", err=True)


@keys_app.command("list")
def list_keys(
    keys_file: Annotated[Path | None, typer.Option("--keys-file", help=KEYS_FILE_HELP)] = None,
) -> None:
    """List the keys: name, id and creation date (never the key)."""
    for record in _keys(keys_file).records():
        typer.echo(f"{record.name}\t{record.id}\t{record.created}")
