"""Train the role model on the authored examples: `python -m spinscope.roles.train corpus/roles --out DIR`.

Every `*.jsonl` file of the folder is read (`en.jsonl`, `fr-climate.jsonl` …; the language is the name up
to the first `-` or `.`). Each example is analysed as the pipeline would (techniques, entities, rule casts),
featurised by `roles.features`, and two heads are fitted with scikit-learn (training only; inference is
numpy): a multinomial logistic regression for the main role, and one-vs-rest logistic regressions for the
fine roles. Each example is seen twice, once whole and once with its n-grams dropped, so that the cue,
technique and type features learn to decide on their own: in a language the examples barely cover, the
n-grams say little and the rule layer's casts must carry the decision. Only the feature columns the
examples use are stored.
"""

from __future__ import annotations

import argparse
import datetime
import sys
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix, vstack

from spinscope.errors import InputError
from spinscope.models import DEFAULT_MODEL
from spinscope.models.card import DataSource
from spinscope.roles.corpus import Example, read_examples
from spinscope.roles.cues import MAIN_ROLES
from spinscope.roles.features import FINE_ROLES, Layout, mention_rows
from spinscope.roles.mentions import prepare
from spinscope.roles.model import WEIGHTS_FILE, RoleModelCard

VERSION = "1"
# Inverse regularisation strength: scikit-learn's default. Cross-validation over held-out frames of the
# examples prefers weaker regularisation (3.0), which made the model surer of itself on real articles
# without making it right more often; the default is kept.
_C = 1.0


def corpus_examples(folder: Path) -> list[tuple[str, Example]]:
    """(language, example) for every example of every .jsonl file of `folder`, files in name order."""
    out = []
    for path in sorted(folder.glob("*.jsonl")):
        language = path.name.split(".")[0].split("-")[0]
        out += [(language, example) for example in read_examples(path)]
    return out


def featurise(examples: list[tuple[str, Example]], layout: Layout, technique_model: str | None):
    """The sparse matrix of the examples' features (scipy CSR), one row per example."""
    rows, columns, values = [], [], []
    for row, (language, example) in enumerate(examples):
        prepared = prepare(
            example.text, [(example.start, example.end, example.entity)], language, technique_model
        )
        r, c, v = mention_rows(prepared.doc, prepared.contexts[:1], layout)
        rows.append(r + row)
        columns.append(c)
        values.append(v)
    return csr_matrix(
        (np.concatenate(values), (np.concatenate(rows), np.concatenate(columns))),
        shape=(len(examples), layout.width),
        dtype=np.float32,
    )


def cues_only(matrix, layout: Layout):
    """The same rows without their n-gram columns."""
    keep = np.zeros(layout.width, dtype=np.float32)
    keep[layout.dense_start :] = 1.0
    return matrix.multiply(keep[None, :]).tocsr()


def fit(matrix, examples: list[tuple[str, Example]], c: float) -> dict[str, np.ndarray]:
    """The weights of both heads, restricted to the columns the examples use."""
    from sklearn.linear_model import LogisticRegression

    used = np.unique(matrix.nonzero()[1])
    x = matrix[:, used]
    main_labels = np.array([MAIN_ROLES.index(e.main) for _, e in examples])
    main_head = LogisticRegression(C=c, max_iter=2000).fit(x, main_labels)
    main = np.zeros((len(used), len(MAIN_ROLES)), dtype=np.float32)
    main_bias = np.zeros(len(MAIN_ROLES), dtype=np.float32)
    main[:, main_head.classes_] = main_head.coef_.T
    main_bias[main_head.classes_] = main_head.intercept_
    fine = np.zeros((len(used), len(FINE_ROLES)), dtype=np.float32)
    # A role no example shows is never given; one every example shows always is.
    fine_bias = np.full(len(FINE_ROLES), -10.0, dtype=np.float32)
    for k, role in enumerate(FINE_ROLES):
        labels = np.array([role in e.fine for _, e in examples])
        if labels.all():
            fine_bias[k] = 10.0
        elif labels.any():
            head = LogisticRegression(C=c, max_iter=2000).fit(x, labels)
            fine[:, k], fine_bias[k] = head.coef_[0], head.intercept_[0]
    return {
        "columns": used.astype(np.int64),
        "main": main.astype(np.float16),
        "main_bias": main_bias,
        "fine": fine.astype(np.float16),
        "fine_bias": fine_bias,
    }


def train(folder: Path, out: Path, technique_model: str | None = DEFAULT_MODEL) -> RoleModelCard:
    examples = corpus_examples(folder)
    missing = set(MAIN_ROLES) - {example.main for _, example in examples}
    if missing:
        raise InputError(f"{folder}: no example of {', '.join(sorted(missing))}; every main role needs some")
    layout = Layout()
    matrix = featurise(examples, layout, technique_model)
    weights = fit(vstack([matrix, cues_only(matrix, layout)]).tocsr(), examples + examples, _C)
    out.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out / WEIGHTS_FILE, **weights)
    languages = sorted({language for language, _ in examples})
    counts = {lang: sum(1 for language, _ in examples if language == lang) for lang in languages}
    card = RoleModelCard(
        name=out.name,
        version=VERSION,
        description=(
            "Entity roles (SemEval-2025 Task 10 subtask 1 taxonomy) from the context of a mention, the "
            "mention masked: hashed character n-grams, the rule layer's casts, techniques nearby and the "
            "entity type. Multinomial main role, one-vs-rest fine roles."
        ),
        languages=languages,
        settings={
            "buckets": layout.buckets,
            "technique_model": technique_model or "none",
            "C": _C,
        },
        training_data=[
            DataSource(
                name="spinscope authored role examples",
                source=f"corpus/roles/*.jsonl ({', '.join(f'{k}: {v}' for k, v in counts.items())})",
                licence="MIT (written for the project)",
                size=f"{len(examples)} mentions",
            )
        ],
        created=datetime.date.today().isoformat(),
    )
    card.save(out)
    return card


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m spinscope.roles.train", description=__doc__.splitlines()[0]
    )
    parser.add_argument("corpus", type=Path, help="folder of role examples (*.jsonl)")
    parser.add_argument("--out", type=Path, required=True, help="model package directory to write")
    parser.add_argument("--technique-model", default=DEFAULT_MODEL, help="technique model, or 'none'")
    args = parser.parse_args(argv)
    technique_model = None if args.technique_model == "none" else args.technique_model
    try:
        card = train(args.corpus, args.out, technique_model)
    except InputError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"{args.out}: {card.training_data[0].size} ({card.training_data[0].source})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
