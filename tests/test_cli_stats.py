"""`spinscope stats` as a user runs it: options, formats, files written, and one-line errors."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import duckdb
import pytest
import typer
from typer.testing import CliRunner

from spinscope.cli_stats import stats
from spinscope.store import Store

SPINSCOPE = str(Path(sys.executable).with_name("spinscope"))

app = typer.Typer()
app.command()(stats)


def invoke(*args: str):
    return CliRunner().invoke(app, list(args))


@pytest.fixture
def store(tmp_path: Path) -> Path:
    """Three articles: two from one outlet in January (one using Doubt), one from another in February."""
    path = tmp_path / "corpus.duckdb"
    Store.open(path).close()
    with duckdb.connect(str(path)) as connection:
        for key, (article, outlet, published, language, words) in enumerate(
            (
                ("a", "North Post", datetime(2025, 1, 6), "fr", 400),
                ("b", "North Post", datetime(2025, 1, 20), "fr", 600),
                ("c", "South Star", datetime(2025, 2, 3), "en", 1000),
            )
        ):
            connection.execute(
                "INSERT INTO articles (article, key, source, outlet, published, language, words, technique_spans,"
                " quotes, attributed_quotes, narratives, analysed_at, analysis)"
                " VALUES (?, ?, 'in.jsonl', ?, ?, ?, ?, ?, 0, 0, 0, now()::TIMESTAMP, '{}')",
                [article, key, outlet, published, language, words, 2 if article == "a" else 1],
            )
        for article, key, technique in (
            ("a", 0, "Loaded_Language"),
            ("a", 0, "Doubt"),
            ("b", 1, "Loaded_Language"),
            ("c", 2, "Loaded_Language"),
        ):
            connection.execute(
                "INSERT INTO techniques VALUES (?, ?, ?, 0, 4, 'word', 0.9, 0, 1, 'test')",
                [article, key, technique],
            )
            connection.execute(
                "INSERT INTO article_techniques VALUES (?, ?, ?, 1)", [article, key, technique]
            )
    return path


def test_the_default_is_an_overview_table(store: Path):
    result = invoke("--store", str(store))
    assert result.exit_code == 0, result.output
    assert "Overview" in result.output and "Articles" in result.output and "2,000" in result.output


def test_techniques_by_outlet_and_month_as_csv(store: Path):
    result = invoke("-s", str(store), "--what", "techniques", "--by", "outlet,month", "-f", "csv")
    assert result.exit_code == 0, result.output
    rows = [
        (r["outlet"], r["period"], r["technique"], r["spans"])
        for r in csv.DictReader(io.StringIO(result.output))
    ]
    assert rows == [
        ("North Post", "2025-01-01", "Loaded_Language", "2"),
        ("North Post", "2025-01-01", "Doubt", "1"),
        ("South Star", "2025-02-01", "Loaded_Language", "1"),
    ]


def test_filters_and_json_to_a_file(store: Path, tmp_path: Path):
    output = tmp_path / "out.json"
    result = invoke(
        "-s",
        str(store),
        "-w",
        "techniques",
        "--language",
        "fr",
        "--until",
        "2025-01-10",
        "-f",
        "json",
        "-o",
        str(output),
    )
    assert result.exit_code == 0, result.output
    document = json.loads(output.read_text(encoding="utf-8"))
    assert document["filters"] == {"languages": ["fr"], "until": "2025-01-10"}
    assert [(row["technique"], row["spans"], row["group_words"]) for row in document["rows"]] == [
        ("Doubt", 1, 400),
        ("Loaded_Language", 1, 400),
    ]


def test_a_table_written_to_a_file_keeps_its_width(store: Path, tmp_path: Path):
    output = tmp_path / "table.txt"
    result = invoke("-s", str(store), "-w", "techniques", "-b", "outlet", "-o", str(output))
    assert result.exit_code == 0, result.output
    lines = output.read_text(encoding="utf-8").splitlines()
    assert any(
        "North Post" in line and "Loaded language" in line and "Share of articles" not in line
        for line in lines
    )
    assert "\x1b[" not in output.read_text(encoding="utf-8")  # no colour codes in a file


def test_a_technique_is_recognised_whatever_its_case(store: Path):
    result = invoke("-s", str(store), "-w", "techniques", "-t", "doubt", "-f", "csv")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1].startswith("Doubt,1,")


def test_an_unknown_technique_gets_a_suggestion(store: Path):
    result = invoke("-s", str(store), "-t", "Loaded_Languag")
    assert result.exit_code == 2
    assert "unknown technique 'Loaded_Languag'; did you mean Loaded_Language?" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--by", "author"], "cannot group by author"),
        (["--by", "week,day"], "one period at most"),
        (["--since", "2025-02-01", "--until", "2025-01-01"], "--since comes after --until"),
        (["--role", "Antagonist"], "--role goes with --what roles"),
    ],
)
def test_bad_options_are_one_line_errors(store: Path, args: list[str], message: str):
    result = invoke("-s", str(store), *args)
    assert result.exit_code == 2
    assert message in result.output


def test_chart_and_dashboard_files(store: Path, tmp_path: Path):
    chart, page = tmp_path / "techniques.svg", tmp_path / "dashboard.html"
    result = invoke(
        "-s", str(store), "-w", "techniques", "-b", "week", "--chart", str(chart), "--dashboard", str(page)
    )
    assert result.exit_code == 0, result.output
    assert chart.read_text(encoding="utf-8").startswith("<?xml")
    assert "Techniques by week" in page.read_text(encoding="utf-8")


def test_a_chart_that_cannot_be_drawn_is_an_error(store: Path, tmp_path: Path):
    result = invoke("-s", str(store), "--chart", str(tmp_path / "overview.png"))
    assert result.exit_code == 2
    assert "needs --by" in result.output


def test_an_empty_store_is_said_so_not_a_crash(tmp_path: Path):
    path = tmp_path / "empty.duckdb"
    Store.open(path).close()
    result = invoke("-s", str(path), "-w", "techniques", "-f", "json")
    assert result.exit_code == 0
    assert "holds no analysed articles yet" in result.output
    assert '"rows": []' in result.output


def test_filters_that_match_nothing_are_said_so(store: Path):
    result = invoke("-s", str(store), "--outlet", "Nobody")
    assert result.exit_code == 0
    assert "no articles match these filters" in result.output


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([SPINSCOPE, *args], capture_output=True, text=True, timeout=60, check=False)


def test_the_installed_command_reports_a_bad_store_on_one_line(tmp_path: Path):
    missing = run("stats", "--store", str(tmp_path / "missing.duckdb"))
    assert missing.returncode == 6
    assert missing.stderr.strip().splitlines() == [
        f"spinscope: error: {tmp_path / 'missing.duckdb'}: no such store"
    ]
    text = tmp_path / "notes.txt"
    text.write_text("not a database\n" * 200, encoding="utf-8")
    not_a_store = run("stats", "--store", str(text))
    assert not_a_store.returncode == 6
    assert not_a_store.stderr.strip() == (
        f"spinscope: error: {text} is not a spinscope store (not a DuckDB database file)"
    )
