"""`spinscope synth` as a user runs it: options in, a corpus file out, one-line errors."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from spinscope.cli import app

runner = CliRunner()


def synth(*args: str):
    return runner.invoke(app, ["synth", *args])


def test_synth_writes_the_corpus_asked_for(tmp_path):
    out = tmp_path / "corpus.jsonl"

    result = synth(
        "--articles", "30", "--languages", "fr,en", "--outlets", "3", "--start", "2026-03-02", "--weeks", "2",
        "--seed", "4", "--out", str(out),
    )  # fmt: skip

    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 30
    assert {row["language"] for row in rows} == {"fr", "en"}
    assert len({row["outlet"] for row in rows}) <= 6
    assert all("2026-03-02" <= row["date"][:10] < "2026-03-16" for row in rows)
    assert "Wrote 30 articles" in result.output


def test_the_same_seed_writes_the_same_file_and_the_format_follows_the_name(tmp_path):
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    for out in (first, second):
        assert synth("-n", "5", "--seed", "9", "--mean-words", "50", "--out", str(out)).exit_code == 0

    assert first.read_bytes() == second.read_bytes()
    assert synth("-n", "5", "--mean-words", "50", "--out", str(tmp_path / "c.parquet")).exit_code == 0
    assert (tmp_path / "c.parquet").read_bytes()[:4] == b"PAR1"


def test_folder_format_writes_text_files(tmp_path):
    out = tmp_path / "articles"

    result = synth(
        "-n", "4", "--languages", "de", "--mean-words", "50", "--format", "folder", "--out", str(out)
    )

    assert result.exit_code == 0, result.output
    assert len(list((out / "de").glob("*.txt"))) == 4


def test_an_unknown_language_is_one_line_and_exit_code_2(tmp_path):
    result = synth("-n", "3", "--languages", "fr,pt", "--out", str(tmp_path / "x.jsonl"))

    assert result.exit_code == 2
    assert (
        result.output.strip()
        == "spinscope: error: no synthetic articles in 'pt'; choose among fr, en, de, it, pl, ru, uk, es"
    )
    assert not (tmp_path / "x.jsonl").exists()
