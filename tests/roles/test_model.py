"""The learned role model: numpy inference, how mentions add up to an actor's role, and its package."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from spinscope.errors import ModelError
from spinscope.roles.casting import Cast
from spinscope.roles.cues import MAIN_OF, MAIN_ROLES
from spinscope.roles.features import FINE_ROLES, MentionContext
from spinscope.roles.model import RoleModel, decide, predict, rule_scores, shipped_role_model


def _fine(**probabilities: float) -> np.ndarray:
    out = np.zeros(len(FINE_ROLES))
    for role, p in probabilities.items():
        out[FINE_ROLES.index(role.replace("_", " "))] = p
    return out


def test_the_fine_roles_come_from_the_chosen_main_role_only():
    cast = decide(np.array([0.1, 0.8, 0.1]), _fine(Guardian=0.9, Tyrant=0.6))
    assert cast.main == "Antagonist"
    assert cast.fine == ["Tyrant"]
    assert cast.confidence == pytest.approx(0.8)


def test_a_second_fine_role_needs_to_be_likely_and_nearly_as_likely_as_the_first():
    main = np.array([0.1, 0.8, 0.1])
    assert decide(main, _fine(Tyrant=0.9, Corrupt=0.7)).fine == ["Tyrant", "Corrupt"]
    assert decide(main, _fine(Tyrant=0.9, Corrupt=0.6)).fine == ["Tyrant"]
    assert decide(main, _fine(Tyrant=0.45, Corrupt=0.44)).fine == ["Tyrant"]


def test_a_mention_the_rules_cast_outweighs_one_they_do_not():
    cast = MentionContext(0, 1, [Cast("Guardian", 1.0, 0, "x")], None)
    uncast = MentionContext(2, 3, [], None)
    main = np.array([[0.7, 0.3, 0.0], [0.2, 0.8, 0.0]])
    fine = np.tile(_fine(Guardian=0.8, Tyrant=0.8), (2, 1))
    assert predict(main, fine, [cast, uncast], [0, 1]).main == "Protagonist"
    assert predict(main, fine, [uncast, uncast], [0, 1]).main == "Antagonist"


def test_rule_scores_sum_cast_weights_per_main_and_fine_role():
    mention = MentionContext(0, 1, [Cast("Victim", 0.8, 0, "x"), Cast("Innocent", 0.5, 0, "y")], None)
    main, fine = rule_scores([mention])
    assert main[0].tolist() == pytest.approx([0.0, 0.0, 1.3])
    assert fine[0, FINE_ROLES.index("Victim")] == pytest.approx(0.8)


def test_the_shipped_model_has_a_card_naming_the_taxonomy_and_its_training_data():
    model = shipped_role_model()
    assert model.card.main_roles == list(MAIN_ROLES)
    assert all(MAIN_OF[role] != role for role in model.card.fine_roles)
    assert model.card.training_data and "corpus/roles" in model.card.training_data[0].source
    assert len(model.columns) == model.main_weights.shape[0] == model.fine_weights.shape[0]
    assert np.all(np.diff(model.columns) > 0)


def test_a_folder_without_a_card_is_not_a_role_model(tmp_path: Path):
    with pytest.raises(ModelError, match="not a role model package"):
        RoleModel.load(tmp_path)
