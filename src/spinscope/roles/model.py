"""The learned role model: numpy-only inference over `roles.features` rows, shipped with its card.

A model package (`roles/data/roles-small/`) holds `model.json` (the card: what it predicts, how well, on
what it was trained) and `weights.npz`: the feature columns the training data used, a multinomial head for
the main role and one-vs-rest heads for the fine roles. Columns never seen in training carry no weight, so
only the seen ones are stored.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import ClassVar

import numpy as np
from pydantic import Field

from spinscope.document import Document
from spinscope.errors import ModelError
from spinscope.models.activations import sigmoid, softmax
from spinscope.models.card import DataSource, Metric, PackageCard
from spinscope.roles.cues import MAIN_OF, MAIN_ROLES
from spinscope.roles.features import FINE_ROLES, Layout, MentionContext, mention_rows

WEIGHTS_FILE = "weights.npz"
DEFAULT_ROLE_MODEL = "roles-small"
_SHIPPED = files("spinscope.roles") / "data"
# A second fine role only when it is likely in itself and nearly as likely as the first.
_SECOND_FINE_PROBABILITY, _SECOND_FINE_SHARE = 0.5, 0.75
# The rule layer's casts also vote directly, one nat per unit of cast weight, on top of what the model
# learned from them: the rules tell who does what to whom ("X denounced Y"), which n-grams of a window
# cannot, and they carry over to languages the examples barely cover.
RULE_WEIGHT = 1.0
# How much a mention the rules do not cast counts in its actor's role, against 1 for one they cast.
UNCAST_WEIGHT = 0.25
# How much the fine roles the whole article leans on count: an article about deceit casts its villains as
# deceivers.
ARTICLE_SHARE = 0.5


class RoleModelCard(PackageCard):
    """What a role model is, what it predicts, how well, and what it was trained on."""

    package_kind: ClassVar[str] = "role model"

    name: str
    version: str
    description: str
    languages: list[str]
    main_roles: list[str] = Field(default_factory=lambda: list(MAIN_ROLES))
    fine_roles: list[str] = Field(default_factory=lambda: list(FINE_ROLES))
    settings: dict = Field(default_factory=dict, description="Feature layout (hash buckets).")
    metrics: list[Metric] = Field(default_factory=list)
    training_data: list[DataSource] = Field(default_factory=list)
    created: str = ""


@dataclass(frozen=True)
class RolePrediction:
    main: str
    fine: list[str]
    confidence: float


class RoleModel:
    """Main-role and fine-role probabilities for mentions, from the weights of one model package."""

    def __init__(self, card: RoleModelCard, weights: dict[str, np.ndarray]):
        self.card = card
        self.layout = Layout(buckets=int(card.settings["buckets"]))
        self.columns = weights["columns"]
        self.main_weights, self.main_bias = weights["main"].astype(np.float32), weights["main_bias"]
        self.fine_weights, self.fine_bias = weights["fine"].astype(np.float32), weights["fine_bias"]
        self.source = f"{card.name}@{card.version}"

    @classmethod
    def load(cls, directory: Path) -> RoleModel:
        card = RoleModelCard.load(directory)
        try:
            with np.load(directory / WEIGHTS_FILE) as data:
                weights = {key: data[key] for key in data.files}
            return cls(card, weights)
        except (OSError, KeyError, ValueError) as error:
            raise ModelError(f"{directory}: unreadable role weights: {error}") from None

    def probabilities(
        self, doc: Document, mentions: Sequence[MentionContext]
    ) -> tuple[np.ndarray, np.ndarray]:
        """(main, fine): per mention, a distribution over MAIN_ROLES and a probability per fine role."""
        rows, columns, values = mention_rows(doc, mentions, self.layout)
        at = np.searchsorted(self.columns, columns)
        known = (at < len(self.columns)) & (self.columns[np.minimum(at, len(self.columns) - 1)] == columns)
        rows, at, values = rows[known], at[known], values[known][:, None]
        main = self.main_bias + _row_sums(rows, values * self.main_weights[at], len(mentions))
        fine = self.fine_bias + _row_sums(rows, values * self.fine_weights[at], len(mentions))
        rule_main, rule_fine = rule_scores(mentions)
        return softmax(main + RULE_WEIGHT * rule_main), sigmoid(fine + RULE_WEIGHT * rule_fine)


def _row_sums(rows: np.ndarray, contributions: np.ndarray, count: int) -> np.ndarray:
    """The contributions summed per row: (count, outputs)."""
    return np.stack(
        [np.bincount(rows, contributions[:, k], minlength=count) for k in range(contributions.shape[1])],
        axis=1,
    ).astype(np.float32)


def rule_scores(mentions: Sequence[MentionContext]) -> tuple[np.ndarray, np.ndarray]:
    """Per mention, the summed weight of its casts towards each main role and each fine role."""
    main = np.zeros((len(mentions), len(MAIN_ROLES)), dtype=np.float32)
    fine = np.zeros((len(mentions), len(FINE_ROLES)), dtype=np.float32)
    for row, mention in enumerate(mentions):
        for cast in mention.casts:
            main[row, MAIN_ROLES.index(MAIN_OF[cast.role])] += cast.weight
            if cast.role in FINE_ROLES:
                fine[row, FINE_ROLES.index(cast.role)] += cast.weight
    return main, fine


def predict(
    main: np.ndarray,
    fine: np.ndarray,
    mentions: Sequence[MentionContext],
    own: Sequence[int],
    others: Sequence[int] = (),
    share: float = 0.0,
) -> RolePrediction:
    """The role of the mentions `own` (rows of `main` and `fine`), their actor's `others` counting `share`.

    Within each group a mention the rules cast counts fully and one they do not cast counts
    `UNCAST_WEIGHT`: its reading rests on the words around it alone. The fine roles also lean on the
    mean of every row: the article's leaning."""
    weights = np.array([1.0 if m.casts else UNCAST_WEIGHT for m in mentions])
    fine_here = (1 - ARTICLE_SHARE) * _mixed(fine, weights, own, others, share) + ARTICLE_SHARE * fine.mean(
        axis=0
    )
    return decide(_mixed(main, weights, own, others, share), fine_here)


def _mixed(
    probabilities: np.ndarray, weights: np.ndarray, own: Sequence[int], others: Sequence[int], share: float
) -> np.ndarray:
    """The weighted mean of the `own` rows moved `share` of the way towards that of the `others` rows."""
    here = np.average(probabilities[list(own)], axis=0, weights=weights[list(own)])
    if not others:
        return here
    return (1 - share) * here + share * np.average(
        probabilities[list(others)], axis=0, weights=weights[list(others)]
    )


def decide(main_probabilities: np.ndarray, fine_probabilities: np.ndarray) -> RolePrediction:
    """The most likely main role, and its most likely fine role (a second one when nearly as likely)."""
    main = MAIN_ROLES[int(np.argmax(main_probabilities))]
    candidates = sorted(
        (float(p), role)
        for role, p in zip(FINE_ROLES, fine_probabilities, strict=True)
        if MAIN_OF[role] == main
    )[::-1]
    best = candidates[0][0]
    fine = [candidates[0][1]] + [
        role
        for p, role in candidates[1:2]
        if p >= _SECOND_FINE_PROBABILITY and p >= _SECOND_FINE_SHARE * best
    ]
    return RolePrediction(main, fine, round(float(np.max(main_probabilities)), 4))


@cache
def shipped_role_model(name: str = DEFAULT_ROLE_MODEL) -> RoleModel:
    """A role model shipped in the package, loaded once per process."""
    return RoleModel.load(Path(str(_SHIPPED / name)))
