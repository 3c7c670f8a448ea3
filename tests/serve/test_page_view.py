"""The analyse page's panels: the cast of actors grouped by role, narratives with their sentences."""

from __future__ import annotations

from spinscope.analysis import Narrative, Role
from spinscope.pipeline import analyze
from spinscope.serve.page_view import build_page, csp_hash

TEXT = (
    "L'Alliance atlantique menace la paix, affirme Moscou. Les habitants de Donetsk souffrent depuis des années. "
    "La Russie défend les peuples opprimés, selon le ministre."
)


def cast_article():
    analysis = analyze(TEXT, lang="fr")
    sentences = analysis.sentences
    entities = list(analysis.entities)
    assert len(entities) >= 2, [e.name for e in entities]
    villain = entities[0].model_copy(
        update={
            "role": Role(
                main="Antagonist", fine=["Instigator"], confidence=0.8, evidence=[sentences[0]], source="t"
            )
        }
    )
    hero = entities[1].model_copy(
        update={
            "role": Role(
                main="Protagonist", fine=["Guardian"], confidence=0.7, evidence=[sentences[2]], source="t"
            )
        }
    )
    narrative = Narrative(
        id="URW: Blaming the war on others",
        name="Blaming the war on others",
        catalogue="semeval2025",
        confidence=0.6,
        evidence=[sentences[2], sentences[0]],
        source="t",
    )
    return analysis.model_copy(update={"entities": [hero, villain, *entities[2:]], "narratives": [narrative]})


def test_actors_are_grouped_villains_first_then_heroes_victims_and_the_uncast() -> None:
    analysis = cast_article()
    cast = build_page(analysis).cast
    assert [group.role for group in cast][:2] == ["Antagonist", "Protagonist"]
    assert cast[0].actors[0][1].role.fine == ["Instigator"]
    indexes = [index for group in cast for index, _ in group.actors]
    assert sorted(indexes) == list(range(len(analysis.entities)))  # every actor once, by its index


def test_a_narrative_lists_its_evidence_as_sentences_in_reading_order() -> None:
    analysis = cast_article()
    (narrative,) = build_page(analysis).narratives
    assert [s.index for s in narrative.sentences] == [0, 2]


def test_the_inline_stylesheet_holds_only_this_articles_colours_and_its_hash_matches() -> None:
    page = build_page(analyze(TEXT, lang="fr"))
    assert page.stylesheet.startswith(".t1{") and "body{" not in page.stylesheet
    assert page.stylesheet_hash == csp_hash(page.stylesheet)
