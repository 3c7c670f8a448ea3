"""The authored role examples: well-formed, and cast right often enough by the shipped rules."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from spinscope.errors import InputError
from spinscope.roles.corpus import main, problems, read_examples
from spinscope.training.semeval2025_roles import predict_roles

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


def test_the_rules_cast_most_authored_examples_right():
    """A regression floor: the main role of at least 3 in 4 examples, the exact fine roles of 1 in 2."""
    examples = [(language, e) for language in LANGUAGES for e in read_examples(CORPUS / f"{language}.jsonl")]
    main_right = fine_right = 0
    for language, example in examples:
        main_role, fine = predict_roles(
            example.text, [(example.start, example.end, example.entity)], language, model=None
        )[0]
        main_right += main_role == example.main
        fine_right += set(fine) == set(example.fine)
    assert main_right / len(examples) >= 0.75
    assert fine_right / len(examples) >= 0.5
