"""The embedded backend, on a tiny model trained by the test suite."""

import json
from pathlib import Path

import numpy as np
import pytest

from spinscope.errors import ModelError
from spinscope.models import available_models, load_model, resolve
from spinscope.models.card import ModelCard
from spinscope.taxonomy import FRAMES, GENRES, TECHNIQUES


def test_a_trained_package_loads_by_path_with_its_card(tiny_model_dir: Path):
    model = load_model(tiny_model_dir)
    assert model.card.name == "tiny" and model.card.backend == "embedded"
    assert model.card.techniques == list(TECHNIQUES)
    assert model.card.training_data[0].licence == "MIT"
    assert 0 < model.card.threshold("techniques", "fr", "Loaded_Language") < 1


def test_scores_are_probabilities_and_deterministic(tiny_model_dir: Path):
    model = load_model(tiny_model_dir)
    texts = ["Ce régime corrompu et arrogant trahit la nation.", "Le budget de la médiathèque est voté."]
    scores = model.technique_scores(texts, "fr")
    assert scores.shape == (2, len(TECHNIQUES))
    assert ((scores >= 0) & (scores <= 1)).all()
    assert np.array_equal(scores, model.technique_scores(texts, "fr"))
    loaded = TECHNIQUES.index("Loaded_Language")
    assert scores[0, loaded] > scores[1, loaded]


def test_genre_scores_sum_to_one_and_frames_are_probabilities(tiny_model_dir: Path):
    model = load_model(tiny_model_dir)
    genres = model.genre_scores("Ce régime corrompu et arrogant trahit la nation.", "fr")
    assert set(genres) == set(GENRES) and abs(sum(genres.values()) - 1) < 1e-5
    frames = model.frame_scores("Le budget est voté.", "fr")
    assert set(frames) == set(FRAMES) and all(0 <= v <= 1 for v in frames.values())


def test_salient_span_covers_whole_words_of_the_text(tiny_model_dir: Path):
    model = load_model(tiny_model_dir)
    text = "Hier, ce régime corrompu et arrogant a encore trahi la nation."
    spans = model.salient_spans(text, "Loaded_Language", "fr")
    assert len(spans) == 1
    start, end, weight = spans[0]
    assert weight > 0 and 0 <= start < end <= len(text)
    assert text[start:end] == text[start:end].strip() and text[start - 1] in " ,"


def test_unknown_models_and_broken_packages_are_model_errors(tmp_path: Path, tiny_model_dir: Path):
    with pytest.raises(ModelError, match="no model"):
        resolve(tmp_path / "missing")
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "model.json").write_text("{not json")
    with pytest.raises(ModelError, match="invalid model card"):
        ModelCard.load(broken)
    card = json.loads((tiny_model_dir / "model.json").read_text())
    card["techniques"] = card["techniques"][:3]
    wrong = tmp_path / "wrong"
    wrong.mkdir()
    (wrong / "model.json").write_text(json.dumps(card))
    (wrong / "weights.npz").write_bytes((tiny_model_dir / "weights.npz").read_bytes())
    with pytest.raises(ModelError, match="shape"):
        load_model(wrong)


def test_the_card_names_the_encoder_whose_vectors_the_heads_read(tmp_path: Path, tiny_model_dir: Path):
    card = json.loads((tiny_model_dir / "model.json").read_text())
    assert card["settings"]["encoder"] == {"name": "usem3", "scale": 1.0}
    model = load_model(tiny_model_dir)
    dense = model.dense_features(["Ils mentent. Ils volent.", "Le budget est voté."], "fr")
    assert dense.shape == (2, 23 + 8 + 1024)
    again = model.dense_features(["Ils mentent. Ils volent.", "Le budget est voté."], "fr")
    assert again is dense and not again.flags.writeable  # computed once for genre and frames, never altered
    assert model.dense_features(["Autre chose."], "fr") is not dense
    with np.load(tiny_model_dir / "weights.npz") as archive:
        weights = {name: archive[name] for name in archive.files if not name.startswith("encoder_")}
    assert weights["techniques_dense"].shape == (23 + 8 + 1024, 23)
    stripped = tmp_path / "stripped"
    stripped.mkdir()
    (stripped / "model.json").write_text(json.dumps(card))
    np.savez(stripped / "weights.npz", **weights)
    with pytest.raises(ModelError, match="lack its standardisation"):
        load_model(stripped)


def test_the_default_model_ships_with_a_complete_card():
    names = [name for name, _ in available_models()]
    assert "techniques-small" in names
    card = ModelCard.load(resolve(None))
    assert set(card.languages) >= {"fr", "en", "de", "it", "pl", "ru"}
    assert card.training_data and all(source.licence for source in card.training_data)
    assert card.metrics, "the shipped model's card records its measured quality"
