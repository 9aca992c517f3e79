"""Simple, reproducible baselines for every task, made from a release alone, to be scored by the scorer.

Each baseline is deliberately plain, so that its score is a floor a real system must beat:
- claim_detection: every sentence of an article as one claim;
- claim_attributes and claim_verification: the majority label of the other articles, or of the
  other claim groups, so that no claim's own label is used to predict it;
- condition_mentions: each concept's English name found as a whole word (a lexicon linker);
- claim_matching: cosine similarity of character n-gram TF-IDF vectors of the claims' own words.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pyarrow.parquet as pq
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity

from ketamine_claims.release_layout import find_data_file

#: A sentence: a run of text up to a full stop, question or exclamation mark or line break, which it excludes
#: (claim spans leave the closing punctuation out).
SENTENCE = re.compile(r"[^.!?\n]+")


def _rows(release: Path, config: str, columns: list[str]) -> list[dict]:
    return pq.read_table(find_data_file(release, config), columns=columns).to_pylist()


def _majority(labels: list[str]) -> str:
    """The most frequent label, the first in sorted order among ties, so the result never depends on row order."""
    counts = Counter(labels)
    return min(counts, key=lambda label: (-counts[label], label))


def claim_detection(release: Path) -> list[dict]:
    predictions = []
    for article in _rows(release, "articles", ["article_id", "text"]):
        for match in SENTENCE.finditer(article["text"]):
            start = match.start() + len(match.group()) - len(match.group().lstrip())
            end = match.end() - (len(match.group()) - len(match.group().rstrip()))
            if end > start:
                predictions.append({"article_id": article["article_id"], "start": start, "end": end})
    return predictions


def claim_attributes(release: Path) -> list[dict]:
    claims = _rows(release, "claims", ["claim_id", "article_id", "claim_type", "certainty", "evidence_cited"])
    attributes = ("claim_type", "certainty", "evidence_cited")
    majority = {}
    for article in {claim["article_id"] for claim in claims}:
        others = [claim for claim in claims if claim["article_id"] != article] or claims
        majority[article] = {a: _majority([claim[a] for claim in others]) for a in attributes}
    return [{"claim_id": claim["claim_id"], **majority[claim["article_id"]]} for claim in claims]


def condition_mentions(release: Path) -> list[dict]:
    concepts = _rows(release, "conditions", ["condition_id", "name"])
    patterns = [(c["condition_id"], re.compile(rf"\b{re.escape(c['name'])}\b", re.IGNORECASE)) for c in concepts]
    predictions = []
    for article in _rows(release, "articles", ["article_id", "text"]):
        for condition_id, pattern in patterns:
            predictions += [{"article_id": article["article_id"], "start": m.start(), "end": m.end(),
                             "condition_id": condition_id} for m in pattern.finditer(article["text"])]
    return predictions


def claim_verification(release: Path) -> list[dict]:
    claims = _rows(release, "claims", ["claim_id", "claim_group_id", "verdict"])
    group_verdict = {claim["claim_group_id"]: claim["verdict"] for claim in claims}
    counts = Counter(group_verdict.values())
    predictions = []
    for claim in claims:
        others = counts.copy()
        others[group_verdict[claim["claim_group_id"]]] -= 1  # leave the claim's own group out
        predictions.append({"claim_id": claim["claim_id"], "verdict": min(others, key=lambda v: (-others[v], v))})
    return predictions


def claim_matching(release: Path, depth: int = 20) -> list[dict]:
    claims = _rows(release, "claims", ["claim_id", "text"])
    vectors = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), lowercase=True).fit_transform(
        [claim["text"] for claim in claims])
    similarity = cosine_similarity(vectors)
    predictions = []
    for index, claim in enumerate(claims):
        order = sorted((j for j in range(len(claims)) if j != index), key=lambda j: (-similarity[index, j], j))
        predictions.append({"claim_id": claim["claim_id"], "ranked_claim_ids": [claims[j]["claim_id"] for j in order[:depth]]})
    return predictions


def gold_as_predictions(release: Path) -> dict[str, list[dict]]:
    """The release's own annotations in each task's prediction format; they must score perfectly."""
    claims = _rows(release, "claims", ["claim_id", "article_id", "start", "end", "claim_group_id", "claim_type",
                                       "certainty", "evidence_cited", "verdict"])
    conditions = _rows(release, "conditions", ["condition_id", "mentions"])
    members: dict[str, list[str]] = {}
    for claim in claims:
        members.setdefault(claim["claim_group_id"], []).append(claim["claim_id"])
    return {
        "claim_detection": [{k: c[k] for k in ("article_id", "start", "end")} for c in claims],
        "claim_attributes": [{k: c[k] for k in ("claim_id", "claim_type", "certainty", "evidence_cited")} for c in claims],
        "condition_mentions": [{"article_id": m["article_id"], "start": m["start"], "end": m["end"],
                                "condition_id": row["condition_id"]} for row in conditions for m in row["mentions"]],
        "claim_verification": [{"claim_id": c["claim_id"], "verdict": c["verdict"]} for c in claims],
        "claim_matching": [{"claim_id": c["claim_id"], "ranked_claim_ids": members[c["claim_group_id"]]} for c in claims],
    }


BASELINES: dict[str, tuple[str, Callable[[Path], list[dict]]]] = {
    "claim_detection": ("every sentence", claim_detection),
    "claim_attributes": ("majority label of the other articles", claim_attributes),
    "condition_mentions": ("concept names as a lexicon", condition_mentions),
    "claim_verification": ("majority verdict of the other groups", claim_verification),
    "claim_matching": ("character 3-5-gram TF-IDF cosine", claim_matching),
}
