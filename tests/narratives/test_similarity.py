from __future__ import annotations

import numpy as np
import pytest

from spinscope.narratives.similarity import StemTfidfEncoder

INDEXED = [
    "Sanctions against the exporters backfired on European factories.",
    "A glacier has not retreated an inch in twenty years.",
    "Referees favour the richest football clubs.",
]


def test_a_text_is_most_similar_to_itself_and_not_at_all_to_an_unrelated_one():
    index = StemTfidfEncoder().index([[text] for text in INDEXED])
    scores = index.similarities([INDEXED[1], "Bakers knead dough before dawn."])
    assert scores.shape == (2, 3)
    assert scores[0, 1] == pytest.approx(1.0, abs=1e-5)  # nothing in it is common to the indexed texts
    assert scores[0].argmax() == 1
    assert np.all(scores[1] == 0.0)


def test_inflected_forms_share_their_stem():
    index = StemTfidfEncoder().index([[text] for text in INDEXED])
    assert index.similarities(["The sanctioned exporters saw factory orders fall."])[0].argmax() == 0


def test_features_common_to_most_of_the_fitting_corpus_are_left_out():
    corpus = [*INDEXED, "The factories and the clubs.", "The glacier and the clubs."]
    index = StemTfidfEncoder(max_df=0.5).index([[text] for text in INDEXED], fit_on=corpus)
    assert index.similarities(["The the the."])[0].max() == 0.0
    assert index.similarities(["The glacier."])[0].argmax() == 1


def test_scores_do_not_depend_on_the_batch_or_the_process():
    index = StemTfidfEncoder().index([[text] for text in INDEXED])
    alone = index.similarities(["Sanctions hurt factories."])
    batched = index.similarities(["Glaciers are fine.", "Sanctions hurt factories.", ""])
    assert np.array_equal(alone[0], batched[1])
    assert np.all(batched[2] == 0.0)
    assert index.similarities([]).shape == (0, 3)


def test_a_group_of_texts_is_pooled_into_one_profile():
    index = StemTfidfEncoder().index([INDEXED[:2], INDEXED[2:]])
    scores = index.similarities(["Sanctions backfired.", "The glacier has not retreated.", "Richest clubs."])
    assert scores.shape == (3, 2)
    assert list(scores.argmax(axis=1)) == [0, 0, 1]
