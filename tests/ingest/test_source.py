"""`load`: what a source is, and the text and metadata it gives."""

from __future__ import annotations

import io
import ipaddress
import os
from pathlib import Path

import pytest

from spinscope.errors import (
    BinaryInputError,
    EmptyInputError,
    InputError,
    InputTooLargeError,
    UnsafeURLError,
)
from spinscope.ingest import FetchPolicy, LoadedText, load

NEWS_PAGE = Path(__file__).parent / "data" / "news-page.html"
RUSSIAN = "Министр заявил, что переговоры продолжатся на следующей неделе.\r\n\r\nОппозиция молчит.\r\n"


def test_a_text_is_analysed_exactly_as_given():
    text = "Titre\r\n\r\n  Premier paragraphe, avec des espaces.  \n"
    loaded = load(text)
    assert loaded == LoadedText(text=text, metadata=loaded.metadata)
    assert loaded.metadata.content_type == "text"


def test_a_file_is_decoded_and_its_line_endings_kept(tmp_path):
    path = tmp_path / "article.txt"
    path.write_bytes(RUSSIAN.encode("windows-1251"))
    for source in (path, str(path)):
        loaded = load(source)
        assert loaded.text == RUSSIAN
        assert (loaded.metadata.source, loaded.metadata.encoding) == (str(path), "windows-1251")


def test_standard_input_is_read_as_bytes():
    loaded = load("-", stdin=io.BytesIO("Le café est prêt.".encode("windows-1252")))
    assert loaded.text == "Le café est prêt."
    assert loaded.metadata.source == "-"


def test_bytes_are_decoded():
    assert load("Україна".encode()).text == "Україна"


def test_an_html_file_gives_its_article_and_metadata():
    loaded = load(NEWS_PAGE)
    assert loaded.text.startswith("Le port de Brévannes rouvre après trois semaines de grève\n\nLes dockers")
    metadata = loaded.metadata
    assert metadata.content_type == "html"
    assert (metadata.title, metadata.author, metadata.date) == (
        "Le port de Brévannes rouvre après trois semaines de grève",
        "Claire Dumoulin",
        "2024-03-14",
    )
    assert metadata.site == "L'Écho du Littoral"
    assert metadata.source == str(NEWS_PAGE)


def test_html_is_recognised_by_its_first_tag_whatever_the_extension(tmp_path):
    path = tmp_path / "saved.txt"
    path.write_bytes(NEWS_PAGE.read_bytes())
    assert load(path).metadata.content_type == "html"


def test_an_html_page_declaring_its_legacy_charset_is_decoded_with_it(tmp_path):
    page = (
        '<!DOCTYPE html><html><head><meta charset="koi8-r"><title>Новости</title></head><body><article>'
        "<p>Министр заявил, что переговоры продолжатся на следующей неделе в Москве.</p>"
        "<p>Оппозиция пока не ответила на это заявление.</p></article></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("koi8-r"))
    loaded = load(path)
    assert "Оппозиция пока не ответила на это заявление." in loaded.text
    assert loaded.metadata.encoding == "koi8-r"


def test_html_given_as_a_string_is_extracted():
    loaded = load(NEWS_PAGE.read_text(encoding="utf-8"))
    assert loaded.metadata.content_type == "html"
    assert "Marcel56" not in loaded.text


def test_a_url_is_fetched_and_its_article_extracted(server):
    url = server.page("/news", NEWS_PAGE.read_bytes(), "text/html")
    loaded = load(url, allow_private=True)
    assert loaded.text.startswith("Le port de Brévannes")
    assert (loaded.metadata.source, loaded.metadata.url, loaded.metadata.content_type) == (url, url, "html")


def test_a_plain_text_url_is_decoded_with_the_charset_of_its_header(server):
    url = server.page("/depeche", RUSSIAN.encode("koi8-r"), "text/plain; charset=koi8-r")
    loaded = load(url, allow_private=True)
    assert loaded.text == RUSSIAN
    assert loaded.metadata.encoding == "koi8-r"


def test_a_fetch_policy_can_allow_one_network_only(server):
    url = server.page("/news", "Texte brut.", "text/plain; charset=utf-8")
    policy = FetchPolicy(allowed_networks=(ipaddress.ip_network("127.0.0.1/32"),))
    assert load(url, fetch_policy=policy).text == "Texte brut."


def test_a_local_url_is_refused_by_default(server):
    with pytest.raises(UnsafeURLError):
        load(server.page("/news", "Texte brut."))


@pytest.mark.parametrize(
    "source", ["file:///etc/passwd", "javascript:alert(document.cookie)", "ftp://host/a.txt"]
)
def test_a_url_with_another_scheme_is_refused_not_analysed(source):
    with pytest.raises(UnsafeURLError):
        load(source)


def test_a_missing_file_is_reported_rather_than_analysed_as_a_word():
    with pytest.raises(InputError, match="artcle.txt: no such file"):
        load("artcle.txt")
    with pytest.raises(InputError, match="no such file"):
        load(Path("/nonexistent/article.txt"))


def test_a_directory_is_refused(tmp_path):
    with pytest.raises(InputError, match="is a directory"):
        load(tmp_path)


def test_a_huge_file_is_refused_from_its_size_without_being_read(tmp_path, monkeypatch):
    path = tmp_path / "huge.txt"
    with path.open("wb") as file:
        file.truncate(200 * 1024 * 1024)  # sparse: 200 MB on paper, nothing on disk
    monkeypatch.setattr(Path, "open", lambda *args, **kwargs: pytest.fail("the file was opened"))
    with pytest.raises(InputTooLargeError, match="huge.txt is larger than the 20 MB limit"):
        load(path)


def test_standard_input_is_read_only_up_to_the_cap():
    class Stream(io.BytesIO):
        requested: list[int] = []

        def read(self, size: int | None = -1) -> bytes:
            self.requested.append(size)
            return super().read(size)

    stream = Stream(b"x" * 5000)
    with pytest.raises(InputTooLargeError, match="standard input"):
        load("-", stdin=stream, max_bytes=1000)
    assert stream.requested == [1001]


def test_a_text_over_the_cap_is_refused():
    with pytest.raises(InputTooLargeError, match="the given text"):
        load("mot " * 300, max_bytes=1000)


@pytest.mark.parametrize("source", ["", "   \n\t  ", b"", b"\r\n\r\n"])
def test_empty_input_is_refused(source):
    with pytest.raises(EmptyInputError):
        load(source)


def test_binary_bytes_are_refused(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(64))
    with pytest.raises(BinaryInputError, match="photo.txt is a PNG image"):
        load(path)


def test_a_truncated_utf8_file_loads_with_a_warning(tmp_path):
    path = tmp_path / "cut.txt"
    path.write_bytes("Le ministre a démenti l'information, selon l'agence.".encode()[:-2] + "é".encode()[:1])
    loaded = load(path)
    assert loaded.text == "Le ministre a démenti l'information, selon l'agenc"
    assert loaded.warnings and "truncated" in loaded.warnings[0]


@pytest.mark.parametrize("text", ["Attention:danger", "14:30", "Paris:"])
def test_a_word_with_a_colon_is_text_not_a_url(text):
    assert load(text).text == text
