"""A synthetic corpus: outlets, dates and articles in several languages, generated one article at a time.

Everything follows from the settings and the seed: article i is written from its own random generator,
seeded with (seed, i), so the same settings always give the same corpus and generating it is a stream.
Each article's lead holds a key figure that no other article of the corpus has, so no two articles have the
same text, and so the same content hash, whatever the banks; a longer corpus starts with the articles of a
shorter one.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import product

from spinscope.language import SUPPORTED_LANGUAGES
from spinscope.synth.bank import load_bank
from spinscope.synth.cast import people
from spinscope.synth.compose import Story, write_article

MAX_ARTICLES = 10_000_000
# Key figures: articles are taken in blocks of _FIGURE_BLOCK; block b gets the figures from
# FIGURE_BASE + b * _FIGURE_BLOCK, scattered inside the block by a bijection modulo the prime _FIGURE_BLOCK.
# Figures are thus distinct, plausible (10,000 to 100,000 for a corpus of 90,000) and above every other
# number an article writes (at most 65).
FIGURE_BASE = 10_000
_FIGURE_BLOCK = 90_001  # a prime
_FIGURE_STEP = 55_603  # about 0.618 of the block: neighbouring articles get distant figures
# The registers of a language's outlets, in turn: two in three outlets of a big list report news plainly.
_REGISTER_CYCLE = ("reporting", "state-media", "opinion", "reporting", "tabloid", "reporting")
_CAST_SIZES = (2, 3)
_FIRST_HOUR, _LAST_HOUR = 5, 23


@dataclass(frozen=True)
class CorpusSettings:
    """How many articles, in which languages, from how many outlets, over which weeks."""

    articles: int = 1000
    languages: tuple[str, ...] = SUPPORTED_LANGUAGES
    outlets: int = 4  # per language
    start: dt.date = dt.date(2026, 1, 1)
    weeks: int = 12
    seed: int = 0
    mean_words: int = 600  # article lengths spread from half to one and a half times this

    def __post_init__(self) -> None:
        if not 0 <= self.articles <= MAX_ARTICLES:
            raise ValueError(f"articles must be between 0 and {MAX_ARTICLES:,}")
        if not self.languages:
            raise ValueError("give at least one language")
        unsupported = [code for code in self.languages if code not in SUPPORTED_LANGUAGES]
        if unsupported:
            raise ValueError(
                f"no synthetic articles in {unsupported[0]!r}; choose among {', '.join(SUPPORTED_LANGUAGES)}"
            )
        if self.outlets < 1 or self.weeks < 1 or self.mean_words < 20:
            raise ValueError("outlets and weeks must be at least 1, mean_words at least 20")


@dataclass(frozen=True)
class Outlet:
    name: str
    language: str
    register: str  # one of bank.REGISTERS
    weight: float  # how much it publishes, relative to the other outlets of its language


@dataclass(frozen=True)
class SyntheticArticle:
    id: str
    outlet: str
    date: str  # ISO 8601 datetime, UTC
    language: str
    title: str
    text: str  # paragraphs separated by blank lines; the title is not part of it
    register: str

    def row(self) -> dict[str, str]:
        """The columns batch inputs read by default."""
        return {
            "id": self.id,
            "outlet": self.outlet,
            "date": self.date,
            "language": self.language,
            "title": self.title,
            "text": self.text,
        }


def outlets(settings: CorpusSettings) -> dict[str, list[Outlet]]:
    """The outlets of each language: distinct names, registers in turn, a few big ones and a long tail."""
    rng = random.Random(f"outlets:{settings.seed}")
    by_language = {}
    for language in settings.languages:
        first, second = load_bank(language).outlet_names
        names = [f"{a} {b}" for a, b in product(first, second)]
        if settings.outlets > len(names):
            raise ValueError(f"at most {len(names)} outlets in {language!r}")
        by_language[language] = [
            Outlet(name, language, _REGISTER_CYCLE[rank % len(_REGISTER_CYCLE)], 1 / (rank + 1) ** 0.7)
            for rank, name in enumerate(rng.sample(names, settings.outlets))
        ]
    return by_language


def generate(settings: CorpusSettings) -> Iterator[SyntheticArticle]:
    """The articles of the corpus, one at a time, in id order. Settings the banks cannot satisfy (more
    outlets than a language has names for) raise ValueError now, before anything is written."""
    return _articles(settings, outlets(settings))


def _articles(settings: CorpusSettings, by_language: dict[str, list[Outlet]]) -> Iterator[SyntheticArticle]:
    offset = settings.seed * 1_000_003 % _FIGURE_BLOCK
    for index in range(settings.articles):
        rng = random.Random(f"{settings.seed}:{index}")
        language = rng.choice(settings.languages)
        outlet = rng.choices(by_language[language], [outlet.weight for outlet in by_language[language]])[0]
        published = _published(settings, rng)
        bank = load_bank(language)
        state, rival = rng.sample(bank.states, 2)
        story = Story(
            register=outlet.register,
            topic=rng.choice(bank.topics),
            state=state,
            rival=rival,
            city=rng.choice(bank.cities),
            cast=rng.sample(people(language), rng.choice(_CAST_SIZES)),
            figure=_key_figure(index, offset),
            published=published,
        )
        words = round(rng.triangular(settings.mean_words / 2, settings.mean_words * 1.5, settings.mean_words))
        title, text = write_article(bank, story, words, rng)
        yield SyntheticArticle(
            id=f"s{settings.seed}-{index:07d}",
            outlet=outlet.name,
            date=published.isoformat(),
            language=language,
            title=title,
            text=text,
            register=outlet.register,
        )


def _published(settings: CorpusSettings, rng: random.Random) -> dt.datetime:
    day = settings.start + dt.timedelta(days=rng.randrange(settings.weeks * 7))
    minute = rng.randrange(_FIRST_HOUR * 60, _LAST_HOUR * 60)
    return dt.datetime(day.year, day.month, day.day, minute // 60, minute % 60, tzinfo=dt.UTC)


def _key_figure(index: int, offset: int) -> int:
    block, place = divmod(index, _FIGURE_BLOCK)
    return FIGURE_BASE + block * _FIGURE_BLOCK + (place + offset) * _FIGURE_STEP % _FIGURE_BLOCK
