"""Writes one synthetic news article from a language's phrase bank: a headline and paragraphs of sentences.

An article has a register (the outlet's voice), a topic, a main state, a city and a cast of two or three
people; every sentence template is filled from them, so one article stays on one story. The register
decides how often a sentence is a quote and how often it carries a persuasion technique, and which
techniques: wire-style reporting is mostly neutral, state media wave the flag and point at the other side,
tabloids frighten and exaggerate, opinion pieces doubt and simplify.

Templates are written as they read in mid-sentence ("le gouvernement a…", "the ministry said…"): the
composer capitalises a sentence's first letter, or puts a connector ("Par ailleurs,") before it.

Slots a template may use (bank.SLOTS): {person} {said} {other} {state} {rival} {institution} {topic} {unit}
{figure} {city} {weekday} {date} {n} {pct} {source}, and in quote forms {open} {quote} {close}.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass

from spinscope.synth.bank import Bank, Topic
from spinscope.synth.cast import Person


@dataclass(frozen=True)
class Style:
    """How an outlet of one register writes: shares of sentences, and which techniques it favours."""

    technique_share: float
    quote_share: float
    loaded_quote_share: float
    techniques: dict[str, float]


STYLES = {
    "reporting": Style(
        0.06,
        0.22,
        0.15,
        {"Loaded_Language": 1, "Doubt": 1, "Appeal_to_Authority": 2, "Exaggeration-Minimisation": 1},
    ),
    "opinion": Style(
        0.28,
        0.15,
        0.4,
        {
            "Doubt": 3,
            "Loaded_Language": 3,
            "Causal_Oversimplification": 2,
            "Slogans": 1,
            "Name_Calling-Labeling": 1,
            "Appeal_to_Values": 2,
            "False_Dilemma-No_Choice": 1,
        },
    ),
    "state-media": Style(
        0.34,
        0.18,
        0.7,
        {
            "Flag_Waving": 3,
            "Whataboutism": 2,
            "Name_Calling-Labeling": 2,
            "Loaded_Language": 2,
            "Doubt": 2,
            "Appeal_to_Authority": 1,
            "Slogans": 1,
        },
    ),
    "tabloid": Style(
        0.38,
        0.15,
        0.6,
        {
            "Appeal_to_Fear-Prejudice": 3,
            "Exaggeration-Minimisation": 3,
            "Loaded_Language": 3,
            "Name_Calling-Labeling": 2,
            "Repetition": 1,
        },
    ),
}
_CONNECTOR_SHARE = 0.3
_DATELINE_SHARE = 0.5
_CLOSING_SHARE = 0.6
_SENTENCES_PER_PARAGRAPH = (2, 5)


@dataclass(frozen=True)
class Story:
    """What one article is about: everything its sentences share."""

    register: str
    topic: Topic
    state: str
    rival: str
    city: str
    cast: Sequence[Person]
    figure: int
    published: dt.datetime


def write_article(bank: Bank, story: Story, words: int, rng: random.Random) -> tuple[str, str]:
    """(headline, body) of an article of about `words` words; paragraphs are separated by blank lines."""
    writer = _Writer(bank, story, rng)
    title = writer.sentence(rng.choice(bank.headlines[story.register])).rstrip(".")
    lead = writer.sentence(rng.choice(bank.leads))
    if rng.random() < _DATELINE_SHARE:
        lead = f"{writer.fill(bank.dateline)} {lead}"
    paragraphs = [[lead, writer.next_sentence()]]
    count = sum(_words(sentence) for sentence in paragraphs[0])
    while count < words:
        paragraph = []
        for _ in range(rng.randint(*_SENTENCES_PER_PARAGRAPH)):
            sentence = writer.next_sentence()
            paragraph.append(sentence)
            count += _words(sentence)
        paragraphs.append(paragraph)
    if rng.random() < _CLOSING_SHARE:
        paragraphs[-1].append(writer.sentence(writer.draw("closings", bank.closings)))
    return title, "\n\n".join(" ".join(paragraph) for paragraph in paragraphs)


class _Writer:
    """Draws sentence templates without repeating one before its section is used up, and fills them."""

    def __init__(self, bank: Bank, story: Story, rng: random.Random):
        self.bank = bank
        self.story = story
        self.rng = rng
        self.style = STYLES[story.register]
        self.decks: dict[str, list[str]] = {}
        self.techniques = [label for label in self.style.techniques if bank.techniques.get(label)]
        self.technique_weights = [self.style.techniques[label] for label in self.techniques]

    def next_sentence(self) -> str:
        roll = self.rng.random()
        if roll < self.style.quote_share:
            return self.quote()
        if roll < self.style.quote_share + self.style.technique_share and self.techniques:
            label = self.rng.choices(self.techniques, self.technique_weights)[0]
            return self.sentence(self.draw(label, self.bank.techniques[label]))
        sentence = self.fill(self.draw("neutral", self.bank.neutral))
        if self.rng.random() < _CONNECTOR_SHARE:  # templates are written in the case a connector wants
            return f"{self.rng.choice(self.bank.connectors)} {sentence}"
        return _upper_first(sentence)

    def quote(self) -> str:
        section = "quotes_loaded" if self.rng.random() < self.style.loaded_quote_share else "quotes_neutral"
        content = self.fill(self.draw(section, getattr(self.bank, section)))
        return self.sentence(self.rng.choice(self.bank.quote_forms), quote=_upper_first(content))

    def draw(self, section: str, templates: Sequence[str]) -> str:
        deck = self.decks.get(section)
        if not deck:
            deck = self.decks[section] = self.rng.sample(templates, len(templates))
        return deck.pop()

    def sentence(self, template: str, **given: str) -> str:
        return _upper_first(self.fill(template, **given))

    def fill(self, template: str, **given: str) -> str:
        if "{" not in template:
            return template
        return template.format_map(_Slots(self, given))


class _Slots(dict):
    """The values of one template's slots, each computed when the template first asks for it."""

    def __init__(self, writer: _Writer, given: dict[str, str]):
        super().__init__(given)
        self.writer = writer
        self.speaker: Person | None = None

    def __missing__(self, slot: str) -> str:
        value = self._value(slot)
        self[slot] = value
        return value

    def _value(self, slot: str) -> str:
        story, bank, rng = self.writer.story, self.writer.bank, self.writer.rng
        match slot:
            case "person" | "said":
                if self.speaker is None:
                    self.speaker = rng.choice(story.cast)
                    self["person"] = self.speaker.name
                    self["said"] = rng.choice(bank.said[self.speaker.gender])
                return self[slot]
            case "other":
                others = [person for person in story.cast if person is not self.speaker] or story.cast
                return rng.choice(others).name
            case "state":
                return story.state
            case "rival":
                return story.rival
            case "institution":
                return rng.choice(bank.institutions)
            case "topic":
                return story.topic.name
            case "unit":
                return story.topic.unit
            case "figure":
                return _grouped(story.figure, bank.group_separator)
            case "city":
                return story.city
            case "weekday":
                return bank.weekdays[story.published.weekday()]
            case "date":
                month = bank.months[story.published.month - 1]
                day = bank.first_day if story.published.day == 1 else str(story.published.day)
                return bank.date_format.format(day=day, month=month)
            case "n":
                return str(rng.randint(2, 40))
            case "pct":
                return str(rng.randint(3, 65))
            case "source":
                return rng.choice(bank.sources)
            case "open":
                return bank.quote_marks[0]
            case "close":
                return bank.quote_marks[1]
        raise KeyError(slot)


def _grouped(number: int, separator: str) -> str:
    return f"{number:,}".replace(",", separator)


def _upper_first(text: str) -> str:
    if text[:1].isalpha():
        return text[0].upper() + text[1:]
    for index, char in enumerate(text):
        if char.isalpha():
            return text[:index] + char.upper() + text[index + 1 :]
        if not (char.isspace() or char in "«“„\"'¿¡‘‚"):
            return text
    return text


def _words(sentence: str) -> int:
    return sentence.count(" ") + 1
