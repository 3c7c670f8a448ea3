"""Batch inputs: every format becomes Records, and everything wrong in an input becomes a BadRecord."""

from __future__ import annotations

import csv
import gzip
import json
import tracemalloc
from itertools import islice
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from spinscope.batch.inputs import ColumnMap, read_inputs
from spinscope.batch.records import BadRecord, Record
from spinscope.errors import InputError
from spinscope.ingest.url import FetchPolicy

ARTICLE_FR = "Le conseil régional a voté jeudi un plan de rénovation des lycées, financé sur cinq ans."
ARTICLE_EN = "The harbour authority reopened the northern pier on Friday after three weeks of repairs."
PAGE = (
    "<html><head><title>Pont</title></head><body><p>Le pont sera fermé lundi pour travaux.</p></body></html>"
)

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>La Gazette des Vallées</title>
  <language>fr-FR</language>
  <item>
    <title>Le marché couvert rouvre</title>
    <link>https://gazette.example/marche</link>
    <guid>gazette-1</guid>
    <pubDate>Tue, 06 Jan 2026 08:30:00 +0100</pubDate>
    <description>Un résumé court.</description>
  </item>
  <item>
    <title>La piscine agrandie</title>
    <link>https://gazette.example/piscine</link>
    <pubDate>Wed, 07 Jan 2026 10:00:00 +0000</pubDate>
    <content:encoded><![CDATA[<p>La piscine municipale gagne un second bassin de vingt-cinq mètres.</p>]]></content:encoded>
  </item>
  <item><title>Sans lien ni contenu</title></item>
</channel>
</rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <title>Harbour Weekly</title>
  <id>urn:harbour</id>
  <updated>2026-01-09T12:00:00Z</updated>
  <entry>
    <title>Pier reopens</title>
    <id>urn:harbour:1</id>
    <link href="https://harbour.example/pier"/>
    <updated>2026-01-09T12:00:00Z</updated>
    <content type="text">The northern pier is open again.</content>
  </entry>
</feed>
"""


def records(paths, **options) -> list[Record | BadRecord]:
    return list(read_inputs(paths, **options))


def write_jsonl(path: Path, rows: list[object]) -> Path:
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    return path


# ---------------------------------------------------------------------------------------------- folders


def test_a_folder_yields_its_article_files_recursively_in_sorted_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text(ARTICLE_FR, encoding="utf-8")
    (tmp_path / "a.md").write_text(ARTICLE_EN, encoding="utf-8")
    (tmp_path / "c.htm").write_text(PAGE, encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / ".hidden.txt").write_text(ARTICLE_EN, encoding="utf-8")

    read = records([tmp_path])

    assert [record.id for record in read] == ["a.md", "b/z.txt", "c.htm"]
    assert read[0].text == ARTICLE_EN
    assert read[1].text == ARTICLE_FR and read[1].source == str(tmp_path / "b" / "z.txt")
    assert read[2].html == PAGE and read[2].text is None


def test_folder_files_are_decoded_like_analyze_decodes_them(tmp_path):
    (tmp_path / "latin1.txt").write_bytes("Le préfet a présenté le budget de l'été.".encode("windows-1252"))
    (tmp_path / "bom.txt").write_bytes("Le maire a inauguré la crèche.".encode("utf-8-sig"))

    read = records([tmp_path])

    assert [record.text for record in read] == [
        "Le maire a inauguré la crèche.",
        "Le préfet a présenté le budget de l'été.",
    ]


def test_binary_and_empty_files_in_a_folder_become_bad_records_with_the_reason(tmp_path):
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "good.txt").write_text(ARTICLE_EN, encoding="utf-8")

    read = records([tmp_path])

    bad = {item.id: item.reason for item in read if isinstance(item, BadRecord)}
    assert "PNG image" in bad["image.txt"]
    assert "empty" in bad["empty.txt"]
    assert [item.id for item in read if isinstance(item, Record)] == ["good.txt"]


def test_a_file_over_the_size_cap_is_refused_without_reading_it(tmp_path):
    (tmp_path / "big.txt").write_text("mot " * 1000, encoding="utf-8")

    [bad] = records([tmp_path / "big.txt"], max_bytes=1000)

    assert isinstance(bad, BadRecord) and "larger than" in bad.reason


# ---------------------------------------------------------------------------------------------- URL lists


def test_a_txt_file_of_urls_only_is_a_url_list(tmp_path):
    path = tmp_path / "links.txt"
    path.write_text("https://news.example/a\n\n  http://news.example/b?x=1  \n", encoding="utf-8")

    read = records([path])

    assert [(record.url, record.source) for record in read] == [
        ("https://news.example/a", f"{path}:1"),
        ("http://news.example/b?x=1", f"{path}:3"),
    ]


def test_a_txt_file_with_one_line_of_prose_is_an_article(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text("https://news.example/a\nLe texte continue ici.\n", encoding="utf-8")

    [record] = records([path])

    assert record.text == "https://news.example/a\nLe texte continue ici.\n"


def test_a_urls_file_skips_comments_and_reports_lines_that_are_not_utf8_urls(tmp_path):
    path = tmp_path / "list.urls"
    path.write_bytes(b"# morning sources\nhttps://a.example/1\nftp://a.example/2\nnot a url\n\xff\xfe\n")

    read = records([path])

    assert isinstance(read[0], Record) and read[0].url == "https://a.example/1"
    assert [(item.source, item.reason) for item in read[1:]] == [
        (f"{path}:3", "not an http(s) URL: 'ftp://a.example/2'"),
        (f"{path}:4", "not an http(s) URL: 'not a url'"),
        (f"{path}:5", "not valid UTF-8"),
    ]


def test_a_url_list_inside_a_folder_is_read_as_urls_too(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE_EN, encoding="utf-8")
    (tmp_path / "b.txt").write_text("https://news.example/1\nhttps://news.example/2\n", encoding="utf-8")

    read = records([tmp_path])

    assert [(item.text, item.url) for item in read] == [
        (ARTICLE_EN, None),
        (None, "https://news.example/1"),
        (None, "https://news.example/2"),
    ]


# ---------------------------------------------------------------------------------------------- JSONL


def test_jsonl_rows_map_every_column_and_keep_other_columns_as_extra(tmp_path):
    path = write_jsonl(
        tmp_path / "corpus.jsonl",
        [
            {
                "id": 7,
                "text": ARTICLE_FR,
                "outlet": "Le Courrier",
                "date": "2026-01-05",
                "language": "FR",
                "title": "Lycées",
                "author": "A. Martin",
            }
        ],
    )

    [record] = records([path])

    assert record == Record(
        source=f"{path}:1",
        id="7",
        text=ARTICLE_FR,
        outlet="Le Courrier",
        date="2026-01-05",
        language="fr",
        title="Lycées",
        extra={"author": "A. Martin"},
    )


def test_a_malformed_jsonl_line_is_reported_with_its_line_number_and_reading_goes_on(tmp_path):
    path = tmp_path / "corpus.jsonl"
    path.write_bytes(
        b'{"text": "first"}\n{"text": "broken\n\n[1, 2]\n{"text": "\xff bad byte"}\n{"url": "https://a.example/x"}\n'
    )

    read = records([path])

    assert read[0] == Record(source=f"{path}:1", text="first")
    assert read[1].source == f"{path}:2" and read[1].reason.startswith("invalid JSON: ")
    assert read[2] == BadRecord(f"{path}:4", "a JSON list, not an object")
    assert read[3].source == f"{path}:5" and "not valid UTF-8" in read[3].reason
    assert read[4] == Record(source=f"{path}:6", url="https://a.example/x")


def test_a_row_with_no_text_html_or_url_says_which_columns_were_looked_for(tmp_path):
    path = write_jsonl(tmp_path / "corpus.jsonl", [{"id": "x1", "body": "Le texte.", "text": "   "}])

    [bad] = records([path])

    assert bad == BadRecord(
        f"{path}:1",
        "no text, html or url: looked for 'text', 'html', 'url', found 'id', 'body', 'text'",
        "x1",
    )


def test_user_column_names_replace_the_default_ones(tmp_path):
    path = write_jsonl(
        tmp_path / "feed.jsonl",
        [{"guid": "g-1", "body": ARTICLE_EN, "source": "Harbour Weekly", "lang": "en"}],
    )
    columns = ColumnMap(id="guid", text="body", outlet="source", language="lang")

    [record] = records([path], columns=columns)

    assert (record.id, record.text, record.outlet, record.language) == (
        "g-1",
        ARTICLE_EN,
        "Harbour Weekly",
        "en",
    )
    assert record.extra == {}


def test_text_wins_over_html_and_html_over_url_when_a_row_has_several(tmp_path):
    path = write_jsonl(
        tmp_path / "c.jsonl",
        [
            {"text": "t", "html": "<p>h</p>", "url": "https://u.example"},
            {"html": "<p>h</p>", "url": "https://u.example"},
        ],
    )

    first, second = records([path])

    assert (first.text, first.html, first.url) == ("t", None, None)
    assert (second.text, second.html, second.url) == (None, "<p>h</p>", None)


def test_a_jsonl_file_may_start_with_a_byte_order_mark(tmp_path):
    path = tmp_path / "bom.jsonl"
    path.write_bytes('{"text": "Été"}\n'.encode("utf-8-sig"))

    assert records([path]) == [Record(source=f"{path}:1", text="Été")]


def test_gzipped_jsonl_is_read_and_a_corrupt_gzip_is_a_bad_record(tmp_path):
    good = tmp_path / "corpus.jsonl.gz"
    with gzip.open(good, "wt", encoding="utf-8") as file:
        file.write(json.dumps({"text": ARTICLE_FR}) + "\n")
    corrupt = tmp_path / "corrupt.jsonl.gz"
    corrupt.write_bytes(b"\x1f\x8b\x08\x00 this is not deflate data")

    read = records([good, corrupt])

    assert read[0] == Record(source=f"{good}:1", text=ARTICLE_FR)
    assert isinstance(read[1], BadRecord) and read[1].source == str(corrupt)
    assert read[1].reason.startswith("cannot be read: ")


# ---------------------------------------------------------------------------------------------- CSV


def test_csv_rows_keep_multiline_fields_and_are_named_by_their_first_line(tmp_path):
    path = tmp_path / "corpus.csv"
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(["id", "body", "outlet", "date"])
        writer.writerow(["a", "Premier paragraphe.\n\nSecond paragraphe.", "Le Courrier", "2026-02-01"])
        writer.writerow(["b", "", "Le Courrier", "2026-02-02"])
        writer.writerow(["c", ARTICLE_EN, "Harbour Weekly", ""])

    first, second, third = records([path], columns=ColumnMap(text="body"))

    assert first == Record(
        source=f"{path}:2",
        id="a",
        text="Premier paragraphe.\n\nSecond paragraphe.",
        outlet="Le Courrier",
        date="2026-02-01",
    )
    assert isinstance(second, BadRecord) and second.source == f"{path}:5" and second.id == "b"
    assert third == Record(source=f"{path}:6", id="c", text=ARTICLE_EN, outlet="Harbour Weekly")


def test_csv_with_a_byte_order_mark_and_gzip_is_read(tmp_path):
    path = tmp_path / "corpus.csv.gz"
    with gzip.open(path, "wb") as file:
        file.write("id,text\n1,Bonjour à tous\n".encode("utf-8-sig"))

    [record] = records([path])

    assert (record.id, record.text) == ("1", "Bonjour à tous")


def test_a_csv_row_that_is_not_utf8_is_a_bad_record_and_the_next_rows_are_read(tmp_path):
    path = tmp_path / "mixed.csv"
    path.write_bytes(b"id,text\n1,ok\n2,caf\xe9\n3,fin\n")

    read = records([path])

    assert read[0] == Record(source=f"{path}:2", id="1", text="ok")
    assert read[1] == BadRecord(f"{path}:3", "not valid UTF-8; re-save the file as UTF-8")
    assert read[2] == Record(source=f"{path}:4", id="3", text="fin")


# ---------------------------------------------------------------------------------------------- Parquet


def test_parquet_rows_are_read_in_batches_with_typed_cells_as_text(tmp_path):
    import datetime as dt

    path = tmp_path / "corpus.parquet"
    table = pa.table(
        {
            "id": pa.array(range(1, 2501), pa.int64()),
            "text": [f"Article numéro {n}." for n in range(1, 2501)],
            "published": pa.array([dt.datetime(2026, 1, 5, 9, 30)] * 2500, pa.timestamp("s")),
        }
    )
    pq.write_table(table, path, row_group_size=1000)

    read = records([path], columns=ColumnMap(date="published"))

    assert len(read) == 2500
    assert read[2499] == Record(
        source=f"{path}:2500", id="2500", text="Article numéro 2500.", date="2026-01-05T09:30:00"
    )


def test_a_file_named_parquet_that_is_not_one_is_a_bad_record(tmp_path):
    path = tmp_path / "fake.parquet"
    path.write_text("id,text\n", encoding="utf-8")

    [bad] = records([path])

    assert isinstance(bad, BadRecord) and bad.reason.startswith("not a readable Parquet file")


# ---------------------------------------------------------------------------------------------- feeds


def test_a_local_rss_feed_gives_one_record_per_entry_with_content_or_link(tmp_path):
    path = tmp_path / "gazette.rss"
    path.write_text(RSS, encoding="utf-8")

    first, second, third = records([path])

    assert first == Record(
        source=f"{path}#1",
        id="gazette-1",
        url="https://gazette.example/marche",
        outlet="La Gazette des Vallées",
        date="2026-01-06T07:30:00+00:00",
        language="fr",
        title="Le marché couvert rouvre",
    )
    assert second.html is not None and "second bassin" in second.html and second.url is None
    assert (
        second.extra == {"link": "https://gazette.example/piscine"}
        and second.id == "https://gazette.example/piscine"
    )
    assert isinstance(third, BadRecord) and "neither full content nor an http(s) link" in third.reason


def test_an_atom_feed_with_text_content_gives_text_records(tmp_path):
    path = tmp_path / "harbour.atom"
    path.write_text(ATOM, encoding="utf-8")

    [record] = records([path])

    assert (record.text, record.outlet, record.language, record.id) == (
        "The northern pier is open again.",
        "Harbour Weekly",
        "en",
        "urn:harbour:1",
    )
    assert record.date == "2026-01-09T12:00:00+00:00"


def test_an_xml_file_that_is_not_a_feed_is_a_bad_record(tmp_path):
    path = tmp_path / "sitemap.xml"
    path.write_text(
        '<?xml version="1.0"?><urlset><url><loc>https://a.example/</loc></url></urlset>', encoding="utf-8"
    )

    [bad] = records([path])

    assert bad.source == str(path) and bad.reason.startswith("not an RSS or Atom feed")


def test_a_feed_url_is_fetched_through_the_guarded_fetcher(server):
    feed = server.page("/feed.xml", RSS, content_type="application/rss+xml; charset=utf-8")

    read = records([feed], fetch_policy=FetchPolicy(allow_private=True))

    assert [item.source for item in read] == [f"{feed}#1", f"{feed}#2", f"{feed}#3"]
    assert read[0].url == "https://gazette.example/marche"


def test_a_feed_url_on_a_private_address_is_refused_by_default(server):
    feed = server.page("/feed.xml", RSS, content_type="application/rss+xml")

    [bad] = records([feed])

    assert isinstance(bad, BadRecord) and "loopback" in bad.reason


def test_a_web_page_given_as_a_feed_says_it_is_not_one(server):
    page = server.page("/article", PAGE)

    [bad] = records([page], fetch_policy=FetchPolicy(allow_private=True))

    assert isinstance(bad, BadRecord) and "not an RSS or Atom feed" in bad.reason


# ---------------------------------------------------------------------------------------------- inputs as a whole


def test_missing_and_unknown_inputs_fail_before_anything_is_read(tmp_path):
    good = write_jsonl(tmp_path / "ok.jsonl", [{"text": "x"}])
    (tmp_path / "data.docx").write_bytes(b"PK\x03\x04")

    with pytest.raises(InputError, match="no such file or folder"):
        read_inputs([good, tmp_path / "missing.jsonl"])
    with pytest.raises(InputError, match="unknown kind of input"):
        read_inputs([good, tmp_path / "data.docx"])


def test_inputs_are_read_one_after_another_in_the_order_given(tmp_path):
    jsonl = write_jsonl(tmp_path / "a.jsonl", [{"text": "from jsonl"}])
    article = tmp_path / "b.txt"
    article.write_text("from a file", encoding="utf-8")

    assert [record.text for record in records([article, jsonl])] == ["from a file", "from jsonl"]


def test_a_huge_jsonl_file_is_streamed_in_constant_memory(tmp_path):
    path = tmp_path / "huge.jsonl"
    line = json.dumps({"text": "Un article de taille ordinaire. " * 6, "outlet": "Le Courrier"}) + "\n"
    with path.open("w", encoding="utf-8") as file:
        for number in range(100_000):
            file.write(f'{{"id": "{number}", ' + line[1:])
    size = path.stat().st_size

    tracemalloc.start()
    try:
        first = list(islice(read_inputs([path]), 3))
        _, peak_first = tracemalloc.get_traced_memory()
        count = sum(1 for _ in read_inputs([path]))
        _, peak_all = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert [record.id for record in first] == ["0", "1", "2"]
    assert count == 100_000
    assert peak_first < size / 50
    assert peak_all < size / 10


# ---------------------------------------------------------------------------------------------- limits


def test_a_jsonl_line_over_the_cap_is_skipped_without_losing_the_next_lines(tmp_path):
    path = write_jsonl(tmp_path / "c.jsonl", [{"text": "short"}, {"text": "long " * 500}, {"text": "after"}])

    first, second, third = records([path], max_bytes=1000)

    assert first == Record(source=f"{path}:1", text="short")
    assert second == BadRecord(f"{path}:2", "the line is larger than the 1,000-byte limit")
    assert third == Record(source=f"{path}:3", text="after")


def test_a_table_row_whose_text_is_over_the_cap_is_a_bad_record(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("id,text\n1," + "x" * 300 + "\n2,fine\n", encoding="utf-8")

    first, second = records([path], max_bytes=200)

    assert (
        isinstance(first, BadRecord) and first.id == "1" and "larger than the 200 bytes limit" in first.reason
    )
    assert second == Record(source=f"{path}:3", id="2", text="fine")


def test_a_malformed_csv_row_is_reported_and_reading_goes_on(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("id,text\n1," + "y" * 80 + "\n2,fine\n", encoding="utf-8")
    limit = csv.field_size_limit(50)
    try:
        first, second = records([path])
    finally:
        csv.field_size_limit(limit)

    assert first.source == f"{path}:2" and first.reason.startswith(
        "malformed CSV: field larger than field limit"
    )
    assert second == Record(source=f"{path}:3", id="2", text="fine")


def test_an_input_whose_optional_reader_is_missing_is_refused_before_reading(tmp_path, monkeypatch):
    import spinscope.batch.inputs as inputs

    feed = tmp_path / "f.rss"
    feed.write_text(RSS, encoding="utf-8")
    monkeypatch.setattr(inputs, "find_spec", lambda name: None if name == "feedparser" else object())

    with pytest.raises(
        InputError, match=r"reading RSS and Atom feeds needs feedparser: pip install 'spinscope\[batch\]'"
    ):
        read_inputs([feed])


def test_a_feed_url_is_decoded_with_the_charset_its_server_declares(server):
    russian = (
        '<rss version="2.0"><channel><title>Вестник Севера</title>'
        "<item><title>Рынок открыт</title><link>https://v.example/1</link></item></channel></rss>"
    )
    feed = server.page(
        "/koi8.rss", russian.encode("koi8-r"), content_type="application/rss+xml; charset=koi8-r"
    )

    [record] = records([feed], fetch_policy=FetchPolicy(allow_private=True))

    assert (record.outlet, record.title) == ("Вестник Севера", "Рынок открыт")
