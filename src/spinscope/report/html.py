"""The standalone HTML report: one file, no external asset, readable on a laptop and a phone.

The article is cut into atomic segments (see segments.py) so that overlapping technique spans, entity
mentions and quotes can all be drawn without repeating or reordering a single character. Article text and
metadata only ever reach the page through Jinja2 autoescaping; the only markup marked safe is the report's
own CSS and JavaScript, whose SHA-256 hashes the Content-Security-Policy allows and nothing else.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from spinscope.analysis import Analysis, Sentence
from spinscope.report.palette import Colour
from spinscope.report.segments import atomic_segments
from spinscope.report.view import ReportView, build_view, narrative_name, role_caption
from spinscope.taxonomy import display_name

_TEMPLATES = files("spinscope.report") / "templates"
_BAND = 3  # px: height of one underline band; a segment under several spans stacks one band per span
_MAX_BANDS = 4


@dataclass(frozen=True)
class SegmentView:
    """One atomic run of article text and everything that covers it."""

    text: str
    spans: tuple[int, ...]  # technique span indexes, innermost first
    numbers: tuple[int, ...]  # their legend numbers, innermost first, without repeats
    style: str  # CSS class of this combination of techniques
    tip: str  # plain-text tooltip, for browsers without JavaScript
    label: str  # what a screen reader announces
    entities: tuple[int, ...]  # indexes into analysis.entities
    quotes: tuple[int, ...]  # indexes into analysis.quotes
    anchors: tuple[str, ...]  # ids of the spans and quotes that begin here


@dataclass(frozen=True)
class SentenceView:
    sentence: Sentence | None  # None for text that no sentence covers
    segments: tuple[SegmentView, ...]


@dataclass(frozen=True)
class ParagraphPiece:
    """Either a sentence or the text between two sentences of a paragraph (usually a space)."""

    gap: str | None = None
    sentence: SentenceView | None = None


def render_html(analysis: Analysis) -> str:
    view = build_view(analysis)
    combinations: dict[tuple[int, ...], str] = {}
    paragraphs = [
        (p, paragraph_pieces(view, p.start, p.end, p.sentences, combinations)) for p in view.paragraphs
    ]
    style = Markup(technique_stylesheet(view, combinations))
    script = Markup(_script())
    return (
        _environment()
        .get_template("report.html")
        .render(
            view=view,
            analysis=analysis,
            summary=analysis.summary,
            paragraphs=paragraphs,
            style=style,
            script=script,
            csp=_content_security_policy(style, script),
            numbers={e.technique: e.number for e in view.techniques},
            max_count=max((e.count for e in view.techniques), default=1),
            max_quotes=max((len(g.quotes) for g in view.speakers), default=1),
            sentence_ids={(s.start, s.end): s.index for s in analysis.sentences},
            entities=sorted(
                enumerate(analysis.entities), key=lambda item: (-len(item[1].mentions), item[1].name)
            ),
        )
    )


@cache
def _environment() -> Environment:
    environment = Environment(
        loader=PackageLoader("spinscope.report", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["display_name"] = display_name
    environment.filters["narrative_name"] = narrative_name
    environment.filters["role_caption"] = role_caption
    return environment


@cache
def _script() -> str:
    return (_TEMPLATES / "report.js").read_text(encoding="utf-8")


def technique_stylesheet(view: ReportView, combinations: dict[tuple[int, ...], str]) -> str:
    """The base stylesheet, a rule per technique colour and one per combination of overlapping techniques."""
    colours = {e.number: e.colour for e in view.techniques}
    rules = [f".t{n}{{--bg:{c.background};--accent:{c.accent}}}" for n, c in sorted(colours.items())]
    for numbers, name in combinations.items():
        rules.append(f"mark.{name}{{{_combination_css([colours[n] for n in numbers])}}}")
    base = (_TEMPLATES / "report.css").read_text(encoding="utf-8")
    return base + "\n/* technique colours */\n" + "\n".join(rules) + "\n"


def _combination_css(colours: list[Colour]) -> str:
    """Innermost technique's background, then one underline band per technique, innermost on top."""
    bands = colours[:_MAX_BANDS]
    shadows = ",".join(f"inset 0 -{_BAND * (i + 1)}px 0 {c.accent}" for i, c in enumerate(bands))
    padding = f";padding-bottom:{_BAND * (len(bands) - 1)}px" if len(bands) > 1 else ""
    return f"background-color:{colours[0].background};box-shadow:{shadows}{padding}"


def _content_security_policy(style: str, script: str) -> str:
    def digest(text: str) -> str:
        return (
            "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"
        )

    return (
        f"default-src 'none'; style-src {digest(style)}; script-src {digest(script)}; "
        "img-src 'none'; base-uri 'none'; form-action 'none'"
    )


def paragraph_pieces(
    view: ReportView,
    start: int,
    end: int,
    sentences: tuple[Sentence, ...],
    combinations: dict[tuple[int, ...], str],
) -> list[ParagraphPiece]:
    """The paragraph [start, end) as sentences and the gaps between them."""
    pieces = []
    cursor = start
    for sentence in sentences:
        if sentence.start > cursor:
            pieces.append(ParagraphPiece(gap=view.analysis.text[cursor : sentence.start]))
        segments = _segments(view, sentence.start, sentence.end, combinations)
        pieces.append(ParagraphPiece(sentence=SentenceView(sentence=sentence, segments=segments)))
        cursor = sentence.end
    if cursor < end:
        # Text no sentence covers (segmentation should leave none, but no character may be lost).
        segments = _segments(view, cursor, end, combinations)
        pieces.append(ParagraphPiece(sentence=SentenceView(sentence=None, segments=segments)))
    return pieces


def _segments(
    view: ReportView, start: int, end: int, combinations: dict[tuple[int, ...], str]
) -> tuple[SegmentView, ...]:
    analysis = view.analysis
    numbers = {e.technique: e.number for e in view.techniques}
    intervals: dict[tuple[str, int], tuple[int, int]] = {}
    intervals.update((("t", i), (t.start, t.end)) for i, t in enumerate(analysis.techniques))
    intervals.update((("q", i), (q.content.start, q.content.end)) for i, q in enumerate(analysis.quotes))
    for e, entity in enumerate(analysis.entities):
        intervals.update(
            (("m", e, m), (mention.start, mention.end)) for m, mention in enumerate(entity.mentions)
        )
    result = []
    for segment in atomic_segments(start, end, intervals):
        spans = tuple(view.ordered({key[1] for key in segment.covering if key[0] == "t"}))
        technique_numbers = tuple(dict.fromkeys(numbers[analysis.techniques[i].technique] for i in spans))
        style = ""
        if technique_numbers:
            style = combinations.setdefault(technique_numbers, f"k{len(combinations) + 1}")
        anchors = tuple(f"at-{i}" for i in spans if analysis.techniques[i].start == segment.start)
        quotes = tuple(sorted(key[1] for key in segment.covering if key[0] == "q"))
        anchors += tuple(f"quote-{i}" for i in quotes if analysis.quotes[i].content.start == segment.start)
        text = analysis.text[segment.start : segment.end]
        names = [view.entry(analysis.techniques[i].technique).name for i in spans]
        result.append(
            SegmentView(
                text=text,
                spans=spans,
                numbers=technique_numbers,
                style=style,
                tip="\n".join(
                    f"{name} · {analysis.techniques[i].confidence:.2f} · cue: {analysis.techniques[i].cue}"
                    for name, i in zip(names, spans, strict=True)
                ),
                label=f"{text.strip()} — " + ", ".join(dict.fromkeys(names)) if names else "",
                entities=tuple(sorted({key[1] for key in segment.covering if key[0] == "m"})),
                quotes=quotes,
                anchors=anchors,
            )
        )
    return tuple(result)
