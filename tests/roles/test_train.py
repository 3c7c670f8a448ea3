"""Training a role model from a folder of examples, and what the package it writes holds."""

from __future__ import annotations

import json
from pathlib import Path

from spinscope.roles.mentions import cast_mentions
from spinscope.roles.model import RoleModel
from spinscope.roles.train import corpus_examples, main

SENTENCES = [
    ("{} shelled the border villages again last night.", "Antagonist", "Instigator"),
    ("{} bombed the schools and the hospital of the town.", "Antagonist", "Instigator"),
    ("{} launched another wave of missiles at the capital.", "Antagonist", "Instigator"),
    ("The floods left {} homeless and without water.", "Innocent", "Victim"),
    ("The strike wounded {} as they queued for bread.", "Innocent", "Victim"),
    ("The shelling destroyed the homes of {} in the valley.", "Innocent", "Victim"),
    ("{} sent doctors and generators to the flooded towns.", "Protagonist", "Guardian"),
    ("{} delivered food and medicine to the besieged city.", "Protagonist", "Guardian"),
    ("{} took in the refugees and opened schools for their children.", "Protagonist", "Guardian"),
]
NAMES = ("Kavrin", "Ostravia", "Valdoria")


def _write_corpus(folder: Path) -> None:
    lines = []
    for pattern, main_role, fine in SENTENCES:
        for name in NAMES:
            text = pattern.format(name)
            start = text.index(name)
            record = {"text": text, "entity": name, "start": start, "end": start + len(name)}
            lines.append(json.dumps(record | {"main": main_role, "fine": [fine]}))
    (folder / "en.jsonl").write_text("\n".join(lines[::2]) + "\n", encoding="utf-8")
    (folder / "en-war.jsonl").write_text("\n".join(lines[1::2]) + "\n", encoding="utf-8")


def test_every_jsonl_file_of_the_folder_is_read_with_the_language_of_its_name(tmp_path: Path):
    _write_corpus(tmp_path)
    examples = corpus_examples(tmp_path)
    assert len(examples) == len(SENTENCES) * len(NAMES)
    assert {language for language, _ in examples} == {"en"}


def test_a_trained_package_loads_and_casts_what_it_learned(tmp_path: Path, capsys):
    corpus, out = tmp_path / "corpus", tmp_path / "model"
    corpus.mkdir()
    _write_corpus(corpus)
    assert main([str(corpus), "--out", str(out), "--technique-model", "none"]) == 0
    assert "27 mentions" in capsys.readouterr().out
    model = RoleModel.load(out)
    assert model.card.languages == ["en"]
    assert model.card.settings["technique_model"] == "none"
    text = "Later that week Harland shelled the border villages again."
    start = text.index("Harland")
    (cast,) = cast_mentions(
        text, [(start, start + 7, "Harland")], "en", technique_model=None, role_model=model
    )
    assert (cast.main, cast.fine) == ("Antagonist", ["Instigator"])


def test_a_corpus_missing_a_main_role_is_refused_with_the_role_named(tmp_path: Path, capsys):
    text = "Kavrin shelled the villages."
    record = {
        "text": text,
        "entity": "Kavrin",
        "start": 0,
        "end": 6,
        "main": "Antagonist",
        "fine": ["Instigator"],
    }
    (tmp_path / "en.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    assert main([str(tmp_path), "--out", str(tmp_path / "model"), "--technique-model", "none"]) == 1
    assert "Innocent, Protagonist" in capsys.readouterr().err
    assert not (tmp_path / "model").exists()
