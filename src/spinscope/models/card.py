"""The model card: what a model package is, what it predicts, how well, and what it was trained on.

A model package is a directory holding `model.json` (this card) beside the backend's own files (`weights.npz`
for the embedded backend, a Hugging Face checkpoint for the transformers backend). The card travels with the
weights, so that anyone holding a model can tell what it may be used for.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar, Literal, Self

from pydantic import BaseModel, Field, ValidationError

from spinscope.errors import ModelError
from spinscope.models import CARD_FILE


class Metric(BaseModel):
    """One measured figure and the command that reproduces it."""

    task: str = Field(description="techniques, techniques-spans, genre or frames.")
    language: str
    metric: str = Field(description="micro-F1, macro-F1, span-F1, accuracy …")
    value: float
    baseline: float | None = Field(default=None, description="The reference figure measured in the same run.")
    data: str = Field(description="What it was measured on (held-out data only).")
    command: str


class DataSource(BaseModel):
    """One body of training data, with where it comes from and under which licence."""

    name: str
    source: str
    licence: str
    size: str


class PackageCard(BaseModel):
    """A card written as `model.json` in its package's directory, read back with one-line errors."""

    package_kind: ClassVar[str] = "model"  # how errors name the package: "model", "role model"

    def save(self, directory: Path) -> None:
        (directory / CARD_FILE).write_text(self.model_dump_json(indent=2) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, directory: Path) -> Self:
        path = directory / CARD_FILE
        try:
            return cls.model_validate_json(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ModelError(f"{directory}: not a {cls.package_kind} package (no {CARD_FILE})") from None
        except (OSError, ValidationError, ValueError) as error:
            first = str(error).splitlines()[0]
            raise ModelError(f"{path}: invalid {cls.package_kind} card: {first}") from None


class ModelCard(PackageCard):
    name: str
    version: str
    description: str
    backend: Literal["embedded", "transformers"]
    languages: list[str]
    techniques: list[str]
    genres: list[str] = Field(default_factory=list)
    frames: list[str] = Field(default_factory=list)
    # Decision thresholds: task ("techniques", "frames") → language (or "*" for any) → label → threshold.
    thresholds: dict[str, dict[str, dict[str, float]]] = Field(default_factory=dict)
    settings: dict = Field(default_factory=dict, description="Backend settings (encoder, feature sizes …).")
    metrics: list[Metric] = Field(default_factory=list)
    training_data: list[DataSource] = Field(default_factory=list)
    created: str = ""

    def threshold(self, task: str, language: str, label: str, default: float = 0.5) -> float:
        by_language = self.thresholds.get(task, {})
        for key in (language, "*"):
            if label in by_language.get(key, {}):
                return by_language[key][label]
        return default
