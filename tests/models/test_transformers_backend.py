"""The transformers backend loads a package (card + save_pretrained checkpoint) and scores like any backend.

The package is built here: a WordPiece tokenizer trained on the sentences below and a two-layer BERT
classifier with random weights whose outputs the card names. Nothing comes from a model hub.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import numpy as np
import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # read when huggingface_hub is imported: never reach a hub
pytest.importorskip("torch")
pytest.importorskip("transformers")

from spinscope.errors import ModelError
from spinscope.models import load_model
from spinscope.models.base import TechniqueModel
from spinscope.models.card import ModelCard
from spinscope.models.transformers_backend import TransformersModel, output_labels
from spinscope.taxonomy import FRAMES, GENRES, TECHNIQUES
from tiny_bert import bert_config, wordpiece_tokenizer

SENTENCES = [
    "Ce régime corrompu mène une politique honteuse et scandaleuse.",
    "Le conseil municipal a voté mardi le budget de la médiathèque.",
    "These arrogant bureaucrats despise ordinary people.",
    "The city council approved the library budget on Tuesday.",
    "Peut-on encore croire leurs promesses ? Qui croit les chiffres officiels ?",
    "A gang of cowardly traitors is selling out the nation.",
]
MAX_LENGTH = 16
STRIDE = 4


def build_package(directory: Path, frames: list[str], genres: list[str], card_frames: list[str]) -> Path:
    """A checkpoint whose outputs are techniques+frames+genres, and a card that names `card_frames`."""
    import torch
    from transformers import BertForSequenceClassification

    tokenizer = wordpiece_tokenizer(SENTENCES, vocab_size=300, max_length=MAX_LENGTH)
    labels = output_labels(TECHNIQUES, frames, genres)
    torch.manual_seed(0)
    config = bert_config(
        tokenizer,
        max_length=MAX_LENGTH,
        num_labels=len(labels),
        id2label=dict(enumerate(labels)),
        label2id={label: i for i, label in enumerate(labels)},
        initializer_range=0.5,  # random weights wide enough that a changed input visibly changes the scores
    )
    BertForSequenceClassification(config).save_pretrained(directory)
    tokenizer.save_pretrained(directory)
    ModelCard(
        name="tiny-transformer",
        version="1",
        description="Random weights, for tests.",
        backend="transformers",
        languages=["en", "fr"],
        techniques=list(TECHNIQUES),
        genres=genres,
        frames=card_frames,
        thresholds={"techniques": {"*": {"Loaded_Language": 0.4}}},
        settings={"max_length": MAX_LENGTH, "stride": STRIDE},
    ).save(directory)
    return directory


@pytest.fixture(scope="module")
def model(tmp_path_factory) -> TransformersModel:
    directory = build_package(
        tmp_path_factory.mktemp("tiny-transformer"), list(FRAMES), list(GENRES), list(FRAMES)
    )
    return load_model(directory)


def long_text(sentences: int) -> str:
    return " ".join(SENTENCES[i % len(SENTENCES)] for i in range(sentences))


def test_load_model_dispatches_to_the_transformers_backend(model):
    assert isinstance(model, TransformersModel)
    assert isinstance(model, TechniqueModel)
    assert model.card.threshold("techniques", "fr", "Loaded_Language") == 0.4


def test_technique_scores_are_probabilities_one_row_per_text(model):
    scores = model.technique_scores(SENTENCES, "fr")
    assert scores.shape == (len(SENTENCES), len(TECHNIQUES))
    assert np.all((scores >= 0) & (scores <= 1))
    assert model.technique_scores([], "fr").shape == (0, len(TECHNIQUES))


def test_the_same_input_gives_the_same_scores(model):
    first = model.technique_scores(SENTENCES, "fr")
    assert np.array_equal(first, model.technique_scores(SENTENCES, "fr"))
    # Padding a text beside longer ones does not change its score.
    alone = model.technique_scores(SENTENCES[:1], "fr")
    np.testing.assert_allclose(alone[0], first[0], atol=1e-5)


def test_a_text_longer_than_the_window_is_read_to_its_end(model):
    text = long_text(12)
    assert len(model.tokenizer(text)["input_ids"]) > 5 * MAX_LENGTH
    ending = text + " Une trahison ignoble et révoltante, honteuse et scandaleuse."
    scores = model.technique_scores([text, ending], "fr")
    assert np.all((scores >= 0) & (scores <= 1))
    change = np.abs(scores[0] - scores[1]).max()
    assert change > 1e-3, "a truncating model would not see the added sentence"
    assert model.frame_scores(text, "fr") != model.frame_scores(ending, "fr")


def test_genre_is_one_distribution_and_frames_are_independent_probabilities(model):
    genres = model.genre_scores(long_text(8), "fr")
    assert list(genres) == list(GENRES)
    assert abs(sum(genres.values()) - 1) < 1e-5
    frames = model.frame_scores(long_text(8), "fr")
    assert list(frames) == list(FRAMES)
    assert all(0 <= score <= 1 for score in frames.values())


def test_salient_spans_are_whole_words_of_the_text(model):
    for text in (SENTENCES[0], long_text(10)):
        found = 0
        for technique in TECHNIQUES:
            spans = model.salient_spans(text, technique, "fr")
            assert spans == model.salient_spans(text, technique, "fr")
            for start, end, weight in spans:
                found += 1
                assert 0 <= start < end <= len(text)
                assert text[start].isalnum() and text[end - 1].isalnum()
                assert start == 0 or not text[start - 1].isalnum()
                assert end == len(text) or not text[end].isalnum()
                assert len(re.findall(r"\w+(?:[-'’]\w+)*", text[start:end])) <= 8
                assert weight > 0
        assert found, "some technique has words that raise its score"


def test_a_card_that_does_not_match_the_checkpoint_is_a_model_error(tmp_path):
    directory = build_package(tmp_path / "mismatch", list(FRAMES), list(GENRES), card_frames=[])
    with pytest.raises(ModelError, match="do not match the card"):
        load_model(directory)


def test_a_card_without_a_checkpoint_is_a_model_error(tmp_path):
    ModelCard(
        name="empty", version="1", description="", backend="transformers", languages=["fr"], techniques=[]
    ).save(tmp_path)
    with pytest.raises(ModelError, match="cannot load the transformers checkpoint"):
        load_model(tmp_path)


def test_without_torch_the_error_says_how_to_install_it(monkeypatch, tmp_path):
    ModelCard(
        name="needs-torch",
        version="1",
        description="",
        backend="transformers",
        languages=["fr"],
        techniques=[],
    ).save(tmp_path)
    monkeypatch.setitem(sys.modules, "torch", None)
    with pytest.raises(ModelError, match=r"pip install 'spinscope\[transformers\]'"):
        load_model(tmp_path)
