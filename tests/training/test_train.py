"""`spinscope train` writes a model package whose thresholds come from its own training data."""

import json
from pathlib import Path

import numpy as np

from spinscope.training.train import choose_thresholds, micro_thresholds


def test_thresholds_maximise_f1_per_language_with_enough_examples():
    y = np.array([[1], [1], [0], [0]] * 20, dtype=np.int8)
    scores = np.array([[0.9], [0.6], [0.4], [0.1]] * 20, dtype=np.float32)
    thresholds = choose_thresholds(y, scores, ["fr"] * 40 + ["en"] * 40, ["Doubt"])
    assert 0.4 < thresholds["*"]["Doubt"] <= 0.6
    assert set(thresholds) == {"*", "fr", "en"}


def test_thresholds_chosen_together_drop_a_rare_label_that_costs_micro_f1():
    # A: 50 positives scored 0.9, 50 negatives 0.1. B: 2 positives and 6 negatives, all scored 0.6.
    y = np.zeros((108, 2), dtype=np.int8)
    scores = np.full((108, 2), 0.1, dtype=np.float32)
    y[:50, 0], scores[:50, 0] = 1, 0.9
    y[100:102, 1] = 1
    scores[100:, 1] = 0.6
    alone = choose_thresholds(y, scores, ["fr"] * 108, ["A", "B"])["*"]
    assert alone["B"] <= 0.6  # B's own F1 (0.4) is best when B is predicted for all eight
    together = micro_thresholds(y, scores, ["A", "B"])
    assert together["B"] > 0.6 and 0.1 < together["A"] <= 0.9  # micro-F1 0.980 instead of 0.945


def test_the_package_holds_weights_and_a_card(tiny_model_dir: Path):
    card = json.loads((tiny_model_dir / "model.json").read_text())
    assert card["backend"] == "embedded" and card["settings"]["char_ngrams"]["buckets"] == 1 << 11
    assert set(card["thresholds"]) == {"techniques", "frames"}
    assert set(card["thresholds"]["techniques"]) == {"*"}  # one set, chosen for micro-F1 across languages
    with np.load(tiny_model_dir / "weights.npz") as weights:
        assert weights["techniques_ngrams"].shape == (1 << 11, 23)
        assert weights["genre_bias"].shape == (3,)


def test_train_command_on_a_spinscope_corpus(tmp_path: Path):
    from typer.testing import CliRunner

    from spinscope.cli import app

    corpus = tmp_path / "corpus.jsonl"
    lines = []
    for i, (text, techniques, spans) in enumerate(
        [
            ("Ce régime corrompu ment.", ["Loaded_Language"], [(3, 18, "Loaded_Language")]),
            ("Le budget est voté.", [], []),
            ("This corrupt regime lies.", ["Loaded_Language"], [(5, 19, "Loaded_Language")]),
            ("The budget was approved.", [], []),
            (
                "Le budget est voté. Ce régime corrompu ment.",
                ["Loaded_Language"],
                [(23, 38, "Loaded_Language")],
            ),
        ]
        * 3
    ):
        language = "en" if text.isascii() else "fr"
        lines.append(
            json.dumps(
                {
                    "id": f"{language}-{i:04d}",
                    "language": language,
                    "register": "opinion",
                    "genre": "opinion",
                    "topic": "politics",
                    "text": text,
                    "techniques": techniques,
                    "spans": [{"technique": t, "start": s, "end": e, "text": text[s:e]} for s, e, t in spans],
                    "frames": ["Political"],
                    "kind": "positive" if techniques else "neutral",
                },
                ensure_ascii=False,
            )
        )
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "model"
    result = CliRunner().invoke(
        app,
        [
            "train",
            "--data",
            str(corpus),
            "--out",
            str(out),
            "--licence",
            "MIT",
            "--buckets",
            "1024",
            "--iterations",
            "20",
            "--encoder",
            "none",
        ],
    )
    assert result.exit_code == 0, result.output
    card = json.loads((out / "model.json").read_text())
    assert card["training_data"][0]["licence"] == "MIT" and card["languages"] == ["en", "fr"]
    assert "encoder" not in card["settings"]  # n-grams and cues only, as asked
    # The two-sentence paragraph also teaches the technique head its two sentences, three times over.
    assert card["settings"]["training"]["sentence_examples"] == 6
    whole = tmp_path / "whole"
    args = ["train", "--data", str(corpus), "--out", str(whole), "--buckets", "1024", "--encoder", "none"]
    assert CliRunner().invoke(app, [*args, "--iterations", "5", "--paragraphs-only"]).exit_code == 0
    assert json.loads((whole / "model.json").read_text())["settings"]["training"]["sentence_examples"] == 0
    unknown = CliRunner().invoke(
        app, ["train", "--data", str(corpus), "--out", str(tmp_path / "other"), "--encoder", "bert-huge"]
    )
    assert unknown.exit_code != 0 and "unknown sentence encoder 'bert-huge'" in unknown.output
