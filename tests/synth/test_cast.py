"""The cast of synthetic articles: gazetteer persons, spelt in each language's script."""

from __future__ import annotations

import pytest

from spinscope.language import SUPPORTED_LANGUAGES
from spinscope.synth.cast import people, spelling

PUTIN = {
    "id": "per:vladimir-putin",
    "name": "Vladimir Putin",
    "names": ["Vladimir Putin", "Vladimir Poutine", "Владимир Путин", "Володимир Путін"],
}


@pytest.mark.parametrize(
    ("language", "expected"),
    [("fr", "Vladimir Putin"), ("pl", "Vladimir Putin"), ("ru", "Владимир Путин"), ("uk", "Володимир Путін")],
)
def test_a_name_is_spelt_in_the_script_of_the_language(language, expected):
    assert spelling(PUTIN, language) == expected


def test_a_person_without_a_cyrillic_spelling_is_left_out_of_russian_and_ukrainian():
    entry = {"id": "per:someone", "name": "Jan Kowalski", "names": ["Jan Kowalski"]}

    assert spelling(entry, "ru") is None and spelling(entry, "uk") is None
    assert spelling(entry, "de") == "Jan Kowalski"


def test_ukrainian_falls_back_to_a_spelling_without_russian_only_letters():
    entry = {"id": "per:x", "name": "Yuri X", "names": ["Юрий Икс", "Юрій Ікс"]}

    assert spelling(entry, "uk") == "Юрій Ікс"
    assert spelling(entry, "ru") == "Юрий Икс"


@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
def test_every_language_has_a_large_cast_of_both_genders(language):
    cast = people(language)

    assert len(cast) >= 100
    assert {person.gender for person in cast} == {"m", "f"}
    assert all(person.actor_id.startswith("per:") for person in cast)


def test_cyrillic_casts_keep_to_their_own_letters():
    assert not any(set("іїєґ") & set(person.name.lower()) for person in people("ru"))
    assert not any(set("ыэъё") & set(person.name.lower()) for person in people("uk"))
