"""The one interface every analysis layer implements, in the manner of a spaCy pipeline component."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from spinscope.document import Document


@runtime_checkable
class Component(Protocol):
    """Reads a Document and adds annotations to it; never changes `doc.text`.

    `name` and `version` end up in `Analysis.components` and in the `source` of every label it makes.
    """

    name: str
    version: str

    def __call__(self, doc: Document) -> None: ...
