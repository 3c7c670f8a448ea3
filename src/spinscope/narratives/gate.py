"""The article-level "Other" decision: synthetic articles to calibrate it on, and the gate it applies.

A catalogue has storyline sentences and neutral texts, but no articles. Articles are assembled from held-out
texts: some made of a few sentences of one storyline among neutral sentences (they push that storyline), the
others of neutral sentences alone (they push none, and must come out as "Other").

The gate is placed on the article's closeness to its nearest narrative. A longer article shares more words
with any profile, so closeness grows with length (on synthetic articles with the same share of storyline
sentences, by a third to a half from 8 to 24 sentences): the gate measures closeness against what a storyline
article of the same length gets, a line in the logarithm of its word count fitted on the synthetic storyline
articles, at three lengths. The threshold on that ratio is the one that best tells the two kinds of article
apart (balanced accuracy: as many of each kind are made), among those that keep nearly all the storyline
articles: our examples say a storyline more plainly than most articles do, so a threshold halfway between
the two kinds would send many real storyline articles to "Other".
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

# The make-up of synthetic articles, set beforehand: (storyline sentences, sentences in all), a storyline
# carried by a quarter of the article, at three lengths.
SIZES = ((2, 8), (3, 12), (6, 24))
# The share of the storyline articles (among those with enough evidence to be reported) the gate must keep.
STORYLINE_ARTICLES_KEPT = 0.95


@dataclass(frozen=True)
class SyntheticArticle:
    catalogue: (
        int  # position of the catalogue whose storyline it pushes, or whose neutral texts it is made of
    )
    pushes: bool  # True when made around one storyline, False when of neutral texts only
    texts: tuple[int, ...]  # indices of the held-out texts it is made of


@dataclass(frozen=True)
class Gate:
    """An article is "Other" when its closeness to its nearest narrative, relative to the closeness expected
    of a storyline article of its length, is below `threshold`."""

    threshold: float = -math.inf  # -inf: no gate
    intercept: float = 0.0  # expected closeness = intercept + slope * log(words), words clipped to the range
    slope: float = 0.0
    fewest_words: float = 1.0  # the range of lengths the line was fitted on
    most_words: float = 1.0

    def score(self, closeness: float, words: int) -> float:
        log_words = math.log(min(max(words, self.fewest_words), self.most_words))
        return closeness / max(self.intercept + self.slope * log_words, 1e-6)

    def passes(self, closeness: float, words: int) -> bool:
        return self.threshold == -math.inf or self.score(closeness, words) >= self.threshold


def synthetic_articles(
    storylines: Sequence[tuple[int, np.ndarray]], neutral: np.ndarray, rng: np.random.Generator
) -> list[SyntheticArticle]:
    """For each storyline (catalogue position, indices of its held-out examples) and each size it has enough
    examples for, one article that pushes it and one of neutral texts alone; none without neutral texts."""
    articles: list[SyntheticArticle] = []
    for storyline_sentences, article_sentences in SIZES:
        filler = min(len(neutral), article_sentences - storyline_sentences)
        if filler == 0:
            continue
        for catalogue, texts in storylines:
            if len(texts) < storyline_sentences:
                continue
            storyline = rng.choice(texts, size=storyline_sentences, replace=False)
            mixed = np.concatenate([storyline, rng.choice(neutral, size=filler, replace=False)])
            articles.append(SyntheticArticle(catalogue, True, tuple(int(i) for i in mixed)))
            plain = rng.choice(neutral, size=min(len(neutral), article_sentences), replace=False)
            articles.append(SyntheticArticle(catalogue, False, tuple(int(i) for i in plain)))
    return articles


def fit_gate(closeness: np.ndarray, words: np.ndarray, pushes: np.ndarray) -> Gate:
    """The gate for synthetic articles' closeness (-inf where the evidence rule already sends the article to
    "Other"), word counts and kinds; no gate when there is nothing to separate."""
    reported = pushes & np.isfinite(closeness)
    if reported.sum() < 2 or pushes.all():
        return Gate()
    log_words = np.log(words[reported])
    if np.ptp(log_words) > 0:
        slope, intercept = np.polyfit(log_words, closeness[reported], 1)
    else:
        slope, intercept = 0.0, float(closeness[reported].mean())
    unscored = Gate(-math.inf, float(intercept), float(slope), float(words.min()), float(words.max()))
    scores = np.array(
        [unscored.score(c, w) if np.isfinite(c) else -np.inf for c, w in zip(closeness, words, strict=True)]
    )
    return replace(unscored, threshold=best_threshold(scores, pushes))


def best_threshold(scores: np.ndarray, pushes: np.ndarray) -> float:
    """The score at or above which an article is taken to push a storyline: the best balanced accuracy among
    the thresholds that keep at least STORYLINE_ARTICLES_KEPT of the storyline articles with a finite score
    (-inf marks an article that the evidence rule already sends to "Other"); -inf when there is nothing to
    separate."""
    reported = pushes & np.isfinite(scores)
    if not reported.any() or pushes.all():
        return float("-inf")
    values = np.unique(scores[np.isfinite(scores)])
    candidates = np.concatenate([[-np.inf], (values[:-1] + values[1:]) / 2, values[-1:]])
    predicted = scores[:, None] >= candidates[None, :]
    kept = (predicted & reported[:, None]).sum(axis=0) / reported.sum()
    true_positive_rate = (predicted & pushes[:, None]).sum(axis=0) / pushes.sum()
    true_negative_rate = (~predicted & ~pushes[:, None]).sum(axis=0) / (~pushes).sum()
    balanced_accuracy = np.where(kept >= STORYLINE_ARTICLES_KEPT, true_positive_rate + true_negative_rate, -1)
    return float(candidates[int(np.argmax(balanced_accuracy))])
