"""The people synthetic articles talk about: the persons of spinscope's actor gazetteer, spelt per language.

The gazetteer lists every spelling of a name without saying which language it belongs to, so the spelling is
chosen by script: Latin-script languages use the actor's display name (how most of their press writes a
foreign name, give or take a transliteration), Russian the first Cyrillic spelling without Ukrainian-only
letters, Ukrainian the first one with them (else the first without Russian-only letters). A person with no
spelling in a language's script is left out of that language's cast.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spinscope.components.words import load_data

_UKRAINIAN_ONLY = frozenset("іїєґІЇЄҐ")
_RUSSIAN_ONLY = frozenset("ыэъёЫЭЪЁ")
_CYRILLIC_LANGUAGES = frozenset({"ru", "uk"})


@dataclass(frozen=True, slots=True)
class Person:
    """A person as an article in one language names them, with the grammatical gender speech verbs need."""

    actor_id: str
    name: str
    gender: str  # "m" or "f"


@cache
def people(language: str) -> tuple[Person, ...]:
    """Every gazetteer person with a gender and a spelling for `language`, in gazetteer order."""
    found = []
    for entry in load_data("actors.yaml")["actors"]:
        if entry.get("type") != "person" or entry.get("gender") not in ("m", "f"):
            continue
        name = spelling(entry, language)
        if name is not None:
            found.append(Person(entry["id"], name, entry["gender"]))
    return tuple(found)


def spelling(entry: dict, language: str) -> str | None:
    """How `language` spells the actor of a gazetteer `entry`, or None when the gazetteer has no such form."""
    if language not in _CYRILLIC_LANGUAGES:
        return str(entry["name"])
    cyrillic = [str(name) for name in entry.get("names", []) if _is_cyrillic(str(name))]
    if language == "uk":
        cyrillic = [name for name in cyrillic if not _RUSSIAN_ONLY & set(name)]
    ukrainian = [name for name in cyrillic if _UKRAINIAN_ONLY & set(name)]
    russian = [name for name in cyrillic if not _UKRAINIAN_ONLY & set(name)]
    if language == "uk":
        return (ukrainian or cyrillic or [None])[0]
    return (russian or [None])[0]


def _is_cyrillic(name: str) -> bool:
    letters = [char for char in name if char.isalpha()]
    return bool(letters) and all("\u0400" <= char <= "\u04ff" for char in letters)
