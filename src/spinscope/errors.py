"""The exceptions spinscope raises on purpose.

Every one of them carries a message meant for a person: the CLI prints `str(error)` on one line and exits
with `error.exit_code`, never a traceback. Catch `SpinscopeError` to catch them all.
"""


class SpinscopeError(Exception):
    """Base of every error spinscope reports to its user."""

    exit_code = 1


class InputError(SpinscopeError):
    """The input cannot be analysed as it is."""

    exit_code = 2


class EmptyInputError(InputError):
    """The input holds no text (or only white space)."""


class BinaryInputError(InputError):
    """The input is binary data (an image, an archive, an executable), not text."""


class InputTooLargeError(InputError):
    """The input is larger than the configured cap."""


class DecodingError(InputError):
    """The bytes are not valid text in any encoding spinscope recognises."""


class NoTextError(InputError):
    """An HTML page in which no article text could be found."""


class FetchError(SpinscopeError):
    """A URL could not be fetched."""

    exit_code = 3


class UnsafeURLError(FetchError):
    """The URL is not http(s), or points at a loopback, private, link-local or metadata address."""


class FetchTimeoutError(FetchError):
    """The server did not answer in time."""


class TooManyRedirectsError(FetchError):
    """The server redirected more times than allowed."""


class UnsupportedContentTypeError(FetchError):
    """The server answered with something that is neither HTML nor text."""


class LanguageError(SpinscopeError):
    """The language of the text is not one spinscope analyses."""

    exit_code = 4


class ModelError(SpinscopeError):
    """A model package is missing, malformed or incompatible."""

    exit_code = 5


class StoreError(SpinscopeError):
    """A batch store cannot be opened, read or written: missing, in use by another process, not a spinscope
    store, written by another store version, or an export that cannot be written."""

    exit_code = 6
