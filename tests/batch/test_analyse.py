import pytest

from spinscope.batch import analyse as analyse_module
from spinscope.batch.analyse import (
    Analysed,
    AnalysisSettings,
    Failed,
    analyse_chunk,
    analyse_record,
    chunked,
)
from spinscope.batch.records import Record

LEXICONS = AnalysisSettings(model=None)


def test_a_text_record_becomes_rows_whose_spans_point_into_its_text(make_article):
    record = Record(source="a.jsonl:1", id="7", text=make_article(3), outlet="La Gazette", date="2026-02-01")
    outcome = analyse_record(record.content_key(), record, LEXICONS)
    assert isinstance(outcome, Analysed)
    [article] = outcome.rows["articles"]
    assert (article["article"], article["language"], article["outlet"]) == (
        record.content_key(),
        "fr",
        "La Gazette",
    )
    assert outcome.rows["techniques"]
    for span in outcome.rows["techniques"]:
        assert record.text[span["start"] : span["end"]] == span["text"]


def test_an_html_record_is_analysed_as_its_article_text(make_article):
    paragraphs = make_article(5).split("\n\n")
    page = (
        "<html><head><title>Le dossier</title></head><body><nav>Accueil | Sport</nav><article>"
        + "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
        + "</article></body></html>"
    )
    record = Record(source="pages/5.html", html=page)
    outcome = analyse_record(record.content_key(), record, LEXICONS)
    assert isinstance(outcome, Analysed)
    [article] = outcome.rows["articles"]
    assert "Accueil" not in article["analysis"]
    assert paragraphs[0] in article["analysis"]


def test_the_record_language_is_used_without_identification(make_article):
    record = Record(source="x", text=make_article(1), language="it")
    outcome = analyse_record(record.content_key(), record, LEXICONS)
    assert outcome.rows["articles"][0]["language"] == "it"


def test_the_batch_language_applies_to_records_without_one(make_article):
    record = Record(source="x", text=make_article(1))
    outcome = analyse_record(record.content_key(), record, AnalysisSettings(model=None, language="es"))
    assert outcome.rows["articles"][0]["language"] == "es"


@pytest.mark.parametrize(
    ("record", "reason"),
    [
        (Record(source="blank.txt", text="  \n "), "blank.txt holds no text"),
        (
            Record(source="row:3", text="Um texto claramente escrito em português, com várias palavras."),
            "Portuguese",
        ),
        (
            Record(source="row:4", text="Bonjour à tous.", language="pt"),
            "row:4: the record's language 'pt' is not one",
        ),
        (Record(source="list:2", url="file:///etc/passwd"), "is not an http(s) URL"),
        (Record(source="list:3", url="http://127.0.0.1/article"), "loopback"),
        (Record(source="bad.txt", text="caf\udce9 au lait"), "not valid Unicode"),
        (Record(source="empty"), "no text, html or url"),
    ],
)
def test_a_record_that_cannot_be_analysed_fails_with_its_reason(record, reason):
    outcome = analyse_record(record.content_key(), record, LEXICONS)
    assert isinstance(outcome, Failed)
    assert reason in outcome.reason
    assert outcome.source == record.source


def test_an_unexpected_exception_fails_the_record_not_the_batch(monkeypatch, make_article):
    def broken(*args, **kwargs):
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(analyse_module, "build_pipeline", broken)
    record = Record(source="x", text=make_article(0))
    outcome = analyse_record(record.content_key(), record, LEXICONS)
    assert outcome == Failed("x", None, "internal error: ZeroDivisionError: boom")


def test_a_chunk_becomes_arrow_tables_with_articles_and_errors(records):
    tables = analyse_chunk(
        [(r.content_key(), r) for r in records[:3]] + [("k", Record(source="e", text=""))], LEXICONS
    )
    assert tables["articles"].num_rows == 3
    assert tables["errors"].column("source").to_pylist() == ["e"]


def test_chunks_are_cut_lazily_to_size():
    consumed = []

    def tasks():
        for number in range(5):
            consumed.append(number)
            yield (str(number), Record(source=str(number), text="x"))

    chunks = chunked(tasks(), 2)
    assert [key for key, _ in next(chunks)] == ["0", "1"]
    assert consumed == [0, 1]
    assert [len(chunk) for chunk in chunks] == [2, 1]
