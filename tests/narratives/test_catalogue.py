from __future__ import annotations

import copy

import pytest

from spinscope.narratives.catalogue import CatalogueError, load_catalogue, parse_catalogue, shipped_catalogue
from spinscope.taxonomy import NARRATIVES, SUBNARRATIVES


def test_the_shipped_catalogue_has_every_semeval_storyline_and_no_other_label():
    ids = {entry.id for entry in shipped_catalogue().entries}
    storylines = {
        label for label in NARRATIVES + SUBNARRATIVES if label != "Other" and not label.endswith(": Other")
    }
    assert ids == storylines


def test_shipped_subnarratives_hang_under_their_narrative_and_share_its_domain():
    catalogue = shipped_catalogue()
    for entry in catalogue.entries:
        assert entry.description
        assert entry.domain == entry.id.split(":")[0]
        if entry.parent is not None:
            assert entry.parent in NARRATIVES
            assert entry.id.startswith(entry.parent + ": ")


def test_shipped_examples_are_merged_from_the_language_files():
    entry = shipped_catalogue().entry("URW: Praise of Russia")
    assert any(example.language == "en" for example in entry.examples)


def test_shipped_neutral_texts_are_merged_from_the_language_files():
    neutral = shipped_catalogue().neutral
    assert {"en", "fr"} <= {text.language for text in neutral}
    assert all(text.text for text in neutral)


def test_neutral_texts_are_read_by_language_or_as_a_plain_list(energy_data):
    assert len(parse_catalogue(energy_data, "test").neutral) == len(energy_data["neutral"])
    energy_data["neutral"] = {
        "en": ["The grid operator published its figures."],
        "de": ["Der Wind ließ nach."],
    }
    neutral = parse_catalogue(energy_data, "test").neutral
    assert [(text.language, text.text) for text in neutral] == [
        ("en", "The grid operator published its figures."),
        ("de", "Der Wind ließ nach."),
    ]
    del energy_data["neutral"]
    assert parse_catalogue(energy_data, "test").neutral == ()


def test_a_users_file_is_read_with_examples_as_a_list_or_by_language(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(
        "catalogue: mine\n"
        "entries:\n"
        "  - id: Cities\n"
        "    description: Claims that big cities are dying.\n"
        "    examples: [Downtown shops close one after another.]\n"
        "  - id: 'Cities: Crime'\n"
        "    parent: Cities\n"
        "    description: Claims that crime is out of control in cities.\n"
        "    examples: {en: [Nobody walks the streets after dark any more.], fr: [Plus personne ne sort le soir.]}\n",
        encoding="utf-8",
    )
    catalogue = load_catalogue(path)
    crime = catalogue.entry("Cities: Crime")
    assert catalogue.name == "mine"
    assert crime.parent == "Cities"
    assert crime.domain == "mine"  # no domain given: the catalogue is one domain
    assert [(e.language, e.text[:6]) for e in crime.examples] == [("en", "Nobody"), ("fr", "Plus p")]
    assert catalogue.entry("Cities").examples[0].language is None


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.pop("catalogue"), "catalogue: NAME"),
        (lambda d: d.update(entries=[]), "non-empty list"),
        (lambda d: d["entries"].append(copy.deepcopy(d["entries"][0])), "more than once"),
        (lambda d: d["entries"][1].update(parent="Nowhere"), "'Nowhere'"),
        (
            lambda d: d["entries"][0].update(parent="Green energy fails: Wind power is unreliable"),
            "own ancestor",
        ),
        (lambda d: d["entries"][0].update(examples="one sentence"), "'examples'"),
        (lambda d: d["entries"][0].pop("description"), "'description'"),
        (lambda d: d["entries"][4].update(keywords=[""]), "'keywords'"),
        (lambda d: d.update(neutral="one sentence"), "'neutral'"),
        (lambda d: d.update(neutral={"en": ["fine", ""]}), "'neutral'"),
    ],
)
def test_a_broken_catalogue_is_refused_with_a_message_naming_the_problem(energy_data, change, message):
    change(energy_data)
    with pytest.raises(CatalogueError, match=message):
        parse_catalogue(energy_data, "test")


def test_a_file_that_is_not_yaml_is_refused(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("catalogue: [unclosed\n", encoding="utf-8")
    with pytest.raises(CatalogueError, match="not valid YAML"):
        load_catalogue(path)
