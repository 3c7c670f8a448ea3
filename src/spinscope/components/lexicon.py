"""Lexicon files: the pattern syntax, validation on load, and one fast matcher per language.

A lexicon is a YAML file, ``spinscope/lexicons/<lang>.yaml``, that lists for each persuasion technique the
words and phrases that cue it. Authors write patterns, not regular expressions:

=================  ==========================================================================================
``néfaste``        the word, case-insensitive, on word boundaries (Unicode-aware: Cyrillic, Polish, accents)
``néfaste*``       ``*`` stands for any word characters: néfaste, néfastes; ``*`` may sit inside a word too;
                   a lone ``*`` is any one word
``{guerre|war}``   one of the alternatives; an alternative may hold several words or be empty: ``allié{|s}``
``[très] grave``   the words in square brackets are optional; ``[très|si]`` is one optional alternation
``either ... or``  ``...`` skips up to 3 words (``...5``: up to 5) inside the sentence
``régime de <Name>``  ``<Name>`` is one capitalised word (a proper noun)
``l'Otan``         ``'`` matches ' ’ and ʼ; ``-`` matches a hyphen (any variant) or white space;
                   ``«`` ``»`` ``"`` ``“`` ``”`` ``„`` match any quotation mark; a space matches any run
                   of spaces on one line (no-break ones included), or none after an apostrophe or next
                   to a quotation mark
=================  ==========================================================================================

Entries are mappings: ``pattern`` (or ``patterns``, a list sharing the other keys), ``confidence`` in [0, 1],
an optional ``note`` for readers, and an optional ``unless_followed_by`` pattern that vetoes the match (e.g. a
named source after "according to experts"). ``regex`` replaces ``pattern`` for the rare case the syntax
cannot say; it is matched case-insensitively and should not span paragraphs. A ``structure`` section holds the
data the structural detectors need (see ``spinscope.components.structural``): ``rhetorical_questions``,
a list of patterns, and ``stopwords``, words separated by spaces.

Each file is validated once and compiled into a ``Lexicon``: patterns are indexed by the first letters of the
word they must start with, so matching an article costs one pass over its words plus a few anchored regex
matches, instead of trying hundreds of patterns at every position.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from pathlib import Path

from spinscope import yamlfile
from spinscope.errors import LanguageError, ModelError
from spinscope.taxonomy import TECHNIQUES

# White space between two words: any run of spaces that stays on one line (paragraphs are lines).
SPACE = r"[^\S\r\n]+"
_QUOTE_CHARS = '«»"“”„‟‹›'
_QUOTE = "[" + re.escape(_QUOTE_CHARS) + "]"
_APOSTROPHE = "['’ʼ]"
# Between two words of a pattern: white space, or nothing after an elision or next to a quotation mark
# ("l'Otan", "«fief»").
_SEPARATOR = rf"(?:{SPACE}|(?<=['’ʼ{re.escape(_QUOTE_CHARS)}])|(?={_QUOTE}))"
_HYPHEN = rf"(?:[-‐‑]|{SPACE})"
CAPITALS = "A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĖĘĚĞĪĮİŁŃŇŌŐŒŘŚŞŠŢŤŪŮŰŲŸŹŻŽА-ЯЁЄІЇЎҐ"
_NAME = rf"(?-i:[{CAPITALS}])\w*"
# A word skipped by "...": anything but white space and sentence-ending punctuation.
_GAP_WORD = r"[^\s.!?…]+"
_DEFAULT_GAP = 3
_ANCHOR_LENGTH = 3
_WORD_START = re.compile(r"(?<!\w)\w+")
_ENTRY_KEYS = {"pattern", "patterns", "regex", "confidence", "note", "unless_followed_by"}
_FILE_KEYS = {"language", "version", "structure", "techniques"}

LEXICON_DIR = files("spinscope") / "lexicons"


class PatternError(ValueError):
    """A lexicon pattern that does not follow the syntax."""


# --- Pattern syntax -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Token:
    """One word of a pattern: its regex and the literal letters it must start with."""

    regex: str
    prefixes: frozenset[str] | None  # None: cannot tell which letters start it


@dataclass(frozen=True)
class _Optional:
    seq: list


@dataclass(frozen=True)
class _Gap:
    words: int


class _Parser:
    """Recursive descent over a pattern string: seq := item (space item)*; item := [seq] | ...N | token."""

    def __init__(self, pattern: str):
        self.text = pattern
        self.pos = 0

    def parse(self) -> list:
        seq = self._seq(stop="")
        if self.pos != len(self.text):
            raise PatternError(f"unexpected {self.text[self.pos]!r} at position {self.pos}")
        return seq

    def _seq(self, stop: str) -> list:
        items: list = []
        while True:
            self._skip_space()
            if self.pos >= len(self.text) or self.text[self.pos] in stop:
                return items
            char = self.text[self.pos]
            if char == "[":
                self.pos += 1
                alternatives = self._alternatives(close="]")
                if not all(alternatives):
                    raise PatternError("empty [ ] or [ | ]")
                inner = alternatives[0] if len(alternatives) == 1 else [_alternation(alternatives)]
                items.append(_Optional(inner))
            elif self.text.startswith("...", self.pos) or char == "…":
                self.pos += 1 if char == "…" else 3
                digits = re.match(r"\d*", self.text[self.pos :]).group()
                self.pos += len(digits)
                items.append(_Gap(int(digits) if digits else _DEFAULT_GAP))
            else:
                items.append(self._token(stop))

    def _token(self, stop: str) -> _Token:
        regex: list[str] = []
        prefixes: set[str] | None = {""}  # literal letters so far, per alternative; None once unknown
        growing = True  # whether the literal prefix can still grow
        raw_start = self.pos
        if self.text.startswith("*", self.pos) and self._ends_word(self.pos + 1, stop):
            self.pos += 1
            return _Token(r"\w+", None)  # a lone "*" is any one word
        while self.pos < len(self.text):
            char = self.text[self.pos]
            if char.isspace() or char in stop or char in "[]":
                break
            if char == "{":
                self.pos += 1
                alternation = _alternation(self._alternatives(close="}"))
                regex.append(alternation.regex)
                if growing and prefixes is not None:
                    heads = alternation.prefixes
                    prefixes = None if heads is None else {p + h for p in prefixes for h in heads}
                growing = False
                continue
            if char == "<":
                end = self.text.find(">", self.pos)
                if self.text[self.pos : end + 1] != "<Name>":
                    raise PatternError(f"unknown placeholder at position {self.pos} (only <Name> exists)")
                regex.append(_NAME)
                self.pos = end + 1
                growing = False
                continue
            if char in "}|>":
                raise PatternError(f"unexpected {char!r} at position {self.pos}")
            self.pos += 1
            if char == "*":
                regex.append(r"\w*")
                growing = False
            elif char in "'’ʼ":
                regex.append(_APOSTROPHE)
                growing = False
            elif char in "-‐‑":
                regex.append(_HYPHEN)
                growing = False
            elif char in _QUOTE_CHARS:
                regex.append(_QUOTE)
                growing = False
            else:
                regex.append(re.escape(char))
                if growing and prefixes is not None:
                    if char.isalnum():
                        prefixes = {p + char.lower() for p in prefixes}
                    else:
                        growing = False
        if self.pos == raw_start:
            raise PatternError(f"empty word at position {self.pos}")
        if prefixes is not None and "" in prefixes:
            prefixes = None
        return _Token("".join(regex), frozenset(prefixes) if prefixes is not None else None)

    def _ends_word(self, position: int, stop: str) -> bool:
        return (
            position >= len(self.text) or self.text[position].isspace() or self.text[position] in stop + "[]"
        )

    def _alternatives(self, close: str) -> list[list]:
        alternatives = [self._seq(stop="|" + close)]
        while self.pos < len(self.text) and self.text[self.pos] == "|":
            self.pos += 1
            alternatives.append(self._seq(stop="|" + close))
        self._expect(close)
        return alternatives

    def _expect(self, char: str) -> None:
        if self.pos >= len(self.text) or self.text[self.pos] != char:
            raise PatternError(f"missing {char!r} in {self.text!r}")
        self.pos += 1

    def _skip_space(self) -> None:
        while self.pos < len(self.text) and self.text[self.pos].isspace():
            self.pos += 1


def _alternation(alternatives: list[list]) -> _Token:
    """One token that matches any of the alternative sequences."""
    heads = [_seq_prefixes(a) for a in alternatives]
    prefixes = None if None in heads else frozenset().union(*heads)
    return _Token("(?:" + "|".join(_compile_seq(a) for a in alternatives) + ")", prefixes)


def _item_regex(item: object) -> str:
    if isinstance(item, _Token):
        return item.regex
    if isinstance(item, _Optional):
        return _compile_seq(item.seq)
    raise PatternError("'...' must stand between two words")


def _compile_seq(seq: list) -> str:
    """Regex for a sequence of items; optional items and gaps carry their own white space."""
    out: list[str] = []
    leading = True  # only optional items so far: they carry the space that follows them
    for item in seq:
        if isinstance(item, _Gap):
            if leading:
                raise PatternError("a pattern cannot start with '...'")
            out.append(f"(?:{SPACE}{_GAP_WORD}){{0,{item.words}}}")
            continue
        body = _item_regex(item)
        if leading:
            if isinstance(item, _Optional):
                out.append(f"(?:{body}{_SEPARATOR})?")
                continue
            out.append(body)
            leading = False
        elif isinstance(item, _Optional):
            out.append(f"(?:{_SEPARATOR}{body})?")
        else:
            out.append(_SEPARATOR + body)
    if seq and isinstance(seq[-1], _Gap):
        raise PatternError("a pattern cannot end with '...'")
    return "".join(out)


def _seq_prefixes(seq: list) -> frozenset[str] | None:
    """The literal letters any match of `seq` starts with; {""} for an empty alternative; None: unknown."""
    found: set[str] = set()
    for item in seq:
        if isinstance(item, _Optional):  # the match may start inside it, or after it
            inner = _seq_prefixes(item.seq)
            if inner is None:
                return None
            found |= inner
            continue
        if not isinstance(item, _Token) or item.prefixes is None:
            return None
        return frozenset(found | item.prefixes)
    return frozenset(found | {""})


def compile_pattern(pattern: str) -> tuple[str, frozenset[str] | None]:
    """The regex for `pattern`, with word boundaries, and the word prefixes it starts with (None: unknown)."""
    seq = _Parser(pattern).parse()
    if not any(isinstance(item, _Token) for item in seq):
        raise PatternError("a pattern needs at least one required word")
    regex = _compile_seq(seq)
    prefixes = _seq_prefixes(seq)
    if prefixes is not None and "" in prefixes:
        prefixes = None
    # Word boundaries that also hold when the pattern starts or ends with punctuation ("d'", "«").
    return rf"(?<!\w(?=\w))(?:{regex})(?!(?<=\w)\w)", prefixes


# --- Lexicon files ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """One pattern of a lexicon, compiled."""

    technique: str
    pattern: str  # as the author wrote it (or the raw regex)
    confidence: float
    regex: re.Pattern[str]
    note: str | None = None
    veto: re.Pattern[str] | None = None  # matched right after the hit, it cancels it


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    entry: Entry


@dataclass
class Lexicon:
    """The compiled lexicon of one language."""

    language: str
    version: str
    path: str
    entries: list[Entry]
    # Data of the structural detectors: words the repetition detector ignores, rhetorical question openers.
    stopwords: frozenset[str] = frozenset()
    rhetorical_questions: list[tuple[str, re.Pattern[str]]] = field(default_factory=list)
    # Entries indexed by the first letters (up to _ANCHOR_LENGTH, lower-cased) of the word they start with.
    _anchored: dict[str, list[Entry]] = field(default_factory=dict, repr=False)
    # Entries whose first word cannot be told in advance: searched over the whole text.
    _unanchored: list[Entry] = field(default_factory=list, repr=False)

    def find(self, text: str) -> list[Hit]:
        """Every match of every entry in `text`, overlaps included, sorted by position."""
        hits = [Hit(m.start(), m.end(), e) for e in self._unanchored for m in e.regex.finditer(text)]
        for word in _WORD_START.finditer(text):
            lowered = word.group().lower()
            position = word.start()
            for length in range(1, min(len(lowered), _ANCHOR_LENGTH) + 1):
                for entry in self._anchored.get(lowered[:length], ()):
                    match = entry.regex.match(text, position)
                    if match:
                        hits.append(Hit(position, match.end(), entry))
        hits = [h for h in hits if h.end > h.start and not _vetoed(h, text)]
        return sorted(hits, key=lambda h: (h.start, h.end, h.entry.technique))

    def _index(self, entry: Entry, prefixes: frozenset[str] | None) -> None:
        if prefixes is None:
            self._unanchored.append(entry)
            return
        for prefix in {p[:_ANCHOR_LENGTH] for p in prefixes}:
            self._anchored.setdefault(prefix, []).append(entry)


def _vetoed(hit: Hit, text: str) -> bool:
    return hit.entry.veto is not None and hit.entry.veto.match(text, hit.end) is not None


def _fail(path: str, where: str, problem: str) -> ModelError:
    return ModelError(f"lexicon {path}: {where}: {problem}")


def _compile_entry(
    path: str, technique: str, raw: dict, pattern: str, is_regex: bool
) -> tuple[Entry, object]:
    where = f"{technique}, entry {pattern!r}"
    confidence = raw.get("confidence")
    if isinstance(confidence, bool) or not isinstance(confidence, int | float) or not 0 <= confidence <= 1:
        raise _fail(path, where, f"confidence must be a number in [0, 1], not {confidence!r}")
    note = raw.get("note")
    if note is not None and not isinstance(note, str):
        raise _fail(path, where, "note must be text")
    try:
        if is_regex:
            regex, prefixes = pattern, None
        else:
            regex, prefixes = compile_pattern(pattern)
        compiled = re.compile(regex, re.IGNORECASE)
        veto = None
        if "unless_followed_by" in raw:
            veto_regex, _ = compile_pattern(str(raw["unless_followed_by"]))
            veto = re.compile(SPACE + "(?:" + veto_regex + ")", re.IGNORECASE)
    except (PatternError, re.error) as error:
        raise _fail(path, where, f"bad pattern: {error}") from None
    return Entry(technique, pattern, float(confidence), compiled, note, veto), prefixes


def parse_lexicon(data: object, path: str, language: str | None = None) -> Lexicon:
    """Validate the content of a lexicon file and compile it; `path` names the file in error messages."""
    if not isinstance(data, dict):
        raise _fail(path, "file", "must be a mapping with language, version and techniques")
    unknown = set(data) - _FILE_KEYS
    if unknown:
        raise _fail(path, "file", f"unknown keys {sorted(unknown)}")
    for key in ("language", "version", "techniques"):
        if key not in data:
            raise _fail(path, "file", f"missing {key!r}")
    if language is not None and data["language"] != language:
        raise _fail(path, "file", f"language is {data['language']!r}, expected {language!r}")
    if not isinstance(data["techniques"], dict):
        raise _fail(path, "techniques", "must map technique ids to lists of entries")
    structure = data.get("structure") or {}
    if not isinstance(structure, dict):
        raise _fail(path, "structure", "must be a mapping")
    lexicon = Lexicon(language=str(data["language"]), version=str(data["version"]), path=path, entries=[])
    lexicon.stopwords = _stopwords(path, structure.get("stopwords", ""))
    lexicon.rhetorical_questions = _openers(path, structure.get("rhetorical_questions", []))
    for technique, raw_entries in data["techniques"].items():
        if technique not in TECHNIQUES:
            raise _fail(path, f"technique {technique!r}", "unknown technique id (see taxonomy TECHNIQUES)")
        if not isinstance(raw_entries, list):
            raise _fail(path, technique, "must be a list of entries")
        for raw in raw_entries:
            for entry, prefixes in _entries(path, technique, raw):
                lexicon.entries.append(entry)
                lexicon._index(entry, prefixes)
    return lexicon


def _stopwords(path: str, value: object) -> frozenset[str]:
    if not isinstance(value, str):
        raise _fail(path, "structure.stopwords", "must be text: words separated by spaces")
    return frozenset(value.lower().split())


def _openers(path: str, value: object) -> list[tuple[str, re.Pattern[str]]]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise _fail(path, "structure.rhetorical_questions", "must be a list of patterns")
    openers = []
    for opener in value:
        try:
            openers.append((opener, re.compile(compile_pattern(opener)[0], re.IGNORECASE)))
        except (PatternError, re.error) as error:
            raise _fail(
                path, f"structure.rhetorical_questions, entry {opener!r}", f"bad pattern: {error}"
            ) from None
    return openers


def _entries(path: str, technique: str, raw: object) -> Iterator[tuple[Entry, object]]:
    if not isinstance(raw, dict):
        raise _fail(path, technique, f"entry {raw!r} must be a mapping with a pattern and a confidence")
    unknown = set(raw) - _ENTRY_KEYS
    if unknown:
        raise _fail(path, f"{technique}, entry {raw!r}", f"unknown keys {sorted(unknown)}")
    kinds = [key for key in ("pattern", "patterns", "regex") if key in raw]
    if len(kinds) != 1:
        raise _fail(path, f"{technique}, entry {raw!r}", "needs exactly one of pattern, patterns, regex")
    value = raw[kinds[0]]
    patterns = value if kinds[0] == "patterns" else [value]
    if not isinstance(patterns, list) or not patterns or not all(isinstance(p, str) and p for p in patterns):
        raise _fail(path, f"{technique}, entry {raw!r}", f"{kinds[0]} must be non-empty text")
    for pattern in patterns:
        yield _compile_entry(path, technique, raw, pattern, is_regex=kinds[0] == "regex")


def load_lexicon_file(path: str | Path, language: str | None = None) -> Lexicon:
    """Read, validate and compile one lexicon file."""
    path = Path(path)
    try:
        data = yamlfile.load(path.read_text(encoding="utf-8"))
    except (OSError, yamlfile.Error) as error:
        raise ModelError(f"lexicon {path}: cannot be read: {error}") from None
    return parse_lexicon(data, str(path), language)


@cache
def load_lexicon(language: str) -> Lexicon:
    """The shipped lexicon of `language`, compiled once per process."""
    resource = LEXICON_DIR / f"{language}.yaml"
    if not resource.is_file():
        available = sorted(
            p.name.removesuffix(".yaml") for p in LEXICON_DIR.iterdir() if p.name.endswith(".yaml")
        )
        raise LanguageError(
            f"no technique lexicon for language {language!r} (available: {', '.join(available)})"
        )
    data = yamlfile.load(resource.read_text(encoding="utf-8"))
    return parse_lexicon(data, f"lexicons/{language}.yaml", language)
