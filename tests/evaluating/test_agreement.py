"""Agreement figures on hand-computed examples."""

from ketamine_claims.evaluating.agreement import LabelledSpan, cohen_kappa, f1, match_spans


def spans(*triples):
    return [LabelledSpan(a, b, labels) for a, b, labels in triples]


def test_exact_and_overlap_matching_is_one_to_one():
    first = spans((0, 10, ("x",)), (20, 30, ("y",)))
    second = spans((0, 10, ("x",)), (25, 35, ("y",)), (26, 28, ("y",)))
    assert len(match_spans(first, second, exact=True)) == 1
    pairs = match_spans(first, second, exact=False)
    assert [(a.start, b.start) for a, b in pairs] == [(0, 0), (20, 25)]
    assert f1(len(pairs), len(first), len(second)) == 0.8


def test_mentions_can_require_the_same_labels():
    first, second = spans((0, 5, ("pain",))), spans((0, 5, ("chronic-pain",)))
    assert match_spans(first, second, exact=True, same_labels=True) == []


def test_cohen_kappa():
    assert cohen_kappa([("a", "a"), ("b", "b")]) == 1.0
    assert cohen_kappa([("a", "a"), ("a", "b"), ("b", "a"), ("b", "b")]) == 0.0
    assert cohen_kappa([("a", "a"), ("a", "a")]) is None
    assert cohen_kappa([]) is None
    # observed 0.8; expected 0.6*0.6 + 0.4*0.4 = 0.52; kappa = 0.28 / 0.48
    assert cohen_kappa([("a", "a")] * 5 + [("b", "b")] * 3 + [("a", "b"), ("b", "a")]) == 0.583


def test_matching_finds_the_most_pairs_where_greedy_would_not():
    from ketamine_claims.evaluating.agreement import match_spans

    x, y = LabelledSpan(0, 10, ()), LabelledSpan(9, 11, ())
    p, q = LabelledSpan(1, 10, ()), LabelledSpan(0, 2, ())
    # Largest overlap first would pair x with p (9 characters) and leave y and q unmatched.
    assert sorted(match_spans([x, y], [p, q], exact=False), key=lambda pair: pair[0].start) == [(x, q), (y, p)]
