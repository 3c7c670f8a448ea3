"""Fine-tuning a local checkpoint into a transformers-backend package, on a tiny model built here.

Nothing comes from a model hub: the tokenizer is trained on the sentences below and the encoder is a
two-layer BERT with random weights, saved with `save_pretrained` as a user's downloaded checkpoint would be.
"""

from __future__ import annotations

import os
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
from spinscope.models.card import DataSource, ModelCard
from spinscope.models.transformers_backend import TransformersModel
from spinscope.taxonomy import FRAMES, GENRES, TECHNIQUES
from spinscope.training.examples import Example
from spinscope.training.finetune import FinetuneSettings, finetune, split_groups
from tiny_bert import bert_config, wordpiece_tokenizer

# Articles of three paragraphs each: (genre, frames, [(paragraph, techniques)]).
ARTICLES = [
    ("opinion", ("Political",), [
        ("Ce régime corrompu et ses sbires mènent une politique honteuse.", {"Loaded_Language"}),
        ("Ces bureaucrates arrogants méprisent le peuple.", {"Name_Calling-Labeling", "Loaded_Language"}),
        ("Peut-on encore croire leurs promesses ?", {"Doubt"}),
    ]),
    ("opinion", ("Political", "Morality"), [
        ("The corrupt regime and its cronies push a shameful agenda.", {"Loaded_Language"}),
        ("These arrogant bureaucrats despise ordinary people.", {"Name_Calling-Labeling", "Loaded_Language"}),
        ("Can anyone still trust their promises?", {"Doubt"}),
    ]),
    ("reporting", ("Economic",), [
        ("Le conseil municipal a voté mardi le budget de la médiathèque.", set()),
        ("Les travaux commenceront au printemps selon la mairie.", set()),
        ("Le coût total est estimé à deux millions d'euros.", set()),
    ]),
    ("reporting", ("Economic",), [
        ("The city council approved the library budget on Tuesday.", set()),
        ("Work will begin in the spring, the town hall said.", set()),
        ("The total cost is estimated at two million euros.", set()),
    ]),
    ("opinion", ("Security_and_defense",), [
        ("Cette bande de traîtres brade la nation.", {"Name_Calling-Labeling", "Loaded_Language"}),
        ("Qui croit encore les chiffres officiels ?", {"Doubt"}),
        ("Une trahison ignoble et scandaleuse.", {"Loaded_Language"}),
    ]),
    ("opinion", ("Security_and_defense",), [
        ("A gang of cowardly traitors is selling out the nation.", {"Name_Calling-Labeling", "Loaded_Language"}),
        ("Who still believes the official figures?", {"Doubt"}),
        ("A vile and scandalous betrayal.", {"Loaded_Language"}),
    ]),
    ("reporting", ("Health_and_safety",), [
        ("Le train de huit heures circulera normalement lundi.", set()),
        ("La température moyenne de mars était de onze degrés.", set()),
        ("L'hôpital ouvrira un nouveau service en juin.", set()),
    ]),
    ("reporting", ("Health_and_safety",), [
        ("The eight o'clock train will run normally on Monday.", set()),
        ("The average temperature in March was eleven degrees.", set()),
        ("The hospital will open a new ward in June.", set()),
    ]),
    ("opinion", ("Political",), [
        ("Ces menteurs professionnels nous prennent pour des idiots.", {"Name_Calling-Labeling", "Loaded_Language"}),
        ("Leurs experts autoproclamés se trompent toujours, non ?", {"Doubt"}),
        ("Un scandale absolu et révoltant.", {"Loaded_Language"}),
    ]),
    ("reporting", ("Economic",), [
        ("The central bank kept its rate unchanged on Thursday.", set()),
        ("La banque centrale a laissé son taux inchangé jeudi.", set()),
        ("Analysts had expected the decision.", set()),
    ]),
]  # fmt: skip


def examples(with_article_labels: bool = True) -> list[Example]:
    rows = []
    for number, (genre, frames, paragraphs) in enumerate(ARTICLES):
        for text, techniques in paragraphs:
            rows.append(
                Example(
                    text=text,
                    language="en" if text.isascii() else "fr",
                    techniques=frozenset(techniques),
                    genre=genre if with_article_labels else None,
                    frames=frames if with_article_labels else (),
                    group=f"article-{number}",
                )
            )
    return rows


def build_base(directory: Path) -> Path:
    """A two-layer BERT and a WordPiece tokenizer trained on the examples, as save_pretrained writes them."""
    import torch
    from transformers import BertForMaskedLM

    tokenizer = wordpiece_tokenizer([e.text for e in examples()], vocab_size=400, max_length=64)
    torch.manual_seed(0)
    BertForMaskedLM(bert_config(tokenizer, max_length=64)).save_pretrained(directory)
    tokenizer.save_pretrained(directory)
    return directory


SETTINGS = FinetuneSettings(
    epochs=30, batch_size=8, learning_rate=3e-3, max_length=24, stride=8, validation=0.3, device="cpu"
)
SOURCE = DataSource(
    name="tests", source="tests/training/test_finetune.py", licence="MIT", size="30 paragraphs"
)


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    return build_base(tmp_path_factory.mktemp("base"))


@pytest.fixture(scope="module")
def trained(base, tmp_path_factory) -> tuple[Path, ModelCard, list[str]]:
    out = tmp_path_factory.mktemp("packages") / "tiny-transformer"
    messages: list[str] = []
    card = finetune(
        examples(),
        out,
        base=base,
        name="tiny-transformer",
        description="A tiny fine-tuned encoder made by the test suite.",
        training_data=[SOURCE],
        settings=SETTINGS,
        progress=messages.append,
    )
    return out, card, messages


def test_finetune_writes_a_complete_package(trained):
    out, card, _ = trained
    assert (out / "model.json").is_file()
    assert (out / "config.json").is_file()
    assert (out / "tokenizer.json").is_file()
    assert any(out.glob("*.safetensors"))
    assert ModelCard.load(out) == card
    assert card.backend == "transformers"
    assert card.techniques == list(TECHNIQUES)
    assert card.frames == list(FRAMES)
    assert card.genres == list(GENRES)
    assert card.languages == ["en", "fr"]
    assert card.training_data == [SOURCE]
    assert card.settings["max_length"] == 24
    assert card.settings["training"]["examples"] + card.settings["training"]["held_out"] == 30


def test_thresholds_are_chosen_for_labels_seen_in_the_held_out_fold(trained):
    _, card, _ = trained
    techniques = card.thresholds["techniques"]["*"]
    assert techniques, "the held-out articles carry techniques, so some thresholds are chosen"
    assert set(techniques) <= {"Loaded_Language", "Name_Calling-Labeling", "Doubt"}
    assert all(0 < value < 1 for value in techniques.values())
    assert set(card.thresholds["frames"]["*"]) <= set(FRAMES)
    # A technique no example carries keeps the default rather than a threshold fitted to nothing.
    assert card.threshold("techniques", "fr", "Red_Herring") == 0.5


def test_training_reports_each_epoch_and_the_loss_goes_down(trained):
    _, _, messages = trained
    epochs = [m for m in messages if m.startswith("epoch ")]
    assert len(epochs) == SETTINGS.epochs
    losses = [float(m.rsplit(" ", 1)[1]) for m in epochs]
    assert losses[-1] < losses[0]
    assert messages[-1] == "thresholds"


def test_the_package_loads_and_predicts_through_load_model(trained):
    out, card, _ = trained
    model = load_model(out)
    assert isinstance(model, TransformersModel)
    assert isinstance(model, TechniqueModel)
    texts = ["Ces traîtres arrogants mentent.", "Le budget a été voté mardi."]
    scores = model.technique_scores(texts, "fr")
    assert scores.shape == (2, len(TECHNIQUES))
    assert np.all((scores >= 0) & (scores <= 1))
    assert np.array_equal(scores, model.technique_scores(texts, "fr"))
    assert abs(sum(model.genre_scores(" ".join(texts), "fr").values()) - 1) < 1e-5


def test_the_model_learns_which_paragraphs_carry_a_technique(trained):
    out, _, _ = trained
    model = load_model(out)
    rows = examples()
    scores = model.technique_scores([e.text for e in rows], "fr")[:, TECHNIQUES.index("Loaded_Language")]
    loaded = np.array(["Loaded_Language" in e.techniques for e in rows])
    assert scores[loaded].mean() > scores[~loaded].mean() + 0.05


def test_heads_without_training_labels_are_left_out(base, tmp_path):
    card = finetune(
        examples(with_article_labels=False),
        tmp_path / "techniques-only",
        base=base,
        name="techniques-only",
        description="No genre or frames in the data.",
        training_data=[SOURCE],
        settings=FinetuneSettings(epochs=1, batch_size=16, max_length=24, stride=4, device="cpu"),
    )
    assert card.frames == [] and card.genres == []
    assert "frames" not in card.thresholds
    model = load_model(tmp_path / "techniques-only")
    assert model.frame_scores("Un texte.", "fr") == {}
    assert model.genre_scores("Un texte.", "fr") == {}


def test_held_out_groups_are_whole_and_drawn_reproducibly():
    groups = ["a", "a", "b", "b", "c", "d", "d", "e"]
    train_rows, held_rows = split_groups(groups, 0.4, seed=3)
    assert sorted([*train_rows, *held_rows]) == list(range(len(groups)))
    assert not {groups[i] for i in train_rows} & {groups[i] for i in held_rows}
    assert len({groups[i] for i in held_rows}) == 2
    again = split_groups(groups, 0.4, seed=3)
    assert np.array_equal(again[0], train_rows) and np.array_equal(again[1], held_rows)


def test_a_single_group_cannot_be_split():
    with pytest.raises(ValueError, match="two groups"):
        split_groups(["a", "a", "a"], 0.2, seed=0)


def test_a_base_that_is_not_a_checkpoint_is_a_model_error(tmp_path):
    with pytest.raises(ModelError, match="not a local Hugging Face checkpoint"):
        finetune(examples(), tmp_path / "out", base=tmp_path, name="x", description="x", training_data=[])


def test_without_torch_the_error_says_how_to_install_it(monkeypatch, base, tmp_path):
    monkeypatch.setitem(sys.modules, "torch", None)
    with pytest.raises(ModelError, match=r"pip install 'spinscope\[transformers\]'"):
        finetune(examples(), tmp_path / "out", base=base, name="x", description="x", training_data=[])
