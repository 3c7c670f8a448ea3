"""Features of one mention for the learned role model: what surrounds it, never who it is.

The mention is masked: the model must learn how a text casts an actor ("… shelled the villages", "… was
killed"), not that a name is usually a villain. Four blocks, one row per mention:

- hashed character n-grams of a short window around the mention, the mention replaced by a mask character,
  so that n-grams crossing the mask say which side a word stands on ("\x00 invaded" vs "invaded \x00");
- hashed character n-grams of the mention's whole sentence (capped), the mention masked;
- the rule layer's casts on the mention (`RoleCaster.casts`): summed weight per main and per fine role;
- the techniques in the mention's sentence and right next to it, and the entity type.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from spinscope.analysis import TechniqueSpan
from spinscope.document import Document
from spinscope.models.features import CharNgrams
from spinscope.roles.casting import Cast
from spinscope.roles.cues import MAIN_OF, MAIN_ROLES
from spinscope.taxonomy import ENTITY_ROLES, TECHNIQUES

FINE_ROLES: tuple[str, ...] = tuple(fine for _, fine in ENTITY_ROLES)
ENTITY_TYPES = ("person", "organisation", "state", "place", "group", "other")
MASK = "\x00"
_NEAR_CHARS, _SENTENCE_CHARS, _TECHNIQUE_GAP = 48, 200, 24


@dataclass(frozen=True)
class Layout:
    """Where each block starts in a row; the dense blocks follow the two hashed ones."""

    buckets: int = 1 << 17

    @property
    def dense_start(self) -> int:
        return 2 * self.buckets

    @property
    def dense_names(self) -> tuple[str, ...]:
        return (
            *(f"cast:{role}" for role in (*MAIN_ROLES, *FINE_ROLES)),
            *(f"technique-in-sentence:{t}" for t in TECHNIQUES),
            *(f"technique-next-to-it:{t}" for t in TECHNIQUES),
            *(f"type:{t}" for t in ENTITY_TYPES),
        )

    @property
    def width(self) -> int:
        return self.dense_start + len(self.dense_names)


@dataclass(frozen=True)
class MentionContext:
    """A mention to featurise: characters [start, end) of `doc`, its rule casts, and its entity type."""

    start: int
    end: int
    casts: Sequence[Cast]
    entity_type: str | None


def mention_rows(
    doc: Document, mentions: Sequence[MentionContext], layout: Layout
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The sparse rows (row, column, value) of every mention, in the order given."""
    ngrams = CharNgrams(3, 5, layout.buckets)
    dense_index = {name: k for k, name in enumerate(layout.dense_names)}
    rows: list[np.ndarray] = []
    columns: list[np.ndarray] = []
    values: list[np.ndarray] = []
    for row, mention in enumerate(mentions):
        near, sentence = _windows(doc, mention.start, mention.end)
        for block, text in enumerate((near, sentence)):
            cols, vals = ngrams.vector(text)
            rows.append(np.full(len(cols), row, dtype=np.int64))
            columns.append(cols + block * layout.buckets)
            values.append(vals)
        dense = _dense(doc, mention)
        cols = np.array([layout.dense_start + dense_index[name] for name in dense], dtype=np.int64)
        rows.append(np.full(len(cols), row, dtype=np.int64))
        columns.append(cols)
        values.append(np.array(list(dense.values()), dtype=np.float32))
    if not rows:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0, dtype=np.float32)
    return np.concatenate(rows), np.concatenate(columns), np.concatenate(values).astype(np.float32)


def _windows(doc: Document, start: int, end: int) -> tuple[str, str]:
    """(near window, sentence), both with the mention replaced by MASK and kept inside its sentence."""
    sentence = doc.sentence_at(start)
    first, last = (sentence.start, sentence.end) if sentence else (0, len(doc.text))
    text = doc.text
    near = text[max(first, start - _NEAR_CHARS) : start] + MASK + text[end : min(last, end + _NEAR_CHARS)]
    whole = (
        text[max(first, start - _SENTENCE_CHARS) : start]
        + MASK
        + text[end : min(last, end + _SENTENCE_CHARS)]
    )
    return near, whole


def _dense(doc: Document, mention: MentionContext) -> dict[str, float]:
    """The named features of a mention that are not n-grams (only non-zero ones)."""
    found: dict[str, float] = {}
    for cast in mention.casts:
        for role in {cast.role, MAIN_OF[cast.role]}:
            found[f"cast:{role}"] = found.get(f"cast:{role}", 0.0) + cast.weight
    sentence = doc.sentence_at(mention.start)
    for span in doc.techniques:
        if sentence is not None and sentence.start <= span.start < sentence.end:
            _count(found, f"technique-in-sentence:{span.technique}")
        if _next_to(span, mention):
            _count(found, f"technique-next-to-it:{span.technique}")
    found = {name: float(np.log1p(value)) for name, value in found.items()}
    if mention.entity_type in ENTITY_TYPES:
        found[f"type:{mention.entity_type}"] = 1.0
    return found


def _count(found: dict[str, float], name: str) -> None:
    found[name] = found.get(name, 0.0) + 1.0


def _next_to(span: TechniqueSpan, mention: MentionContext) -> bool:
    return span.start < mention.end + _TECHNIQUE_GAP and mention.start - _TECHNIQUE_GAP < span.end
