"""Fine-tune a local Hugging Face checkpoint (XLM-RoBERTa or any encoder) into a transformers-backend package.

One sequence-classification model learns every head at once: techniques and frames as independent sigmoids
(binary cross-entropy), genre as one softmax (cross-entropy, only on examples that have a genre). A head is
learnt only when the training data carries its labels: data without frames gives a model without frames.

A share of the training groups (articles) is held out before training; the model never sees them, and each
label's threshold is the one that maximises F1 on them. The package holds that model, so its thresholds
were chosen on predictions it made on unseen text, as the embedded backend's are on out-of-fold predictions.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from spinscope import __version__
from spinscope.errors import ModelError
from spinscope.models.card import DataSource, ModelCard
from spinscope.models.transformers_backend import (
    TransformersModel,
    output_labels,
    pick_device,
    quiet,
    require_torch,
    window_problem,
)
from spinscope.taxonomy import FRAMES, GENRES, TECHNIQUES
from spinscope.training.examples import Example
from spinscope.training.train import Progress, choose_thresholds


@dataclass(frozen=True)
class FinetuneSettings:
    epochs: int = 3
    batch_size: int = 16
    learning_rate: float = 3e-5
    max_length: int = 256  # tokens per window; longer training texts are cut, longer inputs read in windows
    stride: int = 32  # tokens shared by consecutive windows at prediction time
    validation: float = 0.15  # share of groups held out to choose thresholds
    warmup: float = 0.1  # share of steps with a rising learning rate
    weight_decay: float = 0.01
    seed: int = 13
    device: str | None = None  # "cuda", "cpu", "mps" …; None: the first GPU, else the CPU


def split_groups(groups: Sequence[str], share: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """(training indexes, held-out indexes): about `share` of the distinct groups, drawn with `seed`, held out
    whole so that no article has paragraphs on both sides."""
    distinct = sorted(set(groups))
    if len(distinct) < 2:
        raise ValueError("fine-tuning needs examples from at least two groups (articles) to hold one out")
    held_count = min(len(distinct) - 1, max(1, round(share * len(distinct))))
    held = set(np.random.default_rng(seed).permutation(distinct)[:held_count].tolist())
    is_held = np.array([group in held for group in groups])
    return np.flatnonzero(~is_held), np.flatnonzero(is_held)


def _targets(
    examples: Sequence[Example], techniques: Sequence[str], frames: Sequence[str], genres: Sequence[str]
) -> tuple[np.ndarray, np.ndarray]:
    """(techniques+frames 0/1 matrix, genre index per example or -1 when it has none)."""
    multi_label = np.zeros((len(examples), len(techniques) + len(frames)), dtype=np.float32)
    genre = np.full(len(examples), -1, dtype=np.int64)
    for row, example in enumerate(examples):
        for column, label in enumerate(techniques):
            multi_label[row, column] = label in example.techniques
        for column, label in enumerate(frames):
            multi_label[row, len(techniques) + column] = label in example.frames
        if example.genre in genres:
            genre[row] = genres.index(example.genre)
    return multi_label, genre


def _load_base(base: Path, labels: list[str]):
    torch, transformers = require_torch()
    if not (base / "config.json").is_file():
        raise ModelError(f"{base}: not a local Hugging Face checkpoint (no config.json)")
    try:
        with quiet(transformers):
            tokenizer = transformers.AutoTokenizer.from_pretrained(base, local_files_only=True)
            model = transformers.AutoModelForSequenceClassification.from_pretrained(
                base,
                local_files_only=True,
                num_labels=len(labels),
                id2label=dict(enumerate(labels)),
                label2id={label: i for i, label in enumerate(labels)},
                problem_type="multi_label_classification",
                ignore_mismatched_sizes=True,
            )
    except (OSError, ValueError, KeyError) as error:
        first = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise ModelError(f"{base}: cannot load the checkpoint: {first}") from None
    if not tokenizer.is_fast:
        raise ModelError(f"{base}: the tokenizer has no fast version, which the transformers backend needs")
    return tokenizer, model


def _fit(model, tokenizer, texts, multi_label, genre, settings: FinetuneSettings, device, progress) -> None:
    """AdamW with linear warm-up and decay over shuffled batches."""
    torch, transformers = require_torch()
    torch.manual_seed(settings.seed)
    rng = np.random.default_rng(settings.seed)
    steps_per_epoch = math.ceil(len(texts) / settings.batch_size)
    total_steps = steps_per_epoch * settings.epochs
    decay = [p for n, p in model.named_parameters() if p.ndim > 1 and "LayerNorm" not in n]
    no_decay = [p for n, p in model.named_parameters() if not (p.ndim > 1 and "LayerNorm" not in n)]
    optimizer = torch.optim.AdamW(
        [{"params": decay, "weight_decay": settings.weight_decay}, {"params": no_decay, "weight_decay": 0.0}],
        lr=settings.learning_rate,
    )
    scheduler = transformers.get_linear_schedule_with_warmup(
        optimizer, round(settings.warmup * total_steps), total_steps
    )
    bf16 = device == "cuda" and torch.cuda.is_bf16_supported()
    binary_loss = torch.nn.BCEWithLogitsLoss()
    genre_loss = torch.nn.CrossEntropyLoss(ignore_index=-1)
    width = multi_label.shape[1]
    model.to(device).train()
    for epoch in range(settings.epochs):
        order = rng.permutation(len(texts))
        losses = []
        for first in range(0, len(order), settings.batch_size):
            rows = order[first : first + settings.batch_size]
            batch = tokenizer(
                [texts[i] for i in rows],
                truncation=True,
                max_length=settings.max_length,
                padding=True,
                return_tensors="pt",
            ).to(device)
            with torch.autocast(device_type="cuda", dtype=torch.bfloat16, enabled=bf16):
                logits = model(**batch).logits.float()
            loss = binary_loss(logits[:, :width], torch.from_numpy(multi_label[rows]).to(device))
            genre_rows = torch.from_numpy(genre[rows]).to(device)
            if logits.shape[1] > width and bool((genre_rows >= 0).any()):
                loss = loss + genre_loss(logits[:, width:], genre_rows)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad()
            losses.append(float(loss.detach()))
        if progress:
            progress(f"epoch {epoch + 1}/{settings.epochs}: loss {np.mean(losses):.4f}")
    model.eval()


def _thresholds(
    model: TransformersModel, examples: Sequence[Example], multi_label: np.ndarray
) -> dict[str, dict[str, dict[str, float]]]:
    """task → language → label → threshold, chosen on the held-out examples. A label with no held-out
    positive gets none (the card's default applies) rather than a threshold fitted to nothing."""
    texts = [e.text for e in examples]
    languages = [e.language for e in examples]
    thresholds = {}
    offset = 0
    for head, labels in (("techniques", model.card.techniques), ("frames", model.card.frames)):
        if not labels:
            continue
        y = multi_label[:, offset : offset + len(labels)].astype(np.int8)
        offset += len(labels)
        chosen = choose_thresholds(y, model.head_scores(texts, head), languages, labels)
        seen = {label for column, label in enumerate(labels) if y[:, column].any()}
        chosen["*"] = {label: value for label, value in chosen["*"].items() if label in seen}
        thresholds[head] = chosen
    return thresholds


def finetune(
    examples: Sequence[Example],
    out: Path,
    *,
    base: Path,
    name: str,
    description: str,
    training_data: Sequence[DataSource],
    settings: FinetuneSettings = FinetuneSettings(),
    progress: Progress | None = None,
) -> ModelCard:
    """Fine-tune the checkpoint at `base` on `examples` and write a transformers-backend package to `out`."""
    torch, transformers = require_torch()
    if not examples:
        raise ValueError("no training examples")
    base = Path(base)
    techniques = list(TECHNIQUES)
    frames = list(FRAMES) if any(e.frames for e in examples) else []
    genres = list(GENRES) if any(e.genre for e in examples) else []
    groups = [e.group or str(i) for i, e in enumerate(examples)]
    train_rows, held_rows = split_groups(groups, settings.validation, settings.seed)
    multi_label, genre = _targets(examples, techniques, frames, genres)
    tokenizer, model = _load_base(base, output_labels(techniques, frames, genres))
    problem = window_problem(tokenizer, settings.max_length, settings.stride)
    if problem:
        raise ValueError(problem)
    device = pick_device(torch, settings.device)
    if progress:
        progress(f"{len(train_rows)} training and {len(held_rows)} held-out examples on {device}")
    texts = [examples[i].text for i in train_rows]
    _fit(model, tokenizer, texts, multi_label[train_rows], genre[train_rows], settings, device, progress)
    out.mkdir(parents=True, exist_ok=True)
    with quiet(transformers):
        model.save_pretrained(out)
        tokenizer.save_pretrained(out)
    del model
    card = ModelCard(
        name=name,
        version="1",
        description=description,
        backend="transformers",
        languages=sorted({e.language for e in examples}),
        techniques=techniques,
        genres=genres,
        frames=frames,
        settings={
            "base": base.name,
            "max_length": settings.max_length,
            "stride": settings.stride,
            "training": {
                **{k: v for k, v in asdict(settings).items() if k not in ("device", "max_length", "stride")},
                "examples": len(train_rows),
                "held_out": len(held_rows),
                "spinscope": __version__,
            },
        },
        training_data=list(training_data),
        created=datetime.date.today().isoformat(),
    )
    trained = TransformersModel(out, card, device=device)
    card.thresholds = _thresholds(trained, [examples[i] for i in held_rows], multi_label[held_rows])
    if progress:
        progress("thresholds")
    card.save(out)
    return card
