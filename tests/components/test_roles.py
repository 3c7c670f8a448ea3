"""The entity-framing layer: who the text casts as hero, villain or victim, and why."""

from __future__ import annotations

from pathlib import Path

import pytest

from spinscope.analysis import Entity, Language, Mention, TechniqueSpan
from spinscope.components.roles import EntityRoles
from spinscope.document import Document
from spinscope.roles.casting import RoleCaster, Target
from spinscope.roles.cues import MAIN_OF, lexicon_language, role_cues
from spinscope.taxonomy import ENTITY_ROLES


def _doc(text: str, language: str, names: dict[str, tuple[str, str]]) -> Document:
    """A document whose entities are every occurrence of the given names (id → (name, type))."""
    doc = Document.from_text(text, language=Language(code=language, confidence=1.0, source="user"))
    for entity_id, (name, entity_type) in names.items():
        mentions, start = [], text.find(name)
        while start >= 0:
            mentions.append(Mention(start=start, end=start + len(name), text=name, entity=entity_id))
            start = text.find(name, start + 1)
        doc.entities.append(
            Entity(id=entity_id, name=name, type=entity_type, mentions=mentions, source="test")
        )
    return doc


def _roles(
    text: str, language: str, names: dict[str, tuple[str, str]], role_model: str | None = "roles-small"
) -> dict[str, Entity]:
    """The entities cast by the shipped role model, or with `role_model=None` by the rules alone."""
    doc = _doc(text, language, names)
    EntityRoles(language, role_model)(doc)
    return {e.id: e for e in doc.entities}


def test_an_invader_is_the_antagonist_and_the_invaded_the_victim():
    text = "Ruritania invaded Freedonia last spring. Ruritania bombed its schools."
    roles = _roles(text, "en", {"r": ("Ruritania", "state"), "f": ("Freedonia", "state")})
    assert roles["r"].role.main == "Antagonist"
    assert roles["r"].role.fine == ["Instigator"]
    assert roles["f"].role.main == "Innocent"
    assert roles["f"].role.fine == ["Victim"]


def test_the_passive_voice_swaps_doer_and_victim():
    text = "Freedonia was invaded by Ruritania."
    roles = _roles(text, "en", {"r": ("Ruritania", "state"), "f": ("Freedonia", "state")})
    assert roles["r"].role.main == "Antagonist"
    assert roles["f"].role.main == "Innocent"


def test_a_negated_cue_casts_nobody():
    caster = RoleCaster("en")
    doc = _doc("Freedonia did not attack anyone.", "en", {"f": ("Freedonia", "state")})
    (casts,) = caster.casts(doc, [Target(0, 9, "f")])
    assert casts == []


def test_a_qualifier_casts_the_actor_it_governs():
    text = "The minister denounced the harmful influence of Ruritania."
    roles = _roles(text, "en", {"m": ("minister", "person"), "r": ("Ruritania", "state")})
    assert roles["r"].role.main == "Antagonist"
    assert "Saboteur" in roles["r"].role.fine
    assert roles["m"].role.main == "Protagonist"


def test_coordinated_actors_share_their_cues():
    text = "Ruritania et la Freedonie protègent les réfugiés."
    roles = _roles(text, "fr", {"r": ("Ruritania", "state"), "f": ("Freedonie", "state")})
    assert roles["r"].role.main == roles["f"].role.main == "Protagonist"
    assert roles["f"].role.fine == ["Guardian"]


def test_the_rules_alone_let_a_technique_next_to_a_mention_push_its_role():
    text = "Everyone knows Ruritania."
    doc = _doc(text, "en", {"r": ("Ruritania", "state")})
    start = text.index("Ruritania")
    doc.techniques.append(
        TechniqueSpan(
            start=start,
            end=start + 9,
            text="Ruritania",
            technique="Flag_Waving",
            confidence=0.9,
            cue="t",
            source="t",
        )
    )
    EntityRoles("en", role_model=None)(doc)
    assert doc.entities[0].role.main == "Protagonist"


def test_evidence_is_the_sentences_that_cast_the_actor_with_exact_offsets():
    text = "Nothing happened on Monday. Ruritania invaded Freedonia on Tuesday."
    doc = _doc(text, "en", {"r": ("Ruritania", "state"), "f": ("Freedonia", "state")})
    EntityRoles("en")(doc)
    (evidence,) = doc.entities[0].role.evidence
    assert text[evidence.start : evidence.end] == evidence.text == "Ruritania invaded Freedonia on Tuesday."


def test_a_mention_without_a_cue_in_its_sentence_has_no_role_of_its_own():
    text = "Ruritania invaded Freedonia. Later, Ruritania held elections."
    doc = _doc(text, "en", {"r": ("Ruritania", "state")})
    EntityRoles("en")(doc)
    first, second = doc.entities[0].mentions
    assert first.role is not None and first.role.main == "Antagonist"
    assert second.role is None
    assert doc.entities[0].role.main == "Antagonist"


def test_an_actor_cast_differently_in_two_places_shows_it_per_mention():
    text = "Ruritania invaded Freedonia. Ruritania protected the refugees of the war."
    doc = _doc(text, "en", {"r": ("Ruritania", "state")})
    EntityRoles("en")(doc)
    first, second = doc.entities[0].mentions
    assert first.role.main == "Antagonist"
    assert second.role.main == "Protagonist"


def test_with_the_rules_alone_an_uncast_actor_gets_a_low_confidence_role_and_no_evidence():
    roles = _roles("Ruritania held elections.", "en", {"r": ("Ruritania", "state")}, role_model=None)
    role = roles["r"].role
    assert role.evidence == []
    assert role.confidence < 0.5
    assert MAIN_OF[role.fine[0]] == role.main


def test_the_model_casts_an_actor_no_cue_names_but_cites_no_evidence_for_it():
    role = _roles("Ruritania held elections.", "en", {"r": ("Ruritania", "state")})["r"].role
    assert role.evidence == []
    assert role.source == "roles:en@1+roles-small@1"
    assert MAIN_OF[role.fine[0]] == role.main


@pytest.mark.parametrize(
    ("text", "name", "main"),
    [
        (
            "Ruritania's army shelled the villages again overnight and blocked the roads out.",
            "Ruritania",
            "Antagonist",
        ),
        (
            "The floods left the villagers of Ruritania homeless and without clean water.",
            "Ruritania",
            "Innocent",
        ),
        (
            "Ruritania sent doctors and generators to the flooded towns and took in the refugees.",
            "Ruritania",
            "Protagonist",
        ),
    ],
)
def test_the_model_reads_the_main_role_from_how_the_sentence_treats_the_actor(text, name, main):
    assert _roles(text, "en", {"r": (name, "state")})["r"].role.main == main


@pytest.mark.parametrize("language", ["fr", "en", "de", "it", "es", "pl", "ru", "uk"])
def test_every_shipped_lexicon_loads_and_names_only_taxonomy_roles(language):
    cues = role_cues(language)
    assert cues.language == language
    known = {fine for _, fine in ENTITY_ROLES} | {"Protagonist", "Antagonist", "Innocent"}
    roles = {c.agent for c in cues.cues if c.agent} | {c.patient for c in cues.cues if c.patient}
    assert roles <= known
    assert {fine for _, fine in ENTITY_ROLES} <= {c.agent for c in cues.cues if c.kind == "qualifies"}


def test_languages_without_a_lexicon_borrow_the_nearest():
    assert lexicon_language("pt") == "es"
    assert lexicon_language("bg") == "ru"
    assert lexicon_language("hi") == "en"


@pytest.mark.parametrize(
    ("language", "text", "villain", "victim"),
    [
        ("de", "Ruritanien überfiel Freedonien.", "Ruritanien", "Freedonien"),
        ("it", "La Ruritania ha attaccato la Freedonia.", "Ruritania", "Freedonia"),
        ("es", "Ruritania atacó a Freedonia.", "Ruritania", "Freedonia"),
        ("pl", "Ruritania zaatakowała Freedonię.", "Ruritania", "Freedonię"),
        ("ru", "Руритания атаковала Фридонию.", "Руритания", "Фридонию"),
        ("uk", "Руританія атакувала Фрідонію.", "Руританія", "Фрідонію"),
    ],
)
def test_an_attack_casts_attacker_and_attacked_in_every_language(language, text, villain, victim):
    roles = _roles(text, language, {"v": (villain, "state"), "w": (victim, "state")})
    assert roles["v"].role.main == "Antagonist"
    assert roles["w"].role.main == "Innocent"


def test_an_actor_without_a_fine_cue_takes_the_fine_role_the_article_leans_on():
    text = "Harland spreads lies and propaganda about the floods. Ruritania is dangerous too."
    roles = _roles(text, "en", {"h": ("Harland", "state"), "r": ("Ruritania", "state")})
    assert roles["h"].role.fine == ["Deceiver"]
    assert roles["r"].role.main == "Antagonist"
    assert roles["r"].role.fine == ["Deceiver"]


def test_each_cast_says_which_cue_made_it_and_in_which_voice():
    doc = _doc(
        "Freedonia was invaded by Ruritania.",
        "en",
        {"f": ("Freedonia", "state"), "r": ("Ruritania", "state")},
    )
    victim, invader = RoleCaster("en").casts(doc, [Target(0, 9, "f"), Target(25, 34, "r")])
    assert [(c.role, c.cue) for c in victim] == [("Victim", 'undergoes "invad*" (passive)')]
    assert [(c.role, c.cue) for c in invader] == [("Instigator", 'does "invad*" (passive)')]


def test_a_copula_carries_a_qualifier_back_to_its_subject():
    text = "Ruritania, as everyone in the region knows, remains a dictatorship."
    roles = _roles(text, "en", {"r": ("Ruritania", "state")}, role_model=None)
    assert roles["r"].role.fine == ["Tyrant"]


FLAGSHIP = Path(__file__).resolve().parents[3] / "shared" / "examples" / "fr-russie-coree-otan.txt"


@pytest.mark.skipif(not FLAGSHIP.exists(), reason="the shared flagship article is not here")
def test_the_french_flagship_casts_nato_as_antagonist_and_russia_and_its_allies_as_protagonists():
    from spinscope.components.entities import EntityRecognizer
    from spinscope.components.technique_model import ModelTechniques
    from spinscope.components.techniques import LexiconTechniques
    from spinscope.models import load_model

    doc = Document.from_text(
        FLAGSHIP.read_text(encoding="utf-8"), language=Language(code="fr", confidence=1.0, source="user")
    )
    for layer in (LexiconTechniques("fr"), ModelTechniques(load_model(), "fr"), EntityRecognizer("fr")):
        layer(doc)
    EntityRoles("fr")(doc)
    roles = {entity.name: entity.role for entity in doc.entities}
    assert roles["NATO"].main == "Antagonist"
    for name in ("Russia", "North Korea", "Sergei Lavrov", "Kim Jong Un"):
        assert roles[name].main == "Protagonist", name
        assert roles[name].evidence, name
