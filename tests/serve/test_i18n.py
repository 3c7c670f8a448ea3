"""Pages speak French or English: the switch, then the cookie, then Accept-Language, then English."""

from __future__ import annotations

import string

from spinscope.serve.i18n import STRINGS, choose


def test_every_string_exists_in_both_languages_with_the_same_placeholders() -> None:
    assert STRINGS["fr"].keys() == STRINGS["en"].keys()
    for key, english in STRINGS["en"].items():
        fields = {f for _, f, _, _ in string.Formatter().parse(english) if f}
        assert fields == {f for _, f, _, _ in string.Formatter().parse(STRINGS["fr"][key]) if f}, key


def test_the_switch_wins_over_the_cookie_and_the_browser() -> None:
    assert choose("fr", "en", "en-GB") == "fr"
    assert choose(None, "fr", "en-GB") == "fr"
    assert choose("de", None, "de-DE, fr;q=0.8, en;q=0.5") == "fr"


def test_accept_language_weights_are_honoured() -> None:
    assert choose(None, None, "en;q=0.4, fr-CA;q=0.9") == "fr"
    assert choose(None, None, "fr;q=0, en") == "en"
    assert choose(None, None, "fr;q=abc, en;q=0.2") == "en"
    assert choose(None, None, None) == "en"
