"""Mention features: the context around a mention, the rule casts and techniques, never the name itself."""

from __future__ import annotations

import numpy as np
import pytest

from spinscope.analysis import Language, TechniqueSpan
from spinscope.document import Document
from spinscope.roles.casting import Cast
from spinscope.roles.features import Layout, MentionContext, mention_rows

LAYOUT = Layout(buckets=1 << 12)


def _row(text: str, name: str, casts=(), entity_type=None, techniques=()) -> dict[int, float]:
    doc = Document.from_text(text, language=Language(code="en", confidence=1.0, source="user"))
    doc.techniques.extend(techniques)
    start = text.index(name)
    rows, columns, values = mention_rows(
        doc, [MentionContext(start, start + len(name), list(casts), entity_type)], LAYOUT
    )
    assert set(rows.tolist()) <= {0}
    return dict(zip(columns.tolist(), values.tolist(), strict=True))


def _dense(row: dict[int, float]) -> dict[str, float]:
    return {LAYOUT.dense_names[c - LAYOUT.dense_start]: v for c, v in row.items() if c >= LAYOUT.dense_start}


def test_the_mention_is_masked_so_two_names_in_the_same_words_read_the_same():
    assert _row("Kavrin shelled the villages.", "Kavrin") == _row(
        "Ostravia shelled the villages.", "Ostravia"
    )


def test_the_words_around_the_mention_change_the_row():
    assert _row("Kavrin shelled the villages.", "Kavrin") != _row("Kavrin rebuilt the villages.", "Kavrin")


def test_which_side_of_the_mention_a_word_stands_on_matters():
    assert _row("Kavrin attacked Ostravia.", "Kavrin") != _row("Kavrin attacked Ostravia.", "Ostravia")


def test_rule_casts_count_towards_their_fine_and_main_role():
    casts = [Cast("Instigator", 1.0, 0, "x"), Cast("Tyrant", 0.5, 0, "y")]
    dense = _dense(_row("Kavrin invaded.", "Kavrin", casts))
    assert dense["cast:Instigator"] == pytest.approx(np.log1p(1.0))
    assert dense["cast:Antagonist"] == pytest.approx(np.log1p(1.5))
    assert "cast:Protagonist" not in dense


def test_techniques_in_the_sentence_and_next_to_the_mention_and_the_entity_type_are_features():
    text = "Everyone knows Kavrin. Nothing else happened."
    technique = TechniqueSpan(
        start=0, end=8, text="Everyone", technique="Flag_Waving", confidence=0.9, cue="c", source="s"
    )
    dense = _dense(_row(text, "Kavrin", entity_type="state", techniques=[technique]))
    assert dense["technique-in-sentence:Flag_Waving"] > 0
    assert dense["technique-next-to-it:Flag_Waving"] > 0
    assert dense["type:state"] == 1.0


def test_every_column_lies_inside_the_layout():
    row = _row("Kavrin shelled the villages of Ostravia for a week.", "Kavrin", entity_type="person")
    assert all(0 <= column < LAYOUT.width for column in row)
