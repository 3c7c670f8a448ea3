"""What the analyse page shows of an Analysis, built on the HTML report's own view and segments.

The article is cut and coloured exactly as in `spinscope analyze --format html` (same legend numbers, colours
and overlap bands), so that the page, the downloaded report and the JSON agree span for span. The page adds
what an analyst reads next to the text: narratives with their sentences, the cast of actors by role, and the
quotes grouped by speaker.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass

from spinscope.analysis import Analysis, Entity, Narrative, Sentence
from spinscope.report.html import ParagraphPiece, paragraph_pieces, technique_stylesheet
from spinscope.report.view import ReportView, build_view

ROLE_ORDER = ("Antagonist", "Protagonist", "Innocent", None)


@dataclass(frozen=True)
class CastGroup:
    role: str | None  # a main role, or None for actors the article does not cast
    actors: tuple[tuple[int, Entity], ...]  # (index in analysis.entities, entity), most mentioned first


@dataclass(frozen=True)
class NarrativeView:
    narrative: Narrative
    sentences: tuple[Sentence, ...]  # the evidence, as the article's sentences (for links into the text)


@dataclass(frozen=True)
class AnalysisPage:
    view: ReportView
    paragraphs: list[tuple[object, list[ParagraphPiece]]]
    stylesheet: str  # technique colours and overlap bands for this analysis, inlined under a CSP hash
    stylesheet_hash: str
    numbers: dict[str, int]
    max_count: int
    cast: tuple[CastGroup, ...]
    narratives: tuple[NarrativeView, ...]


def csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def build_page(analysis: Analysis) -> AnalysisPage:
    view = build_view(analysis)
    combinations: dict[tuple[int, ...], str] = {}
    paragraphs = [
        (p, paragraph_pieces(view, p.start, p.end, p.sentences, combinations)) for p in view.paragraphs
    ]
    # The report's stylesheet begins with its base CSS, which the page serves as a file; keep only the rules
    # for this analysis's colours.
    stylesheet = technique_stylesheet(view, combinations).partition("/* technique colours */\n")[2]
    return AnalysisPage(
        view=view,
        paragraphs=paragraphs,
        stylesheet=stylesheet,
        stylesheet_hash=csp_hash(stylesheet),
        numbers={e.technique: e.number for e in view.techniques},
        max_count=max((e.count for e in view.techniques), default=1),
        cast=_cast(analysis),
        narratives=tuple(_narrative(analysis, n) for n in analysis.narratives),
    )


def _cast(analysis: Analysis) -> tuple[CastGroup, ...]:
    groups: dict[str | None, list[tuple[int, Entity]]] = {}
    for index, entity in enumerate(analysis.entities):
        groups.setdefault(entity.role.main if entity.role else None, []).append((index, entity))
    return tuple(
        CastGroup(
            role=role,
            actors=tuple(sorted(groups[role], key=lambda item: (-len(item[1].mentions), item[1].name))),
        )
        for role in ROLE_ORDER
        if role in groups
    )


def _narrative(analysis: Analysis, narrative: Narrative) -> NarrativeView:
    """Evidence spans mapped to the sentences that hold them, in the article's order."""
    held = [
        sentence
        for sentence in analysis.sentences
        if any(sentence.start <= span.start < sentence.end for span in narrative.evidence)
    ]
    return NarrativeView(narrative=narrative, sentences=tuple(held))
