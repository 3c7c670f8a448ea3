"""The transformers backend: a fine-tuned Hugging Face encoder (XLM-RoBERTa or any other) as a model package.

The package directory holds `model.json` beside a checkpoint written by `save_pretrained` (config, weights,
tokenizer). The checkpoint is one standard sequence-classification model whose outputs are the card's
techniques, then its frames, then its genres (`config.id2label` names them "techniques:…", "frames:…",
"genre:…"), so anyone can also load it with `AutoModelForSequenceClassification` alone. Techniques and frames
are independent sigmoids; the genre outputs are one softmax.

A text longer than the encoder's window is read in overlapping windows: a technique scores its best window
(it is there if any part carries it), an article's frames and genre the mean of its windows (they describe
the whole). Salient words come from gradient × input on the embeddings: one backward pass, no attention maps.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from spinscope.errors import ModelError
from spinscope.models.activations import sigmoid, softmax
from spinscope.models.card import ModelCard
from spinscope.models.salience import best_run, word_spans

INSTALL_HINT = "the transformers backend needs torch and transformers: pip install 'spinscope[transformers]'"
HEADS = ("techniques", "frames", "genre")
_BATCH_SIZE = 16


def require_torch():
    """(torch, transformers), or a ModelError that says how to install them."""
    try:
        import torch
        import transformers
    except ImportError:
        raise ModelError(INSTALL_HINT) from None
    return torch, transformers


@contextmanager
def quiet(transformers) -> Iterator[None]:
    """Silence transformers' loading bars and notices (a fresh head being initialised is expected)."""
    verbosity, bars = transformers.logging.get_verbosity(), transformers.logging.is_progress_bar_enabled()
    transformers.logging.set_verbosity_error()
    transformers.logging.disable_progress_bar()
    try:
        yield
    finally:
        transformers.logging.set_verbosity(verbosity)
        if bars:
            transformers.logging.enable_progress_bar()


def output_labels(techniques: Sequence[str], frames: Sequence[str], genres: Sequence[str]) -> list[str]:
    """The checkpoint's output names, in the order of its logits."""
    return (
        [f"techniques:{label}" for label in techniques]
        + [f"frames:{label}" for label in frames]
        + [f"genre:{label}" for label in genres]
    )


def window_problem(tokenizer, max_length: int, stride: int) -> str | None:
    """Why windows of `max_length` tokens overlapping by `stride` cannot cover a text, or None."""
    room = max_length - tokenizer.num_special_tokens_to_add()
    if room < 2 or not 0 <= stride <= room // 2:
        return f"stride {stride} must be between 0 and half of max_length {max_length} (less special tokens)"
    return None


def pick_device(torch, requested: str | None = None) -> str:
    """The requested device, else the first GPU, else the CPU."""
    if requested:
        return requested
    if torch.cuda.is_available():
        return "cuda"
    if getattr(torch.backends, "mps", None) and torch.backends.mps.is_available():
        return "mps"
    return "cpu"


class TransformersModel:
    """A model package of the transformers backend, loaded from its directory."""

    def __init__(self, directory: Path, card: ModelCard, device: str | None = None):
        torch, transformers = require_torch()
        self.card = card
        self._torch = torch
        self.device = pick_device(torch, device)
        self.max_length = int(card.settings.get("max_length", 256))
        self.stride = int(card.settings.get("stride", 32))
        try:
            with quiet(transformers):
                self.tokenizer = transformers.AutoTokenizer.from_pretrained(directory, local_files_only=True)
                self.model = transformers.AutoModelForSequenceClassification.from_pretrained(
                    directory, local_files_only=True
                )
        except (OSError, ValueError, KeyError) as error:
            first = str(error).splitlines()[0] if str(error) else type(error).__name__
            raise ModelError(f"{directory}: cannot load the transformers checkpoint: {first}") from None
        if not self.tokenizer.is_fast:
            raise ModelError(
                f"{directory}: the tokenizer has no fast (Rust) version, which windows and spans need"
            )
        problem = window_problem(self.tokenizer, self.max_length, self.stride)
        if problem:
            raise ModelError(f"{directory}: {problem}")
        expected = output_labels(card.techniques, card.frames, card.genres)
        found = [self.model.config.id2label[i] for i in range(self.model.config.num_labels)]
        if found != expected:
            raise ModelError(
                f"{directory}: the checkpoint's {len(found)} outputs do not match the card's "
                f"{len(expected)} techniques, frames and genres"
            )
        self.model.to(self.device).eval()
        self._slices = {}
        start = 0
        for head, labels in zip(HEADS, (card.techniques, card.frames, card.genres), strict=True):
            self._slices[head] = slice(start, start + len(labels))
            start += len(labels)

    def _windows(self, texts: Sequence[str], **options):
        """Token windows of at most max_length covering every text, with the text each window comes from
        (`overflow_to_sample_mapping`)."""
        return self.tokenizer(
            list(texts),
            truncation=True,
            max_length=self.max_length,
            stride=self.stride,
            return_overflowing_tokens=True,
            **options,
        )

    def _window_logits(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """(logits of every window, index of the text each window belongs to), padded batch by batch."""
        torch = self._torch
        encoded = self._windows(texts)
        owners = np.array(encoded["overflow_to_sample_mapping"])
        keys = [key for key in ("input_ids", "token_type_ids", "attention_mask") if key in encoded]
        logits = []
        with torch.inference_mode():
            for first in range(0, len(owners), _BATCH_SIZE):
                windows = [
                    {key: encoded[key][i] for key in keys}
                    for i in range(first, min(first + _BATCH_SIZE, len(owners)))
                ]
                batch = self.tokenizer.pad(windows, return_tensors="pt").to(self.device)
                logits.append(self.model(**batch).logits.float().cpu().numpy())
        return np.concatenate(logits), owners

    def head_scores(self, texts: Sequence[str], head: str) -> np.ndarray:
        """(len(texts), labels of `head`) probabilities: a technique's best window, the mean of the windows
        for frames and genre."""
        labels = self._slices[head].stop - self._slices[head].start
        if not texts:
            return np.zeros((0, labels), dtype=np.float32)
        logits, owners = self._window_logits(texts)
        part = logits[:, self._slices[head]]
        probabilities = softmax(part) if head == "genre" else sigmoid(part)
        scores = np.zeros((len(texts), labels), dtype=np.float32)
        if head == "techniques":
            np.maximum.at(scores, owners, probabilities)
        else:
            np.add.at(scores, owners, probabilities)
            scores /= np.bincount(owners, minlength=len(texts))[:, None]
        return scores

    def technique_scores(self, texts: Sequence[str], language: str) -> np.ndarray:
        return self.head_scores(texts, "techniques")

    def genre_scores(self, text: str, language: str) -> dict[str, float]:
        if not self.card.genres:
            return {}
        scores = self.head_scores([text], "genre")[0]
        return {genre: float(score) for genre, score in zip(self.card.genres, scores, strict=True)}

    def frame_scores(self, text: str, language: str) -> dict[str, float]:
        if not self.card.frames:
            return {}
        scores = self.head_scores([text], "frames")[0]
        return {frame: float(score) for frame, score in zip(self.card.frames, scores, strict=True)}

    def salient_spans(self, text: str, technique: str, language: str) -> list[tuple[int, int, float]]:
        """The run of up to eight consecutive words whose gradient × input most raises `technique`'s logit."""
        words = word_spans(text)
        if not words:
            return []
        token_scores = self._token_attributions(text, self.card.techniques.index(technique))
        word_scores = np.zeros(len(words), dtype=np.float32)
        word_starts = np.array([start for start, _ in words])
        for (start, end), score in token_scores:
            word = int(np.searchsorted(word_starts, start, side="right")) - 1
            if word >= 0 and start < words[word][1] and end > words[word][0]:
                word_scores[word] += score
        best = best_run(word_scores)
        if best is None:
            return []
        first, last, score = best
        return [(words[first][0], words[last][1], score)]

    def _token_attributions(self, text: str, column: int) -> list[tuple[tuple[int, int], float]]:
        """((start, end) of each token in `text`, gradient × input of `column`'s logit), averaged over the
        windows a token appears in."""
        torch = self._torch
        encoded = self._windows([text], return_offsets_mapping=True, padding=True, return_tensors="pt")
        offsets = encoded["offset_mapping"].tolist()
        embeddings = self.model.get_input_embeddings()(encoded["input_ids"].to(self.device)).detach()
        embeddings.requires_grad_(True)
        inputs = {
            k: v.to(self.device)
            for k, v in encoded.items()
            if k not in ("input_ids", "overflow_to_sample_mapping", "offset_mapping")
        }
        logits = self.model(inputs_embeds=embeddings, **inputs).logits
        (gradient,) = torch.autograd.grad(logits[:, column].sum(), embeddings)
        attributions = (gradient * embeddings).sum(dim=-1).detach().float().cpu().numpy()
        mask = encoded["attention_mask"].numpy()
        totals: dict[tuple[int, int], list[float]] = {}
        for window, window_offsets in enumerate(offsets):
            for position, (start, end) in enumerate(window_offsets):
                if end > start and mask[window, position]:
                    totals.setdefault((start, end), []).append(float(attributions[window, position]))
        return [(span, sum(values) / len(values)) for span, values in totals.items()]
