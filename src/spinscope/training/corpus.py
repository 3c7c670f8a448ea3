"""spinscope's own annotated corpus (see corpus/README.md): reading and validation.

Run `python -m spinscope.training.corpus check corpus/` to validate every line of every file.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from spinscope.taxonomy import FRAMES, TECHNIQUES


class CorpusSpan(BaseModel):
    technique: str
    start: int = Field(ge=0)
    end: int = Field(gt=0)
    text: str


class CorpusParagraph(BaseModel):
    """One authored, annotated paragraph."""

    id: str
    language: Literal["fr", "en", "de", "it", "pl", "ru", "uk", "es"]
    model_config = ConfigDict(populate_by_name=True)

    register_: Literal[
        "reporting", "opinion", "state_media", "tabloid", "satire", "blog", "press_release", "interview"
    ] = Field(alias="register")
    genre: Literal["opinion", "reporting", "satire"]
    topic: str
    text: str = Field(min_length=1)
    techniques: list[str]
    spans: list[CorpusSpan]
    frames: list[str] = Field(min_length=1, max_length=3)
    kind: Literal["positive", "near_miss", "neutral"]

    @field_validator("techniques")
    @classmethod
    def _known_techniques(cls, value: list[str]) -> list[str]:
        unknown = [t for t in value if t not in TECHNIQUES]
        if unknown:
            raise ValueError(f"unknown techniques {unknown}")
        if len(set(value)) != len(value):
            raise ValueError("techniques listed twice")
        return value

    @field_validator("frames")
    @classmethod
    def _known_frames(cls, value: list[str]) -> list[str]:
        unknown = [f for f in value if f not in FRAMES]
        if unknown:
            raise ValueError(f"unknown frames {unknown}")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> CorpusParagraph:
        if not self.id.startswith(f"{self.language}-"):
            raise ValueError(f"id {self.id!r} must start with '{self.language}-'")
        for span in self.spans:
            if self.text[span.start : span.end] != span.text:
                raise ValueError(
                    f"span {span.start}-{span.end} is {self.text[span.start : span.end]!r}, not {span.text!r}"
                )
            if span.technique not in self.techniques:
                raise ValueError(f"span technique {span.technique} is not in the paragraph's techniques")
        missing = set(self.techniques) - {s.technique for s in self.spans}
        if missing:
            raise ValueError(f"techniques without a span: {sorted(missing)}")
        if (self.kind == "positive") != bool(self.techniques):
            raise ValueError("a positive paragraph has techniques; near_miss and neutral ones have none")
        # Techniques in a plain report sit in the words it quotes; anywhere else the paragraph itself argues.
        argues = self.kind == "positive" and self.register_ not in ("reporting", "satire")
        if argues and self.genre == "reporting":
            raise ValueError(
                f"a {self.register_} paragraph that persuades in its own voice is opinion, not reporting"
            )
        return self


def corpus_files(path: Path) -> list[Path]:
    """The JSONL files of a corpus: the file itself, or every *.jsonl under a folder, in a stable order."""
    return sorted(path.rglob("*.jsonl")) if path.is_dir() else [path]


def read_corpus(path: Path) -> Iterator[CorpusParagraph]:
    """Every paragraph of a JSONL file, or of every *.jsonl file under a folder, in a stable order."""
    files = corpus_files(path)
    for file in files:
        with file.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if line.strip():
                    try:
                        yield CorpusParagraph.model_validate_json(line)
                    except ValidationError as error:
                        raise ValueError(f"{file}:{number}: {error}") from None


def check(path: Path) -> int:
    """Validate a corpus and print its composition; returns the number of invalid lines."""
    errors = 0
    seen: set[str] = set()
    languages: Counter[str] = Counter()
    techniques: Counter[tuple[str, str]] = Counter()
    kinds: Counter[str] = Counter()
    files = corpus_files(path)
    for file in files:
        for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                paragraph = CorpusParagraph.model_validate(json.loads(line))
            except (ValidationError, json.JSONDecodeError) as error:
                errors += 1
                print(f"{file}:{number}: {str(error).splitlines()[0]} {str(error).splitlines()[-1]}")
                continue
            if paragraph.id in seen:
                errors += 1
                print(f"{file}:{number}: duplicate id {paragraph.id}")
            seen.add(paragraph.id)
            languages[paragraph.language] += 1
            kinds[paragraph.kind] += 1
            for technique in paragraph.techniques:
                techniques[(paragraph.language, technique)] += 1
    total = sum(languages.values())
    print(f"{total} paragraphs, {errors} invalid; by language: {dict(sorted(languages.items()))}")
    print(f"kinds: {dict(sorted(kinds.items()))}")
    for language in sorted(languages):
        counts = {t: techniques[(language, t)] for t in TECHNIQUES}
        print(f"{language}: " + ", ".join(f"{t}={c}" for t, c in counts.items()))
    return errors


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] != "check":
        sys.exit("usage: python -m spinscope.training.corpus check PATH")
    sys.exit(1 if check(Path(sys.argv[2])) else 0)
