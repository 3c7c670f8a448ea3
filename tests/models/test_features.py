"""Character n-gram features: stable across processes, positioned, normalised."""

import subprocess
import sys

import numpy as np

from spinscope.models.features import LANGUAGES, CharNgrams, cue_features, language_features, lexicon_features
from spinscope.taxonomy import TECHNIQUES


def test_hashing_is_the_same_in_every_process():
    code = "from spinscope.models.features import CharNgrams; print(CharNgrams().vector('Otan néfaste')[0].tolist())"
    other = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert other.strip() == str(CharNgrams().vector("Otan néfaste")[0].tolist())


def test_occurrences_point_at_their_characters():
    ngrams = CharNgrams(n_min=3, n_max=3, buckets=1 << 10)
    buckets, starts, sizes = ngrams.occurrences("abcab")
    assert starts.tolist() == [0, 1, 2] and set(sizes.tolist()) == {3}
    assert buckets[0] != buckets[1]
    # Case does not matter; the same trigram lands in the same bucket wherever it stands.
    assert ngrams.occurrences("ABC")[0][0] == buckets[0]


def test_vectors_are_unit_length_and_short_texts_are_empty():
    columns, values = CharNgrams().vector("Une influence néfaste")
    assert len(columns) == len(set(columns.tolist()))
    assert np.isclose(np.linalg.norm(values), 1.0)
    assert len(CharNgrams().vector("a")[0]) == 0


def test_lexicon_features_count_cues_per_technique():
    features = lexicon_features(["l'influence néfaste de l'Otan", "Le train part."], "fr")
    assert features.shape == (2, len(TECHNIQUES))
    assert features[0, TECHNIQUES.index("Loaded_Language")] > 0
    assert features[1].sum() == 0
    assert lexicon_features(["texte"], "xx").sum() == 0


def test_language_one_hot():
    assert language_features(2, "fr").sum() == 2
    assert language_features(1, "xx").sum() == 0


def test_cue_features_are_the_lexicon_block_then_the_language_block():
    texts = ["l'influence néfaste de l'Otan", "Le train part."]
    features = cue_features(texts, "fr")
    assert features.shape == (2, len(TECHNIQUES) + len(LANGUAGES))
    assert np.array_equal(features[:, : len(TECHNIQUES)], lexicon_features(texts, "fr"))
    assert np.array_equal(features[:, len(TECHNIQUES) :], language_features(2, "fr"))
