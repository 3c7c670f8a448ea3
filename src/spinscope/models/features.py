"""Features of the embedded model: hashed character n-grams, the lexicon's cues, the language, and pooled
sentence vectors from a multilingual encoder.

Character n-grams carry inflected and misspelt words across all eight languages with no vocabulary to ship;
they are hashed with a fixed, process-independent hash so that a model trained anywhere predicts the same
everywhere. Each n-gram occurrence keeps its position, so that the model can say which words raised a score.
The encoder brings what surface forms cannot: that two sentences in different words, or languages, mean the
same thing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from spinscope.components.lexicon import load_lexicon
from spinscope.errors import LanguageError
from spinscope.models.encoders import SentenceEncoder, pooled_vectors
from spinscope.taxonomy import TECHNIQUES

LANGUAGES = ("fr", "en", "de", "it", "pl", "ru", "uk", "es")
_MASK = np.uint64(0xFFFFFFFF)
_MULTIPLIER = np.uint64(0x01000193)  # FNV prime
_MIX = np.uint64(0x85EBCA6B)  # murmur3 finaliser constant


@dataclass(frozen=True)
class CharNgrams:
    """Lower-cased character n-grams, n_min ≤ n ≤ n_max, hashed into `buckets` columns."""

    n_min: int = 3
    n_max: int = 5
    buckets: int = 1 << 17

    def occurrences(self, text: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(bucket, start, n) of every n-gram occurrence of `text`, positions in code points."""
        codes = np.frombuffer(text.lower().encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
        buckets, starts, sizes = [], [], []
        for n in range(self.n_min, self.n_max + 1):
            count = len(codes) - n + 1
            if count <= 0:
                continue
            h = np.full(count, np.uint64(n * 0x9E3779B1) & _MASK, dtype=np.uint64)
            for k in range(n):
                h = ((h * _MULTIPLIER) ^ codes[k : k + count]) & _MASK
            h ^= h >> np.uint64(15)
            h = (h * _MIX) & _MASK
            h ^= h >> np.uint64(13)
            buckets.append((h % np.uint64(self.buckets)).astype(np.int64))
            starts.append(np.arange(count, dtype=np.int64))
            sizes.append(np.full(count, n, dtype=np.int64))
        if not buckets:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty, empty
        return np.concatenate(buckets), np.concatenate(starts), np.concatenate(sizes)

    def vector(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """(columns, values) of the text's L2-normalised, sublinear n-gram counts."""
        buckets, _, _ = self.occurrences(text)
        if len(buckets) == 0:
            return buckets, np.zeros(0, dtype=np.float32)
        columns, counts = np.unique(buckets, return_counts=True)
        values = (1.0 + np.log(counts)).astype(np.float32)
        values /= np.linalg.norm(values)
        return columns, values


def lexicon_features(texts: Sequence[str], language: str) -> np.ndarray:
    """log(1 + number of lexicon cues) per technique, for each text: what the hand-written layer saw."""
    features = np.zeros((len(texts), len(TECHNIQUES)), dtype=np.float32)
    try:
        lexicon = load_lexicon(language)
    except LanguageError:  # a language without a lexicon simply has no cue features
        return features
    index = {t: i for i, t in enumerate(TECHNIQUES)}
    for row, text in enumerate(texts):
        for hit in lexicon.find(text):
            features[row, index[hit.entry.technique]] += 1.0
    return np.log1p(features)


def language_features(count: int, language: str) -> np.ndarray:
    """A one-hot of the language, so that each label can have a bias per language."""
    features = np.zeros((count, len(LANGUAGES)), dtype=np.float32)
    if language in LANGUAGES:
        features[:, LANGUAGES.index(language)] = 1.0
    return features


def cue_features(texts: Sequence[str], language: str) -> np.ndarray:
    """The lexicon's cues and the language one-hot: the dense block every embedded model reads, in training
    and in inference alike."""
    return np.hstack([lexicon_features(texts, language), language_features(len(texts), language)])


@dataclass(frozen=True)
class EncoderFeatures:
    """Pooled sentence vectors, standardised with the training data's mean and spread and scaled so that the
    whole block weighs `scale` (as much as the L2-normalised n-gram block when 1)."""

    encoder: SentenceEncoder
    mean: np.ndarray
    std: np.ndarray
    scale: float = 1.0

    @classmethod
    def fit(
        cls, encoder: SentenceEncoder, texts: Sequence[str], scale: float
    ) -> tuple[EncoderFeatures, np.ndarray]:
        """The standardisation of `texts`' vectors, and their features."""
        vectors = pooled_vectors(encoder, texts)
        features = cls(encoder, vectors.mean(axis=0), vectors.std(axis=0) + 1e-6, scale)
        return features, features.standardise(vectors)

    def standardise(self, vectors: np.ndarray) -> np.ndarray:
        return ((vectors - self.mean) / self.std * (self.scale / np.sqrt(vectors.shape[1]))).astype(
            np.float32
        )

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        return self.standardise(pooled_vectors(self.encoder, texts))
