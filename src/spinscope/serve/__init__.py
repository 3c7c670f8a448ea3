"""`spinscope serve`: the REST API and the analyst pages, from one FastAPI app (see docs/serve.md)."""

from spinscope.serve.app import create_app
from spinscope.serve.settings import ServeSettings

__all__ = ["ServeSettings", "create_app"]
