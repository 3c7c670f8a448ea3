"""Casting mentions given from outside (a benchmark's, a training example's), found by the entities or not.

A given mention, the entity-layer mention it overlaps and every other place that spells the same name count
as one actor. Each mention is read by the learned model from its own context; an actor's other mentions
then count half, since a reader judges an actor over the whole article.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from spinscope.analysis import Language
from spinscope.components.base import Component
from spinscope.components.words import fold
from spinscope.document import Document
from spinscope.models import DEFAULT_MODEL
from spinscope.roles.casting import RoleCaster, Target
from spinscope.roles.cues import lexicon_language
from spinscope.roles.features import MentionContext
from spinscope.roles.model import RoleModel, RolePrediction, predict, shipped_role_model

# How much an actor's other mentions count against the mention's own reading.
ACTOR_SHARE = 0.5


@dataclass
class Prepared:
    """A text analysed up to the role layer: its targets (the given ones first) and their contexts."""

    doc: Document
    targets: list[Target]
    contexts: list[MentionContext]
    given: int


def prepare(
    text: str,
    mentions: Sequence[tuple[int, int, str]],
    language: str,
    technique_model: str | Path | None = DEFAULT_MODEL,
) -> Prepared:
    """Run the technique and entity layers on `text`, and place the given (start, end, name) mentions."""
    from spinscope.language import SUPPORTED_LANGUAGES

    pipeline_language = language if language in SUPPORTED_LANGUAGES else lexicon_language(language)
    doc = Document.from_text(text, language=Language(code=language, confidence=1.0, source="user"))
    for component in _upstream(pipeline_language, technique_model):
        component(doc)
    found = [(m.start, m.end, e) for e in doc.entities for m in e.mentions]
    targets: list[Target] = []
    types: dict[str, str | None] = {}
    for start, end, name in mentions:
        entity = next((e for s, t, e in found if s < end and start < t), None)
        actor = entity.id if entity else fold(name)
        types[actor] = entity.type if entity else None
        targets.append(Target(start, end, actor))
    given = len(targets)
    for start, end, entity in found:
        if not _overlaps(start, end, targets):
            targets.append(Target(start, end, entity.id))
            types.setdefault(entity.id, entity.type)
    for target in targets[:given]:
        # Other places that spell the name the same way are the same actor, given or not.
        for match in re.finditer(rf"(?<!\w){re.escape(text[target.start : target.end])}(?!\w)", text):
            if not _overlaps(*match.span(), targets):
                targets.append(Target(*match.span(), target.actor))
    casts = RoleCaster(pipeline_language).casts(doc, targets)
    contexts = [
        MentionContext(t.start, t.end, own, types.get(t.actor)) for t, own in zip(targets, casts, strict=True)
    ]
    return Prepared(doc, targets, contexts, given)


def cast_mentions(
    text: str,
    mentions: Sequence[tuple[int, int, str]],
    language: str,
    technique_model: str | Path | None = DEFAULT_MODEL,
    role_model: RoleModel | None = None,
) -> list[RolePrediction]:
    """The role of each given (start, end, name) mention of `text`, in the order given."""
    prepared = prepare(text, mentions, language, technique_model)
    model = role_model or shipped_role_model()
    main, fine = model.probabilities(prepared.doc, prepared.contexts)
    out = []
    for k, target in enumerate(prepared.targets[: prepared.given]):
        others = [j for j, t in enumerate(prepared.targets) if j != k and t.actor == target.actor]
        out.append(predict(main, fine, prepared.contexts, [k], others, ACTOR_SHARE))
    return out


@cache
def _upstream(language: str, technique_model: str | Path | None) -> tuple[Component, ...]:
    """The layers the roles read, as the pipeline builds them: techniques (lexicon, model), then entities."""
    from spinscope.components.entities import EntityRecognizer
    from spinscope.components.technique_model import ModelTechniques
    from spinscope.components.techniques import LexiconTechniques
    from spinscope.models import load_model

    techniques: list[Component] = [LexiconTechniques(language)]
    if technique_model is not None:
        techniques.append(ModelTechniques(load_model(technique_model), language))
    return (*techniques, EntityRecognizer(language))


def _overlaps(start: int, end: int, targets: Sequence[Target]) -> bool:
    return any(t.start < end and start < t.end for t in targets)
