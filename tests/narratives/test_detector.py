from __future__ import annotations

import numpy as np
import pytest

from spinscope.narratives import detector as detector_module
from spinscope.narratives.catalogue import CatalogueError, parse_catalogue
from spinscope.narratives.detector import NarrativeDetector
from spinscope.narratives.gate import Gate

NEUTRAL = [
    "The town council met on Tuesday evening.",
    "It approved the budget for the new library.",
]
WIND_ARTICLE = [
    "The town council met on Tuesday evening.",
    "During the calm spell the wind turbines stood idle for days.",
    "With no wind the turbines stopped and households lost power.",
    "Residents say the green energy transition is failing them.",
]


def test_each_entry_gets_a_threshold_calibrated_on_its_own_examples(energy_catalogue):
    detector = NarrativeDetector([energy_catalogue])
    assert detector.languages == []  # the fixture's examples have no language: one model for all
    thresholds = detector.thresholds()
    assert thresholds.shape == (5,)
    assert np.all((thresholds > 0) & (thresholds <= 1))


def test_a_subnarrative_is_found_with_its_sentences_and_implies_its_narrative(energy_catalogue):
    findings = {f.entry.id: f for f in NarrativeDetector([energy_catalogue]).detect(WIND_ARTICLE)}
    assert "Green energy fails: Wind power is unreliable" in findings
    assert "Green energy fails" in findings
    wind = findings["Green energy fails: Wind power is unreliable"]
    assert set(wind.sentences) >= {1, 2}
    assert 0 not in wind.sentences
    assert findings["Green energy fails"].confidence >= wind.confidence
    assert 0.5 <= wind.confidence <= 1.0


def test_only_the_domain_the_article_is_about_is_kept(energy_catalogue):
    mixed = [*WIND_ARTICLE, "Fans complained that the referee favoured the big club."]
    ids = {f.entry.id for f in NarrativeDetector([energy_catalogue]).detect(mixed)}
    assert "Referees are biased" not in ids


def test_an_article_that_pushes_no_storyline_gets_none(energy_catalogue):
    detector = NarrativeDetector([energy_catalogue])
    assert detector.detect(NEUTRAL) == []
    assert detector.detect([]) == []


def test_one_passing_sentence_is_not_enough_for_a_narrative(energy_catalogue):
    detector = NarrativeDetector([energy_catalogue])
    assert detector.detect([*NEUTRAL, WIND_ARTICLE[1]]) == []


def test_detection_is_deterministic(energy_catalogue):
    first = NarrativeDetector([energy_catalogue]).detect(WIND_ARTICLE)
    second = NarrativeDetector([energy_catalogue]).detect(WIND_ARTICLE)
    assert first == second


def test_each_language_with_examples_gets_its_own_thresholds_and_a_close_language_borrows_them(
    energy_data, monkeypatch
):
    monkeypatch.setattr(detector_module, "_MIN_LANGUAGE_TEXTS", 12)
    for entry in energy_data["entries"]:
        entry["examples"] = {"ru": entry["examples"], "en": entry["examples"][:2]}
    detector = NarrativeDetector([parse_catalogue(energy_data, "test")])
    assert detector.languages == ["ru"]  # too few English texts for a model of their own
    assert np.array_equal(detector.thresholds("bg"), detector.thresholds("ru"))
    assert np.array_equal(detector.thresholds("en"), detector.thresholds(None))


def test_sentences_merely_about_the_domain_are_evidence_of_no_storyline(energy_catalogue):
    about_energy = [
        "Power for households comes from wind turbines, solar panels, gas and coal plants.",
        "The energy transition, wind farms and solar panels were discussed at the power conference.",
    ]
    assert NarrativeDetector([energy_catalogue]).detect(about_energy) == []


def test_two_catalogues_of_one_name_are_refused(energy_catalogue):
    with pytest.raises(CatalogueError, match="'test-energy'"):
        NarrativeDetector([energy_catalogue, energy_catalogue])


PLAIN_REPORT = [
    "The grid operator said demand peaked on Wednesday evening.",
    "Two new wind farms are due to be connected next spring.",
    "The football league will publish its accounts in May.",
]


def test_an_article_of_plain_reporting_on_the_topics_is_other(energy_catalogue):
    assert NarrativeDetector([energy_catalogue]).detect(PLAIN_REPORT) == []


def test_the_shipped_catalogue_calibrates_an_other_gate_from_its_neutral_texts():
    from spinscope.narratives.catalogue import shipped_catalogue

    (english,) = NarrativeDetector([shipped_catalogue()]).gates("en")
    assert 0 < english.threshold < np.inf
    assert english.slope > 0  # a longer article must come closer to its narrative


def test_without_neutral_texts_there_is_no_gate(energy_catalogue):
    detector = NarrativeDetector([energy_catalogue], neutral=())
    assert detector.neutral == ()
    assert [g.threshold for g in detector.gates()] == [-np.inf]


def test_an_article_below_the_gate_is_other_except_in_a_language_that_borrows_profiles(
    energy_data, monkeypatch
):
    monkeypatch.setattr(detector_module, "_MIN_LANGUAGE_TEXTS", 12)
    monkeypatch.setattr(detector_module.gate, "fit_gate", lambda closeness, words, pushes: Gate(np.inf))
    for entry in energy_data["entries"]:
        entry["examples"] = {"ru": entry["examples"]}
    energy_data["neutral"] = {"ru": energy_data["neutral"]}
    detector = NarrativeDetector([parse_catalogue(energy_data, "test")])
    assert detector.gates("ru")[0].threshold == np.inf  # no article is close enough
    assert detector.detect(WIND_ARTICLE, "ru") == []
    # Bulgarian borrows the Russian profiles, on whose scale the gate means nothing.
    assert "Green energy fails" in {f.entry.id for f in detector.detect(WIND_ARTICLE, "bg")}
