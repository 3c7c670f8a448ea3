"""Language identification among the supported languages, and refusal of the others."""

from __future__ import annotations

import pytest

from spinscope.errors import LanguageError
from spinscope.language import SUPPORTED_LANGUAGES, identify

PARAGRAPHS = {
    "fr": "Le conseil municipal a voté hier soir le budget de la ville. L'opposition dénonce une hausse des impôts "
    "qu'elle juge injustifiée.",
    "en": "The city council approved the budget late last night. The opposition says the tax increase cannot be "
    "justified.",
    "de": "Der Stadtrat hat gestern Abend den Haushalt beschlossen. Die Opposition hält die Steuererhöhung für "
    "ungerechtfertigt.",
    "it": "Il consiglio comunale ha approvato ieri sera il bilancio della città. L'opposizione giudica ingiustificato "
    "l'aumento delle tasse.",
    "pl": "Rada miejska przyjęła wczoraj wieczorem budżet miasta. Opozycja uważa podwyżkę podatków za "
    "nieuzasadnioną.",
    "ru": "Городской совет вчера вечером утвердил бюджет города. Оппозиция считает повышение налогов "
    "необоснованным.",
    "uk": "Міська рада вчора ввечері ухвалила бюджет міста. Опозиція вважає підвищення податків "
    "необґрунтованим.",
    "es": "El ayuntamiento aprobó anoche el presupuesto de la ciudad. La oposición considera injustificada la "
    "subida de impuestos.",
}


def test_every_supported_language_has_a_test_paragraph():
    assert set(PARAGRAPHS) == set(SUPPORTED_LANGUAGES)


@pytest.mark.parametrize(("code", "paragraph"), PARAGRAPHS.items())
def test_each_supported_language_is_identified_from_a_short_paragraph(code, paragraph):
    language = identify(paragraph)
    assert language.code == code
    assert language.source == "detected"
    assert 0.5 < language.confidence <= 1.0


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Він сказав ні.", "uk"),
        ("Он сказал нет.", "ru"),
        ("Київ", "uk"),
        ("Україна", "uk"),
        ("Россия", "ru"),
        ("Міністр пішов у відставку.", "uk"),
        ("Министр ушёл в отставку.", "ru"),
        ("Є питання до уряду.", "uk"),
        ("Это был ответ Москвы.", "ru"),
    ],
)
def test_ukrainian_and_russian_are_told_apart_even_in_a_few_words(text, code):
    language = identify(text)
    assert language.code == code
    assert 0.0 <= language.confidence <= 1.0


@pytest.mark.parametrize(("text", "code"), [("Bonjour à tous", "fr"), ("Die Regierung tritt zurück.", "de")])
def test_a_few_words_are_enough_for_a_supported_language(text, code):
    assert identify(text).code == code


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("O conselho municipal aprovou ontem à noite o orçamento da cidade. A oposição considera o aumento dos "
         "impostos injustificado.", "Portuguese"),
        ("市议会昨晚通过了城市预算。反对派认为增税没有道理。", "Chinese"),
        ("Městská rada včera večer schválila rozpočet města. Opozice považuje zvýšení daní za neopodstatněné.",
         "Czech"),
    ],
)  # fmt: skip
def test_an_unsupported_language_is_refused_by_name_with_a_way_out(text, name):
    with pytest.raises(LanguageError, match=name) as error:
        identify(text)
    assert "--lang" in str(error.value)


def test_the_user_can_override_the_language():
    language = identify(PARAGRAPHS["fr"], override="de")
    assert (language.code, language.confidence, language.source) == ("de", 1.0, "user")


def test_an_override_also_lets_an_unsupported_language_through():
    assert identify("O governo caiu ontem à noite.", override="es").code == "es"


@pytest.mark.parametrize(("given", "code"), [("FR", "fr"), (" uk ", "uk"), ("fr-FR", "fr"), ("es_MX", "es")])
def test_override_codes_are_normalised(given, code):
    assert identify("texte", override=given).code == code


@pytest.mark.parametrize("code", ["xx", "pt", "french", ""])
def test_an_unknown_override_is_refused(code):
    with pytest.raises(LanguageError, match="supported: fr, en, de, it, pl, ru, uk, es"):
        identify(PARAGRAPHS["fr"], override=code)


def test_a_text_without_letters_cannot_be_identified():
    with pytest.raises(LanguageError, match="--lang"):
        identify("2024 — 17 % / 3,5 ‰ …")
