from __future__ import annotations

import pytest

from spinscope.analysis import Narrative
from spinscope.errors import InputError
from spinscope.training import semeval2025
from spinscope.training.semeval2025 import Labels

PRAISE = "URW: Praise of Russia"
MIGHT = "URW: Praise of Russia: Praise of Russian military might"
FEARS = "URW: Amplifying war-related fears"


def narrative(id_: str, parent: str | None = None, catalogue: str = "semeval2025") -> Narrative:
    return Narrative(id=id_, name=id_, catalogue=catalogue, parent=parent, confidence=0.9, source="test")


def test_annotations_are_read_per_document(tmp_path):
    path = tmp_path / "subtask-2-annotations.txt"
    path.write_text(f"A.txt\t{PRAISE};{PRAISE}\t{MIGHT}\nB.txt\tOther\tOther\n", encoding="utf-8")
    labels = semeval2025.read_annotations(path)
    assert labels["A.txt"] == Labels((PRAISE, PRAISE), (MIGHT,))
    assert labels["B.txt"] == Labels(("Other",), ("Other",))


def test_a_line_without_three_columns_is_refused_with_its_number(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_text("A.txt\tOther\tOther\nB.txt\tOther\n", encoding="utf-8")
    with pytest.raises(InputError, match="bad.txt:2"):
        semeval2025.read_annotations(path)


def test_a_narrative_without_subnarrative_gets_its_other_and_none_gives_other():
    found = [narrative(PRAISE), narrative(MIGHT, PRAISE), narrative(FEARS)]
    assert semeval2025.labels_of(found) == Labels((FEARS, PRAISE), (f"{FEARS}: Other", MIGHT))
    assert semeval2025.labels_of([]) == Labels(("Other",), ("Other",))


def test_narratives_of_other_catalogues_are_not_written():
    assert semeval2025.labels_of([narrative("Harbour", catalogue="mine")]) == Labels(("Other",), ("Other",))


def test_prediction_lines_follow_the_official_columns():
    line = semeval2025.prediction_line("A.txt", Labels((FEARS, PRAISE), (f"{FEARS}: Other", MIGHT)))
    assert line == f"A.txt\t{FEARS};{PRAISE}\t{FEARS}: Other;{MIGHT}"


def test_samples_f1_averages_each_documents_f1():
    gold = {"A": Labels((PRAISE, FEARS), (MIGHT,)), "B": Labels(("Other",), ("Other",))}
    predicted = {"A": Labels((PRAISE,), (f"{PRAISE}: Other",)), "B": Labels(("Other",), ("Other",))}
    scores = semeval2025.score(gold, predicted)
    assert scores.documents == 2
    assert scores.coarse_f1 == pytest.approx((2 / 3 + 1) / 2)  # A: P=1, R=1/2
    assert scores.fine_f1 == pytest.approx((0 + 1) / 2)
    assert scores.coarse_std == pytest.approx((1 - 2 / 3) / 2)


def test_a_document_left_out_of_the_predictions_scores_zero():
    gold = {"A": Labels(("Other",), ("Other",))}
    assert semeval2025.score(gold, {}).coarse_f1 == 0.0


def test_predict_writes_one_line_per_document_in_id_order(tmp_path):
    documents = tmp_path / "raw-documents"
    documents.mkdir()
    (documents / "EN_2.txt").write_text("Second.", encoding="utf-8")
    (documents / "EN_1.txt").write_text("First.\r\nLine two.", encoding="utf-8")
    seen = []

    def narratives_of(text: str) -> list[Narrative]:
        seen.append(text)
        return [narrative(PRAISE)] if text.startswith("First") else []

    lines = semeval2025.predict(tmp_path, narratives_of)
    assert lines == [f"EN_1.txt\t{PRAISE}\t{PRAISE}: Other", "EN_2.txt\tOther\tOther"]
    assert seen[0] == "First.\r\nLine two."  # read as is: carriage returns kept


def test_a_folder_without_documents_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no documents"):
        list(semeval2025.read_documents(tmp_path))


def test_a_folder_is_evaluated_against_its_gold_file_and_the_always_other_baseline(tmp_path):
    folder = tmp_path / "en"
    (folder / "raw-documents").mkdir(parents=True)
    (folder / "raw-documents" / "EN_1.txt").write_text(
        "The bakery on Main Street opened a second shop.\nIt sells bread and cakes.\n", encoding="utf-8"
    )
    (folder / "subtask-2-annotations.txt").write_text("EN_1.txt\tOther\tOther\n", encoding="utf-8")
    assert semeval2025.folder_language(folder / "raw-documents") == "en"
    assert semeval2025.language_folders(tmp_path) == [folder]
    scores, baseline = semeval2025.evaluate_folder(folder)
    assert (scores.documents, scores.coarse_f1, scores.fine_f1) == (1, 1.0, 1.0)
    assert baseline.coarse_f1 == 1.0
