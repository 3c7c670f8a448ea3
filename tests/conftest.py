"""Fixtures shared by the whole suite: the bundled examples and a real local HTTP server."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib.resources import files
from pathlib import Path

import pytest

from spinscope.models.card import DataSource
from spinscope.training.examples import Example
from spinscope.training.train import TrainSettings, train

EXAMPLES = Path(str(files("spinscope") / "examples"))
FLAGSHIP = Path(__file__).resolve().parents[2] / "shared" / "examples" / "fr-russie-coree-otan.txt"

Route = Callable[[BaseHTTPRequestHandler], None]


@pytest.fixture(autouse=True, scope="session")
def calibration_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Narrative calibrations cached by the tests go to a folder of the test run, never the user's cache.
    Subprocesses (the CLI tests) inherit it through the environment."""
    folder = tmp_path_factory.mktemp("spinscope-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SPINSCOPE_CACHE_DIR", str(folder))
        yield folder


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


# A tiny embedded model, trained once per test session on paragraphs written here.
LOADED = [
    "Le régime corrompu et ses sbires mènent une politique néfaste et honteuse.",
    "Cette clique de bureaucrates arrogants méprise le peuple avec une morgue écœurante.",
    "The corrupt regime and its cronies push a shameful and disastrous agenda.",
    "These arrogant bureaucrats despise ordinary people with sickening contempt.",
    "Ce gouvernement de traîtres brade la nation dans une trahison ignoble.",
    "A gang of cowardly traitors is selling out the nation in a vile betrayal.",
]
DOUBT = [
    "Peut-on vraiment croire ces prétendus experts qui se trompent toujours ?",
    "Qui peut encore faire confiance à ces chiffres officiels ?",
    "Can anyone still trust these so-called experts who are always wrong?",
    "Who really believes the official figures any more?",
]
NEUTRAL = [
    "Le conseil municipal a voté mardi le budget de la nouvelle médiathèque.",
    "La température moyenne du mois de mars a été de 11 degrés selon Météo-France.",
    "The city council approved the library budget on Tuesday evening.",
    "The average temperature in March was 11 degrees, the weather service said.",
    "Le train de 8 h 12 circulera normalement à partir de lundi.",
    "The 8.12 train will run normally again from Monday.",
]


def tiny_examples() -> list[Example]:
    rows = []
    for i, text in enumerate(LOADED):
        language = "en" if text.isascii() else "fr"
        rows.append(
            Example(text, language, frozenset({"Loaded_Language"}), "opinion", ("Political",), f"l{i}")
        )
    for i, text in enumerate(DOUBT):
        language = "en" if text.isascii() else "fr"
        rows.append(Example(text, language, frozenset({"Doubt"}), "opinion", ("Political",), f"d{i}"))
    for i, text in enumerate(NEUTRAL):
        language = "en" if text.isascii() else "fr"
        rows.append(Example(text, language, frozenset(), "reporting", ("Quality_of_life",), f"n{i}"))
    return rows * 2


SETTINGS = TrainSettings(buckets=1 << 11, iterations=40, folds=2)


@pytest.fixture(scope="session")
def tiny_model_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("models") / "tiny"
    train(
        tiny_examples(),
        out,
        name="tiny",
        description="A tiny model trained by the test suite.",
        training_data=[DataSource(name="tests", source="tests/models/conftest.py", licence="MIT", size="32")],
        settings=SETTINGS,
    )
    return out
