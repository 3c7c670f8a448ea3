"""Synthetic news articles for tests and benchmarks, in eight languages, written from banks of our own text.

`generate(CorpusSettings(...))` streams articles; `write_corpus` writes them as JSONL, Parquet or a folder.
The articles read like wire reports, opinion pieces, state media and tabloids, name real actors from the
gazetteer, quote them, and carry some persuasion-technique phrasing; they are not news, and no sentence in
them comes from a real article.
"""

from spinscope.synth.corpus import CorpusSettings, Outlet, SyntheticArticle, generate, outlets
from spinscope.synth.writers import CorpusFormat, write_corpus

__all__ = [
    "CorpusFormat",
    "CorpusSettings",
    "Outlet",
    "SyntheticArticle",
    "generate",
    "outlets",
    "write_corpus",
]
