"""One language's phrase banks for synthetic articles (data/<language>.yaml), loaded and checked.

Every sentence in a bank is a template whose {slots} the composer fills (see compose.py for the slots).
A bank is checked when it is loaded: a missing section or an unknown slot is a ModelError that names the
file, so a typo in a bank fails the first test that uses the language rather than a run hours later.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from spinscope import yamlfile
from spinscope.errors import ModelError
from spinscope.taxonomy import TECHNIQUES

DATA = files("spinscope.synth") / "data"
REGISTERS = ("reporting", "opinion", "state-media", "tabloid")
SLOTS = frozenset(
    {
        "person",  # a person of the article's cast
        "said",  # a speech verb agreeing with that person ("a déclaré", "заявила")
        "other",  # another person of the cast (only in languages whose names do not decline)
        "state",  # the article's main state, in the form the bank's header says
        "rival",  # another state
        "institution",
        "topic",  # the article's subject, a noun phrase
        "unit",  # what the key figure counts, for this topic ("foyers")
        "figure",  # the article's key figure, unique to the article in its corpus
        "city",
        "weekday",
        "date",  # the day of publication, spelt out ("5 janvier")
        "n",  # a small count, 2 to 40
        "pct",  # a percentage, 3 to 65
        "source",  # an unnamed source ("un diplomate européen")
        "quote",  # what a speaker says (quote forms only)
        "open",  # opening and closing quotation marks
        "close",
    }
)
_TEMPLATE_SECTIONS = ("leads", "neutral", "closings", "quote_forms", "quotes_neutral", "quotes_loaded")


@dataclass(frozen=True)
class Topic:
    name: str
    unit: str


@dataclass(frozen=True)
class Bank:
    """Everything the composer writes one language with."""

    language: str
    quote_marks: tuple[str, str]
    group_separator: str  # thousands separator of the key figure
    weekdays: tuple[str, ...]
    months: tuple[str, ...]
    date_format: str  # "{day} {month}"
    first_day: str  # how the first day of a month is written: "1", or "1er" in French
    dateline: str  # "{city}, {date} —": how a wire report opens
    cities: tuple[str, ...]
    outlet_names: tuple[tuple[str, ...], tuple[str, ...]]  # first and second halves of outlet names
    institutions: tuple[str, ...]
    states: tuple[str, ...]
    topics: tuple[Topic, ...]
    sources: tuple[str, ...]
    said: Mapping[str, tuple[str, ...]]  # by gender, "m" and "f"
    headlines: Mapping[str, tuple[str, ...]]  # by register
    leads: tuple[str, ...]  # the article's first sentence; each holds {figure}
    neutral: tuple[str, ...]
    connectors: tuple[str, ...]  # sentence openers ("Par ailleurs,"), joined to a neutral sentence
    closings: tuple[str, ...]
    quote_forms: tuple[str, ...]  # "{open}{quote}{close}, {said} {person}."
    quotes_neutral: tuple[str, ...]
    quotes_loaded: tuple[str, ...]
    techniques: Mapping[str, tuple[str, ...]]  # persuasion-technique phrasing, by technique label


@cache
def load_bank(language: str) -> Bank:
    """The bank of `language`; ModelError when it is missing or malformed."""
    name = f"{language}.yaml"
    resource = DATA / name
    if not resource.is_file():
        raise ModelError(f"no synthetic-article bank for the language {language!r}")
    raw = yamlfile.load_words(resource.read_text(encoding="utf-8"))
    try:
        bank = _bank(language, raw)
    except (KeyError, TypeError, ValueError) as error:
        raise ModelError(f"synth/data/{name}: missing or malformed section ({error})") from None
    _check_slots(bank, name)
    return bank


def _bank(language: str, raw: dict) -> Bank:
    def words(key: str) -> tuple[str, ...]:
        values = tuple(str(value) for value in raw[key])
        if not values:
            raise ValueError(f"{key} is empty")
        return values

    opening, closing = raw["quote_marks"]
    return Bank(
        language=language,
        quote_marks=(str(opening), str(closing)),
        group_separator=str(raw["group_separator"]),
        weekdays=words("weekdays"),
        months=words("months"),
        date_format=str(raw["date_format"]),
        first_day=str(raw.get("first_day", "1")),
        dateline=str(raw["dateline"]),
        cities=words("cities"),
        outlet_names=(tuple(raw["outlet_names"]["first"]), tuple(raw["outlet_names"]["second"])),
        institutions=words("institutions"),
        states=words("states"),
        topics=tuple(Topic(str(topic["name"]), str(topic["unit"])) for topic in raw["topics"]),
        sources=words("sources"),
        said={gender: tuple(raw["said"][gender]) for gender in ("m", "f")},
        headlines={register: tuple(raw["headlines"][register]) for register in REGISTERS},
        leads=words("leads"),
        neutral=words("neutral"),
        connectors=words("connectors"),
        closings=words("closings"),
        quote_forms=words("quote_forms"),
        quotes_neutral=words("quotes_neutral"),
        quotes_loaded=words("quotes_loaded"),
        techniques={str(label): tuple(map(str, phrases)) for label, phrases in raw["techniques"].items()},
    )


def _check_slots(bank: Bank, name: str) -> None:
    templates = [template for section in _TEMPLATE_SECTIONS for template in getattr(bank, section)]
    templates += [template for phrases in bank.headlines.values() for template in phrases]
    templates += [template for phrases in bank.techniques.values() for template in phrases]
    templates.append(bank.dateline)
    for template in templates:
        try:
            used = {field for _, field, _, _ in string.Formatter().parse(template) if field is not None}
        except ValueError as error:
            raise ModelError(f"synth/data/{name}: {error} in {template!r}") from None
        unknown = used - SLOTS
        if unknown:
            raise ModelError(f"synth/data/{name}: unknown slot {sorted(unknown)[0]!r} in {template!r}")
    unknown_labels = set(bank.techniques) - set(TECHNIQUES)
    if unknown_labels:
        raise ModelError(f"synth/data/{name}: {sorted(unknown_labels)[0]!r} is not a SemEval technique label")
    if any("{figure}" not in lead for lead in bank.leads):
        raise ModelError(f"synth/data/{name}: every lead must hold {{figure}}, the article's unique figure")
