"""Fixtures shared by the whole suite: the bundled examples and a real local HTTP server."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib.resources import files
from pathlib import Path

import pytest

EXAMPLES = Path(str(files("spinscope") / "examples"))
FLAGSHIP = Path(__file__).resolve().parents[2] / "shared" / "examples" / "fr-russie-coree-otan.txt"

Route = Callable[[BaseHTTPRequestHandler], None]


@pytest.fixture
def fr_example() -> Path:
    return EXAMPLES / "fr-sahel-alliance.txt"


@pytest.fixture
def en_example() -> Path:
    return EXAMPLES / "en-climate-levy.txt"


class LocalServer:
    """A real HTTP server on 127.0.0.1 whose routes the test defines."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        routes = self.routes

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
                route = routes.get(self.path.split("?")[0])
                if route is None:
                    self.send_error(404)
                else:
                    route(self)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        # A short poll interval keeps shutdown fast: the default (0.5 s) would dominate the tests' time.
        self.thread = threading.Thread(
            target=lambda: self.httpd.serve_forever(poll_interval=0.05), daemon=True
        )

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def page(self, path: str, body: str | bytes, content_type: str = "text/html; charset=utf-8") -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body

        def route(handler: BaseHTTPRequestHandler) -> None:
            handler.send_response(200)
            handler.send_header("Content-Type", content_type)
            handler.send_header("Content-Length", str(len(data)))
            handler.end_headers()
            handler.wfile.write(data)

        self.routes[path] = route
        return self.base + path

    def redirect(self, path: str, target: str) -> str:
        def route(handler: BaseHTTPRequestHandler) -> None:
            handler.send_response(302)
            handler.send_header("Location", target)
            handler.send_header("Content-Length", "0")
            handler.end_headers()

        self.routes[path] = route
        return self.base + path

    def slow(self, path: str, seconds: float) -> str:
        def route(handler: BaseHTTPRequestHandler) -> None:
            time.sleep(seconds)
            try:
                handler.send_response(200)
                handler.send_header("Content-Type", "text/plain")
                handler.end_headers()
                handler.wfile.write(b"late")
            except OSError:
                pass

        self.routes[path] = route
        return self.base + path


@pytest.fixture
def server() -> Iterator[LocalServer]:
    local = LocalServer()
    local.thread.start()
    yield local
    local.httpd.shutdown()
    local.httpd.server_close()
