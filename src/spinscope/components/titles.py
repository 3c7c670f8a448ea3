"""Titles and functions (data/titles.yaml): "le ministre des Affaires étrangères russe", "the US president".

A title says that a name next to it is a person, and lets a later bare title ("le ministre") point back to the
one person the article gave that title. Each title has a key (foreign-minister), the keys it specialises
(minister) and its forms per language. A nationality adjective may sit before the title, after it, or inside
it (ministre chinois des Affaires étrangères); it gives the title's state.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from spinscope.components.actors import Gazetteer
from spinscope.components.words import Token, joined, load_data, tokenize


@dataclass(frozen=True, slots=True)
class TitleMatch:
    """Tokens [first, end) hold a title (adjectives included); `state` comes from a nationality adjective."""

    first: int
    end: int
    key: str
    state: str | None


class Titles:
    def __init__(self, data: dict, language: str, gazetteer: Gazetteer):
        self.gazetteer = gazetteer
        self.broader: dict[str, frozenset[str]] = {}
        self._by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for key, entry in data.items():
            self.broader[key] = frozenset(entry.get("generic", []))
            for form in entry.get(language, []):
                words = tuple(t.folded for t in tokenize(form))
                self._by_first.setdefault(words[0], []).append((words, key))
        for forms in self._by_first.values():
            forms.sort(key=lambda f: -len(f[0]))

    def compatible(self, mentioned: str, held: str) -> bool:
        """True when a bare title `mentioned` can name a holder of `held` ("minister": a foreign minister)."""
        return mentioned == held or mentioned in self.broader.get(held, frozenset())

    def match_at(
        self, tokens: Sequence[Token], forms: Sequence[tuple[str, ...]], i: int, text: str
    ) -> TitleMatch | None:
        """The longest title starting at token i (or at the adjective before it), with its state if any."""
        best: tuple[int, str, str | None] | None = None
        for words, key in self._by_first.get(tokens[i].folded, ()):
            found = self._walk(words, tokens, forms, i, text)
            if found and (best is None or found[0] > best[0]):
                best = (found[0], key, found[1])
        if best is None:
            return None
        end, key, state = best
        first = i
        if i > 0 and joined(text, tokens[i - 1], tokens[i]):
            before = self.gazetteer.adjective(forms[i - 1])
            if before:
                first, state = i - 1, state or before
        if state is None and end < len(tokens) and joined(text, tokens[end - 1], tokens[end]):
            after = self.gazetteer.adjective(forms[end])
            if after:
                end, state = end + 1, after
        return TitleMatch(first, end, key, state)

    def _walk(
        self,
        words: tuple[str, ...],
        tokens: Sequence[Token],
        forms: Sequence[tuple[str, ...]],
        i: int,
        text: str,
    ) -> tuple[int, str | None] | None:
        """Match `words` from token i, letting one nationality adjective sit between two of them."""
        k, state = i, None
        for n, word in enumerate(words):
            if k >= len(tokens) or (n and not joined(text, tokens[k - 1], tokens[k])):
                return None
            if word != tokens[k].folded and n and state is None:
                state = self.gazetteer.adjective(forms[k])
                if state and k + 1 < len(tokens) and joined(text, tokens[k], tokens[k + 1]):
                    k += 1
            if word != tokens[k].folded:
                return None
            k += 1
        return k, state


@cache
def titles(language: str, gazetteer: Gazetteer) -> Titles:
    return Titles(load_data("titles.yaml"), language, gazetteer)
