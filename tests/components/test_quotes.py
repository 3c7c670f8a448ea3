"""The quote layer: direct and reported speech in several languages, and who said it."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from spinscope.analysis import Language, Quote
from spinscope.components.base import Component
from spinscope.components.entities import EntityRecognizer
from spinscope.components.quotes import QuoteFinder, quote_pairs
from spinscope.document import Document


def analyse(text: str, language: str = "fr") -> Document:
    doc = Document.from_text(text, language=Language(code=language, confidence=1, source="user"))
    EntityRecognizer(language)(doc)
    QuoteFinder(language)(doc)
    return doc


def quotes(text: str, language: str = "fr") -> list[Quote]:
    return analyse(text, language).quotes


def summary(text: str, language: str = "fr") -> list[tuple[str, str, str | None]]:
    """(kind, content, speaker) of every quote."""
    return [(q.kind, q.content.text, q.speaker) for q in quotes(text, language)]


def test_is_a_component_with_a_name_and_a_version():
    finder = QuoteFinder("fr")
    assert isinstance(finder, Component)
    assert finder.name == "quotes"
    assert finder.version


# -- direct speech --------------------------------------------------------------------------------------------


def test_french_guillemets_with_no_break_spaces_and_a_speaker_after():
    text = "«\u00a0Nous ne céderons pas\u00a0», a affirmé Sergueï Lavrov."
    [quote] = quotes(text)
    assert quote.kind == "direct"
    assert quote.content.text == "Nous ne céderons pas"
    assert quote.speaker == "per:sergei-lavrov"
    assert quote.cue.text == "a affirmé"
    assert quote.speaker_mention.text == "Sergueï Lavrov"


def test_inverted_pronoun_points_to_the_last_person():
    text = "Emmanuel Macron est arrivé à Berlin. « La situation est grave », a-t-il déclaré."
    [quote] = quotes(text)
    assert quote.speaker == "per:emmanuel-macron"
    assert quote.speaker_mention.text == "il"


def test_subject_pronoun_in_a_later_sentence_and_its_mention_is_recorded():
    text = (
        "Sergueï Lavrov a rencontré la presse.\n"
        "Il a souligné que l'alliance veut « résister aux pressions » et « défendre la paix »."
    )
    doc = analyse(text)
    assert [(q.content.text, q.speaker, q.cue.text) for q in doc.quotes] == [
        ("résister aux pressions", "per:sergei-lavrov", "a souligné"),
        ("défendre la paix", "per:sergei-lavrov", "a souligné"),
    ]
    lavrov = next(e for e in doc.entities if e.id == "per:sergei-lavrov")
    assert ("Il", "pronoun") in [(m.text, m.kind) for m in lavrov.mentions]


def test_english_curly_and_straight_quotes():
    assert summary("“We will not retreat,” said Mark Rutte.", "en") == [
        ("direct", "We will not retreat,", "per:mark-rutte")
    ]
    assert summary('Joe Biden arrived late. "The talks went well," he said.', "en") == [
        ("direct", "The talks went well,", "per:joe-biden")
    ]


def test_speaker_before_a_colon():
    assert summary("Volodymyr Zelensky a déclaré : « Nous tiendrons jusqu'au bout ».") == [
        ("direct", "Nous tiendrons jusqu'au bout", "per:volodymyr-zelensky")
    ]


def test_german_low_high_quotes():
    assert summary("„Wir stehen an der Seite der Ukraine“, sagte Friedrich Merz.", "de") == [
        ("direct", "Wir stehen an der Seite der Ukraine", "per:friedrich-merz")
    ]


def test_nested_quotes_stay_inside_one_quote():
    text = "« Ils parlent de “paix” sans y croire », a dit Kaja Kallas."
    assert summary(text) == [("direct", "Ils parlent de “paix” sans y croire", "per:kaja-kallas")]
    assert quote_pairs(text, 0, len(text)) == [(0, text.index("»"))]


def test_an_unclosed_mark_does_not_swallow_the_next_quote():
    text = "Un « mot perdu. « Nous avancerons », a affirmé Lavrov."
    assert summary(text) == [("direct", "Nous avancerons", "per:sergei-lavrov")]


def test_scare_quotes_are_not_speech():
    text = "Les deux pays ont exprimé leur inquiétude face à la « militarisation » et à une « menace existentielle »."
    assert quotes(text) == []


def test_a_short_quote_with_a_speech_verb_is_speech():
    assert summary("Lavrov a qualifié la réunion d'« utile », a ajouté Maria Zakharova.") == [
        ("direct", "utile", "per:maria-zakharova")
    ]


def test_an_unattributed_quote_keeps_no_speaker_and_a_low_confidence():
    [quote] = quotes("On lisait sur les murs : « La paix maintenant et partout ».")
    assert quote.speaker is None
    assert quote.confidence < 0.5


def test_a_title_subject_names_the_person_with_that_title():
    text = "Le ministre des Affaires étrangères chinois, Wang Yi, est venu. « Nous sommes prêts », a déclaré le ministre."
    [quote] = quotes(text)
    assert quote.speaker == "per:wang-yi"
    assert quote.speaker_mention.text == "ministre"


def test_a_quote_that_goes_on_the_sentence_is_not_attributed_by_the_verb_after_it():
    text = "Anne Morel est venue. Elle a ajouté que « tous les citoyens honnêtes » soutenaient le projet."
    [quote] = quotes(text)
    assert quote.cue.text == "a ajouté"
    assert quote.speaker == "per:anne-morel"


def test_a_following_quote_with_no_cue_continues_the_previous_speaker():
    text = '"We will hold the line," said Mark Rutte. "Nobody should doubt it." Later, prices rose.'
    found = quotes(text, "en")
    assert [(q.speaker, q.cue is None) for q in found] == [
        ("per:mark-rutte", False),
        ("per:mark-rutte", True),
    ]
    assert found[1].confidence < found[0].confidence


def test_a_title_with_a_complement_introduces_the_name_after_its_comma():
    text = "« Nous resterons », a déclaré le Premier ministre de transition, Amadou Keïta."
    [quote] = quotes(text)
    assert quote.speaker == "per:amadou-keita"
    assert quote.speaker_mention.text == "Premier ministre"


# -- reported speech ------------------------------------------------------------------------------------------


def test_french_verb_with_que():
    [quote] = quotes("Sergueï Lavrov a affirmé que l'Occident avait échoué.")
    assert (quote.kind, quote.content.text, quote.speaker) == (
        "reported",
        "l'Occident avait échoué",
        "per:sergei-lavrov",
    )
    assert quote.cue.text == "a affirmé"


def test_estime_que_with_an_apposition_between_subject_and_verb():
    text = "Kim Jong Un, dirigeant de la Corée du Nord, estime que la Russie a raison."
    assert summary(text) == [("reported", "la Russie a raison", "per:kim-jong-un")]


def test_selon_with_a_named_source():
    assert summary("Selon Dmitri Peskov, les négociations sont au point mort.") == [
        ("reported", "les négociations sont au point mort", "per:dmitry-peskov")
    ]


def test_a_marker_at_the_end_of_the_sentence():
    assert summary("Les négociations sont au point mort, d'après Dmitri Peskov.") == [
        ("reported", "Les négociations sont au point mort", "per:dmitry-peskov")
    ]


def test_a_media_channel_does_not_hide_the_speaker_pronoun():
    text = (
        "Kim Jong Un a reçu une délégation.\n"
        "Selon les médias d'État, il a affirmé que son pays soutiendrait Moscou."
    )
    [quote] = quotes(text)
    assert quote.speaker == "per:kim-jong-un"
    assert quote.content.text == "son pays soutiendrait Moscou"
    assert quote.cue.text == "a affirmé"


def test_an_unnamed_source_is_unattributed():
    [quote] = quotes("Selon des sources diplomatiques, l'accord est proche.")
    assert quote.speaker is None
    assert quote.content.text == "l'accord est proche"


def test_english_said_that_and_according_to():
    assert summary("Antony Blinken said that the sanctions would stay.", "en") == [
        ("reported", "the sanctions would stay", "per:antony-blinken")
    ]
    assert summary("Donald Trump claimed the election was stolen.", "en") == [
        ("reported", "the election was stolen", "per:donald-trump")
    ]
    assert summary("According to Mark Rutte, the alliance is ready.", "en") == [
        ("reported", "the alliance is ready", "per:mark-rutte")
    ]


def test_german_sagte_dass_and_laut():
    assert summary("Olaf Scholz sagte, dass Deutschland helfen werde.", "de") == [
        ("reported", "Deutschland helfen werde", "per:olaf-scholz")
    ]
    assert summary("Laut Annalena Baerbock ist die Lage ernst.", "de")[0][2] == "per:annalena-baerbock"


def test_italian_ha_detto_che_and_a_left_out_subject():
    assert summary("Giorgia Meloni ha detto che l'Italia resterà al fianco di Kiev.", "it") == [
        ("reported", "l'Italia resterà al fianco di Kiev", "per:giorgia-meloni")
    ]
    [quote] = quotes("Antonio Tajani è arrivato a Bruxelles. Ha ribadito che la pace è necessaria.", "it")
    assert quote.speaker == "per:antonio-tajani"
    assert quote.speaker_mention is None


def test_spanish_dijo_que_and_segun():
    assert summary("Pedro Sánchez dijo que España apoyará a Ucrania.", "es") == [
        ("reported", "España apoyará a Ucrania", "per:pedro-sanchez")
    ]
    assert summary("Según Pedro Sánchez, la situación es grave.", "es")[0][2] == "per:pedro-sanchez"


def test_polish_powiedzial_ze_and_wedlug():
    assert summary("Donald Tusk powiedział, że Polska jest gotowa.", "pl") == [
        ("reported", "Polska jest gotowa", "per:donald-tusk")
    ]
    assert summary("Według Ławrowa NATO jest winne.", "pl")[0][2] == "per:sergei-lavrov"


def test_russian_zayavil_chto_and_po_slovam():
    assert summary("Сергей Лавров заявил, что Запад проиграл.", "ru") == [
        ("reported", "Запад проиграл", "per:sergei-lavrov")
    ]
    assert summary("По словам Пескова, переговоры продолжаются.", "ru") == [
        ("reported", "переговоры продолжаются", "per:dmitry-peskov")
    ]


def test_ukrainian_zayavyv_shcho():
    assert summary("Володимир Зеленський заявив, що Україна вистоїть.", "uk") == [
        ("reported", "Україна вистоїть", "per:volodymyr-zelensky")
    ]
    assert summary("«Ми вистоїмо», – сказав Зеленський.", "uk") == [
        ("direct", "Ми вистоїмо", "per:volodymyr-zelensky")
    ]


def test_direct_quotes_inside_a_reported_clause_are_not_counted_twice():
    text = "Lavrov a souligné que Moscou veut « résister au mensonge » partout."
    assert [q.kind for q in quotes(text)] == ["direct"]


# -- invariants -----------------------------------------------------------------------------------------------

_PIECES = [
    "«",
    "»",
    "“",
    "”",
    "„",
    '"',
    "a",
    "affirmé",
    "que",
    "selon",
    "Lavrov",
    "il",
    "said",
    "Il",
    ",",
    ".",
    "\n",
    "\u00a0",
    "Otan",
    "le",
    "ministre",
    "Kim",
    ":",
    "according",
    "to",
    "X",
]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_PIECES) | st.text(max_size=5), max_size=40))
def test_every_quote_span_points_at_its_own_text(pieces):
    text = " ".join(pieces)
    doc = analyse(text)
    for quote in doc.quotes:
        for span in (quote.content, quote.cue, quote.speaker_mention):
            if span is not None:
                assert text[span.start : span.end] == span.text
        assert 0 <= quote.confidence <= 1
        assert quote.speaker is None or any(e.id == quote.speaker for e in doc.entities)
    for entity in doc.entities:
        for mention in entity.mentions:
            assert text[mention.start : mention.end] == mention.text
