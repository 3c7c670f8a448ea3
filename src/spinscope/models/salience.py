"""Turning per-word weights into the run of words that carries a technique: shared by every backend."""

from __future__ import annotations

import re

import numpy as np

WORD = re.compile(r"\w+(?:[-'’]\w+)*")
MAX_SPAN_WORDS = 8


def word_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every word of `text`."""
    return [(m.start(), m.end()) for m in WORD.finditer(text)]


def best_run(scores: np.ndarray, limit: int = MAX_SPAN_WORDS) -> tuple[int, int, float] | None:
    """(first, last, total) of the run of at most `limit` items with the largest positive sum."""
    best: tuple[int, int, float] | None = None
    for first in range(len(scores)):
        if scores[first] <= 0:
            continue
        total = 0.0
        for last in range(first, min(first + limit, len(scores))):
            total += float(scores[last])
            if best is None or total > best[2]:
                best = (first, last, total)
    return best
