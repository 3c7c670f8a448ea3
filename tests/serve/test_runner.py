"""What a request may make the server read: text stays text, models are the shipped ones, URLs are guarded."""

from __future__ import annotations

import pytest

from spinscope.errors import InputError, UnsafeURLError
from spinscope.serve.runner import analyse, model_names, only_layers
from spinscope.serve.settings import ServeSettings, is_loopback

SETTINGS = ServeSettings()
TEXT = "Le ministre dénonce un désastre absolu. « Jamais ! », a déclaré Jean Dupont."


def test_a_path_or_an_address_sent_as_text_is_analysed_as_those_characters() -> None:
    for text in ("/etc/passwd", "https://example.org/article"):
        assert analyse("text", text, SETTINGS, lang="en").text == text


def test_only_shipped_models_may_be_named() -> None:
    assert "none" in model_names()
    with pytest.raises(InputError, match="unknown model"):
        analyse("text", TEXT, SETTINGS, model="/home")


def test_urls_go_through_the_guarded_fetcher() -> None:
    with pytest.raises(UnsafeURLError):
        analyse("url", "http://192.168.1.1/", SETTINGS)
    with pytest.raises(InputError, match="http"):
        analyse("url", "ftp://example.org/", SETTINGS)


def test_layers_left_out_are_empty_and_the_rest_untouched() -> None:
    full = analyse("text", TEXT, SETTINGS)
    trimmed = only_layers(full, ["techniques"])
    assert trimmed.techniques == full.techniques
    assert trimmed.quotes == [] and trimmed.entities == [] and trimmed.narratives == []
    assert all(s.techniques == [] for s in trimmed.sentences)
    assert trimmed.text == full.text and trimmed.summary == full.summary


def test_loopback_addresses_are_recognised() -> None:
    assert all(is_loopback(host) for host in ("127.0.0.1", "::1", "localhost", "127.1.2.3"))
    assert not any(is_loopback(host) for host in ("0.0.0.0", "192.168.1.2", "example.org", "::"))
