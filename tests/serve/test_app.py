"""No request, however malformed or large, crashes the server or leaks a traceback (schemathesis, bounded)."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, Phase, settings

from spinscope.serve.app import create_app
from spinscope.serve.keys import KeyStore
from spinscope.serve.settings import ServeSettings

schemathesis = pytest.importorskip("schemathesis")
from schemathesis.checks import (  # noqa: E402 - only once schemathesis is known to be there
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)


def _app(folder: Path):
    settings = ServeSettings(
        keys_file=folder / "keys.json",
        store=folder / "fuzz.duckdb",
        rate_per_minute=1e6,
        rate_burst=1_000_000,
        max_batch_articles=3,
        max_body_bytes=256 * 1024,
    )
    return create_app(settings, KeyStore(settings.keys_file))


_FOLDER = Path(tempfile.mkdtemp(prefix="spinscope-fuzz-"))
atexit.register(shutil.rmtree, _FOLDER, ignore_errors=True)
APP = _app(_FOLDER)
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


@schema.parametrize()
@settings(
    max_examples=30,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_every_operation_answers_within_its_documented_shapes(case) -> None:
    response = case.call()
    case.validate_response(
        response,
        checks=[
            not_a_server_error,
            status_code_conformance,
            content_type_conformance,
            response_schema_conformance,
        ],
    )
    assert "Traceback" not in response.text


def test_garbage_bodies_and_methods_get_client_errors(tmp_path: Path) -> None:
    with TestClient(_app(tmp_path), raise_server_exceptions=False) as client:
        for body in (b"\xff\xfe\x00garbage", b"{" * 10_000, b'{"text": "\\ud800"}', b"[]", b"null"):
            response = client.post("/v1/analyze", content=body, headers={"Content-Type": "application/json"})
            assert 400 <= response.status_code < 500, (body[:20], response.status_code, response.text)
            assert "Traceback" not in response.text
        assert client.delete("/v1/analyze").status_code == 405
        assert client.post("/v1/analyze", content=b"x" * 300_000).status_code == 413
