"""Decoding bytes into text: encodings, binary data, size caps, damaged UTF-8."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spinscope.errors import (
    BinaryInputError,
    DecodingError,
    EmptyInputError,
    InputError,
    InputTooLargeError,
)
from spinscope.ingest.text import decode

FRENCH = (
    "Le gouvernement a annoncé hier une réforme très contestée ; « c'est un échec », déplore l'opposition."
)
FRENCH_SHORT = "Le café est prêt."
GERMAN = "Die Bürger würden größere Änderungen begrüßen, sagte der Bürgermeister."
POLISH = "Rząd ogłosił wczoraj nową reformę; żołnierze zostaną w Łodzi do końca miesiąca."
SPANISH = "El señor Núñez anunció ayer una reforma más ambiciosa."
ITALIAN = "Il governo ha già annunciato una nuova riforma perché è necessaria."
RUSSIAN = "Министр заявил, что переговоры продолжатся на следующей неделе в Москве."
RUSSIAN_WORD = "Россия"
RUSSIAN_HEADLINE = "НАТО расширяется на восток."
UKRAINIAN = "Уряд учора оголосив про нову пенсійну реформу, і її підтримали всі депутати."
UKRAINIAN_SHORT = "Він сказав: «Ґанок є»."


@pytest.mark.parametrize(
    ("sentence", "encoding", "reported"),
    [
        (FRENCH, "windows-1252", "windows-1252"),
        (FRENCH, "iso-8859-1", "windows-1252"),  # identical bytes for these letters
        (FRENCH_SHORT, "windows-1252", "windows-1252"),
        (FRENCH_SHORT, "iso-8859-1", "windows-1252"),
        (GERMAN, "windows-1252", "windows-1252"),
        (GERMAN, "iso-8859-2", "windows-1252"),  # ä ö ü ß have the same bytes in both
        (SPANISH, "windows-1252", "windows-1252"),
        (ITALIAN, "iso-8859-1", "windows-1252"),
        (POLISH, "windows-1250", "windows-1250"),
        (POLISH, "iso-8859-2", "iso-8859-2"),
        (RUSSIAN, "windows-1251", "windows-1251"),
        (RUSSIAN, "koi8-r", "koi8-r"),
        (RUSSIAN_WORD, "windows-1251", "windows-1251"),
        (RUSSIAN_WORD, "koi8-r", "koi8-r"),
        (RUSSIAN_HEADLINE, "windows-1251", "windows-1251"),
        (RUSSIAN_HEADLINE, "koi8-r", "koi8-r"),
        (UKRAINIAN, "windows-1251", "windows-1251"),
        (UKRAINIAN, "koi8-u", "koi8-u"),
        (UKRAINIAN_SHORT, "windows-1251", "windows-1251"),
    ],
)
def test_legacy_8_bit_encodings_are_recognised_from_one_sentence(sentence, encoding, reported):
    decoded = decode(sentence.encode(encoding), "article.txt")
    assert decoded.text == sentence
    assert decoded.encoding == reported


@pytest.mark.parametrize("sentence", [FRENCH, GERMAN, POLISH, RUSSIAN, UKRAINIAN, "Plain ASCII news."])
def test_utf8_is_read_as_utf8(sentence):
    assert decode(sentence.encode("utf-8"), "article.txt").text == sentence


@pytest.mark.parametrize(
    ("bom", "codec", "reported"),
    [
        (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32-le"),
    ],
)
def test_a_byte_order_mark_decides_the_encoding_and_is_not_part_of_the_text(bom, codec, reported):
    decoded = decode(bom + RUSSIAN.encode(codec), "article.txt")
    assert decoded.text == RUSSIAN
    assert decoded.encoding == reported


@pytest.mark.parametrize("sentence", [FRENCH, RUSSIAN, UKRAINIAN])
@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_recognised_by_its_nul_bytes(sentence, codec):
    decoded = decode(sentence.encode(codec), "article.txt")
    assert decoded.text == sentence
    assert decoded.encoding == codec


def test_line_endings_are_kept_exactly_as_they_were():
    text = "Titre\r\n\r\nPremier paragraphe.\rDeuxième paragraphe.\n"
    assert decode(text.encode("utf-8"), "article.txt").text == text


def test_a_declared_charset_is_used():
    decoded = decode(RUSSIAN_WORD.encode("koi8-r"), "page", declared="KOI8-R")
    assert decoded.text == RUSSIAN_WORD


def test_a_declared_legacy_charset_loses_to_valid_utf8():
    decoded = decode(FRENCH.encode("utf-8"), "page", declared="iso-8859-1")
    assert (decoded.text, decoded.encoding) == (FRENCH, "utf-8")


def test_a_declared_charset_that_does_not_fit_the_bytes_is_ignored():
    decoded = decode(FRENCH.encode("windows-1252"), "page", declared="utf-8")
    assert decoded.text == FRENCH


def test_utf8_cut_inside_its_last_character_keeps_the_rest_and_says_so():
    data = "L'armée a reculé".encode()[:-1]  # the last "é" loses its second byte
    decoded = decode(data, "cut.txt")
    assert decoded.text == "L'armée a recul"
    assert len(decoded.warnings) == 1
    assert "cut.txt" in decoded.warnings[0]
    assert "truncated" in decoded.warnings[0]


def test_a_latin1_text_ending_in_an_accent_is_not_mistaken_for_truncated_utf8():
    decoded = decode("On boit un café".encode("iso-8859-1"), "article.txt")
    assert decoded.text == "On boit un café"
    assert decoded.warnings == ()


def test_utf8_damaged_in_the_middle_is_refused_with_the_byte_offset():
    good = "Les élections générales auront lieu en été, a précisé le ministère.".encode()
    damaged = good[:4] + b"\xff" + good[4:]  # a stray byte after "Les "
    with pytest.raises(DecodingError, match=r"article\.txt.*offset 4\b"):
        decode(damaged, "article.txt")


def test_an_empty_input_is_refused():
    with pytest.raises(EmptyInputError, match="article.txt"):
        decode(b"", "article.txt")


@pytest.mark.parametrize("blank", [b"   \n\t\r\n", "\u00a0\u2003\n".encode(), codecs.BOM_UTF8 + b"\n"])
def test_white_space_only_is_refused_as_empty(blank):
    with pytest.raises(EmptyInputError, match="article.txt"):
        decode(blank, "article.txt")


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "PNG"),
        (b"\xff\xd8\xff\xe0" + b"JFIF", "JPEG"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"PK\x03\x04\x14\x00\x00\x00", "ZIP"),
        (b"\x7fELF\x02\x01\x01\x00", "ELF"),
        (b"\x1f\x8b\x08\x00", "gzip"),
    ],
)
def test_known_binary_formats_are_named(data, kind):
    with pytest.raises(BinaryInputError, match=kind):
        decode(data, "upload.bin")


def test_nul_bytes_that_are_not_utf16_mean_binary_data():
    with pytest.raises(BinaryInputError, match="NUL"):
        decode(b"Some text\x00\x00\x00\x01\x02 with an embedded record\x00", "dump.dat")


def test_mostly_control_characters_mean_binary_data():
    with pytest.raises(BinaryInputError, match="control characters"):
        decode(bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 16, 17]) * 20 + b"abc", "dump.dat")


def test_input_over_the_cap_is_refused():
    with pytest.raises(InputTooLargeError, match="article.txt"):
        decode(b"a" * 1001, "article.txt", max_bytes=1000)
    assert decode(b"a" * 1000, "article.txt", max_bytes=1000).text == "a" * 1000


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_decoding_any_bytes_gives_text_or_an_input_error(data):
    try:
        decoded = decode(data, "fuzz")
    except InputError:
        return
    assert isinstance(decoded.text, str)
    assert decoded.text.strip()
