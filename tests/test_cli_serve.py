"""`spinscope keys` prints a key once and keeps only its hash; `spinscope serve` refuses to be exposed bare."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from spinscope.cli import app

runner = CliRunner()


def test_keys_create_list_and_revoke(tmp_path: Path) -> None:
    keys_file = tmp_path / "keys.json"
    created = runner.invoke(app, ["keys", "create", "--name", "desk", "--keys-file", str(keys_file)])
    assert created.exit_code == 0, created.output
    key = created.stdout.strip()
    assert key.startswith("ss_") and key not in keys_file.read_text()
    assert "shown only now" in created.stderr
    listed = runner.invoke(app, ["keys", "list", "--keys-file", str(keys_file)])
    assert listed.stdout.startswith("desk\t") and key not in listed.stdout
    duplicate = runner.invoke(app, ["keys", "create", "--name", "desk", "--keys-file", str(keys_file)])
    assert duplicate.exit_code == 1 and "exists already" in duplicate.stderr
    revoked = runner.invoke(app, ["keys", "revoke", "desk", "--keys-file", str(keys_file)])
    assert revoked.exit_code == 0 and json.loads(keys_file.read_text()) == {"keys": []}
    assert runner.invoke(app, ["keys", "revoke", "desk", "--keys-file", str(keys_file)]).exit_code == 1


def test_serve_refuses_a_public_address_without_keys(tmp_path: Path) -> None:
    result = runner.invoke(app, ["serve", "--host", "0.0.0.0", "--keys-file", str(tmp_path / "none.json")])
    assert result.exit_code == 2
    assert "refusing to listen on 0.0.0.0 without API keys" in result.stderr
    assert "Traceback" not in result.output


def test_serve_reports_an_unreadable_keys_file_in_one_line(tmp_path: Path) -> None:
    broken = tmp_path / "keys.json"
    broken.write_text("[1, 2")
    result = runner.invoke(app, ["serve", "--keys-file", str(broken)])
    assert result.exit_code == 1 and "cannot read the keys file" in result.stderr
