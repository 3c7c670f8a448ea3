"""Model packages: a directory of weights with a model card, loaded by name or path.

The default model ships inside spinscope (`spinscope/models/data/<name>/`); `--model PATH` loads any other
package, such as one a user trained with `spinscope train`. Importing this package stays light (no numpy, no
pydantic): every command line module names DEFAULT_MODEL, and `spinscope stats` or `--help` need nothing more.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

from spinscope.errors import ModelError

if TYPE_CHECKING:
    from spinscope.models.base import TechniqueModel
    from spinscope.models.card import ModelCard

SHIPPED = Path(str(files("spinscope.models") / "data"))
DEFAULT_MODEL = "techniques-small"
CARD_FILE = "model.json"

__all__ = ["DEFAULT_MODEL", "ModelCard", "TechniqueModel", "available_models", "load_model", "resolve"]


def available_models() -> list[tuple[str, Path]]:
    """(name, directory) of every model shipped with spinscope."""
    if not SHIPPED.is_dir():
        return []
    return sorted((p.name, p) for p in SHIPPED.iterdir() if (p / CARD_FILE).is_file())


def resolve(reference: str | Path | None) -> Path:
    """The directory of a model given by path or by shipped name (None: the default model)."""
    if reference is None:
        reference = DEFAULT_MODEL
    path = Path(reference)
    if (path / CARD_FILE).is_file():
        return path.resolve()
    shipped = SHIPPED / str(reference)
    if (shipped / CARD_FILE).is_file():
        return shipped
    names = ", ".join(name for name, _ in available_models()) or "none"
    raise ModelError(f"no model {str(reference)!r}: not a model directory, nor a shipped model ({names})")


def __getattr__(name: str) -> object:
    """`ModelCard` and `TechniqueModel`, imported when first asked for."""
    if name == "ModelCard":
        from spinscope.models.card import ModelCard

        return ModelCard
    if name == "TechniqueModel":
        from spinscope.models.base import TechniqueModel

        return TechniqueModel
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@cache
def _load(directory: Path) -> TechniqueModel:
    from spinscope.models.card import ModelCard

    card = ModelCard.load(directory)
    if card.backend == "embedded":
        from spinscope.models.embedded import EmbeddedModel

        return EmbeddedModel(directory, card)
    from spinscope.models.transformers_backend import TransformersModel

    return TransformersModel(directory, card)


def load_model(reference: str | Path | None = None) -> TechniqueModel:
    """A model package, loaded once per process."""
    return _load(resolve(reference))
