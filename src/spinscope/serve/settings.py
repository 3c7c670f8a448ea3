"""What a `spinscope serve` instance allows: where it listens, who may call it, and how much they may ask."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from pathlib import Path

from spinscope.serve.keys import default_keys_file

MiB = 1024 * 1024


@dataclass(frozen=True)
class ServeSettings:
    host: str = "127.0.0.1"
    port: int = 8000
    keys_file: Path = field(default_factory=default_keys_file)
    store: Path | None = None  # a DuckDB store (spinscope batch --store) for the corpus pages and read API
    max_body_bytes: int = 2 * MiB
    fetch_timeout: float = 10.0
    fetch_max_bytes: int = 5 * MiB
    allow_private: bool = False  # let URLs point at loopback or private addresses (a trusted intranet only)
    rate_per_minute: float = 120.0
    rate_burst: int = 30
    max_batch_articles: int = 1000
    threads: int = 8  # requests analysed at once
    recent_analyses: int = 256  # analyses kept in memory for their download links


def is_loopback(host: str) -> bool:
    """Whether `host` only accepts connections from this machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
