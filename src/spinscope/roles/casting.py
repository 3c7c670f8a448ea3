"""Casting: from cue words, voice and techniques around each mention to a main and fine role per actor.

Per mention, only its own sentence counts. A qualifier casts the nearest mention (or the one it stands inside:
"Ukrainian civilians"); an act casts the nearest mention before it as the doer and the nearest after it as
what it is done to, swapped in the passive voice ("was invaded by"); a negation just before a cue silences
it. Mentions joined by "and" share their cues. Techniques found right next to a mention add a smaller push
(name calling → Antagonist, flag waving → Protagonist). An actor's role sums the casts of all its mentions.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

from spinscope.analysis import Role, Span
from spinscope.components.words import Token, tokenize
from spinscope.document import Document
from spinscope.roles.cues import MAIN_OF, MAIN_ROLES, Hit, RoleCues, role_cues

VERSION = "1"
_QUALIFIER_WEIGHT, _AGENT_WEIGHT, _PATIENT_WEIGHT = 1.0, 1.0, 0.8
_QUALIFIER_WINDOW, _COPULA_WINDOW, _ACT_WINDOW, _TECHNIQUE_WINDOW = 4, 8, 8, 3
# Techniques that, right next to a mention, cast it: what the text does to the actor, not what it says.
_TECHNIQUE_ROLES = {
    "Name_Calling-Labeling": ("Antagonist", 0.6),
    "Questioning_the_Reputation": ("Antagonist", 0.6),
    "Doubt": ("Antagonist", 0.4),
    "Guilt_by_Association": ("Antagonist", 0.5),
    "Appeal_to_Hypocrisy": ("Antagonist", 0.5),
    "Loaded_Language": ("Antagonist", 0.2),
    "Flag_Waving": ("Protagonist", 0.5),
    "Appeal_to_Values": ("Protagonist", 0.3),
    "Appeal_to_Authority": ("Protagonist", 0.3),
}
# Before any cue: articles that persuade mostly aim at someone, so an uncast actor leans Antagonist.
_PRIOR = {"Antagonist": 0.3, "Protagonist": 0.0, "Innocent": 0.0}
# The fine role of a main role reached without a fine cue, by entity type (the most general role of each).
_DEFAULT_FINE = {
    "Antagonist": {"person": "Corrupt", "state": "Foreign Adversary", "group": "Instigator"},
    "Protagonist": {},
    "Innocent": {},
}
_FALLBACK_FINE = {"Antagonist": "Conspirator", "Protagonist": "Guardian", "Innocent": "Victim"}
_MAX_FINE, _SECOND_FINE_SHARE, _MAX_EVIDENCE = 2, 0.75, 3
# A cue naming only a main role ("ally", "denounced X") is vaguer evidence than one naming a fine role.
_MAIN_ONLY_SHARE = 0.5


@dataclass(frozen=True, slots=True)
class Cast:
    """One push towards a role on one mention: the role, how strong, in which sentence, and why."""

    role: str
    weight: float
    sentence: int
    cue: str


@dataclass(frozen=True, slots=True)
class Target:
    """A mention to cast: characters [start, end) of an actor known by `actor` (an id or a folded name)."""

    start: int
    end: int
    actor: str


@dataclass
class _Placed:
    target: int  # index into the targets
    first: int  # tokens [first, end)
    end: int
    group: int = -1  # mentions joined by a conjunction share a group


class RoleCaster:
    """Casts mentions of one language; `casts` finds the pushes, `role` turns a list of them into a Role."""

    def __init__(self, language: str, cues: RoleCues | None = None):
        self.cues = cues or role_cues(language)
        self.source = f"roles:{self.cues.language}@{self.cues.version}"

    def casts(self, doc: Document, targets: Sequence[Target]) -> list[list[Cast]]:
        """The casts on each target, in the order given."""
        tokens = tokenize(doc.text)
        starts = [t.start for t in tokens]
        ends = [t.end for t in tokens]
        out: list[list[Cast]] = [[] for _ in targets]
        by_sentence: dict[int, list[_Placed]] = {}
        for i, target in enumerate(targets):
            sentence = doc.sentence_at(target.start)
            first = bisect.bisect_left(ends, target.start + 1)
            end = bisect.bisect_left(starts, target.end)
            if sentence is not None and first < end:
                by_sentence.setdefault(sentence.index, []).append(_Placed(i, first, end))
        for index, placed in by_sentence.items():
            sentence = doc.sentences[index]
            s_first = bisect.bisect_left(starts, sentence.start)
            s_end = bisect.bisect_left(starts, sentence.end)
            placed.sort(key=lambda p: (p.first, p.end))
            self._group(tokens, placed)
            for hit in self.cues.find(tokens, s_first, s_end):
                if not self.cues.negated(tokens, hit, s_first):
                    self._cast_hit(tokens, hit, s_first, placed, index, out)
            self._cast_techniques(doc, starts, ends, placed, index, out)
        return out

    def role(
        self, casts: Sequence[Cast], entity_type: str | None, doc: Document, backdrop: Sequence[Cast] = ()
    ) -> Role:
        """The role these casts add up to: main by summed weight (plus the prior), fine roles of that main.

        `backdrop` is every cast of the article: when nothing names a fine role for this actor, it gets the
        fine role the article leans on most for that main role (an article about deceit casts its villains
        as deceivers), and only then a default by entity type.
        """
        main_scores = dict(_PRIOR)
        for cast in casts:
            main_scores[MAIN_OF[cast.role]] += cast.weight
        main = max(MAIN_ROLES, key=lambda m: (main_scores[m], -MAIN_ROLES.index(m)))
        total = sum(math.exp(s) for s in main_scores.values())
        confidence = round(math.exp(main_scores[main]) / total, 4)
        fine = _fine_roles(casts, main, _MAX_FINE) or _fine_roles(backdrop, main, 1)
        if not fine:
            fine = [_DEFAULT_FINE[main].get(entity_type or "", _FALLBACK_FINE[main])]
        return Role(
            main=main,  # type: ignore[arg-type]
            fine=fine,
            confidence=confidence,
            evidence=evidence(casts, main, doc),
            source=self.source,
        )

    def _group(self, tokens: Sequence[Token], placed: list[_Placed]) -> None:
        """Mentions separated only by conjunctions, determiners and commas form one group ('X and Y')."""
        joiners = self.cues.conjunctions | self.cues.determiners
        group = 0
        for k, p in enumerate(placed):
            if k > 0:
                previous = placed[k - 1]
                between = tokens[previous.end : p.first]
                has_conjunction = any(t.folded in self.cues.conjunctions for t in between)
                if not (has_conjunction and all(t.folded in joiners for t in between)):
                    group += 1
            p.group = group

    def _cast_hit(
        self,
        tokens: Sequence[Token],
        hit: Hit,
        s_first: int,
        placed: list[_Placed],
        sentence: int,
        out: list[list[Cast]],
    ) -> None:
        cue = hit.cue
        inside = [p for p in placed if p.first <= hit.first and hit.end <= p.end]
        if inside:
            if cue.kind == "qualifies" and cue.agent:
                self._add(inside, placed, cue.agent, _QUALIFIER_WEIGHT, sentence, f'"{cue.pattern}"', out)
            return
        before = [p for p in placed if p.end <= hit.first]
        after = [p for p in placed if p.first >= hit.end]
        if cue.kind == "qualifies":
            near = self._of_whom(tokens, hit, _nearest(before, after, hit, _QUALIFIER_WINDOW))
            subject = before[-1] if before else None
            # "Moscow, for its part, poses as the guarantor": a copula carries the qualifier to its subject.
            if (
                not near
                and subject
                and _distance(subject, hit) <= _COPULA_WINDOW
                and any(t.folded in self.cues.copula for t in tokens[subject.end : hit.first])
            ):
                near = [subject]
            if near and cue.agent:
                weight = _QUALIFIER_WEIGHT * _decay(_distance(near[0], hit))
                self._add(near, placed, cue.agent, weight, sentence, f'"{cue.pattern}" next to it', out)
            return
        doer = max(before, key=lambda p: p.end, default=None)
        done_to = min(after, key=lambda p: p.first, default=None)
        if self.cues.passive_at(tokens, hit, s_first):
            by_agent = done_to is not None and any(
                t.folded in self.cues.agent_markers for t in tokens[hit.end : done_to.first]
            )
            doer, done_to = (done_to if by_agent else None), doer
            voice = "passive"
        else:
            voice = "active"
        for p, role, weight, what in (
            (doer, cue.agent, _AGENT_WEIGHT, "does"),
            (done_to, cue.patient, _PATIENT_WEIGHT, "undergoes"),
        ):
            if p is None or role is None or _distance(p, hit) > _ACT_WINDOW:
                continue
            why = f'{what} "{cue.pattern}" ({voice})'
            self._add([p], placed, role, weight * _decay(_distance(p, hit)), sentence, why, out)

    def _of_whom(self, tokens: Sequence[Token], hit: Hit, near: list[_Placed]) -> list[_Placed]:
        """Between two equally close mentions, the one the qualifier governs: 'the ambitions of NATO'."""
        if len(near) < 2:
            return near
        governed = [
            p
            for p in near
            if p.first >= hit.end and any(t.folded in self.cues.genitive for t in tokens[hit.end : p.first])
        ]
        return governed or near

    def _cast_techniques(
        self,
        doc: Document,
        starts: list[int],
        ends: list[int],
        placed: list[_Placed],
        sentence: int,
        out: list[list[Cast]],
    ) -> None:
        unit = doc.sentences[sentence]
        for span in doc.techniques:
            pushed = _TECHNIQUE_ROLES.get(span.technique)
            if pushed is None or not unit.start <= span.start < unit.end:
                continue
            first = bisect.bisect_left(ends, span.start + 1)
            end = max(first + 1, bisect.bisect_left(starts, span.end))
            hit = Hit(first, end, None)  # type: ignore[arg-type]
            inside = [p for p in placed if p.first < end and first < p.end]
            near = inside or _nearest(
                [p for p in placed if p.end <= first],
                [p for p in placed if p.first >= end],
                hit,
                _TECHNIQUE_WINDOW,
            )
            role, weight = pushed
            why = f"{span.technique} next to it"
            self._add(near, placed, role, weight, sentence, why, out, from_cue=False)

    def _add(
        self,
        mentions: list[_Placed],
        placed: list[_Placed],
        role: str,
        weight: float,
        sentence: int,
        why: str,
        out: list[list[Cast]],
        from_cue: bool = True,
    ) -> None:
        groups = {p.group for p in mentions}
        if role in MAIN_ROLES and from_cue:
            weight *= _MAIN_ONLY_SHARE
        cast = Cast(role, round(weight, 4), sentence, why)
        for p in placed:
            if p.group in groups:
                out[p.target].append(cast)


def scaled(casts: Sequence[Cast], share: float) -> list[Cast]:
    """The same casts counting `share` as much: an actor's other mentions when one mention is cast."""
    return [replace(cast, weight=round(cast.weight * share, 4)) for cast in casts]


def _fine_roles(casts: Sequence[Cast], main: str, most: int) -> list[str]:
    """The best-supported fine roles of `main`, the second one only when nearly as strong as the first."""
    scores: dict[str, float] = {}
    for cast in casts:
        if MAIN_OF[cast.role] == main and cast.role != main:
            scores[cast.role] = scores.get(cast.role, 0.0) + cast.weight
    ranked = sorted(scores, key=lambda f: (-scores[f], f))
    return [f for f in ranked[:most] if scores[f] >= _SECOND_FINE_SHARE * scores[ranked[0]]]


def _distance(p: _Placed, hit: Hit) -> int:
    """Tokens between a mention and a cue (0 when adjacent)."""
    return max(hit.first - p.end, p.first - hit.end, 0)


def _decay(distance: int) -> float:
    return 1.0 / (1.0 + distance / 4)


def _nearest(before: list[_Placed], after: list[_Placed], hit: Hit, window: int) -> list[_Placed]:
    """The closest mention on either side within `window` tokens (both sides when equally close)."""
    candidates = [p for p in (*before[-1:], *after[:1]) if _distance(p, hit) <= window]
    if not candidates:
        return []
    best = min(_distance(p, hit) for p in candidates)
    return [p for p in candidates if _distance(p, hit) == best]


def evidence(casts: Sequence[Cast], main: str, doc: Document) -> list[Span]:
    """The sentences that pushed most towards `main`, in text order."""
    weights: dict[int, float] = {}
    for cast in casts:
        if MAIN_OF[cast.role] == main:
            weights[cast.sentence] = weights.get(cast.sentence, 0.0) + cast.weight
    top = sorted(weights, key=lambda s: -weights[s])[:_MAX_EVIDENCE]
    return [doc.span(doc.sentences[s].start, doc.sentences[s].end) for s in sorted(top)]
