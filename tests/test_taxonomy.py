"""The taxonomy: label sets and their definitions in every language spinscope analyses."""

import yaml

from spinscope import taxonomy
from spinscope.taxonomy import TECHNIQUES, definition, display_name

LANGUAGES = {"en", "fr", "de", "it", "pl", "ru", "uk", "es"}


def test_there_are_the_23_semeval_techniques():
    assert len(TECHNIQUES) == len(set(TECHNIQUES)) == 23
    assert "Name_Calling-Labeling" in TECHNIQUES


def test_every_technique_has_a_definition_in_all_eight_languages_and_nothing_else():
    data = yaml.safe_load((taxonomy._DATA / "technique-definitions.yaml").read_text(encoding="utf-8"))
    assert set(data) == set(TECHNIQUES)
    for technique, by_language in data.items():
        assert set(by_language) == LANGUAGES, technique
        for language, text in by_language.items():
            assert isinstance(text, str) and 30 <= len(text) <= 300, (technique, language)


def test_definitions_differ_by_language():
    assert definition("Doubt", "fr") != definition("Doubt", "en")
    assert "soi-disant" in definition("Doubt", "fr")


def test_an_unknown_language_falls_back_to_english():
    assert definition("Slogans", "nl") == definition("Slogans", "en")


def test_display_names_are_for_people():
    assert display_name("Name_Calling-Labeling") == "Name calling / labeling"
