"""What every command shares: one-line errors and the --model option."""

from __future__ import annotations

import typer

MODEL_HELP = "A shipped model's name or a model directory; 'none' for lexicons only."


def fail(message: str, code: int) -> typer.Exit:
    """Print one line on stderr and return the Exit to raise: users never see a traceback."""
    typer.echo(f"spinscope: error: {message}", err=True)
    return typer.Exit(code)


def model_option(value: str) -> str | None:
    """The model a --model value names: None for 'none' (lexicons only)."""
    return None if value.lower() == "none" else value
