"""The SemEval-2023 Task 3 reader and writer, on a small folder written in the official layout."""

from pathlib import Path

import pytest

from spinscope.errors import InputError
from spinscope.training.evaluate import evaluate_semeval2023
from spinscope.training.semeval2023 import format_subtask3, language_folders, read_articles

ARTICLE = "Un titre provocant\r\n\r\nLe gouvernement néfaste ment encore.\r\nTout va bien.\r\n"


def write_folder(root: Path) -> Path:
    folder = root / "data" / "fr"
    (folder / "train-articles-subtask-3").mkdir(parents=True)
    (folder / "train-articles-subtask-3" / "article42.txt").write_bytes(ARTICLE.encode("utf-8"))
    (folder / "train-labels-subtask-3.txt").write_text("42\t1\t\n42\t3\tLoaded_Language\n42\t4\t\n")
    start = ARTICLE.index("néfaste")
    (folder / "train-labels-subtask-3-spans.txt").write_text(f"42\tLoaded_Language\t{start}\t{start + 7}\n")
    (folder / "train-labels-subtask-1.txt").write_text("42\topinion\n")
    (folder / "train-labels-subtask-2.txt").write_text("42\tPolitical,Morality\n")
    return root / "data"


def test_reads_articles_with_carriage_returns_kept(tmp_path: Path):
    data = write_folder(tmp_path)
    [folder] = language_folders(data)
    [article] = read_articles(folder)
    assert article.id == "42" and article.language == "fr"
    assert article.text == ARTICLE
    assert article.paragraph_labels == {1: set(), 3: {"Loaded_Language"}, 4: set()}
    technique, start, end = article.spans[0]
    assert article.text[start:end] == "néfaste"
    assert article.genre == "opinion" and article.frames == ["Political", "Morality"]


def test_language_folder_names_follow_the_official_codes(tmp_path: Path):
    (tmp_path / "ge" / "train-articles-subtask-3").mkdir(parents=True)
    assert [a.language for a in read_articles(tmp_path / "ge")] == []
    with pytest.raises(InputError):
        list(read_articles(tmp_path / "xx"))


def test_subtask3_output_format():
    assert (
        format_subtask3({"42": {3: ["Doubt", "Loaded_Language"], 1: []}})
        == "42\t1\t\n42\t3\tDoubt,Loaded_Language\n"
    )


def test_evaluation_scores_the_pipeline_against_gold_paragraphs(tmp_path: Path):
    [report] = evaluate_semeval2023(write_folder(tmp_path))
    assert report.language == "fr" and report.articles == 1 and report.paragraphs == 3
    assert 0.0 <= report.scores.micro_f1 <= 1.0
    assert report.baseline_labels == ("Loaded_Language",)
    assert report.genre_baseline is not None and report.genre_baseline.per_label["opinion"][2] == 1.0
    assert report.frames is not None and report.frames_baseline is not None


def test_recorded_figures_land_in_the_model_card(tmp_path: Path, tiny_model_dir: Path):
    import shutil

    from spinscope.models.card import ModelCard
    from spinscope.training.evaluate import make_analyzer, record_metrics

    model = tmp_path / "model"
    shutil.copytree(tiny_model_dir, model)
    reports = evaluate_semeval2023(write_folder(tmp_path), analyzer=make_analyzer(model))
    record_metrics(model, reports, data_name="test data", command="spinscope evaluate --data x")
    record_metrics(model, reports, data_name="test data", command="spinscope evaluate --data x")
    metrics = ModelCard.load(model).metrics
    assert {(m.task, m.metric) for m in metrics} == {
        ("techniques", "micro-F1"),
        ("techniques", "macro-F1"),
        ("techniques-spans", "span-F1"),
        ("genre", "macro-F1"),
        ("frames", "micro-F1"),
    }
    assert len(metrics) == 5, "recording again replaces the figures on the same data"
