"""Build the `spinscope serve` application: the REST API, the analyst pages, and what guards them.

No request may crash the server or show a traceback: spinscope's own errors become one-line JSON errors
(or the page again, with the message), validation errors list what is wrong, and anything unexpected is
logged here and answered with a bare 500.
"""

from __future__ import annotations

import logging
import threading
from contextlib import asynccontextmanager

import anyio.to_thread
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from spinscope import __version__
from spinscope.errors import FetchError, InputError, LanguageError, ModelError, SpinscopeError, UnsafeURLError
from spinscope.serve import api, pages
from spinscope.serve.keys import KeyStore
from spinscope.serve.limits import BodyLimitMiddleware, RateLimiter
from spinscope.serve.recent import RecentAnalyses
from spinscope.serve.security import NeedsKey, SecurityHeadersMiddleware
from spinscope.serve.settings import ServeSettings, is_loopback

logger = logging.getLogger(__name__)


def _status(error: SpinscopeError) -> int:
    if isinstance(error, InputError | LanguageError | ModelError | UnsafeURLError):
        return 422
    if isinstance(error, FetchError):
        return 502
    return 500


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/v1")


def create_app(settings: ServeSettings | None = None, keys: KeyStore | None = None) -> FastAPI:
    """The app for `settings`; `keys` defaults to the keys file the settings name."""
    settings = settings or ServeSettings()
    keys = keys if keys is not None else KeyStore(settings.keys_file)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        """The store is opened for the server's lifetime (DuckDB lets one process write it at a time)."""
        anyio.to_thread.current_default_thread_limiter().total_tokens = settings.threads
        if settings.store is None:
            yield
            return
        from spinscope.serve.batches import BatchRunner
        from spinscope.serve.corpus import CorpusReader
        from spinscope.store.duckdb_store import Store

        lock = threading.Lock()
        with Store.open(settings.store) as store:
            app.state.corpus = CorpusReader(store.connection, lock)
            app.state.batches = BatchRunner(store, lock, settings)
            try:
                yield
            finally:
                app.state.batches.shutdown()
                with lock:
                    app.state.corpus = app.state.batches = None

    app = FastAPI(
        title="spinscope",
        version=__version__,
        description="How a news article tries to persuade: persuasion techniques with character spans, "
        "actors and their roles, quotes and narratives. Every span is an offset pair into the analysed text.",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.keys = keys
    # Decided once: revoking the last key must lock a server, never open it.
    app.state.keys_required = len(keys) > 0 or not is_loopback(settings.host)
    app.state.limiter = RateLimiter(settings.rate_per_minute, settings.rate_burst)
    app.state.recent = RecentAnalyses(settings.recent_analyses)
    app.state.corpus = None
    app.state.batches = None
    app.include_router(api.router)
    app.include_router(pages.router)
    app.include_router(pages.guarded)
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes)
    app.add_middleware(SecurityHeadersMiddleware)

    @app.get("/v1/health", tags=["health"], summary="Whether the server is up (no key needed)")
    def health() -> dict[str, str]:
        return {"status": "ok", "version": __version__}

    @app.exception_handler(NeedsKey)
    async def needs_key(request: Request, error: NeedsKey) -> Response:
        if _is_api(request):
            return JSONResponse(
                {"error": "an API key is required: Authorization: Bearer KEY"},
                status_code=401,
                headers={"WWW-Authenticate": "Bearer"},
            )
        return RedirectResponse("/signin", status_code=303)

    @app.exception_handler(SpinscopeError)
    async def spinscope_error(request: Request, error: SpinscopeError) -> Response:
        return JSONResponse({"error": str(error)}, status_code=_status(error))

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, error: RequestValidationError) -> Response:
        problems = [
            f"{'.'.join(str(part) for part in problem.get('loc', ()))}: {problem.get('msg', 'invalid')}"
            for problem in error.errors()[:20]
        ]
        return JSONResponse({"error": "; ".join(problems) or "invalid request"}, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        return JSONResponse(
            {"error": str(error.detail)}, status_code=error.status_code, headers=error.headers
        )

    @app.exception_handler(Exception)
    async def unexpected(request: Request, error: Exception) -> Response:
        logger.exception("unexpected error on %s %s", request.method, request.url.path)
        return JSONResponse({"error": "internal error; the server log has the details"}, status_code=500)

    return app
