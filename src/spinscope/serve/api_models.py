"""The shapes of API requests and of the answers that are not an Analysis (which is the CLI's own schema)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from spinscope.models import DEFAULT_MODEL

LanguageCode = Literal["fr", "en", "de", "it", "pl", "ru", "uk", "es"]
Layer = Literal["techniques", "entities", "quotes", "narratives", "labels"]


class ArticleInput(BaseModel):
    """One article: exactly one of `text`, `html` or `url`."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(default=None, description="The article as plain text.", min_length=1)
    html: str | None = Field(
        default=None, description="A web page; its main text is extracted.", min_length=1
    )
    url: str | None = Field(
        default=None,
        description="An http(s) address the server fetches (public addresses only, size and time capped).",
        min_length=1,
        max_length=2048,
    )

    @model_validator(mode="after")
    def _exactly_one_input(self) -> ArticleInput:
        given = [name for name in ("text", "html", "url") if getattr(self, name) is not None]
        if len(given) != 1:
            raise ValueError("give exactly one of text, html or url")
        return self

    @property
    def kind(self) -> Literal["text", "html", "url"]:
        return "text" if self.text is not None else "html" if self.html is not None else "url"

    @property
    def content(self) -> str:
        return self.text if self.text is not None else self.html if self.html is not None else str(self.url)


class AnalyzeRequest(ArticleInput):
    lang: LanguageCode | None = Field(default=None, description="Skip language identification.")
    model: str = Field(
        default=DEFAULT_MODEL, description="A shipped model's name, or 'none' for lexicons only."
    )
    layers: list[Layer] | None = Field(
        default=None, description="Only these layers in the answer (default: all).", max_length=5
    )


class BatchArticle(ArticleInput):
    id: str | None = Field(default=None, max_length=512, description="Your own id for the article.")
    outlet: str | None = Field(default=None, max_length=512)
    date: str | None = Field(default=None, max_length=64, description="ISO 8601 date or datetime.")
    lang: LanguageCode | None = None
    title: str | None = Field(default=None, max_length=2048)


class BatchRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    articles: list[BatchArticle] = Field(min_length=1, description="The articles to analyse into the store.")
    model: str = Field(default=DEFAULT_MODEL, description="A shipped model's name, or 'none'.")


class BatchStatus(BaseModel):
    id: str
    state: Literal["queued", "running", "done", "failed"]
    total: int
    analysed: int = Field(description="Articles analysed and stored so far.")
    skipped: int = Field(description="Articles already in the store, or repeated in the batch.")
    failed: int = Field(description="Articles that could not be analysed (see errors).")
    errors: list[str] = Field(default_factory=list, description="One line per failed article (first 100).")


class ArticleRow(BaseModel):
    article: str = Field(description="Content hash: the article's id in the store.")
    id: str | None
    title: str | None
    outlet: str | None
    url: str | None
    published: str | None
    language: str
    words: int
    spans: int


class ArticlePage(BaseModel):
    total: int
    offset: int
    articles: list[ArticleRow]


class CountRow(BaseModel):
    key: str
    count: float


class SeriesRow(BaseModel):
    period: str = Field(description="Month, YYYY-MM.")
    key: str
    count: int


class OutletRow(BaseModel):
    outlet: str
    key: str = Field(description="Technique.")
    per_100_words: float


class CorpusStats(BaseModel):
    articles: int
    techniques: list[CountRow] = Field(description="Spans per technique.")
    narratives: list[CountRow] = Field(description="Articles per narrative.")
    techniques_over_time: list[SeriesRow]
    narratives_over_time: list[SeriesRow]
    techniques_by_outlet: list[OutletRow]
    villains: list[CountRow] = Field(description="Entities most often cast as antagonists (articles).")
    heroes: list[CountRow] = Field(description="Entities most often cast as protagonists (articles).")


class ErrorBody(BaseModel):
    error: str = Field(description="What went wrong, in one line.")
