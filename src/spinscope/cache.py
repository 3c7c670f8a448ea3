"""Where spinscope keeps what it computes once per machine rather than once per process.

`$SPINSCOPE_CACHE_DIR`, else `$XDG_CACHE_HOME/spinscope`, else `~/.cache/spinscope`. Everything kept there
can be rebuilt: a cache that cannot be read or written only costs time.
"""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path:
    if os.environ.get("SPINSCOPE_CACHE_DIR"):
        return Path(os.environ["SPINSCOPE_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "spinscope"
