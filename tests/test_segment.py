"""Paragraphs follow the SemEval numbering; sentences survive French punctuation, abbreviations and quotes."""

from hypothesis import given, settings
from hypothesis import strategies as st

from spinscope.segment import paragraph_spans, sentence_spans


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text, 0, len(text))]


def test_paragraph_ids_are_line_numbers_with_empty_lines_skipped():
    text = "Titre\n\nPremier paragraphe.\n\n\nDeuxième.\n"
    assert [(pid, text[s:e]) for pid, s, e in paragraph_spans(text)] == [
        (1, "Titre"),
        (3, "Premier paragraphe."),
        (6, "Deuxième."),
    ]


def test_paragraphs_accept_windows_and_old_mac_line_endings():
    text = "Un.\r\n\r\nDeux.\rTrois."
    assert [(pid, text[s:e]) for pid, s, e in paragraph_spans(text)] == [
        (1, "Un."),
        (3, "Deux."),
        (4, "Trois."),
    ]


def test_whitespace_only_lines_are_not_paragraphs():
    assert paragraph_spans("  \n\t\n\u00a0\n") == []


def test_plain_sentences_split():
    assert sentences("La Russie proteste. L'Otan répond. Fin.") == [
        "La Russie proteste.",
        "L'Otan répond.",
        "Fin.",
    ]


def test_guillemets_with_non_breaking_spaces_stay_in_one_sentence():
    text = "Il a dit\u00a0: «\u00a0Nous résisterons. Nous vaincrons\u00a0!\u00a0», a affirmé Lavrov. La salle applaudit."
    assert sentences(text) == [
        "Il a dit\u00a0: «\u00a0Nous résisterons. Nous vaincrons\u00a0!\u00a0», a affirmé Lavrov.",
        "La salle applaudit.",
    ]


def test_english_curly_quotes_do_not_split_inside():
    text = "“We will not stop. Never,” said Hale. Officials disagreed."
    assert sentences(text) == ["“We will not stop. Never,” said Hale.", "Officials disagreed."]


def test_sentence_ending_inside_a_closing_quote_splits_after_it():
    text = "Il a conclu : « C'est fini. » Le silence suivit."
    assert sentences(text) == ["Il a conclu : « C'est fini. »", "Le silence suivit."]


def test_abbreviations_and_initials_do_not_end_sentences():
    text = "M. Dupont a rencontré Mme Martin et le Dr. Smith. J. K. Rowling était là. Fin."
    assert sentences(text) == [
        "M. Dupont a rencontré Mme Martin et le Dr. Smith.",
        "J. K. Rowling était là.",
        "Fin.",
    ]


def test_english_titles_and_acronyms_with_periods():
    text = "Mr. Biden met Gen. Milley in the U.S. capital. They talked."
    assert sentences(text) == ["Mr. Biden met Gen. Milley in the U.S. capital.", "They talked."]


def test_numbers_and_lowercase_continuations_do_not_split():
    text = "Le taux est de 3.5 % cette année... et il monte. Voilà."
    assert sentences(text) == ["Le taux est de 3.5 % cette année... et il monte.", "Voilà."]


def test_question_and_exclamation_marks_split():
    assert sentences("Qui peut y croire ? Personne ! Vraiment.") == [
        "Qui peut y croire ?",
        "Personne !",
        "Vraiment.",
    ]


def test_cyrillic_sentences_split():
    text = "Россия заявила о поддержке. Украина ответила. Т.е. всё ясно."
    assert sentences(text) == ["Россия заявила о поддержке.", "Украина ответила.", "Т.е. всё ясно."]


def test_unbalanced_quote_does_not_swallow_the_rest_of_the_paragraph():
    text = "Il cria « Assez. Nous partons. Le lendemain, tout changea."
    assert len(sentences(text)) == 3


_pieces = st.sampled_from(
    [
        "La",
        "Russie",
        "M.",
        "Mme",
        "«",
        "»",
        "\u00a0",
        " ",
        ".",
        "!",
        "?",
        "…",
        "“",
        "”",
        '"',
        "Otan",
        "\n",
        "J.",
        "3.5",
        "Россия",
        "ça",
        "L’",
        "\u202f",
        "\t",
        ",",
        "Il",
        "dit",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_pieces | st.text(max_size=5), max_size=60).map("".join))
def test_every_sentence_is_an_exact_non_empty_stripped_slice(text):
    for _pid, start, end in paragraph_spans(text):
        paragraph = text[start:end]
        assert paragraph and paragraph == paragraph.strip()
        covered = []
        for s, e in sentence_spans(text, start, end):
            assert start <= s < e <= end
            assert text[s:e] == text[s:e].strip()
            covered.append((s, e))
        assert covered == sorted(covered)
        assert all(a[1] <= b[0] for a, b in zip(covered, covered[1:], strict=False))
        # Sentences cover every non-space character of the paragraph.
        inside = {i for s, e in covered for i in range(s, e)}
        assert all(text[i].isspace() for i in range(start, end) if i not in inside)
