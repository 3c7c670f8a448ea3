"""Benchmark documents read exactly as their official character offsets count them."""

from __future__ import annotations

from pathlib import Path

from spinscope.errors import InputError


def read_official_text(path: Path) -> str:
    """The file's UTF-8 text with its carriage returns kept (`newline=''`): the official offsets of SemEval
    span and mention files count them. An unreadable or undecodable file is an InputError whose one-line
    reason the caller puts after the file's name."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return handle.read()
    except UnicodeDecodeError as error:
        raise InputError(f"not UTF-8 text (byte {error.start})") from None
    except OSError as error:
        raise InputError(f"cannot read it: {error.strerror}") from None
