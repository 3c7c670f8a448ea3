"""Input: turn a URL, a file, standard input, a text or bytes into the text spinscope analyses.

`load` is the one entry point; `text` decodes bytes, `html` extracts articles from web pages, `url` fetches
pages safely and `source` decides which of them a source needs.
"""

from spinscope.ingest.source import LoadedText, load
from spinscope.ingest.text import DEFAULT_MAX_BYTES
from spinscope.ingest.url import FetchPolicy

__all__ = ["DEFAULT_MAX_BYTES", "FetchPolicy", "LoadedText", "load"]
