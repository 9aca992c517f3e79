"""The benchmark's tasks: what each scores, against which gold, with which measures.

Every score function takes the gold of a release and the validated prediction records (with their
line numbers) and returns a flat dict of named figures. Predictions that name a claim or article
the release does not hold, or that repeat one, are errors (InvalidData, located by line); gold
items a system left out count as wrong.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from pydantic import BaseModel
from sklearn.metrics import f1_score

from ketamine_claims.errors import InvalidData, Problem
from ketamine_claims.evaluating.agreement import LabelledSpan, match_spans
from ketamine_claims.evaluating.gold import Gold
from ketamine_claims.evaluating.metrics import kappa, macro_f1
from schema.enums import VERDICT_SCALE, Certainty, ClaimType, EvidenceCited, Verdict
from schema.predictions import (
    ClaimAttributesPrediction, ClaimSpanPrediction, MatchingPrediction, MentionPrediction, VerdictPrediction,
)

Records = list[tuple[int, BaseModel]]
MISSING = "(no prediction)"


@dataclass(frozen=True)
class Task:
    """A benchmark task: its prediction model and the function that scores predictions against gold."""

    name: str
    prediction: type[BaseModel]
    score: Callable[[Gold, Records, str], dict]
    summary: str
    measures: str
    gold: str
    headline: str  # the figure to report first, as the card's results table does


def _by_claim(gold: Gold, records: Records, shown: str) -> dict[str, BaseModel]:
    """Predictions keyed by claim_id; unknown and repeated claim ids are located errors."""
    known = {claim["claim_id"] for claim in gold.claims}
    found, problems, first_line = {}, [], {}
    for line, record in records:
        if record.claim_id not in known:
            problems.append(Problem(shown, line, None, "claim_id", f"unknown claim {record.claim_id!r}; predict only "
                                                                   "claims of the release"))
        elif record.claim_id in found:
            problems.append(Problem(shown, line, None, "claim_id", f"{record.claim_id!r} is predicted again (first on "
                                                                   f"line {first_line[record.claim_id]}); keep one line per claim"))
        else:
            found[record.claim_id], first_line[record.claim_id] = record, line
    if problems:
        raise InvalidData(problems)
    return found


def _known_articles(gold: Gold, records: Records, shown: str) -> None:
    known = {claim["article_id"] for claim in gold.claims} | {mention["article_id"] for mention in gold.mentions}
    problems = [Problem(shown, line, None, "article_id", f"unknown article {r.article_id!r}; predict only articles "
                                                         "of the release") for line, r in records if r.article_id not in known]
    problems += [Problem(shown, line, None, "end", f"the span ends at {r.end}, before it starts at {r.start}; "
                                                   "give end after start") for line, r in records if r.end <= r.start]
    if problems:
        raise InvalidData(problems)


def _prf(matched: int, predicted: int, gold: int) -> dict:
    precision = matched / predicted if predicted else 0.0
    recall = matched / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3)}


def _span_scores(gold_spans: dict[str, list[LabelledSpan]], predicted: dict[str, list[LabelledSpan]],
                 same_labels: bool) -> dict:
    """Micro precision, recall and F1 over all articles, exact and overlap, with optimal one-to-one matching."""
    result = {}
    gold_total = sum(map(len, gold_spans.values()))
    predicted_total = sum(map(len, predicted.values()))
    for mode, exact in (("exact", True), ("overlap", False)):
        matched = sum(len(match_spans(gold_spans.get(a, []), predicted.get(a, []), exact, same_labels))
                      for a in set(gold_spans) | set(predicted))
        result.update({f"{mode}_{k}": v for k, v in _prf(matched, predicted_total, gold_total).items()})
    return result | {"gold": gold_total, "predicted": predicted_total}


def score_claim_detection(gold: Gold, records: Records, shown: str) -> dict:
    _known_articles(gold, records, shown)
    gold_spans, predicted = defaultdict(list), defaultdict(list)
    for claim in gold.claims:
        gold_spans[claim["article_id"]].append(LabelledSpan(claim["start"], claim["end"], ()))
    for _, record in records:
        predicted[record.article_id].append(LabelledSpan(record.start, record.end, ()))
    return _span_scores(gold_spans, predicted, same_labels=False)


def score_condition_mentions(gold: Gold, records: Records, shown: str) -> dict:
    _known_articles(gold, records, shown)
    gold_spans, predicted = defaultdict(list), defaultdict(list)
    for mention in gold.mentions:
        gold_spans[mention["article_id"]].append(LabelledSpan(mention["start"], mention["end"], (mention["condition_id"],)))
    for _, record in records:
        predicted[record.article_id].append(LabelledSpan(record.start, record.end, (record.condition_id,)))
    detection = _span_scores(gold_spans, predicted, same_labels=False)
    linked = _span_scores(gold_spans, predicted, same_labels=True)
    return ({f"detection_{k}": v for k, v in detection.items() if k not in {"gold", "predicted"}}
            | {f"normalisation_{k}": v for k, v in linked.items() if k not in {"gold", "predicted"}}
            | {"gold": detection["gold"], "predicted": detection["predicted"]})


def score_claim_attributes(gold: Gold, records: Records, shown: str) -> dict:
    found = _by_claim(gold, records, shown)
    result = {"claims": len(gold.claims), "missing": sum(c["claim_id"] not in found for c in gold.claims)}
    for attribute, labels in (("claim_type", ClaimType), ("certainty", Certainty), ("evidence_cited", EvidenceCited)):
        truth = [claim[attribute] for claim in gold.claims]
        guess = [found[c["claim_id"]].model_dump(mode="json")[attribute] if c["claim_id"] in found else MISSING
                 for c in gold.claims]
        result[f"{attribute}_macro_f1"] = macro_f1(truth, guess, labels.values())
        result[f"{attribute}_accuracy"] = round(sum(a == b for a, b in zip(truth, guess)) / len(truth), 3)
    return result


def score_claim_verification(gold: Gold, records: Records, shown: str) -> dict:
    found = _by_claim(gold, records, shown)
    truth = [claim["verdict"] for claim in gold.claims]
    guess = [found[c["claim_id"]].verdict.value if c["claim_id"] in found else MISSING for c in gold.claims]
    group_size = Counter(claim["claim_group_id"] for claim in gold.claims)
    # Each claim group weighs 1 in total, so copies of one assertion do not count twice.
    weights = [1 / group_size[claim["claim_group_id"]] for claim in gold.claims]
    present = [v for v in Verdict.values() if v in set(truth) | set(guess)]
    per_class = f1_score(truth, guess, labels=present, average=None, zero_division=0)
    scale = [v.value for v in VERDICT_SCALE]
    return {
        "claims": len(truth), "groups": len(group_size), "missing": guess.count(MISSING),
        "accuracy": round(sum(a == b for a, b in zip(truth, guess)) / len(truth), 3),
        "macro_f1": macro_f1(truth, guess, Verdict.values()),
        "macro_f1_per_group": round(float(f1_score(truth, guess, labels=present, average="macro",
                                                   sample_weight=weights, zero_division=0)), 3),
        "weighted_kappa_on_scale": kappa(truth, guess, scale),
        **{f"f1_{label}": round(float(value), 3) for label, value in zip(present, per_class)},
    }


def score_claim_matching(gold: Gold, records: Records, shown: str) -> dict:
    found = _by_claim(gold, records, shown)
    article_of = {claim["claim_id"]: claim["article_id"] for claim in gold.claims}
    members = defaultdict(set)
    for claim in gold.claims:
        members[claim["claim_group_id"]].add(claim["claim_id"])

    def unrelated(query: str, other: str) -> bool:
        """False for a positive in an article that is a translation or a copy of the query's article."""
        return frozenset((article_of[query], article_of[other])) not in gold.related_articles

    result = {}
    for subset, keep in (("all", lambda query, other: True), ("hard", unrelated)):
        ranks = []
        for claim in gold.claims:
            query = claim["claim_id"]
            positives = {other for other in members[claim["claim_group_id"]] - {query} if keep(query, other)}
            if not positives:
                continue
            # Candidates the subset sets aside (a translated copy, in `hard`) are skipped, not counted as misses.
            ranked = [c for c in (found[query].ranked_claim_ids if query in found else [])
                      if c != query and c in article_of and keep(query, c)]
            ranks.append(next((position for position, c in enumerate(ranked, start=1) if c in positives), None))
        result[f"{subset}_queries"] = len(ranks)
        result[f"{subset}_mrr"] = round(sum(1 / r for r in ranks if r) / len(ranks), 3) if ranks else None
        for k in (1, 5, 10):
            result[f"{subset}_recall_at_{k}"] = round(sum(1 for r in ranks if r and r <= k) / len(ranks), 3) if ranks else None
    return result


TASKS = {task.name: task for task in (
    Task("claim_detection", ClaimSpanPrediction, score_claim_detection,
         "find the claims of each article as character spans",
         "micro precision, recall and F1 over all articles, exact offsets and any overlap, optimal one-to-one matching; "
         "nested claims count as claims of their own, and spans in page chrome as false positives",
         "`articles.text` in, `claims` (`article_id`, `start`, `end`) as gold", "overlap_f1"),
    Task("claim_attributes", ClaimAttributesPrediction, score_claim_attributes,
         "label each gold claim with its type, certainty and evidence cited",
         "macro-F1 and accuracy per attribute; a claim left out counts as wrong",
         "`claims.text` in context; `claim_type`, `certainty`, `evidence_cited` as gold", "claim_type_macro_f1"),
    Task("condition_mentions", MentionPrediction, score_condition_mentions,
         "find the condition mentions and link each to its concept",
         "detection (span only) and normalisation (span and concept), each strict (exact offsets) and lenient "
         "(overlap): micro precision, recall, F1",
         "`articles.text` in; `mentions` with their `condition_id` as gold", "normalisation_overlap_f1"),
    Task("claim_verification", VerdictPrediction, score_claim_verification,
         "give each claim the verdict the literature supports",
         "macro-F1 over the verdicts, per claim and per claim group (each group weighs 1), accuracy, "
         "quadratic-weighted kappa on the ordered scale, F1 per verdict",
         "`claims.text` in its article; `claims.verdict` as gold", "macro_f1_per_group"),
    Task("claim_matching", MatchingPrediction, score_claim_matching,
         "rank the other claims by whether they assert the same",
         "MRR and recall at 1, 5 and 10 over queries with a positive; `hard`: positives in a translated or copied "
         "article left out",
         "`claims.text` in; other claims of the same `claim_group_id` as positives", "hard_mrr"),
)}
