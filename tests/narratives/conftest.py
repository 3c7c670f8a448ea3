"""A small catalogue written for these tests: two domains, a narrative with two subnarratives, and neutral
reporting on both topics."""

from __future__ import annotations

import copy

import pytest

from spinscope.narratives.catalogue import Catalogue, parse_catalogue

ENERGY_AND_FOOTBALL = {
    "catalogue": "test-energy",
    "entries": [
        {
            "id": "Green energy fails",
            "domain": "energy",
            "description": "Claims that renewable energy cannot replace coal and gas.",
            "examples": [
                "Renewable energy will never replace coal and gas power stations.",
                "The green energy transition is failing everywhere it is tried.",
                "Wind and solar cannot carry an industrial economy on their own.",
            ],
        },
        {
            "id": "Green energy fails: Wind power is unreliable",
            "parent": "Green energy fails",
            "description": "Claims that wind turbines stand still when power is needed.",
            "examples": [
                "Wind turbines stood still for a week of calm weather and the grid nearly collapsed.",
                "When the wind drops the turbines stop and blackouts follow.",
                "Calm winter days leave the wind farms idle and households without power.",
                "Every windless evening the turbines are idle and gas plants must take over.",
            ],
            "keywords": ["windless", "idle turbines"],
        },
        {
            "id": "Green energy fails: Solar panels are too costly",
            "parent": "Green energy fails",
            "description": "Claims that solar panels ruin households with their price.",
            "examples": [
                "Solar panels cost families a fortune and never pay back their price.",
                "Subsidised rooftop solar drives up electricity bills for everyone else.",
                "The price of solar panels has ruined thousands of households.",
                "Solar subsidies are a costly gift paid by tenants to homeowners.",
            ],
        },
        {
            "id": "Nuclear power is the answer",
            "domain": "energy",
            "description": "Claims that only nuclear reactors can supply clean and cheap electricity.",
            "examples": [
                "Only new nuclear reactors can give us clean electricity day and night.",
                "Closing the reactors was the worst energy decision of the decade.",
                "Small modular reactors will make electricity cheap and carbon free.",
                "Uranium is the cleanest fuel we have, and the reactors must stay open.",
            ],
        },
        {
            "id": "Referees are biased",
            "domain": "football",
            "description": "Claims that referees favour the big clubs.",
            "examples": [
                "The referee once again handed the big club a penalty it never deserved.",
                "Referees always favour the richest clubs in the league.",
                "Another offside goal allowed for the champions: the referees are bought.",
                "The video referee ignored a clear foul on our striker in the final minute.",
            ],
        },
    ],
    "neutral": [
        "The regional grid operator published its monthly production figures on Monday.",
        "Wind farms supplied about a fifth of the country's electricity last year.",
        "The energy ministry opened a consultation on the next round of offshore licences.",
        "Engineers will inspect the reactor during its scheduled maintenance in March.",
        "Households used slightly less gas this winter than the year before, the statistics office said.",
        "A new solar park with 40,000 panels was connected to the network near the motorway.",
        "The utility said the outage on Friday was caused by a faulty transformer.",
        "Electricity prices on the wholesale market fell by three percent in October.",
        "The council approved planning permission for a battery storage site next to the substation.",
        "Coal made up less than ten percent of power generation for the first time.",
        "Researchers at the university measured wind speeds along the coast for two years.",
        "The report lists the capacity of every power station in the region.",
        "The league announced the fixtures for the new season on Thursday.",
        "The club confirmed that its captain will miss two weeks with a knee injury.",
        "Ticket prices for the cup final were published by the federation.",
        "The stadium will host an international friendly in June.",
        "The coach named a squad of twenty-three players for the tournament.",
        "The referees' association will hold its annual training camp in August.",
        "The home side won two goals to one after a late header.",
        "Attendance at league matches rose by four percent this season.",
        "The transfer window closes at midnight on the last day of the month.",
        "The youth team trains on the pitch behind the main stand.",
        "The match was postponed because of a frozen pitch.",
        "The goalkeeper signed a new three-year contract with the club.",
    ],
}


@pytest.fixture
def energy_data() -> dict:
    """The catalogue as parsed YAML, a fresh copy for each test to break."""
    return copy.deepcopy(ENERGY_AND_FOOTBALL)


@pytest.fixture
def energy_catalogue() -> Catalogue:
    return parse_catalogue(ENERGY_AND_FOOTBALL, "test")
