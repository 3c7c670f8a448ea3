"""Small French articles written for these tests, each one distinct (hence a distinct content hash)."""

from __future__ import annotations

import pytest

from spinscope.batch.records import Record

_OPENINGS = [
    "Le gouvernement a présenté mardi un plan jugé désastreux par l'opposition.",
    "La commission a publié un rapport sur la sécurité des ponts de la région.",
    "Les élus municipaux ont voté le budget après un débat houleux.",
    "Un collectif d'habitants dénonce une décision scandaleuse de la préfecture.",
]
_MIDDLES = [
    "Selon le ministre, « cette réforme sauvera le pays d'une catastrophe certaine ».",
    "Tout le monde sait que ces mesures sont inutiles, affirme un porte-parole.",
    "Le maire a déclaré que le projet serait achevé avant l'hiver.",
    "Les experts restent prudents et attendent des chiffres plus précis.",
]


def french_article(number: int) -> str:
    """A short article of two paragraphs; `number` makes its text, hence its content hash, unique."""
    opening = _OPENINGS[number % len(_OPENINGS)]
    middle = _MIDDLES[(number // len(_OPENINGS)) % len(_MIDDLES)]
    return f"{opening} Il s'agit du dossier numéro {number}.\n\n{middle} La suite est attendue en séance."


@pytest.fixture
def records() -> list[Record]:
    return [
        Record(source=f"test:{number}", id=f"a{number}", text=french_article(number), outlet="La Gazette")
        for number in range(12)
    ]


@pytest.fixture
def make_article():
    """`make_article(n)`: the n-th test article's text."""
    return french_article
