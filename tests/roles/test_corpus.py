"""The authored role examples: well-formed, and the ones the shipped role model learned from."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from spinscope.errors import InputError
from spinscope.roles.corpus import main, problems, read_examples
from spinscope.roles.mentions import cast_mentions
from spinscope.roles.train import corpus_examples

CORPUS = Path(__file__).resolve().parents[2] / "corpus" / "roles"
LANGUAGES = ("fr", "en", "de", "it", "es", "pl", "ru", "uk")


def test_every_language_has_examples_and_every_file_is_well_formed(capsys):
    assert main([str(CORPUS / f"{language}.jsonl") for language in LANGUAGES]) == 0
    assert "all well-formed" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("record", "problem"),
    [
        (
            {
                "text": "Kavrin won.",
                "entity": "Kavrin",
                "start": 0,
                "end": 5,
                "main": "Protagonist",
                "fine": ["Guardian"],
            },
            "not the entity",
        ),
        (
            {
                "text": "Kavrin won.",
                "entity": "Kavrin",
                "start": 0,
                "end": 6,
                "main": "Hero",
                "fine": ["Guardian"],
            },
            "unknown main role",
        ),
        (
            {
                "text": "Kavrin won.",
                "entity": "Kavrin",
                "start": 0,
                "end": 6,
                "main": "Protagonist",
                "fine": ["Tyrant"],
            },
            "fine roles",
        ),
        ({"text": "Kavrin won.", "entity": "Kavrin"}, "fields must be"),
    ],
)
def test_a_wrong_record_is_named_for_what_is_wrong(record, problem):
    assert any(problem in p for p in problems(record))


def test_a_bad_line_is_reported_with_its_number(tmp_path: Path):
    path = tmp_path / "en.jsonl"
    good = {
        "text": "Kavrin won.",
        "entity": "Kavrin",
        "start": 0,
        "end": 6,
        "main": "Protagonist",
        "fine": ["Guardian"],
    }
    path.write_text(json.dumps(good) + "\n{not json\n", encoding="utf-8")
    with pytest.raises(InputError, match=":2:"):
        read_examples(path)


def test_every_example_file_of_the_folder_is_well_formed(capsys):
    """Files other writers add (<lang>-<topic>.jsonl) are checked and trained on like the others."""
    assert main([str(path) for path in sorted(CORPUS.glob("*.jsonl"))]) == 0


def test_the_shipped_role_model_was_trained_on_these_examples_with_these_features():
    """A sample of the examples comes out as written: fails when the corpus or the features change and
    nobody retrains (`python -m spinscope.roles.train corpus/roles --out src/spinscope/roles/data/roles-small`)."""
    sample = corpus_examples(CORPUS)[::15]
    main_right = fine_right = 0
    for language, example in sample:
        (cast,) = cast_mentions(
            example.text, [(example.start, example.end, example.entity)], language, technique_model=None
        )
        main_right += cast.main == example.main
        fine_right += set(cast.fine) == set(example.fine)
    assert main_right / len(sample) >= 0.9
    assert fine_right / len(sample) >= 0.8
