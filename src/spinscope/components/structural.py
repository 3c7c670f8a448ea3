"""Technique cues that a list of phrases cannot express: the shape of a sentence, not its words.

Three detectors, each conservative (precision over recall) and parametrised by the ``structure`` section of
the language's lexicon file:

- slogans: a short exclamation in capitals ("NO TO WAR!") or a short quoted exclamation;
- rhetorical questions: a question that contains one of the language's rhetorical openers ("who can believe");
- repetition: the same pair of content words (lower-case, not stop words, at most two small words apart) three
  times or more in a short text.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from spinscope.components.lexicon import CAPITALS, Lexicon

SLOGAN_MAX_WORDS = 8
REPETITION_MIN_COUNT = 3
REPETITION_MAX_WORDS = 1500  # beyond this a repeated phrase is more likely the topic than a device
_QUOTED = re.compile(r"[«“„\"]\s*([^«»“”„\"\n]{2,120}?)\s*[»”“\"]")
_CAPS_WORD = f"[{CAPITALS}][{CAPITALS}'’-]*"
_CAPS_EXCLAMATION = re.compile(
    rf"(?<!\w){_CAPS_WORD}(?:[^\S\r\n]*,?[^\S\r\n]+{_CAPS_WORD}){{1,{SLOGAN_MAX_WORDS - 1}}}[^\S\r\n]*!+"
)
_CONTENT_WORD = re.compile(r"(?<!\w)[^\W\d_][\w'’-]*")
_MIN_CONTENT_LETTERS = 4
_MIN_SLOGAN_LETTERS = 6
_MAX_FILLER = 2
# What may separate two words of one repeated phrase: spaces, stop words and apostrophes, no punctuation.
_SAME_CLAUSE = re.compile(r"[\w\s'’-]*")


@dataclass(frozen=True)
class Finding:
    start: int
    end: int
    technique: str
    confidence: float
    cue: str


def shorten(text: str, limit: int = 50) -> str:
    """`text`, cut to `limit` characters with an ellipsis: cues stay readable in one line."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _word_count(text: str) -> int:
    return len(re.findall(r"\w+", text))


def _opens_sentence(text: str, position: int) -> bool:
    """True when only white space separates `position` from the start of the text, a line or a sentence."""
    i = position
    while i > 0 and text[i - 1].isspace() and text[i - 1] not in "\r\n":
        i -= 1
    return i == 0 or text[i - 1] in ".!?…\r\n"


def slogans(text: str) -> list[Finding]:
    """Short exclamations shouted in capitals or set off in quotation marks."""
    findings = []
    for match in _CAPS_EXCLAMATION.finditer(text):
        if sum(c.isalpha() for c in match.group()) >= _MIN_SLOGAN_LETTERS:
            cue = f'exclamation in capitals: "{shorten(match.group())}"'
            findings.append(Finding(match.start(), match.end(), "Slogans", 0.6, cue))
    for match in _QUOTED.finditer(text):
        content = match.group(1)
        if content.rstrip().endswith("!") and 2 <= _word_count(content) <= SLOGAN_MAX_WORDS:
            findings.append(
                Finding(
                    match.start(1),
                    match.end(1),
                    "Slogans",
                    0.5,
                    f'short quoted exclamation: "{shorten(content)}"',
                )
            )
    return findings


class RhetoricalQuestions:
    """Questions that carry one of the language's rhetorical openers: doubt presented as a question."""

    def __init__(self, lexicon: Lexicon):
        self.language = lexicon.language
        self.regexes = lexicon.rhetorical_questions

    def __call__(self, text: str, sentences: list[tuple[int, int]]) -> list[Finding]:
        findings = []
        for start, end in sentences:
            if not text[start:end].rstrip("»”\"')] ").endswith("?"):
                continue
            for opener, regex in self.regexes:
                if regex.search(text, start, end):
                    cue = f'rhetorical question ({self.language}: "{opener}")'
                    findings.append(Finding(start, end, "Doubt", 0.55, cue))
                    break
        return findings


class Repetition:
    """The same two content words, close together, repeated in a short text."""

    def __init__(self, lexicon: Lexicon):
        self.stopwords = lexicon.stopwords

    def _content(self, word: re.Match[str], text: str) -> bool:
        """A long common word: lower-case, or capitalised only as a sentence opener (names are topics)."""
        value = word.group()
        if len(value) < _MIN_CONTENT_LETTERS or value.lower() in self.stopwords:
            return False
        return value[0].islower() or _opens_sentence(text, word.start())

    def __call__(self, text: str) -> list[Finding]:
        if _word_count(text) > REPETITION_MAX_WORDS:
            return []
        words = list(_CONTENT_WORD.finditer(text))
        pairs: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
        for i, left in enumerate(words):
            if not self._content(left, text):
                continue
            # The next content word, over at most MAX_FILLER short or stop words, all in one clause.
            for right in words[i + 1 : i + 2 + _MAX_FILLER]:
                if not _SAME_CLAUSE.fullmatch(text[left.end() : right.start()]):
                    break
                if self._content(right, text):
                    pairs[(left.group().lower(), right.group().lower())].append((left.start(), right.end()))
                    break
        findings = []
        for (first, second), places in pairs.items():
            if len(places) >= REPETITION_MIN_COUNT:
                cue = f'repeated {len(places)} times: "{first} … {second}"'
                findings.extend(Finding(s, e, "Repetition", 0.4, cue) for s, e in places)
        return findings
