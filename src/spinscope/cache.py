"""Where spinscope keeps what it computes once per machine rather than once per process.

`$SPINSCOPE_CACHE_DIR`, else `$XDG_CACHE_HOME/spinscope`, else `~/.cache/spinscope`. Everything kept there
can be rebuilt: a cache that cannot be read or written only costs time.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO


def cache_dir() -> Path:
    if os.environ.get("SPINSCOPE_CACHE_DIR"):
        return Path(os.environ["SPINSCOPE_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "spinscope"


def write_atomically(path: Path, write: Callable[[BinaryIO], object]) -> bool:
    """Write a cache file through `write(handle)` so that a reader never sees half of it; False (and nothing
    left behind) when it cannot be written."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=path.parent, suffix=path.suffix)
    except OSError:
        return False
    try:
        with os.fdopen(descriptor, "wb") as handle:
            write(handle)
        os.replace(temporary, path)
        return True
    except OSError:
        Path(temporary).unlink(missing_ok=True)
        return False
