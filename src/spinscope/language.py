"""Which language an article is written in, among those spinscope analyses.

py3langid ranks its ~140 languages with normalised probabilities. Its answer is taken when it names a
supported language. When it names another one, the text is refused only if that language is clearly likelier
than every supported one, so that "Oui", which looks a little Finnish, is still analysed as French, while a
Portuguese article is refused with a message naming Portuguese.
Russian and Ukrainian are then told apart by their own letters (і ї є ґ are only Ukrainian, ы э ъ ё only
Russian), which short texts decide better than character n-grams. The confidence is the probability the model
gives the chosen language among all the languages it knows (for Russian or Ukrainian, the two together, since
letters decide between them).
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from spinscope.errors import LanguageError

if TYPE_CHECKING:
    from py3langid.langid import LanguageIdentifier

    from spinscope.analysis import Language

SUPPORTED_LANGUAGES = ("fr", "en", "de", "it", "pl", "ru", "uk", "es")

# A text is refused when an unsupported language is this many times likelier than every supported one. On a
# few words the model spreads its probability thin, and the odds stay low: the text is then analysed.
_UNSUPPORTED_ODDS = 5.0
_UKRAINIAN_LETTERS = frozenset("іїєґІЇЄҐ")
_RUSSIAN_LETTERS = frozenset("ыэъёЫЭЪЁ")
# Enough text to identify a language; identification of a 20 MB input stays fast.
_SAMPLE_CHARACTERS = 20_000

_LANGUAGE_NAMES = {
    "af": "Afrikaans", "ar": "Arabic", "be": "Belarusian", "bg": "Bulgarian", "ca": "Catalan", "cs": "Czech",
    "da": "Danish", "el": "Greek", "et": "Estonian", "eu": "Basque", "fa": "Persian", "fi": "Finnish",
    "ga": "Irish", "gl": "Galician", "he": "Hebrew", "hi": "Hindi", "hr": "Croatian", "hu": "Hungarian",
    "hy": "Armenian", "id": "Indonesian", "is": "Icelandic", "ja": "Japanese", "ka": "Georgian",
    "kk": "Kazakh", "ko": "Korean", "la": "Latin", "lb": "Luxembourgish", "lt": "Lithuanian", "lv": "Latvian",
    "mk": "Macedonian", "nl": "Dutch", "no": "Norwegian", "pt": "Portuguese", "ro": "Romanian",
    "sk": "Slovak", "sl": "Slovenian", "sq": "Albanian", "sr": "Serbian", "sv": "Swedish", "th": "Thai",
    "tr": "Turkish", "vi": "Vietnamese", "zh": "Chinese",
    "fr": "French", "en": "English", "de": "German", "it": "Italian", "pl": "Polish", "ru": "Russian",
    "uk": "Ukrainian", "es": "Spanish",
}  # fmt: skip


def identify(text: str, override: str | None = None) -> Language:
    """The language of `text`, or the language the user gave (`override`, an ISO 639-1 code such as 'fr')."""
    # Imported here: modules that only need SUPPORTED_LANGUAGES (the command line among them) stay light.
    from spinscope.analysis import Language

    if override is not None:
        return Language(code=_validated(override), confidence=1.0, source="user")
    sample = text[:_SAMPLE_CHARACTERS]
    if not any(char.isalpha() for char in sample):
        raise LanguageError(
            "the text has no letters, so its language cannot be identified; give it with --lang"
        )
    probabilities = dict(_identifier().rank(sample))
    best = max(probabilities, key=probabilities.__getitem__)
    best_supported = max(SUPPORTED_LANGUAGES, key=probabilities.__getitem__)
    if (
        best not in SUPPORTED_LANGUAGES
        and probabilities[best] >= _UNSUPPORTED_ODDS * probabilities[best_supported]
    ):
        raise LanguageError(
            f"the text appears to be {_describe(best)} (probability {probabilities[best]:.2f}), which "
            f"spinscope does not analyse (supported: {', '.join(SUPPORTED_LANGUAGES)}); "
            "use --lang to analyse it as one of them"
        )
    code, confidence = best_supported, probabilities[best_supported]
    if code in ("ru", "uk"):
        code = _russian_or_ukrainian(sample, default=code)
        confidence = probabilities.get("ru", 0.0) + probabilities.get("uk", 0.0)
    return Language(code=code, confidence=min(1.0, max(0.0, confidence)), source="detected")


def _russian_or_ukrainian(text: str, default: str) -> str:
    """Decide by letters only one of the two languages writes, when only one of them appears."""
    has_ukrainian = any(char in _UKRAINIAN_LETTERS for char in text)
    has_russian = any(char in _RUSSIAN_LETTERS for char in text)
    if has_ukrainian and not has_russian:
        return "uk"
    if has_russian and not has_ukrainian:
        return "ru"
    return default


def _validated(code: str) -> str:
    """'fr', 'FR', 'fr-FR' or 'fr_CA' → 'fr'; a LanguageError for anything not supported."""
    normalised = code.strip().replace("_", "-").split("-", 1)[0].lower()
    if normalised not in SUPPORTED_LANGUAGES:
        raise LanguageError(
            f"unknown language {code!r} given with --lang; supported: {', '.join(SUPPORTED_LANGUAGES)}"
        )
    return normalised


def _describe(code: str) -> str:
    """'Portuguese (pt)', or 'in the language coded "xx"' for a code without a name here."""
    return (
        f"{_LANGUAGE_NAMES[code]} ({code})" if code in _LANGUAGE_NAMES else f'in the language coded "{code}"'
    )


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    """The py3langid model, loaded once per process (about a second)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
