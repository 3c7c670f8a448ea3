"""`spinscope predict`: a folder of SemEval-2023 articles becomes an official prediction file, line for line."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from spinscope.analysis import Analysis, Label, Language, TechniqueSpan
from spinscope.cli_predict import predict
from spinscope.document import Document
from spinscope.errors import InputError, LanguageError
from spinscope.training import predict as predict_module
from spinscope.training.predict import PredictionFormat, predict_semeval2023

# Carriage returns before the spans: their offsets in the file differ from those of the text with \n only.
FRENCH = (
    "Le conseil municipal vote le budget\r\n\r\n"
    "Ce régime néfaste ment aux habitants, et il ment sans cesse depuis des années.\r\n"
    "La séance publique commence à dix-huit heures dans la grande salle de la mairie.\r\n"
)
ENGLISH = (
    "The council votes on the budget\n\n"
    "This wicked regime keeps lying to the residents, as it has for many years now.\n\n"
    "The public meeting starts at six in the evening in the main hall of the town.\n"
)
# Words the test analyser marks, as a lexicon would: every occurrence becomes a technique span.
CUES = {
    "néfaste": "Loaded_Language",
    "sans cesse": "Repetition",
    "wicked": "Loaded_Language",
    "lying": "Doubt",
}


class CueAnalyzer:
    """Marks CUES in the text as given and records the language of each call."""

    def __init__(self, genre: str | None = None, frames: tuple[str, ...] = ()):
        self.genre = genre
        self.frames = frames
        self.languages: list[str] = []

    def __call__(self, text: str, language: Language) -> Analysis:
        self.languages.append(language.code)
        doc = Document.from_text(text, language=language)
        for cue, technique in CUES.items():
            for match in re.finditer(re.escape(cue), text):
                span = doc.span(match.start(), match.end())
                doc.techniques.append(
                    TechniqueSpan(
                        **span.model_dump(), technique=technique, confidence=0.9, cue=cue, source="test"
                    )
                )
        if self.genre:
            doc.genre = Label(name=self.genre, confidence=0.8, source="test", why="test")
        doc.frames = [Label(name=f, confidence=0.5, source="test", why="test") for f in self.frames]
        return doc.to_analysis()


def write_articles(folder: Path, articles: dict[str, str | bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for article_id, content in articles.items():
        data = content if isinstance(content, bytes) else content.encode("utf-8")
        (folder / f"article{article_id}.txt").write_bytes(data)
    return folder


def columns(text: str) -> list[list[str]]:
    assert text.endswith("\n") and "\r" not in text
    return [line.split("\t") for line in text.removesuffix("\n").split("\n")]


# --- The library: formats, order, templates, languages ---


def test_subtask3_has_a_line_for_every_non_empty_line_numbered_from_one(tmp_path: Path):
    folder = write_articles(tmp_path / "articles", {"11": FRENCH, "12": ENGLISH})
    prediction = predict_semeval2023(folder, PredictionFormat.st3, analyzer=CueAnalyzer())
    assert columns(prediction.text()) == [
        ["11", "1", ""],
        ["11", "3", "Loaded_Language,Repetition"],
        ["11", "4", ""],
        ["12", "1", ""],
        ["12", "3", "Doubt,Loaded_Language"],
        ["12", "5", ""],
    ]


def test_articles_are_ordered_by_numeric_id(tmp_path: Path):
    folder = write_articles(tmp_path / "articles", {"100": ENGLISH, "9": ENGLISH, "10": ENGLISH})
    prediction = predict_semeval2023(folder, PredictionFormat.st1, lang="en", analyzer=CueAnalyzer())
    assert prediction.written == ["9", "10", "100"]
    assert [row[0] for row in columns(prediction.text())] == ["9", "10", "100"]


def test_a_template_fixes_the_articles_their_order_and_the_paragraph_ids(tmp_path: Path):
    folder = write_articles(tmp_path / "articles", {"5": FRENCH, "40": ENGLISH, "300": ENGLISH})
    template = tmp_path / "dev.template"
    # Paragraph 9 does not exist in article 5: it is still predicted, with no technique. Article 300 is not
    # in the template, so it is not predicted at all.
    template.write_bytes(
        "40\t3\tThis wicked regime keeps lying to the residents, as it has for many years now.\n"
        "5\t1\tLe conseil municipal vote le budget\r\n"
        "5\t3\tCe régime néfaste ment aux habitants, et il ment sans cesse depuis des années.\r\n"
        "5\t9\t\n".encode()
    )
    prediction = predict_semeval2023(
        folder, PredictionFormat.st3, lang="fr", template=template, analyzer=CueAnalyzer()
    )
    assert columns(prediction.text()) == [
        ["40", "3", "Doubt,Loaded_Language"],
        ["5", "1", ""],
        ["5", "3", "Loaded_Language,Repetition"],
        ["5", "9", ""],
    ]
    assert prediction.written == ["40", "5"]


def test_spans_are_offsets_into_the_file_as_read_with_its_carriage_returns(tmp_path: Path):
    folder = write_articles(tmp_path / "articles", {"11": FRENCH, "12": ENGLISH})
    prediction = predict_semeval2023(folder, PredictionFormat.st3_spans, analyzer=CueAnalyzer())
    rows = columns(prediction.text())
    assert [(row[0], row[1]) for row in rows] == [
        ("11", "Loaded_Language"),
        ("11", "Repetition"),
        ("12", "Loaded_Language"),
        ("12", "Doubt"),
    ]
    for article_id, technique, start, end in rows:
        with (folder / f"article{article_id}.txt").open(encoding="utf-8", newline="") as handle:
            text = handle.read()
        assert CUES[text[int(start) : int(end)]] == technique
    # Two carriage returns come before "néfaste": a reader that dropped them would be off by two.
    assert int(rows[0][2]) == FRENCH.index("néfaste") == FRENCH.replace("\r", "").index("néfaste") + 2


def test_genre_comes_from_the_analysis_and_frames_are_comma_separated(tmp_path: Path):
    folder = write_articles(tmp_path / "articles", {"1": ENGLISH, "2": ENGLISH})
    analyzer = CueAnalyzer(genre="opinion", frames=("Political", "Morality"))
    genres = predict_semeval2023(folder, PredictionFormat.st1, analyzer=analyzer)
    assert genres.text() == "1\topinion\n2\topinion\n" and genres.without_genre == 0
    frames = predict_semeval2023(folder, PredictionFormat.st2, analyzer=analyzer)
    assert frames.text() == "1\tPolitical,Morality\n2\tPolitical,Morality\n"


def test_without_a_genre_model_every_article_is_reporting_and_counted(tmp_path: Path):
    folder = write_articles(tmp_path / "articles", {"1": ENGLISH, "2": FRENCH})
    prediction = predict_semeval2023(folder, PredictionFormat.st1, analyzer=CueAnalyzer())
    assert prediction.text() == "1\treporting\n2\treporting\n"
    assert prediction.without_genre == 2
    frames = predict_semeval2023(folder, PredictionFormat.st2, analyzer=CueAnalyzer())
    assert frames.text() == "1\t\n2\t\n" and frames.without_frames == 2


def test_the_language_comes_from_lang_then_the_folder_then_detection(tmp_path: Path):
    articles = {"1": FRENCH, "2": ENGLISH}
    detected = CueAnalyzer()
    predict_semeval2023(write_articles(tmp_path / "mixed", articles), PredictionFormat.st1, analyzer=detected)
    assert detected.languages == ["fr", "en"]
    german = CueAnalyzer()
    folder = write_articles(tmp_path / "ge" / "dev-articles-subtask-3", articles)
    predict_semeval2023(folder, PredictionFormat.st1, analyzer=german)
    assert german.languages == ["de", "de"]
    polish = CueAnalyzer()
    predict_semeval2023(write_articles(tmp_path / "po", articles), PredictionFormat.st1, analyzer=polish)
    assert polish.languages == ["pl", "pl"]
    given = CueAnalyzer()
    predict_semeval2023(folder, PredictionFormat.st1, lang="it", analyzer=given)
    assert given.languages == ["it", "it"]


def test_a_folder_in_a_language_spinscope_does_not_analyse_needs_lang(tmp_path: Path):
    folder = write_articles(tmp_path / "gr", {"1": ENGLISH})
    with pytest.raises(LanguageError, match="--lang"):
        predict_semeval2023(folder, PredictionFormat.st1, analyzer=CueAnalyzer())
    with pytest.raises(LanguageError, match="unknown language"):
        predict_semeval2023(folder, PredictionFormat.st1, lang="xx", analyzer=CueAnalyzer())


def test_bad_articles_are_skipped_with_their_reason(tmp_path: Path):
    folder = write_articles(
        tmp_path / "fr", {"1": FRENCH, "2": " \r\n\r\n", "3": b"Le r\xe9gime\r\n", "4": ENGLISH}
    )
    template = tmp_path / "t.template"
    template.write_text("1\t1\tx\n2\t1\tx\n3\t1\tx\n4\t1\tx\n7\t1\tx\n", encoding="utf-8")
    skips: list[tuple[str, str]] = []
    prediction = predict_semeval2023(
        folder,
        PredictionFormat.st1,
        template=template,
        analyzer=CueAnalyzer(),
        on_skip=lambda article_id, why: skips.append((article_id, why)),
    )
    assert prediction.written == ["1", "4"]
    assert [article_id for article_id, _ in prediction.skipped] == ["2", "3", "7"]
    assert skips == prediction.skipped
    reasons = dict(prediction.skipped)
    assert reasons["2"] == "empty" and "UTF-8" in reasons["3"] and "missing" in reasons["7"]


def test_a_folder_without_a_single_good_article_is_an_error(tmp_path: Path):
    with pytest.raises(InputError, match="no article"):
        predict_semeval2023(write_articles(tmp_path / "a", {}), PredictionFormat.st1, analyzer=CueAnalyzer())
    with pytest.raises(InputError, match="2 skipped"):
        predict_semeval2023(
            write_articles(tmp_path / "b", {"1": "", "2": b"\xff\xfe\x00"}),
            PredictionFormat.st1,
            analyzer=CueAnalyzer(),
        )
    with pytest.raises(InputError, match="no such folder"):
        predict_semeval2023(tmp_path / "absent", PredictionFormat.st1, analyzer=CueAnalyzer())


def test_a_malformed_template_is_refused_with_its_line_number(tmp_path: Path):
    folder = write_articles(tmp_path / "en", {"1": ENGLISH})
    template = tmp_path / "t.template"
    template.write_text("1\t1\tok\n1\tthree\tbad\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"t\.template:2"):
        predict_semeval2023(folder, PredictionFormat.st3, template=template, analyzer=CueAnalyzer())


# --- The command ---


@pytest.fixture
def cli() -> typer.Typer:
    app = typer.Typer()
    app.command()(predict)
    # A second command keeps Typer from making `predict` the app itself, so the calls read as the user's.
    app.command("noop")(lambda: None)
    return app


@pytest.fixture
def models_asked(monkeypatch: pytest.MonkeyPatch) -> list[str | None]:
    """Run the command with the cue analyser instead of the pipeline, recording the --model it was given."""
    asked: list[str | None] = []

    def analyzer_for(model: str | None = None) -> CueAnalyzer:
        asked.append(model)
        return CueAnalyzer()

    monkeypatch.setattr(predict_module, "pipeline_analyzer", analyzer_for)
    return asked


def test_the_command_writes_the_file_and_warns_once_per_problem(
    tmp_path: Path, cli: typer.Typer, models_asked: list[str | None]
):
    folder = write_articles(tmp_path / "en", {"3": ENGLISH, "1": ENGLISH, "2": ""})
    output = tmp_path / "st1.txt"
    result = CliRunner().invoke(
        cli, ["predict", "--format", "semeval2023-st1", str(folder), "-o", str(output), "--model", "m1"]
    )
    assert result.exit_code == 0, result.stderr
    assert output.read_bytes() == b"1\treporting\n3\treporting\n"
    assert models_asked == ["m1"]
    warnings = [line for line in result.stderr.splitlines() if "warning" in line]
    assert warnings == [
        "spinscope: warning: skipped article2.txt: empty",
        "spinscope: warning: no genre model gave a genre for 2 of 2 articles; they are written as 'reporting'",
    ]
    assert result.stderr.splitlines()[-1] == f"2 articles predicted, 1 skipped; written to {output}"


def test_the_command_fails_in_one_line_when_nothing_can_be_predicted(
    tmp_path: Path, cli: typer.Typer, models_asked: list[str | None]
):
    folder = write_articles(tmp_path / "en", {"1": "", "2": "\n\n"})
    output = tmp_path / "out.txt"
    result = CliRunner().invoke(cli, ["predict", "-f", "semeval2023-st3", str(folder), "-o", str(output)])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1].startswith("spinscope: error: ")
    assert "no article could be predicted" in result.stderr
    assert not output.exists()
    assert models_asked == [None]


def test_the_command_refuses_an_output_folder_that_does_not_exist_before_any_work(
    tmp_path: Path, cli: typer.Typer, models_asked: list[str | None]
):
    folder = write_articles(tmp_path / "en", {"1": ENGLISH})
    output = tmp_path / "absent" / "out.txt"
    result = CliRunner().invoke(cli, ["predict", "-f", "semeval2023-st2", str(folder), "-o", str(output)])
    assert result.exit_code == 2
    assert result.stderr == f"spinscope: error: cannot write {output}: no folder {output.parent}\n"
    assert models_asked == []


def test_the_command_refuses_an_unknown_format(tmp_path: Path, cli: typer.Typer):
    folder = write_articles(tmp_path / "en", {"1": ENGLISH})
    result = CliRunner().invoke(cli, ["predict", "-f", "semeval2023-st4", str(folder), "-o", "x.txt"])
    assert result.exit_code == 2 and "semeval2023-st4" in result.stderr


# --- With the real pipeline, and as the installed command ---


def default_model_or_skip() -> None:
    """The real pipeline needs its default model, which is shipped separately from this command."""
    from spinscope.errors import ModelError
    from spinscope.models import DEFAULT_MODEL, resolve

    try:
        resolve(DEFAULT_MODEL)
    except ModelError as error:
        pytest.skip(f"the default model is not shipped yet: {error}")


def test_real_pipeline_spans_are_those_of_the_analysis_in_crlf_and_lf_files(tmp_path: Path, cli: typer.Typer):
    default_model_or_skip()
    folder = write_articles(tmp_path / "articles", {"11": FRENCH, "12": ENGLISH})
    output = tmp_path / "spans.txt"
    result = CliRunner().invoke(
        cli, ["predict", "-f", "semeval2023-st3-spans", str(folder), "-o", str(output)]
    )
    assert result.exit_code == 0, result.stderr
    expected = []
    for article_id, language in (("11", "fr"), ("12", "en")):
        with (folder / f"article{article_id}.txt").open(encoding="utf-8", newline="") as handle:
            article = handle.read()
        analysis = predict_module.pipeline_analyzer()(
            article, Language(code=language, confidence=1.0, source="user")
        )
        spans = sorted({(t.start, t.end, t.technique, t.text) for t in analysis.techniques})
        for start, end, technique, text in spans:
            assert article[start:end] == text
            expected.append([article_id, technique, str(start), str(end)])
    assert [
        "11",
        "Loaded_Language",
        str(FRENCH.index("néfaste")),
        str(FRENCH.index("néfaste") + 7),
    ] in expected
    assert columns(output.read_text(encoding="utf-8")) == expected


def test_the_installed_command(tmp_path: Path):
    spinscope = str(Path(sys.executable).with_name("spinscope"))
    if subprocess.run([spinscope, "predict", "--help"], capture_output=True, check=False).returncode != 0:
        pytest.skip("`predict` is not registered in spinscope.cli yet")
    default_model_or_skip()
    folder = write_articles(tmp_path / "fr", {"7": FRENCH, "8": b"Le r\xe9gime\r\n"})
    template = tmp_path / "fr.template"
    template.write_text("7\t1\tx\n7\t3\tx\n7\t4\tx\n7\t6\tx\n8\t1\tx\n", encoding="utf-8")
    output = tmp_path / "st3.txt"
    command = [spinscope, "predict", "--format", "semeval2023-st3", str(folder), "-o", str(output)]
    result = subprocess.run(
        [*command, "--template", str(template)], capture_output=True, text=True, check=False, timeout=120
    )
    assert result.returncode == 0, result.stderr
    rows = columns(output.read_text(encoding="utf-8"))
    assert [row[:2] for row in rows] == [["7", "1"], ["7", "3"], ["7", "4"], ["7", "6"]]
    assert "Loaded_Language" in rows[1][2].split(",") and rows[3][2] == ""
    assert "skipped article8.txt: not UTF-8" in result.stderr
