"""API keys are shown once, stored only hashed, verified in constant time, and revocable at once."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from spinscope.serve.keys import KeyFileError, KeyStore, default_keys_file


def test_a_created_key_verifies_and_is_not_stored_in_clear(tmp_path: Path) -> None:
    store = KeyStore(tmp_path / "keys.json")
    record, key = store.create("newsroom")
    assert store.verify(key) == record
    written = (tmp_path / "keys.json").read_text()
    assert key not in written and key.split("_")[2] not in written
    assert json.loads(written)["keys"][0]["name"] == "newsroom"
    assert stat.S_IMODE((tmp_path / "keys.json").stat().st_mode) == 0o600


def test_wrong_malformed_and_foreign_keys_are_refused(tmp_path: Path) -> None:
    store = KeyStore(tmp_path / "keys.json")
    _, key = store.create("a")
    tampered = key[:-1] + ("A" if key[-1] != "A" else "B")
    other = KeyStore(tmp_path / "other.json").create("b")[1]
    for candidate in (tampered, other, "", "ss_", "Bearer " + key, key + "x"):
        assert store.verify(candidate) is None


def test_revoking_takes_effect_in_a_store_that_another_process_opened(tmp_path: Path) -> None:
    server_view = KeyStore(tmp_path / "keys.json")
    cli_view = KeyStore(tmp_path / "keys.json")
    _, key = cli_view.create("partner")
    assert server_view.verify(key) is not None  # the server sees keys created after it started
    cli_view.revoke("partner")
    assert server_view.verify(key) is None
    assert len(server_view) == 0


def test_names_are_unique_and_plain(tmp_path: Path) -> None:
    store = KeyStore(tmp_path / "keys.json")
    store.create("team")
    with pytest.raises(KeyFileError, match="exists already"):
        store.create("team")
    with pytest.raises(KeyFileError, match="name"):
        store.create("<script>")
    with pytest.raises(KeyFileError, match="no key named"):
        store.revoke("nobody")


def test_a_corrupt_keys_file_is_reported_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "keys.json"
    path.write_text("{not json")
    with pytest.raises(KeyFileError, match="cannot read the keys file"):
        KeyStore(path)


def test_the_default_file_follows_xdg_config_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert default_keys_file() == tmp_path / "spinscope" / "keys.json"
