"""The lexical technique layer: which words fire, which do not, and the spans it writes into a Document."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spinscope.analysis import Language, TechniqueSpan
from spinscope.components.base import Component
from spinscope.components.lexicon import parse_lexicon
from spinscope.components.techniques import LexiconTechniques, merge_overlaps
from spinscope.document import Document


def document(text: str, language: str) -> Document:
    return Document.from_text(text, language=Language(code=language, confidence=1, source="user"))


def spans(text: str, language: str) -> list[TechniqueSpan]:
    doc = document(text, language)
    LexiconTechniques(language)(doc)
    return doc.techniques


def found(text: str, language: str) -> set[tuple[str, str]]:
    return {(s.technique, s.text) for s in spans(text, language)}


# (language, sentence, technique, exact span text): each must fire.
FIRES = [
    ("fr", "Le ministre dénonce l’influence néfaste de Bruxelles.", "Loaded_Language", "influence néfaste"),
    (
        "fr",
        "Ils veulent transformer la région en fief de Washington.",
        "Loaded_Language",
        "transformer la région en fief",
    ),
    ("fr", "Ce diktat de la Commission a été imposé aux agriculteurs.", "Loaded_Language", "diktat"),
    ("fr", "Le gouvernement est inféodé aux marchés.", "Loaded_Language", "inféodé"),
    ("fr", "Le régime de Kiev refuse de négocier.", "Name_Calling-Labeling", "régime de Kiev"),
    ("fr", "Ces néo-nazis défilent chaque année.", "Name_Calling-Labeling", "néo-nazis"),
    ("fr", "Les traîtres seront jugés.", "Name_Calling-Labeling", "traîtres"),
    ("fr", "Une hausse sans précédent des prix inquiète.", "Exaggeration-Minimisation", "sans précédent"),
    (
        "fr",
        "Le pays fait face à une menace existentielle.",
        "Appeal_to_Fear-Prejudice",
        "menace existentielle",
    ),
    ("fr", "Il faut défendre notre patrie.", "Flag_Waving", "défendre notre patrie"),
    ("fr", "Les soi-disant experts se trompent.", "Doubt", "soi-disant"),
    ("fr", "Selon les experts, la crise sera longue.", "Appeal_to_Authority", "Selon les experts"),
    ("fr", "Sa politique est saluée pour sa clarté.", "Appeal_to_Authority", "est saluée pour"),
    ("fr", "Nous défendons nos valeurs chrétiennes.", "Appeal_to_Values", "nos valeurs chrétiennes"),
    ("fr", "La foule scandait : « Vive la République ! »", "Slogans", "Vive la République !"),
    (
        "fr",
        "L’opération militaire spéciale se poursuit.",
        "Obfuscation-Vagueness-Confusion",
        "opération militaire spéciale",
    ),
    ("fr", "La crise ukrainienne domine le sommet.", "Obfuscation-Vagueness-Confusion", "crise ukrainienne"),
    ("fr", "Tout le monde sait que c’est faux.", "Appeal_to_Popularity", "Tout le monde sait"),
    ("fr", "C’est maintenant ou jamais.", "Appeal_to_Time", "C’est maintenant ou jamais"),
    (
        "fr",
        "Vous êtes avec nous ou contre nous.",
        "False_Dilemma-No_Choice",
        "Vous êtes avec nous ou contre nous",
    ),
    ("fr", "Et que dire de l’Irak ?", "Whataboutism", "Et que dire de"),
    ("fr", "C’est deux poids, deux mesures.", "Appeal_to_Hypocrisy", "deux poids, deux mesures"),
    (
        "fr",
        "Cette réforme mènera inévitablement au chômage.",
        "Consequential_Oversimplification",
        "mènera inévitablement au",
    ),
    ("en", "The puppet regime in Kyiv refuses to talk.", "Name_Calling-Labeling", "puppet regime in Kyiv"),
    ("en", "These warmongers want escalation.", "Loaded_Language", "warmongers"),
    ("en", "The so-called referendum was a farce.", "Doubt", "so-called"),
    ("en", "According to experts, prices will rise.", "Appeal_to_Authority", "According to experts"),
    ("en", "This is an unprecedented attack.", "Exaggeration-Minimisation", "unprecedented"),
    ("en", "They call it collateral damage.", "Obfuscation-Vagueness-Confusion", "collateral damage"),
    ("en", "It is a defence of American values.", "Flag_Waving", "American values"),
    ("en", "Everyone knows the truth.", "Appeal_to_Popularity", "Everyone knows"),
    ("en", "What about the bombing of Belgrade?", "Whataboutism", "What about the"),
    ("en", "End of discussion.", "Conversation_Killer", "End of discussion"),
    ("en", "It's now or never for Europe.", "Appeal_to_Time", "now or never"),
    ("en", "The only reason for the crisis is greed.", "Causal_Oversimplification", "The only reason"),
    ("de", "Die sogenannte Friedensmission ist gescheitert.", "Doubt", "sogenannte"),
    ("de", "Das Kiewer Regime lehnt Gespräche ab.", "Name_Calling-Labeling", "Kiewer Regime"),
    ("de", "Die Kriegstreiber in Brüssel jubeln.", "Loaded_Language", "Kriegstreiber"),
    ("it", "La cosiddetta riforma è un fallimento.", "Doubt", "cosiddetta"),
    ("it", "Un'influenza nefasta sull'Europa.", "Loaded_Language", "nefasta"),
    ("es", "Una crisis sin precedentes golpea al país.", "Exaggeration-Minimisation", "sin precedentes"),
    ("es", "Los traidores serán juzgados.", "Name_Calling-Labeling", "traidores"),
    ("pl", "Tak zwani eksperci znów się mylą.", "Doubt", "Tak zwani"),
    ("pl", "Ci zdrajcy narodu muszą odejść.", "Name_Calling-Labeling", "zdrajcy narodu"),
    ("ru", "Так называемые эксперты снова ошиблись.", "Doubt", "Так называемые"),
    (
        "ru",
        "Специальная военная операция продолжается.",
        "Obfuscation-Vagueness-Confusion",
        "Специальная военная операция",
    ),
    ("ru", "Киевский режим отказывается от переговоров.", "Name_Calling-Labeling", "Киевский режим"),
    ("uk", "Так звані експерти знову помилилися.", "Doubt", "Так звані"),
    ("uk", "Рашисти обстріляли місто.", "Name_Calling-Labeling", "Рашисти"),
]

# (language, sentence, technique): neutral uses of nearby words, each must not fire that technique.
NEAR_MISSES = [
    ("fr", "Le régime fiscal des entreprises change en janvier.", "Name_Calling-Labeling"),
    ("fr", "Il suit un régime sans sel.", "Name_Calling-Labeling"),
    ("fr", "Le soldat est tombé dans la bande de Gaza.", "Name_Calling-Labeling"),
    ("fr", "Selon les experts de l’Insee, la croissance ralentit.", "Appeal_to_Authority"),
    ("fr", "Une vive émotion a saisi la salle.", "Slogans"),
    ("fr", "Il n’est jamais venu à Paris.", "Exaggeration-Minimisation"),
    ("fr", "Cliquez ici pour vous abonner.", "Name_Calling-Labeling"),
    ("en", "According to experts at the Brookings Institution, spending rose.", "Appeal_to_Authority"),
    ("en", "Ukraine received more Patriot systems.", "Flag_Waving"),
    ("en", "The village lies in a valley.", "Loaded_Language"),
    ("en", "The new regime of tariffs starts today.", "Name_Calling-Labeling"),
    ("es", "Por supuesto, la reunión empezó a las diez.", "Doubt"),
    ("es", "La Junta de Andalucía aprobó el presupuesto.", "Name_Calling-Labeling"),
    ("it", "La giunta regionale ha approvato il bilancio.", "Name_Calling-Labeling"),
    ("pl", "Podłoga w kuchni jest nowa.", "Loaded_Language"),
    ("pl", "Kliknij tutaj, aby przeczytać więcej.", "Name_Calling-Labeling"),
    ("ru", "Это была хорошая шутка.", "Name_Calling-Labeling"),
    ("ru", "Он взял псевдоним.", "Doubt"),
    ("de", "Die Patriot-Systeme wurden geliefert.", "Flag_Waving"),
]


@pytest.mark.parametrize(("language", "text", "technique", "expected"), FIRES)
def test_the_cue_fires_with_its_exact_span(language, text, technique, expected):
    assert (technique, expected) in found(text, language)


@pytest.mark.parametrize(("language", "text", "technique"), NEAR_MISSES)
def test_a_neutral_use_does_not_fire(language, text, technique):
    assert technique not in {t for t, _ in found(text, language)}


def test_the_component_follows_the_protocol_and_names_its_lexicon():
    component = LexiconTechniques("fr")
    assert isinstance(component, Component)
    assert component.name == "techniques.lexicon" and component.version == "1"
    (span,) = [s for s in spans("L’influence néfaste persiste.", "fr") if s.technique == "Loaded_Language"]
    assert span.source == "lexicon:fr@1"
    assert span.cue == 'lexicon fr: "influence néfaste" (pattern "influence néfaste")'


def test_overlapping_spans_of_one_technique_merge_and_keep_the_best_cue():
    # "néfaste*" (0.7) lies inside "influence néfaste" (0.8): one span, the union, the more confident cue.
    loaded = [s for s in spans("Une influence néfaste.", "fr") if s.technique == "Loaded_Language"]
    assert [(s.text, s.confidence) for s in loaded] == [("influence néfaste", 0.8)]


def test_different_techniques_may_overlap():
    techniques = {s.technique for s in spans("These warmongers lie.", "en") if s.text == "warmongers"}
    assert techniques == {"Loaded_Language", "Name_Calling-Labeling"}


def test_merge_joins_chains_of_overlaps_but_not_neighbours():
    text = "abcdefghij"

    def span(start, end, confidence):
        return TechniqueSpan(
            start=start,
            end=end,
            text=text[start:end],
            technique="Doubt",
            confidence=confidence,
            cue="c",
            source="s",
        )

    merged = merge_overlaps([span(0, 3, 0.2), span(2, 5, 0.9), span(4, 6, 0.1), span(6, 8, 0.5)], text)
    assert [(s.start, s.end, s.text, s.confidence) for s in merged] == [
        (0, 6, "abcdef", 0.9),
        (6, 8, "gh", 0.5),
    ]


class TestStructuralDetectors:
    def test_a_short_exclamation_in_capitals_is_a_slogan(self):
        assert ("Slogans", "NO TO WAR!") in found("They shouted NO TO WAR! in the square.", "en")

    def test_a_short_quoted_exclamation_is_a_slogan(self):
        assert ("Slogans", "Tous unis, tous debout !") in found(
            "Le slogan « Tous unis, tous debout ! » a pris.", "fr"
        )

    def test_an_acronym_is_not_a_slogan(self):
        assert "Slogans" not in {t for t, _ in found("NATO and the EU met!", "en")}

    def test_a_question_with_a_rhetorical_opener_is_doubt(self):
        text = "Les prix montent. Qui peut encore croire ces promesses ?"
        assert ("Doubt", "Qui peut encore croire ces promesses ?") in found(text, "fr")

    def test_a_plain_question_is_not_doubt(self):
        assert "Doubt" not in {t for t, _ in found("Quand le sommet aura-t-il lieu ?", "fr")}

    def test_the_opener_must_be_in_a_question(self):
        assert "Doubt" not in {t for t, _ in found("Qui peut croire cela, je me le demande.", "fr")}

    def test_a_phrase_repeated_three_times_is_repetition(self):
        text = "Protect the border. We must protect the border. Only we protect the border."
        repeated = [s.text for s in spans(text, "en") if s.technique == "Repetition"]
        assert repeated == ["Protect the border", "protect the border", "protect the border"]

    def test_a_phrase_said_twice_or_a_repeated_name_is_not_repetition(self):
        text = "North Korea met Russia. North Korea and Russia signed. North Korea left. Armed forces, armed forces."
        assert "Repetition" not in {t for t, _ in found(text, "en")}


def test_a_lexicon_given_explicitly_is_used_and_versioned():
    lex = parse_lexicon(
        {
            "language": "fr",
            "version": "7",
            "techniques": {"Doubt": [{"pattern": "peut-être", "confidence": 0.3}]},
        },
        "custom.yaml",
    )
    doc = document("C’est peut-être vrai.", "fr")
    component = LexiconTechniques("fr", lexicon=lex)
    component(doc)
    assert component.version == "7"
    assert [(s.text, s.source) for s in doc.techniques] == [("peut-être", "lexicon:fr@7")]


# Phrases from the lexicons and neutral noise, joined by every kind of white space and punctuation.
PHRASES = [
    "influence néfaste", "soi-disant", "régime de Kiev", "NON À LA GUERRE !", "so-called", "warmongers",
    "l’Otan", "« Vive la France ! »", "Qui peut encore croire", "tout le monde sait", "так называемые",
    "враги народа", "crise ukrainienne", "protect the border", "Tak zwani", "sin precedentes",
]  # fmt: skip
NOISE = [
    "le",
    "budget",
    "a",
    "été",
    "voté",
    "Paris",
    "mardi",
    "the",
    "ministry",
    "said",
    "?",
    "!",
    ".",
    ",",
    "—",
]
SEPARATORS = [" ", "  ", "\u00a0", "\u202f", "\n", "\n\n", "\t", ""]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(PHRASES + NOISE), st.sampled_from(SEPARATORS)), max_size=40),
    st.sampled_from(["fr", "en", "ru", "pl", "es"]),
)
def test_every_span_points_at_its_text_in_the_original(pieces, language):
    text = "".join(word + sep for word, sep in pieces)
    doc = document(text, language)
    LexiconTechniques(language)(doc)
    for span in doc.techniques:
        assert 0 <= span.start < span.end <= len(text)
        assert text[span.start : span.end] == span.text
        assert span.text == span.text.strip()
        assert 0 <= span.confidence <= 1
    # Same technique spans never overlap after merging.
    by_technique: dict[str, list[TechniqueSpan]] = {}
    for span in doc.techniques:
        by_technique.setdefault(span.technique, []).append(span)
    for group in by_technique.values():
        group.sort(key=lambda s: s.start)
        assert all(a.end <= b.start for a, b in zip(group, group[1:], strict=False))
