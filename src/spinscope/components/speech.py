"""Speech cues per language (data/speech-verbs.yaml, data/pronouns.yaml): verbs, markers and subject pronouns.

A cue is an optional auxiliary, an optional adverb and a speech verb form ("a également affirmé", "said",
"hat gesagt"), or a source marker ("selon", "according to", "по словам"). French inversion ("a-t-il affirmé",
"affirme-t-elle") carries its subject pronoun inside the word; the cue reports where it is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from spinscope.components.words import Token, expand, fold, joined, load_data, tokenize


@dataclass(frozen=True, slots=True)
class Cue:
    """Tokens [first, end) hold a speech verb; `pronoun` is (start, end) of a subject pronoun inside it."""

    first: int
    end: int
    pronoun: tuple[int, int] | None = None


class SpeechLexicon:
    def __init__(self, language: str, verbs: dict, pronouns: dict):
        entry = verbs.get(language, {})
        self.language = language
        self.verbs = self._phrases(form for pattern in entry.get("verbs", []) for form in expand(pattern))
        self.auxiliaries = frozenset(fold(a) for a in entry.get("auxiliaries", []))
        self.adverbs = frozenset(fold(a) for a in entry.get("adverbs", []))
        self.complementizers = frozenset(fold(c) for c in entry.get("complementizers", []))
        self.markers = self._phrases(entry.get("markers", []))
        self.complementizer_optional = str(entry.get("complementizer_optional")).lower() == "true"
        self.pro_drop = str(entry.get("pro_drop")).lower() == "true"
        own = pronouns.get(language, {})
        self.masculine = frozenset(fold(p) for p in own.get("masculine", []))
        self.feminine = frozenset(fold(p) for p in own.get("feminine", []))
        inverted = [re.escape(fold(p)) for p in own.get("inverted", [])]
        self._inverted = re.compile(rf"^(.+?)(?:-t)?-({'|'.join(inverted)})$") if inverted else None

    @staticmethod
    def _phrases(phrases) -> dict[str, list[tuple[str, ...]]]:
        """Phrases indexed by their first folded word, longest first."""
        index: dict[str, list[tuple[str, ...]]] = {}
        for phrase in phrases:
            words = tuple(t.folded for t in tokenize(phrase))
            if words and words not in index.get(words[0], []):
                index.setdefault(words[0], []).append(words)
        for entries in index.values():
            entries.sort(key=len, reverse=True)
        return index

    def pronoun_gender(self, folded: str) -> str | None:
        """'m' or 'f' when the folded word is a third-person subject pronoun of a person, else None."""
        if folded in self.masculine:
            return "m"
        if folded in self.feminine:
            return "f"
        return None

    def _split_inverted(self, token: Token) -> tuple[str, tuple[int, int] | None]:
        """'a-t-il' → ('a', span of 'il'); other words come back whole."""
        if self._inverted:
            match = self._inverted.match(token.folded)
            if match:
                return match.group(1), (token.end - len(match.group(2)), token.end)
        return token.folded, None

    def cue_at(self, tokens: Sequence[Token], i: int, text: str) -> Cue | None:
        """A speech-verb cue starting at token i, if there is one."""
        word, pronoun = self._split_inverted(tokens[i])
        k = i
        if word in self.auxiliaries and i + 1 < len(tokens):
            k = i + 1
            if (
                tokens[k].folded in self.adverbs
                and k + 1 < len(tokens)
                and joined(text, tokens[k], tokens[k + 1])
            ):
                k += 1
            verb_end = self._phrase_end(self.verbs, tokens, k, text, tokens[k].folded)
            if verb_end and joined(text, tokens[i], tokens[i + 1]):
                return Cue(i, verb_end, pronoun)
        verb_end = self._phrase_end(self.verbs, tokens, i, text, word)
        if verb_end:
            return Cue(i, verb_end, pronoun)
        return None

    def marker_at(self, tokens: Sequence[Token], i: int, text: str) -> int | None:
        """End token index of a source marker ("selon", "according to") starting at token i."""
        return self._phrase_end(self.markers, tokens, i, text, tokens[i].folded)

    @staticmethod
    def _phrase_end(
        index: dict[str, list[tuple[str, ...]]], tokens: Sequence[Token], i: int, text: str, first: str
    ) -> int | None:
        for words in index.get(first, ()):
            end = i + len(words)
            if end <= len(tokens) and all(
                tokens[i + n].folded == words[n] and joined(text, tokens[i + n - 1], tokens[i + n])
                for n in range(1, len(words))
            ):
                return end
        return None


@cache
def speech_lexicon(language: str) -> SpeechLexicon:
    return SpeechLexicon(language, load_data("speech-verbs.yaml"), load_data("pronouns.yaml"))
