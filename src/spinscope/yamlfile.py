"""Reading the project's YAML data files quickly (libyaml's C parser when present) and safely."""

from __future__ import annotations

import yaml

_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _WordLoader(_SafeLoader):  # type: ignore[misc,valid-type]
    """For word lists: "on", "no", "y" stay words (YAML 1.1 would read them as booleans)."""


_WordLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

Error = yaml.YAMLError


def load(text: str) -> object:
    """A YAML document with the safe loader."""
    return yaml.load(text, Loader=_SafeLoader)  # noqa: S506 - a safe loader


def load_words(text: str) -> object:
    """A YAML document of words, where no bare word turns into a boolean."""
    return yaml.load(text, Loader=_WordLoader)  # noqa: S506 - a safe loader
