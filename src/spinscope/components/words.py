"""Word tokens with offsets into the original text, and the folding that makes spellings comparable.

The entity and quote layers compare words, never raw strings: `fold` removes case, accents and apostrophe
variants (Otan = OTAN, Sergueï = Serguei), `lemmas` undoes the commonest case endings of the inflected
languages (Лаврова → Лавров, Rosji → Rosja), and `slug` turns a name into the ASCII part of a stable id.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files

from spinscope import yamlfile

DATA = files("spinscope.components") / "data"

# A word: letters or digits, with inner hyphens and apostrophes (Jean-Luc, a-t-il, O'Brien, nord-coréen).
_WORD = re.compile(r"\w+(?:[-‐‑'’ʼ]\w+)*")
# French and Italian elided articles and prepositions glued to the next word: l'Otan, d'Ukraine, dell'Onu.
_ELISION = re.compile(
    r"(?i)(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu|presqu|dell|dall|nell|sull|all|coll|quell|un)['’ʼ]"
)
# English possessive: Russia's, NATO’s.
_POSSESSIVE = re.compile(r"['’ʼ]s$")
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "‐": "-", "‑": "-"})
_TRANSLITERATION = {
    cyrillic: latin
    for cyrillic, latin in zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґ",
        [
            "a",
            "b",
            "v",
            "g",
            "d",
            "e",
            "e",
            "zh",
            "z",
            "i",
            "i",
            "k",
            "l",
            "m",
            "n",
            "o",
            "p",
            "r",
            "s",
            "t",
            "u",
        ]
        + ["f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya", "i", "i", "ie", "g"],
        strict=True,
    )
}
_TRANSLITERATION.update({"ł": "l", "ß": "ss", "æ": "ae", "ø": "o", "đ": "d", "œ": "oe"})


@dataclass(frozen=True, slots=True)
class Token:
    """One word of the text: text[start:end] == text; `folded` is what lexicons are compared with."""

    start: int
    end: int
    text: str
    folded: str

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()

    @property
    def acronym(self) -> bool:
        """All letters upper case, at least two of them (NATO, OTAN, G7 is not one: one letter)."""
        letters = [c for c in self.text if c.isalpha()]
        return len(letters) >= 2 and all(c.isupper() for c in letters)


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Case-, accent- and apostrophe-insensitive form of `text`."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def slug(text: str) -> str:
    """ASCII, lower-case, hyphenated form of `text`, Cyrillic transliterated: 'Сергей' → 'sergei'."""
    out = []
    for char in fold(text):
        out.append(_TRANSLITERATION.get(char, char))
    ascii_text = unicodedata.normalize("NFKD", "".join(out)).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


@lru_cache(maxsize=8)
def tokenize(text: str) -> tuple[Token, ...]:
    """The words of `text` in order; elided articles (l', d') and possessives ('s) are words of their own.

    Cached: the entity and the quote layer tokenise the same article once.
    """
    tokens: list[Token] = []
    for match in _WORD.finditer(text):
        start, end = match.span()
        elision = _ELISION.match(text, start, end)
        if elision and elision.end() < end:
            tokens.append(_token(text, start, elision.end()))
            start = elision.end()
        possessive = _POSSESSIVE.search(text, start, end)
        if possessive and possessive.start() > start:
            tokens.append(_token(text, start, possessive.start()))
            tokens.append(_token(text, possessive.start(), end))
        else:
            tokens.append(_token(text, start, end))
    return tuple(tokens)


def _token(text: str, start: int, end: int) -> Token:
    return Token(start, end, text[start:end], fold(text[start:end]))


def joined(text: str, left: Token, right: Token) -> bool:
    """True when only spaces (no line break, no punctuation) separate two tokens."""
    gap = text[left.end : right.start]
    return gap == "" or (gap.isspace() and "\n" not in gap and "\r" not in gap)


@cache
def _inflection_rules() -> dict[str, tuple[tuple[str, str], ...]]:
    """Per language, (ending, replacement) pairs from data/inflection.yaml, folded, longest ending first."""
    raw = load_data("inflection.yaml")
    rules = {}
    for language, entries in raw.items():
        pairs = []
        for entry in entries:
            ending, _, replacement = entry.partition(">")
            pairs.append((fold(ending.strip()), fold(replacement.strip())))
        rules[language] = tuple(sorted(pairs, key=lambda pair: -len(pair[0])))
    return rules


_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


@lru_cache(maxsize=1 << 16)
def lemmas(folded: str, language: str) -> tuple[str, ...]:
    """Candidate base forms of an inflected word (most specific first), the word itself excluded."""
    rules = _inflection_rules()
    applicable = list(rules.get(language, ()))
    if _CYRILLIC.search(folded) and language not in ("ru", "uk"):
        applicable += rules["ru"] + rules["uk"]
    candidates: list[str] = []
    for ending, replacement in applicable:
        if folded.endswith(ending) and len(folded) - len(ending) >= 3:
            candidate = folded[: len(folded) - len(ending)] + replacement
            if candidate != folded and candidate not in candidates:
                candidates.append(candidate)
    return tuple(candidates)


def load_data(name: str) -> dict:
    """One YAML file of data/ as a mapping."""
    return yamlfile.load_words((DATA / name).read_text(encoding="utf-8"))


def expand(pattern: str) -> list[str]:
    """Brace alternatives as in a shell: 'affirm{e,é,ait}' → ['affirme', 'affirmé', 'affirmait']."""
    match = re.search(r"\{([^{}]*)\}", pattern)
    if not match:
        return [pattern]
    head, tail = pattern[: match.start()], pattern[match.end() :]
    return [form for option in match.group(1).split(",") for form in expand(head + option + tail)]
