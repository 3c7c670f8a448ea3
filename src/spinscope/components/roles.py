"""The entity-framing layer: casts every actor the entity layer found as Protagonist, Antagonist or Innocent.

Runs after EntityRecognizer (it reads `doc.entities`) and after the technique layers (it reads
`doc.techniques`). Sets `Entity.role` from all of an actor's mentions, and `Mention.role` from the mention's
own sentence, so that an actor cast differently in two places shows it; a mention whose sentence holds no
cue keeps `role=None` rather than repeating the actor's role without evidence.
"""

from __future__ import annotations

from spinscope.document import Document
from spinscope.roles.casting import VERSION, RoleCaster, Target, scaled

# How much an actor's other mentions count when casting one mention: they break ties, they do not decide.
_ACTOR_SHARE = 0.3


class EntityRoles:
    """`EntityRoles(language)(doc)` sets `role` on every entity of `doc.entities` and on their mentions."""

    name = "roles"
    version = VERSION

    def __init__(self, language: str):
        self.caster = RoleCaster(language)

    def __call__(self, doc: Document) -> None:
        targets = [Target(m.start, m.end, entity.id) for entity in doc.entities for m in entity.mentions]
        all_casts = self.caster.casts(doc, targets)
        backdrop = [cast for mention_casts in all_casts for cast in mention_casts]
        casts = iter(all_casts)
        entities = []
        for entity in doc.entities:
            per_mention = [next(casts) for _ in entity.mentions]
            everything = [cast for mention_casts in per_mention for cast in mention_casts]
            mentions = []
            for k, (mention, own) in enumerate(zip(entity.mentions, per_mention, strict=True)):
                role = None
                if own:
                    others = [c for j, casts_j in enumerate(per_mention) if j != k for c in casts_j]
                    mixed = [*own, *scaled(others, _ACTOR_SHARE)]
                    role = self.caster.role(mixed, entity.type, doc, backdrop)
                mentions.append(mention.model_copy(update={"role": role}))
            role = self.caster.role(everything, entity.type, doc, backdrop)
            entities.append(entity.model_copy(update={"mentions": mentions, "role": role}))
        doc.entities[:] = entities
