"""The authored role examples (corpus/roles/<lang>.jsonl): reading, checking, and scoring the casting on them.

Run as `python -m spinscope.roles.corpus FILE…` to check files: one line per problem, exit status 1 if any.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

from spinscope.errors import InputError
from spinscope.roles.cues import MAIN_OF, MAIN_ROLES

_FIELDS = {"text", "entity", "start", "end", "main", "fine"}


@dataclass(frozen=True)
class Example:
    text: str
    entity: str
    start: int
    end: int
    main: str
    fine: tuple[str, ...]


def problems(record: object) -> list[str]:
    """What is wrong with one decoded line (empty when nothing is)."""
    if not isinstance(record, dict):
        return ["not a JSON object"]
    found = []
    if set(record) != _FIELDS:
        return [f"fields must be exactly {', '.join(sorted(_FIELDS))}"]
    text, start, end = record["text"], record["start"], record["end"]
    if not (isinstance(text, str) and isinstance(start, int) and isinstance(end, int) and 0 <= start < end):
        return ["text must be a string and 0 <= start < end integers"]
    if text[start:end] != record["entity"]:
        found.append(f"text[{start}:{end}] is {text[start:end]!r}, not the entity {record['entity']!r}")
    if record["main"] not in MAIN_ROLES:
        found.append(f"unknown main role {record['main']!r}")
    fine = record["fine"]
    if (
        not isinstance(fine, list)
        or not fine
        or any(MAIN_OF.get(f) != record["main"] or f in MAIN_ROLES for f in fine)
    ):
        found.append(f"fine roles {fine!r} must be one or more fine roles of {record['main']!r}")
    return found


def read_examples(path: Path) -> list[Example]:
    """The examples of one file; InputError naming the first bad line."""
    examples = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise InputError(f"{path}:{number}: not JSON: {error.msg}") from None
        wrong = problems(record)
        if wrong:
            raise InputError(f"{path}:{number}: {wrong[0]}")
        examples.append(
            Example(
                record["text"],
                record["entity"],
                record["start"],
                record["end"],
                record["main"],
                tuple(record["fine"]),
            )
        )
    return examples


def main(paths: list[str]) -> int:
    failed = 0
    for name in paths:
        try:
            count = len(read_examples(Path(name)))
        except (InputError, OSError) as error:
            print(error, file=sys.stderr)
            failed += 1
        else:
            print(f"{name}: {count} examples, all well-formed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
