"""What every model backend offers the analysis components."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

import numpy as np

from spinscope.models.card import ModelCard


@runtime_checkable
class TechniqueModel(Protocol):
    """Scores texts for persuasion techniques and whole articles for genre and frames.

    Scores are probabilities in [0, 1]; the card's thresholds turn them into labels.
    """

    card: ModelCard

    def technique_scores(self, texts: Sequence[str], language: str) -> np.ndarray:
        """(len(texts), len(card.techniques)) probabilities."""
        ...

    def genre_scores(self, text: str, language: str) -> dict[str, float]:
        """Probability of each genre of card.genres for a whole article ({} when the model has none)."""
        ...

    def frame_scores(self, text: str, language: str) -> dict[str, float]:
        """Probability of each frame of card.frames for a whole article ({} when the model has none)."""
        ...

    def salient_spans(self, text: str, technique: str, language: str) -> list[tuple[int, int, float]]:
        """(start, end, weight) of the words in `text` that most raise `technique`'s score, best first;
        [] when the backend cannot tell."""
        ...
