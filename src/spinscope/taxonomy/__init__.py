"""The label sets spinscope speaks (exact SemEval strings) and their definitions, loaded from data files."""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from spinscope import yamlfile

_DATA = files("spinscope.taxonomy") / "data"


def _lines(name: str) -> tuple[str, ...]:
    text = (_DATA / name).read_text(encoding="utf-8")
    return tuple(line.strip() for line in text.splitlines() if line.strip())


TECHNIQUES: tuple[str, ...] = _lines("persuasion-techniques.txt")
GENRES: tuple[str, ...] = _lines("genres.txt")
FRAMES: tuple[str, ...] = _lines("frames.txt")
NARRATIVES: tuple[str, ...] = _lines("narratives.txt")
SUBNARRATIVES: tuple[str, ...] = _lines("subnarratives.txt")
ENTITY_ROLES: tuple[tuple[str, str], ...] = tuple(
    tuple(line.split("\t"))
    for line in _lines("entity-roles.tsv")  # type: ignore[misc]
)


@cache
def _definitions() -> dict[str, dict[str, str]]:
    return yamlfile.load((_DATA / "technique-definitions.yaml").read_text(encoding="utf-8"))


def definition(technique: str, language: str = "en") -> str:
    """A one-sentence definition of `technique` in `language`, falling back to English."""
    entry = _definitions()[technique]
    return entry.get(language) or entry["en"]


def display_name(technique: str) -> str:
    """'Name_Calling-Labeling' → 'Name calling / labeling', for people rather than machines."""
    return technique.replace("-", " / ").replace("_", " ").capitalize()
