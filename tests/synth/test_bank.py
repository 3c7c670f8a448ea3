"""Phrase banks: every language loads, every template fills, and a broken bank fails loudly."""

from __future__ import annotations

from pathlib import Path

import pytest

from spinscope.errors import ModelError
from spinscope.language import SUPPORTED_LANGUAGES
from spinscope.synth import bank as bank_module
from spinscope.synth.bank import REGISTERS, SLOTS, load_bank
from spinscope.taxonomy import TECHNIQUES


def templates(bank) -> list[str]:
    found = [*bank.leads, *bank.neutral, *bank.closings, *bank.quote_forms, bank.dateline]
    found += [*bank.quotes_neutral, *bank.quotes_loaded]
    found += [template for section in bank.headlines.values() for template in section]
    found += [template for section in bank.techniques.values() for template in section]
    return found


@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
def test_every_template_of_every_language_fills_with_the_known_slots(language):
    bank = load_bank(language)
    values = {slot: f"<{slot}>" for slot in SLOTS}

    for template in templates(bank):
        filled = template.format_map(values)
        assert "{" not in filled and "}" not in filled, template


@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
def test_every_bank_writes_all_registers_with_semeval_technique_labels(language):
    bank = load_bank(language)

    assert all(bank.headlines[register] for register in REGISTERS)
    assert set(bank.techniques) <= set(TECHNIQUES)
    assert {
        "Loaded_Language",
        "Name_Calling-Labeling",
        "Appeal_to_Fear-Prejudice",
        "Flag_Waving",
        "Doubt",
    } <= set(bank.techniques)
    assert all("{figure}" in lead for lead in bank.leads)
    assert len(bank.neutral) >= 20 and len(bank.topics) >= 15


def test_french_and_english_are_the_richest_banks():
    sizes = {language: len(templates(load_bank(language))) for language in SUPPORTED_LANGUAGES}
    others = [size for language, size in sizes.items() if language not in ("fr", "en")]

    assert min(sizes["fr"], sizes["en"]) > max(others)


def test_an_unknown_language_has_no_bank():
    with pytest.raises(ModelError, match="no synthetic-article bank"):
        load_bank("pt")


@pytest.fixture
def broken_bank(tmp_path, monkeypatch):
    """A copy of the French bank in a temporary data folder, for a test to break."""
    source = Path(str(bank_module.DATA / "fr.yaml")).read_text(encoding="utf-8")
    monkeypatch.setattr(bank_module, "DATA", tmp_path)
    load_bank.cache_clear()
    yield lambda old, new: (tmp_path / "fr.yaml").write_text(source.replace(old, new, 1), encoding="utf-8")
    load_bank.cache_clear()


def test_a_template_with_an_unknown_slot_is_refused_with_the_file_name(broken_bank):
    broken_bank("{institution} doit présenter", "{instituion} doit présenter")

    with pytest.raises(ModelError, match=r"fr\.yaml: unknown slot 'instituion'"):
        load_bank("fr")


def test_a_lead_without_the_key_figure_is_refused(broken_bank):
    broken_bank("concerne désormais {figure} {unit}", "concerne désormais des {unit}")

    with pytest.raises(ModelError, match="every lead must hold"):
        load_bank("fr")


def test_a_technique_that_is_not_a_semeval_label_is_refused(broken_bank):
    broken_bank("  Slogans:", "  Catchphrases:")

    with pytest.raises(ModelError, match="'Catchphrases' is not a SemEval technique label"):
        load_bank("fr")
