from __future__ import annotations

import numpy as np
import pytest

from spinscope.narratives import gate
from spinscope.narratives.gate import Gate, best_threshold, fit_gate, synthetic_articles

NEUTRAL = np.arange(100, 130)


def test_each_storyline_gives_an_article_that_pushes_it_and_one_of_neutral_texts_at_each_size():
    storylines = [(0, np.arange(1, 8)), (1, np.array([8, 9, 10]))]
    articles = synthetic_articles(storylines, NEUTRAL, np.random.default_rng(0))
    sizes = [(a.catalogue, a.pushes, len(a.texts)) for a in articles]
    # The second storyline has too few examples for the longest articles.
    assert sizes == [
        (0, True, 8), (0, False, 8), (1, True, 8), (1, False, 8),
        (0, True, 12), (0, False, 12), (1, True, 12), (1, False, 12),
        (0, True, 24), (0, False, 24),
    ]  # fmt: skip
    for article in articles:
        assert len(article.texts) == len(set(article.texts))
        storyline = [i for i in article.texts if i < 100]
        expected = dict((total, share) for share, total in gate.SIZES)[len(article.texts)]
        assert len(storyline) == (expected if article.pushes else 0)


def test_a_storyline_with_too_few_texts_or_no_neutral_texts_gives_no_article():
    rng = np.random.default_rng(0)
    assert synthetic_articles([(0, np.array([1]))], NEUTRAL, rng) == []
    assert synthetic_articles([(0, np.array([1, 2, 3]))], np.array([], dtype=np.int64), rng) == []


def test_articles_are_the_same_for_the_same_seed():
    storylines = [(0, np.arange(10))]
    first = synthetic_articles(storylines, NEUTRAL, np.random.default_rng(3))
    assert first == synthetic_articles(storylines, NEUTRAL, np.random.default_rng(3))


def test_the_threshold_falls_between_articles_that_push_a_storyline_and_neutral_ones():
    scores = np.array([0.30, 0.32, 0.35, 0.40, 0.10, 0.12, 0.15, 0.20])
    pushes = np.array([True] * 4 + [False] * 4)
    assert best_threshold(scores, pushes) == pytest.approx(0.25)


def test_the_threshold_keeps_nearly_all_storyline_articles_even_where_the_kinds_overlap():
    # Half the storyline articles score like neutral ones: a threshold halfway would drop them.
    scores = np.concatenate([np.linspace(0.1, 0.5, 40), np.linspace(0.1, 0.3, 40)])
    pushes = np.array([True] * 40 + [False] * 40)
    threshold = best_threshold(scores, pushes)
    assert (scores[pushes] >= threshold).mean() >= gate.STORYLINE_ARTICLES_KEPT
    assert threshold > 0.1  # still rejects the neutral articles it can


def test_articles_the_evidence_rule_already_rejects_do_not_count_as_kept():
    scores = np.array([-np.inf, -np.inf, 0.3, 0.1, -np.inf])
    pushes = np.array([True, True, True, False, False])
    assert best_threshold(scores, pushes) == pytest.approx(0.2)


def test_no_threshold_without_both_kinds_of_article():
    assert best_threshold(np.array([0.3, 0.4]), np.array([True, True])) == -np.inf
    assert best_threshold(np.array([-np.inf, 0.4]), np.array([True, False])) == -np.inf


def test_the_gate_expects_more_closeness_of_a_longer_article():
    # Storyline articles get closer to their narrative as they grow; neutral ones stay far at every length.
    words = np.array([100.0, 200.0, 400.0] * 4)
    closeness = np.concatenate([np.log(words[:6]) * 0.02, np.log(words[6:]) * 0.02 - 0.04])
    pushes = np.array([True] * 6 + [False] * 6)
    fitted = fit_gate(closeness, words, pushes)
    assert fitted.slope == pytest.approx(0.02)
    assert all(fitted.passes(c, w) for c, w in zip(closeness[:6], words[:6], strict=True))
    assert not any(fitted.passes(c, w) for c, w in zip(closeness[6:], words[6:], strict=True))
    # What passes for a short article is too little for a long one.
    assert fitted.passes(0.02 * np.log(100), 100) and not fitted.passes(0.02 * np.log(100), 400)


def test_lengths_beyond_those_calibrated_are_judged_as_the_nearest_calibrated_one():
    fitted = Gate(threshold=1.0, intercept=0.0, slope=0.02, fewest_words=100, most_words=400)
    assert fitted.score(0.1, 5000) == fitted.score(0.1, 400)
    assert fitted.score(0.1, 10) == fitted.score(0.1, 100)


def test_no_gate_without_storyline_articles_to_keep():
    assert fit_gate(np.array([-np.inf, 0.1]), np.array([100.0, 100.0]), np.array([True, False])) == Gate()
    assert Gate().passes(0.0, 10)
