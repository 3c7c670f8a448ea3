"""The result of analysing one article: a typed, JSON-schema'd, versioned model.

Every span is an offset pair into `Analysis.text` (the exact text that was analysed) and carries the text it
covers, so that `analysis.text[span.start:span.end] == span.text` always holds and can be checked by anyone.
Every label carries a confidence in [0, 1], the evidence that supports it and the component that made it.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.2"


class Span(BaseModel):
    """A stretch of the analysed text: text[start:end] == text."""

    model_config = ConfigDict(frozen=True)

    start: int = Field(ge=0, description="Offset of the first character, in Unicode code points.")
    end: int = Field(ge=0, description="Offset one past the last character.")
    text: str = Field(description="The covered text, exactly text[start:end].")


class TechniqueSpan(Span):
    """Words that carry a persuasion technique, with the cue that found them."""

    technique: str = Field(description="A technique id from the taxonomy, e.g. Loaded_Language.")
    confidence: float = Field(ge=0.0, le=1.0)
    cue: str = Field(description="What fired: the lexicon entry or pattern, readable by a person.")
    source: str = Field(description="The component and model that produced the span, e.g. 'lexicon:fr@1'.")


class Label(BaseModel):
    """A label on a sentence, a paragraph or the whole article, justified by evidence spans."""

    name: str
    confidence: float = Field(ge=0.0, le=1.0)
    evidence: list[Span] = Field(default_factory=list)
    source: str
    why: str | None = Field(default=None, description="Why there is no evidence span, when there is none.")


class Sentence(Span):
    index: int = Field(ge=0, description="Position of the sentence in the article, from 0.")
    paragraph: int = Field(ge=1, description="Id of the paragraph that holds it.")
    techniques: list[Label] = Field(default_factory=list)


class Paragraph(Span):
    id: int = Field(ge=1, description="1-based line number in the text (SemEval convention).")
    techniques: list[Label] = Field(default_factory=list)


EntityType = Literal["person", "organisation", "state", "place", "group", "other"]
MainRole = Literal["Protagonist", "Antagonist", "Innocent"]


class Role(BaseModel):
    """How the article casts an actor: a main role, fine roles, and the sentences that justify them."""

    main: MainRole
    fine: list[str] = Field(default_factory=list, description="Fine roles of that main role, e.g. 'Tyrant'.")
    confidence: float = Field(ge=0.0, le=1.0)
    evidence: list[Span] = Field(default_factory=list, description="The sentences that cast the actor so.")
    source: str


class Mention(Span):
    """One place where the text names (or refers back to) an entity."""

    entity: str = Field(description="Id of the entity mentioned.")
    kind: Literal["name", "short", "title", "pronoun", "metonym"] = "name"
    role: Role | None = Field(default=None, description="How the actor is cast in this mention's sentence.")


class Entity(BaseModel):
    """An actor, merged across spellings, short forms and languages, with a stable id."""

    id: str = Field(description="Stable canonical id, e.g. 'org:nato' or 'per:sergei-lavrov'.")
    name: str = Field(description="Canonical display name.")
    type: EntityType
    aliases: list[str] = Field(default_factory=list, description="Every surface form seen in the text.")
    mentions: list[Mention] = Field(default_factory=list)
    source: str
    role: Role | None = Field(default=None, description="The actor's role over the whole article.")


class Quote(BaseModel):
    """Direct or reported speech and who it is attributed to."""

    kind: Literal["direct", "reported"]
    content: Span = Field(description="What was said (inside the quotation marks for direct speech).")
    speaker: str | None = Field(default=None, description="Entity id of the speaker, None when unattributed.")
    speaker_mention: Span | None = Field(default=None, description="Where the text names the speaker.")
    cue: Span | None = Field(default=None, description="The speech verb or marker (a affirmé, said, selon…).")
    confidence: float = Field(ge=0.0, le=1.0)
    source: str


class Narrative(BaseModel):
    """A storyline the article pushes, from a catalogue (the shipped SemEval-2025 taxonomy or a user's)."""

    id: str = Field(description="Catalogue id, e.g. 'URW: Blaming the war on others'.")
    name: str
    catalogue: str = Field(description="Its catalogue: 'semeval2025' or the name in a user's file.")
    parent: str | None = Field(default=None, description="For a subnarrative, the id of its narrative.")
    confidence: float = Field(ge=0.0, le=1.0)
    evidence: list[Span] = Field(default_factory=list, description="The sentences that carry it.")
    source: str


class TechniqueCount(BaseModel):
    technique: str
    count: int


class SpeakerCount(BaseModel):
    entity: str
    name: str
    count: int


class Summary(BaseModel):
    """The article's spin profile in numbers."""

    words: int
    sentences: int
    technique_spans: int
    techniques_per_100_words: float
    sentences_with_techniques: float = Field(
        ge=0.0, le=1.0, description="Share of sentences with a technique."
    )
    top_techniques: list[TechniqueCount]
    quotes: int
    unattributed_quotes: int
    speakers: list[SpeakerCount]


class Metadata(BaseModel):
    """Where the text came from and what it is."""

    source: str | None = Field(default=None, description="Path, URL or '-' for standard input.")
    title: str | None = None
    author: str | None = None
    date: str | None = None
    site: str | None = None
    url: str | None = None
    encoding: str | None = Field(default=None, description="Encoding the bytes were decoded from.")
    content_type: Literal["text", "html"] = "text"
    warnings: list[str] = Field(
        default_factory=list, description="What the reader should know about the input."
    )


class Language(BaseModel):
    code: str = Field(description="ISO 639-1 code.")
    confidence: float = Field(ge=0.0, le=1.0)
    source: str = Field(description="'detected' or 'user' (given with --lang).")


class ComponentInfo(BaseModel):
    name: str
    version: str


class Analysis(BaseModel):
    """Everything spinscope found in one article."""

    schema_version: str = SCHEMA_VERSION
    spinscope_version: str
    text: str
    language: Language
    metadata: Metadata
    paragraphs: list[Paragraph]
    sentences: list[Sentence]
    techniques: list[TechniqueSpan] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    genre: Label | None = Field(default=None, description="opinion, reporting or satire, when a model ran.")
    frames: list[Label] = Field(default_factory=list, description="The angles the article takes.")
    narratives: list[Narrative] = Field(
        default_factory=list, description="Narratives and subnarratives found; empty means 'Other'."
    )
    summary: Summary
    components: list[ComponentInfo]

    def to_json(self, indent: int | None = 2) -> str:
        return self.model_dump_json(indent=indent)

    @classmethod
    def from_json(cls, data: str | bytes) -> Analysis:
        return cls.model_validate_json(data)

    def entity(self, entity_id: str) -> Entity | None:
        return next((e for e in self.entities if e.id == entity_id), None)

    def _repr_html_(self) -> str:
        """Notebook display: the same standalone report as `--format html`."""
        from spinscope.report import render

        return render(self, "html")
