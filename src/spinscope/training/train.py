"""Train an embedded-backend model package: linear heads over character n-grams, lexicon cues, language and
pooled sentence vectors of a multilingual encoder.

Each label gets a logistic regression (all labels of a head are fitted in one L-BFGS run); the technique head
learns from every paragraph and from each of its sentences whose techniques the spans tell. The decision
thresholds are chosen together to maximise micro-F1 on out-of-fold predictions of the training data itself
(never on evaluation data), across languages: thresholds per language were measured to fit each language's
share of our corpus rather than the news it will read (docs/evaluation.md).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from spinscope import __version__
from spinscope.models.activations import sigmoid
from spinscope.models.card import DataSource, ModelCard
from spinscope.models.embedded import WEIGHTS_FILE
from spinscope.models.encoders import load_encoder
from spinscope.models.features import LANGUAGES, CharNgrams, EncoderFeatures, cue_features
from spinscope.taxonomy import FRAMES, GENRES, TECHNIQUES
from spinscope.training.examples import Example, sentence_examples

Progress = Callable[[str], None]
_THRESHOLDS = np.round(np.arange(0.05, 0.96, 0.025), 3)
_MIN_POSITIVES_PER_LANGUAGE = 15


@dataclass(frozen=True)
class TrainSettings:
    n_min: int = 3
    n_max: int = 5
    buckets: int = 1 << 17
    c: float = 4.0  # inverse regularisation strength
    folds: int = 5  # out-of-fold scores for the thresholds; each fold model sees 80% of the data
    balanced: bool = True
    iterations: int = 150
    encoder: str | None = "usem3"  # a name of spinscope.models.encoders.ENCODERS, or None for none
    encoder_scale: float = 1.0  # weight of the encoder block next to the n-gram block
    sentences: bool = True  # also train the technique head on each paragraph's sentences (sentence_examples)


def _require_scipy():
    try:
        import scipy.optimize  # noqa: F401
        import scipy.sparse  # noqa: F401
        import sklearn.model_selection  # noqa: F401
    except ImportError:
        from spinscope.errors import ModelError

        raise ModelError("training needs scipy and scikit-learn: pip install 'spinscope[train]'") from None


def featurize(examples: Sequence[Example], ngrams: CharNgrams, encoded: np.ndarray | None = None):
    """The sparse design matrix: n-gram columns, then lexicon cues, the language one-hot and the examples'
    encoder features (`encoded`, one row per example) when given."""
    import scipy.sparse as sparse

    rows, columns, values = [], [], []
    for row, example in enumerate(examples):
        cols, vals = ngrams.vector(example.text)
        rows.append(np.full(len(cols), row))
        columns.append(cols)
        values.append(vals)
    ngram_part = sparse.csr_matrix(
        (np.concatenate(values), (np.concatenate(rows), np.concatenate(columns))),
        shape=(len(examples), ngrams.buckets),
        dtype=np.float32,
    )
    dense = np.zeros((len(examples), len(TECHNIQUES) + len(LANGUAGES)), dtype=np.float32)
    by_language: dict[str, list[int]] = {}
    for index, example in enumerate(examples):
        by_language.setdefault(example.language, []).append(index)
    for language, indexes in by_language.items():
        dense[indexes] = cue_features([examples[i].text for i in indexes], language)
    if encoded is not None:
        dense = np.hstack([dense, encoded])
    return sparse.hstack([ngram_part, sparse.csr_matrix(dense)], format="csr")


def fit_heads(x, y: np.ndarray, settings: TrainSettings) -> tuple[np.ndarray, np.ndarray]:
    """Weights (features × labels) and biases of one logistic regression per label, fitted together.

    One L-BFGS run minimises the summed binary cross-entropy (positives up-weighted to balance each label
    when `balanced`) plus an L2 penalty of 1 / (2C): the same model as one-vs-rest logistic regression, in a
    fraction of the time because every label shares each pass over the sparse matrix.
    """
    from scipy.optimize import minimize

    n, d = x.shape
    labels = y.shape[1]
    yf = y.astype(np.float64)
    positives = yf.sum(axis=0)
    if settings.balanced:
        pos_weight = np.where(positives > 0, (n - positives) / np.maximum(positives, 1), 1.0)
    else:
        pos_weight = np.ones(labels)
    xt = x.T.tocsr()

    def loss_and_gradient(flat: np.ndarray) -> tuple[float, np.ndarray]:
        weights = flat[: d * labels].reshape(d, labels)
        bias = flat[d * labels :]
        z = x @ weights + bias
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
        sample_weight = np.where(yf > 0, pos_weight, 1.0)
        loss = -(sample_weight * (yf * np.log(p + 1e-12) + (1 - yf) * np.log(1 - p + 1e-12))).sum()
        loss += 0.5 / settings.c * float((weights * weights).sum())
        residual = sample_weight * (p - yf)
        gradient_w = xt @ residual + weights / settings.c
        return loss / n, np.concatenate([gradient_w.ravel(), residual.sum(axis=0)]) / n

    start = np.zeros(d * labels + labels)
    result = minimize(
        loss_and_gradient, start, jac=True, method="L-BFGS-B", options={"maxiter": settings.iterations}
    )
    weights = result.x[: d * labels].reshape(d, labels).astype(np.float32)
    bias = result.x[d * labels :].astype(np.float32)
    return weights, bias


def _targets(examples: Sequence[Example], head: str, labels: Sequence[str]) -> np.ndarray:
    y = np.zeros((len(examples), len(labels)), dtype=np.int8)
    for row, example in enumerate(examples):
        present = {"techniques": example.techniques, "genre": {example.genre}, "frames": set(example.frames)}[
            head
        ]
        for column, label in enumerate(labels):
            y[row, column] = label in present
    return y


def _out_of_fold(x, y: np.ndarray, groups: Sequence[str], settings: TrainSettings, progress: Progress | None):
    """Probabilities for every example from models that did not see its group."""
    from sklearn.model_selection import GroupKFold

    scores = np.zeros(y.shape, dtype=np.float32)
    for fold, (train, test) in enumerate(GroupKFold(n_splits=settings.folds).split(x, groups=groups)):
        weights, bias = fit_heads(x[train], y[train], settings)
        scores[test] = sigmoid(x[test] @ weights + bias)
        if progress:
            progress(f"fold {fold + 1}/{settings.folds}")
    return scores


def _best_threshold(y: np.ndarray, scores: np.ndarray) -> float:
    """The threshold with the best F1; among equals the one nearest 0.5, so that a label the data cannot
    calibrate (no positives, or scores that do not separate) keeps a neutral threshold."""
    best, best_key = 0.5, (-1.0, 0.0)
    for threshold in _THRESHOLDS:
        predicted = scores >= threshold
        tp = int((predicted & (y == 1)).sum())
        f1 = 2 * tp / (predicted.sum() + y.sum()) if predicted.sum() + y.sum() else 0.0
        key = (round(f1, 6), -abs(float(threshold) - 0.5))
        if key > best_key:
            best, best_key = float(threshold), key
    return best


def choose_thresholds(
    y: np.ndarray, scores: np.ndarray, languages: Sequence[str], labels: Sequence[str]
) -> dict[str, dict[str, float]]:
    """language ("*" for all) → label → threshold maximising out-of-fold F1."""
    thresholds: dict[str, dict[str, float]] = {"*": {}}
    language_array = np.array(languages)
    for column, label in enumerate(labels):
        thresholds["*"][label] = _best_threshold(y[:, column], scores[:, column])
        for language in sorted(set(languages)):
            mask = language_array == language
            if y[mask, column].sum() >= _MIN_POSITIVES_PER_LANGUAGE:
                thresholds.setdefault(language, {})[label] = _best_threshold(
                    y[mask, column], scores[mask, column]
                )
    return thresholds


def micro_thresholds(
    y: np.ndarray, scores: np.ndarray, labels: Sequence[str], passes: int = 3
) -> dict[str, float]:
    """label → threshold, chosen together to maximise micro-F1 over all labels on out-of-fold scores.

    Micro-F1 is what the benchmarks report and what a reader of a report feels: every wrong or missed label
    counts the same. Thresholds that each maximise their own label's F1 over-predict rare labels, whose F1
    gains from recall that the whole pays for in precision. Coordinate ascent, starting from those per-label
    thresholds: each label in turn takes the threshold that most raises micro-F1 with the others held.
    """
    chosen = np.array([_best_threshold(y[:, j], scores[:, j]) for j in range(y.shape[1])])
    gold = y == 1
    gold_total = int(gold.sum())
    for _ in range(passes):
        for j in range(y.shape[1]):
            predicted = scores >= chosen
            tp_rest = int((predicted & gold).sum() - (predicted[:, j] & gold[:, j]).sum())
            count_rest = int(predicted.sum() - predicted[:, j].sum())
            best, best_key = chosen[j], (-1.0, 0.0)
            for threshold in _THRESHOLDS:
                column = scores[:, j] >= threshold
                tp = tp_rest + int((column & gold[:, j]).sum())
                total = count_rest + int(column.sum()) + gold_total
                key = (round(2 * tp / total if total else 0.0, 9), -abs(float(threshold) - chosen[j]))
                if key > best_key:
                    best, best_key = float(threshold), key
            chosen[j] = best
    return {label: float(t) for label, t in zip(labels, chosen, strict=True)}


def train(
    examples: Sequence[Example],
    out: Path,
    *,
    name: str,
    description: str,
    training_data: Sequence[DataSource],
    settings: TrainSettings = TrainSettings(),
    progress: Progress | None = None,
) -> ModelCard:
    """Train all heads on `examples` and write a model package to `out`."""
    _require_scipy()
    import scipy.sparse

    if not examples:
        raise ValueError("no training examples")
    ngrams = CharNgrams(settings.n_min, settings.n_max, settings.buckets)
    # An example without a group is its own group; its sentences then share it, so no fold splits them.
    examples = [e if e.group else replace(e, group=str(i)) for i, e in enumerate(examples)]
    sentences = sentence_examples(examples) if settings.sentences else []
    weights: dict[str, np.ndarray] = {}
    encoded = encoded_sentences = None
    if settings.encoder:
        encoder_features, encoded = EncoderFeatures.fit(
            load_encoder(settings.encoder), [e.text for e in examples], settings.encoder_scale
        )
        encoded_sentences = encoder_features([e.text for e in sentences]) if sentences else None
        weights["encoder_mean"], weights["encoder_std"] = encoder_features.mean, encoder_features.std
        if progress:
            progress(f"{settings.encoder} sentence vectors")
    x = featurize(examples, ngrams, encoded)
    if progress:
        progress("features")
    languages = [e.language for e in examples]
    thresholds: dict[str, dict[str, dict[str, float]]] = {}
    heads = {"techniques": list(TECHNIQUES), "genre": list(GENRES), "frames": list(FRAMES)}
    for head, labels in heads.items():
        units, x_head = examples, x
        if head == "techniques" and sentences:  # genre and frames belong to whole paragraphs
            units = [*examples, *sentences]
            x_head = scipy.sparse.vstack([x, featurize(sentences, ngrams, encoded_sentences)], format="csr")
        y = _targets(units, head, labels)
        matrix, bias = fit_heads(x_head, y, settings)
        weights[f"{head}_ngrams"] = matrix[: settings.buckets].astype(np.float16)
        weights[f"{head}_dense"] = matrix[settings.buckets :]
        weights[f"{head}_bias"] = bias
        if progress:
            progress(f"{head} head")
        if head != "genre":
            scores = _out_of_fold(x_head, y, [e.group for e in units], settings, progress)
            thresholds[head] = {"*": micro_thresholds(y, scores, labels)}
    out.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out / WEIGHTS_FILE, **weights)
    card = ModelCard(
        name=name,
        version="1",
        description=description,
        backend="embedded",
        languages=sorted(set(languages)),
        techniques=list(TECHNIQUES),
        genres=list(GENRES),
        frames=list(FRAMES),
        thresholds=thresholds,
        settings={
            "char_ngrams": {"n_min": settings.n_min, "n_max": settings.n_max, "buckets": settings.buckets},
            **(
                {"encoder": {"name": settings.encoder, "scale": settings.encoder_scale}}
                if settings.encoder
                else {}
            ),
            "training": {
                "c": settings.c,
                "folds": settings.folds,
                "balanced": settings.balanced,
                "examples": len(examples),
                "sentence_examples": len(sentences),
                "spinscope": __version__,
            },
        },
        training_data=list(training_data),
        created=datetime.date.today().isoformat(),
    )
    card.save(out)
    return card
