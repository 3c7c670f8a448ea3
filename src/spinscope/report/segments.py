"""Cut text into atomic segments: maximal runs over which the set of covering spans is constant.

Overlapping spans cannot be drawn as nested elements in general (they may cross), but atomic segments can:
each one is drawn once and lists every span that covers it, so overlaps stay visible and no text is repeated.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Segment:
    start: int
    end: int
    covering: frozenset[Hashable]


def atomic_segments(
    start: int,
    end: int,
    intervals: Mapping[Hashable, tuple[int, int]],
    cuts: Iterable[int] = (),
) -> list[Segment]:
    """Segments of [start, end) cut at every interval edge and every extra cut inside it.

    `intervals` maps a key (e.g. a span's index) to its (start, end); intervals are clipped to [start, end)
    and empty ones are ignored. The segments tile [start, end) exactly, in order.
    """
    clipped = {
        key: (max(s, start), min(e, end)) for key, (s, e) in intervals.items() if max(s, start) < min(e, end)
    }
    edges = {start, end}
    edges.update(p for pair in clipped.values() for p in pair)
    edges.update(c for c in cuts if start < c < end)
    points = sorted(edges)
    opening: dict[int, list[Hashable]] = {}
    closing: dict[int, list[Hashable]] = {}
    for key, (s, e) in clipped.items():
        opening.setdefault(s, []).append(key)
        closing.setdefault(e, []).append(key)
    active: set[Hashable] = set()
    segments = []
    for left, right in zip(points, points[1:], strict=False):
        active.difference_update(closing.get(left, ()))
        active.update(opening.get(left, ()))
        segments.append(Segment(left, right, frozenset(active)))
    return segments
