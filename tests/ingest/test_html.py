"""Main-text extraction from HTML pages, with the page's metadata."""

from __future__ import annotations

from pathlib import Path

import pytest

from spinscope.errors import NoTextError
from spinscope.ingest.html import declared_charset, extract, has_html_extension, looks_like_html

NEWS_PAGE = (Path(__file__).parent / "data" / "news-page.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def article():
    return extract(NEWS_PAGE, "news-page.html")


def test_the_headline_comes_first_then_one_paragraph_per_line_separated_by_blank_lines(article):
    paragraphs = article.text.split("\n\n")
    assert paragraphs[0] == "Le port de Brévannes rouvre après trois semaines de grève"
    assert paragraphs[1].startswith("Les dockers du port de Brévannes ont repris le travail mardi matin")
    assert paragraphs[-1].endswith("sur la rocade nord.")
    assert len(paragraphs) == 5
    assert all("\n" not in paragraph and paragraph == paragraph.strip() for paragraph in paragraphs)


def test_line_breaks_inside_an_html_paragraph_become_spaces(article):
    assert "dans la nuit avec la direction" in article.text


@pytest.mark.parametrize(
    "boilerplate",
    [
        "cookies",
        "Accueil",
        "S'abonner",
        "À lire aussi",
        "sardine",
        "Marcel56",
        "contribuables",
        "Mentions légales",
        "dataLayer",
    ],
)
def test_navigation_comments_related_links_and_footer_are_dropped(article, boilerplate):
    assert boilerplate not in article.text


def test_the_page_metadata_is_kept(article):
    assert article.title == "Le port de Brévannes rouvre après trois semaines de grève"
    assert article.author == "Claire Dumoulin"
    assert article.date == "2024-03-14"
    assert article.site == "L'Écho du Littoral"
    assert article.url == "https://echo-littoral.example/economie/port-brevannes-reouverture"


@pytest.mark.parametrize(
    "page",
    [
        "<!DOCTYPE html><html><head><title>Vide</title></head><body></body></html>",
        "<html><head><script>var tracker = 1;</script></head><body><script>render()</script></body></html>",
    ],
)
def test_a_page_without_article_text_is_refused(page):
    with pytest.raises(NoTextError, match="empty.html"):
        extract(page, "empty.html")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<!DOCTYPE html>\n<html>", True),
        ("  \n<html lang='fr'>", True),
        ('<?xml version="1.0"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN">', True),
        ("<!-- saved page -->\n<HTML>", True),
        ("Le <html> est un langage.", False),
        ("<htmlfoo>", False),
        ("Un article ordinaire.", False),
    ],
)
def test_html_is_recognised_by_its_first_tag(text, expected):
    assert looks_like_html(text) is expected


def test_html_is_recognised_by_its_file_extension():
    assert has_html_extension("page.HTM")
    assert has_html_extension("saved/page.xhtml")
    assert not has_html_extension("article.txt")


@pytest.mark.parametrize(
    ("head", "charset"),
    [
        (b'<html><head><meta charset="windows-1251">', "windows-1251"),
        (b"<html><head><meta http-equiv='Content-Type' content='text/html; charset=KOI8-R'>", "KOI8-R"),
        (b"<html><head><title>x</title>", None),
    ],
)
def test_a_charset_declared_in_a_meta_tag_is_found(head, charset):
    assert declared_charset(head) == charset
