"""The gazetteer of well-known actors (data/actors.yaml) and the matcher that finds them in a token stream.

Each actor has a stable id, a display name, a type, and its names across languages: `names` (full forms),
`short` (surnames and other short forms, resolved against the article when several actors share one),
`metonyms` (a capital or a seat of power standing for a government: Moscou → Russia) and `adjectives`
(nationality adjectives, used to read "le président russe"). A trailing `*` lets a word end in up to four
more letters (russisch* → russische, russischen). Matching ignores case and accents, with one exception that
keeps common words out: a name written in capitals (WHO, UE) matches only capitals unless another spelling
of the same words allows more (Otan), and a capitalised name word matches only a capitalised text word.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from spinscope.components.words import Token, fold, joined, load_data, tokenize
from spinscope.errors import ModelError

ANY_CASE, CAPITALISED, CAPITALS = 0, 1, 2
_WILDCARD_EXTRA = 4
TYPES = ("person", "organisation", "state", "place", "group", "other")


@dataclass(frozen=True, slots=True)
class Role:
    """A position an actor holds: a title key of data/titles.yaml and, when it is national, the state."""

    title: str
    of: str | None = None


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    name: str
    type: str
    gender: str | None
    roles: tuple[Role, ...]


@dataclass(frozen=True, slots=True)
class Alias:
    """One spelling of one or more actors, as folded words with the case each text word must have."""

    words: tuple[str, ...]
    cases: tuple[int, ...]
    actors: tuple[str, ...]
    kind: str
    wildcard: bool


@dataclass(frozen=True, slots=True)
class GazetteerMatch:
    first: int
    end: int
    alias: Alias


def _case_policy(word: str) -> int:
    letters = [c for c in word if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return CAPITALS
    return CAPITALISED if word[:1].isupper() else ANY_CASE


class Gazetteer:
    """Known actors and an index of their spellings by first word."""

    def __init__(self, entries: Sequence[dict]):
        self.actors: dict[str, Actor] = {}
        merged: dict[tuple[tuple[str, ...], bool], dict] = {}
        adjectives: dict[tuple[str, bool], str] = {}
        for entry in entries:
            actor = self._actor(entry)
            self.actors[actor.id] = actor
            for kind, field in (("name", "names"), ("short", "short"), ("metonym", "metonyms")):
                for spelling in entry.get(field, []):
                    self._add(merged, str(spelling), actor.id, kind)
            for adjective in entry.get("adjectives", []):
                wildcard = adjective.endswith("*")
                adjectives.setdefault((fold(adjective.rstrip("*")), wildcard), actor.id)
        self._by_first: dict[str, list[Alias]] = {}
        self._wildcards: dict[str, list[Alias]] = {}
        for (words, wildcard), info in merged.items():
            alias = Alias(words, tuple(info["cases"]), tuple(info["actors"]), info["kind"], wildcard)
            index = self._wildcards if wildcard and len(words) == 1 else self._by_first
            index.setdefault(words[0][:3] if index is self._wildcards else words[0], []).append(alias)
        for aliases in (*self._by_first.values(), *self._wildcards.values()):
            aliases.sort(key=lambda a: (-len(a.words), a.words))
        self._adjectives = {key[0]: gpe for key, gpe in adjectives.items() if not key[1]}
        self._adjective_prefixes = {key[0]: gpe for key, gpe in adjectives.items() if key[1]}

    @staticmethod
    def _actor(entry: dict) -> Actor:
        if entry.get("type") not in TYPES or ":" not in str(entry.get("id", "")):
            raise ModelError(f"actors.yaml: bad id or type in entry {entry!r}")
        roles = []
        for role in entry.get("roles", []):
            title, _, of = role.partition("@")
            roles.append(Role(title, of or None))
        return Actor(entry["id"], entry["name"], entry["type"], entry.get("gender"), tuple(roles))

    @staticmethod
    def _add(merged: dict, spelling: str, actor_id: str, kind: str) -> None:
        wildcard = spelling.endswith("*")
        words = tokenize(spelling.rstrip("*"))
        key = (tuple(w.folded for w in words), wildcard)
        cases = [_case_policy(w.text) for w in words]
        info = merged.setdefault(key, {"cases": cases, "actors": [], "kind": kind})
        info["cases"] = [min(a, b) for a, b in zip(info["cases"], cases, strict=True)]
        if actor_id not in info["actors"]:
            info["actors"].append(actor_id)
        if kind == "name":  # a spelling that is a full name of one actor is never demoted to a short form
            info["kind"] = "name"

    def match_at(
        self, tokens: Sequence[Token], forms: Sequence[tuple[str, ...]], i: int, text: str
    ) -> GazetteerMatch | None:
        """The longest alias starting at token i, or None; `forms[k]` are the folded word and its lemmas."""
        best: GazetteerMatch | None = None
        for form in forms[i]:
            for alias in self._by_first.get(form, ()):
                end = i + len(alias.words)
                if (best is None or end > best.end) and self._fits(alias, tokens, forms, i, text):
                    best = GazetteerMatch(i, end, alias)
        if best is None:
            for form in forms[i]:
                for alias in self._wildcards.get(form[:3], ()):
                    stem = alias.words[0]
                    extra = len(form) - len(stem)
                    if (
                        form.startswith(stem)
                        and extra <= _WILDCARD_EXTRA
                        and _case_fits(alias.cases[0], tokens[i])
                    ):
                        return GazetteerMatch(i, i + 1, alias)
        return best

    @staticmethod
    def _fits(
        alias: Alias, tokens: Sequence[Token], forms: Sequence[tuple[str, ...]], i: int, text: str
    ) -> bool:
        if i + len(alias.words) > len(tokens):
            return False
        for k, word in enumerate(alias.words):
            token = tokens[i + k]
            if word not in forms[i + k] or not _case_fits(alias.cases[k], token):
                return False
            if k and not joined(text, tokens[i + k - 1], token):
                return False
        return True

    def adjective(self, forms: tuple[str, ...]) -> str | None:
        """The state a nationality adjective refers to (russe, Russian, russischen → gpe:russia), if any."""
        for form in forms:
            if form in self._adjectives:
                return self._adjectives[form]
            for cut in range(max(1, len(form) - _WILDCARD_EXTRA), len(form) + 1):
                if form[:cut] in self._adjective_prefixes:
                    return self._adjective_prefixes[form[:cut]]
        return None


def _case_fits(policy: int, token: Token) -> bool:
    if policy == CAPITALS:
        return token.acronym
    if policy == CAPITALISED:
        return token.capitalised
    return True


@cache
def gazetteer() -> Gazetteer:
    """The shipped gazetteer, loaded and indexed once per process."""
    data = load_data("actors.yaml")
    return Gazetteer(data["actors"])
