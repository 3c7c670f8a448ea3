"""The embedded backend: linear heads over hashed character n-grams, lexicon cues, language and (when the card
names one) a multilingual sentence encoder, in numpy.

It needs no torch and no download, and explains itself: the n-gram part of a score is a sum of n-gram
weights, so the words whose n-grams weigh most are the words that carry the technique.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from spinscope.errors import ModelError
from spinscope.models.activations import sigmoid
from spinscope.models.card import ModelCard
from spinscope.models.encoders import load_encoder
from spinscope.models.features import CharNgrams, EncoderFeatures, cue_features
from spinscope.models.salience import best_run, word_spans

WEIGHTS_FILE = "weights.npz"
HEADS = ("techniques", "genre", "frames")


class EmbeddedModel:
    """A model package of the embedded backend, loaded from its directory."""

    def __init__(self, directory: Path, card: ModelCard):
        self.card = card
        self.ngrams = CharNgrams(**card.settings.get("char_ngrams", {}))
        try:
            with np.load(directory / WEIGHTS_FILE) as archive:
                self.weights = {name: archive[name] for name in archive.files}
        except (OSError, ValueError) as error:
            raise ModelError(f"{directory / WEIGHTS_FILE}: cannot be read: {error}") from None
        self.encoder_features = self._encoder_features(card.settings.get("encoder"))
        self._last_dense: tuple[tuple[tuple[str, ...], str], np.ndarray] | None = None
        labels = {"techniques": card.techniques, "genre": card.genres, "frames": card.frames}
        for head, names in labels.items():
            if not names:
                continue
            shape = self.weights.get(f"{head}_ngrams", np.zeros((0, 0))).shape
            if shape != (self.ngrams.buckets, len(names)):
                raise ModelError(
                    f"{directory}: {head} weights have shape {shape}, the card needs "
                    f"({self.ngrams.buckets}, {len(names)})"
                )

    def _encoder_features(self, settings: dict | None) -> EncoderFeatures | None:
        if not settings:
            return None
        if "encoder_mean" not in self.weights or "encoder_std" not in self.weights:
            raise ModelError(
                f"{self.card.name}: the card names an encoder but the weights lack its standardisation"
            )
        return EncoderFeatures(
            load_encoder(settings["name"]),
            self.weights["encoder_mean"],
            self.weights["encoder_std"],
            float(settings.get("scale", 1.0)),
        )

    def dense_features(self, texts: Sequence[str], language: str) -> np.ndarray:
        """Lexicon cues, language one-hot and, when the card names an encoder, pooled sentence vectors.

        The last result is kept: the genre and the frames heads read the same whole article one after the
        other."""
        key = (tuple(texts), language)
        last = self._last_dense
        if last is not None and last[0] == key:
            return last[1]
        blocks = [cue_features(texts, language)]
        if self.encoder_features is not None:
            blocks.append(self.encoder_features(texts))
        features = np.hstack(blocks)
        features.setflags(write=False)
        self._last_dense = (key, features)  # one assignment: threads see the old pair or the new one
        return features

    def _scores(self, head: str, texts: Sequence[str], language: str) -> np.ndarray:
        ngram_weights = self.weights[f"{head}_ngrams"]
        logits = np.zeros((len(texts), ngram_weights.shape[1]), dtype=np.float32)
        for row, text in enumerate(texts):
            columns, values = self.ngrams.vector(text)
            if len(columns):
                logits[row] = values @ ngram_weights[columns].astype(np.float32)
        logits += (
            self.dense_features(texts, language) @ self.weights[f"{head}_dense"].astype(np.float32)
            + self.weights[f"{head}_bias"]
        )
        return sigmoid(logits)

    def technique_scores(self, texts: Sequence[str], language: str) -> np.ndarray:
        return self._scores("techniques", texts, language)

    def genre_scores(self, text: str, language: str) -> dict[str, float]:
        if not self.card.genres:
            return {}
        scores = self._scores("genre", [text], language)[0]
        scores = scores / scores.sum()
        return {genre: float(score) for genre, score in zip(self.card.genres, scores, strict=True)}

    def frame_scores(self, text: str, language: str) -> dict[str, float]:
        if not self.card.frames:
            return {}
        scores = self._scores("frames", [text], language)[0]
        return {frame: float(score) for frame, score in zip(self.card.frames, scores, strict=True)}

    def salient_spans(self, text: str, technique: str, language: str) -> list[tuple[int, int, float]]:
        """The run of up to eight consecutive words whose n-grams add most to `technique`'s score."""
        column = self.card.techniques.index(technique)
        buckets, starts, sizes = self.ngrams.occurrences(text)
        words = word_spans(text)
        if not words or len(buckets) == 0:
            return []
        weights = self.weights["techniques_ngrams"][buckets, column].astype(np.float32)
        # Spread each occurrence's weight over its characters, then sum the characters of each word.
        per_char = np.zeros(len(text) + 1, dtype=np.float32)
        np.add.at(per_char, starts, weights / sizes)
        np.add.at(per_char, np.minimum(starts + sizes, len(text)), -weights / sizes)
        per_char = np.cumsum(per_char)[: len(text)]
        word_scores = np.array([per_char[s:e].sum() for s, e in words], dtype=np.float32)
        best = best_run(word_scores)
        if best is None:
            return []
        first, last, score = best
        return [(words[first][0], words[last][1], score)]
