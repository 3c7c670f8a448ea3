"""Composing one article: the requested length, one story, and a register that decides the persuasion."""

from __future__ import annotations

import datetime as dt
import random
import re

import pytest

from spinscope.synth.bank import load_bank
from spinscope.synth.cast import Person
from spinscope.synth.compose import Story, write_article

CAST = (Person("per:a", "Anna Example", "f"), Person("per:b", "Boris Example", "m"))


def story(bank, register: str = "reporting", figure: int = 123_456) -> Story:
    return Story(
        register=register,
        topic=bank.topics[0],
        state=bank.states[0],
        rival=bank.states[1],
        city=bank.cities[0],
        cast=CAST,
        figure=figure,
        published=dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.UTC),
    )


def technique_pattern(bank) -> re.Pattern[str]:
    """Matches a sentence written from any technique template of `bank`, whatever fills its slots."""
    alternatives = []
    for phrases in bank.techniques.values():
        for template in phrases:
            parts = re.split(r"\{\w+\}", template)
            alternatives.append(".+?".join(re.escape(part) for part in parts))
    return re.compile("|".join(f"(?:{alternative})" for alternative in alternatives), re.IGNORECASE)


def test_an_article_has_about_the_requested_length_in_paragraphs():
    bank = load_bank("fr")

    title, text = write_article(bank, story(bank), 600, random.Random(1))

    words = len(text.split())
    assert 600 <= words <= 800
    assert title and "\n" not in title and not title.endswith(".")
    assert text.count("\n\n") >= 4 and "\n\n\n" not in text


def test_the_lead_carries_the_key_figure_grouped_as_the_language_writes_numbers():
    for language, written in (("fr", "123 456"), ("en", "123,456"), ("de", "123.456"), ("ru", "123 456")):
        bank = load_bank(language)
        _, text = write_article(bank, story(bank), 300, random.Random(2))
        assert written in text.split("\n\n")[0], language


def test_the_same_generator_state_writes_the_same_article():
    bank = load_bank("en")

    first = write_article(bank, story(bank), 500, random.Random(7))
    second = write_article(bank, story(bank), 500, random.Random(7))

    assert first == second


def test_sentences_start_with_a_capital_letter_and_speakers_come_from_the_cast():
    bank = load_bank("en")

    _, text = write_article(bank, story(bank), 900, random.Random(3))

    for paragraph in text.split("\n\n"):
        assert paragraph[0].isupper() or paragraph[0] in "“¿¡", paragraph[:40]
    speakers = re.findall(r"”,? (\w+ Example)|(\w+ Example) \w+:", text)
    assert speakers and all(
        name in ("Anna Example", "Boris Example") for pair in speakers for name in pair if name
    )


@pytest.mark.parametrize("language", ["fr", "en", "pl"])
def test_tabloids_carry_far_more_persuasion_techniques_than_wire_reports(language):
    bank = load_bank(language)
    pattern = technique_pattern(bank)

    def technique_sentences(register: str) -> int:
        total = 0
        for seed in range(12):
            _, text = write_article(bank, story(bank, register), 600, random.Random(seed))
            total += len(pattern.findall(text))
        return total

    assert technique_sentences("tabloid") > 3 * technique_sentences("reporting")


def test_french_dates_write_the_first_of_the_month_as_an_ordinal():
    bank = load_bank("fr")
    first_of_march = story(bank)
    rng = random.Random(0)

    datelines = set()
    for _ in range(30):
        _, text = write_article(bank, first_of_march, 300, rng)
        datelines.update(re.findall(r"le (\S+) mars", text))

    assert datelines == {"1er"}
