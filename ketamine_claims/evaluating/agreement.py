"""Inter-annotator agreement between two independent annotations of one article.

Spans are compared one to one: exact matches first, then the remaining pairs with the largest
overlap. F1 is symmetric: 2 * matched / (spans of A + spans of B). Cohen's kappa for labels is
computed over the claim pairs matched by overlap.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass


@dataclass(frozen=True)
class LabelledSpan:
    start: int
    end: int
    labels: tuple  # claims: (claim_type, certainty); mentions: (condition_id,)


def match_spans(first: list[LabelledSpan], second: list[LabelledSpan], exact: bool,
                same_labels: bool = False) -> list[tuple[LabelledSpan, LabelledSpan]]:
    """One-to-one pairs: identical spans (exact) or overlapping spans, largest overlap first."""
    candidates = []
    for i, a in enumerate(first):
        for j, b in enumerate(second):
            if same_labels and a.labels != b.labels:
                continue
            overlap = min(a.end, b.end) - max(a.start, b.start)
            if (exact and (a.start, a.end) == (b.start, b.end)) or (not exact and overlap > 0):
                candidates.append((-overlap, i, j))
    used_first, used_second, pairs = set(), set(), []
    for _, i, j in sorted(candidates):
        if i not in used_first and j not in used_second:
            used_first.add(i)
            used_second.add(j)
            pairs.append((first[i], second[j]))
    return pairs


def f1(matched: int, first: int, second: int) -> float | None:
    total = first + second
    return None if total == 0 else round(2 * matched / total, 3)


def cohen_kappa(pairs: list[tuple[str, str]]) -> float | None:
    """Cohen's kappa of paired categorical labels; None when undefined (no pairs, or chance agreement is 1)."""
    if not pairs:
        return None
    n = len(pairs)
    observed = sum(a == b for a, b in pairs) / n
    left, right = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(left[label] * right[label] for label in left) / (n * n)
    if expected == 1:
        return None
    return round((observed - expected) / (1 - expected), 3)


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
