"""How close a text is to catalogue texts: the one representation the narrative detector depends on.

An `Encoder` indexes the catalogue's texts once; the index then scores any batch of texts against all of them
(cosine similarities in [0, 1]). The shipped encoder is TF-IDF over word stems and stem bigrams, hashed with
a stable hash: no vocabulary to ship, no download, numpy only, and sparse, so that scoring a sentence touches
only the texts that share its rarer stems. (Measured against the project's character n-grams on held-out
articles, stems ranked the right narrative first more often: n-grams that straddle words match style, not
topic.) A stronger encoder, e.g. sentence embeddings, slots in by implementing the same two methods.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence
from functools import lru_cache
from typing import Protocol

import numpy as np

_WORD = re.compile(r"\w+")


class SimilarityIndex(Protocol):
    def similarities(self, texts: Sequence[str]) -> np.ndarray:
        """A (len(texts), indexed groups) float32 matrix of cosine similarities."""
        ...


class Encoder(Protocol):
    name: str

    def index(self, groups: Sequence[Sequence[str]], fit_on: Sequence[str] | None = None) -> SimilarityIndex:
        """An index of groups of texts, each pooled into one profile; `fit_on`, when given, is the corpus any
        statistics (e.g. IDF) come from, else all the texts of the groups."""
        ...


class StemTfidfEncoder:
    """TF-IDF of word stems (a word's first `stem` letters, a crude stemmer that works in every alphabetic
    language) and of pairs of consecutive stems, hashed into `buckets` columns, weighted by IDF.

    Features found in more than `max_df` of the indexed texts say nothing about one storyline and are left out
    of the index, which also keeps every lookup short.
    """

    name = "stem-tfidf"

    def __init__(self, stem: int = 6, buckets: int = 1 << 18, max_df: float = 0.5):
        self.stem = stem
        self.buckets = buckets
        self.max_df = max_df

    def index(self, groups: Sequence[Sequence[str]], fit_on: Sequence[str] | None = None) -> TfidfIndex:
        return TfidfIndex(self, groups, [t for g in groups for t in g] if fit_on is None else fit_on)

    @lru_cache(maxsize=1 << 14)  # noqa: B019 - encoders live as long as the process, and are few
    def indexed_counts(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """`counts` of a catalogue text, remembered: each is pooled into many profiles (one per fold and
        language)."""
        return self.counts(text)

    def counts(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """(columns, 1 + log count) of the text's features."""
        stems = [word[: self.stem] for word in _WORD.findall(text.lower()) if len(word) > 2]
        features = stems + [f"{a} {b}" for a, b in zip(stems, stems[1:], strict=False)]
        if not features:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        hashed = np.fromiter((zlib.crc32(f.encode()) for f in features), dtype=np.int64, count=len(features))
        columns, counts = np.unique(hashed % self.buckets, return_counts=True)
        return columns, (1.0 + np.log(counts)).astype(np.float32)


class TfidfIndex:
    """Indexed profiles as inverted lists: for each feature column, the profiles that hold it and its weight.

    A profile's term frequencies are the sums of its texts' (sublinear) ones."""

    def __init__(self, encoder: StemTfidfEncoder, groups: Sequence[Sequence[str]], fit_on: Sequence[str]):
        self.encoder = encoder
        self.size = len(groups)
        buckets = encoder.buckets
        columns_of_each = [encoder.indexed_counts(text)[0] for text in fit_on]  # unique within each text
        document_frequency = np.bincount(
            np.concatenate([np.zeros(0, np.int64), *columns_of_each]), minlength=buckets
        ).astype(np.float32)
        self.idf = (np.log((1.0 + len(fit_on)) / (1.0 + document_frequency)) + 1.0).astype(np.float32)
        kept = document_frequency <= max(1.0, encoder.max_df * len(fit_on))
        rows = [_pooled([encoder.indexed_counts(text) for text in group]) for group in groups]
        all_rows, all_columns, all_values = [np.zeros(0, np.int64)], [np.zeros(0, np.int64)], [np.zeros(0)]
        for row, (columns, tf) in enumerate(rows):
            values = tf * self.idf[columns]
            norm = np.linalg.norm(values)
            keep = kept[columns]
            if norm == 0:
                continue
            all_rows.append(np.full(int(keep.sum()), row, dtype=np.int64))
            all_columns.append(columns[keep])
            all_values.append(values[keep] / norm)
        columns = np.concatenate(all_columns)
        order = np.argsort(columns, kind="stable")
        self._rows = np.concatenate(all_rows)[order]
        self._values = np.concatenate(all_values)[order].astype(np.float32)
        self._pointers = np.zeros(buckets + 1, dtype=np.int64)
        np.cumsum(np.bincount(columns, minlength=buckets), out=self._pointers[1:])

    def similarities(self, texts: Sequence[str]) -> np.ndarray:
        query_ids, query_columns, query_values = (
            [np.zeros(0, np.int64)],
            [np.zeros(0, np.int64)],
            [np.zeros(0)],
        )
        for i, text in enumerate(texts):
            columns, tf = self.encoder.counts(text)
            values = tf * self.idf[columns]
            norm = np.linalg.norm(values)
            if norm == 0:
                continue
            query_ids.append(np.full(len(columns), i, dtype=np.int64))
            query_columns.append(columns)
            query_values.append(values / norm)
        ids, columns, values = map(np.concatenate, (query_ids, query_columns, query_values))
        starts = self._pointers[columns]
        lengths = self._pointers[columns + 1] - starts
        # Every (query feature, indexed text holding it) pair, gathered without a Python loop.
        offsets = np.repeat(starts - np.cumsum(lengths) + lengths, lengths) + np.arange(int(lengths.sum()))
        cells = np.repeat(ids, lengths) * self.size + self._rows[offsets]
        weights = np.repeat(values, lengths) * self._values[offsets]
        scores = np.bincount(cells, weights=weights, minlength=len(texts) * self.size)
        return np.clip(scores.reshape(len(texts), self.size), 0.0, 1.0).astype(np.float32)


def _pooled(counts: list[tuple[np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray]:
    """The (columns, summed values) of several texts' features."""
    if not counts:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
    columns = np.concatenate([c for c, _ in counts])
    values = np.concatenate([v for _, v in counts])
    unique, position = np.unique(columns, return_inverse=True)
    return unique, np.bincount(position, weights=values).astype(np.float32)
