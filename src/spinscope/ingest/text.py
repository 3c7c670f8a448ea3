"""Bytes → text: a size cap, binary detection, and encoding detection that stays right on short articles.

Order of decisions, each one cheap and explainable:

1. larger than the cap → InputTooLargeError; no bytes → EmptyInputError;
2. a byte-order mark (UTF-8, UTF-16, UTF-32) decides the encoding;
3. known binary signatures (images, archives, PDF, executables) → BinaryInputError;
4. BOM-less UTF-16 is recognised by its NUL bytes all falling on one parity; any other NUL → binary;
5. an encoding declared by the caller (HTTP header, HTML meta) is used when the bytes decode with it, except
   that a declared legacy 8-bit encoding loses to bytes that are valid, non-ASCII UTF-8 (a common server lie);
6. strict UTF-8;
7. UTF-8 cut inside its last character (a truncated download, `head -c`) is kept without that partial
   character, with a warning: everything before it is exact, and refusing the whole article would help no
   one. Invalid UTF-8 anywhere else, in bytes that otherwise look like UTF-8, is refused with the byte offset:
   repairing it silently would put invented characters into text that a fact-checker quotes;
8. legacy 8-bit encodings (Windows-1252/1250/1251, KOI8-R/U, ISO-8859-1/2) are each tried and scored by how
   plausible their non-ASCII letters are for one supported language (French accents, Polish ogoneks,
   Cyrillic with sane letter case...); the best wins. charset-normalizer alone picks KOI8-R Russian as
   Shift-JIS and French "prêt" as "pręt" on short text, so it only gets the last word, for bytes that are
   in none of these encodings (it may then find e.g. Greek, and language identification will say so);
9. the decoded text must not be mostly control characters, nor blank.
"""

from __future__ import annotations

import codecs
import re
from collections import Counter
from dataclasses import dataclass, field

import charset_normalizer

from spinscope.errors import BinaryInputError, DecodingError, EmptyInputError, InputTooLargeError

DEFAULT_MAX_BYTES = 20 * 1024 * 1024

_BOMS = (  # longest first: the UTF-32-LE mark starts with the UTF-16-LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_BINARY_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an office document)"),
    (b"PK\x05\x06", "a ZIP archive"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x28\xb5\x2f\xfd", "a zstd archive"),
    (b"\x7fELF", "an ELF executable"),
    (b"MZ\x90\x00", "a Windows executable"),
    (b"\xca\xfe\xba\xbe", "a Java class or Mach-O binary"),
    (b"\xcf\xfa\xed\xfe", "a Mach-O binary"),
    (b"\x00asm", "a WebAssembly module"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"OggS", "an Ogg media file"),
    (b"ID3", "an MP3 file"),
    (b"fLaC", "a FLAC file"),
)

# Legacy encodings in order of preference when two decode the bytes equally well (e.g. German in
# Windows-1252 and Windows-1250 give the same text). ISO-8859-1 comes last: where it differs from Windows-1252
# it yields C1 control characters.
LEGACY_ENCODINGS = (
    "windows-1252",
    "windows-1251",
    "koi8-r",
    "windows-1250",
    "iso-8859-2",
    "koi8-u",
    "iso-8859-1",
)
_SINGLE_BYTE_FAMILY = frozenset(codecs.lookup(name).name for name in LEGACY_ENCODINGS) | {
    codecs.lookup(name).name for name in ("ascii", "iso-8859-15", "windows-1253", "windows-1254", "mac-roman")
}

# Letters beyond a-z that each supported language writes (lower case); Cyrillic languages list their whole
# alphabet, since none of their letters is ASCII.
_EXTRA_LETTERS = {
    "fr": "àâæçéèêëîïôœùûüÿ",
    "de": "äöüß",
    "it": "àèéìíîòóùú",
    "pl": "ąćęłńóśźż",
    "es": "áéíñóúü",
    "en": "",
    "ru": "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
    "uk": "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя",
}
_LATIN_LANGUAGES = frozenset({"fr", "de", "it", "pl", "es", "en"})
# Non-letters that real articles use outside ASCII: quotes, dashes, ellipsis, currency, degree, numero...
_COMMON_SYMBOLS = frozenset("«»“”„‘’‚‹›–—…•·€£°§№±×©®™\u00a0\u202f\u2009\u00ad")
# In Latin-script languages most letters are ASCII; a reading where accented letters dominate is mojibake.
_MAX_PLAUSIBLE_ACCENTED_SHARE = 0.35
# Cyrillic articles are mostly lower case; a reading that is mostly upper case has its case swapped.
_MAX_PLAUSIBLE_CYRILLIC_UPPER_SHARE = 0.5
# Below this, no legacy reading is believable.
_MIN_PLAUSIBILITY = 0.6
# Share of control characters above which "text" is really binary data.
_MAX_CONTROL_SHARE = 0.1
# Control characters (Unicode category Cc) except tab, line breaks and the escape of terminal colours.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f-\x9f]")
# Characters scored to choose a legacy encoding: the start of an article says which one it is.
_PLAUSIBILITY_SAMPLE = 50_000
_VISIBLE = re.compile(r"[^\s\u200b\u200c\u200d\u2060\ufeff]")


@dataclass(frozen=True)
class DecodedText:
    """Text decoded from bytes, the encoding used, and anything the user should know about the decoding."""

    text: str
    encoding: str
    warnings: tuple[str, ...] = field(default=())


def decode(
    data: bytes, name: str, *, declared: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> DecodedText:
    """Decode `data` (called `name` in error messages) into text, or raise an InputError subclass."""
    check_size(len(data), name, max_bytes)
    if not data:
        raise EmptyInputError(f"{name} is empty")
    decoded = _decode(bytes(data), name, declared)
    check_text(decoded.text, name)
    return decoded


def check_size(size: int, name: str, max_bytes: int) -> None:
    """Refuse an input of `size` bytes (or characters) over the cap."""
    if size > max_bytes:
        raise InputTooLargeError(f"{name} is larger than the {_human_size(max_bytes)} limit")


def check_text(text: str, name: str) -> None:
    """Refuse a text that is blank or mostly control characters."""
    if not _VISIBLE.search(text):
        raise EmptyInputError(f"{name} holds no text, only white space")
    if len(_CONTROL.findall(text)) > _MAX_CONTROL_SHARE * len(text):
        raise BinaryInputError(f"{name} looks like binary data (mostly control characters), not text")


def _decode(data: bytes, name: str, declared: str | None) -> DecodedText:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_with_bom(data, bom, encoding, name)
    for signature, kind in _BINARY_SIGNATURES:
        if data.startswith(signature):
            raise BinaryInputError(f"{name} is {kind}, not text")
    if b"\x00" in data:
        utf16 = _bomless_utf16(data)
        if utf16 is None:
            raise BinaryInputError(f"{name} contains NUL bytes: it is binary data, not text")
        return utf16
    if declared is not None:
        from_declared = _decode_declared(data, declared)
        if from_declared is not None:
            return from_declared
    try:
        return DecodedText(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as error:
        utf8_error = error
    if utf8_error.reason == "unexpected end of data" and not data[: utf8_error.start].isascii():
        dropped = len(data) - utf8_error.start
        warning = (
            f"{name} ends in the middle of a UTF-8 character (it looks truncated); "
            f"its last {dropped} byte(s) were dropped"
        )
        return DecodedText(data[: utf8_error.start].decode("utf-8"), "utf-8", (warning,))
    valid, invalid = _utf8_sequence_counts(data)
    best = _best_legacy_reading(data)
    if best is not None and valid < invalid:
        return best
    if valid:  # partly UTF-8: whatever else could read it would garble the valid part
        raise DecodingError(
            f"{name} is not valid UTF-8 (bad byte at offset {utf8_error.start}) nor plausible in any other "
            "encoding; re-save it as UTF-8"
        )
    guess = charset_normalizer.from_bytes(data).best()
    if guess is None or guess.encoding is None:
        raise DecodingError(f"{name} is not text in any encoding spinscope recognises; re-save it as UTF-8")
    return DecodedText(str(guess), guess.encoding.replace("_", "-"))


def _decode_with_bom(data: bytes, bom: bytes, encoding: str, name: str) -> DecodedText:
    codec = "utf-8" if encoding == "utf-8-sig" else encoding
    try:
        return DecodedText(data[len(bom) :].decode(codec), encoding)
    except UnicodeDecodeError as error:
        raise DecodingError(
            f"{name} starts with a {encoding} byte-order mark but is not valid {codec} "
            f"(bad byte at offset {error.start + len(bom)})"
        ) from None


def _bomless_utf16(data: bytes) -> DecodedText | None:
    """UTF-16 without a BOM: in text of any supported language, NULs fill one byte of each space, digit and
    ASCII letter, and never the other byte. Returns None when the NULs do not follow that pattern."""
    if len(data) % 2:
        return None
    sample = data[:8192]
    half = len(sample) // 2
    nul_even = sample[0::2].count(0)
    nul_odd = sample[1::2].count(0)
    if nul_odd >= 0.1 * half and nul_even == 0:
        encoding = "utf-16-le"
    elif nul_even >= 0.1 * half and nul_odd == 0:
        encoding = "utf-16-be"
    else:
        return None
    try:
        return DecodedText(data.decode(encoding), encoding)
    except UnicodeDecodeError:
        return None


def _decode_declared(data: bytes, declared: str) -> DecodedText | None:
    try:
        codec = codecs.lookup(declared)
    except LookupError:
        return None
    if codec.name in _SINGLE_BYTE_FAMILY and not data.isascii():
        try:
            return DecodedText(data.decode("utf-8"), "utf-8")
        except UnicodeDecodeError:
            pass
    try:
        return DecodedText(data.decode(codec.name), _label(codec.name))
    except UnicodeDecodeError:
        return None


def _utf8_sequence_counts(data: bytes) -> tuple[int, int]:
    """(well-formed multi-byte UTF-8 sequences, stray non-ASCII bytes). Damaged UTF-8 has mostly the former;
    legacy encodings almost only the latter (a well-formed sequence there is an accident of two letters)."""
    sequences = _UTF8_SEQUENCE.findall(data)
    non_ascii_bytes = len(data.translate(None, _ASCII_BYTES))
    return len(sequences), non_ascii_bytes - sum(map(len, sequences))


_ASCII_BYTES = bytes(range(128))
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]"
    rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)


def _best_legacy_reading(data: bytes) -> DecodedText | None:
    best: tuple[float, DecodedText] | None = None
    for encoding in LEGACY_ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        score = plausibility(text)
        if best is None or score > best[0]:
            best = (score, DecodedText(text, encoding))
    if best is None or best[0] < _MIN_PLAUSIBILITY:
        return None
    return best[1]


def plausibility(text: str) -> float:
    """How believable the non-ASCII part of `text` is as one supported language, at most 1.

    Each non-ASCII character scores +1 when it is a letter of the language, -1 when it is a control,
    private-use or unusual symbol, and -1 for each lower-to-upper case switch (the mark of Cyrillic decoded
    with the wrong code page); the sum is divided by the number of non-ASCII characters. A Latin-script
    reading loses points when accented letters dominate, a Cyrillic one when upper case does. Only the start
    of a long text is scored.
    """
    sample = text[:_PLAUSIBILITY_SAMPLE]
    non_ascii = Counter(char for char in sample if ord(char) > 127)
    total = sum(non_ascii.values())
    if not total:
        return 1.0
    odd = sum(
        count for char, count in non_ascii.items() if not char.isalpha() and char not in _COMMON_SYMBOLS
    )
    letters = {char: count for char, count in non_ascii.items() if char.isalpha()}
    accented_share = sum(letters.values()) / max(sum(1 for char in sample if char.isalpha()), 1)
    upper_share = sum(count for char, count in letters.items() if char.isupper()) / max(
        sum(letters.values()), 1
    )
    case_switches = sum(
        1
        for left, right in zip(sample, sample[1:], strict=False)
        if left.islower() and right.isupper() and (ord(left) > 127 or ord(right) > 127)
    )
    scores = []
    for language, extra in _EXTRA_LETTERS.items():
        good = sum(count for char, count in letters.items() if char.lower() in extra)
        score = (good - odd - case_switches) / total
        if language in _LATIN_LANGUAGES:
            score -= 2 * max(0.0, accented_share - _MAX_PLAUSIBLE_ACCENTED_SHARE)
        else:  # KOI8 read as Windows-1251 (or back) swaps the case of every Cyrillic letter
            score -= max(0.0, upper_share - _MAX_PLAUSIBLE_CYRILLIC_UPPER_SHARE)
        scores.append(score)
    return max(scores)


def _label(codec_name: str) -> str:
    """The usual name of a Python codec: 'cp1252' → 'windows-1252', 'latin_1' → 'iso-8859-1'."""
    name = codec_name.replace("_", "-")
    if name.startswith("cp125"):
        return "windows-" + name[2:]
    return {"latin-1": "iso-8859-1", "iso8859-1": "iso-8859-1", "iso8859-2": "iso-8859-2"}.get(name, name)


def _human_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):g} MB"
    if size >= 1024:
        return f"{size / 1024:g} KB"
    return f"{size} bytes"
