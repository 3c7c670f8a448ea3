"""The lexical persuasion-technique layer: lexicon phrases plus a few structural detectors, one span per cue.

Every span says which entry or rule fired (`cue`) and which lexicon version made it (`source`), so that an
analyst can check it. Overlapping spans of the same technique merge into one, keeping the most confident cue;
spans of different techniques may overlap.
"""

from __future__ import annotations

from spinscope.analysis import TechniqueSpan
from spinscope.components.lexicon import Hit, Lexicon, load_lexicon
from spinscope.components.structural import Finding, Repetition, RhetoricalQuestions, shorten, slogans
from spinscope.document import Document

_CUE_TEXT_LIMIT = 60


class LexiconTechniques:
    """Finds technique cues with the shipped lexicon of one language (or a lexicon given explicitly)."""

    name = "techniques.lexicon"

    def __init__(self, language: str, lexicon: Lexicon | None = None):
        self.lexicon = lexicon or load_lexicon(language)
        self.version = self.lexicon.version
        self.lexicon_source = f"lexicon:{self.lexicon.language}@{self.version}"
        self.rules_source = f"rules:{self.lexicon.language}@{self.version}"
        self.rhetorical_questions = RhetoricalQuestions(self.lexicon)
        self.repetition = Repetition(self.lexicon)

    def __call__(self, doc: Document) -> None:
        text = doc.text
        candidates = [self._from_hit(hit, text) for hit in self.lexicon.find(text)]
        findings = slogans(text)
        findings += self.rhetorical_questions(text, [(s.start, s.end) for s in doc.sentences])
        findings += self.repetition(text)
        candidates += [self._from_finding(f, text) for f in findings]
        doc.techniques.extend(merge_overlaps(candidates, text))

    def _from_hit(self, hit: Hit, text: str) -> TechniqueSpan:
        covered = text[hit.start : hit.end]
        words, pattern = shorten(covered, _CUE_TEXT_LIMIT), shorten(hit.entry.pattern, _CUE_TEXT_LIMIT)
        cue = f'lexicon {self.lexicon.language}: "{words}" (pattern "{pattern}")'
        if hit.entry.note:
            cue += f" — {hit.entry.note}"
        return TechniqueSpan(
            start=hit.start,
            end=hit.end,
            text=covered,
            technique=hit.entry.technique,
            confidence=hit.entry.confidence,
            cue=cue,
            source=self.lexicon_source,
        )

    def _from_finding(self, finding: Finding, text: str) -> TechniqueSpan:
        return TechniqueSpan(
            start=finding.start,
            end=finding.end,
            text=text[finding.start : finding.end],
            technique=finding.technique,
            confidence=finding.confidence,
            cue=finding.cue,
            source=self.rules_source,
        )


def merge_overlaps(spans: list[TechniqueSpan], text: str) -> list[TechniqueSpan]:
    """One span per run of overlapping spans of the same technique: their union, with the best cue."""
    merged: list[TechniqueSpan] = []
    by_technique: dict[str, list[TechniqueSpan]] = {}
    for span in spans:
        by_technique.setdefault(span.technique, []).append(span)
    for group in by_technique.values():
        group.sort(key=lambda s: (s.start, -s.end))
        run = [group[0]]
        run_end = group[0].end
        for span in group[1:]:
            if span.start < run_end:
                run.append(span)
                run_end = max(run_end, span.end)
            else:
                merged.append(_union(run, text))
                run, run_end = [span], span.end
        merged.append(_union(run, text))
    return sorted(merged, key=lambda s: (s.start, s.end, s.technique))


def _union(run: list[TechniqueSpan], text: str) -> TechniqueSpan:
    best = max(run, key=lambda s: (s.confidence, s.end - s.start))
    if len(run) == 1:
        return best
    start = min(s.start for s in run)
    end = max(s.end for s in run)
    return best.model_copy(update={"start": start, "end": end, "text": text[start:end]})
