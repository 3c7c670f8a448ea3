"""Casting mentions given from outside: offsets kept, found by the entity layer or not, one actor per name."""

from __future__ import annotations

from spinscope.roles.mentions import cast_mentions, prepare


def _at(text: str, name: str, nth: int = 0) -> tuple[int, int, str]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(name, start + 1)
    return (start, start + len(name), name)


def test_every_given_mention_gets_a_role_in_the_order_given():
    text = "Kavrin invaded Ostravia in May. The shelling left Ostravia's villages in ruins."
    given = [_at(text, "Ostravia"), _at(text, "Kavrin")]
    victim, invader = cast_mentions(text, given, "en", technique_model=None)
    assert invader.main == "Antagonist"
    assert victim.main == "Innocent"


def test_other_places_spelling_the_same_name_are_the_same_actor():
    text = "Kavrin invaded Ostravia in May. Kavrin held a parade in June."
    prepared = prepare(text, [_at(text, "Kavrin", 1)], "en", technique_model=None)
    actors = {t.actor for t in prepared.targets if text[t.start : t.end] == "Kavrin"}
    assert len(actors) == 1
    assert len([t for t in prepared.targets if text[t.start : t.end] == "Kavrin"]) == 2


def test_a_language_without_a_pipeline_of_its_own_is_cast_with_the_nearest_one():
    text = "Кавриния напала на Остравию."
    (cast,) = cast_mentions(text, [_at(text, "Кавриния")], "bg", technique_model=None)
    assert cast.main == "Antagonist"
