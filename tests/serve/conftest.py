"""Fixtures for the server's tests: an app with its own keys file, and a client for it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from spinscope.serve.app import create_app
from spinscope.serve.keys import KeyStore
from spinscope.serve.settings import ServeSettings

MakeApp = Callable[..., FastAPI]


@pytest.fixture
def make_app(tmp_path: Path) -> MakeApp:
    """An app with settings overridden by keyword; its keys file lives in the test's folder."""

    def make(**overrides: object) -> FastAPI:
        settings = ServeSettings(keys_file=tmp_path / "keys.json", **overrides)
        return create_app(settings, KeyStore(settings.keys_file))

    return make


@pytest.fixture
def new_key(tmp_path: Path) -> Callable[[str], str]:
    """Create a key in the test's keys file (before the app starts, as `spinscope keys create` would)."""
    return lambda name: KeyStore(tmp_path / "keys.json").create(name)[1]


@pytest.fixture
def client(make_app: MakeApp) -> TestClient:
    with TestClient(make_app(), raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture
def fr_text(fr_example: Path) -> str:
    return fr_example.read_text(encoding="utf-8")
