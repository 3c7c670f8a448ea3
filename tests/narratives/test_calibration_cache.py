import numpy as np
import pytest

from spinscope.narratives import NarrativeDetector, calibration_cache
from spinscope.narratives.gate import Gate

SENTENCES = [
    "The carbon tax will ruin every family while the elites fly in private jets.",
    "Wind farms are destroying the countryside and nobody asked the farmers.",
]


def fresh_detector(catalogue) -> NarrativeDetector:
    return NarrativeDetector([catalogue])


def test_a_second_detector_reads_the_calibration_instead_of_calibrating(
    energy_catalogue, monkeypatch, tmp_path
):
    monkeypatch.setenv("SPINSCOPE_CACHE_DIR", str(tmp_path))
    first = fresh_detector(energy_catalogue)
    findings = first.detect(SENTENCES, "en")
    assert list((tmp_path / "narratives").glob("*.npz"))

    second = fresh_detector(energy_catalogue)
    monkeypatch.setattr(second, "_fit", lambda included: pytest.fail("calibrated again"))
    assert second.detect(SENTENCES, "en") == findings
    assert np.array_equal(second.thresholds("en"), first.thresholds("en"))
    assert second.gates("en") == first.gates("en")


def test_a_changed_catalogue_does_not_read_the_old_calibration(energy_data, monkeypatch, tmp_path):
    from spinscope.narratives.catalogue import parse_catalogue

    monkeypatch.setenv("SPINSCOPE_CACHE_DIR", str(tmp_path))
    fresh_detector(parse_catalogue(energy_data, "energy.yaml")).thresholds("en")
    energy_data["entries"][0]["examples"] = [
        *energy_data["entries"][0]["examples"],
        "Solar panels poison the soil.",
    ]
    changed = fresh_detector(parse_catalogue(energy_data, "energy.yaml"))
    calls = []
    original = changed._fit
    monkeypatch.setattr(changed, "_fit", lambda included: calls.append(1) or original(included))
    changed.thresholds("en")
    assert calls == [1]
    assert len(list((tmp_path / "narratives").glob("*.npz"))) == 2


def test_an_unwritable_cache_only_means_calibrating_each_time(energy_catalogue, monkeypatch, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("SPINSCOPE_CACHE_DIR", str(blocker))
    assert fresh_detector(energy_catalogue).detect(SENTENCES, "en") is not None


def test_a_corrupt_or_mis_shaped_entry_is_ignored(monkeypatch, tmp_path):
    monkeypatch.setenv("SPINSCOPE_CACHE_DIR", str(tmp_path))
    calibration_cache.save("k", np.zeros(3), np.zeros(3), [Gate(threshold=0.5)])
    assert calibration_cache.load("k", entries=3, catalogues=1)[2] == [Gate(threshold=0.5)]
    assert calibration_cache.load("k", entries=4, catalogues=1) is None
    (tmp_path / "narratives" / "k.npz").write_bytes(b"garbage")
    assert calibration_cache.load("k", entries=3, catalogues=1) is None
