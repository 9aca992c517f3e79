"""Agreement and classification measures, from scikit-learn, with the conventions the card reports.

Every function returns None where a measure is undefined (no items, or a single label on both
sides), rather than a number that looks like a result.
"""

from __future__ import annotations

from collections.abc import Sequence

from sklearn.metrics import cohen_kappa_score, f1_score


def kappa(first: Sequence[str], second: Sequence[str], scale: Sequence[str] | None = None) -> float | None:
    """Cohen's kappa of two raters' labels; quadratic-weighted on `scale` when one is given (items off it are dropped)."""
    pairs = list(zip(first, second, strict=True))
    if scale is not None:
        rank = {label: position for position, label in enumerate(scale)}
        pairs = [(rank[a], rank[b]) for a, b in pairs if a in rank and b in rank]
    if not pairs or len({label for pair in pairs for label in pair}) < 2:
        return None
    left, right = zip(*pairs)
    if scale is None:
        return round(float(cohen_kappa_score(left, right)), 3)
    # The whole scale is passed, so that weights follow distance on the scale, not among the labels that occur.
    return round(float(cohen_kappa_score(left, right, labels=list(range(len(scale))), weights="quadratic")), 3)


def percent_agreement(first: Sequence[str], second: Sequence[str]) -> float | None:
    """Share of items on which two raters gave the same label."""
    pairs = list(zip(first, second, strict=True))
    return round(sum(a == b for a, b in pairs) / len(pairs), 3) if pairs else None


def macro_f1(gold: Sequence[str], predicted: Sequence[str], labels: Sequence[str]) -> float | None:
    """F1 averaged over `labels` with equal weight; labels absent from both sides are left out of the average."""
    present = [label for label in labels if label in set(gold) | set(predicted)]
    if not gold or not present:
        return None
    return round(float(f1_score(gold, predicted, labels=present, average="macro", zero_division=0)), 3)
