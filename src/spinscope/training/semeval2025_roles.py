"""SemEval-2025 Task 10 subtask 1 (entity framing): annotations, predictions for given mentions, metrics.

A line is `<doc> <entity> <start> <end> <main role> <fine role> [<fine role>…]`, tab-separated, and the
official `end` is INCLUSIVE. `Mention` keeps Python's exclusive end (text[start:end] == entity); the reader
and the writer convert. The official scores are the exact-match ratio of the fine-role sets and the main-role
accuracy, over the gold mentions (a gold mention without a prediction counts as wrong).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from spinscope.errors import InputError
from spinscope.models import DEFAULT_MODEL
from spinscope.roles.cues import MAIN_OF, MAIN_ROLES
from spinscope.training.official_text import read_official_text

ANNOTATIONS = "subtask-1-annotations.txt"
DOCUMENTS = "raw-documents"
# How much an actor's other mentions count when casting one mention: annotators judge the whole article.


@dataclass(frozen=True)
class Mention:
    """An entity mention of one document, with its roles when known: text[start:end] == entity."""

    doc: str
    entity: str
    start: int
    end: int
    main: str | None = None
    fine: tuple[str, ...] = ()

    def key(self) -> tuple[str, int, int]:
        return (self.doc, self.start, self.end)

    def line(self) -> str:
        """The official line (inclusive end)."""
        return "\t".join(
            [self.doc, self.entity, str(self.start), str(self.end - 1), self.main or "", *self.fine]
        )


@dataclass(frozen=True)
class RoleScores:
    mentions: int
    exact_match: float  # share of mentions whose predicted fine-role set equals the gold set
    main_accuracy: float


def read_mentions(path: Path, with_roles: bool = True) -> list[Mention]:
    """The mentions of an annotation file (or, `with_roles=False`, a file of mentions to predict)."""
    mentions = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise InputError(f"{path}: cannot read: {error.strerror}") from None
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        fields = line.rstrip("\r").split("\t")
        try:
            doc, entity, start, end = fields[0], fields[1], int(fields[2]), int(fields[3]) + 1
        except (IndexError, ValueError):
            raise InputError(
                f"{path}:{number}: expected <doc> <entity> <start> <end> separated by tabs"
            ) from None
        main, fine = (fields[4] if len(fields) > 4 else None), tuple(f for f in fields[5:] if f)
        if with_roles:
            if main not in MAIN_ROLES or not fine:
                raise InputError(f"{path}:{number}: expected a main role and at least one fine role")
            if any(MAIN_OF.get(f) != main or f == main for f in fine):
                raise InputError(f"{path}:{number}: fine roles {', '.join(fine)} are not roles of {main}")
        mentions.append(
            Mention(doc, entity, start, end, main if with_roles else None, fine if with_roles else ())
        )
    return mentions


def write_predictions(mentions: Iterable[Mention]) -> str:
    return "".join(m.line() + "\n" for m in mentions)


def score(gold: Sequence[Mention], predicted: Iterable[Mention]) -> RoleScores:
    """Official scores over the gold mentions."""
    by_key = {m.key(): m for m in predicted}
    exact = main = 0
    for g in gold:
        p = by_key.get(g.key())
        if p is None:
            continue
        exact += set(p.fine) == set(g.fine)
        main += p.main == g.main
    n = len(gold)
    return RoleScores(n, exact / n if n else 0.0, main / n if n else 0.0)


def majority_baseline(gold: Sequence[Mention]) -> list[Mention]:
    """Every mention given the most frequent main role and that role's most frequent fine-role set."""
    if not gold:
        return []
    main = Counter(m.main for m in gold).most_common(1)[0][0]
    fine = Counter(tuple(sorted(m.fine)) for m in gold if m.main == main).most_common(1)[0][0]
    return [Mention(m.doc, m.entity, m.start, m.end, main, fine) for m in gold]


def document_language(doc: str) -> str:
    """'EN_CC_100013.txt' or 'RU-URW-1165.txt' → the language the official file name starts with."""
    return re.split(r"[-_]", doc, maxsplit=1)[0].lower()


def predict_roles(
    text: str,
    mentions: Sequence[tuple[int, int, str]],
    language: str,
    model: str | Path | None = DEFAULT_MODEL,
) -> list[tuple[str, list[str]]]:
    """(main, fine roles) for each (start, end, name) mention of `text`, found by the entity layer or not.

    Mentions of one name, and the entity-layer mentions they overlap, count as one actor. `model`: the
    technique model of the pipeline, as in `build_pipeline` (None: lexicons only)."""
    from spinscope.roles.mentions import cast_mentions

    return [(c.main, c.fine) for c in cast_mentions(text, mentions, language, model)]


def predict_folder(
    documents: Path,
    mentions: Sequence[Mention],
    model: str | Path | None = DEFAULT_MODEL,
    on_document: Callable[[str], None] | None = None,
) -> list[Mention]:
    """Roles for `mentions`, reading each document from `documents` as its official offsets count it."""
    by_doc: dict[str, list[Mention]] = {}
    for m in mentions:
        by_doc.setdefault(m.doc, []).append(m)
    predicted = []
    for doc, doc_mentions in by_doc.items():
        try:
            text = read_official_text(documents / doc)
        except InputError as error:
            raise InputError(f"{documents / doc}: {error}") from None
        for m in doc_mentions:
            if not 0 <= m.start < min(m.end, len(text)):
                raise InputError(
                    f"{doc}: mention {m.entity!r} at {m.start}-{m.end - 1} lies outside the text"
                )
        # Some official lines end one past the text; the mention is then cast on what the text has.
        spans = [(m.start, min(m.end, len(text)), m.entity) for m in doc_mentions]
        roles = predict_roles(text, spans, document_language(doc), model)
        predicted += [
            Mention(m.doc, m.entity, m.start, m.end, main, tuple(fine))
            for m, (main, fine) in zip(doc_mentions, roles, strict=True)
        ]
        if on_document:
            on_document(doc)
    return predicted
