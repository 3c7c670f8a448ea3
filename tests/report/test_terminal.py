import io
import re

from rich.console import Console

from spinscope.report import print_terminal, render

ANSI = re.compile(r"\x1b\[")


def test_plain_text_has_no_ansi_codes_and_fits_80_columns(analysis):
    text = render(analysis, "text")
    assert not ANSI.search(text)
    assert max(len(line) for line in text.splitlines()) <= 80
    assert not any(line.endswith(" ") for line in text.splitlines())


def test_header_gives_title_language_words_and_density(french):
    text = render(french, "text")
    assert "L'Alliance et son fief" in text
    assert "language fr (97%, detected)" in text
    assert f"{french.summary.words} words" in text
    assert f"{french.summary.techniques_per_100_words:g} per 100 words" in text


def test_plain_article_marks_spans_with_numbered_brackets_that_show_overlaps(french):
    text = render(french, "text")
    # Loaded language (1) nests inside name calling (2); doubt (3) starts inside name calling and runs past it.
    assert "[²l'[¹influence néfaste]¹ de [³l'Alliance]² menace la" in text
    assert "[¹son fief]¹" in text


def test_every_layer_has_its_table(french):
    text = render(french, "text")
    for title in ("Legend", "Techniques", "Sentence labels", "Entities", "Quotes", "Summary"):
        assert re.search(rf"^{title} ─", text, re.MULTILINE), title
    assert "«influence néfaste» 0.90 · influence néfaste" in text
    assert re.search(r"Marc Dupin\s+person\s+per:marc-dupin\s+2", text)
    assert re.search(r"Unattributed\s+direct\s+«C'est une honte absolue»\s+entend-on", text)
    assert "1 of 3 quotes" in text
    assert "100% of attributed quotes come from Marc Dupin" in text


def test_article_text_is_never_read_as_rich_markup(hostile):
    text = render(hostile, "text")
    assert "[a](b) | # ok" in text
    assert "<script>alert(1)</script>" in text
    assert "{{ 7*7 }}" in text


def test_a_terminal_gets_colours_and_no_brackets(french):
    console = Console(file=io.StringIO(), force_terminal=True, color_system="truecolor", width=80)
    print_terminal(french, console)
    output = console.file.getvalue()
    assert ANSI.search(output)
    assert "[¹son fief" not in output


def test_an_analysis_without_techniques_says_so(english):
    empty = english.model_copy(update={"techniques": []})
    assert "No persuasion technique found." in render(empty, "text")


def test_a_sentence_label_without_spans_still_reads_as_a_name(french):
    from spinscope.analysis import Label
    from spinscope.report import render

    sentences = list(french.sentences)
    label = Label(name="Appeal_to_Fear-Prejudice", confidence=0.56, source="model:x@1", why="model score")
    sentences[0] = sentences[0].model_copy(update={"techniques": [label]})
    labelled = french.model_copy(update={"sentences": sentences})
    for fmt in ("text", "html"):
        report = render(labelled, fmt)
        assert "Appeal to fear / prejudice" in report and "Appeal_to_Fear-Prejudice 0.56" not in report


def test_narratives_and_cast_have_their_sections(english):
    text = render(english, "text")
    narratives = text[text.index("Narratives ─") : text.index("Cast ─")]
    assert "Nation: Outsiders threaten us" in narratives and "↳ Figures are faked" in narratives
    cast = text[text.index("Cast ─") :]
    assert cast.index("Protagonist (hero)") < cast.index("Antagonist (villain)")
    assert "also Innocent at «Senator Ada Hale»" in cast


def test_no_narrative_found_reads_as_other(english):
    text = render(english.model_copy(update={"narratives": []}), "text")
    assert "No narrative from the catalogues (Other)." in text
