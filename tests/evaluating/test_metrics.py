"""The agreement and classification measures, checked against values worked out by hand."""

from __future__ import annotations

import pytest

from ketamine_claims.evaluating.metrics import kappa, macro_f1, percent_agreement

SCALE = ("contradicted", "insufficient_evidence", "partially_supported", "supported")


def test_kappa_of_identical_labels_is_one():
    assert kappa(["a", "b", "a"], ["a", "b", "a"]) == 1.0


def test_kappa_by_hand():
    # observed 3/4; marginals a: 2/4 and 3/4, b: 2/4 and 1/4 -> expected 0.5; kappa = (0.75 - 0.5) / 0.5
    assert kappa(["a", "a", "b", "b"], ["a", "a", "a", "b"]) == 0.5


def test_weighted_kappa_drops_labels_off_the_scale_and_weights_distance():
    first = ["supported", "contradicted", "not_assessable", "partially_supported"]
    second = ["partially_supported", "contradicted", "supported", "partially_supported"]
    # kept as ranks: (3, 2), (0, 0), (2, 2). Weighted disagreement observed: 1/3. Expected from the
    # marginals {0, 2, 3} and {0, 2, 2} with weights (i - j)^2 on the full scale: 23/9. Kappa = 1 - 3/23.
    assert kappa(first, second, SCALE) == pytest.approx(20 / 23, abs=0.001)


@pytest.mark.parametrize("first, second", [([], []), (["a"], ["a"]), (["a", "a"], ["a", "a"])])
def test_kappa_is_undefined_without_two_labels(first, second):
    assert kappa(first, second) is None


def test_percent_agreement_and_macro_f1():
    assert percent_agreement(["a", "b"], ["a", "c"]) == 0.5
    assert percent_agreement([], []) is None
    # a: P 1, R 1/2, F 2/3; b: P 1/2, R 1, F 2/3; c absent from both sides and left out
    assert macro_f1(["a", "a", "b"], ["a", "b", "b"], ["a", "b", "c"]) == pytest.approx(0.667, abs=0.001)
