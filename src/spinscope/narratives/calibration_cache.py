"""A disk cache of narrative calibrations: a catalogue is calibrated once per machine, not once per process.

Calibrating a language (thresholds on held-out folds, the "Other" gate on synthetic articles) takes about half
a second, which every `spinscope analyze` would pay. The key is a hash of everything the calibration depends
on: the catalogues' texts and structure, the language and the source of the code that calibrates, so that a
changed catalogue or a new spinscope version never reads a stale entry. The cache lives in
`spinscope.cache.cache_dir()`; when it cannot be read or written, calibration simply runs, as it would
without a cache.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from spinscope.cache import cache_dir, write_atomically
from spinscope.narratives import gate

_CODE = ("detector.py", "gate.py", "similarity.py", "calibration_cache.py")
_GATE_FIELDS = ("threshold", "intercept", "slope", "fewest_words", "most_words")


def key(parts: Iterable[object]) -> str:
    """A hash of the calibration's inputs (JSON-serialisable parts) and of the code that calibrates."""
    digest = hashlib.sha256()
    here = Path(__file__).parent
    for name in _CODE:
        digest.update((here / name).read_bytes())
    for part in parts:
        digest.update(json.dumps(part, ensure_ascii=False, sort_keys=True).encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


def load(
    cache_key: str, entries: int, catalogues: int
) -> tuple[np.ndarray, np.ndarray, list[gate.Gate]] | None:
    """The thresholds, lift thresholds and gates stored under `cache_key`, or None (absent, unreadable, or not
    the expected shape)."""
    path = cache_dir() / "narratives" / f"{cache_key}.npz"
    try:
        with np.load(path) as stored:
            thresholds, lifts, gates = stored["thresholds"], stored["lift_thresholds"], stored["gates"]
    except (OSError, KeyError, ValueError):
        return None
    if thresholds.shape != (entries,) or lifts.shape != (entries,) or gates.shape != (catalogues, 5):
        return None
    return (
        thresholds,
        lifts,
        [gate.Gate(**dict(zip(_GATE_FIELDS, map(float, row), strict=True))) for row in gates],
    )


def save(cache_key: str, thresholds: np.ndarray, lift_thresholds: np.ndarray, gates: list[gate.Gate]) -> None:
    """Store a calibration atomically (a reader never sees half a file); a cache that cannot be written is
    skipped."""
    rows = np.asarray([[getattr(g, name) for name in _GATE_FIELDS] for g in gates], dtype=np.float64)
    write_atomically(
        cache_dir() / "narratives" / f"{cache_key}.npz",
        lambda handle: np.savez(
            handle, thresholds=thresholds, lift_thresholds=lift_thresholds, gates=rows.reshape(-1, 5)
        ),
    )
