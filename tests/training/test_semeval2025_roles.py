"""SemEval-2025 Task 10 subtask 1: the official file format (inclusive ends), metrics and predictions."""

from __future__ import annotations

from pathlib import Path

import pytest

from spinscope.errors import InputError
from spinscope.training.semeval2025_roles import (
    Mention,
    document_language,
    majority_baseline,
    predict_folder,
    predict_roles,
    read_mentions,
    score,
    write_predictions,
)

TEXT = "Ruritania invaded Freedonia in May.\nFreedonia's civilians fled the bombs."


def test_the_official_end_is_inclusive_and_read_as_an_exclusive_end(tmp_path: Path):
    path = tmp_path / "gold.txt"
    path.write_text("EN_UA_1.txt\tRuritania\t0\t8\tAntagonist\tInstigator\tTyrant\n", encoding="utf-8")
    (mention,) = read_mentions(path)
    assert TEXT[mention.start : mention.end] == "Ruritania"
    assert mention.fine == ("Instigator", "Tyrant")
    assert write_predictions([mention]) == path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "line",
    [
        "EN_UA_1.txt\tRuritania\t0\n",
        "EN_UA_1.txt\tRuritania\t0\t8\tVillain\tTyrant\n",
        "EN_UA_1.txt\tRuritania\t0\t8\tProtagonist\tTyrant\n",
    ],
)
def test_a_malformed_line_is_reported_with_its_number(tmp_path: Path, line: str):
    path = tmp_path / "gold.txt"
    path.write_text(line, encoding="utf-8")
    with pytest.raises(InputError, match=":1:"):
        read_mentions(path)


def test_a_file_of_mentions_to_predict_needs_no_roles(tmp_path: Path):
    path = tmp_path / "mentions.txt"
    path.write_text("EN_UA_1.txt\tRuritania\t0\t8\n", encoding="utf-8")
    (mention,) = read_mentions(path, with_roles=False)
    assert mention.main is None and mention.fine == ()


def test_scores_are_exact_match_of_fine_sets_and_main_accuracy_over_gold():
    gold = [
        Mention("d", "A", 0, 1, "Antagonist", ("Tyrant", "Corrupt")),
        Mention("d", "B", 2, 3, "Innocent", ("Victim",)),
        Mention("d", "C", 4, 5, "Protagonist", ("Guardian",)),
    ]
    predicted = [
        Mention("d", "A", 0, 1, "Antagonist", ("Corrupt", "Tyrant")),
        Mention("d", "B", 2, 3, "Innocent", ("Exploited",)),
    ]
    scores = score(gold, predicted)
    assert scores.mentions == 3
    assert scores.exact_match == pytest.approx(1 / 3)
    assert scores.main_accuracy == pytest.approx(2 / 3)


def test_the_majority_baseline_gives_every_mention_the_commonest_roles():
    gold = [
        Mention("d", "A", 0, 1, "Antagonist", ("Tyrant",)),
        Mention("d", "B", 2, 3, "Antagonist", ("Tyrant",)),
        Mention("d", "C", 4, 5, "Antagonist", ("Corrupt",)),
        Mention("d", "D", 6, 7, "Innocent", ("Victim",)),
    ]
    baseline = majority_baseline(gold)
    assert {(m.main, m.fine) for m in baseline} == {("Antagonist", ("Tyrant",))}
    assert score(gold, baseline).main_accuracy == 0.75


def test_roles_come_for_mentions_the_entity_layer_does_not_know():
    start = TEXT.index("civilians")
    roles = predict_roles(TEXT, [(0, 9, "Ruritania"), (start, start + 9, "civilians")], "en", model=None)
    assert roles[0][0] == "Antagonist"
    assert roles[1] == ("Innocent", ["Victim"])


def test_a_folder_is_predicted_in_the_official_format(tmp_path: Path):
    documents = tmp_path / "raw-documents"
    documents.mkdir()
    (documents / "EN_UA_1.txt").write_text(TEXT, encoding="utf-8", newline="")
    predicted = predict_folder(documents, [Mention("EN_UA_1.txt", "Ruritania", 0, 9)], model=None)
    (line,) = write_predictions(predicted).splitlines()
    assert line.split("\t")[:5] == ["EN_UA_1.txt", "Ruritania", "0", "8", "Antagonist"]


def test_a_mention_outside_its_document_is_an_input_error(tmp_path: Path):
    (tmp_path / "EN_UA_1.txt").write_text("short", encoding="utf-8")
    with pytest.raises(InputError, match="outside the text"):
        predict_folder(tmp_path, [Mention("EN_UA_1.txt", "X", 6, 40)], model=None)


def test_the_language_comes_from_the_official_file_name():
    assert document_language("PT_CC_12.txt") == "pt"
