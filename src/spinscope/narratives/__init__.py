"""Narratives: storylines from catalogues (the shipped SemEval-2025 taxonomy and users' YAML files) and the
detector that finds them in an article."""

from spinscope.narratives.catalogue import Catalogue, CatalogueError, Entry, load_catalogue, shipped_catalogue
from spinscope.narratives.detector import Finding, NarrativeDetector

__all__ = [
    "Catalogue",
    "CatalogueError",
    "Entry",
    "Finding",
    "NarrativeDetector",
    "load_catalogue",
    "shipped_catalogue",
]
