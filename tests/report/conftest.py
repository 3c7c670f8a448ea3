"""Hand-built analyses for the report tests: French, English and hostile, with overlaps, entities and quotes.

Every sentence here is written for these tests. Spans are located by searching the text, so the offsets are
always right and `text[start:end] == span.text` holds by construction.
"""

from __future__ import annotations

import pytest

from spinscope.analysis import (
    Analysis,
    ComponentInfo,
    Entity,
    Language,
    Mention,
    Metadata,
    Narrative,
    Quote,
    Role,
    TechniqueSpan,
)
from spinscope.document import Document

DEFINITIONS = {
    ("Loaded_Language", "fr"): "Des mots chargés d'émotion qui orientent le jugement du lecteur.",
    ("Loaded_Language", "en"): "Words with strong emotional weight that steer the reader's judgement.",
    ("Name_Calling-Labeling", "en"): "Attaching a label that the audience fears or admires to a target.",
    ("Doubt", "en"): "Questioning the credibility of someone or something without evidence.",
    ("Exaggeration-Minimisation", "en"): "Making something look larger or smaller than it is.",
    ("Flag_Waving", "en"): "Appealing to patriotism or to a group's identity to justify an idea.",
}


def fake_definition(technique: str, language: str = "en") -> str:
    """Stands in for spinscope.taxonomy.definition so that these tests do not depend on its data file."""
    if (technique, language) in DEFINITIONS:
        return DEFINITIONS[technique, language]
    if (technique, "en") in DEFINITIONS:
        return DEFINITIONS[technique, "en"]
    raise KeyError(technique)


@pytest.fixture(autouse=True)
def definitions(monkeypatch):
    monkeypatch.setattr("spinscope.report.view.definition", fake_definition)


def find(text: str, phrase: str, occurrence: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(phrase, start + 1)
    return start, start + len(phrase)


def technique(text: str, phrase: str, name: str, confidence: float, cue: str, occurrence: int = 0):
    start, end = find(text, phrase, occurrence)
    return TechniqueSpan(
        start=start,
        end=end,
        text=text[start:end],
        technique=name,
        confidence=confidence,
        cue=cue,
        source="lexicon:test@1",
    )


def mention(doc: Document, phrase: str, entity: str, occurrence: int = 0) -> Mention:
    start, end = find(doc.text, phrase, occurrence)
    return Mention(start=start, end=end, text=doc.text[start:end], entity=entity)


def narrative(doc: Document, id: str, confidence: float, sentences: list[int], parent: str | None = None):
    return Narrative(
        id=id,
        name=id,
        catalogue="test",
        parent=parent,
        confidence=confidence,
        evidence=[doc.span(doc.sentences[i].start, doc.sentences[i].end) for i in sentences],
        source="narratives:test@1",
    )


def role(doc: Document, main: str, fine: list[str], confidence: float, sentences: list[int]) -> Role:
    return Role(
        main=main,
        fine=fine,
        confidence=confidence,
        evidence=[doc.span(doc.sentences[i].start, doc.sentences[i].end) for i in sentences],
        source="roles:test@1",
    )


def quote(
    doc: Document, content: str, kind: str, speaker: str | None, name: str | None, cue: str | None
) -> Quote:
    return Quote(
        kind=kind,
        content=doc.span(*find(doc.text, content)),
        speaker=speaker,
        speaker_mention=doc.span(*find(doc.text, name)) if name else None,
        cue=doc.span(*find(doc.text, cue)) if cue else None,
        confidence=0.9,
        source="quotes:test@1",
    )


FRENCH = (
    "L'Alliance étend son fief à l'Est.\n"
    "\n"
    "Selon Marc Dupin, l'influence néfaste de l'Alliance menace la paix. "
    "« Nous ne céderons jamais », a déclaré Marc Dupin.\n"
    "« C'est une honte absolue », entend-on partout."
)


def build_french() -> Analysis:
    doc = Document.from_text(
        FRENCH,
        metadata=Metadata(source="fr-test.txt", title="L'Alliance et son fief", site="exemple.test"),
        language=Language(code="fr", confidence=0.97, source="detected"),
    )
    text = doc.text
    doc.techniques += [
        technique(text, "son fief", "Loaded_Language", 0.81, "fief"),
        # Name calling covers the loaded phrase and goes on: a nested overlap.
        technique(text, "influence néfaste", "Loaded_Language", 0.9, "influence néfaste"),
        technique(
            text, "l'influence néfaste de l'Alliance", "Name_Calling-Labeling", 0.6, "néfaste + entity"
        ),
        # Doubt starts inside the name-calling span and runs past it: a crossing overlap.
        technique(text, "l'Alliance menace la paix", "Doubt", 0.55, "menace"),
        technique(text, "honte absolue", "Exaggeration-Minimisation", 0.7, "absolue"),
    ]
    doc.entities += [
        Entity(
            id="org:alliance",
            name="L'Alliance",
            type="organisation",
            aliases=["L'Alliance", "l'Alliance"],
            mentions=[mention(doc, "L'Alliance", "org:alliance"), mention(doc, "l'Alliance", "org:alliance")],
            source="entities:test@1",
        ),
        Entity(
            id="per:marc-dupin",
            name="Marc Dupin",
            type="person",
            aliases=["Marc Dupin"],
            mentions=[
                mention(doc, "Marc Dupin", "per:marc-dupin"),
                mention(doc, "Marc Dupin", "per:marc-dupin", 1),
            ],
            source="entities:test@1",
        ),
    ]
    doc.quotes += [
        quote(
            doc,
            "l'influence néfaste de l'Alliance menace la paix",
            "reported",
            "per:marc-dupin",
            "Marc Dupin",
            "Selon",
        ),
        quote(doc, "Nous ne céderons jamais", "direct", "per:marc-dupin", "Marc Dupin", "a déclaré"),
        quote(doc, "C'est une honte absolue", "direct", None, None, "entend-on"),
    ]
    return doc.to_analysis()


ENGLISH = (
    "Our glorious nation will never bow to these reckless bureaucrats.\n"
    'Senator Ada Hale said the plan was "a disaster for every family". '
    "Critics claim, without proof, that the figures were invented."
)


def build_english() -> Analysis:
    doc = Document.from_text(
        ENGLISH,
        metadata=Metadata(source="https://news.example.test/story", title="A nation that will never bow"),
        language=Language(code="en", confidence=0.99, source="user"),
    )
    text = doc.text
    doc.techniques += [
        technique(text, "Our glorious nation will never bow", "Flag_Waving", 0.75, "our glorious nation"),
        technique(text, "glorious", "Loaded_Language", 0.8, "glorious"),
        technique(text, "reckless bureaucrats", "Name_Calling-Labeling", 0.85, "reckless + group noun"),
        technique(text, "a disaster for every family", "Exaggeration-Minimisation", 0.65, "every"),
        technique(text, "the figures were invented", "Doubt", 0.5, "were invented"),
    ]
    hale = mention(doc, "Senator Ada Hale", "per:ada-hale")
    doc.entities += [
        Entity(
            id="per:ada-hale",
            name="Ada Hale",
            type="person",
            aliases=["Senator Ada Hale"],
            mentions=[hale.model_copy(update={"role": role(doc, "Innocent", [], 0.4, [1])})],
            source="entities:test@1",
            role=role(doc, "Protagonist", ["Guardian"], 0.7, [1]),
        ),
        Entity(
            id="group:bureaucrats",
            name="bureaucrats",
            type="group",
            aliases=["bureaucrats"],
            mentions=[mention(doc, "bureaucrats", "group:bureaucrats")],
            source="entities:test@1",
            role=role(doc, "Antagonist", ["Incompetent", "Corrupt"], 0.8, [0]),
        ),
    ]
    doc.narratives += [
        narrative(doc, "Policy: The plan ruins families", 0.35, [1, 2]),
        narrative(
            doc,
            "Policy: The plan ruins families: Figures are faked",
            0.3,
            [2],
            "Policy: The plan ruins families",
        ),
        narrative(doc, "Nation: Outsiders threaten us", 0.6, [0]),
    ]
    doc.components.append(ComponentInfo(name="narratives", version="test"))
    doc.quotes += [
        quote(doc, "a disaster for every family", "direct", "per:ada-hale", "Senator Ada Hale", "said"),
        quote(doc, "the figures were invented", "reported", None, None, "claim"),
    ]
    return doc.to_analysis()


HOSTILE = (
    "Le chef <script>alert(1)</script> a parlé.\n"
    'Un lien "><img src=x onerror=alert(1)> et </textarea> puis {{ 7*7 }} et &amp; &lt; *gras* _x_ [a](b) | # ok\n'
    "# Titre piégé\n"
    "1. liste piégée"
)


def build_hostile() -> Analysis:
    doc = Document.from_text(
        HOSTILE,
        metadata=Metadata(
            source="javascript:alert(1)",
            title="<script>alert('title')</script> & {{ title }}",
            author='"><img src=x onerror=alert(2)>',
        ),
        language=Language(code="fr", confidence=0.5, source="detected"),
    )
    text = doc.text
    doc.techniques += [
        technique(text, "<script>alert(1)</script>", "Loaded_Language", 0.9, "<b>cue</b>"),
        technique(text, '"><img src=x onerror=alert(1)>', "Doubt", 0.4, '"><img src=y onerror=alert(3)>'),
        technique(text, "onerror=alert(1)> et </textarea>", "Name_Calling-Labeling", 0.3, "</textarea>"),
        technique(text, "{{ 7*7 }} et &amp;", "Exaggeration-Minimisation", 0.6, "{{ cue }}"),
        technique(text, "*gras* _x_ [a](b) | # ok", "<Weird_Technique>", 0.5, "|"),
    ]
    doc.entities.append(
        Entity(
            id="per:<script>",
            name="<script>alert('ent')</script>",
            type="person",
            aliases=["chef"],
            mentions=[mention(doc, "chef", "per:<script>")],
            source="entities:test@1",
            role=role(doc, "Antagonist", ["<b>Tyrant</b>"], 0.5, [0]),
        )
    )
    doc.narratives.append(narrative(doc, "<script>alert('narrative')</script>", 0.5, [0, 1]))
    doc.quotes.append(quote(doc, "{{ 7*7 }}", "direct", "per:<script>", "chef", "</textarea>"))
    return doc.to_analysis()


@pytest.fixture
def french() -> Analysis:
    return build_french()


@pytest.fixture
def english() -> Analysis:
    return build_english()


@pytest.fixture
def hostile() -> Analysis:
    return build_hostile()


@pytest.fixture(params=["french", "english", "hostile"])
def analysis(request) -> Analysis:
    return request.getfixturevalue(request.param)
