"""Source → Document → components → Analysis: the one-article pipeline behind the CLI and the Python API."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from spinscope.analysis import Analysis, ComponentInfo
from spinscope.components.base import Component
from spinscope.document import Document
from spinscope.ingest import FetchPolicy, load
from spinscope.language import identify
from spinscope.models import DEFAULT_MODEL, load_model


class Pipeline:
    """An ordered list of components run over one Document."""

    def __init__(self, components: list[Component]):
        self.components = components

    def __call__(self, doc: Document) -> Analysis:
        for component in self.components:
            component(doc)
            doc.components.append(ComponentInfo(name=component.name, version=component.version))
        return doc.to_analysis()


@lru_cache(maxsize=16)
def build_pipeline(
    language: str, model: str | Path | None = DEFAULT_MODEL, catalogues: tuple[Path, ...] = ()
) -> Pipeline:
    """The components for `language`, built once per process (lexicons are compiled here).

    `model` names a shipped model or a model directory; None leaves out the learned layer (lexicons only).
    `catalogues` are narrative catalogue files (YAML) searched beside the shipped SemEval-2025 catalogue.
    """
    from spinscope.components.entities import EntityRecognizer
    from spinscope.components.narratives import NarrativeFinder
    from spinscope.components.quotes import QuoteFinder
    from spinscope.components.roles import EntityRoles
    from spinscope.components.techniques import LexiconTechniques

    components: list[Component] = [LexiconTechniques(language)]
    if model is not None:
        from spinscope.components.technique_model import ModelTechniques

        components.append(ModelTechniques(load_model(model), language))
    from spinscope.narratives import load_catalogue, shipped_catalogue

    narratives = NarrativeFinder([shipped_catalogue(), *(load_catalogue(path) for path in catalogues)])
    # Roles read the entities and the techniques next to their mentions, so they come after both.
    return Pipeline(
        [*components, EntityRecognizer(language), QuoteFinder(language), EntityRoles(language), narratives]
    )


def analyze(
    source: str | Path | bytes,
    *,
    lang: str | None = None,
    allow_private: bool = False,
    timeout: float | None = None,
    model: str | Path | None = DEFAULT_MODEL,
    catalogues: tuple[str | Path, ...] = (),
) -> Analysis:
    """Analyse one article given as text, a path to a text or HTML file, a URL, or raw bytes.

    `lang` overrides language identification; `allow_private` lets a URL point at a private address;
    `timeout` (seconds) bounds a URL fetch; `model` is a shipped model's name or a model directory (None:
    lexicons only); `catalogues` are narrative catalogue files to search besides the shipped one.
    Raises a `spinscope.errors.SpinscopeError` subclass with a one-line message on bad input.
    """
    policy = FetchPolicy(allow_private=allow_private, **({"timeout": timeout} if timeout else {}))
    loaded = load(source, fetch_policy=policy)
    language = identify(loaded.text, override=lang)
    metadata = loaded.metadata.model_copy(update={"warnings": list(loaded.warnings)})
    doc = Document.from_text(loaded.text, metadata=metadata, language=language)
    return build_pipeline(language.code, model, tuple(Path(c).resolve() for c in catalogues))(doc)
