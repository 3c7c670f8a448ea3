"""Metrics behave as the SemEval scorers define them."""

import pytest

from spinscope.training.metrics import multilabel_scores, span_scores


def test_perfect_and_empty_predictions():
    gold = [{"A"}, {"B"}, set()]
    perfect = multilabel_scores(gold, gold, ["A", "B", "C"])
    assert perfect.micro_f1 == 1.0 and perfect.macro_f1 == 1.0
    nothing = multilabel_scores(gold, [set(), set(), set()], ["A", "B", "C"])
    assert nothing.micro_f1 == 0.0 and nothing.macro_f1 == 0.0


def test_micro_and_macro_f1_by_hand():
    gold = [{"A", "B"}, {"A"}, {"B"}]
    predicted = [{"A"}, {"A", "B"}, set()]
    scores = multilabel_scores(gold, predicted, ["A", "B", "C"])
    # A: tp 2, fp 0, fn 0 → F1 1.0. B: tp 0, fp 1, fn 2 → F1 0. C has no support and is left out of macro.
    assert scores.micro_precision == pytest.approx(2 / 3)
    assert scores.micro_recall == pytest.approx(2 / 4)
    assert scores.micro_f1 == pytest.approx(2 * (2 / 3) * 0.5 / (2 / 3 + 0.5))
    assert scores.macro_f1 == pytest.approx(0.5)
    assert scores.per_label["C"] == (0.0, 0.0, 0.0, 0)


def test_gold_and_predictions_must_pair_up():
    with pytest.raises(ValueError):
        multilabel_scores([set()], [], ["A"])


def test_span_scores_give_partial_credit_only_for_the_same_technique():
    gold = [("Loaded", 0, 10)]
    assert span_scores(gold, [("Loaded", 0, 10)]) == (1.0, 1.0, 1.0)
    precision, recall, _ = span_scores(gold, [("Loaded", 5, 15)])
    assert precision == pytest.approx(0.5) and recall == pytest.approx(0.5)
    assert span_scores(gold, [("Doubt", 0, 10)]) == (0.0, 0.0, 0.0)
    precision, recall, _ = span_scores(gold, [("Loaded", 0, 5), ("Loaded", 5, 10)])
    assert precision == 1.0 and recall == 1.0
