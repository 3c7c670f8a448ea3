"""Rule-based paragraph and sentence segmentation that never loses an offset.

Paragraphs are non-empty lines, numbered by their 1-based line number (the SemEval convention: empty lines
keep their number but produce no paragraph). Sentences end at . ! ? … (and closing quotes or brackets after
them) when the next word starts a new sentence; abbreviations, initials, numbers and open quotations
(« … », “ … ”) never end one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_LINE_BREAK = re.compile(r"\r\n|\r|\n")

# Lower-cased abbreviations (without their final period) that never end a sentence, in every language.
ABBREVIATIONS = frozenset(
    """
    m mm mme mmes mlle mlles dr pr me st ste cf av apr env etc éd vol chap fig art al réf n° no nos p pp
    mr mrs ms prof jr sr vs e.g i.e u.s u.k u.n gen col lt sgt capt cmdr gov sen rep rev
    inc ltd co corp dept est
    jan feb mar apr jun jul aug sep sept oct nov dec approx min max
    z.b bzw hr fr usw ca nr vgl ggf evtl inkl d.h u.a s.o
    sig sigg dott dott.ssa ecc pag on
    sra srta dra ud uds pág núm
    np tzw ul godz tj itd itp płk gen prez św ok wg
    г гг т.е т.д т.п им ул см тыс млн млрд руб проф др пр акад тов напр
    р н.э ст пор див тис грн
    """.split()
)

_OPENING_QUOTES = "«“„‹"
_CLOSING_QUOTES = "»”‟›"
_TERMINATORS = ".!?…"
# After a terminator: optional closing punctuation, then white space.
_TRAILING = set(_CLOSING_QUOTES + "\"')]’")
_INNER_SPACES = " \u00a0\u202f\u2009"
_SENTENCE_STARTERS = set(_OPENING_QUOTES + "\"'([—–-¿¡")


def iter_lines(text: str) -> Iterator[tuple[int, int, int]]:
    """Yield (line_number, start, end) for every line of `text`, line breaks excluded."""
    start = 0
    number = 1
    for match in _LINE_BREAK.finditer(text):
        yield number, start, match.start()
        start = match.end()
        number += 1
    yield number, start, len(text)


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) so that it neither begins nor ends with white space."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def paragraph_spans(text: str) -> list[tuple[int, int, int]]:
    """(paragraph_id, start, end) of each non-blank line; the id is the 1-based line number."""
    spans = []
    for number, start, end in iter_lines(text):
        start, end = strip_span(text, start, end)
        if start < end:
            spans.append((number, start, end))
    return spans


def _word_before(text: str, position: int, floor: int) -> str:
    """The run of non-space characters that ends at `position` (exclusive)."""
    begin = position
    while begin > floor and not text[begin - 1].isspace() and text[begin - 1] not in _OPENING_QUOTES + '("':
        begin -= 1
    return text[begin:position]


def _is_abbreviation(word: str) -> bool:
    """True when `word` (the token before a period, period excluded) is an abbreviation or an initial."""
    bare = word.lower().lstrip("([\"'")
    if not bare:
        return False
    if bare in ABBREVIATIONS:
        return True
    # Initials: "J", "J.-C", "U.S.A" and single letters in any script.
    if len(bare) == 1 and bare.isalpha():
        return True
    return bool(re.fullmatch(r"(?:\w\.-?)+\w", bare)) and all(len(p) <= 2 for p in re.split(r"[.-]", bare))


def _starts_sentence(text: str, position: int, end: int) -> bool:
    """True when the text at `position` can begin a new sentence."""
    if position >= end:
        return False
    char = text[position]
    if char in _SENTENCE_STARTERS:
        return True
    return char.isupper() or char.isdigit() or (char.isalpha() and not char.islower())


def sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split text[start:end] (one paragraph) into sentence spans; every span is stripped and non-empty."""
    paragraph = text[start:end]
    # Unbalanced quotation marks (a typo, a quote running over paragraphs) must not swallow every boundary.
    track_quotes = sum(map(paragraph.count, _OPENING_QUOTES)) == sum(map(paragraph.count, _CLOSING_QUOTES))
    quote_depth = 0
    boundaries: list[int] = []
    i = start
    while i < end:
        char = text[i]
        if char in _OPENING_QUOTES:
            quote_depth += 1
        elif char in _CLOSING_QUOTES:
            quote_depth = max(0, quote_depth - 1)
        elif char in _TERMINATORS:
            j = i
            while j + 1 < end and text[j + 1] in _TERMINATORS:
                j += 1
            k = j + 1
            closed_quote = False
            while k < end:
                if text[k] in _TRAILING:
                    closed_quote = closed_quote or text[k] in _CLOSING_QUOTES
                    k += 1
                    continue
                # French typography puts a (non-breaking) space before the closing guillemet: « Fini. »
                after_space = k
                while after_space < end and text[after_space] in _INNER_SPACES:
                    after_space += 1
                if after_space > k and after_space < end and text[after_space] in _CLOSING_QUOTES:
                    k = after_space
                    continue
                break
            if k < end and text[k].isspace():
                gap = k
                while gap < end and text[gap].isspace():
                    gap += 1
                inside_quote = track_quotes and quote_depth > 0 and not closed_quote
                abbreviation = char == "." and j == i and _is_abbreviation(_word_before(text, i, start))
                if not inside_quote and not abbreviation and _starts_sentence(text, gap, end):
                    boundaries.append(k)
            if closed_quote:
                quote_depth = max(0, quote_depth - sum(text[m] in _CLOSING_QUOTES for m in range(j + 1, k)))
            i = k
            continue
        i += 1
    spans = []
    cursor = start
    for boundary in boundaries + [end]:
        s, e = strip_span(text, cursor, boundary)
        if s < e:
            spans.append((s, e))
        cursor = boundary
    return spans
