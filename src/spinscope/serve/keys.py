"""API keys: created once, shown once, stored only as salted hashes in a small JSON file.

A key reads `ss_<id>_<secret>`. The id finds the record without scanning every hash; the secret is 32 random
bytes, so a salted SHA-256 is enough (a slow hash such as scrypt protects guessable passwords, and costs tens
of milliseconds a request). Comparison is constant-time. The file is written atomically with mode 0600.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import secrets
import tempfile
import threading
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from spinscope.errors import SpinscopeError

_KEY = re.compile(r"\Ass_(?P<id>[A-Za-z0-9]{12})_(?P<secret>[A-Za-z0-9_-]{43})\Z")
_NAME = re.compile(r"\A[\w .@:-]{1,64}\Z")


class KeyFileError(SpinscopeError):
    """The keys file cannot be read or written."""


def default_keys_file() -> Path:
    """$XDG_CONFIG_HOME/spinscope/keys.json, or ~/.config/spinscope/keys.json."""
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "spinscope" / "keys.json"


@dataclass(frozen=True)
class KeyRecord:
    """What is kept of a key: never the key itself."""

    id: str
    name: str
    salt: str
    hash: str
    created: str


def _digest(salt: str, secret: str) -> str:
    return hashlib.sha256(bytes.fromhex(salt) + secret.encode("ascii")).hexdigest()


class KeyStore:
    """The keys file: create, revoke, list and verify keys. Safe to share between request threads."""

    def __init__(self, path: Path):
        self.path = path
        self._lock = threading.Lock()
        self._stamp = self._file_stamp()
        self._records = self._read()

    def _file_stamp(self) -> tuple[int, int] | None:
        try:
            status = self.path.stat()
        except OSError:
            return None
        return status.st_mtime_ns, status.st_size

    def _refresh(self) -> None:
        """Re-read the file when `spinscope keys` changed it, so that a revoked key stops at once."""
        stamp = self._file_stamp()
        if stamp != self._stamp:
            with self._lock:
                self._records = self._read()
                self._stamp = stamp

    def _read(self) -> dict[str, KeyRecord]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as error:
            raise KeyFileError(f"{self.path}: cannot read the keys file ({error})") from None
        try:
            return {entry["id"]: KeyRecord(**entry) for entry in data["keys"]}
        except (KeyError, TypeError) as error:
            raise KeyFileError(f"{self.path}: not a spinscope keys file ({error})") from None

    def _write(self) -> None:
        payload = json.dumps({"keys": [asdict(r) for r in self._records.values()]}, indent=2)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".keys-")
            with os.fdopen(handle, "w", encoding="utf-8") as file:
                file.write(payload)
            os.chmod(temporary, 0o600)
            os.replace(temporary, self.path)
            self._stamp = self._file_stamp()
        except OSError as error:
            raise KeyFileError(f"{self.path}: cannot write the keys file ({error.strerror})") from None

    def __len__(self) -> int:
        self._refresh()
        return len(self._records)

    def records(self) -> list[KeyRecord]:
        return sorted(self._records.values(), key=lambda r: (r.created, r.name))

    def create(self, name: str) -> tuple[KeyRecord, str]:
        """A new key named `name`: its record and the key itself, which is never stored."""
        if not _NAME.match(name):
            raise KeyFileError("a key name is 1 to 64 letters, digits, spaces or . @ : _ -")
        with self._lock:
            if any(r.name == name for r in self._records.values()):
                raise KeyFileError(f"a key named {name!r} exists already; revoke it first")
            key_id = secrets.token_hex(6)
            secret = secrets.token_urlsafe(32)
            salt = secrets.token_hex(16)
            record = KeyRecord(
                id=key_id,
                name=name,
                salt=salt,
                hash=_digest(salt, secret),
                created=datetime.now(UTC).isoformat(timespec="seconds"),
            )
            self._records[key_id] = record
            self._write()
        return record, f"ss_{key_id}_{secret}"

    def revoke(self, name_or_id: str) -> KeyRecord:
        with self._lock:
            record = next((r for r in self._records.values() if name_or_id in (r.name, r.id)), None)
            if record is None:
                raise KeyFileError(f"no key named {name_or_id!r}")
            del self._records[record.id]
            self._write()
        return record

    def verify(self, key: str) -> KeyRecord | None:
        """The record of a valid key, None for anything else."""
        match = _KEY.match(key)
        if match is None:
            return None
        self._refresh()
        record = self._records.get(match["id"])
        if record is None:
            return None
        return record if hmac.compare_digest(record.hash, _digest(record.salt, match["secret"])) else None
