"""Training examples: SemEval paragraphs keep their gold spans, and paragraphs give sentence examples."""

from hypothesis import given
from hypothesis import strategies as st

from spinscope.training.examples import Example, article_examples, sentence_examples
from spinscope.training.semeval2023 import Article

ARTICLE = "Un titre provocant\r\n\r\n  Le gouvernement néfaste ment encore.\r\nTout va bien.\r\n"


def test_semeval_paragraphs_carry_their_gold_spans_in_their_own_offsets():
    start = ARTICLE.index("néfaste")
    article = Article(
        id="42",
        language="fr",
        text=ARTICLE,
        paragraph_labels={1: set(), 3: {"Loaded_Language"}, 4: set()},
        spans=[("Loaded_Language", start, start + 7)],
    )
    title, paragraph, calm = article_examples(article)
    assert paragraph.text == "Le gouvernement néfaste ment encore."
    [(technique, s, e)] = paragraph.spans
    assert technique == "Loaded_Language" and paragraph.text[s:e] == "néfaste"
    assert title.spans == () and calm.spans == () and calm.text == "Tout va bien."


def test_each_sentence_takes_the_techniques_whose_spans_start_in_it():
    text = "Le budget a été voté mardi. Ce régime corrompu ment sans cesse !"
    start = text.index("régime corrompu")
    paragraph = Example(
        text=text,
        language="fr",
        techniques=frozenset({"Loaded_Language"}),
        group="fr-0001",
        spans=(("Loaded_Language", start, start + 15),),
    )
    calm, loud = sentence_examples([paragraph])
    assert calm.text == "Le budget a été voté mardi." and calm.techniques == frozenset()
    assert loud.techniques == {"Loaded_Language"} and loud.group == calm.group == "fr-0001"
    [(_, s, e)] = loud.spans
    assert loud.text[s:e] == "régime corrompu"


def test_no_sentences_from_a_paragraph_whose_techniques_lack_spans_or_from_one_sentence():
    unmarked = Example(
        text="Le budget a été voté. Ce régime ment.", language="fr", techniques=frozenset({"Doubt"})
    )
    single = Example(
        text="Ce régime ment.",
        language="fr",
        techniques=frozenset({"Loaded_Language"}),
        spans=(("Loaded_Language", 3, 9),),
    )
    neutral = Example(text="Le budget a été voté. La séance est levée.", language="fr")
    assert sentence_examples([unmarked, single]) == []
    assert [s.text for s in sentence_examples([neutral])] == ["Le budget a été voté.", "La séance est levée."]


SENTENCE = st.sampled_from(["Le régime ment.", "Tout va bien !", "Les élites trahissent le peuple.", "Oui."])


@given(st.lists(SENTENCE, min_size=1, max_size=6), st.data())
def test_sentence_spans_are_the_paragraph_words_they_were(sentences: list[str], data):
    text = " ".join(sentences)
    spans = []
    for _ in range(data.draw(st.integers(0, 4))):
        start = data.draw(st.integers(0, len(text) - 1))
        end = data.draw(st.integers(start + 1, len(text)))
        spans.append(("Loaded_Language", start, end))
    paragraph = Example(
        text=text,
        language="fr",
        techniques=frozenset({"Loaded_Language"}) if spans else frozenset(),
        spans=tuple(spans),
    )
    cursor, found, bounds = 0, [], []
    for sentence in sentence_examples([paragraph]):
        offset = text.index(sentence.text, cursor)
        cursor = offset + len(sentence.text)
        bounds.append((offset, cursor))
        for technique, s, e in sentence.spans:
            assert 0 <= s < e <= len(sentence.text)
            found.append((technique, offset + s, offset + e))
            assert any(start == offset + s and min(end, cursor) == offset + e for _, start, end in spans)
    # Every span that starts inside a sentence is kept, once.
    assert len(found) == sum(1 for _, start, _ in spans for b, e in bounds if b <= start < e)
