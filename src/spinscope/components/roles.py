"""The entity-framing layer: casts every actor the entity layer found as Protagonist, Antagonist or Innocent.

Runs after EntityRecognizer (it reads `doc.entities`) and after the technique layers (it reads
`doc.techniques`). The learned role model reads each mention's context (with the rule layer's casts among
its features); `Entity.role` is the mean over the actor's mentions, `Mention.role` the mention's own
reading with the actor's other mentions as a tie-breaker. A mention whose sentence holds no rule cue keeps
`role=None`: a role given to one mention must come with a sentence that says why. Evidence is the sentences
whose cues pushed towards the chosen main role. `role_model=None` casts with the rules alone.
"""

from __future__ import annotations

from spinscope.analysis import Role
from spinscope.document import Document
from spinscope.roles.casting import VERSION, Cast, RoleCaster, Target, evidence, scaled
from spinscope.roles.features import MentionContext
from spinscope.roles.model import DEFAULT_ROLE_MODEL, RoleModel, RolePrediction, predict, shipped_role_model

# How much an actor's other mentions count when casting one mention: they break ties, they do not decide.
_ACTOR_SHARE = 0.3


class EntityRoles:
    """`EntityRoles(language)(doc)` sets `role` on every entity of `doc.entities` and on their mentions."""

    name = "roles"

    def __init__(self, language: str, role_model: str | RoleModel | None = DEFAULT_ROLE_MODEL):
        """`role_model`: a shipped role model's name, a loaded one, or None for the rules alone."""
        self.caster = RoleCaster(language)
        self.model = shipped_role_model(role_model) if isinstance(role_model, str) else role_model
        self.version = f"{VERSION}+{self.model.source}" if self.model else VERSION

    def __call__(self, doc: Document) -> None:
        targets = [Target(m.start, m.end, entity.id) for entity in doc.entities for m in entity.mentions]
        all_casts = self.caster.casts(doc, targets)
        if self.model is None:
            self._cast_by_rules(doc, all_casts)
            return
        types = [entity.type for entity in doc.entities for _ in entity.mentions]
        contexts = [
            MentionContext(t.start, t.end, casts, kind)
            for t, casts, kind in zip(targets, all_casts, types, strict=True)
        ]
        main, fine = self.model.probabilities(doc, contexts)
        entities, first = [], 0
        for entity in doc.entities:
            rows = list(range(first, first + len(entity.mentions)))
            first += len(entity.mentions)
            everything = [cast for row in rows for cast in all_casts[row]]
            mentions = []
            for row, mention in zip(rows, entity.mentions, strict=True):
                role = None
                if all_casts[row]:
                    others = [r for r in rows if r != row]
                    cast = predict(main, fine, contexts, [row], others, _ACTOR_SHARE)
                    role = self._role(cast, all_casts[row], doc)
                mentions.append(mention.model_copy(update={"role": role}))
            role = self._role(predict(main, fine, contexts, rows), everything, doc)
            entities.append(entity.model_copy(update={"mentions": mentions, "role": role}))
        doc.entities[:] = entities

    def _role(self, cast: RolePrediction, casts: list[Cast], doc: Document) -> Role:
        return Role(
            main=cast.main,  # type: ignore[arg-type]
            fine=cast.fine,
            confidence=cast.confidence,
            evidence=evidence(casts, cast.main, doc),
            source=f"{self.caster.source}+{self.model.source}",  # type: ignore[union-attr]
        )

    def _cast_by_rules(self, doc: Document, all_casts: list[list[Cast]]) -> None:
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
