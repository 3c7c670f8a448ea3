from __future__ import annotations

import typer
from typer.testing import CliRunner

from spinscope.cli_narratives import narratives_app
from spinscope.cli_predict import predict

MINE = """catalogue: mine
entries:
  - id: Harbour
    description: Claims that the old harbour is dying.
    examples: [The quays are empty and the cranes rust.]
"""


def test_list_shows_the_shipped_entries_and_a_users_catalogue(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(MINE, encoding="utf-8")
    result = CliRunner().invoke(narratives_app, ["list", "--catalogue", str(path)])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert "semeval2025\tURW: Praise of Russia\t" in "\n".join(lines)
    assert lines[-1] == "mine\tHarbour\tany:1"


def test_show_prints_an_entry_with_its_subnarratives_and_examples_in_one_language():
    result = CliRunner().invoke(narratives_app, ["show", "URW: Praise of Russia", "--lang", "en"])
    assert result.exit_code == 0
    assert "subnarrative: URW: Praise of Russia: Praise of Russian military might" in result.output
    examples = [line for line in result.output.splitlines() if line.startswith("[")]
    assert examples and all(line.startswith("[en] ") for line in examples)


def test_an_unknown_entry_or_a_broken_catalogue_is_a_one_line_error(tmp_path):
    result = CliRunner().invoke(narratives_app, ["show", "No such storyline"])
    assert result.exit_code == 2
    assert "no entry 'No such storyline'" in result.output
    broken = tmp_path / "broken.yaml"
    broken.write_text("entries: []\n", encoding="utf-8")
    result = CliRunner().invoke(narratives_app, ["list", "-c", str(broken)])
    assert result.exit_code == 2
    assert "catalogue: NAME" in result.output


def test_predict_writes_the_official_subtask_2_file_for_a_folder(tmp_path):
    app = typer.Typer()
    app.command()(predict)
    documents = tmp_path / "en" / "raw-documents"
    documents.mkdir(parents=True)
    (documents / "EN_1.txt").write_text("The bakery opened a second shop.\n", encoding="utf-8")
    output = tmp_path / "st2.txt"
    result = CliRunner().invoke(app, ["--format", "semeval2025-st2", str(documents), "-o", str(output)])
    assert result.exit_code == 0, result.output
    assert output.read_text(encoding="utf-8") == "EN_1.txt\tOther\tOther\n"
