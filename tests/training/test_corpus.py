"""The authored corpus: every line is checked for labels, offsets and a consistent annotation."""

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from spinscope.training.corpus import CorpusParagraph, check, read_corpus

CORPUS = Path(__file__).parents[2] / "corpus" / "techniques"
TEXT = "Le régime criminel de Kiev ment encore."


def paragraph(**changes) -> dict:
    line = {
        "id": "fr-9999",
        "language": "fr",
        "register": "opinion",
        "genre": "opinion",
        "topic": "war_ukraine",
        "text": TEXT,
        "techniques": ["Name_Calling-Labeling"],
        "spans": [
            {"technique": "Name_Calling-Labeling", "start": 3, "end": 26, "text": "régime criminel de Kiev"}
        ],
        "frames": ["Political"],
        "kind": "positive",
    }
    return {**line, **changes}


def test_a_well_formed_paragraph_is_accepted():
    assert CorpusParagraph.model_validate(paragraph()).register_ == "opinion"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"spans": [{"technique": "Name_Calling-Labeling", "start": 0, "end": 9, "text": "régime"}]},
            "not 'régime'",
        ),
        ({"techniques": ["Name_Calling-Labeling", "Doubt"]}, "techniques without a span"),
        ({"techniques": ["Mockery"]}, "unknown techniques"),
        ({"kind": "neutral"}, "near_miss and neutral ones have none"),
        ({"id": "en-0001"}, "must start with 'fr-'"),
        ({"frames": []}, "at least 1 item"),
    ],
)
def test_inconsistent_annotations_are_refused(changes: dict, message: str):
    with pytest.raises(ValidationError, match=message):
        CorpusParagraph.model_validate(paragraph(**changes))


@pytest.mark.parametrize("register", ["state_media", "tabloid", "interview", "blog", "press_release"])
def test_a_paragraph_that_persuades_in_its_own_voice_is_opinion(register: str):
    with pytest.raises(ValidationError, match="is opinion, not reporting"):
        CorpusParagraph.model_validate(paragraph(register=register, genre="reporting"))


def test_reporting_may_carry_techniques_inside_the_words_it_quotes():
    quoted = paragraph(register="reporting", genre="reporting")
    assert CorpusParagraph.model_validate(quoted).genre == "reporting"
    neutral = paragraph(register="state_media", genre="reporting", techniques=[], spans=[], kind="neutral")
    assert CorpusParagraph.model_validate(neutral).genre == "reporting"


def test_check_counts_invalid_lines_and_duplicate_ids(tmp_path: Path, capsys):
    lines = [paragraph(), paragraph(), paragraph(id="fr-0002", kind="neutral")]
    corpus = tmp_path / "fr.jsonl"
    corpus.write_text(
        "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8"
    )
    assert check(corpus) == 2
    printed = capsys.readouterr().out
    assert "duplicate id fr-9999" in printed and ", 2 invalid;" in printed


def test_the_shipped_corpus_is_valid_and_covers_every_language():
    assert check(CORPUS) == 0
    languages = {p.language for p in read_corpus(CORPUS)}
    assert languages == {"fr", "en", "de", "it", "pl", "ru", "uk", "es"}
