"""Role cue lexicons (components/data/roles/<lang>.yaml) and the matcher that finds their words in a text.

A cue is a word or phrase that casts an actor: a qualifier ("dictator", "civilians") casts the actor it stands
next to; an act ("invaded", "protects") casts its doer one way and what it is done to another way. Patterns
are folded (case and accents ignored); a trailing `*` lets a word go on, so one stem covers an inflection.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from spinscope import yamlfile
from spinscope.components.words import Token, fold
from spinscope.errors import ModelError
from spinscope.taxonomy import ENTITY_ROLES

_DATA = files("spinscope.components") / "data" / "roles"
MAIN_ROLES = ("Protagonist", "Antagonist", "Innocent")
MAIN_OF: dict[str, str] = {fine: main for main, fine in ENTITY_ROLES} | {main: main for main in MAIN_ROLES}
# Languages without a lexicon of their own borrow the nearest one we have.
_BORROWED = {"pt": "es", "gl": "es", "ca": "es", "bg": "ru", "be": "ru", "cs": "pl", "sk": "pl"}
_SHIPPED = ("en", "fr", "de", "it", "es", "pl", "ru", "uk")
_NO_ROLE = "-"


@dataclass(frozen=True, slots=True)
class Word:
    folded: str
    prefix: bool

    def matches(self, token: Token) -> bool:
        return token.folded.startswith(self.folded) if self.prefix else token.folded == self.folded


@dataclass(frozen=True, slots=True)
class Cue:
    """One lexicon entry: `agent` goes to the actor it qualifies or that does it, `patient` to its object."""

    pattern: str
    words: tuple[Word, ...]
    kind: str  # "qualifies" or "acts"
    agent: str | None
    patient: str | None


@dataclass(frozen=True, slots=True)
class Hit:
    """Cue `cue` covers tokens [first, end)."""

    first: int
    end: int
    cue: Cue


@dataclass(frozen=True)
class RoleCues:
    language: str
    version: str
    cues: tuple[Cue, ...]
    passive: frozenset[str]
    active_endings: tuple[str, ...]
    agent_markers: frozenset[str]
    negation: frozenset[str]
    conjunctions: frozenset[str]
    determiners: frozenset[str]
    genitive: frozenset[str]
    copula: frozenset[str]

    def __post_init__(self) -> None:
        exact: dict[str, list[Cue]] = {}
        prefixes: dict[str, list[Cue]] = {}
        for cue in self.cues:
            first = cue.words[0]
            (prefixes if first.prefix else exact).setdefault(first.folded, []).append(cue)
        object.__setattr__(self, "_exact", exact)
        object.__setattr__(self, "_prefixes", prefixes)

    def find(self, tokens: Sequence[Token], first: int, end: int) -> list[Hit]:
        """Every cue among tokens[first:end], longest first where two start on the same token."""
        hits = []
        for i in range(first, end):
            folded = tokens[i].folded
            candidates = list(self._exact.get(folded, ()))  # type: ignore[attr-defined]
            for k in range(1, len(folded) + 1):
                candidates.extend(self._prefixes.get(folded[:k], ()))  # type: ignore[attr-defined]
            for cue in sorted(candidates, key=lambda c: -len(c.words)):
                stop = i + len(cue.words)
                if stop <= end and all(w.matches(tokens[i + j]) for j, w in enumerate(cue.words[1:], 1)):
                    hits.append(Hit(i, stop, cue))
        return _drop_nested(hits)

    def passive_at(self, tokens: Sequence[Token], hit: Hit, sentence_first: int) -> bool:
        """A verb cue after a passive auxiliary ('was attacked', 'a été envahie'), not a progressive form."""
        if tokens[hit.first].folded.endswith(self.active_endings):
            return False
        before = tokens[max(sentence_first, hit.first - 2) : hit.first]
        return any(t.folded in self.passive for t in before)

    def negated(self, tokens: Sequence[Token], hit: Hit, sentence_first: int) -> bool:
        before = tokens[max(sentence_first, hit.first - 2) : hit.first]
        return any(t.folded in self.negation for t in before)


def _drop_nested(hits: list[Hit]) -> list[Hit]:
    """A phrase wins over the words inside it: 'peace talks' is one cue, not 'peace' and 'talks'."""
    kept: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (h.first, -(h.end - h.first))):
        if any(
            k.first <= hit.first and hit.end <= k.end and k.end - k.first > hit.end - hit.first for k in kept
        ):
            continue
        kept.append(hit)
    return kept


def lexicon_language(language: str) -> str:
    """The lexicon that serves `language`: its own, a close one, or English."""
    if language in _SHIPPED:
        return language
    return _BORROWED.get(language, "en")


@cache
def role_cues(language: str) -> RoleCues:
    """The cue lexicon for `language` (see `lexicon_language`), parsed once per process."""
    code = lexicon_language(language)
    path = _DATA / f"{code}.yaml"
    try:
        data = yamlfile.load_words(path.read_text(encoding="utf-8"))
        return _parse(code, data)
    except (OSError, yamlfile.Error, KeyError, TypeError, ValueError) as error:
        raise ModelError(f"role lexicon {code}.yaml is unreadable: {error}") from error


def _parse(language: str, data: dict) -> RoleCues:
    cues: list[Cue] = []
    for kind in ("qualifies", "acts", "targets"):
        for key, patterns in (data.get(kind) or {}).items():
            agent, _, patient = (part.strip() for part in str(key).partition(">"))
            if kind == "targets":
                agent, patient = _NO_ROLE, agent
            for role in (agent, patient):
                if role and role != _NO_ROLE and role not in MAIN_OF:
                    raise ValueError(f"unknown role {role!r} in {kind}")
            for pattern in patterns:
                cues.append(
                    Cue(
                        pattern=str(pattern),
                        words=tuple(_word(w) for w in str(pattern).split()),
                        kind="qualifies" if kind == "qualifies" else "acts",
                        agent=None if agent == _NO_ROLE else agent,
                        patient=patient or None,
                    )
                )

    def words(key: str) -> frozenset[str]:
        return frozenset(fold(str(w)) for w in data.get(key) or ())

    return RoleCues(
        language=language,
        version=str(data["version"]),
        cues=tuple(cues),
        passive=words("passive"),
        active_endings=tuple(fold(str(w)) for w in data.get("active_endings") or ()),
        agent_markers=words("agent"),
        negation=words("negation"),
        conjunctions=words("conjunction"),
        determiners=words("determiners"),
        genitive=words("genitive"),
        copula=words("copula"),
    )


def _word(pattern: str) -> Word:
    return Word(fold(pattern.rstrip("*")), pattern.endswith("*"))
