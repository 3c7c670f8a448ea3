"""Narrative catalogues: YAML files of storylines (id, name, description, parent, examples) to detect.

One file is one catalogue:

    catalogue: NAME
    entries:
      - id: "Energy: Wind farms kill birds"
        name: Wind farms kill birds
        description: Claims that wind turbines massacre birds and bats.
        parent: "Energy"                  # optional: the id of the narrative it refines
        domain: energy                    # optional: entries of one domain compete in one article
        examples: {en: ["..."], fr: ["..."]}   # or a plain list of sentences in any language
        keywords: [turbine, birds]        # optional
    neutral:                              # optional: texts on the catalogue's topics that push none of its
      en: ["..."]                         # storylines (by language, or a plain list)

Neutral texts teach the detector where plain reporting ends and a storyline begins: they are the articles
that must come out as "Other". A catalogue without them borrows the shipped catalogue's.

The shipped catalogue (the SemEval-2025 Task 10 taxonomy) keeps its examples beside it, one file per language
(`examples-<lang>.yaml`, a mapping id -> sentences; `neutral-<lang>.yaml`, a list of texts), so that writers
of each language work on their own files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from pathlib import Path

from spinscope import yamlfile
from spinscope.errors import InputError

SHIPPED = "semeval2025"
_DATA = files("spinscope.narratives") / "data"


class CatalogueError(InputError):
    """A catalogue file that cannot be used: unreadable, malformed, or inconsistent."""


@dataclass(frozen=True)
class Example:
    text: str
    language: str | None = None  # None when the catalogue gives a plain list


@dataclass(frozen=True)
class Entry:
    """One storyline of a catalogue."""

    id: str
    name: str
    description: str
    catalogue: str
    domain: str
    parent: str | None = None
    examples: tuple[Example, ...] = ()
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class Catalogue:
    name: str
    entries: tuple[Entry, ...]
    neutral: tuple[Example, ...] = ()  # texts on its topics that push none of its storylines
    origin: str = field(default="", compare=False)  # where it was read from, for messages

    def entry(self, entry_id: str) -> Entry:
        for entry in self.entries:
            if entry.id == entry_id:
                return entry
        raise KeyError(entry_id)

    def children(self, entry_id: str) -> list[Entry]:
        return [e for e in self.entries if e.parent == entry_id]


def load_catalogue(path: str | Path) -> Catalogue:
    """Read and validate a user's catalogue file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise CatalogueError(f"cannot read catalogue {path}: {error}") from None
    return parse_catalogue(_parse_yaml(text, str(path)), str(path))


@cache
def shipped_catalogue() -> Catalogue:
    """The SemEval-2025 taxonomy with our descriptions and every examples-<lang>.yaml and neutral-<lang>.yaml
    merged in."""
    folder = _DATA / SHIPPED
    data = _parse_yaml((folder / "catalogue.yaml").read_text(encoding="utf-8"), f"shipped {SHIPPED}")
    by_id = {entry["id"]: entry for entry in data["entries"]}
    for resource in sorted(folder.iterdir(), key=lambda r: r.name):
        kind, _, language = resource.name.removesuffix(".yaml").partition("-")
        if not resource.name.endswith(".yaml") or kind not in ("examples", "neutral"):
            continue
        texts = _parse_yaml(resource.read_text(encoding="utf-8"), resource.name)
        if kind == "neutral":
            data.setdefault("neutral", {})[language] = texts or []
            continue
        examples = texts or {}
        for entry_id, sentences in examples.items():
            if entry_id not in by_id:
                raise CatalogueError(f"{resource.name}: {entry_id!r} is not an entry of {SHIPPED}")
            by_id[entry_id].setdefault("examples", {})[language] = sentences
    return parse_catalogue(data, f"shipped {SHIPPED}")


def parse_catalogue(data: object, origin: str) -> Catalogue:
    """A Catalogue from parsed YAML, with every problem reported as a CatalogueError naming the entry."""
    if not isinstance(data, dict) or not isinstance(data.get("catalogue"), str) or not data["catalogue"]:
        raise CatalogueError(f"{origin}: a catalogue needs a 'catalogue: NAME' line")
    name = data["catalogue"]
    raw_entries = data.get("entries")
    if not isinstance(raw_entries, list) or not raw_entries:
        raise CatalogueError(f"{origin}: 'entries' must be a non-empty list")
    ids = [raw.get("id") if isinstance(raw, dict) else None for raw in raw_entries]
    parents = {}
    entries = []
    for position, raw in enumerate(raw_entries, start=1):
        where = f"{origin}: entry {position}"
        if not isinstance(raw, dict):
            raise CatalogueError(f"{where} is not a mapping")
        entry_id = _text(raw, "id", where)
        where = f"{origin}: entry {entry_id!r}"
        if ids.count(entry_id) > 1:
            raise CatalogueError(f"{where} appears more than once")
        parent = raw.get("parent")
        if parent is not None and (parent not in ids or parent == entry_id):
            raise CatalogueError(
                f"{where} has parent {parent!r}, which is not another entry of the catalogue"
            )
        parents[entry_id] = parent
        examples = _examples(raw.get("examples"), where)
        keywords = raw.get("keywords") or []
        if not isinstance(keywords, list) or not all(isinstance(k, str) and k.strip() for k in keywords):
            raise CatalogueError(f"{where}: 'keywords' must be a list of words")
        description = _text(raw, "description", where)
        if not examples and not keywords and len(description.split()) < 3:
            raise CatalogueError(f"{where} needs examples, keywords or a description of a few words")
        entries.append((raw, entry_id, parent, examples, tuple(keywords), description))
    neutral = _examples(data.get("neutral"), origin, key="neutral")
    roots = {entry_id: _root(entry_id, parents, origin) for entry_id in parents}
    domains = {entry_id: raw.get("domain") or name for raw, entry_id, parent, *_ in entries if parent is None}
    return Catalogue(
        name=name,
        origin=origin,
        neutral=neutral,
        entries=tuple(
            Entry(
                id=entry_id,
                name=raw.get("name") or entry_id,
                description=description,
                catalogue=name,
                domain=str(domains[roots[entry_id]]),
                parent=parent,
                examples=examples,
                keywords=keywords,
            )
            for raw, entry_id, parent, examples, keywords, description in entries
        ),
    )


def _parse_yaml(text: str, origin: str) -> object:
    try:
        return yamlfile.load(text)
    except yamlfile.Error as error:
        raise CatalogueError(f"{origin} is not valid YAML: {error}") from None


def _text(raw: dict, key: str, where: str) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        raise CatalogueError(f"{where} needs a non-empty '{key}'")
    return value.strip()


def _examples(value: object, where: str, key: str = "examples") -> tuple[Example, ...]:
    """Texts given by language ({lang: [...]}) or as a plain list."""
    if value is None:
        return ()
    if isinstance(value, list):
        groups: list[tuple[str | None, object]] = [(None, value)]
    elif isinstance(value, dict):
        groups = list(value.items())
    else:
        raise CatalogueError(f"{where}: '{key}' must be a list of sentences or a mapping language -> list")
    examples = []
    for language, sentences in groups:
        if not isinstance(sentences, list) or not all(isinstance(s, str) and s.strip() for s in sentences):
            raise CatalogueError(f"{where}: '{key}' must hold non-empty sentences")
        examples.extend(Example(text=s.strip(), language=language) for s in sentences)
    return tuple(examples)


def _root(entry_id: str, parents: dict[str, str | None], origin: str) -> str:
    """The top narrative above an entry; a cycle of parents is an error."""
    seen = {entry_id}
    while parents[entry_id] is not None:
        entry_id = parents[entry_id]
        if entry_id in seen:
            raise CatalogueError(f"{origin}: entry {entry_id!r} is its own ancestor")
        seen.add(entry_id)
    return entry_id
