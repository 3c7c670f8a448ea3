"""Analyse what an API or page request sends, never letting a request reach the server's own files.

`spinscope.analyze` reads a string that names an existing file and fetches a string that looks like a URL:
right for a command line, wrong for text sent by a stranger. Here each input kind goes to its one reader:
text and HTML as bytes (decoded, never opened), URLs through the guarded fetcher under the server's limits.
Models are restricted to the shipped ones, so a request cannot load a directory from the server's disk.
"""

from __future__ import annotations

from typing import Literal

from spinscope.analysis import Analysis
from spinscope.document import Document
from spinscope.errors import InputError
from spinscope.ingest import FetchPolicy, load
from spinscope.ingest.html import looks_like_html
from spinscope.language import identify
from spinscope.models import available_models
from spinscope.pipeline import build_pipeline
from spinscope.serve.settings import ServeSettings

InputKind = Literal["text", "html", "url"]
LAYERS = ("techniques", "entities", "quotes", "narratives", "labels")


def model_names() -> list[str]:
    """Models a request may name: the shipped ones and 'none' (lexicons only)."""
    return [name for name, _ in available_models()] + ["none"]


def analyse(
    kind: InputKind,
    content: str,
    settings: ServeSettings,
    *,
    lang: str | None = None,
    model: str = "techniques-small",
    layers: list[str] | None = None,
) -> Analysis:
    """The Analysis of one input; raises a SpinscopeError subclass with a message for the caller."""
    if model not in model_names():
        raise InputError(f"unknown model {model!r}; choose one of {', '.join(model_names())}")
    if kind == "url":
        if not content.lower().startswith(("http://", "https://")):
            raise InputError("a URL must begin with http:// or https://")
        policy = FetchPolicy(
            allow_private=settings.allow_private,
            timeout=settings.fetch_timeout,
            max_bytes=settings.fetch_max_bytes,
        )
        loaded = load(content, fetch_policy=policy)
    else:
        if kind == "html" and not looks_like_html(content):
            raise InputError("the html field holds no HTML markup; send it as text")
        loaded = load(content.encode("utf-8", "surrogatepass"), max_bytes=settings.max_body_bytes)
    language = identify(loaded.text, override=lang)
    metadata = loaded.metadata.model_copy(update={"warnings": list(loaded.warnings), "source": None})
    if kind == "url":
        metadata = metadata.model_copy(update={"source": content})
    doc = Document.from_text(loaded.text, metadata=metadata, language=language)
    analysis = build_pipeline(language.code, None if model == "none" else model)(doc)
    return only_layers(analysis, layers) if layers is not None else analysis


def only_layers(analysis: Analysis, layers: list[str]) -> Analysis:
    """The analysis with the layers not asked for left empty (the summary still counts everything)."""
    update: dict[str, object] = {}
    if "techniques" not in layers:
        update["techniques"] = []
    if "entities" not in layers:
        update["entities"] = []
    if "quotes" not in layers:
        update["quotes"] = []
    if "narratives" not in layers:
        update["narratives"] = []
    if "labels" not in layers:
        update["sentences"] = [s.model_copy(update={"techniques": []}) for s in analysis.sentences]
        update["paragraphs"] = [p.model_copy(update={"techniques": []}) for p in analysis.paragraphs]
        update["genre"] = None
        update["frames"] = []
    return analysis.model_copy(update=update)
