"""Inter-annotator agreement between two independent annotations of one article.

Spans are paired one to one by an optimal assignment (scipy's linear_sum_assignment) that
maximises the number of pairs and, among equally many, the characters they share. F1 is symmetric:
2 * matched / (spans of A + spans of B). Cohen's kappa for labels is computed over the claim pairs
matched by overlap.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import linear_sum_assignment

from ketamine_claims.evaluating.metrics import kappa


@dataclass(frozen=True)
class LabelledSpan:
    start: int
    end: int
    labels: tuple  # claims: (claim_type, certainty); mentions: (condition_id,)


def match_spans(first: list[LabelledSpan], second: list[LabelledSpan], exact: bool,
                same_labels: bool = False) -> list[tuple[LabelledSpan, LabelledSpan]]:
    """Optimal one-to-one pairs of identical spans (exact) or of overlapping spans, most pairs and most overlap first."""
    if not first or not second:
        return []
    overlap = np.zeros((len(first), len(second)))
    for i, a in enumerate(first):
        for j, b in enumerate(second):
            if same_labels and a.labels != b.labels:
                continue
            shared = min(a.end, b.end) - max(a.start, b.start)
            if (exact and (a.start, a.end) == (b.start, b.end)) or (not exact and shared > 0):
                overlap[i, j] = shared
    # A pair counts 1 plus its share of the longest overlap, so more pairs always beat more overlap.
    weight = np.where(overlap > 0, 1 + overlap / (overlap.max() + 1), 0)
    rows, columns = linear_sum_assignment(weight, maximize=True)
    return [(first[i], second[j]) for i, j in zip(rows, columns) if weight[i, j] > 0]


def f1(matched: int, first: int, second: int) -> float | None:
    total = first + second
    return None if total == 0 else round(2 * matched / total, 3)


def cohen_kappa(pairs: list[tuple[str, str]]) -> float | None:
    """Cohen's kappa of paired categorical labels; None when undefined (no pairs, or one label only)."""
    return kappa([a for a, _ in pairs], [b for _, b in pairs])


def agreement(first_claims: list[LabelledSpan], second_claims: list[LabelledSpan],
              first_mentions: list[LabelledSpan], second_mentions: list[LabelledSpan]) -> dict:
    """All agreement figures for one pair of annotations."""
    exact = match_spans(first_claims, second_claims, exact=True)
    overlap = match_spans(first_claims, second_claims, exact=False)
    mention_exact = match_spans(first_mentions, second_mentions, exact=True, same_labels=True)
    mention_overlap = match_spans(first_mentions, second_mentions, exact=False, same_labels=True)
    return {
        "claims_first": len(first_claims),
        "claims_second": len(second_claims),
        "claim_f1_exact": f1(len(exact), len(first_claims), len(second_claims)),
        "claim_f1_overlap": f1(len(overlap), len(first_claims), len(second_claims)),
        "claim_pairs": len(overlap),
        "kappa_claim_type": cohen_kappa([(a.labels[0], b.labels[0]) for a, b in overlap]),
        "kappa_certainty": cohen_kappa([(a.labels[1], b.labels[1]) for a, b in overlap]),
        "mentions_first": len(first_mentions),
        "mentions_second": len(second_mentions),
        "mention_f1_exact": f1(len(mention_exact), len(first_mentions), len(second_mentions)),
        "mention_f1_overlap": f1(len(mention_overlap), len(first_mentions), len(second_mentions)),
    }
