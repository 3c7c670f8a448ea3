"""Benchmark documents are read as their official offsets count them, and bad files are one-line errors."""

from pathlib import Path

import pytest

from spinscope.errors import InputError
from spinscope.training.official_text import read_official_text
from spinscope.training.semeval2025 import read_documents


def test_carriage_returns_are_kept_so_offsets_match(tmp_path: Path):
    path = tmp_path / "doc.txt"
    path.write_bytes(b"Titre\r\n\r\nLe texte.")
    text = read_official_text(path)
    assert text == "Titre\r\n\r\nLe texte." and text.index("Le") == 9


def test_an_undecodable_or_missing_file_gives_its_reason(tmp_path: Path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe bad")
    with pytest.raises(InputError, match=r"^not UTF-8 text \(byte 0\)$"):
        read_official_text(bad)
    with pytest.raises(InputError, match="^cannot read it: "):
        read_official_text(tmp_path / "missing.txt")


def test_a_benchmark_folder_with_a_bad_document_names_it(tmp_path: Path):
    (tmp_path / "EN_1.txt").write_text("Fine.", encoding="utf-8")
    (tmp_path / "EN_2.txt").write_bytes(b"\xff\xfe bad")
    with pytest.raises(InputError, match=r"EN_2\.txt: not UTF-8 text"):
        list(read_documents(tmp_path))
