"""Evaluation metrics: multi-label micro/macro F1 and span F1 with partial-overlap credit."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Scores:
    micro_precision: float
    micro_recall: float
    micro_f1: float
    macro_f1: float
    per_label: dict[str, tuple[float, float, float, int]]  # label → (precision, recall, f1, support)


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def multilabel_scores(
    gold: Sequence[set[str]], predicted: Sequence[set[str]], labels: Iterable[str]
) -> Scores:
    """Micro and macro F1 over `labels` for paired gold/predicted label sets.

    Macro F1 averages over the labels that occur in the gold data (a label nobody used cannot be scored).
    """
    if len(gold) != len(predicted):
        raise ValueError("gold and predicted must pair up")
    per_label = {}
    tp_all = fp_all = fn_all = 0
    for label in labels:
        tp = sum(1 for g, p in zip(gold, predicted, strict=True) if label in g and label in p)
        fp = sum(1 for g, p in zip(gold, predicted, strict=True) if label not in g and label in p)
        fn = sum(1 for g, p in zip(gold, predicted, strict=True) if label in g and label not in p)
        tp_all, fp_all, fn_all = tp_all + tp, fp_all + fp, fn_all + fn
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        per_label[label] = (precision, recall, _f1(precision, recall), tp + fn)
    micro_p = tp_all / (tp_all + fp_all) if tp_all + fp_all else 0.0
    micro_r = tp_all / (tp_all + fn_all) if tp_all + fn_all else 0.0
    supported = [scores[2] for scores in per_label.values() if scores[3] > 0]
    return Scores(
        micro_precision=micro_p,
        micro_recall=micro_r,
        micro_f1=_f1(micro_p, micro_r),
        macro_f1=sum(supported) / len(supported) if supported else 0.0,
        per_label=per_label,
    )


Span = tuple[str, int, int]  # (technique, start, end), end exclusive


def span_scores(gold: Sequence[Span], predicted: Sequence[Span]) -> tuple[float, float, float]:
    """Precision, recall and F1 of technique spans with partial-overlap credit (SemEval-2020 Task 11 style).

    A predicted span earns |overlap| / |predicted| for each gold span of the same technique it overlaps
    (precision), a gold span earns |overlap| / |gold| likewise (recall); both are capped at 1 per span.
    """

    def credit(spans: Sequence[Span], others: Sequence[Span]) -> float:
        by_technique: dict[str, list[tuple[int, int]]] = {}
        for technique, start, end in others:
            by_technique.setdefault(technique, []).append((start, end))
        total = 0.0
        for technique, start, end in spans:
            if end <= start:
                continue
            covered = sum(
                max(0, min(end, o_end) - max(start, o_start))
                for o_start, o_end in by_technique.get(technique, [])
            )
            total += min(1.0, covered / (end - start))
        return total

    precision = credit(predicted, gold) / len(predicted) if predicted else 0.0
    recall = credit(gold, predicted) / len(gold) if gold else 0.0
    return precision, recall, _f1(precision, recall)
