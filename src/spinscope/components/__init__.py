"""Analysis layers: each is a small callable that reads a Document and adds its annotations."""

from spinscope.components.base import Component

__all__ = ["Component"]
